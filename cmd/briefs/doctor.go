package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"strings"
	"text/tabwriter"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/dustin/go-humanize"
	"github.com/spf13/cobra"

	"github.com/briefs/briefs/internal/extract"
	"github.com/briefs/briefs/internal/library"
	"github.com/briefs/briefs/internal/noteedit"
	"github.com/briefs/briefs/internal/store"
	"github.com/briefs/briefs/seeds"
)

// CommandDoctor is `briefs doctor`.
func (a *app) CommandDoctor() *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "doctor",
		Short: "Check the configuration, folders, database and terminal",
		Long: `Check everything briefs depends on and say, for each, OK or what to do: the
configuration file, each configured folder (does it exist, can it be read, how
many briefs it holds), the database (where, schema version, integrity, size,
what it holds), the terminal (colours, background, size, UTF-8) and the note
editor. The exit status is 1 when a check failed.`,
		Example: `briefs doctor
briefs doctor --json | jq '.[] | select(.status != "ok")'`,
		Args:              noArgs("doctor"),
		ValidArgsFunction: cobra.NoFileCompletions,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.doctor(cmd.Context(), asJSON)
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, `print [{"group", "item", "status", "detail"}] as JSON`)
	return c
}

// Outcomes of a check.
const (
	statusOK   = "ok"
	statusWarn = "warn"
	statusFail = "fail"
)

// finding is the outcome of one check: its detail says what was found, and
// what to do when it is not OK.
type finding struct {
	Group  string `json:"group"`
	Item   string `json:"item"`
	Status string `json:"status"`
	Detail string `json:"detail"`
}

// checkup collects findings.
type checkup struct {
	ctx      context.Context
	a        *app
	findings []finding

	indexNotices []string // what loading said about the index
}

func (c *checkup) add(group, item, status, format string, args ...any) {
	c.findings = append(c.findings, finding{group, item, status, visible(fmt.Sprintf(format, args...))})
}

func (a *app) doctor(ctx context.Context, asJSON bool) error {
	c := &checkup{ctx: ctx, a: a}
	if cfg, ok := c.config(); ok {
		c.folders(cfg)
	}
	c.database()
	c.index()
	c.terminal()
	c.editor()
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := c.print(asJSON); err != nil {
		return err
	}
	for _, f := range c.findings {
		if f.Status == statusFail {
			return errors.New("doctor: some checks failed (see above)")
		}
	}
	return nil
}

func (c *checkup) print(asJSON bool) error {
	if asJSON {
		return c.a.out.JSON(c.findings)
	}
	tw := tabwriter.NewWriter(c.a.out, 0, 0, 2, ' ', 0)
	group := ""
	for _, f := range c.findings {
		g := f.Group
		if g == group {
			g = ""
		}
		group = f.Group
		if _, err := fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", g, strings.ToUpper(f.Status), f.Item, f.Detail); err != nil {
			return err
		}
	}
	return tw.Flush()
}

// config checks the configuration file.
func (c *checkup) config() (config, bool) {
	const g = "Configuration"
	path, explicit := c.a.configPath()
	cfg, err := loadConfig(path, explicit)
	switch _, serr := os.Stat(path); {
	case err != nil:
		c.add(g, "file", statusFail, "%s: fix the file, or name another with --config or BRIEFS_CONFIG", err)
		return cfg, false
	case errors.Is(serr, fs.ErrNotExist):
		c.add(g, "file", statusOK, "%s does not exist: the built-in briefs only; create it to list your folders (folders: [~/briefs])", shown(path))
	default:
		seedsOn := "on"
		if !cfg.seeds() {
			seedsOn = "off"
		}
		series := ""
		if n := len(cfg.Series); n > 0 {
			series = fmt.Sprintf(", %d series of your own", n)
		}
		c.add(g, "file", statusOK, "%s: %d folders, built-in briefs %s%s", shown(path), len(cfg.Folders), seedsOn, series)
	}
	return cfg, true
}

// load loads a collection through the index (package index), keeping
// what it says about the index for index().
func (c *checkup) load(opt library.Options) (*library.Library, []library.Warning, error) {
	coll, err := c.a.openCollection(c.ctx, opt, false)
	if err != nil {
		return nil, nil, err
	}
	defer coll.Close()
	lib, warns, err := coll.Load(c.ctx)
	c.indexNotices = append(c.indexNotices, coll.Notices()...)
	return lib, warns, err
}

