// Package pgtest gives tests a PostgreSQL server: the one BRIEFS_TEST_PG
// names (a URL of a role that may create databases and roles), or a
// throw-away cluster it starts itself in a temporary folder, on a free
// loopback port, as a user other than root (initdb refuses root: the
// postgres user, else nobody). Tests that need a server skip when there is
// none, unless BRIEFS_TEST_PG_REQUIRED=1 (CI), when they fail.
//
// A test package starts one server for all its tests in TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m, &server)) }
//
// and each test takes a fresh database from it (server.Database(t)).
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Environment variables.
const (
	EnvURL      = "BRIEFS_TEST_PG"          // use this server instead of starting one
	EnvRequired = "BRIEFS_TEST_PG_REQUIRED" // "1": no server is a failure, not a skip
)

// Server is a PostgreSQL server for tests.
type Server struct {
	once    sync.Once // the server is found or started on first use
	admin   string    // URL of a role that may create databases and roles
	err     error     // why there is no server
	cluster *cluster

	mu   sync.Mutex
	n    int
	free []string // emptied schemas, for the next test
}

// cluster is a server this package started.
type cluster struct {
	bin, dir, data, sock string
	port                 int
	uid, gid             uint32
	asOther              bool // run the tools as uid/gid (we are root)
}

// Main runs the tests with *srv set to a Server, which finds
// BRIEFS_TEST_PG or starts a cluster when a test first asks for it, and
// stops what it started when the tests are done.
func Main(m *testing.M, srv **Server) int {
	s := &Server{}
	*srv = s
	code := m.Run()
	s.Stop()
	return code
}

// start finds or starts the server, once.
func (s *Server) start() {
	s.once.Do(func() {
		if u := os.Getenv(EnvURL); u != "" {
			s.admin = u
			return
		}
		c, err := startCluster()
		if err != nil {
			s.err = err
			return
		}
		s.cluster, s.admin = c, c.url("postgres", "", "postgres")
	})
}

// Available reports whether there is a server (starting it if need be).
func (s *Server) Available() bool {
	if s == nil {
		return false
	}
	s.start()
	return s.err == nil
}

// Require skips the test when there is no server (fails it with
// BRIEFS_TEST_PG_REQUIRED=1).
func (s *Server) Require(t testing.TB) {
	t.Helper()
	if s.Available() {
		return
	}
	why := "no PostgreSQL server"
	if s != nil && s.err != nil {
		why = s.err.Error()
	}
	if os.Getenv(EnvRequired) == "1" {
		t.Fatalf("PostgreSQL tests required (%s=1) but: %s", EnvRequired, why)
	}
	t.Skipf("PostgreSQL tests skipped: %s (set %s to a server's URL, or install PostgreSQL)", why, EnvURL)
}

// Own reports whether this package started the server (so a test may stop
// and start it).
func (s *Server) Own() bool { return s.Available() && s.cluster != nil }

// Admin is the URL of the role that may create databases and roles.
func (s *Server) Admin() string {
	s.start()
	return s.admin
}

// Database returns the URL of a new, empty team store for the test: a
// schema of its own in the server's database (?schema=...), for the
// administrator role, dropped when the test ends.
func (s *Server) Database(t testing.TB) string {
	t.Helper()
	return s.database(t, true)
}

// Fresh is Database with a schema name never used before: nothing exists
// in it (no team store yet).
func (s *Server) Fresh(t testing.TB) string {
	t.Helper()
	return s.database(t, false)
}

func (s *Server) database(t testing.TB, reuse bool) string {
	t.Helper()
	s.Require(t)
	s.mu.Lock()
	var name string
	if n := len(s.free); n > 0 && reuse {
		name, s.free = s.free[n-1], s.free[:n-1]
	} else {
		s.n++
		name = fmt.Sprintf("t%d_%d", os.Getpid(), s.n)
	}
	s.mu.Unlock()
	t.Cleanup(func() {
		// emptied and kept for the next test: creating the tables costs
		// more than emptying them
		if s.empty(name) == nil {
			s.mu.Lock()
			s.free = append(s.free, name)
			s.mu.Unlock()
		}
	})
	return withParam(s.admin, "schema", name)
}

// empty empties the tables of a team store's schema (revision back to 0).
func (s *Server) empty(schema string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, s.admin)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, "SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name NOT IN ('version', 'revision')", schema)
	if err != nil {
		return err
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return err
	}
	if len(tables) == 0 {
		return errors.New("no tables")
	}
	for i, t := range tables {
		tables[i] = schema + "." + t
	}
	_, err = conn.Exec(ctx, "TRUNCATE "+strings.Join(tables, ", ")+"; UPDATE "+schema+".revision SET n = 0")
	return err
}

