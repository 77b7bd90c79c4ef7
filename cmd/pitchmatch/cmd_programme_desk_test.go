package main

import (
	"archive/zip"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"pitchmatch/event"
	"pitchmatch/exchange/xlsx"
	"pitchmatch/storage"
)

// smallProgramme makes a demo event (12 startups, 3 companies, 3 themes)
// with a programme stored and returns the file.
func smallProgramme(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	db := filepath.Join(dir, "prog.db")
	mustCLI(t, "demo", "--db", db, "--startups", "12", "--companies", "3", "--themes", "3", "--days", "1", "--seed", "5")
	jst := time.FixedZone("JST", 9*3600)
	d := func(m, day int) time.Time { return time.Date(2027, time.Month(m), day, 0, 0, 0, 0, jst) }
	prog := event.Programme{
		Stages: []event.Stage{
			{Kind: event.StageApplications, Opens: d(1, 20), Closes: d(2, 10)},
			{Kind: event.StageScreening, Opens: d(2, 10), Closes: d(3, 1)},
			{Kind: event.StageSessions, Opens: d(3, 8), Closes: d(6, 1)},
			{Kind: event.StageFinalPitch, Opens: d(6, 10), Closes: d(6, 11)},
		},
		ScreeningRubric: event.Rubric{Criteria: []event.Criterion{{ID: "fit", Label: event.T("適合", "Fit"), Weight: 2}, {ID: "team", Label: event.T("チーム", "Team"), Weight: 1}}},
		PitchRubric:     event.Rubric{Criteria: []event.Criterion{{ID: "impact", Label: event.T("インパクト", "Impact"), Weight: 1}}},
		Sessions: event.SessionPlan{Start: d(3, 8), Weeks: 12, Count: 6, EveryWeeks: 2, Minutes: 60, Mode: event.ModeOnline,
			Times: []event.WeeklyTime{{Weekday: time.Tuesday, Start: "10:00"}, {Weekday: time.Thursday, Start: "15:00"}}},
		Pitch:     event.PitchPlan{Start: time.Date(2027, 6, 10, 13, 0, 0, 0, jst), PitchMinutes: 7, QAMinutes: 5, Awards: 1},
		PastYears: []event.ProgrammeYear{{Year: 2024, Companies: 4, Themes: 4, Applications: 30, Selected: 5, SessionsHeld: 28, Pitches: 5, Outstanding: 2}},
	}
	pj, _ := json.Marshal(prog)
	pf := filepath.Join(dir, "programme.json")
	if err := os.WriteFile(pf, pj, 0o644); err != nil {
		t.Fatal(err)
	}
	mustCLI(t, "programme", "setup", "--db", db, "--file", pf)
	return db
}

