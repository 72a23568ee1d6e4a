package termsafe

import (
	"strings"
	"testing"
)

// BenchmarkFilterArabic: clean Arabic text, the fast path every frame of
// the reader takes.
func BenchmarkFilterArabic(b *testing.B) {
	s := strings.Repeat("وقّع العراق ومكتب الأمم المتحدة (UNODC) مذكرة تفاهم بكلفة 3.5 مليون دولار\n", 100)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		_ = Filter(s)
	}
}
