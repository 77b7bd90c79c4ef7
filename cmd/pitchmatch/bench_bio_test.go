package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// bioDemo is the BIO-scale demo event of issue 16 (BIO International has
// about 19,500 attendees and 61,000 meetings).
var bioDemo = []string{"--startups", "15000", "--companies", "4500", "--themes", "4500", "--tables", "2000", "--days", "3", "--slots-per-day", "12"}

// BenchmarkScheduleBIO runs the whole CLI `schedule` on the BIO-scale demo
// as a separate process (the test binary re-executed, see TestMain) and
// reports its CPU time (user + system) and peak resident memory from the
// kernel's accounting of that process alone, as /usr/bin/time -v would.
// Targets: under 60 CPU-s and under 2 GB on the 2-core reference machine.
// Run once: go test ./cmd/pitchmatch/ -run '^$' -bench ScheduleBIO -benchtime 1x
// (scripts/bio-check.sh). PITCHMATCH_BIO_DB reuses an event file made by
// `pitchmatch demo` with the same options (it is not changed).
func BenchmarkScheduleBIO(b *testing.B) {
	if testing.Short() {
		b.Skip("scores 55.8 M pairs: a minute of CPU")
	}
	db := os.Getenv("PITCHMATCH_BIO_DB")
	if db == "" {
		db = filepath.Join(b.TempDir(), "bio.db")
		var out, errOut bytes.Buffer
		env := &cliEnv{stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }}
		if code := run(context.Background(), env, append([]string{"demo", "--db", db}, bioDemo...)); code != 0 {
			b.Fatalf("demo exit %d: %s", code, errOut.String())
		}
	}
	var cpu, wall time.Duration
	var peak int64
	var summary string
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "PITCHMATCH_TEST_CLI="+strings.Join([]string{"schedule", "--db", db}, "\x1f"))
		var out, errOut bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errOut
		start := time.Now()
		if err := cmd.Run(); err != nil {
			b.Fatalf("schedule: %v\n%s", err, errOut.String())
		}
		wall += time.Since(start)
		ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		cpu += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		peak = max(peak, ru.Maxrss*1024) // Linux: kilobytes
		summary = out.String()
	}
	n := float64(b.N)
	b.ReportMetric(cpu.Seconds()/n, "cpu-s/op")
	b.ReportMetric(wall.Seconds()/n, "wall-s/op")
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
	for _, l := range strings.Split(summary, "\n") {
		if strings.HasPrefix(l, "Meetings") || strings.HasPrefix(l, "Objective") || strings.HasPrefix(l, "Candidates") {
			b.Log(strings.TrimSpace(l))
		}
	}
}