// Role creates a login role (dropped with the server) with a password and
// returns the URL of the team store db (a URL Database gave, whose schema
// exists) for it. readOnly roles get USAGE and SELECT on the store's
// schema, others also INSERT, UPDATE and DELETE; neither may create
// anything.
func (s *Server) Role(t testing.TB, db, name string, readOnly bool) string {
	t.Helper()
	s.mu.Lock()
	s.n++
	role := fmt.Sprintf("%s_%d_%d", name, os.Getpid(), s.n)
	s.mu.Unlock()
	const password = "s3cret-pw"
	s.exec(t, fmt.Sprintf("CREATE ROLE %s LOGIN PASSWORD '%s'", role, password))
	privs := "SELECT"
	if !readOnly {
		privs = "SELECT, INSERT, UPDATE, DELETE"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, s.admin)
	if err != nil {
		t.Fatalf("connect to the test server: %v", err)
	}
	defer conn.Close(ctx)
	schema := param(db, "schema")
	for _, q := range []string{
		"GRANT USAGE ON SCHEMA " + schema + " TO " + role,
		"GRANT " + privs + " ON ALL TABLES IN SCHEMA " + schema + " TO " + role,
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	u, _ := url.Parse(db)
	u.User = url.UserPassword(role, password)
	return u.String()
}

func (s *Server) exec(t testing.TB, q string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, s.admin)
	if err != nil {
		t.Fatalf("connect to the test server: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func withParam(base, k, v string) string {
	u, err := url.Parse(base)
	if err != nil {
		return base
	}
	q := u.Query()
	q.Set(k, v)
	u.RawQuery = q.Encode()
	return u.String()
}

func param(base, k string) string {
	u, err := url.Parse(base)
	if err != nil {
		return ""
	}
	return u.Query().Get(k)
}

// StopServer stops a server this package started (fast shutdown: clients
// are disconnected), for tests of a lost connection.
func (s *Server) StopServer(t testing.TB) {
	t.Helper()
	if !s.Own() {
		t.Skip("the server is not ours to stop")
	}
	if err := s.cluster.ctl("stop", "-m", "fast", "-w"); err != nil {
		t.Fatal(err)
	}
}

// StartServer starts again a server StopServer stopped.
func (s *Server) StartServer(t testing.TB) {
	t.Helper()
	if err := s.cluster.start(); err != nil {
		t.Fatal(err)
	}
}

// Stop stops and removes a cluster this package started.
func (s *Server) Stop() {
	if s == nil {
		return
	}
	s.once.Do(func() {}) // never started: nothing to stop
	if s.cluster == nil {
		return
	}
	_ = s.cluster.ctl("stop", "-m", "immediate", "-w")
	_ = os.RemoveAll(s.cluster.dir)
}

// findBin finds the folder of initdb and pg_ctl: on PATH, else the newest
// under /usr/lib/postgresql (Debian's layout).
func findBin() (string, error) {
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		if _, err := os.Stat(filepath.Join(filepath.Dir(p), "initdb")); err == nil {
			return filepath.Dir(p), nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", errors.New("initdb and pg_ctl not found (on PATH or under /usr/lib/postgresql)")
}

func version(dir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
	return n
}

func startCluster() (*cluster, error) {
	bin, err := findBin()
	if err != nil {
		return nil, err
	}
	reapStale(bin)
	dir, err := os.MkdirTemp("", "briefs-pg-")
	if err != nil {
		return nil, err
	}
	// the test process that owns the cluster: a later run stops it if this
	// one dies without doing so (killed, timed out: the server is a daemon)
	if err := os.WriteFile(filepath.Join(dir, "owner"), []byte(strconv.Itoa(os.Getpid())), 0o644); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	c := &cluster{bin: bin, dir: dir, data: filepath.Join(dir, "data"), sock: dir}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			u, err = user.Lookup("nobody")
		}
		if err != nil {
			os.RemoveAll(dir)
			return nil, errors.New("running as root and no postgres or nobody user to run the server as")
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		c.uid, c.gid, c.asOther = uint32(uid), uint32(gid), true
		if err := os.Chmod(dir, 0o755); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	if err := c.initdb(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if err := c.start(); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return c, nil
}

// reapStale stops and removes the clusters of test processes that died
// without stopping them (their owner file names a process that is gone).
// Clusters without an owner file are left alone.
func reapStale(bin string) {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), "briefs-pg-*"))
	for _, dir := range dirs {
		data, err := os.ReadFile(filepath.Join(dir, "owner"))
		if err != nil {
			continue
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(data)))
		if err != nil || pid <= 0 || !errors.Is(syscall.Kill(pid, 0), syscall.ESRCH) {
			continue // alive (or not ours to judge)
		}
		fi, err := os.Stat(filepath.Join(dir, "data"))
		if err != nil {
			continue
		}
		st, ok := fi.Sys().(*syscall.Stat_t)
		if !ok {
			continue
		}
		c := &cluster{bin: bin, dir: dir, data: filepath.Join(dir, "data"), uid: st.Uid, gid: st.Gid}
		if os.Geteuid() == 0 {
			c.asOther = st.Uid != 0
		} else if uint32(os.Geteuid()) != st.Uid {
			continue // another user's
		}
		if _, err := c.run(filepath.Join(bin, "pg_ctl"), "-D", c.data, "stop", "-m", "immediate", "-w"); err != nil {
			if _, serr := os.Stat(filepath.Join(c.data, "postmaster.pid")); serr == nil {
				continue // still running and could not be stopped: leave it
			}
		}
		_ = os.RemoveAll(dir)
	}
}

