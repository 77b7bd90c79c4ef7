//go:build unix

package storage

import (
	"syscall"
	"time"
)

// cpuTime is the user plus system CPU time this process has used, for
// benchmarks on a machine shared with other work, where wall time says
// little.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
