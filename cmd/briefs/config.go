package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/adrg/xdg"
	"gopkg.in/yaml.v2"

	"github.com/briefs/briefs/internal/extract"
	"github.com/briefs/briefs/internal/safefile"
	"github.com/briefs/briefs/internal/store"
	"github.com/briefs/briefs/internal/termsafe"
)

// config is the user's configuration file (YAML):
//
//	folders:
//	  - ~/briefs
//	  - /srv/agency-dumps
//	series:
//	  - name: Erbil Forum
//	    aliases: [منتدى أربيل]
//	    editions: {2024: 10}
type config struct {
	Folders []string `yaml:"folders"`
	Seeds   *bool    `yaml:"seeds"` // include the embedded seed briefs (default true)
	// Store is where tags and notes are kept: a SQLite file (the default
	// under $XDG_DATA_HOME), sqlite:PATH, or a team store's URL
	// (postgres://USER@HOST/DATABASE).
	Store string `yaml:"store"`
	// User is your name in a team store (default: the system's user name).
	User string `yaml:"user"`
	// Series are the user's own recurring events, merged over the built-in
	// catalogue (extract.Options.Series); they apply to every collection,
	// the PATHs given on the command line too.
	Series []extract.SeriesDecl `yaml:"series"`
}

// maxConfig is the largest configuration file read.
const maxConfig = 1 << 20

func defaultConfigPath() string {
	return filepath.Join(xdg.ConfigHome, "briefs", "config.yaml")
}

// loadConfig reads the configuration; a missing file at the default path is
// an empty configuration, a missing file the user named is an error.
func loadConfig(path string, explicit bool) (config, error) {
	var c config
	// never blocks on a FIFO, never reads a device or more than maxConfig
	data, _, err := safefile.ReadFile(path, maxConfig)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && !explicit {
			return c, nil
		}
		return c, fmt.Errorf("read config %s: %w", shown(path), err)
	}
	if err := yaml.UnmarshalStrict(data, &c); err != nil {
		return c, fmt.Errorf("config %s: %s", shown(path), yamlProblem(err))
	}
	if err := checkSeries(c.Series); err != nil {
		return c, fmt.Errorf("config %s: %w", shown(path), err)
	}
	for i, f := range c.Folders {
		c.Folders[i] = expandPath(f, filepath.Dir(path))
	}
	if c.Store != "" && !store.IsURL(c.Store) {
		c.Store = expandPath(store.FilePath(c.Store), filepath.Dir(path))
	}
	return c, nil
}

// expandPath makes a path of the configuration absolute: ~ is the home
// folder, a relative path is relative to dir (the file's folder).
func expandPath(p, dir string) string {
	home, _ := os.UserHomeDir()
	switch {
	case p == "~" || strings.HasPrefix(p, "~/"):
		return filepath.Join(home, strings.TrimPrefix(p, "~"))
	case !filepath.IsAbs(p):
		return filepath.Join(dir, p)
	}
	return p
}

func (c config) seeds() bool { return c.Seeds == nil || *c.Seeds }

// yamlProblem words a YAML decoding error of the configuration: the
// decoder's type names become the keys that were expected.
func yamlProblem(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	msg = strings.ReplaceAll(msg, "unmarshal errors:\n  ", "")
	msg = strings.ReplaceAll(msg, "\n  ", "; ")
	msg = strings.ReplaceAll(msg, "in type main.config", "(the keys are folders, seeds, store, user and series)")
	msg = strings.ReplaceAll(msg, "in type extract.SeriesDecl",
		"in a series (the keys are name, key, aliases, acronyms, topics, editions and hosts)")
	msg = strings.ReplaceAll(msg, "into []extract.SeriesDecl", "into series (a list of series, each with a name:)")
	msg = strings.ReplaceAll(msg, "into extract.SeriesDecl", "into a series (name:, aliases:, editions:...)")
	msg = strings.ReplaceAll(msg, "into map[int]int", "into editions (year: edition, as in 2024: 10)")
	msg = strings.ReplaceAll(msg, "into map[int][]string", "into hosts (edition: [places], as in 34: [Baghdad])")
	msg = strings.ReplaceAll(msg, "into []string", "into a list")
	msg = strings.ReplaceAll(msg, "unmarshal !!seq", "read a list")
	msg = strings.ReplaceAll(msg, "unmarshal !!map", "read a mapping")
	msg = strings.ReplaceAll(msg, "unmarshal !!str", "read the text")
	msg = strings.ReplaceAll(msg, "unmarshal !!int", "read the number")
	return msg
}

// checkSeries checks the configuration's series block, naming the entry at
// fault (1-based, with its name) and what is wrong with it.
func checkSeries(decls []extract.SeriesDecl) error {
	entry := func(i int) string {
		d := decls[i]
		switch {
		case strings.TrimSpace(d.Name) != "":
			return fmt.Sprintf("series entry %d (%s)", i+1, termsafe.Quote(d.Name))
		case strings.TrimSpace(d.Key) != "":
			return fmt.Sprintf("series entry %d (key %s)", i+1, termsafe.Quote(d.Key))
		}
		return fmt.Sprintf("series entry %d", i+1)
	}
	keys, names := map[string]int{}, map[string]int{}
	for i, d := range decls {
		if strings.TrimSpace(d.Name) == "" && strings.TrimSpace(d.Key) == "" {
			return fmt.Errorf("%s: no name (each series needs name:, as in - name: Erbil Forum)", entry(i))
		}
		if k := strings.TrimSpace(d.Key); k != "" {
			if j, dup := keys[k]; dup {
				return fmt.Errorf("%s: key %s is also the key of entry %d", entry(i), termsafe.Quote(k), j+1)
			}
			keys[k] = i
		}
		// two entries naming one series would be merged into one
		for _, n := range append([]string{d.Name}, d.Aliases...) {
			fold := strings.ToLower(strings.Join(strings.Fields(n), " "))
			if fold == "" {
				continue
			}
			if j, dup := names[fold]; dup && j != i {
				return fmt.Errorf("%s: %s is also a name of entry %d (one entry per series)", entry(i), termsafe.Quote(n), j+1)
			}
			names[fold] = i
		}
		words := append([]string{d.Key, d.Name}, d.Aliases...)
		words = append(words, d.Acronyms...)
		words = append(words, d.Topics...)
		for _, places := range d.Hosts {
			words = append(words, places...)
		}
		for _, w := range words {
			if termsafe.FirstUnsafe(w) >= 0 {
				return fmt.Errorf("%s: %s holds a control character", entry(i), termsafe.Quote(w))
			}
		}
		for _, w := range append(append([]string{}, d.Aliases...), d.Acronyms...) {
			if strings.TrimSpace(w) == "" {
				return fmt.Errorf("%s: an empty alias or acronym", entry(i))
			}
		}
	}
	bad, err := extract.CheckSeries(decls)
	if err != nil {
		if bad < 0 {
			return fmt.Errorf("series: %w", err)
		}
		// extract's messages begin with the series' name, which entry() gives
		msg := err.Error()
		if d := decls[bad]; d.Name != "" {
			msg = strings.TrimPrefix(msg, fmt.Sprintf("series %q: ", strings.TrimSpace(d.Name)))
		}
		return fmt.Errorf("%s: %s", entry(bad), msg)
	}
	return nil
}
