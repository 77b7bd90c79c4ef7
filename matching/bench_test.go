package matching

import (
	"context"
	"testing"
)

// Benchmark sizes from the issue: 10,000 startups × 1,000 themes (over 300
// companies), with 20,000 interests.
const (
	benchStartups  = 10000
	benchThemes    = 1000
	benchCompanies = 300
	benchInterests = 20000
)

func benchModel(b *testing.B) (Input, *Model) {
	b.Helper()
	in := randInput(42, benchStartups, benchThemes, benchCompanies, benchInterests)
	m, err := Prepare(context.Background(), in)
	if err != nil {
		b.Fatal(err)
	}
	return in, m
}

// BenchmarkPrepare builds the text index, vectors, postings and bitsets.
func BenchmarkPrepare(b *testing.B) {
	in := randInput(42, benchStartups, benchThemes, benchCompanies, benchInterests)
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		if _, err := Prepare(context.Background(), in); err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b)
}

// BenchmarkPairScores scores all 10M startup–theme pairs and keeps the
// best theme of every startup–company pair (3M pairs).
func BenchmarkPairScores(b *testing.B) {
	_, m := benchModel(b)
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		ps, err := m.PairScores(context.Background(), 0, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(ps)), "pairs")
	}
	cpu.report(b)
}

// BenchmarkAllPairsFromScratch is Prepare plus PairScores: the whole job
// of scoring every pair from the raw profiles.
func BenchmarkAllPairsFromScratch(b *testing.B) {
	in := randInput(42, benchStartups, benchThemes, benchCompanies, benchInterests)
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		m, err := Prepare(context.Background(), in)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := m.PairScores(context.Background(), 0, nil); err != nil {
			b.Fatal(err)
		}
	}
	cpu.report(b)
}

// BenchmarkRankTheme ranks 10,000 startups for one theme (top 50 with
// reasons), once prepared.
func BenchmarkRankTheme(b *testing.B) {
	_, m := benchModel(b)
	ctx := context.Background()
	i := 0
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		if _, err := m.RankTheme(ctx, m.themes[i%len(m.themes)].src.ID, Filter{}, 50); err != nil {
			b.Fatal(err)
		}
		i++
	}
	cpu.report(b)
}

// BenchmarkRankStartup ranks 1,000 themes for one startup.
func BenchmarkRankStartup(b *testing.B) {
	_, m := benchModel(b)
	ctx := context.Background()
	i := 0
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		if _, err := m.RankStartup(ctx, m.startups[i%len(m.startups)].src.ID, Filter{}, 50); err != nil {
			b.Fatal(err)
		}
		i++
	}
	cpu.report(b)
}