// index checks the index file (a cache: it may be deleted at any time).
func (c *checkup) index() {
	const g = "Index"
	path := c.a.indexPath()
	if path == "" {
		c.add(g, "file", statusWarn, "no cache folder (set XDG_CACHE_HOME or HOME, or use --index): every start reads every file")
		return
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		c.add(g, "file", statusOK, "%s does not exist yet: it is made at the first start", shown(path))
	case err != nil:
		c.add(g, "file", statusFail, "%s: %s", shown(path), reason(err))
	default:
		c.add(g, "file", statusOK, "%s (%s; a cache of what was read from the briefs: deleting it loses nothing)", shown(path), humanize.IBytes(uint64(fi.Size())))
	}
	for _, n := range c.indexNotices {
		c.add(g, "file", statusWarn, "%s", n)
	}
}

// folders checks each configured folder and counts its briefs.
func (c *checkup) folders(cfg config) {
	const g = "Folders"
	if _, err := newExtractor(extract.Options{Series: cfg.Series}); err != nil {
		c.add(g, "extractor", statusFail, "%s", err)
		return
	}
	for _, dir := range cfg.Folders {
		fi, err := os.Stat(dir)
		switch {
		case err != nil:
			c.add(g, shown(dir), statusFail, "%s: create it, or remove it from the configuration", reason(err))
			continue
		case !fi.IsDir():
			c.add(g, shown(dir), statusWarn, "a file, not a folder: it is read as one brief")
		}
		lib, warns, err := c.load(library.Options{Paths: []string{dir}})
		n := 0
		if lib != nil {
			n = lib.Len()
		}
		switch {
		case err != nil && !errors.Is(err, library.ErrNothingLoaded):
			c.add(g, shown(dir), statusFail, "%s", err)
		case n == 0 && len(warns) == 0:
			c.add(g, shown(dir), statusWarn, "no brief files (.txt, .md, .markdown) in it")
		case len(warns) > 0:
			c.add(g, shown(dir), statusWarn, "%s; %s cannot be read, as %s: %s (briefs list shows them all)", count(n, "brief", "briefs"), count(len(warns), "file", "files"), shown(warns[0].Path), warns[0].Err)
		default:
			c.add(g, shown(dir), statusOK, "%s", count(n, "brief", "briefs"))
		}
	}
	if cfg.seeds() {
		names, _ := fs.Glob(seeds.FS(), "*")
		c.add(g, "built-in", statusOK, "%d briefs", len(names))
	}
}

// database checks the database file without changing it.
func (c *checkup) database() {
	const g = "Database"
	path, err := c.a.dbPath()
	if err != nil {
		c.add(g, "file", statusFail, "%s", err)
		return
	}
	if who, err := c.a.who(); err != nil {
		c.add(g, "you", statusFail, "%s", err)
	} else {
		c.add(g, "you", statusOK, "%s (user: in the configuration, else the system's user name)", visible(who))
	}
	if store.IsURL(path) {
		c.teamStore(path)
		return
	}
	path = store.FilePath(path)
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		c.add(g, "file", statusOK, "%s does not exist yet: it is created with the first tag or note", shown(path))
		return
	case err != nil:
		c.add(g, "file", statusFail, "%s: %s", shown(path), reason(err))
		return
	}
	c.add(g, "file", statusOK, "%s (%s)", shown(path), humanize.IBytes(uint64(fi.Size())))
	st, err := store.OpenWith(c.ctx, path, store.Options{ReadOnly: true})
	if err != nil {
		c.add(g, "open", statusFail, "%s (it is never changed or deleted: move it aside to start a new one, or use --db)", err)
		return
	}
	defer st.Close()
	h, err := st.Health(c.ctx)
	if err != nil {
		c.add(g, "integrity", statusFail, "%s", err)
		return
	}
	c.schema(h)
	if h.Integrity != "ok" {
		c.add(g, "integrity", statusFail, "%s: copy the file aside; sqlite3 .recover can save its data", h.Integrity)
	} else {
		c.add(g, "integrity", statusOK, "ok")
	}
	c.add(g, "contents", statusOK, "%s on %s, %s", count(h.Tags, "tag", "tags"), count(h.Tagged, "brief", "briefs"), count(h.Notes, "note", "notes"))
}

