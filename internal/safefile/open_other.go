//go:build !unix

package safefile

import "os"

// openNonBlocking opens path for reading (systems without FIFOs that block
// an open).
func openNonBlocking(path string) (*os.File, error) {
	return os.Open(path)
}
