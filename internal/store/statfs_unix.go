//go:build unix

package store

import (
	"errors"
	"syscall"

	"golang.org/x/sys/unix"
)

// freeSpace returns the bytes available to the user in the file system
// holding dir.
func freeSpace(dir string) (uint64, bool) {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return 0, false
	}
	return st.Bavail * uint64(st.Bsize), true
}

// isNoSpace reports whether err is "no space left on device" or "disk
// quota exceeded".
func isNoSpace(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}

// isReadOnlyFS reports whether err is "read-only file system".
func isReadOnlyFS(err error) bool { return errors.Is(err, syscall.EROFS) }
