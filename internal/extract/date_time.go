package extract

import (
	"strings"
	"time"
)

// timeAt reads a time of day right after a date: "- 11:25", "T10:30:00Z",
// ", 3:45 p.m.", "at 09:00", "الساعة 11:25 صباحا", with a zone when one is
// written ("Z", "+03:00", "GMT").
func timeAt(text string, toks []token, h *dateHit) {
	k, ok := timeStart(text, toks, h.last+1)
	if !ok || k+1 >= len(toks) || !toks[k].digits || !toks[k+1].digits || len(toks[k].key) > 2 || len(toks[k+1].key) != 2 {
		return
	}
	if text[toks[k].end:toks[k+1].start] != ":" {
		return
	}
	hh, mm := tokInt(toks[k]), tokInt(toks[k+1])
	last := k + 1
	ss := 0
	if last+1 < len(toks) && toks[last+1].digits && len(toks[last+1].key) == 2 && text[toks[last].end:toks[last+1].start] == ":" {
		ss = tokInt(toks[last+1])
		last++
	}
	hh, last = meridiem(text, toks, hh, last)
	if hh > 23 || mm > 59 || ss > 59 {
		return
	}
	h.hour, h.min, h.sec, h.hasTime = hh, mm, ss, true
	h.loc, h.last = zoneAt(text, toks, last)
}

// timeStart returns the token where a time of day after a date may start:
// after a "T" glued to the date, "at", "الساعة", or a short separator on
// the same line.
func timeStart(text string, toks []token, k int) (int, bool) {
	if k >= len(toks) {
		return k, false
	}
	g := text[toks[k-1].end:toks[k].start]
	switch {
	case g == "" && toks[k].key == "t":
		k++
		return k, k < len(toks) && toks[k].start == toks[k-1].end
	case toks[k].key == "at" || toks[k].key == "الساعه":
		return k + 1, true
	}
	switch strings.TrimSpace(g) {
	case "", ",", "-", "–", "—", "|", "،":
		return k, !strings.Contains(g, "\n")
	}
	return k, false
}

// meridiem applies "am"/"pm" (also "a.m.", "p.m." and Arabic صباحا/مساء)
// after a time ending at token last.
func meridiem(text string, toks []token, hh, last int) (int, int) {
	if last+1 >= len(toks) || strings.TrimSpace(text[toks[last].end:toks[last+1].start]) != "" {
		return hh, last
	}
	switch toks[last+1].key {
	case "pm", "p", "مساء", "مساءا", "ظهرا", "عصرا", "ليلا":
		if hh < 12 {
			hh += 12
		}
		return hh, last + 1
	case "am", "a", "صباحا", "فجرا":
		if hh == 12 {
			hh = 0
		}
		return hh, last + 1
	}
	return hh, last
}

// zoneAt reads a zone right after a time ending at token last: "Z" glued
// to it, "+03:00", "+0300", "-05:00", " GMT", " UTC", " GMT+3". It returns
// the zone (nil when none is written) and the time's last token.
func zoneAt(text string, toks []token, last int) (*time.Location, int) {
	k := last + 1
	if k >= len(toks) {
		return nil, last
	}
	g := text[toks[last].end:toks[k].start]
	switch {
	case g == "" && toks[k].key == "z":
		return time.UTC, k
	case strings.TrimSpace(g) == "" && (toks[k].key == "gmt" || toks[k].key == "utc") && toks[k].upper:
		if loc, end := offsetAt(text, toks, k); loc != nil {
			return loc, end
		}
		return time.UTC, k
	case g == "+" || g == "-":
		return offsetAt(text, toks, last)
	}
	return nil, last
}

// offsetAt reads "+03:00", "+0300" or "+3" after token k.
func offsetAt(text string, toks []token, k int) (*time.Location, int) {
	if k+1 >= len(toks) || !toks[k+1].digits {
		return nil, k
	}
	sign := text[toks[k].end:toks[k+1].start]
	if sign != "+" && sign != "-" {
		return nil, k
	}
	hh, mm, end := 0, 0, k+1
	switch d := toks[k+1].key; {
	case len(d) == 4:
		hh, mm = tokInt(toks[k+1])/100, tokInt(toks[k+1])%100
	case len(d) <= 2:
		hh = tokInt(toks[k+1])
		if k+2 < len(toks) && toks[k+2].digits && len(toks[k+2].key) == 2 && text[toks[k+1].end:toks[k+2].start] == ":" {
			mm = tokInt(toks[k+2])
			end = k + 2
		}
	default:
		return nil, k
	}
	if hh > 14 || mm > 59 {
		return nil, k
	}
	off := (hh*60 + mm) * 60
	if sign == "-" {
		off = -off
	}
	if off == 0 {
		return time.UTC, end
	}
	return time.FixedZone("", off), end
}
