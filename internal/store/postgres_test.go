package store_test

import (
	"context"
	"os"
	"testing"

	"github.com/briefs/briefs/internal/store"
	"github.com/briefs/briefs/internal/store/pgtest"
	"github.com/briefs/briefs/internal/store/storetest"
)

// server is the PostgreSQL server of this package's tests (pgtest).
var server *pgtest.Server

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m, &server)) }

// openPG opens a team store for the test, closed when it ends.
func openPG(t *testing.T, url string, opt store.Options) *store.Store {
	t.Helper()
	s, err := store.OpenAt(context.Background(), url, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// The PostgreSQL store passes the conformance suite every backend must
// pass: each test on a new database; the read-only handle is a role that
// may only read.
func TestConformancePostgres(t *testing.T) {
	server.Require(t)
	urls := map[store.Backend]string{}
	storetest.Run(t, storetest.Factory{
		Open: func(t *testing.T) store.Backend {
			u := server.Database(t)
			s := openPG(t, u, store.Options{User: "ana"})
			urls[s] = u
			return s
		},
		Another: func(t *testing.T, b store.Backend) store.Backend {
			s := openPG(t, urls[b], store.Options{User: "ana"})
			urls[s] = urls[b]
			return s
		},
		ReadOnly: func(t *testing.T, b store.Backend) store.Backend {
			return openPG(t, server.Role(t, urls[b], "reader", true), store.Options{User: "ana", ReadOnly: true})
		},
	})
}
