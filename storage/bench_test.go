package storage

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"pitchmatch/event"
	"pitchmatch/internal/cputime"
)

func startups20k() []*event.Startup {
	r := rand.New(rand.NewPCG(20000, 1))
	out := make([]*event.Startup, 20000)
	for k := range out {
		out[k] = realisticStartup(r, k)
	}
	return out
}

// BenchmarkImportStartups20k imports 20,000 fully filled startups into a
// fresh file: validation, one transaction and the audit entry. cpu-ms/op is
// the process CPU time, steadier than wall time on a shared machine.
func BenchmarkImportStartups20k(b *testing.B) {
	ctx, cancel := context.WithCancel(context.Background()) // as callers have
	defer cancel()
	ss := startups20k()
	dir := b.TempDir()
	var cpu time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		for _, s := range ss {
			s.Version = 0
		}
		db, err := Open(ctx, filepath.Join(dir, fmt.Sprintf("bench%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		c0 := cputime.Used()
		if err := db.Import(ctx, "bench", &event.Batch{Startups: ss}); err != nil {
			b.Fatal(err)
		}
		cpu += cputime.Used() - c0
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkLoadStartups20k reads all 20,000 startups back.
func BenchmarkLoadStartups20k(b *testing.B) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	db, err := Open(ctx, filepath.Join(b.TempDir(), "load.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if err := db.Import(ctx, "bench", &event.Batch{Startups: startups20k()}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	c0 := cputime.Used()
	for i := 0; i < b.N; i++ {
		ss, err := db.Startups(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if len(ss) != 20000 {
			b.Fatalf("%d startups", len(ss))
		}
	}
	b.ReportMetric(float64((cputime.Used()-c0).Milliseconds())/float64(b.N), "cpu-ms/op")
}
