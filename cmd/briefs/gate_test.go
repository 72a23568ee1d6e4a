package main

import (
	"database/sql"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	_ "modernc.org/sqlite"
)

// TestOneGate scans the command line's code: only gate.go may name
// os.Stdout or os.Stderr, and nothing may print with fmt.Print*, print,
// println or package log. Everything else writes to an *Out (a.out, a.err)
// or to Cobra's streams, which are the same gates.
func TestOneGate(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.SelectorExpr:
				pkg, ok := n.X.(*ast.Ident)
				if !ok {
					return true
				}
				switch {
				case pkg.Name == "os" && (n.Sel.Name == "Stdout" || n.Sel.Name == "Stderr") && name != "gate.go":
					t.Errorf("%s: os.%s outside the gate", fset.Position(n.Pos()), n.Sel.Name)
				case pkg.Name == "fmt" && strings.HasPrefix(n.Sel.Name, "Print"):
					t.Errorf("%s: fmt.%s prints around the gate", fset.Position(n.Pos()), n.Sel.Name)
				case pkg.Name == "log":
					t.Errorf("%s: package log prints around the gate", fset.Position(n.Pos()))
				}
			case *ast.CallExpr:
				if id, ok := n.Fun.(*ast.Ident); ok && (id.Name == "print" || id.Name == "println") {
					t.Errorf("%s: %s prints around the gate", fset.Position(n.Pos()), id.Name)
				}
			}
			return true
		})
	}
}

// TestCommandMethods checks the convention that makes a command one file:
// every method of *app named Command<Name> has the signature
// func() *cobra.Command, its command is registered, and it has a short
// description.
func TestCommandMethods(t *testing.T) {
	a := newApp(env{stdin: strings.NewReader(""), stdout: &strings.Builder{}, stderr: &strings.Builder{}, getenv: func(string) string { return "" }})
	root := a.root()
	typ := reflect.TypeOf(a)
	want := reflect.TypeOf(func() *cobra.Command { return nil })
	n := 0
	for i := range typ.NumMethod() {
		m := typ.Method(i)
		if !strings.HasPrefix(m.Name, "Command") {
			continue
		}
		if m.Type.NumIn() != 1 || reflect.FuncOf(nil, []reflect.Type{m.Type.Out(0)}, false) != want || m.Type.NumOut() != 1 {
			t.Errorf("%s has type %v: want func() *cobra.Command", m.Name, m.Type)
			continue
		}
		n++
		c := reflect.ValueOf(a).Method(i).Interface().(func() *cobra.Command)()
		if c.Short == "" {
			t.Errorf("%s: command %q has no Short", m.Name, c.Name())
		}
		if found, _, err := root.Find([]string{c.Name()}); err != nil || found.Name() != c.Name() {
			t.Errorf("%s: command %q not registered", m.Name, c.Name())
		}
	}
	if n < 7 {
		t.Errorf("only %d Command methods found", n)
	}
}

// hostile are what no output may carry raw: escape sequences, BEL, C1
// controls, bidi overrides; and in messages also bidi marks and line
// separators (brief text on standard output is package termsafe's
// business there).
func hostile(stderr bool) []string {
	bad := []string{"\x1b", "\x07", "\u009b", "\u009d", "\u202e"}
	if stderr {
		bad = append(bad, "\u200f", "\u2028")
	}
	return bad
}