// teamStore checks a team store (PostgreSQL) without changing it: the
// server answers, the schema, what the role may do, what it holds. The URL
// is shown without its password.
func (c *checkup) teamStore(url string) {
	const g = "Database"
	c.add(g, "team store", statusOK, "%s", shown(store.MaskURL(url)))
	start := time.Now()
	st, err := store.OpenAt(c.ctx, url, store.Options{ReadOnly: true, User: "doctor"})
	if err != nil {
		hint := "check the URL, that the server runs and that your role may connect (credentials: the URL, ~/.pgpass or PGPASSWORD)"
		if strings.Contains(err.Error(), "no team store in this database yet") {
			hint = "run any briefs command that writes (or the reader) once as a role that may create the schema"
		}
		c.add(g, "connect", statusFail, "%s: %s", err, hint)
		return
	}
	defer st.Close()
	c.add(g, "connect", statusOK, "answered in %s", time.Since(start).Round(time.Millisecond))
	h, err := st.Health(c.ctx)
	if err != nil {
		c.add(g, "contents", statusFail, "%s", err)
		return
	}
	c.schema(h)
	// what the role may do: a handle that may write finds out (only when
	// the schema is current: opening then changes nothing)
	if h.Schema == h.Current {
		if w, err := store.OpenAt(c.ctx, url, store.Options{User: "doctor"}); err == nil {
			if w.ReadOnly() {
				c.add(g, "role", statusWarn, "your database role may only read: tags and notes cannot be saved (grants: see the README, For teams)")
			} else {
				c.add(g, "role", statusOK, "may read and write")
			}
			w.Close()
		}
	}
	c.add(g, "contents", statusOK, "%s on %s, %s, by %s", count(h.Tags, "tag", "tags"), count(h.Tagged, "brief", "briefs"), count(h.Notes, "note", "notes"), count(h.People, "person", "people"))
}

func (c *checkup) schema(h store.Health) {
	const g = "Database"
	switch {
	case h.Schema == h.Current:
		c.add(g, "schema", statusOK, "version %d", h.Schema)
	case h.Schema < h.Current:
		c.add(g, "schema", statusOK, "version %d: it is upgraded to %d on the next write", h.Schema, h.Current)
	default:
		c.add(g, "schema", statusFail, "version %d is newer than this briefs understands (%d): upgrade briefs", h.Schema, h.Current)
	}
}

// terminal checks what the output looks like on this terminal.
func (c *checkup) terminal() {
	const g = "Terminal"
	a := c.a
	tty := a.out.Terminal()
	if tty == nil {
		c.add(g, "output", statusOK, "not a terminal: plain text, no colours")
	} else {
		p := colorprofile.Detect(a.out, a.environ())
		status, detail := statusOK, p.String()
		if p <= colorprofile.Ascii && a.getenv("NO_COLOR") == "" {
			status, detail = statusWarn, p.String()+": set TERM (e.g. xterm-256color) and COLORTERM=truecolor if your terminal has colours"
		}
		c.add(g, "colours", status, "%s", detail)
		if in, ok := a.stdin.(*os.File); ok {
			bg := "light"
			if lipgloss.HasDarkBackground(in, tty) {
				bg = "dark"
			}
			c.add(g, "background", statusOK, "%s: the %s style", bg, bg)
		}
		if w := a.out.Width(); w > 0 && w < 80 {
			c.add(g, "width", statusWarn, "%d columns: the reader shows list and brief side by side from 100", w)
		} else if w > 0 {
			c.add(g, "width", statusOK, "%d columns", w)
		}
	}
	c.locale()
}

// locale checks that the locale is UTF-8 (Arabic briefs need it).
func (c *checkup) locale() {
	loc := ""
	for _, k := range []string{"LC_ALL", "LC_CTYPE", "LANG"} {
		if loc = c.a.getenv(k); loc != "" {
			break
		}
	}
	l := strings.ToLower(loc)
	if strings.Contains(l, "utf-8") || strings.Contains(l, "utf8") {
		c.add("Terminal", "locale", statusOK, "%s", loc)
		return
	}
	c.add("Terminal", "locale", statusWarn, "%s is not UTF-8: set LANG=C.UTF-8 (or your language's UTF-8 locale) for non-Latin text", shown(cmp.Or(loc, "unset")))
}

// editor checks the note editor.
func (c *checkup) editor() {
	const g = "Editor"
	name, value := "VISUAL", c.a.getenv("VISUAL")
	if value == "" {
		name, value = "EDITOR", c.a.getenv("EDITOR")
	}
	if value == "" {
		if argv, _, err := noteedit.Editor(c.a.getenv, exec.LookPath); err == nil {
			c.add(g, "editor", statusOK, "$VISUAL and $EDITOR unset: %s", shown(argv[0]))
		} else {
			c.add(g, "editor", statusWarn, "$VISUAL and $EDITOR unset and neither nano nor vi found: set EDITOR for note --edit and E in the reader")
		}
		return
	}
	prog := strings.Fields(value)[0]
	if p, err := exec.LookPath(prog); err == nil {
		c.add(g, "editor", statusOK, "$%s: %s (%s)", name, shown(value), shown(p))
	} else {
		c.add(g, "editor", statusFail, "$%s is %s, which is not found: fix it", name, shown(value))
	}
}

// environ is the environment colour detection reads.
func (a *app) environ() []string {
	var env []string
	for _, k := range []string{"TERM", "COLORTERM", "NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "TERM_PROGRAM", "TMUX", "WT_SESSION"} {
		if v := a.getenv(k); v != "" {
			env = append(env, k+"="+v)
		}
	}
	return env
}
