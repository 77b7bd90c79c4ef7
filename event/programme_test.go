package event

import (
	"bytes"
	"fmt"
	"math/rand"
	"testing"
	"time"
)

var jst = time.FixedZone("JST", 9*3600)

func testProgramme() *Programme {
	d := func(m, day int) time.Time { return time.Date(2027, time.Month(m), day, 0, 0, 0, 0, jst) }
	return &Programme{
		Stages: []Stage{
			{StageThemeCall, d(1, 5), d(1, 20)},
			{StageApplications, d(1, 20), d(2, 10)},
			{StageScreening, d(2, 10), d(3, 1)},
			{StageMatching, d(3, 1), d(3, 8)},
			{StageSessions, d(3, 8), d(6, 1)},
			{StageFinalPitch, d(6, 10), d(6, 11)},
		},
		ScreeningRubric: Rubric{Criteria: []Criterion{{"fit", T("適合", "Fit"), 2}, {"team", T("チーム", "Team"), 1}}},
		PitchRubric:     Rubric{Criteria: []Criterion{{"impact", T("インパクト", "Impact"), 3}, {"feas", T("実現性", "Feasibility"), 2}}},
		Sessions: SessionPlan{Start: d(3, 8), Weeks: 12, Count: 6, EveryWeeks: 2, Minutes: 60, Mode: ModeOnline,
			Times: []WeeklyTime{{time.Tuesday, "10:00"}, {time.Tuesday, "14:00"}, {time.Thursday, "10:00"}, {time.Thursday, "15:00"}}},
		Pitch: PitchPlan{Start: time.Date(2027, 6, 10, 13, 0, 0, 0, jst), PitchMinutes: 7, QAMinutes: 5, ChangeMinutes: 1, BreakEvery: 3, BreakMinutes: 10, GroupBy: GroupByCompany, Awards: 2},
	}
}

func TestProgrammeStagesOpenNowAndDeadline(t *testing.T) {
	p := testProgramme()
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		now      time.Time
		open     []StageKind
		applyErr string
		contains string
	}{
		{time.Date(2027, 1, 10, 12, 0, 0, 0, jst), []StageKind{StageThemeCall}, EForbidden, "cannot apply yet"},
		{time.Date(2027, 1, 25, 12, 0, 0, 0, jst), []StageKind{StageApplications}, "", ""},
		{time.Date(2027, 2, 9, 23, 59, 59, 0, jst), []StageKind{StageApplications}, "", ""},
		{time.Date(2027, 2, 10, 0, 0, 0, 0, jst), []StageKind{StageScreening}, EForbidden, "deadline (2027-02-10 00:00 JST) has passed"},
		{time.Date(2027, 6, 10, 13, 0, 0, 0, jst), []StageKind{StageFinalPitch}, EForbidden, "deadline"},
	}
	for _, c := range cases {
		var got []StageKind
		for _, s := range p.OpenNow(c.now) {
			got = append(got, s.Kind)
		}
		if fmt.Sprint(got) != fmt.Sprint(c.open) {
			t.Errorf("%v: open %v, want %v", c.now, got, c.open)
		}
		err := p.CanApply(c.now, jst)
		if ErrorCode(err) != c.applyErr && !(c.applyErr == "" && err == nil) {
			t.Errorf("%v: CanApply = %v, want code %q", c.now, err, c.applyErr)
		}
		if err != nil {
			if m := ErrorMessage(err, En); !bytes.Contains([]byte(m), []byte(c.contains)) {
				t.Errorf("%v: message %q lacks %q", c.now, m, c.contains)
			}
			if ErrorMessage(err, Ja) == ErrorMessage(err, En) {
				t.Errorf("no Japanese message: %v", err)
			}
		}
	}
}

