package index

import (
	"fmt"
	"hash/fnv"
	"runtime/debug"
	"strconv"

	"github.com/briefs/briefs/internal/brief"
	"github.com/briefs/briefs/internal/extract"
)

// schemaVersion is the layout of the index file (tables and the encoding
// of entries). Another layout is rebuilt from scratch.
const schemaVersion = 2

// DeriveVersion names what parsing and extraction make of a file: an
// entry derived by another version is shown as it is while the file is
// derived again in the background. It changes with the parser's and the
// extractor's versions, the extractor's data, and the commit the program
// was built from (when built from a clean checkout), so a new build never
// trusts what an older one derived.
func DeriveVersion() string {
	v := fmt.Sprintf("s%d-p%d-%s", schemaVersion, brief.ParserVersion, extract.Version())
	if bi, ok := debug.ReadBuildInfo(); ok {
		rev, modified := "", false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified, _ = strconv.ParseBool(s.Value)
			}
		}
		if rev != "" && !modified {
			v += "-" + rev
		}
		for _, d := range bi.Deps {
			if d.Path == "github.com/biter777/countries" { // the extractor's country data
				v += "-" + d.Version
			}
		}
	}
	return v
}

// versionTag is the short form of a derive version stored in each entry.
func versionTag(v string) uint32 {
	h := fnv.New32a()
	_, _ = h.Write([]byte(v))
	return h.Sum32()
}
