package textmatch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/briefs/briefs/internal/corpus"
)

func benchTexts(b *testing.B) (english, arabic string) {
	var en strings.Builder
	for _, f := range corpus.Generate(50, 3, 3000) {
		en.Write(f.Data)
	}
	var ar strings.Builder
	files, _ := filepath.Glob("testdata/ar/*.txt")
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		ar.Write(data)
	}
	return en.String(), ar.String()
}

// BenchmarkEachKey: indexing the words of English and of Arabic text.
func BenchmarkEachKey(b *testing.B) {
	en, ar := benchTexts(b)
	for _, c := range []struct{ name, text string }{{"english", en}, {"arabic", ar}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.text)))
			n := 0
			for b.Loop() {
				EachKey(c.text, func(string) { n++ })
			}
		})
	}
	// the tokeniser the library used before, for comparison
	b.Run("english-old", func(b *testing.B) {
		b.SetBytes(int64(len(en)))
		for b.Loop() {
			oldTokens(en)
		}
	})
}

// BenchmarkFold: folding whole texts.
func BenchmarkFold(b *testing.B) {
	en, ar := benchTexts(b)
	for _, c := range []struct{ name, text string }{{"english", en}, {"arabic", ar}} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.text)))
			buf := make([]byte, 0, len(c.text)+64)
			for b.Loop() {
				buf = AppendFold(buf[:0], c.text)
			}
		})
	}
}

// BenchmarkFindAll: find-in-brief over a whole text.
func BenchmarkFindAll(b *testing.B) {
	en, ar := benchTexts(b)
	for _, c := range []struct{ name, q, text string }{
		{"english", "vahidi", en}, {"english-phrase", "border control", en},
		{"arabic", "الوزراء", ar}, {"arabic-phrase", "مجلس الوزراء", ar},
	} {
		b.Run(c.name, func(b *testing.B) {
			p := Compile(c.q)
			b.SetBytes(int64(len(c.text)))
			for b.Loop() {
				p.FindAll(c.text)
			}
		})
	}
}
