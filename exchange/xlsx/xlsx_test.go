package xlsx

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"pitchmatch/exchange/docs"
	"pitchmatch/exchange/docs/docstest"
)

var now = time.Date(2026, 9, 20, 8, 30, 0, 0, time.UTC)

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
	return buf.Bytes()
}

func TestReadBack(t *testing.T) {
	b := write(t, docstest.Small(), "all")
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{SheetSchedule, SheetRankings, SheetRequests, SheetKPI, SheetByCompany, SheetByTheme}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	rows, err := f.GetRows(SheetSchedule)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 || rows[0][0] != "日付 / Date" || rows[0][5] != "スタートアップ / Startup" {
		t.Fatalf("schedule rows %q", rows)
	}
	// Row 2 is the first meeting in time order.
	if r := rows[1]; r[0] != "2026-10-14" || r[1] != "10:00" || r[3] != "1" || r[5] != "株式会社メディカルロボ研究所" || r[8] != "東和医療機器株式会社" {
		t.Errorf("first meeting row %q", r)
	}
	for _, sheet := range []string{SheetSchedule, SheetRankings, SheetRequests, SheetKPI, SheetByTheme} {
		p, err := f.GetPanes(sheet)
		if err != nil || !p.Freeze || p.YSplit != 1 || p.TopLeftCell != "A2" {
			t.Errorf("%s: header not frozen: %+v %v", sheet, p, err)
		}
	}
	if w, _ := f.GetColWidth(SheetSchedule, "F"); w != 30 {
		t.Errorf("startup column width %v, want 30", w)
	}
	rk, _ := f.GetRows(SheetRankings)
	if len(rk) != 3 || rk[1][5] != "株式会社メディカルロボ研究所" || rk[1][3] != "1" || rk[1][6] != "0.82" {
		t.Errorf("rankings %q", rk)
	}
	kpiRows, _ := f.GetRows(SheetKPI)
	joined := ""
	for _, r := range kpiRows {
		joined += strings.Join(r, "|") + "\n"
	}
	for _, want := range []string{"商談進展数 / Deals progressed|1", "2017|", "|418", "|1452", "2026 (今回)"} {
		if !strings.Contains(joined, want) {
			t.Errorf("KPI sheet lacks %q:\n%s", want, joined)
		}
	}
	cells, err := f.GetPictureCells(SheetKPI)
	if err != nil || len(cells) != 1 {
		t.Fatalf("KPI picture cells %v, err %v", cells, err)
	}
	pics, err := f.GetPictures(SheetKPI, cells[0])
	if err != nil || len(pics) != 1 || !bytes.HasPrefix(pics[0].File, []byte("\x89PNG")) {
		t.Errorf("KPI chart picture: %d pictures, err %v", len(pics), err)
	}
}

func TestStartupWorkbookIsFiltered(t *testing.T) {
	f, err := excelize.OpenReader(bytes.NewReader(write(t, docstest.Small(), "startup:S002")))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if slices.Contains(f.GetSheetList(), SheetKPI) {
		t.Errorf("a startup's workbook should not hold the KPI sheets")
	}
	rows, _ := f.GetRows(SheetSchedule)
	if len(rows) != 2 || rows[1][4] != "S002" {
		t.Errorf("S002 schedule %q", rows)
	}
	rk, _ := f.GetRows(SheetRankings)
	for _, r := range rk[1:] {
		if r[4] != "S002" {
			t.Errorf("S002 sees another startup's ranking: %q", r)
		}
	}
}

// TestLibreOfficeConverts has LibreOffice, an independent reader, convert
// every sheet to CSV and checks the Japanese text survives.
func TestLibreOfficeConverts(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice not installed (Debian package libreoffice-calc-nogui, see scripts/apt-packages.txt)")
	}
	if testing.Short() {
		t.Skip("LibreOffice conversion takes seconds; skipped with -short")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "event.xlsx")
	if err := os.WriteFile(in, write(t, docstest.Small(), "all"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Filter options: comma, double quote, UTF-8 (76), first line 1, …,
	// sheet -1 = every sheet to its own file.
	filter := `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1`
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
		"--convert-to", filter, "--outdir", dir, in)
	out, err := cmd.CombinedOutput()
	if err != nil || strings.Contains(strings.ToLower(string(out)), "error") {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	csvs, _ := filepath.Glob(filepath.Join(dir, "event-*.csv"))
	if len(csvs) != 6 {
		t.Fatalf("LibreOffice wrote %d CSV files, want 6 (one per sheet): %v\n%s", len(csvs), csvs, out)
	}
	sched, err := os.ReadFile(filepath.Join(dir, "event-"+SheetSchedule+".csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"日付 / Date", "株式会社メディカルロボ研究所", "東和医療機器株式会社", "2026-10-14,10:00,10:20,1"} {
		if !strings.Contains(string(sched), want) {
			t.Errorf("LibreOffice CSV lacks %q:\n%s", want, sched)
		}
	}
}

func BenchmarkWriteLarge(b *testing.B) {
	d := docstest.Large(20000)
	b.ResetTimer()
	for b.Loop() {
		var buf bytes.Buffer
		if err := Write(context.Background(), &buf, d, docs.Scope{}, Options{Now: now}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(buf.Len())/1e6, "MB")
	}
}
