package matching

import (
	"testing"
	"time"

	"pitchmatch/internal/cputime"
)

// cpuMeter reports process CPU time per operation and peak resident memory,
// which stay meaningful when other processes share the machine's cores and
// inflate wall-clock ns/op.
type cpuMeter struct{ start time.Duration }

func startCPU() cpuMeter { return cpuMeter{cputime.Used()} }

func (c cpuMeter) report(b *testing.B) {
	b.ReportMetric((cputime.Used()-c.start).Seconds()/float64(b.N), "cpu-s/op")
	if rss := cputime.PeakRSS(); rss > 0 {
		b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MB")
	}
}
