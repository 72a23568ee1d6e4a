package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/briefs/briefs/internal/store"
	"github.com/briefs/briefs/internal/store/storetest"
)

// The SQLite store passes the conformance suite every backend must pass.
func TestConformance(t *testing.T) {
	open := func(t *testing.T, path string, opt store.Options) store.Backend {
		t.Helper()
		s, err := store.OpenWith(context.Background(), path, opt)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	storetest.Run(t, storetest.Factory{
		Open: func(t *testing.T) store.Backend {
			return open(t, filepath.Join(t.TempDir(), "briefs.db"), store.Options{})
		},
		Another: func(t *testing.T, b store.Backend) store.Backend {
			return open(t, b.Path(), store.Options{})
		},
		ReadOnly: func(t *testing.T, b store.Backend) store.Backend {
			return open(t, b.Path(), store.Options{ReadOnly: true})
		},
		As: func(t *testing.T, b store.Backend, user string) store.Backend {
			return open(t, b.Path(), store.Options{User: user})
		},
	})
}
