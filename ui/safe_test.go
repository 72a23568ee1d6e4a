package ui

import (
	"bytes"
	"context"
	"fmt"
	"github.com/briefs/briefs/internal/termsafe"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2/styles"
	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/library"
	"github.com/briefs/briefs/internal/testfixture"
)

// checkSafe reports the first thing in s that is not text, newline, tab or
// an SGR sequence.
func checkSafe(s string) error {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			j := i + 1
			if j >= len(s) || s[j] != '[' {
				return fmt.Errorf("escape at %d is not CSI: %q", i, s[i:min(len(s), i+8)])
			}
			j++
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':') {
				j++
			}
			if j >= len(s) || s[j] != 'm' {
				return fmt.Errorf("CSI at %d is not SGR: %q", i, s[i:min(len(s), j+1)])
			}
			i = j + 1
		case c == '\n' || c == '\t':
			i++
		case c < 0x20 || c == 0x7f:
			return fmt.Errorf("control byte %#x at %d", c, i)
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size <= 1 {
				return fmt.Errorf("invalid UTF-8 at %d", i)
			}
			if termsafe.IsUnsafeRune(r) {
				return fmt.Errorf("unsafe rune %U at %d", r, i)
			}
			i += size
		}
	}
	return nil
}

// hostile holds terminal control sequences of every kind.
var hostile = []string{
	"\x1b]52;c;SGVsbG8=\x07",              // OSC 52 clipboard write, BEL
	"\x1b]52;c;SGVsbG8=\x1b\\",            // OSC 52, ST
	"\x1b[2J\x1b[H",                       // clear screen, home
	"\x1b]8;;https://evil.example/\x1b\\", // OSC 8 hyperlink
	"\x1b]0;pwned\x07",                    // window title
	"\u202eevil\u202c \u2066iso\u2069",    // bidi override and isolate
	"\u009b31m",                           // C1 CSI
	"\u009d0;c1title\u009c",               // C1 OSC
	"\xc2\x9b2J",                          // C1 CSI as bytes
	"\x9b2J",                              // raw C1 byte
	"&#27;]52;c;QUFB&#7;",                 // references decoding to OSC 52
	"&#x1b;[2J &#x1b[31m &#155;2J",        // hex, without semicolon, C1
	"\x1bP1$r\x1b\\",                      // DCS
	"\x1b_Gdata\x1b\\",                    // APC (kitty graphics)
	"\x1b^pm\x1b\\",                       // PM
	"\x1bc",                               // RIS
	"\x1b[?1049l",                         // leave the alternate screen
	"\x1b[6n",                             // cursor position report request
	"\r\x08\x7f\x00",                      // CR, BS, DEL, NUL
	"\x1b[31mred\x1b[0m",                  // SGR (kept by Safe)
	"\xff\xfe invalid",                    // invalid UTF-8
}

func TestSafeKeepsOnlyTextAndSGR(t *testing.T) {
	for _, h := range hostile {
		out := Safe("a " + h + " b")
		if err := checkSafe(out); err != nil {
			t.Errorf("Safe(%q) = %q: %v", h, out, err)
		}
	}
	if got := Safe("plain\ttext\nline"); got != "plain\ttext\nline" {
		t.Errorf("plain text changed: %q", got)
	}
	if got := Safe("\x1b[1;38;2;10;20;30mX\x1b[m"); got != "\x1b[1;38;2;10;20;30mX\x1b[m" {
		t.Errorf("SGR changed: %q", got)
	}
	if got := Safe("a\x1b]52;c;QUJD\x07b"); got != "ab" {
		t.Errorf("OSC 52 payload kept: %q", got)
	}
	if got := clean("x\x1b[31my\nz\u202e"); got != "xy z" {
		t.Errorf("clean = %q", got)
	}
}

func FuzzSafe(f *testing.F) {
	for _, h := range hostile {
		f.Add(h)
	}
	f.Add("\x1b[")
	f.Add("\x1b]")
	f.Add("\x1b[38;5;1")
	f.Fuzz(func(t *testing.T, s string) {
		out := Safe(s)
		if err := checkSafe(out); err != nil {
			t.Fatalf("Safe(%q) = %q: %v", s, out, err)
		}
		if Safe(out) != out {
			t.Fatalf("Safe is not idempotent on %q", s)
		}
		if c := clean(s); strings.ContainsAny(c, "\x1b\n\t\r") || checkSafe(c) != nil {
			t.Fatalf("clean(%q) = %q", s, c)
		}
	})
}

// hostileBrief builds a brief whose every field carries control sequences,
// as if input cleaning had been bypassed: the UI must hold on its own.
func hostileBrief() *brief.Brief {
	all := strings.Join(hostile, " ")
	return &brief.Brief{
		ID:        "badc0ffee000",
		Title:     "Hostile " + all,
		Source:    "Evil\x1b]52;c;QUFB\x07 Agency",
		Published: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC),
		Dateline:  "Nowhere\x1b[2J",
		Edition:   3,
		Countries: []brief.Country{{Code: "KW", Name: "Kuwait\u202e", Mentions: 1}},
		Body: "# Heading " + all + "\n\nParagraph " + all + "\n\n- item " + all +
			"\n\n`code " + all + "`\n\n| a | b |\n|---|---|\n| " + strings.ReplaceAll(all, "|", "") + " | x |\n\n[link](https://evil.example/\x1b]52;c;QUFB\x07)\n\nMARKER-END",
		Path:  "hostile.md",
		Words: 10,
	}
}

