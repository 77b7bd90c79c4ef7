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
	"pitchmatch/storage"
)

// BenchmarkImportCSV20k measures the whole `pitchmatch import` path for a
// 20,000-startup CSV file: decode, validate, and store in one transaction.
// Target: under 5 s on the 2-core reference machine.
func BenchmarkImportCSV20k(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	batch := demo.Generate(demo.Options{Startups: 20000, Companies: 600, Themes: 1000})
	var buf bytes.Buffer
	if err := exchange.WriteCSV(ctx, &buf, exchange.KindStartups, &event.Batch{Startups: batch.Startups}); err != nil {
		b.Fatal(err)
	}
	csvPath := filepath.Join(dir, "startups.csv")
	if err := os.WriteFile(csvPath, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		b.StopTimer()
		db := filepath.Join(dir, fmt.Sprintf("event%d.db", i))
		i++
		st, err := storage.Open(ctx, db)
		if err != nil {
			b.Fatal(err)
		}
		st.Close()
		b.StartTimer()
		var out, errOut bytes.Buffer
		env := &cliEnv{stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }}
		if code := run(ctx, env, []string{"import", "--db", db, "--kind", "startups", csvPath}); code != 0 {
			b.Fatalf("import exit %d: %s", code, errOut.String())
		}
	}
}
