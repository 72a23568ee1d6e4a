package bidi

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestIsRTL(t *testing.T) {
	for s, want := range map[string]bool{
		"": false,
		"Baghdad / NINA/- The Interior Minister said": false,
		"بغداد - واع":                                 true,
		"وقّع العراق ومكتب الأمم المتحدة (UNODC) مذكرة تفاهم بكلفة 3.5 مليون دولار": true,
		`His media office quoted him as saying: "التحديات التي تواجه المنطقة"`:      false,
		"١٧ أيار ٢٠٢٥":            true,
		"١٧ - ٢٠٢٥ / 12":          false, // digits and punctuation only
		"שלום עולם":               true,  // Hebrew
		"وزیر امور خارجه ایران":   true,  // Persian
		"UNODC و WHO":             false, // more Latin letters than Arabic
		"\x1b[38;5;252mنص\x1b[0m": true,  // SGR parameters are not text
	} {
		if got := IsRTL(s); got != want {
			t.Errorf("IsRTL(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestAlignRight(t *testing.T) {
	in := []string{"  بدأت وفود الدول العربية", "  بالوصول إلى بغداد", "  "}
	got := AlignRight(in, 30)
	want := []string{
		strings.Repeat(" ", 30-2-23) + "بدأت وفود الدول العربية",
		strings.Repeat(" ", 30-2-17) + "بالوصول إلى بغداد",
		"",
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d: %q, want %q", i, got[i], want[i])
		}
	}
	for _, l := range got[:2] {
		if w := ansi.StringWidth(l); w != 28 {
			t.Errorf("%q is %d wide, want 28 (ending at the mirrored margin)", l, w)
		}
	}
}

func TestAlignRightStyled(t *testing.T) {
	line := "\x1b[38;5;252m  \x1b[0m\x1b[38;5;252mنص عربي\x1b[0m\x1b[38;5;252m           \x1b[0m"
	got := AlignRight([]string{line}, 20)[0]
	if ansi.Strip(got) != strings.Repeat(" ", 20-2-7)+"نص عربي" {
		t.Errorf("text %q", ansi.Strip(got))
	}
	if !strings.Contains(got, "\x1b[38;5;252mنص عربي") {
		t.Errorf("style lost: %q", got)
	}
}

func TestAlignRightTooWide(t *testing.T) {
	in := []string{"نص عربي طويل جدا لا يتسع"}
	if got := AlignRight(in, 10); got[0] != in[0] {
		t.Errorf("a line wider than the room moved: %q", got[0])
	}
}

func TestAlignParagraphs(t *testing.T) {
	text := strings.Join([]string{
		"  Shafaq News/ Iraqi Prime Minister",
		"  received the ministers.",
		"",
		"  بغداد/ شفق نيوز/ بدأت وفود",
		"  الدول العربية (UNODC) بالوصول",
		"",
		"  The summit is on May 17.",
	}, "\n")
	got := strings.Split(AlignParagraphs(text, 40), "\n")
	in := strings.Split(text, "\n")
	for _, i := range []int{0, 1, 2, 5, 6} {
		if got[i] != in[i] {
			t.Errorf("line %d changed: %q", i, got[i])
		}
	}
	for _, i := range []int{3, 4} {
		if ansi.StringWidth(got[i]) != 38 || !strings.HasSuffix(got[i], strings.TrimSpace(in[i])) {
			t.Errorf("line %d not right-aligned: %q", i, got[i])
		}
	}
	if s := "English only\n\nmore"; AlignParagraphs(s, 40) != s {
		t.Error("English text changed")
	}
}

// TestArabicBriefParagraphs: every paragraph of the Arabic test briefs is
// right-to-left, and the English brief quoting Arabic has one Arabic
// paragraph only.
func TestArabicBriefParagraphs(t *testing.T) {
	files, _ := filepath.Glob("../textmatch/testdata/ar/*.txt")
	if len(files) < 20 {
		t.Fatalf("%d test briefs", len(files))
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rtl := 0
		paras := strings.Split(strings.TrimSpace(string(data)), "\n\n")
		for _, p := range paras {
			if IsRTL(p) {
				rtl++
			}
		}
		want := len(paras)
		if strings.Contains(f, "_en_") {
			want = 1
		}
		if rtl != want {
			t.Errorf("%s: %d of %d paragraphs right-to-left, want %d", f, rtl, len(paras), want)
		}
	}
}

func TestTruncate(t *testing.T) {
	// English is cut exactly as ansi.Truncate cuts it
	for _, w := range []int{1, 5, 8, 13} {
		s := "Interior Minister: Iraq Has Succeeded"
		if got, want := Truncate(s, w, "…"), ansi.Truncate(s, w, "…"); got != want {
			t.Errorf("Truncate(%q, %d) = %q, ansi.Truncate = %q", s, w, got, want)
		}
	}
	for _, c := range []struct {
		s     string
		width int
		want  string
	}{
		{"Vahidi arrives", 20, "Vahidi arrives"},
		{"Vahidi arrives in Baghdad", 10, "Vahidi ar…"},
		{"Vahidi arrives", 8, "Vahidi …"},     // as ansi.Truncate
		{"مجلسُ الوزراءِ يقرّ", 6, "مجلسُ …"}, // the damma stays with its letter
		{"عـاجـل | مجلس الوزراء", 3, "ع…"},    // no dangling tatweel
		{"مجلس الوزراء", 12, "مجلس الوزراء"},
		{"مجلس الوزراء", 0, ""},
		{"مجلس الوزراء", 1, "…"},
		{"שָׁלוֹם עולם", 3, "שָׁל…"},
	} {
		got := Truncate(c.s, c.width, "…")
		if got != c.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", c.s, c.width, got, c.want)
		}
		if w := ansi.StringWidth(got); w > max(c.width, 0) {
			t.Errorf("Truncate(%q, %d) is %d wide", c.s, c.width, w)
		}
	}
}

func TestAlignRightKeepsBackgroundPadding(t *testing.T) {
	line := "  \x1b[38;5;228;48;5;63;1m \x1b[m\x1b[38;5;228;48;5;63;1mعنوان\x1b[m\x1b[38;5;228;48;5;63;1m \x1b[m\x1b[38;5;252m \x1b[m\x1b[38;5;252m \x1b[m"
	got := AlignRight([]string{line}, 20)[0]
	if ansi.Strip(got) != strings.Repeat(" ", 20-2-7)+" عنوان " {
		t.Errorf("text %q", ansi.Strip(got))
	}
}

func TestSGRBackground(t *testing.T) {
	for _, c := range []struct {
		params string
		before bool
		want   bool
	}{
		{"", true, false}, {"0", true, false}, {"1", false, false}, {"1", true, true},
		{"48;5;63", false, true}, {"38;5;48", false, false}, {"38;2;1;48;3", false, false},
		{"44", false, true}, {"104", false, true}, {"49", true, false}, {"38;5;228;48;5;63;1", false, true},
	} {
		if got := sgrBackground(c.params, c.before); got != c.want {
			t.Errorf("sgrBackground(%q, %v) = %v", c.params, c.before, got)
		}
	}
}
