package tags

import (
	"slices"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	ok := []struct{ in, want string }{
		{"followup", "followup"},
		{"  FollowUp  ", "followup"},
		{"follow \t\n up now", "follow-up-now"},
		{"#Iran", "iran"},
		{"region/middle-east", "region/middle-east"},
		{"v1.2_draft", "v1.2_draft"},
		{"e\u0301te\u0301", "été"},
		{"مخدرات جديدة", "مخدرات-جديدة"},
		{strings.Repeat("é", 64), strings.Repeat("é", 64)},
	}
	for _, c := range ok {
		if got, err := Normalize(c.in); err != nil || got != c.want {
			t.Errorf("Normalize(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	bad := []struct{ in, msg string }{
		{"", "empty"},
		{"#", "empty"},
		{"-done", "must not start with '-'"},
		{strings.Repeat("x", 65), "65 characters, at most 64"},
		{"a#b", "character '#'"},
		{"x\x1b[31m", `character '\x1b'`},
		{"\xff", "not valid UTF-8"},
		{"\u0301x", "(U+0301)"},
	}
	for _, c := range bad {
		_, err := Normalize(c.in)
		if err == nil || !strings.Contains(err.Error(), c.msg) || !strings.HasPrefix(err.Error(), "invalid tag ") {
			t.Errorf("Normalize(%q) error = %v, want one mentioning %q", c.in, err, c.msg)
		}
	}
}

func TestValue(t *testing.T) {
	for in, want := range map[string]string{"#Follow Up": "follow-up", "bad!tag": "bad!tag", "A  B!": "a-b!"} {
		if got := Value(in); got != want {
			t.Errorf("Value(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestParseEdit: one grammar for the reader's tag editor and `briefs tag`:
// a bare word adds, as +word and #word do; -word removes.
func TestParseEdit(t *testing.T) {
	e, err := ParseEdit(strings.Fields("  a +B  -c  #d e-f a "))
	if err != nil || !slices.Equal(e.Add, []string{"a", "b", "d", "e-f"}) || !slices.Equal(e.Remove, []string{"c"}) {
		t.Errorf("ParseEdit = %+v, %v", e, err)
	}
	if got := e.String(); got != "+a +b +d +e-f -c" {
		t.Errorf("String() = %q", got)
	}
	for _, in := range []string{"ok no|pe", "+", "-", "a -A", "--x"} {
		if _, err := ParseEdit(strings.Fields(in)); err == nil {
			t.Errorf("ParseEdit(%q) accepted", in)
		}
	}
	if e, err := ParseEdit(nil); err != nil || !e.Empty() {
		t.Errorf("empty edit: %+v, %v", e, err)
	}
	if _, err := ParseEdit([]string{"a", "-a"}); err == nil || !strings.Contains(err.Error(), "both added and removed") {
		t.Errorf("a -a: %v", err)
	}
}
