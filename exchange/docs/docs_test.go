package docs_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"

	"pitchmatch/event"
	"pitchmatch/exchange/docs"
	"pitchmatch/exchange/docs/docstest"
)

func TestParseScope(t *testing.T) {
	tests := []struct {
		in   string
		want docs.Scope
		ok   bool
	}{
		{"all", docs.Scope{}, true},
		{"", docs.Scope{}, true},
		{"startup:S001", docs.Scope{Kind: event.KindStartup, ID: "S001"}, true},
		{"Company: C01 ", docs.Scope{Kind: event.KindCompany, ID: "C01"}, true},
		{"startup:", docs.Scope{}, false},
		{"theme:T01", docs.Scope{}, false},
		{"S001", docs.Scope{}, false},
	}
	for _, tc := range tests {
		got, err := docs.ParseScope(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseScope(%q) = %+v, %v; want %+v ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
		if err != nil && event.ErrorCode(err) != event.EInvalid {
			t.Errorf("ParseScope(%q): code %s", tc.in, event.ErrorCode(err))
		}
		if err == nil {
			if back, _ := docs.ParseScope(got.String()); back != got {
				t.Errorf("String round trip of %+v gave %+v", got, back)
			}
		}
	}
}

func TestScheduleCSV(t *testing.T) {
	var buf bytes.Buffer
	var last [2]int
	if err := docs.WriteScheduleCSV(context.Background(), &buf, docstest.Small(), func(_ string, d, n int) { last = [2]int{d, n} }); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("no UTF-8 BOM: % x", b[:3])
	}
	if bytes.Count(b, []byte("\r\n")) != bytes.Count(b, []byte("\n")) {
		t.Errorf("not every line ends in CRLF")
	}
	recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 6 || recs[0][0] != "日付 / Date" {
		t.Fatalf("records %q", recs)
	}
	// Time order: slot 0, slot 1 table 0 (cancelled), slot 1 table 1, …
	if got := []string{recs[1][16], recs[2][13], recs[3][5], recs[5][1]}; strings.Join(got, "|") != "0|キャンセル|バイオセンス株式会社|13:00" {
		t.Errorf("rows %q", recs)
	}
	if last != [2]int{5, 5} {
		t.Errorf("progress %v", last)
	}
}

func TestFilter(t *testing.T) {
	d := docstest.Small()
	f, err := d.Filter(docs.Scope{Kind: event.KindStartup, ID: "S003"})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Meetings) != 2 || len(f.Interests) != 1 || len(f.Startups) != 1 || len(f.Rankings) != 0 {
		t.Errorf("S003 sees %d meetings, %d interests, %d startups, %d rankings", len(f.Meetings), len(f.Interests), len(f.Startups), len(f.Rankings))
	}
	f, err = d.Filter(docs.Scope{Kind: event.KindCompany, ID: "C01"})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Rankings["T01"]) != 2 || len(f.Themes) != 1 || len(f.Companies) != 1 {
		t.Errorf("C01 sees rankings %v themes %d companies %d", f.Rankings, len(f.Themes), len(f.Companies))
	}
	f, err = d.Filter(docs.Scope{Kind: event.KindStartup, ID: "S002"})
	if err != nil {
		t.Fatal(err)
	}
	if rows := f.Rankings["T01"]; len(rows) != 1 || rows[0].StartupID != "S002" {
		t.Errorf("S002 rankings %v", f.Rankings)
	}
	if _, err := d.Filter(docs.Scope{Kind: event.KindCompany, ID: "nope"}); event.ErrorCode(err) != event.ENotFound {
		t.Errorf("unknown company: %v", err)
	}
}

// BenchmarkLargeData builds and indexes the 20,000-startup event: the
// baseline that the export benchmarks' time and memory include.
func BenchmarkLargeData(b *testing.B) {
	for b.Loop() {
		d := docstest.Large(20000)
		if _, err := docs.NewIndex(d); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(d.Meetings)), "meetings")
	}
}

func BenchmarkScheduleCSVLarge(b *testing.B) {
	d := docstest.Large(20000)
	b.ResetTimer()
	for b.Loop() {
		var buf bytes.Buffer
		if err := docs.WriteScheduleCSV(context.Background(), &buf, d, nil); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(buf.Len())/1e6, "MB")
	}
}
