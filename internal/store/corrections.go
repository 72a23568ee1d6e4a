package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/briefs/briefs/internal/team"
)

// Field is a brief's metadata field the user can correct. A correction wins
// over what extraction found, everywhere; it is keyed by the brief's ID and
// follows the brief like its tags.
type Field string

// Fields that can be corrected.
const (
	FieldTitle     Field = "title"
	FieldSource    Field = "source"
	FieldDate      Field = "date"      // "2006-01-02", "2006-01-02T15:04" or RFC 3339
	FieldDateline  Field = "dateline"  // place, e.g. "Baghdad"
	FieldSeries    Field = "series"    // the event series the brief is about (a series key or name)
	FieldEdition   Field = "edition"   // the edition number; "0" or "none": about no edition
	FieldCountries Field = "countries" // countries added and removed, "+IQ -KW"
)

// Fields lists the correctable fields in display order.
func Fields() []Field {
	return []Field{FieldTitle, FieldSource, FieldDate, FieldDateline, FieldSeries, FieldEdition, FieldCountries}
}

// ParseField reads a field's name (any case).
func ParseField(name string) (Field, error) {
	f := Field(strings.ToLower(strings.TrimSpace(name)))
	if slices.Contains(Fields(), f) {
		return f, nil
	}
	names := make([]string, 0, 7)
	for _, f := range Fields() {
		names = append(names, string(f))
	}
	return "", fmt.Errorf("unknown field %q (fields: %s)", name, strings.Join(names, ", "))
}

// Corrections are a brief's corrected fields; an empty string (or false
// HasEdition, or no countries) means "not corrected".
type Corrections struct {
	Title, Source, Dateline, Series string
	Date                            string // normalised: "2006-01-02", "2006-01-02T15:04" or RFC 3339
	Edition                         int    // valid when HasEdition; 0 = about no edition
	HasEdition                      bool
	AddCountries, RemoveCountries   []string // ISO 3166-1 alpha-2 codes, upper case, sorted
	Updated                         time.Time
}

// IsZero reports whether nothing is corrected.
func (c Corrections) IsZero() bool {
	return c.Title == "" && c.Source == "" && c.Dateline == "" && c.Series == "" && c.Date == "" &&
		!c.HasEdition && len(c.AddCountries) == 0 && len(c.RemoveCountries) == 0
}

// Values returns the corrected fields as stored (field -> value).
func (c Corrections) Values() map[Field]string {
	m := map[Field]string{}
	for f, v := range map[Field]string{FieldTitle: c.Title, FieldSource: c.Source, FieldDate: c.Date, FieldDateline: c.Dateline, FieldSeries: c.Series} {
		if v != "" {
			m[f] = v
		}
	}
	if c.HasEdition {
		m[FieldEdition] = strconv.Itoa(c.Edition)
	}
	if v := countriesValue(c.AddCountries, c.RemoveCountries); v != "" {
		m[FieldCountries] = v
	}
	return m
}

// set stores one field's stored value into c.
func (c *Corrections) set(f Field, v string) {
	switch f {
	case FieldTitle:
		c.Title = v
	case FieldSource:
		c.Source = v
	case FieldDate:
		c.Date = v
	case FieldDateline:
		c.Dateline = v
	case FieldSeries:
		c.Series = v
	case FieldEdition:
		if n, err := strconv.Atoi(v); err == nil {
			c.Edition, c.HasEdition = n, true
		}
	case FieldCountries:
		c.AddCountries, c.RemoveCountries, _ = parseCountries(v)
	}
}

// mergeFrom fills the fields c does not correct from o (for the session
// view of re-keyed IDs).
func (c *Corrections) mergeFrom(o Corrections) {
	have := c.Values()
	for f, v := range o.Values() {
		if _, ok := have[f]; !ok {
			c.set(f, v)
		}
	}
	if o.Updated.After(c.Updated) {
		c.Updated = o.Updated
	}
}

// NormalizeCorrection checks a field's value and returns it as stored. An
// empty value means "reset" and is returned as "".
func NormalizeCorrection(f Field, value string) (string, error) {
	v := strings.TrimSpace(value)
	if v == "" {
		return "", nil
	}
	switch f {
	case FieldTitle, FieldSource, FieldDateline, FieldSeries:
		if err := checkLine(v, 500); err != nil {
			return "", fmt.Errorf("%s: %w", f, err)
		}
		return strings.Join(strings.Fields(v), " "), nil
	case FieldDate:
		return normalizeDate(v)
	case FieldEdition:
		if strings.EqualFold(v, "none") {
			return "0", nil
		}
		num := strings.TrimRight(strings.ToLower(v), "stndrh")
		n, err := strconv.Atoi(num)
		if err != nil || n < 0 || n > 1000 || (num != v && n == 0) {
			return "", fmt.Errorf("edition %q: want a number from 1 to 1000 (3, 3rd), or none", value)
		}
		return strconv.Itoa(n), nil
	case FieldCountries:
		add, remove, err := parseCountries(v)
		if err != nil {
			return "", err
		}
		return countriesValue(add, remove), nil
	}
	return "", fmt.Errorf("unknown field %q", f)
}

