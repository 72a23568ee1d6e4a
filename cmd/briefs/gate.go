package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"

	"github.com/charmbracelet/x/term"

	"github.com/briefs/briefs/internal/termsafe"
)

// This file is the only place of the command line that may name os.Stdout
// or os.Stderr: every byte the program prints, Cobra's and Fang's output
// included, goes through an *Out (TestOneGate checks it).

// Out is the gate for one output stream. Every Write is filtered by
// package termsafe: down to plain text for pipes and files, to text, SGR
// styling and web links for a terminal (or when a command asks for styled
// output, as `show --style dark` does). Values that come from outside the
// program (paths, arguments, tags, config values, error texts) are passed
// through shown or visible before they are formatted into a message, so that
// a control character in them is seen, not executed nor silently dropped.
//
// Out implements term.File (Read and Close do nothing), so that colour
// detection (Fang, lipgloss) sees the terminal behind it.
type Out struct {
	w      io.Writer
	file   *os.File // w, when it is a file
	tty    bool
	styled bool
}

// newOut puts a gate in front of w.
func newOut(w io.Writer) *Out {
	o := &Out{w: w}
	if f, ok := w.(*os.File); ok {
		o.file = f
		o.tty = term.IsTerminal(f.Fd())
	}
	o.styled = o.tty
	return o
}

// osEnv is the environment of the real process.
func osEnv() env {
	return env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv}
}

// Write filters p and writes what remains. It reports len(p) on success,
// as the caller's bytes were all dealt with.
func (o *Out) Write(p []byte) (int, error) {
	var s string
	if o.styled {
		s = termsafe.Filter(string(p))
	} else {
		s = termsafe.Plain(string(p))
	}
	if _, err := io.WriteString(o.w, s); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Printf formats and writes through the gate.
func (o *Out) Printf(format string, a ...any) error {
	if _, err := fmt.Fprintf(o, format, a...); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// Print writes s through the gate.
func (o *Out) Print(s string) error {
	if _, err := io.WriteString(o, s); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	return nil
}

// JSON writes v as indented JSON. Runes a terminal could take as part of a
// control sequence (C1 controls, bidi controls, any non-printable rune) are
// written as \u escapes, so that the gate never has to drop anything from a
// JSON document and the document stays valid and complete.
func (o *Out) JSON(v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return o.Print(jsonEscape(buf.String()))
}

// jsonEscape writes every non-printable rune of an encoded JSON document
// (other than the newline and space of its layout) as a \u escape. Such
// runes can only occur inside strings, where the escape means the same.
func jsonEscape(s string) string {
	if !strings.ContainsFunc(s, unprintable) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if !unprintable(r) {
			b.WriteRune(r)
			continue
		}
		if r > 0xffff {
			r1, r2 := utf16Pair(r)
			fmt.Fprintf(&b, `\u%04x\u%04x`, r1, r2)
			continue
		}
		fmt.Fprintf(&b, `\u%04x`, r)
	}
	return b.String()
}

func utf16Pair(r rune) (rune, rune) {
	r -= 0x10000
	return 0xd800 + (r>>10)&0x3ff, 0xdc00 + r&0x3ff
}

// unprintable reports runes that must not be printed as they are: anything
// Go does not call printable (controls, format characters such as bidi
// marks and zero-width spaces, line and paragraph separators, non-ASCII
// spaces) except newline and tab.
func unprintable(r rune) bool {
	return r != '\n' && r != '\t' && r != ' ' && !unicode.IsPrint(r)
}

// Styled lets SGR styling and web links through even when the stream is
// not a terminal (an explicit `show --style dark` into a pipe).
func (o *Out) Styled() { o.styled = true }

// IsTerminal reports whether the stream is a terminal.
func (o *Out) IsTerminal() bool { return o.tty }

// Width is the terminal's width in columns, or 0 when the stream is not a
// terminal or its size is unknown.
func (o *Out) Width() int {
	if !o.tty {
		return 0
	}
	w, _, err := term.GetSize(o.file.Fd())
	if err != nil || w <= 0 {
		return 0
	}
	return w
}

// Fd is the stream's file descriptor, or an invalid one when it is not a
// file.
func (o *Out) Fd() uintptr {
	if o.file == nil {
		return ^uintptr(0)
	}
	return o.file.Fd()
}

// Read reads nothing: an Out is only written.
func (o *Out) Read([]byte) (int, error) { return 0, io.EOF }

// Close does nothing: the stream belongs to the process.
func (o *Out) Close() error { return nil }

// Terminal is the terminal itself, for a program the user runs on it (the
// note editor), which needs the real device; nil when the stream is not a
// terminal.
func (o *Out) Terminal() *os.File {
	if !o.tty {
		return nil
	}
	return o.file
}

// ForChild is the writer for a program the user runs on the terminal (the
// note editor): the terminal itself, or the gate when the stream is not a
// terminal.
func (o *Out) ForChild() io.Writer {
	if o.tty {
		return o.file
	}
	return o
}

// shown is a value from outside the program (a path, an argument, a tag, a
// config value) as a message shows it: termsafe.Quote (as it is, or quoted
// with its control characters visible).
func shown(s string) string { return termsafe.Quote(s) }

// visible makes every non-printable rune of a message visible as an
// escape (termsafe.Visible): the last step before a message built from
// error texts of other packages, which may hold file names, is printed.
func visible(s string) string { return termsafe.Visible(s) }

// capture redirects the process's standard error into the gate while f
// runs. Cobra's completion protocol (__complete) prints its errors to
// os.Stderr itself; nothing else needs this.
func capture(gate *Out, f func() int) int {
	r, w, err := os.Pipe()
	if err != nil {
		return f()
	}
	saved := os.Stderr
	os.Stderr = w
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(r)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			_ = gate.Print(visible(sc.Text()) + "\n")
		}
	}()
	code := f()
	os.Stderr = saved
	_ = w.Close()
	<-done
	_ = r.Close()
	return code
}
