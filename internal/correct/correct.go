// Package correct is the user's corrections of a brief's metadata between
// what the user writes and the store: it reads them as `briefs set` takes
// them (field=value assignments and --reset) and as the reader's form gives
// them, checks them (dates, editions, countries resolved through the
// extractor, agencies folded through its table), writes them to the store,
// and hands what the store holds to the library (Library), which applies
// them. The command line and the reader share it, so both accept and
// refuse the same things with the same words.
package correct

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/library"
	"github.com/briefs/briefs/internal/store"
)

// Resolver resolves names as extraction does: countries (codes, names,
// demonyms, Arabic names) and, when it can, agencies (ResolveSource).
// *extract.Extractor is one.
type Resolver interface {
	LookupCountry(s string) (code, name string, ok bool)
}

// sourceResolver is a Resolver that knows the agencies.
type sourceResolver interface {
	ResolveSource(s string) (name string, ok bool)
}

// Writer is what writing corrections needs of the store (a store.Backend).
type Writer interface {
	Correct(ctx context.Context, briefID string, f store.Field, value string) error
	CorrectCountries(ctx context.Context, briefID string, add, remove []string) error
	ResetCorrections(ctx context.Context, briefID string, fields ...store.Field) error
}

// ErrUsage marks the errors of Parse and Form: a mistake in what the user
// wrote, not a failure.
var ErrUsage = errors.New("usage")

type usageError struct{ msg string }

func (e usageError) Error() string        { return e.msg }
func (e usageError) Is(target error) bool { return target == ErrUsage }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// Names are the field names `briefs set` takes, in display order ("country"
// is the name of one change to countries; "countries" is accepted too).
func Names() []string {
	return []string{"title", "source", "date", "dateline", "series", "edition", "country"}
}

// ParseField reads a field's name as `briefs set` takes it (any case;
// country and countries are one field).
func ParseField(name string) (store.Field, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	if n == "country" {
		n = string(store.FieldCountries)
	}
	f := store.Field(n)
	if slices.Contains(store.Fields(), f) {
		return f, nil
	}
	return "", usagef("unknown field %q (fields: %s)", name, strings.Join(Names(), ", "))
}

// Edit is a change of one brief's corrections.
type Edit struct {
	// Set holds the fields to set, with their values as stored (checked
	// and normalised); "" resets the field to what was extracted. For
	// countries the value replaces the list of changes ("+IR -US").
	Set map[store.Field]string
	// Add and Remove change the countries on top of what is corrected
	// already (after Set, if it has countries).
	Add, Remove []string
}

// Empty reports whether the edit changes nothing.
func (e Edit) Empty() bool { return len(e.Set) == 0 && len(e.Add) == 0 && len(e.Remove) == 0 }

// Fields lists the fields the edit touches, in display order.
func (e Edit) Fields() []store.Field {
	var out []store.Field
	for _, f := range store.Fields() {
		_, set := e.Set[f]
		if set || (f == store.FieldCountries && len(e.Add)+len(e.Remove) > 0) {
			out = append(out, f)
		}
	}
	return out
}

// Parse reads the arguments of `briefs set` after the ID: field=value
// assignments (an empty value resets the field; country=+IR adds a country,
// country=-US removes one, names and demonyms in any language the
// extractor knows, several separated by commas), then optionally --reset
// and the fields to reset (none: all of them). Errors are usage errors
// (ErrUsage) naming the argument at fault.
func Parse(args []string, x Resolver) (Edit, error) {
	e := Edit{Set: map[store.Field]string{}}
	for i, arg := range args {
		if arg == "--reset" {
			rest := args[i+1:]
			if len(rest) == 0 {
				for _, f := range store.Fields() {
					e.Set[f] = ""
				}
				e.Add, e.Remove = nil, nil
			}
			for _, name := range rest {
				f, err := ParseField(name)
				if err != nil {
					return Edit{}, usagef("--reset: %s", err)
				}
				e.Set[f] = ""
				if f == store.FieldCountries {
					e.Add, e.Remove = nil, nil
				}
			}
			return e, nil
		}
		name, value, ok := strings.Cut(arg, "=")
		if !ok {
			return Edit{}, usagef("%q is not an assignment: write FIELD=VALUE (as in edition=4 or country=+IR), or --reset [FIELD...]", arg)
		}
		f, err := ParseField(name)
		if err != nil {
			return Edit{}, err
		}
		if f == store.FieldCountries {
			if strings.TrimSpace(value) == "" {
				e.Set[f], e.Add, e.Remove = "", nil, nil
				continue
			}
			add, remove, err := ParseCountries(value, x, true)
			if err != nil {
				return Edit{}, err
			}
			e.Add, e.Remove = union(e.Add, add), union(e.Remove, remove)
			if c := both(e.Add, e.Remove); c != "" {
				return Edit{}, usagef("%s: %s is both added and removed", arg, c)
			}
			continue
		}
		if _, dup := e.Set[f]; dup {
			return Edit{}, usagef("%s is given twice", f)
		}
		v, err := Value(f, value, x)
		if err != nil {
			return Edit{}, err
		}
		e.Set[f] = v
	}
	return e, nil
}

