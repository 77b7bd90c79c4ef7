//go:build linux

package matching

import (
	"syscall"
	"testing"
	"time"
)

// cpuMeter reports process CPU time per operation and peak resident memory,
// which stay meaningful when other processes share the machine's cores and
// inflate wall-clock ns/op.
type cpuMeter struct{ start time.Duration }

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func startCPU() cpuMeter { return cpuMeter{cpuTime()} }

func (c cpuMeter) report(b *testing.B) {
	b.ReportMetric((cpuTime()-c.start).Seconds()/float64(b.N), "cpu-s/op")
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MB") // Linux reports KiB
	}
}
