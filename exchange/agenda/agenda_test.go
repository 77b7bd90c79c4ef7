package agenda

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"pitchmatch/event"
	"pitchmatch/exchange/docs"
	"pitchmatch/exchange/docs/docstest"
	"pitchmatch/exchange/kpi"
)

var now = time.Date(2026, 9, 20, 8, 30, 0, 0, time.UTC)

// pdfText extracts a PDF's text with poppler's pdftotext, an independent
// reader; the test is skipped when it is not installed.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed (Debian package poppler-utils, see scripts/apt-packages.txt)")
	}
	path := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command(bin, "-layout", "-enc", "UTF-8", path, "-")
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, stderr.String())
	}
	if s := stderr.String(); strings.Contains(s, "Error") {
		t.Fatalf("pdftotext reported errors:\n%s", s)
	}
	artifact(t, t.Name()+".pdf", pdf)
	// -layout spaces the centred page number unpredictably: "1 / 2" may
	// come out as "1/2". Normalise to "1/2".
	return slashSpace.ReplaceAllString(string(out), "/")
}

var slashSpace = regexp.MustCompile(` *\/ *`)

// artifact keeps a file for inspection when PITCHMATCH_ARTIFACTS names a
// directory.
func artifact(t *testing.T, name string, b []byte) {
	if dir := os.Getenv("PITCHMATCH_ARTIFACTS"); dir != "" {
		name = strings.ReplaceAll(name, "/", "_")
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Log(err)
		}
	}
}

func write(t *testing.T, d *docs.Data, scope string) []byte {
	t.Helper()
	sc, err := docs.ParseScope(scope)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, d, sc, Options{Now: now}); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("not a PDF")
	}
	return buf.Bytes()
}

// pages splits pdftotext output at form feeds.
func pages(text string) []string {
	return strings.Split(strings.TrimRight(text, "\f\n"), "\f")
}

func TestStartupAgendaText(t *testing.T) {
	text := pdfText(t, write(t, docstest.Small(), "startup:S001"))
	for _, want := range []string{
		"ジャパン・ヘルスケアベンチャー・サミット 2026", "2026-10-14 – 2026-10-15",
		"パシフィコ横浜", "面談スケジュール", "株式会社メディカルロボ研究所", "Medical Robo Lab Inc.",
		"東和医療機器株式会社", "日の出ヘルスケア株式会社", "手術合併症を減らすソリューション",
		"10:00–10:20", "10/14 (水)", "10:50–11:10", "1/1", "p. 1/1",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("agenda text lacks %q:\n%s", want, text)
		}
	}
	if n := len(pages(text)); n != 1 {
		t.Errorf("%d pages, want 1", n)
	}
}

func TestCancelledMeetingsLeaveTheAgenda(t *testing.T) {
	// S003 has a proposed meeting with C02 and a cancelled one with C01.
	text := pdfText(t, write(t, docstest.Small(), "startup:S003"))
	if !strings.Contains(text, "日の出ヘルスケア株式会社") || strings.Contains(text, "東和医療機器株式会社") {
		t.Errorf("agenda should list C02 only:\n%s", text)
	}
}

func TestWholeEventPDF(t *testing.T) {
	d := docstest.Small()
	text := pdfText(t, write(t, d, "all"))
	pg := pages(text)
	// 3 startups + 2 companies + 4 tables, one page each.
	if len(pg) != 9 {
		t.Fatalf("%d pages, want 9", len(pg))
	}
	// Each page's footer names its own section: page 1 is S001's agenda and
	// must not mention S002 (a footer drawn after the next section began).
	if strings.Contains(pg[0], "バイオセンス株式会社") || !strings.Contains(pg[0], "1/1") {
		t.Errorf("page 1 footer belongs to another section:\n%s", pg[0])
	}
	if !strings.Contains(pg[3], "東和医療機器株式会社") || !strings.Contains(pg[3], "バイオセンス株式会社") {
		t.Errorf("page 4 should be C01's agenda with BioSense:\n%s", pg[3])
	}
	if !strings.Contains(pg[5], "テーブル 1") || !strings.Contains(pg[5], "□") || !strings.Contains(pg[5], "p. 6/9") {
		t.Errorf("page 6 should be table 1's sheet:\n%s", pg[5])
	}
	// Table 1 holds meetings 1, 3, 4 (meeting 5 there is cancelled).
	if n := strings.Count(pg[5], "□"); n != 3 {
		t.Errorf("table 1 sheet has %d rows, want 3:\n%s", n, pg[5])
	}
}

