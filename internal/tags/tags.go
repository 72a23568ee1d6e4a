// Package tags is the one definition of a user's tag and of the tag-edit
// grammar, shared by the store (which keeps tags normalised), the library
// (which matches tag: terms and front-matter tags), the reader's tag editor
// and the command line (`briefs tag ID ...`). It depends on nothing of ours.
//
// A tag is case-insensitive and kept normalised: NFC, lower case, runs of
// white space turned into "-", one leading "#" dropped; 1 to 64 characters
// of letters (any script, with their combining marks), digits, '-', '_',
// '/' and '.', not starting with '-'.
//
// The edit grammar (ParseEdit): `word`, `+word` and `#word` add a tag,
// `-word` removes one.
package tags

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxLen is the longest tag, in characters (runes).
const MaxLen = 64

// Normalize returns the canonical form of a tag: NFC, trimmed, lower case,
// runs of internal white space replaced by "-". One leading '#' is dropped,
// so "#Follow up" becomes "follow-up". The result must be 1..64 characters
// of letters (any script, with their combining marks), digits, '-', '_', '/'
// and '.', and must not start with '-', or an error says what is wrong.
func Normalize(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", fmt.Errorf("invalid tag %q: not valid UTF-8", s)
	}
	t := strings.TrimSpace(norm.NFC.String(s))
	t = strings.TrimPrefix(t, "#")
	t = strings.Join(strings.Fields(strings.ToLower(t)), "-")
	if t == "" {
		return "", fmt.Errorf("invalid tag %q: empty", s)
	}
	if n := utf8.RuneCountInString(t); n > MaxLen {
		return "", fmt.Errorf("invalid tag %q: %d characters, at most %d allowed", s, n, MaxLen)
	}
	for i, r := range t {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r), r == '_', r == '/', r == '.':
		case unicode.IsMark(r) && i > 0:
		case r == '-':
			if i == 0 {
				return "", fmt.Errorf("invalid tag %q: must not start with '-'", s)
			}
		default:
			return "", fmt.Errorf("invalid tag %q: character %q (%U) not allowed (use letters, digits, '-', '_', '/', '.')", s, r, r)
		}
	}
	return t, nil
}

// Value writes a query or front-matter value the way tags are kept: the
// normalised tag, or, for a value Normalize refuses, its words lower-cased
// and joined with "-" (a value that matches no stored tag).
func Value(s string) string {
	if t, err := Normalize(s); err == nil {
		return t
	}
	return strings.ToLower(strings.Join(strings.Fields(s), "-"))
}

// Edit is a change to the tags of one or more briefs.
type Edit struct {
	Add    []string // normalised, in the order given, without duplicates
	Remove []string
}

// Empty reports whether the edit changes nothing.
func (e Edit) Empty() bool { return len(e.Add)+len(e.Remove) == 0 }

// String writes the edit back in the grammar, additions first: "+a +b -c".
func (e Edit) String() string {
	parts := make([]string, 0, len(e.Add)+len(e.Remove))
	for _, t := range e.Add {
		parts = append(parts, "+"+t)
	}
	for _, t := range e.Remove {
		parts = append(parts, "-"+t)
	}
	return strings.Join(parts, " ")
}

// ParseEdit reads the tag-edit grammar, one word an argument (the reader
// splits its input on white space; the command line passes its arguments):
// `word`, `+word` and `#word` add the tag, `-word` removes it. Tags are
// normalised. The error names the first invalid word, or a tag that is both
// added and removed.
func ParseEdit(words []string) (Edit, error) {
	var e Edit
	for _, w := range words {
		remove := false
		switch {
		case strings.HasPrefix(w, "+"):
			w = w[1:]
		case strings.HasPrefix(w, "-"):
			w, remove = w[1:], true
		}
		t, err := Normalize(w)
		if err != nil {
			return Edit{}, err
		}
		list, other := &e.Add, e.Remove
		if remove {
			list, other = &e.Remove, e.Add
		}
		if slices.Contains(other, t) {
			return Edit{}, fmt.Errorf("tag %q is both added and removed", t)
		}
		if !slices.Contains(*list, t) {
			*list = append(*list, t)
		}
	}
	return e, nil
}