func checkLine(v string, max int) error {
	if !utf8.ValidString(v) {
		return fmt.Errorf("not valid UTF-8")
	}
	if n := utf8.RuneCountInString(v); n > max {
		return fmt.Errorf("%d characters, at most %d allowed", n, max)
	}
	for _, r := range v {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || unicode.Is(unicode.Bidi_Control, r) {
			return fmt.Errorf("character %U not allowed", r)
		}
	}
	return nil
}

func normalizeDate(v string) (string, error) {
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t.Format(time.DateOnly), nil
	}
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02 15:04"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.Format("2006-01-02T15:04"), nil
		}
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t.Format(time.RFC3339), nil
	}
	return "", fmt.Errorf("date %q: want YYYY-MM-DD, YYYY-MM-DD HH:MM or RFC 3339", v)
}

// parseCountries reads "+IQ -KW IR" (no sign means add) into sorted add and
// remove lists; a code both added and removed is an error.
func parseCountries(v string) (add, remove []string, err error) {
	for _, w := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) {
		list := &add
		switch w[0] {
		case '+':
			w = w[1:]
		case '-':
			w, list = w[1:], &remove
		}
		code := strings.ToUpper(w)
		if len(code) != 2 || code[0] < 'A' || code[0] > 'Z' || code[1] < 'A' || code[1] > 'Z' {
			return nil, nil, fmt.Errorf("countries: %q is not a two-letter country code (+IQ adds Iraq, -KW removes Kuwait)", w)
		}
		*list = append(*list, code)
	}
	slices.Sort(add)
	slices.Sort(remove)
	add, remove = slices.Compact(add), slices.Compact(remove)
	for _, c := range add {
		if slices.Contains(remove, c) {
			return nil, nil, fmt.Errorf("countries: %s is both added and removed", c)
		}
	}
	return add, remove, nil
}

func countriesValue(add, remove []string) string {
	parts := make([]string, 0, len(add)+len(remove))
	for _, c := range add {
		parts = append(parts, "+"+c)
	}
	for _, c := range remove {
		parts = append(parts, "-"+c)
	}
	return strings.Join(parts, " ")
}

// Correct sets (or, with an empty value, resets) one corrected field of a
// brief; the value is checked and normalised (NormalizeCorrection). For
// FieldCountries the value replaces the whole list of changes; use
// CorrectCountries to add to it.
func (s *Store) Correct(ctx context.Context, briefID string, f Field, value string) error {
	if err := checkID(briefID); err != nil {
		return fmt.Errorf("correct: %w", err)
	}
	if _, err := ParseField(string(f)); err != nil {
		return fmt.Errorf("correct %s: %w", briefID, err)
	}
	v, err := NormalizeCorrection(f, value)
	if err != nil {
		return fmt.Errorf("correct %s of %s: %w", f, briefID, err)
	}
	return s.write(ctx, fmt.Sprintf("correct %s of %s", f, briefID), func(tx *wtx) error {
		if err := s.putCorrection(ctx, tx, briefID, f, v); err != nil {
			return err
		}
		return s.remember(ctx, tx, briefID)
	})
}

// CorrectCountries changes a brief's corrected countries: codes in add are
// added (and no longer removed), codes in remove removed (and no longer
// added), in one transaction with what is stored.
func (s *Store) CorrectCountries(ctx context.Context, briefID string, add, remove []string) error {
	if err := checkID(briefID); err != nil {
		return fmt.Errorf("correct countries: %w", err)
	}
	var spec []string
	for _, c := range add {
		spec = append(spec, "+"+c)
	}
	for _, c := range remove {
		spec = append(spec, "-"+c)
	}
	a, r, err := parseCountries(strings.Join(spec, " "))
	if err != nil {
		return fmt.Errorf("correct countries of %s: %w", briefID, err)
	}
	return s.write(ctx, "correct countries of "+briefID, func(tx *wtx) error {
		var cur string
		if err := tx.QueryRowContext(ctx, "SELECT value FROM overrides WHERE brief_id = ? AND field = ?", briefID, string(FieldCountries)).Scan(&cur); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("read: %w", err)
		}
		oldAdd, oldRemove, _ := parseCountries(cur)
		keep := func(list, drop1, drop2 []string) []string {
			return slices.DeleteFunc(slices.Clone(list), func(c string) bool { return slices.Contains(drop1, c) || slices.Contains(drop2, c) })
		}
		newAdd := append(keep(oldAdd, r, nil), a...)
		newRemove := append(keep(oldRemove, a, nil), r...)
		slices.Sort(newAdd)
		slices.Sort(newRemove)
		if err := s.putCorrection(ctx, tx, briefID, FieldCountries, countriesValue(slices.Compact(newAdd), slices.Compact(newRemove))); err != nil {
			return err
		}
		return s.remember(ctx, tx, briefID)
	})
}

