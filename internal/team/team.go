// Package team is what the store, the reader and the command line share
// about the people who annotate briefs: who the reader is (Who), a note as
// one person wrote it (Note), a tag with who added it (Tag), a change
// someone made (Change, for the reader's "Ali tagged this #followup") and
// the state of a live connection to a team store (Status).
//
// It imports nothing of the program, so that the store and the reader can
// both use its types without importing each other.
package team

import (
	"errors"
	"fmt"
	"os"
	"os/user"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxNameLen is the longest name of a person, in characters.
const MaxNameLen = 64

// CheckName reports whether name can name a person: 1 to MaxNameLen
// characters, no control or format characters, no leading or trailing
// space. Names are compared as written (Same compares them for queries).
func CheckName(name string) error {
	switch {
	case name == "":
		return errors.New("empty name")
	case !utf8.ValidString(name):
		return errors.New("name is not valid UTF-8")
	case utf8.RuneCountInString(name) > MaxNameLen:
		return fmt.Errorf("name %.20q... is longer than %d characters", name, MaxNameLen)
	case strings.TrimSpace(name) != name:
		return fmt.Errorf("name %q starts or ends with a space", name)
	}
	for _, r := range name {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029' || r == utf8.RuneError {
			return fmt.Errorf("name %q holds the character %U", name, r)
		}
	}
	return nil
}

// Same reports whether two names are the same person for a query (by:ali
// finds Ali): equal under Unicode case folding.
func Same(a, b string) bool { return strings.EqualFold(a, b) }

// Who is the reader's identity: the configured name when there is one,
// else the login name of the operating-system user ($USER, $LOGNAME, or
// the password database). It fails only when none can be found.
func Who(configured string, getenv func(string) string) (string, error) {
	if configured != "" {
		if err := CheckName(configured); err != nil {
			return "", fmt.Errorf("user in the configuration: %w", err)
		}
		return configured, nil
	}
	if getenv == nil {
		getenv = os.Getenv
	}
	for _, v := range []string{"USER", "LOGNAME"} {
		if n := getenv(v); n != "" && CheckName(n) == nil {
			return n, nil
		}
	}
	if u, err := user.Current(); err == nil && CheckName(u.Username) == nil {
		return u.Username, nil
	}
	return "", errors.New("who is reading? set `user: NAME` in the configuration (neither $USER nor the system names the user)")
}

// Note is one person's note on a brief.
type Note struct {
	Author  string
	Body    string // Markdown, as written
	Updated time.Time
}

// Tag is a tag of a brief with who added it and when.
type Tag struct {
	Tag    string
	Author string
	Added  time.Time
}

// What a Change did.
const (
	Tagged     = "tagged"      // Detail: the tags added, "#a #b"
	Untagged   = "untagged"    // Detail: the tags removed
	Noted      = "noted"       // wrote or changed their note
	Unnoted    = "unnoted"     // deleted their note
	Corrected  = "corrected"   // Detail: the field, "title"
	RenamedTag = "renamed tag" // Detail: "#old to #new"
	Moved      = "re-attached" // annotations followed an edited or moved brief
	Attached   = "attached"    // an orphan given to a brief by hand
	Deleted    = "deleted"     // an orphan's annotations deleted
	Merged     = "merged"      // annotations copied in from another store (Detail: "from WHERE")
)

// Change is one change someone committed to a store: who, when, what, on
// which brief (Brief, or Briefs > 1 briefs at once).
type Change struct {
	Rev    int64 // the store's revision it made
	At     time.Time
	Author string
	Verb   string // Tagged, Noted...
	Brief  string // the brief's ID; "" when the change is about many or none
	Briefs int    // how many briefs it changed
	Detail string
}

// Sentence says the change for a status bar: "Ali tagged this #followup"
// when it is about the brief shown (current), else with the brief's title
// (title, which the caller looks up; the ID when empty): "Ali noted
// “Drug control conference”". me is the reader's own name: their own
// changes (made elsewhere, by a script) read "you ...".
func (c Change) Sentence(me, current, title string) string {
	who := c.Author
	if who == "" {
		who = "someone"
	} else if me != "" && c.Author == me {
		who = "you"
	}
	var what string
	switch {
	case c.Brief != "" && c.Brief == current:
		what = "this"
	case c.Brief != "" && title != "":
		what = "“" + shorten(title, 40) + "”"
	case c.Brief != "":
		what = c.Brief
	case c.Briefs > 1:
		what = fmt.Sprintf("%d briefs", c.Briefs)
	}
	parts := []string{who, c.Verb}
	switch c.Verb {
	case Corrected:
		if what != "" {
			parts = append(parts, "the "+c.Detail+" of "+what)
		}
	case RenamedTag:
		parts = append(parts, c.Detail)
	default:
		if what != "" {
			parts = append(parts, what)
		}
		if c.Detail != "" {
			parts = append(parts, c.Detail)
		}
	}
	return strings.Join(parts, " ")
}

func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// Status is the state of a live store's connection, sent on the channel
// Watch returns: Changed when someone committed a change (read them with
// Changes), or a change of Online (the connection was lost or is back).
type Status struct {
	Online  bool
	Changed bool
	Err     error // why the store is offline
}
