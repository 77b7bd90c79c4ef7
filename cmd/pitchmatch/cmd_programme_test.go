package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"github.com/xuri/excelize/v2"

	"pitchmatch/event"
	"pitchmatch/exchange/results"
)

// realPDF writes a small real PDF (one page) with fpdf.
func realPDF(t *testing.T, path, text string) {
	t.Helper()
	f := fpdf.New("P", "mm", "A4", "")
	f.AddPage()
	f.SetFont("Helvetica", "", 14)
	f.Cell(40, 10, text)
	if err := f.OutputFileAndClose(path); err != nil {
		t.Fatal(err)
	}
}

// scoreOf is the scripted screening score of scout k on application n.
func scoreOf(n, k int, crit string) int {
	return 1 + (n*7+k*3+len(crit))%5
}

// TestProgrammeWholeRound runs a MedTech ROUND-like programme end to end
// through the CLI: a generated event (5 companies, 6 themes, 40 startups),
// 40 applications (some with a PDF deck), the deadline refusal, a deck that
// is not a PDF refused with nothing stored, screening by two scouts per
// company (aggregation checked against an independent computation),
// decisions, six sessions per pair over twelve weeks around busy times
// (a move and a cancellation keep their calendar UIDs), the final pitch
// with five judges (the conflicted judge refused and excluded), and the
// results sheet as xlsx and PDF in Japanese and English.
func TestProgrammeWholeRound(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "round.db")
	mustCLI(t, "demo", "--db", db, "--startups", "40", "--companies", "5", "--themes", "6", "--days", "1", "--seed", "11")
	ctx := context.Background()
	st, err := openDB(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	startups, _ := st.Startups(ctx)
	themes, _ := st.Themes(ctx)
	companies, _ := st.Companies(ctx)
	st.Close()
	if len(startups) != 40 || len(themes) != 6 || len(companies) != 5 {
		t.Fatalf("generated %d startups, %d themes, %d companies", len(startups), len(themes), len(companies))
	}
	themeCompany := map[string]string{}
	for _, th := range themes {
		themeCompany[th.ID] = th.CompanyID
	}

	jst := time.FixedZone("JST", 9*3600)
	d := func(m, day int) time.Time { return time.Date(2027, time.Month(m), day, 0, 0, 0, 0, jst) }
	prog := event.Programme{
		Stages: []event.Stage{
			{Kind: event.StageThemeCall, Opens: d(1, 5), Closes: d(1, 20)},
			{Kind: event.StageApplications, Opens: d(1, 20), Closes: d(2, 10)},
			{Kind: event.StageScreening, Opens: d(2, 10), Closes: d(3, 1)},
			{Kind: event.StageMatching, Opens: d(3, 1), Closes: d(3, 8)},
			{Kind: event.StageSessions, Opens: d(3, 8), Closes: d(6, 1)},
			{Kind: event.StageFinalPitch, Opens: d(6, 10), Closes: d(6, 11)},
		},
		ScreeningRubric: event.Rubric{Criteria: []event.Criterion{
			{ID: "fit", Label: event.T("テーマ適合", "Theme fit"), Weight: 3},
			{ID: "tech", Label: event.T("技術", "Technology"), Weight: 2},
			{ID: "team", Label: event.T("チーム", "Team"), Weight: 1},
		}},
		PitchRubric: event.Rubric{Criteria: []event.Criterion{
			{ID: "impact", Label: event.T("インパクト", "Impact"), Weight: 2},
			{ID: "plan", Label: event.T("事業計画", "Business plan"), Weight: 1},
			{ID: "pitch", Label: event.T("プレゼン", "Presentation"), Weight: 1},
		}},
		Sessions: event.SessionPlan{Start: d(3, 8), Weeks: 12, Count: 6, EveryWeeks: 2, Minutes: 60, Mode: event.ModeOnline,
			Times: []event.WeeklyTime{{Weekday: time.Tuesday, Start: "10:00"}, {Weekday: time.Tuesday, Start: "15:00"},
				{Weekday: time.Thursday, Start: "10:00"}, {Weekday: time.Thursday, Start: "15:00"}}},
		Pitch: event.PitchPlan{Start: time.Date(2027, 6, 10, 13, 0, 0, 0, jst), PitchMinutes: 7, QAMinutes: 5, ChangeMinutes: 1,
			BreakMinutes: 15, GroupBy: event.GroupByCompany, Awards: 2},
		MaxDeckBytes: 200 << 10,
		// MedTech ROUND 2024: four companies set themes, one to two startups each, one theme unmatched.
		PastYears: []event.ProgrammeYear{{Year: 2024, Companies: 4, Themes: 4, Selected: 5, Pitches: 5}},
	}
	pj, _ := json.Marshal(prog)
	progFile := filepath.Join(dir, "programme.json")
	os.WriteFile(progFile, pj, 0o644)
	mustCLI(t, "programme", "setup", "--db", db, "--file", progFile)

	out := mustCLI(t, "programme", "status", "--db", db, "--now", "2027-01-25 12:00", "--lang", "en")
	if !strings.Contains(out, "Open now: Applications") {
		t.Fatalf("status: %s", out)
	}
	out = mustCLI(t, "programme", "status", "--db", db, "--now", "2027-03-20 12:00", "--lang", "ja")
	if !strings.Contains(out, "現在受付中: アクセラレーション期間") {
		t.Fatalf("status ja: %s", out)
	}

	// 40 applications: startup i to theme i mod 6; every fourth with a deck.
	deck := filepath.Join(dir, "deck.pdf")
	realPDF(t, deck, "Pitch deck")
	appTheme := map[string]string{}
	for i, s := range startups {
		th := themes[i%len(themes)].ID
		args := []string{"programme", "apply", "--db", db, "--startup", s.ID, "--theme", th, "--now", fmt.Sprintf("2027-01-%02d 10:00", 21+i%10),
			"--proposal-ja", "提案 " + s.ID, "--proposal-en", "Proposal " + s.ID}
		if i%4 == 0 {
			args = append(args, "--deck", deck)
		}
		mustCLI(t, args...)
		appTheme[s.ID] = th
	}
	applications := func() []event.Application {
		st, err := openDB(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		apps, err := st.Applications(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return apps
	}
	if n := len(applications()); n != 40 {
		t.Fatalf("%d applications stored", n)
	}

	// After the deadline: refused, in both languages, nothing stored.
	late := []string{"programme", "apply", "--db", db, "--startup", startups[0].ID, "--theme", themes[1].ID, "--now", "2027-02-10 00:00", "--proposal-en", "late"}
	code, _, errOut := cli(t, append(late, "--lang", "en")...)
	if code != 1 || !strings.Contains(errOut, "the application deadline (2027-02-10 00:00 JST) has passed") {
		t.Fatalf("late application: %d %s", code, errOut)
	}
	code, _, errOut = cli(t, append(late, "--lang", "ja")...)
	if code != 1 || !strings.Contains(errOut, "応募の締切(2027-02-10 00:00 JST)を過ぎたため") {
		t.Fatalf("late application (ja): %d %s", code, errOut)
	}
	// A deck that is not a PDF, and one too large: refused, nothing stored.
	fake := filepath.Join(dir, "deck-really-a-zip.pdf")
	os.WriteFile(fake, []byte("PK\x03\x04 not a pdf at all"), 0o644)
	big := filepath.Join(dir, "big.pdf")
	os.WriteFile(big, append(append([]byte("%PDF-1.7\n"), bytes.Repeat([]byte("x"), 300<<10)...), "\n%%EOF\n"...), 0o644)
	for f, want := range map[string]string{fake: "must be a PDF file", big: "at most 200 KB"} {
		code, _, errOut = cli(t, "programme", "apply", "--db", db, "--startup", startups[0].ID, "--theme", themes[1].ID,
			"--now", "2027-02-01 09:00", "--proposal-en", "x", "--deck", f, "--lang", "en")
		if code != 1 || !strings.Contains(errOut, want) || !strings.Contains(errOut, "nothing was stored") {
			t.Fatalf("bad deck %s: %d %s", f, code, errOut)
		}
	}
	apps := applications()
	if len(apps) != 40 {
		t.Fatalf("refused applications left rows: %d", len(apps))
	}
	decks := 0
	for _, a := range apps {
		if a.DeckSize > 0 {
			decks++
		}
	}
	if decks != 10 {
		t.Fatalf("%d decks stored, want 10", decks)
	}

	// The deck: the organizer and the theme's company download it, another company cannot.
	var withDeck event.Application
	for _, a := range apps {
		if a.DeckSize > 0 {
			withDeck = a
			break
		}
	}
	got := filepath.Join(dir, "got.pdf")
	mustCLI(t, "programme", "deck", "--db", db, "--application", fmt.Sprint(withDeck.ID), "--out", got, "--company", withDeck.CompanyID)
	if a, _ := os.ReadFile(got); !bytes.Equal(a, mustRead(t, deck)) {
		t.Fatal("downloaded deck differs")
	}
	os.Remove(got)
	for _, c := range companies {
		if c.ID != withDeck.CompanyID {
			code, _, errOut = cli(t, "programme", "deck", "--db", db, "--application", fmt.Sprint(withDeck.ID), "--out", got, "--company", c.ID, "--lang", "en")
			if code != 1 || !strings.Contains(errOut, "only the theme's company and the organizer") {
				t.Fatalf("another company downloaded the deck: %d %s", code, errOut)
			}
			if _, err := os.Stat(got); err == nil {
				t.Fatal("a refused download left a file")
			}
			break
		}
	}

	// Screening: two scouts per company score every application to its themes.
	appN := map[int64]int{}
	for n, a := range apps {
		appN[a.ID] = n
		for k, scout := range []string{"scout-a", "scout-b"} {
			score := fmt.Sprintf("fit=%d,tech=%d,team=%d", scoreOf(n, k, "fit"), scoreOf(n, k, "tech"), scoreOf(n, k, "team"))
			mustCLI(t, "programme", "screen", "--db", db, "--company", a.CompanyID, "--scout", scout, "--application", fmt.Sprint(a.ID), "--score", score)
		}
	}
	other := companies[0].ID
	if other == apps[0].CompanyID {
		other = companies[1].ID
	}
	code, _, errOut = cli(t, "programme", "screen", "--db", db, "--company", other, "--scout", "x", "--application", fmt.Sprint(apps[0].ID), "--score", "fit=5,tech=5,team=5", "--lang", "en")
	if code != 1 || !strings.Contains(errOut, "another company's theme") {
		t.Fatalf("other company's scout: %d %s", code, errOut)
	}
	code, _, _ = cli(t, "programme", "screen", "--db", db, "--company", apps[0].CompanyID, "--scout", "x", "--application", fmt.Sprint(apps[0].ID), "--score", "fit=6,tech=5,team=5")
	if code != 1 {
		t.Fatal("score 6 accepted")
	}
	var rows []struct {
		Application int64           `json:"application"`
		ThemeID     string          `json:"theme_id"`
		Screening   event.Aggregate `json:"screening"`
		MatchScore  *float64        `json:"match_score"`
	}
	if err := json.Unmarshal([]byte(mustCLI(t, "programme", "screening", "--db", db, "--json")), &rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != 40 {
		t.Fatalf("%d screening rows", len(rows))
	}
	for _, r := range rows {
		n := appN[r.Application]
		var want float64
		for k := 0; k < 2; k++ {
			want += float64(3*scoreOf(n, k, "fit")+2*scoreOf(n, k, "tech")+scoreOf(n, k, "team")) / 6 / 2
		}
		if r.Screening.Reviewers != 2 || r.Screening.Score-want > 1e-9 || want-r.Screening.Score > 1e-9 {
			t.Fatalf("application %d: aggregate %+v, want %.4f from 2 scouts", r.Application, r.Screening, want)
		}
		if r.MatchScore == nil || *r.MatchScore < 0 || *r.MatchScore > 1 {
			t.Fatalf("application %d: matching score %v", r.Application, r.MatchScore)
		}
	}

	// Decisions: per theme, the two best selected, the third waitlisted,
	// the rest declined; the last theme finds no match (all declined).
	byTheme := map[string][]int64{}
	for _, r := range rows { // rows are by theme, best first
		byTheme[r.ThemeID] = append(byTheme[r.ThemeID], r.Application)
	}
	lastTheme := themes[len(themes)-1].ID
	var selected []int64
	for th, ids := range byTheme {
		for i, id := range ids {
			dec := "declined"
			switch {
			case th == lastTheme:
			case i < 2:
				dec = "selected"
				selected = append(selected, id)
			case i == 2:
				dec = "waitlist"
			}
			mustCLI(t, "programme", "decide", "--db", db, "--application", fmt.Sprint(id), "--decision", dec,
				"--message-ja", "選考結果のお知らせ", "--message-en", "Your screening result")
		}
	}
	if len(selected) != 10 {
		t.Fatalf("%d selected", len(selected))
	}

	// Sessions: a startup and a company are busy for a while.
	sel0 := applications()[0]
	for _, a := range applications() {
		if a.Decision == event.DecisionSelected {
			sel0 = a
			break
		}
	}
	mustCLI(t, "programme", "busy", "--db", db, "--startup", sel0.StartupID, "--from", "2027-03-08 00:00", "--to", "2027-03-10 23:00")
	mustCLI(t, "programme", "busy", "--db", db, "--company", sel0.CompanyID, "--from", "2027-04-05", "--to", "2027-04-09")
	out = mustCLI(t, "programme", "schedule-sessions", "--db", db)
	if !strings.Contains(out, "60 sessions placed, 0 not placed") {
		t.Fatalf("schedule-sessions: %s", out)
	}
	if out = mustCLI(t, "programme", "schedule-sessions", "--db", db); !strings.Contains(out, "0 sessions placed, 0 not placed") {
		t.Fatalf("re-run: %s", out)
	}
	var sessions []event.Session
	json.Unmarshal([]byte(mustCLI(t, "programme", "sessions", "--db", db, "--json")), &sessions)
	perPair := map[string]int{}
	busyAt := map[string]bool{}
	for _, s := range sessions {
		perPair[s.StartupID+"/"+s.CompanyID]++
		for _, k := range []string{"s" + s.StartupID, "c" + s.CompanyID} {
			if busyAt[k+s.Start.String()] {
				t.Fatalf("%s double-booked at %v", k, s.Start)
			}
			busyAt[k+s.Start.String()] = true
		}
		if s.StartupID == sel0.StartupID && s.Start.Before(d(3, 11)) {
			t.Fatalf("session in the startup's busy time: %v", s.Start)
		}
		if s.CompanyID == sel0.CompanyID && !s.Start.Before(d(4, 5)) && s.Start.Before(d(4, 9)) {
			t.Fatalf("session in the company's busy time: %v", s.Start)
		}
		if s.Start.Before(d(3, 8)) || !s.Start.Before(d(3, 8).AddDate(0, 0, 84)) {
			t.Fatalf("session outside the twelve weeks: %v", s.Start)
		}
	}
	if len(perPair) != 10 {
		t.Fatalf("%d pairs with sessions", len(perPair))
	}
	for p, n := range perPair {
		if n != 6 {
			t.Fatalf("pair %s has %d sessions", p, n)
		}
	}
	icsPath := filepath.Join(dir, "sessions.ics")
	mustCLI(t, "programme", "sessions", "--db", db, "--ics", icsPath)
	before, _ := os.ReadFile(icsPath)
	moved, cancelled := sessions[0], sessions[1]
	// Move to a Wednesday evening no one holds sessions at; a note on it.
	to := moved.Start.Add(24*time.Hour + 8*time.Hour)
	mustCLI(t, "programme", "session", "--db", db, "--id", fmt.Sprint(moved.ID), "--move", to.Format(time.RFC3339))
	mustCLI(t, "programme", "session", "--db", db, "--id", fmt.Sprint(moved.ID), "--note", "議題: PMDA相談の準備")
	mustCLI(t, "programme", "session", "--db", db, "--id", fmt.Sprint(cancelled.ID), "--cancel")
	code, _, _ = cli(t, "programme", "session", "--db", db, "--id", fmt.Sprint(cancelled.ID), "--move", to.Format(time.RFC3339))
	if code != 1 {
		t.Fatal("moved a cancelled session")
	}
	mustCLI(t, "programme", "session", "--db", db, "--id", fmt.Sprint(sessions[2].ID), "--held")
	mustCLI(t, "programme", "sessions", "--db", db, "--ics", icsPath)
	after, _ := os.ReadFile(icsPath)
	if c := bytes.Count(before, []byte("BEGIN:VEVENT")); c != 60 || bytes.Count(after, []byte("BEGIN:VEVENT")) != 60 {
		t.Fatalf("calendar entries: %d before, %d after", c, bytes.Count(after, []byte("BEGIN:VEVENT")))
	}
	for _, s := range []event.Session{moved, cancelled} {
		if !bytes.Contains(before, []byte("UID:"+s.UID)) || !bytes.Contains(after, []byte("UID:"+s.UID)) {
			t.Fatalf("UID %s not kept", s.UID)
		}
	}
	ev := vevent(t, after, moved.UID)
	if !strings.Contains(ev, "SEQUENCE:1") || !strings.Contains(ev, "DTSTART;TZID=Asia/Tokyo:"+to.In(jst).Format("20060102T150405")) || !strings.Contains(ev, "PMDA") {
		t.Fatalf("moved entry: %s", ev)
	}
	if ev := vevent(t, after, cancelled.UID); !strings.Contains(ev, "SEQUENCE:1") || !strings.Contains(ev, "STATUS:CANCELLED") {
		t.Fatalf("cancelled entry: %s", ev)
	}

	// Final pitch: five judges, J1 and J2 from companies that sponsor pairs.
	var order []event.PitchSlot
	json.Unmarshal([]byte(mustCLI(t, "programme", "order", "--db", db, "--json")), &order)
	if len(order) != 10 {
		t.Fatalf("running order has %d pitches", len(order))
	}
	coi1, coi2 := order[0].CompanyID, order[len(order)-1].CompanyID
	judges := []struct{ id, company string }{{"J1", coi1}, {"J2", coi2}, {"J3", ""}, {"J4", ""}, {"J5", ""}}
	for _, j := range judges {
		args := []string{"programme", "judge", "--db", db, "--id", j.id, "--name", "Judge " + j.id}
		if j.company != "" {
			args = append(args, "--company", j.company)
		}
		mustCLI(t, args...)
	}
	pitchScore := func(n, j int, c string) int { return 1 + (n*5+j*2+len(c)*3)%5 }
	want := map[int64]float64{}
	for n, s := range order {
		counted := 0
		for ji, j := range judges {
			sc := fmt.Sprintf("impact=%d,plan=%d,pitch=%d", pitchScore(n, ji, "impact"), pitchScore(n, ji, "plan"), pitchScore(n, ji, "pitch"))
			code, _, errOut := cli(t, "programme", "score-pitch", "--db", db, "--judge", j.id, "--application", fmt.Sprint(s.ApplicationID), "--score", sc, "--lang", "en")
			if j.company == s.CompanyID {
				if code != 1 || !strings.Contains(errOut, "conflict of interest") {
					t.Fatalf("conflicted judge %s on %s: %d %s", j.id, s.StartupID, code, errOut)
				}
				continue
			}
			if code != 0 {
				t.Fatalf("score-pitch: %s", errOut)
			}
			want[s.ApplicationID] += float64(2*pitchScore(n, ji, "impact")+pitchScore(n, ji, "plan")+pitchScore(n, ji, "pitch")) / 4
			counted++
		}
		want[s.ApplicationID] /= float64(counted)
	}
	xlsxPath, pdfJa, pdfEn := filepath.Join(dir, "results.xlsx"), filepath.Join(dir, "results-ja.pdf"), filepath.Join(dir, "results-en.pdf")
	var res struct {
		Pitch []event.PitchResult `json:"pitch"`
		KPI   results.KPI         `json:"kpi"`
	}
	if err := json.Unmarshal([]byte(mustCLI(t, "programme", "results", "--db", db, "--json", "--xlsx", xlsxPath, "--pdf-ja", pdfJa, "--pdf-en", pdfEn)), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Pitch) != 10 {
		t.Fatalf("%d results", len(res.Pitch))
	}
	for i, p := range res.Pitch {
		w := want[p.Slot.ApplicationID]
		if p.Total-w > 1e-9 || w-p.Total > 1e-9 {
			t.Fatalf("%s total %.4f, want %.4f", p.Slot.StartupID, p.Total, w)
		}
		conflicted := p.Slot.CompanyID == coi1 || p.Slot.CompanyID == coi2
		if conflicted != (len(p.Excluded) > 0) || (conflicted && p.Judges != 4) || (!conflicted && p.Judges != 5) {
			t.Fatalf("%s (%s): excluded %v, judges %d", p.Slot.StartupID, p.Slot.CompanyID, p.Excluded, p.Judges)
		}
		if i > 0 && res.Pitch[i-1].Total < p.Total {
			t.Fatal("results not ranked by total")
		}
		if p.Outstanding != (i < 2) {
			t.Fatalf("outstanding marks: %+v", p)
		}
	}
	k := res.KPI
	if k.Applications != 40 || k.Selected != 10 || k.Pitches != 10 || k.Outstanding != 2 || k.SessionsHeld != 1 || k.SessionsCanceled != 1 || k.SessionsPlanned != 59 {
		t.Fatalf("KPI %+v", k)
	}
	for _, tk := range k.Themes {
		if tk.ThemeID == lastTheme && tk.Selected != 0 {
			t.Fatalf("last theme selected %d", tk.Selected)
		}
	}

	// The workbook opens, with the ranked results and the tie-break rule.
	f, err := excelize.OpenFile(xlsxPath)
	if err != nil {
		t.Fatal(err)
	}
	sheets := f.GetSheetList()
	sort.Strings(sheets)
	wantSheets := []string{results.SheetKPI, results.SheetResults, results.SheetScreening, results.SheetOrder}
	sort.Strings(wantSheets)
	if fmt.Sprint(sheets) != fmt.Sprint(wantSheets) {
		t.Fatalf("sheets %v", sheets)
	}
	xr, _ := f.GetRows(results.SheetResults)
	f.Close()
	if xr[0][0] != "順位 / Rank" || xr[1][0] != "1" || !strings.Contains(strings.Join(xr[len(xr)-1], ""), "Ties are broken") {
		t.Fatalf("results sheet: %v", xr)
	}
	if len(k.Years) != 2 || k.Years[0].Year != 2024 || k.Years[1].Year != 2027 || k.Years[1].Applications != 40 || k.Years[1].Themes != 6 || k.Years[1].Companies != 5 {
		t.Fatalf("year over year %+v", k.Years)
	}
	f, _ = excelize.OpenFile(xlsxPath)
	kr, _ := f.GetRows(results.SheetKPI)
	f.Close()
	if last := kr[len(kr)-1]; last[0] != "2027" || last[3] != "40" || kr[len(kr)-2][0] != "2024" {
		t.Fatalf("KPI sheet year rows: %v", kr[len(kr)-3:])
	}
	// The PDFs open (pdftotext, an independent reader) in each language.
	for path, words := range map[string][]string{pdfJa: {"最終ピッチ 審査結果", "同点の場合", "優秀企業", "年度別推移"}, pdfEn: {"Final pitch results", "Ties are broken", "Outstanding", "Year over year"}} {
		txt, err := exec.Command("pdftotext", "-layout", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", path, err)
		}
		for _, w := range words {
			if !strings.Contains(string(txt), w) {
				t.Fatalf("%s lacks %q:\n%s", path, w, txt)
			}
		}
	}
	integrityOK(t, db)
}

// vevent returns the VEVENT with uid from an .ics file, unfolded.
func vevent(t *testing.T, ics []byte, uid string) string {
	t.Helper()
	s := strings.ReplaceAll(string(ics), "\r\n ", "")
	for _, part := range strings.Split(s, "BEGIN:VEVENT") {
		if strings.Contains(part, "UID:"+uid+"\r\n") {
			return part
		}
	}
	t.Fatalf("no VEVENT %s", uid)
	return ""
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