// ResetCorrections removes the corrections of the given fields (all of
// them when none is given) from a brief.
func (s *Store) ResetCorrections(ctx context.Context, briefID string, fields ...Field) error {
	if err := checkID(briefID); err != nil {
		return fmt.Errorf("reset corrections: %w", err)
	}
	if len(fields) == 0 {
		fields = Fields()
	}
	for _, f := range fields {
		if _, err := ParseField(string(f)); err != nil {
			return fmt.Errorf("reset corrections of %s: %w", briefID, err)
		}
	}
	return s.write(ctx, "reset corrections of "+briefID, func(tx *wtx) error {
		for _, f := range fields {
			if err := s.putCorrection(ctx, tx, briefID, f, ""); err != nil {
				return err
			}
		}
		return nil
	})
}

func (s *Store) putCorrection(ctx context.Context, tx *wtx, briefID string, f Field, v string) error {
	if v == "" {
		n, err := tx.exec(ctx, "DELETE FROM overrides WHERE brief_id = ? AND field = ?", briefID, string(f))
		if err != nil {
			return fmt.Errorf("reset %s: %w", f, err)
		}
		if n > 0 {
			tx.record(team.Change{Verb: team.Corrected, Brief: briefID, Detail: string(f)})
		}
		return nil
	}
	n, err := tx.exec(ctx,
		`INSERT INTO overrides (brief_id, field, value, updated, author) VALUES (?, ?, ?, ?, ?)
		 ON CONFLICT (brief_id, field) DO UPDATE SET value = excluded.value, updated = excluded.updated, author = excluded.author
		 WHERE overrides.value IS DISTINCT FROM excluded.value`,
		briefID, string(f), v, now(), s.user)
	if err != nil {
		return fmt.Errorf("write %s: %w", f, err)
	}
	if n > 0 {
		tx.record(team.Change{Verb: team.Corrected, Brief: briefID, Detail: string(f)})
	}
	return nil
}

// Corrections returns a brief's corrections (zero when none).
func (s *Store) Corrections(ctx context.Context, briefID string) (Corrections, error) {
	var out Corrections
	for i, id := range s.viewed(ctx, briefID) {
		c, err := s.rawCorrections(ctx, id)
		if err != nil {
			return Corrections{}, err
		}
		if i == 0 {
			out = c
		} else {
			out.mergeFrom(c)
		}
	}
	return out, nil
}

func (s *Store) rawCorrections(ctx context.Context, briefID string) (Corrections, error) {
	var c Corrections
	if !s.has("overrides") {
		return c, nil
	}
	err := scanRows(ctx, s.q, "SELECT field, value, updated FROM overrides WHERE brief_id = ?", []any{briefID}, func(r *sql.Rows) error {
		return scanCorrection(r, &c)
	})
	if err != nil {
		return Corrections{}, fmt.Errorf("read corrections of %s: %w", briefID, err)
	}
	return c, nil
}

func scanCorrection(r *sql.Rows, c *Corrections, prefix ...any) error {
	var f, v, updated string
	if err := r.Scan(append(prefix, &f, &v, &updated)...); err != nil {
		return err
	}
	c.set(Field(f), v)
	if t, err := parseTime(updated); err == nil && t.After(c.Updated) {
		c.Updated = t
	}
	return nil
}

// AllCorrections returns every brief's corrections (brief ID -> corrections).
func (s *Store) AllCorrections(ctx context.Context) (map[string]Corrections, error) {
	out := map[string]Corrections{}
	if !s.has("overrides") {
		return out, nil
	}
	err := scanRows(ctx, s.q, "SELECT brief_id, field, value, updated FROM overrides ORDER BY brief_id", nil, func(r *sql.Rows) error {
		var id string
		var c Corrections
		if err := scanCorrection(r, &c, &id); err != nil {
			return err
		}
		cur := out[id]
		cur.mergeFrom(c)
		out[id] = cur
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read all corrections: %w", err)
	}
	for from, to := range s.viewMap(ctx) {
		if c, ok := out[from]; ok {
			cur := out[to]
			cur.mergeFrom(c)
			out[to] = cur
			delete(out, from)
		}
	}
	return out, nil
}
