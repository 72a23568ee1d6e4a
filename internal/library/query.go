package library

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Term is one query term: a field term (edition:3), or free text (a bare
// word, or a quoted phrase when Quoted). Negate is a leading "-".
type Term struct {
	Field  string // "" for free text
	Value  string
	Negate bool
	Quoted bool
}

// String writes the term back in query syntax.
func (t Term) String() string {
	var b strings.Builder
	if t.Negate {
		b.WriteByte('-')
	}
	if t.Field != "" {
		b.WriteString(t.Field)
		b.WriteByte(':')
	}
	if t.Quoted || needsQuotes(t.Value) {
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(t.Value, `"`, ``))
		b.WriteByte('"')
	} else {
		b.WriteString(t.Value)
	}
	return b.String()
}

func needsQuotes(v string) bool {
	return v == "" || strings.ContainsFunc(v, unicode.IsSpace) || strings.HasPrefix(v, "-")
}

// Query is a parsed query: its terms are ANDed, terms of one field ORed.
type Query struct {
	Terms []Term
}

// String is the query in canonical syntax.
func (q Query) String() string {
	parts := make([]string, len(q.Terms))
	for i, t := range q.Terms {
		parts[i] = t.String()
	}
	return strings.Join(parts, " ")
}

// Empty reports whether the query has no terms.
func (q Query) Empty() bool { return len(q.Terms) == 0 }

// Has reports whether the query holds the positive term field:value.
func (q Query) Has(field, value string) bool {
	for _, t := range q.Terms {
		if !t.Negate && t.Field == field && strings.EqualFold(t.Value, value) {
			return true
		}
	}
	return false
}

// Toggle adds the positive term field:value, or removes it when present.
func (q Query) Toggle(field, value string) Query {
	out := Query{Terms: make([]Term, 0, len(q.Terms)+1)}
	removed := false
	for _, t := range q.Terms {
		if !t.Negate && t.Field == field && strings.EqualFold(t.Value, value) {
			removed = true
			continue
		}
		out.Terms = append(out.Terms, t)
	}
	if !removed {
		out.Terms = append(out.Terms, Term{Field: field, Value: value})
	}
	return out
}

// Without returns the query less every term of field.
func (q Query) Without(field string) Query {
	out := Query{}
	for _, t := range q.Terms {
		if t.Field != field {
			out.Terms = append(out.Terms, t)
		}
	}
	return out
}

// SyntaxError is a malformed query; Pos counts characters from the start.
type SyntaxError struct {
	Pos int
	Msg string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("query: %s (at character %d)", e.Msg, e.Pos+1)
}

// Parse reads the query language: `edition:3 country:kuwait tag:followup
// source:nina "border control" vahidi -tag:done date:2024-01..2024-12`.
// Values are checked for form here; names (countries) are resolved when the
// query is compiled against a library.
func Parse(s string) (Query, error) { return fields().parse(s) }

// parse reads a query whose fields are those of the registry r.
func (r registry) parse(s string) (Query, error) {
	q, err := r.parseTerms(spacesToASCII(s))
	var se *SyntaxError
	if errors.As(err, &se) && se.Pos <= len(s) {
		se.Pos = utf8.RuneCountInString(s[:se.Pos]) // a character offset
	}
	return q, err
}

func (r registry) parseTerms(s string) (Query, error) {
	var q Query
	i := 0
	for {
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		if i >= len(s) {
			return q, nil
		}
		start := i
		t := Term{}
		var check func(string) error
		var example string
		if s[i] == '-' {
			t.Negate = true
			i++
			if i >= len(s) || isSpace(s[i]) {
				return q, &SyntaxError{start, `"-" must stand right before a term, as in -tag:done`}
			}
		}
		// field?
		j := i
		for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
			j++
		}
		if j < len(s) && s[j] == ':' && j > i {
			name := strings.ToLower(s[i:j])
			f, ok := r.lookup(name)
			if !ok {
				return q, &SyntaxError{i, fmt.Sprintf("unknown field %q (fields: %s; quote text that holds a colon)", name+":", strings.Join(r.names(), ", "))}
			}
			t.Field, check, example = name, f.check, f.example
			i = j + 1
		}
		v, next, quoted, err := readValue(s, i)
		if err != nil {
			return q, err
		}
		i = next
		t.Value, t.Quoted = v, quoted
		if t.Field != "" {
			if strings.TrimSpace(t.Value) == "" {
				return q, &SyntaxError{start, fmt.Sprintf("%s: needs a value, as in %s", t.Field, example)}
			}
			if check != nil {
				if err := check(t.Value); err != nil {
					return q, &SyntaxError{start, err.Error()}
				}
			}
		} else if t.Value == "" {
			if quoted {
				continue // "" is nothing to search for
			}
			return q, &SyntaxError{start, "empty term"}
		}
		q.Terms = append(q.Terms, t)
	}
}

// spacesToASCII turns every white-space character into spaces of the same
// byte length, so offsets into the result are offsets into the input.
func spacesToASCII(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r != ' ' && unicode.IsSpace(r) }) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) {
			b.WriteString(strings.Repeat(" ", utf8.RuneLen(r)))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func readValue(s string, i int) (string, int, bool, error) {
	if i < len(s) && (s[i] == '"' || strings.HasPrefix(s[i:], "“")) {
		open := i
		if s[i] == '"' {
			i++
		} else {
			i += len("“")
		}
		end := strings.IndexAny(s[i:], "\"”")
		if end < 0 {
			return "", 0, false, &SyntaxError{open, "unbalanced quote: close the phrase with \""}
		}
		v := s[i : i+end]
		i += end
		if s[i] == '"' {
			i++
		} else {
			i += len("”")
		}
		if i < len(s) && !isSpace(s[i]) {
			return "", 0, false, &SyntaxError{i, "put a space after a closing quote"}
		}
		return strings.Join(strings.Fields(v), " "), i, true, nil
	}
	j := i
	for j < len(s) && !isSpace(s[j]) {
		if s[j] == '"' {
			return "", 0, false, &SyntaxError{j, "a quote may only open a phrase at the start of a term"}
		}
		j++
	}
	return s[i:j], j, false, nil
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