func TestLongAgendaPaginates(t *testing.T) {
	d := docstest.Small()
	// Give S002 more meetings than fit on one page.
	slots := rowsPerPage + 5
	d.Event.Days = []event.Day{{Date: "2026-10-14", Start: "08:00", Slots: slots}}
	d.Meetings = nil
	for i := range slots {
		d.Meetings = append(d.Meetings, event.Meeting{ID: int64(i + 1), UID: fmt.Sprintf("u%d", i), StartupID: "S002",
			CompanyID: "C01", ThemeID: "T01", Slot: i, Table: 0, Status: event.StatusConfirmed})
	}
	text := pdfText(t, write(t, d, "startup:S002"))
	pg := pages(text)
	if len(pg) != 2 || !strings.Contains(pg[0], "1/2") || !strings.Contains(pg[1], "2/2") {
		t.Fatalf("want 2 numbered pages, got %d:\n%s", len(pg), text)
	}
	if !strings.Contains(pg[1], "バイオセンス株式会社") {
		t.Errorf("second page lacks the participant's name")
	}
}

func TestZipAndKPI(t *testing.T) {
	d := docstest.Small()
	var buf bytes.Buffer
	var calls int
	opts := Options{Now: now, PerFile: 2, Progress: func(string, int, int) { calls++ }}
	if err := WriteZip(context.Background(), &buf, d, docs.Scope{}, opts); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	files := map[string][]byte{}
	for _, f := range zr.File {
		names = append(names, f.Name)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		files[f.Name] = b
	}
	want := []string{"agendas/startups-S001-S002.pdf", "agendas/startups-S003-S003.pdf", "agendas/companies-C01-C02.pdf",
		"tables/tables-1-2.pdf", "tables/tables-3-4.pdf", "kpi.pdf"}
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Errorf("zip files %v, want %v", names, want)
	}
	if calls == 0 {
		t.Errorf("no progress reported")
	}
	if text := pdfText(t, files["agendas/companies-C01-C02.pdf"]); !strings.Contains(text, "合同会社さくら内視鏡") {
		t.Errorf("company agendas lack S003:\n%s", text)
	}
	text := pdfText(t, files["kpi.pdf"])
	for _, want := range []string{"KPIレポート", "商談進展数", "1,452", "1,153", "+175.8%", "2026 (今回)",
		"東和医療機器株式会社", "在宅医療のデジタル化"} {
		if !strings.Contains(text, want) {
			t.Errorf("KPI report lacks %q:\n%s", want, text)
		}
	}
}

func TestKPIImageEmbedded(t *testing.T) {
	d := docstest.Small()
	rep, err := kpi.Compute(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteKPI(context.Background(), &buf, d.Event, rep, Options{Now: now}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte("/Subtype /Image")) {
		t.Errorf("KPI PDF has no image")
	}
	artifact(t, "kpi.pdf", buf.Bytes())
	if bin, err := exec.LookPath("pdfimages"); err == nil {
		path := filepath.Join(t.TempDir(), "k.pdf")
		_ = os.WriteFile(path, buf.Bytes(), 0o644)
		out, err := exec.Command(bin, "-list", path).Output()
		if err != nil || !strings.Contains(string(out), "image") {
			t.Errorf("pdfimages -list: %v\n%s", err, out)
		}
	}
}

func TestNotFoundAndCancel(t *testing.T) {
	d := docstest.Small()
	err := Write(context.Background(), io.Discard, d, docs.Scope{Kind: event.KindCompany, ID: "C99"}, Options{})
	if event.ErrorCode(err) != event.ENotFound {
		t.Errorf("err = %v, want not found", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := WriteZip(ctx, io.Discard, d, docs.Scope{}, Options{}); err == nil {
		t.Errorf("cancelled context: no error")
	}
}

func BenchmarkWriteZipLarge(b *testing.B) {
	d := docstest.Large(20000)
	b.ResetTimer()
	for b.Loop() {
		var n docstest.CountWriter
		if err := WriteZip(context.Background(), &n, d, docs.Scope{}, Options{Now: now}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n)/1e6, "MB")
	}
}

func TestRowsPerPageFits(t *testing.T) {
	if space := tableBot - tableTop - headRowH; float64(rowsPerPage)*rowH > space || float64(rowsPerPage+1)*rowH <= space {
		t.Errorf("rowsPerPage %d does not match the %.1f mm of table space", rowsPerPage, space)
	}
}

// BenchmarkWriteOnePDF2000 writes everything for a 2,000-startup event into
// a single PDF (Write), the form whose memory grows with the event.
func BenchmarkWriteOnePDF2000(b *testing.B) {
	d := docstest.Large(2000)
	b.ResetTimer()
	for b.Loop() {
		var n docstest.CountWriter
		if err := Write(context.Background(), &n, d, docs.Scope{}, Options{Now: now}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n)/1e6, "MB")
	}
}
