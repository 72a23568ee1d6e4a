//go:build !unix

package index

import "time"

// cpuTime is not measured here (cpu-ms reads 0).
func cpuTime() time.Duration { return 0 }
