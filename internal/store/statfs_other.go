//go:build !unix

package store

import (
	"errors"
	"syscall"
)

// freeSpace is unknown on this system.
func freeSpace(string) (uint64, bool) { return 0, false }

// isNoSpace reports whether err is "no space left on device".
func isNoSpace(err error) bool { return errors.Is(err, syscall.ENOSPC) }

// isReadOnlyFS reports whether err is "read-only file system".
func isReadOnlyFS(err error) bool { return errors.Is(err, syscall.EROFS) }
