//go:build !unix

package index

import "io/fs"

// keyOf is the statKey of a file's stat: size and time only here.
func keyOf(st fs.FileInfo) statKey {
	return statKey{size: st.Size(), mtime: st.ModTime().UnixNano()}
}
