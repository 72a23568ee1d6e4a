package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// codeVersion names what Apply makes of a brief, apart from the embedded
// data files (which Version hashes). Bump it with any change to the
// extraction code that changes its results: caches of extracted metadata
// (package index) derive them again.
const codeVersion = 10

// Version identifies the extractor's results: its code version and a hash
// of its embedded data files. Two extractors with the same Version give
// the same metadata for the same brief.
func Version() string {
	h := sha256.New()
	for _, s := range []string{gazetteerTSV, territoriesTSV, agenciesTSV, placesTXT, string(seriesJSON)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return "x" + strconv.Itoa(codeVersion) + "-" + hex.EncodeToString(h.Sum(nil))[:12]
}
