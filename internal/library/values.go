package library

import (
	"fmt"
	"github.com/briefs/briefs/internal/brief"
	"strconv"
	"strings"
	"time"
)

// parseEdition reads an edition value: a number ("3", "3rd"), an ordinal
// word ("third"), or "none" (0: briefs about no edition).
func parseEdition(v string) (int, error) {
	l := strings.ToLower(strings.TrimSpace(v))
	if l == "none" || l == "0" {
		return 0, nil
	}
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if strings.HasSuffix(l, suf) && len(l) > len(suf) && l[0] >= '0' && l[0] <= '9' {
			l = strings.TrimSuffix(l, suf)
			break
		}
	}
	if n, err := strconv.Atoi(l); err == nil && n > 0 && n < 1000 {
		return n, nil
	}
	words := []string{"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"}
	for i, w := range words {
		if l == w {
			return i + 1, nil
		}
	}
	return 0, fmt.Errorf("edition:%s is not an edition (use a number, as in edition:3, or edition:none)", v)
}

// OrdinalLabel writes 1 as "1st", 2 as "2nd", and so on.
func OrdinalLabel(n int) string { return brief.Ordinal(n) }

// parseDateRange reads date:2024, date:2024-07, date:2024-07-22 and ranges
// A..B of those (either side may be empty). It returns [from, to).
func parseDateRange(v string) (time.Time, time.Time, error) {
	if a, b, ok := strings.Cut(v, ".."); ok {
		var from, to time.Time
		if a != "" {
			f, _, err := parseDatePrefix(a)
			if err != nil {
				return from, to, err
			}
			from = f
		}
		if b != "" {
			_, t, err := parseDatePrefix(b)
			if err != nil {
				return from, to, err
			}
			to = t
		}
		if a == "" && b == "" {
			return from, to, fmt.Errorf("date:.. needs at least one end, as in date:2024-01..2024-06")
		}
		if !from.IsZero() && !to.IsZero() && !from.Before(to) {
			return from, to, fmt.Errorf("date:%s ends before it starts", v)
		}
		return from, to, nil
	}
	return parseDatePrefix(v)
}

func parseDatePrefix(v string) (time.Time, time.Time, error) {
	layouts := []struct {
		layout string
		next   func(time.Time) time.Time
	}{
		{"2006-01-02", func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }},
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }},
	}
	for _, l := range layouts {
		if len(v) != len(l.layout) {
			continue
		}
		if t, err := time.Parse(l.layout, v); err == nil {
			return t, l.next(t), nil
		}
	}
	return time.Time{}, time.Time{}, fmt.Errorf("date:%s is not a date (use date:2024, date:2024-07, date:2024-07-22 or a range date:2024-01..2024-06)", v)
}
