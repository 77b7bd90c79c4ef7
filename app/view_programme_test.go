package app

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
	"pitchmatch/storage"
)

var jst = time.FixedZone("JST", 9*3600)

// liveClock is a UI clock at a fixed time whose live-refresh waits fire
// when the test says so; each one asked for is reported on asked.
type liveClock struct {
	fire  chan time.Time
	asked chan time.Duration
}

func newLiveClock() *liveClock {
	return &liveClock{fire: make(chan time.Time), asked: make(chan time.Duration, 16)}
}

func (c *liveClock) clock(now time.Time) clock {
	return clock{now: func() time.Time { return now }, after: func(d time.Duration) <-chan time.Time {
		if d != liveEvery { // start-up delays: over at once
			ch := make(chan time.Time, 1)
			ch <- now
			return ch
		}
		c.asked <- d
		return c.fire
	}}
}

// programmeFile is the small demo event with a programme: every startup
// applies (startup i to theme i mod 4), two scouts of the theme's company
// screen, two per theme are selected on the first three themes, sessions
// are placed, three judges (J3 from the first company) score part of the
// pitches.
func programmeFile(t *testing.T) (path string, db *storage.DB) {
	t.Helper()
	ctx := context.Background()
	path = demoFile(t, smallDemo())
	db = otherStore(t, path)
	d := func(m, day int) time.Time { return time.Date(2027, time.Month(m), day, 0, 0, 0, 0, jst) }
	p := &event.Programme{
		Stages: []event.Stage{
			{Kind: event.StageThemeCall, Opens: d(1, 5), Closes: d(1, 20)},
			{Kind: event.StageApplications, Opens: d(1, 20), Closes: d(2, 10)},
			{Kind: event.StageScreening, Opens: d(2, 10), Closes: d(3, 1)},
			{Kind: event.StageSessions, Opens: d(3, 8), Closes: d(6, 1)},
			{Kind: event.StageFinalPitch, Opens: d(6, 10), Closes: d(6, 11)},
		},
		ScreeningRubric: event.Rubric{Criteria: []event.Criterion{{ID: "fit", Label: event.T("適合", "Fit"), Weight: 3}, {ID: "team", Label: event.T("チーム", "Team"), Weight: 1}}},
		PitchRubric:     event.Rubric{Criteria: []event.Criterion{{ID: "impact", Label: event.T("インパクト", "Impact"), Weight: 2}, {ID: "plan", Label: event.T("計画", "Plan"), Weight: 1}}},
		Sessions: event.SessionPlan{Start: d(3, 8), Weeks: 12, Count: 6, EveryWeeks: 2, Minutes: 60, Mode: event.ModeOnline,
			Times: []event.WeeklyTime{{Weekday: time.Tuesday, Start: "10:00"}, {Weekday: time.Thursday, Start: "15:00"}}},
		Pitch: event.PitchPlan{Start: time.Date(2027, 6, 10, 13, 0, 0, 0, jst), PitchMinutes: 7, QAMinutes: 5, ChangeMinutes: 1, BreakEvery: 3, BreakMinutes: 10, Awards: 2},
	}
	if err := db.SaveProgramme(ctx, "test", p); err != nil {
		t.Fatal(err)
	}
	startups, _ := db.Startups(ctx)
	themes, _ := db.Themes(ctx)
	perTheme := map[string]int{}
	for i, s := range startups[:24] {
		th := themes[i%4]
		a, err := db.Apply(ctx, "test", d(1, 25), s.ID, th.ID, event.T("提案 "+s.ID, "Proposal "+s.ID), nil)
		if err != nil {
			t.Fatal(err)
		}
		for k, scout := range []string{"佐藤", "Smith"} {
			card := event.Scorecard{Reviewer: scout, Scores: map[string]int{"fit": 1 + (i+k)%5, "team": 1 + (i*3+k)%5}, Comment: fmt.Sprintf("comment %d-%d", i, k)}
			if err := db.ScreenApplication(ctx, "test", a.ID, th.CompanyID, card); err != nil {
				t.Fatal(err)
			}
		}
		if i%4 < 3 && perTheme[th.ID] < 2 {
			perTheme[th.ID]++
			if _, err := db.DecideApplication(ctx, "test", a.ID, event.DecisionSelected, event.T("採択", "Selected"), 0); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, _, err := db.ScheduleSessions(ctx, "test"); err != nil {
		t.Fatal(err)
	}
	companies, _ := db.Companies(ctx)
	for _, j := range []event.Judge{{ID: "J1", Name: "審査員A"}, {ID: "J2", Name: "Judge B"}, {ID: "J3", Name: "審査員C", CompanyID: companies[0].ID}} {
		if err := db.AddJudge(ctx, "test", j); err != nil {
			t.Fatal(err)
		}
	}
	return path, db
}

func openProgrammeUI(t *testing.T, lang event.Lang, path string, lc *liveClock, now time.Time) *UI {
	t.Helper()
	a := test.NewTempApp(t)
	u := New(a, lang, DefaultServices())
	u.clk = lc.clock(now)
	u.syncWork = true
	t.Cleanup(u.Close)
	u.Window().Resize(fyne.NewSize(1280, 800))
	if err := u.Open(path); err != nil {
		t.Fatal(err)
	}
	if err := u.ShowView("programme"); err != nil {
		t.Fatal(err)
	}
	return u
}

func TestProgrammeViewApplicationsAndDecision(t *testing.T) {
	path, db := programmeFile(t)
	ctx := context.Background()
	for _, lang := range []event.Lang{event.Ja, event.En} {
		u := openProgrammeUI(t, lang, path, newLiveClock(), time.Date(2027, 1, 25, 12, 0, 0, 0, jst))
		v := u.programmeV
		want := map[event.Lang]string{event.Ja: "現在受付中: 応募受付(2027-02-10 00:00 JST", event.En: "Open now: Applications (until 2027-02-10 00:00 JST)"}[lang]
		if !strings.Contains(v.banner.Text, want) {
			t.Fatalf("%s banner %q, want %q", lang, v.banner.Text, want)
		}
		if got := len(v.stages.Objects); got != 4*6 {
			t.Fatalf("stage grid has %d cells, want a header and 5 stages", got)
		}
	}
	u := openProgrammeUI(t, event.En, path, newLiveClock(), time.Date(2027, 2, 20, 12, 0, 0, 0, jst))
	v := u.programmeV
	if !strings.Contains(v.banner.Text, "Open now: Screening") {
		t.Fatalf("banner %q", v.banner.Text)
	}
	if len(v.appRows) != 24 {
		t.Fatalf("%d applications, want 24", len(v.appRows))
	}
	// Each row's screening score is the mean of the two scouts' weighted means.
	cards, _ := db.ScreeningCards(ctx)
	for r, row := range v.appRows {
		var sum float64
		for _, c := range cards[row.App.ID] {
			sum += (3*float64(c.Scores["fit"]) + float64(c.Scores["team"])) / 4
		}
		if got, want := v.appCell(r, 4), fmt.Sprintf("%.2f", sum/2); got != want {
			t.Fatalf("row %d screening %s, want %s", r, got, want)
		}
		if v.appCell(r, 6) == "–" {
			t.Fatalf("row %d has no matching score", r)
		}
		if v.appCell(r, 3) != "2" {
			t.Fatalf("row %d scouts %s", r, v.appCell(r, 3))
		}
	}
	// One theme at a time.
	v.themeSel.SetSelectedIndex(1)
	th := v.themeIDs[1]
	if len(v.appRows) != 6 {
		t.Fatalf("theme %s: %d rows, want 6", th, len(v.appRows))
	}
	for _, r := range v.appRows {
		if r.App.ThemeID != th {
			t.Fatalf("row of theme %s under %s", r.App.ThemeID, th)
		}
	}
	// Decide an undecided one with a message.
	row := -1
	for i, r := range v.appRows {
		if r.App.Decision == event.DecisionNone {
			row = i
			break
		}
	}
	if v.decide[0].Disabled() == false {
		t.Fatal("decision buttons enabled with nothing selected")
	}
	v.appTable.Select(widget.TableCellID{Row: row, Col: 1})
	id := v.appRows[row].App.ID
	if !strings.Contains(v.appDetail.Text, "comment") || !strings.Contains(v.appDetail.Text, "Smith") {
		t.Fatalf("detail lacks the scorecards: %s", v.appDetail.Text)
	}
	test.Type(v.msgJa, "補欠として登録しました")
	test.Type(v.msgEn, "You are on the waiting list")
	test.Tap(v.decide[1])
	a, _ := db.Application(ctx, id)
	if a.Decision != event.DecisionWaitlist || a.Message.Ja != "補欠として登録しました" || a.Message.En != "You are on the waiting list" {
		t.Fatalf("stored %+v", a)
	}
	if v.appCell(v.selApp, 7) != "Waitlist" {
		t.Fatalf("table shows %q after the decision", v.appCell(v.selApp, 7))
	}
	// Someone else decides meanwhile: the stale decision is refused and the view reloads.
	if _, err := db.DecideApplication(ctx, "scout", id, event.DecisionDeclined, event.T("", "no"), 0); err != nil {
		t.Fatal(err)
	}
	test.Tap(v.decide[0])
	if a, _ := db.Application(ctx, id); a.Decision != event.DecisionDeclined {
		t.Fatalf("a stale decision overwrote %s", a.Decision)
	}
	if v.appCell(v.selApp, 7) != "Declined" {
		t.Fatalf("after the conflict the view shows %q", v.appCell(v.selApp, 7))
	}
}

func TestProgrammeViewSessions(t *testing.T) {
	path, db := programmeFile(t)
	ctx := context.Background()
	u := openProgrammeUI(t, event.Ja, path, newLiveClock(), time.Date(2027, 3, 20, 12, 0, 0, 0, jst))
	v := u.programmeV
	v.tabs.SelectIndex(2)
	stored, _ := db.Sessions(ctx)
	if len(v.sesRows) != len(stored) || len(stored) != 36 {
		t.Fatalf("%d rows, %d stored, want 36 (6 pairs × 6)", len(v.sesRows), len(stored))
	}
	if !strings.Contains(v.sesCount.Text, "セッション 36件") {
		t.Fatalf("count %q", v.sesCount.Text)
	}
	v.sesTable.Select(widget.TableCellID{Row: 0, Col: 1})
	s0 := v.sesRows[0]
	// Move by a week (the same weekly time: free for both sides).
	to := s0.Start.In(jst).AddDate(0, 0, 7)
	for _, o := range stored {
		if o.Start.Equal(to) && (o.StartupID == s0.StartupID || o.CompanyID == s0.CompanyID) {
			to = to.AddDate(0, 0, 7)
		}
	}
	v.moveTo.SetText(to.Format("2006-01-02 15:04"))
	test.Tap(v.sesBtns[0])
	got, _ := db.Sessions(ctx)
	var moved event.Session
	for _, s := range got {
		if s.ID == s0.ID {
			moved = s
		}
	}
	if !moved.Start.Equal(to) || moved.UID != s0.UID || moved.Sequence != 1 {
		t.Fatalf("moved %+v, want start %s, UID %s, sequence 1", moved, to, s0.UID)
	}
	// A move onto the pair's own next session is refused; nothing changes.
	var other event.Session
	for _, s := range got {
		if s.StartupID == s0.StartupID && s.ID != s0.ID && s.Status == event.SessionScheduled {
			other = s
			break
		}
	}
	for i, r := range v.sesRows {
		if r.ID == s0.ID {
			v.sesTable.Select(widget.TableCellID{Row: i, Col: 1})
		}
	}
	v.moveTo.SetText(other.Start.In(jst).Format("2006-01-02 15:04"))
	test.Tap(v.sesBtns[0])
	again, _ := db.Sessions(ctx)
	for _, s := range again {
		if s.ID == s0.ID && (!s.Start.Equal(to) || s.Version != moved.Version) {
			t.Fatalf("a double-booking move was stored: %+v", s)
		}
	}
	if !strings.Contains(u.status.Text, "エラー") {
		t.Fatalf("no error shown for the refused move: %q", u.status.Text)
	}
	// A bad time is refused before the store.
	v.moveTo.SetText("来週")
	test.Tap(v.sesBtns[0])
	if !strings.Contains(u.status.Text, "YYYY-MM-DD HH:MM") {
		t.Fatalf("bad time: status %q", u.status.Text)
	}
	// Note, then cancel.
	v.noteEntry.SetText("議事録を共有済み")
	test.Tap(v.sesBtns[3])
	test.Tap(v.sesBtns[1])
	final, _ := db.Sessions(ctx)
	for _, s := range final {
		if s.ID == s0.ID && (s.Status != event.SessionCancelled || s.Note != "議事録を共有済み" || s.UID != s0.UID || s.Sequence != 2) {
			t.Fatalf("after note and cancel: %+v", s)
		}
	}
	for i, r := range v.sesRows {
		if r.ID == s0.ID {
			if v.sesCell(i, 6) != "中止" || v.sesCell(i, 7) != "議事録を共有済み" {
				t.Fatalf("row shows %q %q", v.sesCell(i, 6), v.sesCell(i, 7))
			}
			if !v.sesBtns[1].Disabled() || v.sesBtns[3].Disabled() {
				t.Fatal("a cancelled session can still be cancelled, or its note cannot be edited")
			}
		}
	}
}

// TestProgrammeViewLiveTotals: the final pitch tab shows the running order
// and re-reads the totals every liveEvery while shown, so a judge scoring
// from another connection (the server) appears without any action; a
// conflicted judge is listed as excluded; switching the live refresh off
// stops the loop.
func TestProgrammeViewLiveTotals(t *testing.T) {
	path, db := programmeFile(t)
	ctx := context.Background()
	lc := newLiveClock()
	u := openProgrammeUI(t, event.En, path, lc, time.Date(2027, 6, 10, 13, 30, 0, 0, jst))
	v := u.programmeV
	if !strings.Contains(v.banner.Text, "Open now: Final pitch") {
		t.Fatalf("banner %q", v.banner.Text)
	}
	v.tabs.SelectIndex(3)
	if d := <-lc.asked; d != liveEvery {
		t.Fatalf("live refresh waits %s, want %s", d, liveEvery)
	}
	if len(v.res.Order) != 6 || v.orderCell(0, 1) != "13:00–13:12" || v.orderCell(2, 5) != "10 min" {
		t.Fatalf("running order: %d pitches, first %q, break after the third %q", len(v.res.Order), v.orderCell(0, 1), v.orderCell(2, 5))
	}
	if v.totalsCell(0, 3) != "–" || v.totalsCell(0, 4) != "0" {
		t.Fatalf("totals before any score: %q %q", v.totalsCell(0, 3), v.totalsCell(0, 4))
	}
	// Judges score from another connection.
	companies, _ := db.Companies(ctx)
	var sponsored, other int64
	for _, s := range v.res.Order {
		if s.CompanyID == companies[0].ID {
			sponsored = s.ApplicationID
		} else {
			other = s.ApplicationID
		}
	}
	for _, j := range []string{"J1", "J2", "J3"} {
		if err := db.ScorePitch(ctx, "judge:"+j, other, event.Scorecard{Reviewer: j, Scores: map[string]int{"impact": 5, "plan": 4}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.ScorePitch(ctx, "judge:J1", sponsored, event.Scorecard{Reviewer: "J1", Scores: map[string]int{"impact": 3, "plan": 3}}); err != nil {
		t.Fatal(err)
	}
	if err := db.ScorePitch(ctx, "judge:J3", sponsored, event.Scorecard{Reviewer: "J3", Scores: map[string]int{"impact": 5, "plan": 5}}); event.ErrorCode(err) != event.EForbidden {
		t.Fatalf("conflicted judge: %v", err)
	}
	lc.fire <- time.Now() // the wait is over: the loop re-reads and waits again
	if d := <-lc.asked; d != liveEvery {
		t.Fatalf("second wait %s", d)
	}
	if v.totalsCell(0, 1) != u.data.StartupName(appStartup(v, other), event.En) || v.totalsCell(0, 3) != "4.67" || v.totalsCell(0, 4) != "3" {
		t.Fatalf("first place %q total %q judges %q", v.totalsCell(0, 1), v.totalsCell(0, 3), v.totalsCell(0, 4))
	}
	for r := range v.res.Pitch {
		if v.res.Pitch[r].Slot.ApplicationID == sponsored {
			if v.totalsCell(r, 3) != "3.00" || v.totalsCell(r, 6) != "J3" || v.totalsCell(r, 5) != "J2" {
				t.Fatalf("sponsored pitch: total %q excluded %q missing %q", v.totalsCell(r, 3), v.totalsCell(r, 6), v.totalsCell(r, 5))
			}
		}
	}
	if !strings.Contains(v.totalsCell(0, 7), "Outstanding") || !strings.Contains(v.updated.Text, "4 scorecards") {
		t.Fatalf("award %q, updated %q", v.totalsCell(0, 7), v.updated.Text)
	}
	// Live off: a pending wait ends without a reload, and no new wait starts.
	v.live.SetChecked(false)
	if err := db.ScorePitch(ctx, "judge:J2", sponsored, event.Scorecard{Reviewer: "J2", Scores: map[string]int{"impact": 1, "plan": 1}}); err != nil {
		t.Fatal(err)
	}
	lc.fire <- time.Now()
	u.Close()
	select {
	case d := <-lc.asked:
		t.Fatalf("a wait of %s started with live refresh off", d)
	default:
	}
	if strings.Contains(v.updated.Text, "5 scorecards") {
		t.Fatal("reloaded with live refresh off")
	}
}

func appStartup(v *programmeView, id int64) string {
	for _, a := range v.res.Data.Applications {
		if a.ID == id {
			return a.StartupID
		}
	}
	return ""
}

func TestProgrammeViewWithoutProgramme(t *testing.T) {
	u, _ := openUI(t, event.Ja)
	if err := u.ShowView("programme"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(u.programmeV.banner.Text, "プログラム") || u.programmeV.tabs.Visible() {
		t.Fatalf("without a programme: %q, tabs visible %v", u.programmeV.banner.Text, u.programmeV.tabs.Visible())
	}
}

// TestReportsProgrammeKPI: the Reports view shows the KPI report's
// programme figures, hidden for an event without a programme.
func TestReportsProgrammeKPI(t *testing.T) {
	path, db := programmeFile(t)
	ctx := context.Background()
	sessions, _ := db.Sessions(ctx)
	if _, err := db.StepSession(ctx, "test", sessions[0].ID, event.SessionHold, time.Time{}, "", 0); err != nil {
		t.Fatal(err)
	}
	u := openProgrammeUI(t, event.Ja, path, newLiveClock(), time.Date(2027, 6, 1, 12, 0, 0, 0, jst))
	if err := u.ShowView("reports"); err != nil {
		t.Fatal(err)
	}
	k := u.reportsV.prog
	if k.p == nil || !k.card.Visible() {
		t.Fatal("no programme card")
	}
	if k.p.Applications != 24 || k.p.Selected != 6 || k.p.SessionsHeld != 1 || k.p.SessionsPlanned != 36 || k.p.Pitches != 6 || len(k.p.Themes) != 9 || k.p.Themes[0].Applications != 6 || k.p.Themes[0].Selected != 2 {
		t.Fatalf("programme KPI %+v", k.p)
	}
	if k.card.Title != "プログラム 2027" {
		t.Fatalf("card title %q", k.card.Title)
	}
	texts := ""
	for _, o := range test.LaidOutObjects(k.card) {
		if l, ok := o.(*widget.Label); ok {
			texts += l.Text + "\n"
		}
	}
	for _, want := range []string{"採択数", "セッション実施数", "テーマ別の応募と採択", "2027 (今回)"} {
		if !strings.Contains(texts, want) {
			t.Fatalf("card lacks %q:\n%s", want, texts)
		}
	}

	plain, _ := openUI(t, event.En)
	if err := plain.ShowView("reports"); err != nil {
		t.Fatal(err)
	}
	if plain.reportsV.prog.card.Visible() {
		t.Fatal("a programme card on an event without a programme")
	}
}