func TestProgrammeOpenNowLine(t *testing.T) {
	p := testProgramme()
	two := *p
	two.Stages = append([]Stage(nil), p.Stages...)
	two.Stages[3].Closes = time.Date(2027, 3, 20, 0, 0, 0, 0, jst) // matching overlaps the sessions
	cases := []struct {
		name string
		p    *Programme
		now  time.Time
		lang Lang
		want string
	}{
		{"one open, ja", p, time.Date(2027, 1, 25, 12, 0, 0, 0, jst), Ja, "現在受付中: 応募受付(2027-02-10 00:00 JSTまで)"},
		{"one open, en", p, time.Date(2027, 1, 25, 12, 0, 0, 0, jst), En, "Open now: Applications (until 2027-02-10 00:00 JST)"},
		{"between stages, ja", p, time.Date(2027, 6, 5, 0, 0, 0, 0, jst), Ja, "現在受付中の段階はありません"},
		{"between stages, en", p, time.Date(2027, 6, 5, 0, 0, 0, 0, jst), En, "No stage is open now"},
		{"two open, en", &two, time.Date(2027, 3, 10, 0, 0, 0, 0, jst), En, "Open now: Matching decided (until 2027-03-20 00:00 JST), Acceleration sessions (until 2027-06-01 00:00 JST)"},
	}
	for _, c := range cases {
		if got := c.p.OpenNowLine(c.now, jst, c.lang); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}

func TestProgrammeValidateRefuses(t *testing.T) {
	for name, mut := range map[string]func(p *Programme){
		"no applications stage": func(p *Programme) { p.Stages = p.Stages[:1] },
		"closes before opens":   func(p *Programme) { p.Stages[1].Closes = p.Stages[1].Opens },
		"out of order":          func(p *Programme) { p.Stages[2].Opens = p.Stages[0].Opens.Add(-time.Hour) },
		"zero weight":           func(p *Programme) { p.ScreeningRubric.Criteria[0].Weight = 0 },
		"duplicate criterion":   func(p *Programme) { p.PitchRubric.Criteria[1].ID = "impact" },
		"series too long":       func(p *Programme) { p.Sessions.Count = 7 },
		"bad weekly time":       func(p *Programme) { p.Sessions.Times[0].Start = "25:00" },
		"bad group":             func(p *Programme) { p.Pitch.GroupBy = "x" },
		"past year twice":       func(p *Programme) { p.PastYears = []ProgrammeYear{{Year: 2024}, {Year: 2024}} },
		"negative past count":   func(p *Programme) { p.PastYears = []ProgrammeYear{{Year: 2024, Selected: -1}} },
	} {
		p := testProgramme()
		mut(p)
		if ErrorCode(p.Validate()) != EInvalid {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestCheckDeck(t *testing.T) {
	pdf := []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
	cases := []struct {
		name string
		data []byte
		code string
	}{
		{"deck.pdf", pdf, ""},
		{"deck.pdf", []byte("PK\x03\x04 this is a zip or pptx %%EOF"), EInvalid},
		{"deck.pdf", []byte("%PDF-1.4 truncated"), EInvalid},
		{"deck.png", []byte("\x89PNG\r\n\x1a\n"), EInvalid},
		{"empty.pdf", nil, EInvalid},
		{"big.pdf", append(append([]byte("%PDF-1.7\n"), make([]byte, 2000)...), "%%EOF"...), ETooLarge},
	}
	for _, c := range cases {
		err := CheckDeck(c.name, c.data, 1000+len(pdf))
		if ErrorCode(err) != c.code {
			t.Errorf("%s %q: %v, want %q", c.name, c.data[:min(len(c.data), 8)], err, c.code)
		}
		if err != nil && !bytes.Contains([]byte(ErrorMessage(err, Ja)), []byte("保存していません")) && c.code != EInvalid {
			t.Errorf("message does not say nothing was stored: %v", ErrorMessage(err, Ja))
		}
	}
}

func TestRubricCheckAndAggregate(t *testing.T) {
	r := testProgramme().ScreeningRubric
	bad := []Scorecard{
		{Reviewer: "a", Scores: map[string]int{"fit": 3}},
		{Reviewer: "a", Scores: map[string]int{"fit": 0, "team": 3}},
		{Reviewer: "a", Scores: map[string]int{"fit": 6, "team": 3}},
		{Reviewer: "a", Scores: map[string]int{"fit": 3, "team": 3, "x": 1}},
		{Reviewer: "", Scores: map[string]int{"fit": 3, "team": 3}},
	}
	for _, c := range bad {
		if ErrorCode(r.Check(&c)) != EInvalid {
			t.Errorf("accepted %+v", c)
		}
	}
	cards := []Scorecard{
		{Reviewer: "a", Scores: map[string]int{"fit": 5, "team": 2}}, // (10+2)/3 = 4
		{Reviewer: "b", Scores: map[string]int{"fit": 2, "team": 5}}, // (4+5)/3 = 3
	}
	for _, c := range cards {
		if err := r.Check(&c); err != nil {
			t.Fatal(err)
		}
	}
	a := r.Aggregate(cards)
	if a.Reviewers != 2 || !near(a.Score, 3.5) || !near(a.Criteria["fit"], 3.5) || !near(a.Spread, 1) {
		t.Errorf("aggregate %+v", a)
	}
	// Property: the aggregate lies within [min, max] of the reviewers'
	// weighted means and does not depend on their order.
	rng := rand.New(rand.NewSource(1))
	for it := 0; it < 500; it++ {
		n := 1 + rng.Intn(6)
		cs := make([]Scorecard, n)
		lo, hi := 6.0, 0.0
		for i := range cs {
			cs[i] = Scorecard{Reviewer: fmt.Sprint(i), Scores: map[string]int{"fit": 1 + rng.Intn(5), "team": 1 + rng.Intn(5)}}
			w := r.Weighted(&cs[i])
			lo, hi = min(lo, w), max(hi, w)
		}
		a := r.Aggregate(cs)
		rng.Shuffle(n, func(i, j int) { cs[i], cs[j] = cs[j], cs[i] })
		b := r.Aggregate(cs)
		if a.Score < lo-1e-9 || a.Score > hi+1e-9 || !near(a.Score, b.Score) {
			t.Fatalf("aggregate %v outside [%v,%v] or order-dependent (%v)", a.Score, lo, hi, b.Score)
		}
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

func genPairs(n, companies int) []SelectedPair {
	out := make([]SelectedPair, n)
	for i := range out {
		c := i % companies
		out[i] = SelectedPair{StartupID: fmt.Sprintf("S%04d", i), CompanyID: fmt.Sprintf("C%03d", c), ThemeID: fmt.Sprintf("T%03d", c)}
	}
	return out
}

// checkSeries verifies the scheduler's invariants: no side double-booked,
// no busy time used, each pair's sessions in increasing weeks within the
// target ±slack, every session on a candidate time.
func checkSeries(t testing.TB, p *SessionPlan, pairs []SelectedPair, busy []Busy, got []Session, unplaced []Unplaced) {
	t.Helper()
	if len(got)+len(unplaced) != len(pairs)*p.Count {
		t.Fatalf("%d placed + %d unplaced != %d", len(got), len(unplaced), len(pairs)*p.Count)
	}
	seen := map[string]bool{}
	byPair := map[SelectedPair][]Session{}
	for _, s := range got {
		for _, k := range []string{"s" + s.StartupID, "c" + s.CompanyID} {
			key := k + s.Start.String()
			if seen[key] {
				t.Fatalf("%s double-booked at %v", k, s.Start)
			}
			seen[key] = true
		}
		if err := CheckSessionTime(&s, s.Start, nil, busy); err != nil {
			t.Fatalf("session in busy time: %v", err)
		}
		pk := SelectedPair{s.StartupID, s.CompanyID, s.ThemeID}
		byPair[pk] = append(byPair[pk], s)
	}
	week := func(ts time.Time) int { return int(ts.Sub(p.Start).Hours() / (24 * 7)) }
	for pk, l := range byPair {
		for i := range l {
			w := week(l[i].Start)
			target := (l[i].Number - 1) * p.EveryWeeks
			if w < target-1 || w > target+1 || w >= p.Weeks {
				t.Fatalf("%v session %d in week %d, target %d", pk, l[i].Number, w, target)
			}
			if i > 0 && week(l[i-1].Start) >= w {
				t.Fatalf("%v sessions not in increasing weeks", pk)
			}
		}
	}
}

func TestScheduleSessionsProperty(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for it := 0; it < 60; it++ {
		p := testProgramme().Sessions
		pairs := genPairs(5+rng.Intn(40), 1+rng.Intn(6))
		var busy []Busy
		for i := 0; i < rng.Intn(30); i++ {
			kind, id := KindStartup, pairs[rng.Intn(len(pairs))].StartupID
			if rng.Intn(2) == 0 {
				kind, id = KindCompany, pairs[rng.Intn(len(pairs))].CompanyID
			}
			from := p.Start.Add(time.Duration(rng.Intn(12*7*24)) * time.Hour)
			busy = append(busy, Busy{kind, id, from, from.Add(time.Duration(1+rng.Intn(200)) * time.Hour)})
		}
		got, unplaced := ScheduleSessions(&p, jst, pairs, busy, nil)
		checkSeries(t, &p, pairs, busy, got, unplaced)
		// A re-run with the stored sessions adds nothing and moves nothing.
		again, un2 := ScheduleSessions(&p, jst, pairs, busy, got)
		if len(again) != 0 && len(again) > len(unplaced) {
			t.Fatalf("re-run placed %d more (had %d unplaced)", len(again), len(unplaced))
		}
		_ = un2
	}
}

func TestScheduleSessionsSixOverTwelveWeeks(t *testing.T) {
	p := testProgramme().Sessions
	pairs := genPairs(8, 4)
	got, unplaced := ScheduleSessions(&p, jst, pairs, nil, nil)
	if len(unplaced) != 0 || len(got) != 48 {
		t.Fatalf("placed %d, unplaced %v", len(got), unplaced)
	}
	checkSeries(t, &p, pairs, nil, got, unplaced)
	for _, s := range got {
		if s.Start.In(jst).Weekday() != time.Tuesday && s.Start.In(jst).Weekday() != time.Thursday {
			t.Fatalf("session on %v", s.Start)
		}
	}
}

func TestSessionStepsKeepUID(t *testing.T) {
	s := Session{UID: "u1", StartupID: "S1", CompanyID: "C1", Start: time.Date(2027, 3, 9, 10, 0, 0, 0, jst), Minutes: 60, Status: SessionScheduled}
	other := Session{UID: "u2", StartupID: "S2", CompanyID: "C1", Start: time.Date(2027, 3, 9, 14, 0, 0, 0, jst), Minutes: 60, Status: SessionScheduled}
	if err := CheckSessionTime(&s, other.Start.Add(30*time.Minute), []Session{s, other}, nil); ErrorCode(err) != EConflict {
		t.Fatalf("overlap with the company's other session accepted: %v", err)
	}
	to := other.Start.Add(2 * time.Hour)
	if err := CheckSessionTime(&s, to, []Session{s, other}, nil); err != nil {
		t.Fatal(err)
	}
	if err := ApplySessionStep(&s, SessionMove, to, ""); err != nil || s.Sequence != 1 || s.UID != "u1" || !s.Start.Equal(to) {
		t.Fatalf("move: %v %+v", err, s)
	}
	if err := ApplySessionStep(&s, SessionNote, time.Time{}, "議事メモ"); err != nil || s.Note != "議事メモ" || s.Sequence != 1 {
		t.Fatalf("note: %v %+v", err, s)
	}
	if err := ApplySessionStep(&s, SessionCancel, time.Time{}, ""); err != nil || s.Sequence != 2 || s.UID != "u1" {
		t.Fatalf("cancel: %v %+v", err, s)
	}
	if err := ApplySessionStep(&s, SessionMove, to.Add(time.Hour), ""); ErrorCode(err) != EInvalid {
		t.Fatalf("moved a cancelled session: %v", err)
	}
	if err := ApplySessionStep(&s, SessionHold, time.Time{}, ""); ErrorCode(err) != EInvalid {
		t.Fatalf("held a cancelled session: %v", err)
	}
}

func TestPitchOrderAndResults(t *testing.T) {
	p := testProgramme()
	var apps []Application
	for i := 0; i < 5; i++ {
		apps = append(apps, Application{ID: int64(i + 1), StartupID: fmt.Sprintf("S%d", 5-i), CompanyID: fmt.Sprintf("C%d", i%2), ThemeID: fmt.Sprintf("T%d", i%2),
			Decision: DecisionSelected, SubmittedAt: time.Date(2027, 1, 21+i, 0, 0, 0, 0, jst)})
	}
	apps = append(apps, Application{ID: 9, StartupID: "S9", CompanyID: "C0", Decision: DecisionDeclined})
	order := PitchOrder(&p.Pitch, apps)
	if len(order) != 5 {
		t.Fatalf("order has %d pitches", len(order))
	}
	// C0: S1, S3, S5 then C1: S2, S4; break after the third pitch.
	want := []string{"S1", "S3", "S5", "S2", "S4"}
	for i, s := range order {
		if s.StartupID != want[i] {
			t.Fatalf("order %d = %s, want %s", i, s.StartupID, want[i])
		}
	}
	if order[2].BreakAfter != 10 || !order[3].Start.Equal(order[2].End.Add(10*time.Minute)) || !order[1].Start.Equal(order[0].End.Add(time.Minute)) {
		t.Fatalf("timing: %+v", order[:4])
	}
	if !order[0].QAStart.Equal(p.Pitch.Start.Add(7 * time.Minute)) {
		t.Fatalf("Q&A start %v", order[0].QAStart)
	}
	judges := []Judge{{ID: "J1", CompanyID: "C0"}, {ID: "J2", CompanyID: "C1"}, {ID: "J3"}}
	card := func(j string, impact, feas int) Scorecard {
		return Scorecard{Reviewer: j, Scores: map[string]int{"impact": impact, "feas": feas}}
	}
	cards := map[int64][]Scorecard{}
	for _, s := range order {
		for _, j := range judges {
			cards[s.ApplicationID] = append(cards[s.ApplicationID], card(j.ID, 3, 3))
		}
	}
	// S1 (app 5, C0): J1 (conflicted) gives 5s, which must not count.
	for i := range cards[5] {
		if cards[5][i].Reviewer == "J1" {
			cards[5][i] = card("J1", 5, 5)
		}
	}
	// S3 (app 3, C0): ties S5 (app 1) on total 3.4 but has the higher impact mean.
	cards[3] = []Scorecard{card("J2", 4, 2), card("J3", 4, 2)} // (12+4)/5 = 3.2 each
	cards[1] = []Scorecard{card("J2", 2, 5), card("J3", 4, 2)} // 3.2 and 3.2 → 3.2, impact mean 3
	if err := MayJudge(&judges[0], &order[0]); ErrorCode(err) != EForbidden {
		t.Fatalf("conflicted judge allowed: %v", err)
	}
	res := PitchResults(&p.PitchRubric, order, judges, cards, map[int64]float64{}, map[int64]time.Time{}, 2)
	by := map[string]PitchResult{}
	for _, r := range res {
		by[r.Slot.StartupID] = r
	}
	if r := by["S1"]; !near(r.Total, 3) || r.Judges != 2 || fmt.Sprint(r.Excluded) != "[J1]" {
		t.Fatalf("conflict not excluded: %+v", r)
	}
	if r := by["S2"]; fmt.Sprint(r.Excluded) != "[J2]" || r.Judges != 2 {
		t.Fatalf("S2: %+v", r)
	}
	if by["S3"].Rank >= by["S5"].Rank || by["S3"].TieBreak != 1 {
		t.Fatalf("tie-break: S3 %+v S5 %+v", by["S3"], by["S5"])
	}
	if !res[0].Outstanding || !res[1].Outstanding || res[2].Outstanding {
		t.Fatalf("awards: %+v", res)
	}
}

func BenchmarkScheduleSessions500x26(b *testing.B) {
	p := testProgramme().Sessions
	p.Weeks, p.Count, p.EveryWeeks = 26, 13, 2
	p.Times = nil
	for _, d := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday} {
		for _, h := range []string{"09:00", "10:30", "13:00", "14:30", "16:00"} {
			p.Times = append(p.Times, WeeklyTime{d, h})
		}
	}
	pairs := genPairs(500, 40)
	rng := rand.New(rand.NewSource(3))
	var busy []Busy
	for i := 0; i < 2000; i++ {
		from := p.Start.Add(time.Duration(rng.Intn(26*7*24)) * time.Hour)
		busy = append(busy, Busy{KindStartup, pairs[rng.Intn(500)].StartupID, from, from.Add(48 * time.Hour)})
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		got, un := ScheduleSessions(&p, jst, pairs, busy, nil)
		if i == 0 {
			checkSeries(b, &p, pairs, busy, got, un)
			b.ReportMetric(float64(len(un)), "unplaced")
		}
	}
}
