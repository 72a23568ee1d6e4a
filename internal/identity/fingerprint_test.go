package identity

import (
	"bytes"
	"testing"
)

// A stored fingerprint is read back safely whatever the database holds:
// no panic, and what parses writes back the same.
func FuzzParseFingerprint(f *testing.F) {
	good, _ := FingerprintOf("A title", "Some words of a body, enough for a few shingles to exist.").MarshalBinary()
	f.Add(good)
	f.Add([]byte{1, 0})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		fp, err := ParseFingerprint(data)
		if err != nil {
			return
		}
		again, err := fp.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if len(data) > 0 && !bytes.Equal(again, data) {
			// a uvarint may be written with redundant bytes: compare meaning
			fp2, err := ParseFingerprint(again)
			if err != nil {
				t.Fatalf("re-marshalled fingerprint does not parse: %v", err)
			}
			if j, _ := Similarity(fp, fp2); fp.n > 0 && j != 1 {
				t.Fatal("round trip changed the fingerprint")
			}
		}
		Similarity(fp, fp)
	})
}
