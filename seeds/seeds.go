// Package seeds exposes the seed briefs that are built into the binary.
package seeds

import (
	"embed"
	"io/fs"
)

//go:embed *.txt
var files embed.FS

// FS returns the embedded seed briefs; file names are at its root.
func FS() fs.FS { return files }
