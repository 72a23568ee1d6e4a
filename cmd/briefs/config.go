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

func defaultConfigPath() string {
	return filepath.Join(xdg.ConfigHome, "briefs", "config.yaml")
}

// loadConfig reads the configuration; a missing file at the default path is
// an empty configuration, a missing file the user named is an error.
func loadConfig(path string, explicit bool) (config, error) {
	var c config
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) && !explicit {
			return c, nil
		}
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
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
