package exchange

import (
	"bytes"
	"context"
	"testing"
)

// BenchmarkReadCSVStartups20k parses and validates 20,000 realistic
// startups (bilingual names and summaries, code lists) from one UTF-8 CSV
// export.
func BenchmarkReadCSVStartups20k(b *testing.B) {
	ctx := context.Background()
	var buf bytes.Buffer
	if err := WriteCSV(ctx, &buf, KindStartups, genBatch(20, 20000, 1)); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		got, err := ReadCSV(ctx, "startups.csv", bytes.NewReader(data), KindStartups, ReadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if len(got.Startups) != 20000 {
			b.Fatalf("read %d startups", len(got.Startups))
		}
	}
}
