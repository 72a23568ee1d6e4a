//go:build unix && !linux

package index

import "syscall"

// ctimeOf: the change time where its field is known; 0 (size, time and
// inode only) elsewhere.
func ctimeOf(*syscall.Stat_t) int64 { return 0 }