func TestGlamourOutputIsSafe(t *testing.T) {
	b := hostileBrief()
	for _, style := range []string{styles.DarkStyle, styles.LightStyle, styles.NoTTYStyle} {
		lines, err := renderMarkdown(b.Body, 60, style)
		if err != nil {
			t.Fatal(err)
		}
		out := strings.Join(lines, "\n")
		if err := checkSafe(out); err != nil {
			t.Errorf("%s: %v", style, err)
		}
		if !strings.Contains(out, "MARKER-END") {
			t.Errorf("%s: body lost", style)
		}
	}
}

// until is a step of runProgram: wait (at most 10 s) until what the
// program wrote satisfies it.
type until func(out []byte) bool

func shows(s string) until { return func(out []byte) bool { return bytes.Contains(out, []byte(s)) } }

// runProgram runs the real program over lib, sends the steps (messages, or
// waits for the output: the machine may be slow), quits and returns every
// byte written to the terminal.
func runProgram(t *testing.T, lib *library.Library, steps ...any) []byte {
	t.Helper()
	var out testfixture.LockedBuffer
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	p := tea.NewProgram(New(libOptions(lib)),
		tea.WithContext(ctx),
		tea.WithInput(nil),
		tea.WithOutput(&out),
		tea.WithoutSignals(),
		tea.WithWindowSize(120, 40),
		tea.WithEnvironment([]string{"TERM=xterm-256color", "COLORTERM=truecolor"}),
	)
	done := make(chan error, 1)
	go func() {
		_, err := p.Run()
		done <- err
	}()
	for _, st := range steps {
		switch st := st.(type) {
		case until:
			for deadline := time.Now().Add(10 * time.Second); !st(out.Bytes()) && time.Now().Before(deadline); {
				time.Sleep(20 * time.Millisecond)
			}
		case tea.Msg:
			p.Send(st)
			time.Sleep(30 * time.Millisecond)
		}
	}
	time.Sleep(300 * time.Millisecond) // frames flush
	p.Send(keyMsg("q"))
	if err := <-done; err != nil {
		t.Fatalf("program: %v", err)
	}
	return out.Bytes()
}

// TestHostileBriefNeverReachesTheTerminal asserts on the bytes the program
// writes while listing, reading and searching a hostile brief.
func TestHostileBriefNeverReachesTheTerminal(t *testing.T) {
	lib := library.New(stubExtractor{}, append(seedBriefs(t), hostileBrief()))
	// the hostile brief is the newest: it is selected and shown at start
	out := runProgram(t, lib, shows("Heading"), // loaded and rendered
		keyMsg("enter"), keyMsg("j"), keyMsg("j"), keyMsg("G"), shows("MARKER-END"),
		keyMsg("esc"), keyMsg("f"), keyMsg("esc"), keyMsg("/"), tea.PasteMsg{Content: "hostile"}, keyMsg("enter"))
	if !bytes.Contains(out, []byte("MARKER-END")) {
		t.Fatalf("the hostile brief was not shown (%d bytes)", len(out))
	}
	bad := []string{
		"\x1b]52", "\x1b]8;", "\x1b]0;pwned", "pwned\x07",
		"\x1bP", "\x1b_", "\x1b^", "\x1bc", "\x1b[6n",
		"\u202e", "\u202c", "\u2066", "\u2069", "\u009b", "\u009d", "\u009c",
	}
	for _, s := range bad {
		if i := bytes.Index(out, []byte(s)); i >= 0 {
			t.Errorf("output holds %q at %d: %q", s, i, out[max(0, i-20):min(len(out), i+30)])
		}
	}
	// raw C1 bytes outside UTF-8 sequences
	if !utf8.Valid(out) {
		t.Errorf("output is not valid UTF-8")
	}
	// the only OSC the program may send is its constant window title (and
	// its reset on exit) and the background colour query
	for i := 0; ; {
		k := bytes.Index(out[i:], []byte("\x1b]"))
		if k < 0 {
			break
		}
		i += k
		end := bytes.IndexAny(out[i+2:], "\x07\x1b")
		if end < 0 {
			end = len(out) - i - 2
		}
		seq := out[i : i+2+end]
		if string(seq) != "\x1b]2;" && !bytes.HasPrefix(seq, []byte("\x1b]2;briefs")) && !bytes.HasPrefix(seq, []byte("\x1b]0;briefs")) &&
			!bytes.HasPrefix(seq, []byte("\x1b]11;?")) {
			t.Errorf("unexpected OSC %q", seq)
		}
		i += 2
	}
	// clear-screen only as often as a harmless brief causes it
	benign := runProgram(t, library.New(stubExtractor{}, seedBriefs(t)), shows("Baghdad"),
		keyMsg("enter"), keyMsg("j"), keyMsg("j"), keyMsg("G"),
		keyMsg("esc"), keyMsg("f"), keyMsg("esc"), keyMsg("/"), tea.PasteMsg{Content: "hostile"}, keyMsg("enter"))
	if h, b := bytes.Count(out, []byte("\x1b[2J")), bytes.Count(benign, []byte("\x1b[2J")); h > b {
		t.Errorf("hostile run clears the screen %d times, benign %d", h, b)
	}
}