func TestProgrammeBusyListRemove(t *testing.T) {
	db := smallProgramme(t)
	ctx := context.Background()
	st, err := openDB(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	startups, _ := st.Startups(ctx)
	companies, _ := st.Companies(ctx)
	st.Close()
	s0, c0 := startups[0].ID, companies[0].ID
	mustCLI(t, "programme", "busy", "--db", db, "--startup", s0, "--from", "2027-03-08 00:00", "--to", "2027-03-10 23:00")
	mustCLI(t, "programme", "busy", "--db", db, "--company", c0, "--from", "2027-04-05", "--to", "2027-04-09")
	mustCLI(t, "programme", "busy", "--db", db, "--startup", startups[1].ID, "--from", "2027-05-01", "--to", "2027-05-02")

	out := mustCLI(t, "programme", "busy", "--db", db, "--list", "--lang", "en")
	for _, want := range []string{s0, c0, startups[1].ID, "2027-03-08 00:00", "2027-04-09 00:00", "no."} {
		if !strings.Contains(out, want) {
			t.Fatalf("list lacks %q:\n%s", want, out)
		}
	}
	var l []storage.BusyEntry
	if err := json.Unmarshal([]byte(mustCLI(t, "programme", "busy", "--db", db, "--list", "--startup", s0, "--json")), &l); err != nil {
		t.Fatal(err)
	}
	if len(l) != 1 || l[0].ID != s0 || l[0].Kind != event.KindStartup || l[0].Ref == 0 {
		t.Fatalf("startup's list: %+v", l)
	}
	out = mustCLI(t, "programme", "busy", "--db", db, "--remove", jsonInt(l[0].Ref), "--lang", "ja")
	if !strings.Contains(out, "削除しました") {
		t.Fatalf("remove: %s", out)
	}
	if err := json.Unmarshal([]byte(mustCLI(t, "programme", "busy", "--db", db, "--list", "--json")), &l); err != nil {
		t.Fatal(err)
	}
	if len(l) != 2 || l[0].ID != c0 || l[1].ID != startups[1].ID {
		t.Fatalf("after remove: %+v", l)
	}
	// Removing it again, or an unknown number, fails and changes nothing.
	if code, _, errOut := cli(t, "programme", "busy", "--db", db, "--remove", "999", "--lang", "en"); code != 1 || !strings.Contains(errOut, "not found") {
		t.Fatalf("unknown busy time: exit %d %s", code, errOut)
	}
	if code, _, _ := cli(t, "programme", "busy", "--db", db, "--remove", "1", "--list"); code != 2 {
		t.Fatalf("--remove with --list: exit %d, want 2", code)
	}
	if err := json.Unmarshal([]byte(mustCLI(t, "programme", "busy", "--db", db, "--list", "--json")), &l); err != nil || len(l) != 2 {
		t.Fatalf("after refused removals: %+v %v", l, err)
	}
	out = mustCLI(t, "programme", "busy", "--db", db, "--list", "--startup", s0, "--lang", "en")
	if !strings.Contains(out, "no busy times") {
		t.Fatalf("empty list: %s", out)
	}
}

func jsonInt(n int64) string { b, _ := json.Marshal(n); return string(b) }

// runSmallRound applies every startup of smallProgramme to a theme
// (startup i to theme i mod 3), selects two per theme on the first two
// themes, waitlists one and declines the rest, schedules the sessions,
// marks the first session held and cancels the second, and scores the
// pitches with two judges.
func runSmallRound(t *testing.T, db string) (startups []*event.Startup, themes []*event.Theme) {
	t.Helper()
	ctx := context.Background()
	st, err := openDB(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	startups, _ = st.Startups(ctx)
	themes, _ = st.Themes(ctx)
	st.Close()
	perTheme := map[string]int{}
	for i, s := range startups {
		th := themes[i%3].ID
		mustCLI(t, "programme", "apply", "--db", db, "--startup", s.ID, "--theme", th, "--proposal-ja", "提案 "+s.ID, "--now", "2027-01-25 10:00")
		n := perTheme[th]
		perTheme[th]++
		dec := "declined"
		switch {
		case i%3 < 2 && n < 2:
			dec = "selected"
		case n == 2:
			dec = "waitlist"
		}
		mustCLI(t, "programme", "decide", "--db", db, "--startup", s.ID, "--theme", th, "--decision", dec, "--message-ja", "結果 "+dec, "--message-en", "result "+dec)
	}
	mustCLI(t, "programme", "schedule-sessions", "--db", db)
	mustCLI(t, "programme", "session", "--db", db, "--id", "1", "--held")
	mustCLI(t, "programme", "session", "--db", db, "--id", "2", "--cancel")
	mustCLI(t, "programme", "judge", "--db", db, "--id", "J1", "--name", "審査員一")
	mustCLI(t, "programme", "judge", "--db", db, "--id", "J2", "--name", "審査員二")
	for i, s := range startups {
		if i%3 < 2 && i/3 < 2 {
			for k, j := range []string{"J1", "J2"} {
				mustCLI(t, "programme", "score-pitch", "--db", db, "--judge", j, "--startup", s.ID, "--theme", themes[i%3].ID, "--score", "impact="+jsonInt(int64(1+(i+k)%5)))
			}
		}
	}
	return startups, themes
}

func TestProgrammeKPIAndMails(t *testing.T) {
	db := smallProgramme(t)
	var plain struct {
		Programme *json.RawMessage `json:"programme"`
	}
	if err := json.Unmarshal([]byte(mustCLI(t, "kpi", "--db", db, "--json")), &plain); err != nil || plain.Programme == nil {
		t.Fatalf("a programme without applications still has its KPI: %v", err)
	}
	_, themes := runSmallRound(t, db)

	var rep struct {
		Programme struct {
			Year              int `json:"year"`
			Applications      int `json:"applications"`
			Selected          int `json:"selected"`
			Waitlisted        int `json:"waitlisted"`
			Declined          int `json:"declined"`
			SessionsPlanned   int `json:"sessions_planned"`
			SessionsHeld      int `json:"sessions_held"`
			SessionsCancelled int `json:"sessions_cancelled"`
			Pitches           int `json:"pitches"`
			Outstanding       int `json:"outstanding"`
			Names             []struct {
				Rank int `json:"rank"`
			} `json:"outstanding_startups"`
			Themes []struct {
				ThemeID      string `json:"theme_id"`
				Applications int    `json:"applications"`
				Selected     int    `json:"selected"`
				Waitlisted   int    `json:"waitlisted"`
			} `json:"themes"`
			Years []struct {
				Year         int  `json:"year"`
				Applications int  `json:"applications"`
				SessionsHeld int  `json:"sessions_held"`
				Current      bool `json:"current"`
			} `json:"years"`
		} `json:"programme"`
	}
	if err := json.Unmarshal([]byte(mustCLI(t, "kpi", "--db", db, "--json")), &rep); err != nil {
		t.Fatal(err)
	}
	p := rep.Programme
	// 12 applications, 4 per theme; 2 selected on each of the first two themes.
	if p.Year != 2027 || p.Applications != 12 || p.Selected != 4 || p.Waitlisted != 3 || p.Declined != 5 {
		t.Fatalf("applications: %+v", p)
	}
	// 4 pairs × 6 sessions: one held, one cancelled.
	if p.SessionsPlanned != 23 || p.SessionsHeld != 1 || p.SessionsCancelled != 1 || p.Pitches != 4 || p.Outstanding != 1 || len(p.Names) != 1 || p.Names[0].Rank != 1 {
		t.Fatalf("sessions and pitches: %+v", p)
	}
	if len(p.Themes) != 3 || p.Themes[0].ThemeID != themes[0].ID || p.Themes[0].Applications != 4 || p.Themes[0].Selected != 2 ||
		p.Themes[2].Selected != 0 || p.Themes[2].Waitlisted != 1 {
		t.Fatalf("per theme: %+v", p.Themes)
	}
	if len(p.Years) != 2 || p.Years[0].Year != 2024 || p.Years[0].Applications != 30 || p.Years[0].Current ||
		p.Years[1].Year != 2027 || !p.Years[1].Current || p.Years[1].Applications != 12 || p.Years[1].SessionsHeld != 1 {
		t.Fatalf("year over year: %+v", p.Years)
	}
	out := mustCLI(t, "kpi", "--db", db)
	for _, want := range []string{"プログラム 2027 / Programme 2027", "採択数 / Selected", "4", "テーマ別の応募と採択 / Applications per theme",
		"優秀企業 / Outstanding startups", "2024", "2027 (今回)", "開催年 / Year"} {
		if !strings.Contains(out, want) {
			t.Fatalf("kpi text lacks %q:\n%s", want, out)
		}
	}

	// The KPI report's PDF in the whole-event archive has the programme pages.
	zipPath := filepath.Join(t.TempDir(), "all.zip")
	mustCLI(t, "export", "--db", db, "--format", "pdf", "--out", zipPath)
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	var kpiPDF string
	for _, f := range zr.File {
		if f.Name == "kpi.pdf" {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			kpiPDF = filepath.Join(t.TempDir(), "kpi.pdf")
			os.WriteFile(kpiPDF, b, 0o644)
		}
	}
	zr.Close()
	if kpiPDF == "" {
		t.Fatal("no kpi.pdf in the archive")
	}
	txt, err := exec.Command("pdftotext", "-layout", kpiPDF, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	for _, want := range []string{"プログラム 2027", "採択数", "Selected", "テーマ別の応募と採択", "過去開催との比較(プログラム)", "2024", "2027 (今回)", "★ 優秀企業"} {
		if !strings.Contains(string(txt), want) {
			t.Fatalf("kpi.pdf lacks %q:\n%s", want, txt)
		}
	}

	// The whole event's workbook has the programme's sheet, with the same
	// tables.
	xlsxPath := filepath.Join(t.TempDir(), "all.xlsx")
	mustCLI(t, "export", "--db", db, "--format", "xlsx", "--out", xlsxPath)
	wb, err := excelize.OpenFile(xlsxPath)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := wb.GetRows(xlsx.SheetProgramme)
	wb.Close()
	if err != nil {
		t.Fatalf("programme sheet: %v", err)
	}
	var sheet strings.Builder
	for _, r := range rows {
		sheet.WriteString(strings.Join(r, "|") + "\n")
	}
	for _, want := range []string{"プログラム 2027 / Programme 2027|", "採択数 / Selected|4", "テーマ別の応募と採択 / Applications per theme",
		"優秀企業 / Outstanding startups", "2024|4|4|30|5|28|5|2", "2027 (今回) / 2027 (this event)|"} {
		if !strings.Contains(sheet.String(), want) {
			t.Fatalf("programme sheet lacks %q:\n%s", want, sheet.String())
		}
	}

	// The decisions and sessions are queued as mails by `outbox`, once.
	ctx := context.Background()
	st, err := openDB(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := st.Outbox(ctx)
	st.Close()
	mustCLI(t, "outbox", "--db", db)
	st, err = openDB(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := st.Outbox(ctx)
	st.Close()
	kinds := map[string]int{}
	for _, m := range after[len(before):] {
		kinds[m.Kind]++
	}
	if kinds["decision"] != 12 || kinds["session_scheduled"] < 4 {
		t.Fatalf("programme mails queued: %v", kinds)
	}
	mustCLI(t, "outbox", "--db", db)
	st, _ = openDB(ctx, db)
	again, _ := st.Outbox(ctx)
	st.Close()
	if len(again) != len(after) {
		t.Fatalf("queued again: %d → %d", len(after), len(again))
	}
}