func union(list, add []string) []string {
	out := slices.Clone(list)
	for _, c := range add {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func both(a, b []string) string {
	for _, c := range a {
		if slices.Contains(b, c) {
			return c
		}
	}
	return ""
}

// Value checks one field's value (not countries) and returns it as
// stored: "" for an empty value (a reset). Titles, datelines and series
// are single lines; a source is the agency's common name when the
// extractor knows it (INA for واع), else as written; a date is YYYY-MM-DD,
// YYYY-MM-DD HH:MM or RFC 3339; an edition a positive whole number (4,
// 4th) or none; a series "none" means about no event.
func Value(f store.Field, value string, x Resolver) (string, error) {
	v := strings.TrimSpace(value)
	if v == "" {
		return "", nil
	}
	switch f {
	case store.FieldEdition:
		if strings.EqualFold(v, "none") {
			return "0", nil
		}
		num := strings.TrimRight(strings.ToLower(v), "stndrh")
		n, err := strconv.Atoi(num)
		if err != nil || n < 1 || n > 1000 || strings.HasPrefix(num, "+") {
			return "", usagef("edition=%s: not a positive whole number (as in edition=4 or edition=4th; edition=none: about no edition)", value)
		}
		return strconv.Itoa(n), nil
	case store.FieldDate:
		out, err := store.NormalizeCorrection(f, v)
		if err != nil {
			return "", usagef("date=%s: not a date (write YYYY-MM-DD, as in date=2024-05-15, or YYYY-MM-DD HH:MM)", value)
		}
		return out, nil
	case store.FieldSource:
		if r, ok := x.(sourceResolver); ok {
			if name, ok := r.ResolveSource(v); ok {
				v = name
			}
		}
	case store.FieldCountries:
		return "", usagef("countries are changed with country=+CODE and country=-CODE")
	}
	out, err := store.NormalizeCorrection(f, v)
	if err != nil {
		return "", usagef("%s", err)
	}
	return out, nil
}

// ParseCountries reads country changes: items separated by commas, each a
// code, a name, a demonym or an Arabic name, with + (add; the default when
// signs are optional) or - (remove). An item the extractor does not know
// is a usage error.
func ParseCountries(value string, x Resolver, signs bool) (add, remove []string, err error) {
	for _, item := range strings.Split(value, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		list := &add
		switch item[0] {
		case '+':
			item = strings.TrimSpace(item[1:])
		case '-':
			if !signs {
				return nil, nil, usagef("country %q: list the countries the brief is about, without signs", item)
			}
			item, list = strings.TrimSpace(item[1:]), &remove
		}
		code, err := Country(item, x)
		if err != nil {
			return nil, nil, err
		}
		if !slices.Contains(*list, code) {
			*list = append(*list, code)
		}
	}
	if len(add)+len(remove) == 0 {
		return nil, nil, usagef("country=%s: name a country, as in country=+IR, country=-US or country=+Iraqi", value)
	}
	return add, remove, nil
}

// Country resolves a country's code, name or demonym to its code.
func Country(s string, x Resolver) (string, error) {
	if x != nil {
		if code, _, ok := x.LookupCountry(s); ok {
			return code, nil
		}
	}
	return "", usagef("unknown country %q (give an ISO code, a name or a demonym, as in IR, Iran or Iranian)", s)
}

// Apply writes the edit to the store: the fields set or reset, then the
// country changes. Each write is a transaction of its own.
func Apply(ctx context.Context, w Writer, briefID string, e Edit) error {
	var reset []store.Field
	for _, f := range store.Fields() {
		v, ok := e.Set[f]
		switch {
		case !ok:
		case v == "":
			reset = append(reset, f)
		default:
			if err := w.Correct(ctx, briefID, f, v); err != nil {
				return err
			}
		}
	}
	if len(reset) > 0 {
		if err := w.ResetCorrections(ctx, briefID, reset...); err != nil {
			return err
		}
	}
	if len(e.Add)+len(e.Remove) > 0 {
		if err := w.CorrectCountries(ctx, briefID, e.Add, e.Remove); err != nil {
			return err
		}
	}
	return nil
}

// Library turns the store's corrections into the library's.
func Library(all map[string]store.Corrections) library.Corrections {
	if len(all) == 0 {
		return nil
	}
	out := make(library.Corrections, len(all))
	for id, c := range all {
		if c.IsZero() {
			continue
		}
		out[id] = library.Correction{Title: c.Title, Source: c.Source, Dateline: c.Dateline, Series: c.Series, Date: c.Date,
			Edition: c.Edition, HasEdition: c.HasEdition,
			AddCountries: slices.Clone(c.AddCountries), RemoveCountries: slices.Clone(c.RemoveCountries)}
	}
	return out
}

// Shown is a field of a brief as `briefs set` prints it and the reader's
// form shows it: "" for nothing.
func Shown(b *brief.Brief, f store.Field) string {
	switch f {
	case store.FieldTitle:
		return b.Title
	case store.FieldSource:
		return b.Source
	case store.FieldDate:
		return b.DateText()
	case store.FieldDateline:
		return b.Dateline
	case store.FieldSeries:
		return b.Series.Name
	case store.FieldEdition:
		if b.Edition > 0 {
			return strconv.Itoa(b.Edition)
		}
		return ""
	case store.FieldCountries:
		return strings.Join(b.CountryCodes(), ", ")
	}
	return ""
}

// Change is a field whose shown value changed.
type Change struct {
	Field         store.Field
	Before, After string
}

// Changes compares two versions of a brief field by field.
func Changes(before, after *brief.Brief) []Change {
	var out []Change
	for _, f := range store.Fields() {
		b, a := Shown(before, f), Shown(after, f)
		if b != a || before.IsCorrected(string(f)) != after.IsCorrected(string(f)) {
			out = append(out, Change{Field: f, Before: b, After: a})
		}
	}
	return out
}

// Form reads the reader's form: the text of every field (by store field),
// against the brief as extracted (orig) and as shown (cur, with the
// corrections). A field left as shown is not touched; one given back its
// extracted value (or emptied, for a field that cannot be empty: title,
// source, date, dateline) is reset; an edition or series emptied means
// none. Countries are a list separated by commas (codes, names or
// demonyms); they are stored as the changes from the extracted list.
// Errors are per field, for the form to show beside it.
func Form(orig, cur *brief.Brief, text map[store.Field]string, x Resolver) (Edit, map[store.Field]error) {
	e := Edit{Set: map[store.Field]string{}}
	errs := map[store.Field]error{}
	for _, f := range store.Fields() {
		t, ok := text[f]
		if !ok {
			continue
		}
		t = strings.TrimSpace(t)
		if t == strings.TrimSpace(Shown(cur, f)) {
			continue
		}
		if t == strings.TrimSpace(Shown(orig, f)) {
			e.Set[f] = ""
			continue
		}
		switch f {
		case store.FieldCountries:
			var want []string
			if t != "" {
				add, _, err := ParseCountries(t, x, false)
				if err != nil {
					errs[f] = err
					continue
				}
				want = add
			}
			have := orig.CountryCodes()
			var changes []string
			for _, c := range want {
				if !slices.Contains(have, c) {
					changes = append(changes, "+"+c)
				}
			}
			for _, c := range have {
				if !slices.Contains(want, c) {
					changes = append(changes, "-"+c)
				}
			}
			e.Set[f] = strings.Join(changes, " ") // "" when it is the extracted list
		case store.FieldEdition, store.FieldSeries:
			if t == "" {
				t = "none"
			}
			fallthrough
		default:
			if t == "" {
				e.Set[f] = ""
				continue
			}
			v, err := Value(f, t, x)
			if err != nil {
				errs[f] = err
				continue
			}
			e.Set[f] = v
		}
	}
	if len(errs) > 0 {
		return Edit{}, errs
	}
	return e, nil
}