// TestHostileNamesNeverPrinted: a file named with an OSC title sequence or
// an OSC 52 clipboard write, a tag with escapes written into the database
// by another program, and a config value with escapes are never printed raw
// by any command (list, tags, tag, note, show, export, warnings, errors),
// and the names are shown with their controls visible.
func TestHostileNamesNeverPrinted(t *testing.T) {
	s := newSandbox(t)
	title := "bad\x1b]0;title\x07name.txt"
	clip := "clip\x1b]52;c;ZXZpbA==\x07\u202e.md"
	s.write("in/"+title, "")
	s.write("in/"+clip, "# Clip\n\nAbout Kuwait.\n")
	s.write("in/good.md", "# Good\n\nAbout Iraq.\n")
	in := filepath.Join(s.dir, "in")
	// a config whose folder carries escapes
	s.write("config.yaml", "folders:\n  - \"gone\\e]0;cfg\\a\\u200f\"\nseeds: true\n")
	// a tag written by another program, with escapes
	s.mustRun("tag", "0e25", "+ok")
	db, err := sql.Open("sqlite", s.env["BRIEFS_DB"])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO tags (brief_id, tag, created) VALUES ('0e253ee020f5', ?, '2024-01-01T00:00:00Z')`, "x\x1b]52;c;QQ==\x07\u2028y"); err != nil {
		t.Fatal(err)
	}
	db.Close()

	var all strings.Builder
	runAll := func(args ...string) {
		s.run(args...)
		for i, out := range []string{s.stdout.String(), s.stderr.String()} {
			for _, bad := range hostile(i == 1) {
				if strings.Contains(out, bad) {
					t.Errorf("briefs %q: output %d holds %q:\n%q", args, i+1, bad, out)
				}
			}
			all.WriteString(out)
		}
	}
	runAll("list", in)
	runAll("list", "--json", in)
	runAll("list")
	runAll("list", "--json")
	runAll("tags")
	runAll("tags", "--json")
	runAll("tag", "0e25", "+more")
	runAll("tag", "--json", "0e25", "+more")
	runAll("note", "0e25")
	runAll("show", "0e25")
	runAll("show", filepath.Join(in, title))
	runAll("show", filepath.Join(in, clip))
	runAll("export")
	runAll("export", "--format", "json")
	runAll("export", "--out", filepath.Join(in, "gone\x1b]0;x\x07", "out.md"))
	runAll("export", "-q", "nothing-matches-this", in)
	runAll("list", filepath.Join(s.dir, "missing\x1b]52;c;QQ==\x07"))
	runAll(filepath.Join(s.dir, "missing\x1b]0;t\x07/"))
	runAll("list", "--bogus\x1b]0;t\x07")
	runAll("tag", "0e25", "bare\x1b]0;t\x07")
	runAll("--x\x1b]0;t\x07")
	runAll("show", "--width", "\x1b]0;t\x07", "0e25")
	runAll("show", "--style", "\x1b]0;t\x07", "0e25")
	runAll("help", "\x1b]0;t\x07")
	runAll("note", "0e25", "--text", "with \x1b]0;t\x07 escape \u009b2J")
	runAll("note", "0e25")
	runAll("note", "--json", "0e25")
	runAll("doctor")
	runAll("export", "--format", "\x1b]0;t\x07")
	runAll("list", "-q", "tag:\x1b]0;t\x07")
	for _, want := range []string{`\x1b]0;title\aname.txt`, `\x1b]0;cfg\a\u200f`, `x\x1b]52;c;QQ==\a\u2028y`, `"--bogus\x1b]0;t\a"`} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("no output shows %s visibly", want)
		}
	}
	// JSON stays valid with the tag escaped inside it
	s.mustRun("tags", "--json")
	if !strings.Contains(s.stdout.String(), `x\u001b]52;c;QQ==\u0007\u2028y`) {
		t.Errorf("tags --json: %s", s.stdout.String())
	}
}

func TestShown(t *testing.T) {
	for in, want := range map[string]string{
		"/tmp/plain file.txt":       "/tmp/plain file.txt",
		"/tmp/عربي.txt":             "/tmp/عربي.txt",
		"a\x1b]0;t\x07b":            `"a\x1b]0;t\ab"`,
		"rtl\u202eexe.txt":          `"rtl\u202eexe.txt"`,
		"bad\xffutf8":               `"bad\xffutf8"`,
		"line\nbreak":               `"line\nbreak"`,
		"zero\u200bwidth":           `"zero\u200bwidth"`,
		"nbsp\u00a0space":           `"nbsp\u00a0space"`,
		"c1\u009b31m":               `"c1\u009b31m"`,
		"tab\there":                 `"tab\there"`,
		"mark\u200e\u061c\u2029end": `"mark\u200e\u061c\u2029end"`,
	} {
		if got := shown(in); got != want {
			t.Errorf("shown(%q) = %s, want %s", in, got, want)
		}
	}
	if got := visible("line one\nx\x1b[2Jy\ttab \xff"); got != "line one\nx\\x1b[2Jy\ttab \\xff" {
		t.Errorf("visible: %q", got)
	}
}

func TestOutFilters(t *testing.T) {
	var b strings.Builder
	o := newOut(&b)
	_ = o.Print("a\x1b]0;t\x07b \x1b[31mred\x1b[0m \u009b2J\n")
	if got := b.String(); got != "ab red \n" {
		t.Errorf("plain gate: %q", got)
	}
	b.Reset()
	o.Styled()
	_ = o.Print("a\x1b]0;t\x07b \x1b[31mred\x1b[0m\n")
	if got := b.String(); got != "ab \x1b[31mred\x1b[0m\n" {
		t.Errorf("styled gate: %q", got)
	}
	b.Reset()
	_ = o.JSON(map[string]string{"k": "v\u009b\"x\u202e\U0001F600\u200b"})
	if got := b.String(); got != "{\n  \"k\": \"v\\u009b\\\"x\\u202e\U0001F600\\u200b\"\n}\n" {
		t.Errorf("JSON: %q", got)
	}
	if got := jsonEscape("\"\U000E0001\""); got != `"\udb40\udc01"` {
		t.Errorf("astral escape: %s", got)
	}
	if _, err := os.Stat("gate.go"); err != nil {
		t.Fatal("run the tests in cmd/briefs")
	}
}
