package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/term"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/export"
	"github.com/briefs/briefs/internal/library"
	"github.com/briefs/briefs/internal/noteedit"
	"github.com/briefs/briefs/internal/render"
	"github.com/briefs/briefs/internal/store"
	"github.com/briefs/briefs/internal/tags"
)

// safeText makes brief text safe to print on a terminal as plain text.
func safeText(s string) string { return brief.Sanitize(s) }

// safeLine is safeText on one line.
func safeLine(s string) string { return strings.Join(strings.Fields(safeText(s)), " ") }

// search loads the collection and runs the query.
func search(ctx context.Context, e env, g globals, query string, paths []string, strict bool) (*library.Library, []*brief.Brief, library.Tags, map[string]string, error) {
	q, err := library.Parse(query)
	if err != nil {
		return nil, nil, nil, nil, usagef("-q %q: %s", query, strings.TrimPrefix(err.Error(), "query: "))
	}
	opt, err := g.loadOptions(e, paths)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	lib, err := loadLibrary(ctx, e, opt)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	var tags library.Tags
	var notes map[string]string
	if strict {
		// the user's data is the point: an unusable database is an error
		st, err := g.openExisting(ctx, e)
		if err != nil {
			return nil, nil, nil, nil, err
		}
		if st != nil {
			defer st.Close()
		}
		if tags, notes, err = userData(ctx, e, st, lib); err != nil {
			return nil, nil, nil, nil, err
		}
	} else {
		tags, notes = g.readTags(ctx, e, lib)
	}
	res, err := lib.Search(q, library.User{Tags: tags}, library.ByDate)
	if err != nil {
		return nil, nil, nil, nil, usagef("-q %q: %s", query, err)
	}
	out := make([]*brief.Brief, len(res.Items))
	for i, k := range res.Items {
		out[i] = lib.Brief(k)
	}
	return lib, out, tags, notes, nil
}

// jsonBrief is the JSON contract of `list --json`.
type jsonBrief struct {
	ID                string          `json:"id"`
	Title             string          `json:"title"`
	Source            string          `json:"source"`
	Published         *string         `json:"published"`
	Dateline          string          `json:"dateline"`
	Edition           *int            `json:"edition"`
	EditionsMentioned []int           `json:"editions_mentioned"`
	Countries         []brief.Country `json:"countries"`
	Tags              []string        `json:"tags"`
	Path              string          `json:"path"`
	Words             int             `json:"words"`
}

func toJSON(b *brief.Brief, tags library.Tags) jsonBrief {
	j := jsonBrief{ID: b.ID, Title: safeLine(b.Title), Source: safeLine(b.Source), Dateline: safeLine(b.Dateline), Path: safeLine(b.Path), Words: b.Words,
		EditionsMentioned: b.EditionsMentioned, Countries: b.Countries, Tags: library.TagsOf(b, tags)}
	if s := b.DateISO(); s != "" {
		j.Published = &s
	}
	if b.Edition > 0 {
		j.Edition = &b.Edition
	}
	if j.EditionsMentioned == nil {
		j.EditionsMentioned = []int{}
	}
	if j.Countries == nil {
		j.Countries = []brief.Country{}
	}
	if j.Tags == nil {
		j.Tags = []string{}
	}
	return j
}