// initdb makes the cluster's data folder: a copy of a template cluster
// kept in the temporary folder (made once per machine, PostgreSQL version
// and user: initdb takes seconds, a copy a fraction of one).
func (c *cluster) initdb() error {
	tmpl := filepath.Join(os.TempDir(), fmt.Sprintf("briefs-pgtest-template-%d-%d-%d", version(c.bin), os.Geteuid(), c.uid))
	if _, err := os.Stat(filepath.Join(tmpl, "PG_VERSION")); err != nil {
		fresh := filepath.Join(c.dir, "template")
		if out, err := c.run(filepath.Join(c.bin, "initdb"), "-D", fresh, "-U", "postgres", "-A", "trust",
			"-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"); err != nil {
			return fmt.Errorf("initdb: %v: %s", err, out)
		}
		// publish it whole, or lose the race to another package
		if err := os.Rename(fresh, tmpl); err != nil {
			return c.copyData(fresh)
		}
	}
	return c.copyData(tmpl)
}

// copyData copies a cluster's data folder to c.data, keeping owners and
// modes (cp -a).
func (c *cluster) copyData(from string) error {
	if out, err := exec.Command("cp", "-a", from, c.data).CombinedOutput(); err != nil {
		return fmt.Errorf("copy the template cluster: %v: %s", err, out)
	}
	if c.asOther {
		if err := os.Chown(c.data, int(c.uid), int(c.gid)); err != nil {
			return err
		}
	}
	return os.Chmod(c.data, 0o700)
}

// start starts the server on a free loopback port (the same one again
// after a stop, when it is still free).
func (c *cluster) start() error {
	if c.port == 0 {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return err
		}
		c.port = l.Addr().(*net.TCPAddr).Port
		l.Close()
	}
	opts := strings.Join([]string{
		"-c listen_addresses=127.0.0.1", "-p " + strconv.Itoa(c.port), "-c unix_socket_directories=" + c.sock,
		"-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off",
		"-c max_connections=200", "-c shared_buffers=32MB",
	}, " ")
	if err := c.ctl("start", "-w", "-t", "60", "-l", filepath.Join(c.dir, "log"), "-o", opts); err != nil {
		return err
	}
	return nil
}

func (c *cluster) ctl(args ...string) error {
	out, err := c.run(filepath.Join(c.bin, "pg_ctl"), append([]string{"-D", c.data}, args...)...)
	if err != nil {
		log, _ := os.ReadFile(filepath.Join(c.dir, "log"))
		return fmt.Errorf("pg_ctl %s: %v: %s\n%s", args[0], err, out, log)
	}
	return nil
}

func (c *cluster) run(name string, args ...string) ([]byte, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = c.dir
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	if c.asOther {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: c.uid, Gid: c.gid}}
	}
	return cmd.CombinedOutput()
}

func (c *cluster) url(user, password, db string) string {
	u := url.URL{Scheme: "postgres", Host: "127.0.0.1:" + strconv.Itoa(c.port), Path: "/" + db}
	if password != "" {
		u.User = url.UserPassword(user, password)
	} else {
		u.User = url.User(user)
	}
	q := url.Values{}
	q.Set("sslmode", "disable")
	u.RawQuery = q.Encode()
	return u.String()
}
