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
)

// config is the user's configuration file (YAML):
//
//	folders:
//	  - ~/briefs
//	  - /srv/agency-dumps
type config struct {
	Folders []string `yaml:"folders"`
	Seeds   *bool    `yaml:"seeds"` // include the embedded seed briefs (default true)
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
	home, _ := os.UserHomeDir()
	for i, f := range c.Folders {
		if f == "~" || strings.HasPrefix(f, "~/") {
			c.Folders[i] = filepath.Join(home, strings.TrimPrefix(f, "~"))
		} else if !filepath.IsAbs(f) {
			c.Folders[i] = filepath.Join(filepath.Dir(path), f)
		}
	}
	return c, nil
}

func (c config) seeds() bool { return c.Seeds == nil || *c.Seeds }