func cmdList(ctx context.Context, args []string, e env) error {
	var g globals
	var asJSON bool
	var query string
	fs := newFlags("list", &g)
	fs.BoolVar(&asJSON, "json", false, "print JSON")
	fs.StringVar(&query, "q", "", "query")
	paths, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	_, bs, tags, _, err := search(ctx, e, g, query, paths, false)
	if err != nil {
		return err
	}
	if asJSON {
		out := make([]jsonBrief, len(bs))
		for i, b := range bs {
			out[i] = toJSON(b, tags)
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return fmt.Errorf("write JSON: %w", err)
		}
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tDATE\tSOURCE\tED\tCOUNTRIES\tTAGS\tTITLE")
	for _, b := range bs {
		ed := "-"
		if b.Edition > 0 {
			ed = brief.Ordinal(b.Edition)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", b.ID, orDash(b.Day()), orDash(safeLine(b.Source)), ed,
			orDash(strings.Join(b.CountryCodes(), ",")), orDash(safeLine(strings.Join(library.TagsOf(b, tags), ","))), safeLine(b.Title))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write list: %w", err)
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// findBrief resolves ID|PATH: an existing file is read directly, anything
// else is looked up by ID prefix in the collection.
func findBrief(ctx context.Context, e env, g globals, ref string) (*library.Library, *brief.Brief, error) {
	st, statErr := os.Stat(ref)
	looksLikePath := strings.ContainsAny(ref, `/\`) || brief.IsSourceName(ref)
	switch {
	case statErr == nil && st.IsDir():
		return nil, nil, fmt.Errorf("%s is a folder: give a brief's file or ID", safeLine(ref))
	case statErr == nil:
		lib, err := loadLibrary(ctx, e, library.Options{Paths: []string{ref}})
		if err != nil {
			return nil, nil, err
		}
		return lib, lib.Brief(0), nil
	case looksLikePath:
		return nil, nil, fmt.Errorf("%s: no such file (and not a brief ID)", safeLine(ref))
	}
	opt, err := g.loadOptions(e, nil)
	if err != nil {
		return nil, nil, err
	}
	lib, err := loadLibrary(ctx, e, opt)
	if err != nil {
		return nil, nil, err
	}
	b, err := lib.Find(ref)
	if err != nil {
		return nil, nil, fmt.Errorf("%s", safeLine(err.Error()))
	}
	return lib, b, nil
}

func cmdShow(ctx context.Context, args []string, e env) error {
	var g globals
	var style string
	var width int
	fs := newFlags("show", &g)
	fs.StringVar(&style, "style", "auto", "auto, dark, light or notty")
	fs.IntVar(&width, "width", 0, "wrap width")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("show: give one brief ID or file path, as in: briefs show 0e25")
	}
	if width != 0 && (width < 10 || width > 1000) {
		return usagef("show: --width %d is out of range (10 to 1000; 0 means the terminal's width)", width)
	}
	out, isTerm := e.stdout.(*os.File)
	isTerm = isTerm && term.IsTerminal(out.Fd())
	switch style {
	case "auto":
		style = render.NoTTY
		if isTerm && e.getenv("NO_COLOR") == "" {
			style = render.Dark
			if in, ok := e.stdin.(*os.File); ok && !lipgloss.HasDarkBackground(in, out) {
				style = render.Light
			}
		}
	case "dark", "light", "notty":
	default:
		return usagef("show: --style %q: use auto, dark, light or notty", style)
	}
	if width == 0 {
		width = 80
		if isTerm {
			if w, _, err := term.GetSize(out.Fd()); err == nil && w > 0 {
				width = min(w, 120)
			}
		}
	}
	lib, b, err := findBrief(ctx, e, g, pos[0])
	if err != nil {
		return err
	}
	tags, notes := g.readTags(ctx, e, lib)
	s, err := render.Markdown(render.Document(b, library.TagsOf(b, tags), notes[b.ID]), style, width)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(e.stdout, s); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// parseGlobalsOnly takes --db/--config out of args and leaves the rest
// untouched (for commands whose arguments start with "-", like tag).
func parseGlobalsOnly(args []string) (globals, []string, error) {
	var g globals
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if a == "-h" || a == "--help" || a == "-help" {
			return g, nil, flag.ErrHelp
		}
		if strings.HasPrefix(a, "-") && (name == "db" || name == "config") {
			if !hasVal {
				if i+1 >= len(args) {
					return g, nil, usagef("%s needs a file name", a)
				}
				i++
				val = args[i]
			}
			if name == "db" {
				g.db = val
			} else {
				g.config = val
			}
			continue
		}
		rest = append(rest, a)
	}
	return g, rest, nil
}

func cmdTag(ctx context.Context, args []string, e env) error {
	g, rest, err := parseGlobalsOnly(args)
	if err != nil {
		return err
	}
	if len(rest) < 2 {
		return usagef("tag: give a brief ID and tags to add or remove, as in: briefs tag 0e25 +followup -done")
	}
	edit, err := tags.ParseEdit(rest[1:]) // the reader's grammar: word or +word adds, -word removes
	if err != nil {
		return usagef("tag: %s", err)
	}
	lib, b, err := findBrief(ctx, e, g, rest[0])
	if err != nil {
		return err
	}
	st, err := g.openStore(ctx, e)
	if err != nil {
		return err
	}
	defer st.Close()
	reattach(ctx, e, st, lib)
	if err := st.ApplyTags(ctx, []string{b.ID}, edit.Add, edit.Remove); err != nil {
		return err
	}
	now, err := st.Tags(ctx, b.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s %s\n", b.ID, orDash(strings.Join(now, " ")))
	return nil
}

func cmdTags(ctx context.Context, args []string, e env) error {
	var g globals
	var rename bool
	fs := newFlags("tags", &g)
	fs.BoolVar(&rename, "rename", false, "rename tag OLD to NEW everywhere")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	switch {
	case rename && len(pos) != 2:
		return usagef("tags --rename: give the old and the new name, as in: briefs tags --rename follow-up followup")
	case !rename && len(pos) > 0:
		return usagef("tags takes no arguments (to tag a brief: briefs tag ID +tag; to rename: briefs tags --rename OLD NEW)")
	}
	if rename {
		for _, t := range pos {
			if _, err := tags.Normalize(t); err != nil {
				return usagef("tags --rename: %s", err)
			}
		}
	}
	st, err := g.open(ctx, e, rename)
	if err != nil {
		return err
	}
	if st == nil {
		return nil // no database yet: no tags
	}
	defer st.Close()
	if rename {
		n, err := st.RenameTag(ctx, pos[0], pos[1])
		if err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("no brief has the tag %q", pos[0])
		}
		fmt.Fprintf(e.stdout, "renamed %s to %s on %d briefs\n", pos[0], pos[1], n)
		return nil
	}
	counts, err := st.TagCounts(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	for _, c := range counts {
		fmt.Fprintf(tw, "%s\t%d\n", c.Tag, c.Count)
	}
	return tw.Flush()
}

func cmdNote(ctx context.Context, args []string, e env) error {
	var g globals
	var text string
	var edit bool
	fs := newFlags("note", &g)
	fs.StringVar(&text, "text", "", "text to append")
	fs.BoolVar(&edit, "edit", false, "edit in $EDITOR")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("note: give one brief ID, as in: briefs note 0e25 --text \"follow up\"")
	}
	textSet := false
	fs.Visit(func(f *flag.Flag) { textSet = textSet || f.Name == "text" })
	if textSet && edit {
		return usagef("note: use --text or --edit, not both")
	}
	lib, b, err := findBrief(ctx, e, g, pos[0])
	if err != nil {
		return err
	}
	st, err := g.open(ctx, e, textSet || edit)
	if err != nil {
		return err
	}
	if st == nil {
		fmt.Fprintf(e.stderr, "briefs: brief %s has no note yet (add one with --text or --edit)\n", b.ID)
		return nil
	}
	defer st.Close()
	reattach(ctx, e, st, lib)
	switch {
	case textSet:
		if strings.TrimSpace(text) == "" {
			return usagef("note: --text is empty")
		}
		return st.AppendNote(ctx, b.ID, brief.Sanitize(text))
	case edit:
		return editNote(ctx, e, st, b)
	}
	note, _, err := st.Note(ctx, b.ID)
	if err != nil {
		return err
	}
	if note == "" {
		fmt.Fprintf(e.stderr, "briefs: brief %s has no note yet (add one with --text or --edit)\n", b.ID)
		return nil
	}
	_, err = io.WriteString(e.stdout, safeText(note)+"\n")
	return err
}

// editNote opens the note in $VISUAL/$EDITOR and saves it when the editor
// exits successfully and the note did not change meanwhile; otherwise the
// error names the file that keeps the text.
func editNote(ctx context.Context, e env, st *store.Store, b *brief.Brief) error {
	stdin, ok := e.stdin.(*os.File)
	if !ok {
		stdin = os.Stdin
	}
	_, err := noteedit.Run(ctx, st, b.ID, stdin, e.stdout, e.stderr)
	return err
}

func cmdExport(ctx context.Context, args []string, e env) error {
	var g globals
	var out, format, query string
	var force bool
	fs := newFlags("export", &g)
	fs.StringVar(&out, "out", "", "output file")
	fs.StringVar(&format, "format", "md", "md or json")
	fs.StringVar(&query, "q", "", "query")
	fs.BoolVar(&force, "force", false, "overwrite")
	paths, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	f, err := export.ParseFormat(format)
	if err != nil {
		return usagef("export: --%s", err)
	}
	lib, bs, tags, notes, err := search(ctx, e, g, query, paths, true)
	if err != nil {
		return err
	}
	// by default: briefs the user has tagged or annotated
	doc, err := export.Build(export.Request{Briefs: bs, Tags: tags, Notes: notes, Query: query, Format: f, Lib: lib,
		Annotated: query == "", Getenv: e.getenv})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if len(doc.Items) == 0 && query == "" {
		fmt.Fprintln(e.stderr, "briefs: no brief has a tag or a note yet: tag or annotate some, or export by query with -q")
	}
	write := doc.Write
	if out == "" || out == "-" {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return err
		}
		_, err := e.stdout.Write(buf.Bytes())
		return err
	}
	if err := export.WriteFile(out, force, write); err != nil {
		if errors.Is(err, export.ErrExists) {
			return fmt.Errorf("%s already exists: not overwritten (use --force to replace it)", out)
		}
		return err
	}
	fmt.Fprintf(e.stderr, "briefs: exported %d briefs to %s\n", len(doc.Items), out)
	return nil
}
