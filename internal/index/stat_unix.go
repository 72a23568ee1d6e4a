//go:build unix

package index

import (
	"io/fs"
	"syscall"
)

// keyOf is the statKey of a file's stat.
func keyOf(st fs.FileInfo) statKey {
	k := statKey{size: st.Size(), mtime: st.ModTime().UnixNano()}
	if sys, ok := st.Sys().(*syscall.Stat_t); ok {
		k.ino = uint64(sys.Ino)
		k.ctime = ctimeOf(sys)
	}
	return k
}
