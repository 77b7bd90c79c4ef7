package exchange

import (
	"bytes"
	"context"
	"testing"
)

// BenchmarkImportCSVStartups20k reads, maps, validates and plans 20,000
// realistic startups (bilingual names and summaries, code lists) from one
// UTF-8 CSV export, through the import pipeline.
func BenchmarkImportCSVStartups20k(b *testing.B) {
	ctx := context.Background()
	var buf bytes.Buffer
	if err := WriteCSV(ctx, &buf, KindStartups, genBatch(20, 20000, 1)); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		p, err := importData("startups.csv", data, KindStartups, nil)
		if err != nil {
			b.Fatal(err)
		}
		if len(p.Batch.Startups) != 20000 {
			b.Fatalf("read %d startups", len(p.Batch.Startups))
		}
	}
}
