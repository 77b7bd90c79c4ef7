package embed

import (
	"testing"
	"time"

	"pitchmatch/internal/cputime"
)

// reportCPU reports the process CPU time used since start, per operation.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric((cputime.Used()-start).Seconds()/float64(b.N), "cpu-s/op")
}
