package main

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pitchmatch/event"
	"pitchmatch/exchange/docs"
	"pitchmatch/exchange/docs/docstest"
	"pitchmatch/storage"
)

// memSource serves a docs.Data as a docs.Source.
type memSource struct{ d *docs.Data }

func (m memSource) Event(context.Context) (*event.Event, error)        { return m.d.Event, nil }
func (m memSource) Startups(context.Context) ([]*event.Startup, error) { return m.d.Startups, nil }
func (m memSource) Companies(context.Context) ([]*event.Company, error) {
	return m.d.Companies, nil
}
func (m memSource) Themes(context.Context) ([]*event.Theme, error)      { return m.d.Themes, nil }
func (m memSource) Interests(context.Context) ([]event.Interest, error) { return m.d.Interests, nil }
func (m memSource) Meetings(context.Context) ([]event.Meeting, error)   { return m.d.Meetings, nil }

func TestExportDocumentFormats(t *testing.T) {
	dir := t.TempDir()
	src := memSource{docstest.Small()}
	tests := []struct {
		format, scope, out, magic string
	}{
		{"ics", "startup:S001", "s1.ics", "BEGIN:VCALENDAR\r\n"},
		{"ics", "all", "all.zip", "PK\x03\x04"},
		{"pdf", "company:C01", "c1.pdf", "%PDF-"},
		{"pdf", "all", "agendas.zip", "PK\x03\x04"},
		{"xlsx", "all", "event.xlsx", "PK\x03\x04"},
		{"csv", "company:C02", "c2.csv", "\uFEFF"},
	}
	for _, tc := range tests {
		var stdout, stderr bytes.Buffer
		env := &cliEnv{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }}
		out := filepath.Join(dir, tc.out)
		if err := exportDocumentFrom(context.Background(), env, src, tc.format, tc.scope, out); err != nil {
			t.Fatalf("%s %s: %v", tc.format, tc.scope, err)
		}
		b, err := os.ReadFile(out)
		if err != nil || !bytes.HasPrefix(b, []byte(tc.magic)) {
			t.Errorf("%s: %v, starts %q", tc.out, err, b[:min(8, len(b))])
		}
		if !strings.Contains(stderr.String(), "wrote "+tc.format) || !strings.Contains(stderr.String(), "100%") {
			t.Errorf("%s: stderr lacks the summary or a finished progress bar: %q", tc.out, stderr.String())
		}
	}
	zr, err := zip.OpenReader(filepath.Join(dir, "all.zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	if len(zr.File) != 1+3+2 {
		t.Errorf("ics archive has %d files", len(zr.File))
	}
	// Leftover temporary files would mean a write was not atomic.
	if tmp, _ := filepath.Glob(filepath.Join(dir, ".*tmp*")); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

func TestExportDocumentUsage(t *testing.T) {
	src := memSource{docstest.Small()}
	env := &cliEnv{stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{}, getenv: func(string) string { return "" }}
	dir := t.TempDir()
	for _, tc := range []struct{ format, scope, out string }{
		{"xlsx", "all", filepath.Join(dir, "x.zip")},
		{"pdf", "all", "-"},
		{"ics", "theme:T01", filepath.Join(dir, "x.ics")},
	} {
		err := exportDocumentFrom(context.Background(), env, src, tc.format, tc.scope, tc.out)
		if _, ok := err.(usageError); !ok {
			t.Errorf("%v: err %v, want a usage error", tc, err)
		}
	}
	out := filepath.Join(dir, "missing.ics")
	err := exportDocumentFrom(context.Background(), env, src, "ics", "startup:S999", out)
	if event.ErrorCode(err) != event.ENotFound {
		t.Errorf("unknown startup: %v", err)
	}
	if _, statErr := os.Stat(out); statErr == nil {
		t.Errorf("a failed export left %s behind", out)
	}
}

func TestProgressBar(t *testing.T) {
	var buf bytes.Buffer
	b := newProgressBar(&buf)
	for i := 0; i <= 1000; i++ {
		b.report("pdf", i, 1000)
	}
	b.report("xlsx", 5, 10)
	b.finish()
	s := buf.String()
	if n := strings.Count(s, "\r"); n != 102 {
		t.Errorf("%d redraws, want 101 for pdf (0..100%%) and 1 for xlsx", n)
	}
	if !strings.Contains(s, "[##############################] 100% pdf 1000/1000\n") || !strings.HasSuffix(s, " 50% xlsx 5/10\n") {
		t.Errorf("progress output %q", s[max(0, len(s)-200):])
	}
}

// BenchmarkExportDocuments20k stores a generated 20,000-startup event
// (docstest.Large: 500 companies, 48,000 meetings) in a SQLite file, then
// runs the export command's document path for every format with scope all,
// as `pitchmatch export --for all` does, progress bar included (to stderr
// when -v, else discarded). Run it with /usr/bin/time -v to see peak memory.
func BenchmarkExportDocuments20k(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	path := filepath.Join(dir, "large.db")
	st, err := storage.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	d := docstest.Large(20000)
	if err := st.Import(ctx, "bench", &event.Batch{Event: d.Event, Startups: d.Startups, Companies: d.Companies,
		Themes: d.Themes, Interests: d.Interests, Meetings: d.Meetings}); err != nil {
		b.Fatal(err)
	}
	d = nil
	var stderr io.Writer = io.Discard
	if testing.Verbose() {
		stderr = os.Stderr
	}
	env := &cliEnv{stdout: io.Discard, stderr: stderr, getenv: func(string) string { return "" }}
	for _, tc := range []struct{ format, out string }{
		{"csv", "all.csv"}, {"ics", "all.ics"}, {"ics", "ics.zip"}, {"xlsx", "all.xlsx"}, {"pdf", "agendas.zip"},
	} {
		b.Run(tc.format+"-"+filepath.Ext(tc.out)[1:], func(b *testing.B) {
			for b.Loop() {
				out := filepath.Join(dir, tc.out)
				if err := exportDocumentFrom(ctx, env, st, tc.format, "all", out); err != nil {
					b.Fatal(err)
				}
				fi, err := os.Stat(out)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(fi.Size())/1e6, "MB")
			}
		})
	}
	st.Close()
}
