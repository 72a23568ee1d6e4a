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

	"github.com/briefs/briefs/internal/safefile"
	"github.com/briefs/briefs/internal/store"
)

// config is the user's configuration file (YAML):
//
//	folders:
//	  - ~/briefs
//	  - /srv/agency-dumps
type config struct {
	Folders []string `yaml:"folders"`
	Seeds   *bool    `yaml:"seeds"` // include the embedded seed briefs (default true)
	// Store is where tags and notes are kept: a SQLite file (the default
	// under $XDG_DATA_HOME), sqlite:PATH, or a team store's URL
	// (postgres://USER@HOST/DATABASE).
	Store string `yaml:"store"`
	// User is your name in a team store (default: the system's user name).
	User string `yaml:"user"`
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
		return c, fmt.Errorf("config %s: %w (expected `folders:` with a list of paths)", shown(path), err)
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
