package textmatch

import (
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"Vahidi", "vahidi"},
		{"border control", "border control"},
		{"Türkiye ÉLYSÉE", "türkiye élysée"},
		// hamza forms of alef
		{"الأمير", "الامير"},
		{"إيران", "ايران"},
		{"آفة", "افه"},
		{"ٱلرحمن", "الرحمن"},
		// ة, ى, Persian letters
		{"القمة", "القمه"},
		{"جدة", "جده"},
		{"العراقى", "العراقي"},
		{"فى", "في"},
		{"وزیر", "وزير"},
		{"مکافحة", "مكافحه"},
		// hamza on waw and yeh
		{"مسؤول", "مسءول"},
		{"مسئول", "مسءول"},
		{"شؤون", "شءون"},
		{"و\u0654", "ء"}, // decomposed ؤ
		{"ا\u0654", "ا"}, // decomposed أ
		{"ا\u0655", "ا"}, // decomposed إ
		{"ي\u0654", "ء"}, // decomposed ئ
		{"ب\u0654", "ب"}, // stray hamza mark
		{"\u0654", ""},   // alone
		// diacritics and tatweel
		{"مجلسُ الوزراءِ", "مجلس الوزراء"},
		{"قرّر", "قرر"},
		{"عـاجـل", "عاجل"},
		{"الرَّحْمٰنِ", "الرحمن"},
		{"اتصالاً", "اتصالا"},
		// digits
		{"١٧ أيار ٢٠٢٥", "17 ايار 2025"},
		{"۱۴۰۳", "1403"},
		{"٤١٪", "41٪"},
		// presentation forms
		{"ﻻ", "لا"},
		{"ﺍﻟﻌﺮﺍﻕ", "العراق"},
		// other scripts untouched but lower-cased
		{"ΑΘΗΝΑ", strings.ToLower("ΑΘΗΝΑ")},
		{"שָׁלוֹם", "שָׁלוֹם"},
	} {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestFoldIsToLowerWithoutArabic: text with no Arabic script folds exactly
// as strings.ToLower, so English (and other) search is unchanged.
func TestFoldIsToLowerWithoutArabic(t *testing.T) {
	for _, s := range []string{"Baghdad / NINA/- Iraqi Interior Minister Abdul Amir Al-Shammari", "Türkiye İstanbul", "ΣΟΦΙΑ", "Ünïcödé ẞ", "日本語", "\xff\xfebad"} {
		if got, want := Fold(s), strings.ToLower(s); got != want {
			t.Errorf("Fold(%q) = %q, strings.ToLower = %q", s, got, want)
		}
	}
}

func TestHasArabic(t *testing.T) {
	for s, want := range map[string]bool{
		"": false, "Baghdad": false, "Türkiye": false, "שלום": false,
		"بغداد": true, "in بغداد today": true, "ﻻ": true, "ݐ": true, "٣": true,
	} {
		if got := HasArabic(s); got != want {
			t.Errorf("HasArabic(%q) = %v", s, got)
		}
	}
}
