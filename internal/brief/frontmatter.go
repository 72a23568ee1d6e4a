package brief

import (
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v2"
)

// The front matter of Markdown briefs is split here, without copying the
// document, and only its YAML block is decoded: by a fast path for the
// plain "key: value" lines briefs usually have, by yaml.v2 for anything
// else. Both give what github.com/adrg/frontmatter with yaml.v2 gave
// (TestFrontMatterSameAsYAML); TOML (+++) still goes through that package.

// splitYAML splits a text starting with "---\n" into its YAML block and the
// body after the closing "---" line (a line that is "---" once trimmed), as
// frontmatter.Parse does. Without a closing line there is no front matter:
// ok is false and the whole text is the body.
func splitYAML(text string) (block, body string, ok bool) {
	const open = len("---\n")
	off := open
	for {
		nl := strings.IndexByte(text[off:], '\n')
		line, next := text[off:], len(text)
		if nl >= 0 {
			line, next = text[off:off+nl], off+nl+1
		}
		if strings.TrimSpace(line) == "---" {
			return text[open:off], text[next:], true
		}
		if nl < 0 {
			return "", text, false
		}
		off = next
	}
}

// decodeYAML decodes a front-matter block into fm.
func decodeYAML(block string, fm *frontMatter) error {
	if fastYAML(block, fm) {
		return nil
	}
	*fm = frontMatter{}
	return yaml.Unmarshal([]byte(block), fm)
}

// fastYAML decodes a block made only of top-level "key: scalar" lines,
// blank lines and comments, where every scalar is one that yaml.v2 reads
// as its own text (a plain scalar without indicators, or a quoted one
// without escapes) and every known key is one of the string fields. It
// reports false, leaving fm in any state, for anything else.
func fastYAML(block string, fm *frontMatter) bool {
	if !yamlPrintable(block) {
		return false // comments too: yaml.v2 reads every character
	}
	for len(block) > 0 {
		line := block
		if nl := strings.IndexByte(block, '\n'); nl >= 0 {
			line, block = block[:nl], block[nl+1:]
		} else {
			block = ""
		}
		if strings.TrimRight(line, " \t\r") == "" || line[0] == '#' {
			continue
		}
		key, value, ok := yamlLine(line)
		if !ok {
			return false
		}
		var dst *string
		switch key {
		case "title":
			dst = &fm.Title
		case "date":
			dst = &fm.Date
		case "source":
			dst = &fm.Source
		case "url":
			dst = &fm.URL
		case "series":
			dst = &fm.Series
		case "dateline":
			dst = &fm.Dateline
		case "edition", "countries", "tags":
			return false // not strings: yaml.v2 resolves them
		default:
			continue // a key briefs do not read (its value is a plain scalar)
		}
		*dst = value
	}
	return true
}

// yamlLine reads `key: scalar` at the start of a line and the scalar's
// value as yaml.v2 gives it to a string field; ok is false for any line
// the fast path does not vouch for.
func yamlLine(line string) (key, value string, ok bool) {
	colon := strings.IndexByte(line, ':')
	if colon <= 0 || !isYAMLKey(line[:colon]) {
		return "", "", false
	}
	rest := line[colon+1:]
	if rest != "" && rest[0] != ' ' {
		return "", "", false // "key:value" is one plain scalar, not a pair
	}
	v := strings.Trim(rest, " ")
	switch {
	case v == "" || v == "~" || v == "null" || v == "Null" || v == "NULL":
		return line[:colon], "", true // null: the zero string
	case v[0] == '"':
		inner := v[1:]
		if len(inner) == 0 || inner[len(inner)-1] != '"' {
			return "", "", false
		}
		inner = inner[:len(inner)-1]
		if strings.ContainsAny(inner, `"\`) {
			return "", "", false
		}
		return line[:colon], inner, true
	case v[0] == '\'':
		inner := v[1:]
		if len(inner) == 0 || inner[len(inner)-1] != '\'' {
			return "", "", false
		}
		inner = inner[:len(inner)-1]
		if strings.Contains(inner, "'") {
			return "", "", false
		}
		return line[:colon], inner, true
	}
	if !plainStart(v[0]) || strings.Contains(v, ": ") || strings.Contains(v, " #") || v[len(v)-1] == ':' {
		return "", "", false
	}
	return line[:colon], v, true
}

func isYAMLKey(k string) bool {
	for i := 0; i < len(k); i++ {
		c := k[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', c == '_':
		case i > 0 && ('0' <= c && c <= '9' || c == '-'):
		default:
			return false
		}
	}
	return k != ""
}

// plainStart reports whether a plain scalar may start with c, leaving out
// every YAML indicator (and '-', '?', ':' which sometimes are).
func plainStart(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c >= 0x80:
		return true
	}
	return strings.IndexByte("(./+$_^;)", c) >= 0
}

// yamlPrintable reports whether yaml.v2 reads every character of s as
// itself: valid UTF-8, printable, no tabs, no line breaks but \n, no
// byte-order marks.
func yamlPrintable(s string) bool {
	for _, r := range s {
		switch {
		case r == '\n':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0),
			r == 0x2028 || r == 0x2029 || r == 0xfeff,
			r == utf8.RuneError || r >= 0xfffe && r <= 0xffff:
			return false
		}
	}
	return true
}
