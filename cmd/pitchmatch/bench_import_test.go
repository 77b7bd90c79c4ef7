package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"pitchmatch/demo"
	"pitchmatch/event"
	"pitchmatch/exchange"
	"pitchmatch/internal/cputime"
	"pitchmatch/storage"
)

// BenchmarkImportXLSX20k measures `pitchmatch import` of a 20,000-startup
// .xlsx workbook through the import pipeline: read the sheet, suggest the
// column mapping, map and validate every value, plan against the stored
// event and store in one transaction. Target (issue 12): under 10 s and
// 1 GB on the 2-core machine. peak-MB is the process's peak resident set.
func BenchmarkImportXLSX20k(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	batch := demo.Generate(demo.Options{Startups: 20000, Companies: 600, Themes: 1000})
	var buf bytes.Buffer
	if err := exchange.WriteTable(ctx, &buf, exchange.KindStartups, &exchange.Stored{Startups: batch.Startups}, true); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(dir, "startups.xlsx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	i := 0
	cpu := cputime.Used()
	for b.Loop() {
		b.StopTimer()
		db := filepath.Join(dir, fmt.Sprintf("event%d.db", i))
		i++
		if err := writeNewDB(ctx, db, &event.Batch{}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		var out, errOut bytes.Buffer
		env := &cliEnv{stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }}
		if code := run(ctx, env, []string{"import", "--db", db, "--kind", "startups", path}); code != 0 {
			b.Fatalf("import exit %d: %s\n%s", code, errOut.String(), out.String())
		}
		b.StopTimer()
		st, err := storage.Open(ctx, db)
		if err != nil {
			b.Fatal(err)
		}
		c, err := st.Counts(ctx)
		st.Close()
		if err != nil || c.Startups != 20000 {
			b.Fatalf("stored %d startups (%v)", c.Startups, err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(cputime.Used()-cpu)/float64(b.N)/1e9, "cpu-s/op")
	b.ReportMetric(float64(cputime.PeakRSS())/(1<<20), "peak-MB")
}
