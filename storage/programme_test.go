package storage

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"pitchmatch/event"
)

var tokyo = time.FixedZone("JST", 9*3600)

func testProgramme() *event.Programme {
	d := func(m, day int) time.Time { return time.Date(2027, time.Month(m), day, 0, 0, 0, 0, tokyo) }
	return &event.Programme{
		Stages: []event.Stage{
			{Kind: event.StageApplications, Opens: d(1, 20), Closes: d(2, 10)},
			{Kind: event.StageScreening, Opens: d(2, 10), Closes: d(3, 1)},
			{Kind: event.StageSessions, Opens: d(3, 8), Closes: d(6, 1)},
		},
		ScreeningRubric: event.Rubric{Criteria: []event.Criterion{{ID: "fit", Label: event.T("適合", "Fit"), Weight: 1}}},
		PitchRubric:     event.Rubric{Criteria: []event.Criterion{{ID: "impact", Label: event.T("インパクト", "Impact"), Weight: 1}}},
		Sessions: event.SessionPlan{Start: d(3, 8), Weeks: 12, Count: 6, EveryWeeks: 2, Minutes: 60, Mode: event.ModeOnSite,
			Times: []event.WeeklyTime{{Weekday: time.Tuesday, Start: "10:00"}, {Weekday: time.Thursday, Start: "10:00"}}},
		MaxDeckBytes: 4096,
	}
}

var pdfDeck = []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

func programmeRows(t *testing.T, db *DB) map[string]int {
	t.Helper()
	out := map[string]int{}
	for _, tb := range []string{"applications", "screening_scores", "sessions", "pitch_scores", "judges", "busy_times"} {
		var n int
		if err := db.sql.QueryRow("SELECT count(*) FROM " + tb).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out[tb] = n
	}
	return out
}

func TestProgrammeApplyScreenDecide(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	b := seed(t, db, 4, 2)
	p := testProgramme()
	if err := db.SaveProgramme(ctx, "test", p); err != nil {
		t.Fatal(err)
	}
	stale := *p
	stale.Version = 0
	if err := db.SaveProgramme(ctx, "test", &stale); event.ErrorCode(err) != event.EConflict {
		t.Fatalf("stale programme save: %v", err)
	}
	in := time.Date(2027, 1, 25, 10, 0, 0, 0, tokyo)
	s0, th0, th1 := b.Startups[0].ID, b.Themes[0], b.Themes[1]
	a, err := db.Apply(ctx, "startup:"+s0, in, s0, th0.ID, event.T("提案", "Proposal"), &Deck{Name: "deck.pdf", Data: pdfDeck})
	if err != nil {
		t.Fatal(err)
	}
	if a.CompanyID != th0.CompanyID || a.DeckSize != len(pdfDeck) || len(a.DeckSHA256) != 64 {
		t.Fatalf("stored %+v", a)
	}
	before := programmeRows(t, db)
	for name, c := range map[string]struct {
		at   time.Time
		deck *Deck
		prop event.Text
		code string
	}{
		"after the deadline": {time.Date(2027, 2, 10, 0, 0, 0, 0, tokyo), nil, event.T("x", ""), event.EForbidden},
		"before opening":     {time.Date(2027, 1, 19, 0, 0, 0, 0, tokyo), nil, event.T("x", ""), event.EForbidden},
		"not a PDF":          {in, &Deck{Name: "deck.pdf", Data: []byte("PK\x03\x04...%%EOF")}, event.T("x", ""), event.EInvalid},
		"too large":          {in, &Deck{Name: "deck.pdf", Data: append(append([]byte("%PDF-1.4"), make([]byte, 5000)...), "%%EOF"...)}, event.T("x", ""), event.ETooLarge},
		"no proposal":        {in, nil, event.Text{}, event.EInvalid},
	} {
		_, err := db.Apply(ctx, "x", c.at, b.Startups[1].ID, th1.ID, c.prop, c.deck)
		if event.ErrorCode(err) != c.code {
			t.Errorf("%s: %v, want %s", name, err, c.code)
		}
	}
	if after := programmeRows(t, db); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatalf("refused applications stored rows: %v → %v", before, after)
	}
	// The deck: the theme's company and the organizer, nobody else.
	if d, err := db.ApplicationDeck(ctx, a.ID, event.KindCompany, th0.CompanyID); err != nil || !bytes.Equal(d.Data, pdfDeck) {
		t.Fatalf("company download: %v", err)
	}
	if _, err := db.ApplicationDeck(ctx, a.ID, event.KindOrganizer, ""); err != nil {
		t.Fatal(err)
	}
	for _, v := range []struct {
		kind event.ParticipantKind
		id   string
	}{{event.KindCompany, th1.CompanyID}, {event.KindStartup, b.Startups[1].ID}, {event.KindCompany, ""}} {
		if _, err := db.ApplicationDeck(ctx, a.ID, v.kind, v.id); event.ErrorCode(err) != event.EForbidden {
			t.Fatalf("%s %s downloaded the deck: %v", v.kind, v.id, err)
		}
	}
	// Re-applying before the deadline replaces the proposal, keeps the deck.
	a2, err := db.Apply(ctx, "x", in.Add(time.Hour), s0, th0.ID, event.T("改訂", "Revised"), nil)
	if err != nil || a2.ID != a.ID || a2.Proposal.En != "Revised" || a2.DeckSize != len(pdfDeck) || a2.Version != 2 {
		t.Fatalf("re-apply: %v %+v", err, a2)
	}
	// Screening: only the theme's company; concurrent scouts all stored.
	if err := db.ScreenApplication(ctx, "x", a.ID, th1.CompanyID, event.Scorecard{Reviewer: "spy", Scores: map[string]int{"fit": 5}}); event.ErrorCode(err) != event.EForbidden {
		t.Fatalf("other company screened: %v", err)
	}
	var wg sync.WaitGroup
	for k := 0; k < 6; k++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			if err := db.ScreenApplication(ctx, "x", a.ID, th0.CompanyID, event.Scorecard{Reviewer: fmt.Sprint("scout", k), Scores: map[string]int{"fit": 1 + k%5}}); err != nil {
				t.Error(err)
			}
		}(k)
	}
	wg.Wait()
	cards, err := db.ScreeningCards(ctx)
	if err != nil || len(cards[a.ID]) != 6 {
		t.Fatalf("cards %v %v", cards, err)
	}
	if agg := p.ScreeningRubric.Aggregate(cards[a.ID]); agg.Score != (1+2+3+4+5+1)/6.0 {
		t.Fatalf("aggregate %v", agg)
	}
	if _, err := db.DecideApplication(ctx, "x", a.ID, event.DecisionSelected, event.T("採択です", "Selected"), 1); event.ErrorCode(err) != event.EConflict {
		t.Fatalf("stale decision: %v", err)
	}
	dec, err := db.DecideApplication(ctx, "x", a.ID, event.DecisionSelected, event.T("採択です", "Selected"), a2.Version)
	if err != nil || dec.Decision != event.DecisionSelected || dec.Message.Ja != "採択です" {
		t.Fatalf("decide: %v %+v", err, dec)
	}
	if _, err := db.Apply(ctx, "x", in.Add(2*time.Hour), s0, th0.ID, event.T("再", "again"), nil); event.ErrorCode(err) != event.EConflict {
		t.Fatalf("changed a decided application: %v", err)
	}
	log, _ := db.AuditOf(ctx, "startup", s0, 0)
	actions := map[string]int{}
	for _, e := range log {
		actions[e.Action]++
	}
	if actions["application.submit"] != 2 || actions["application.screen"] != 6 || actions["application.decide"] != 1 {
		t.Fatalf("audit %v", actions)
	}
}

func TestProgrammeSessionsAndPitch(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	b := seed(t, db, 4, 2)
	p := testProgramme()
	if err := db.SaveProgramme(ctx, "test", p); err != nil {
		t.Fatal(err)
	}
	in := time.Date(2027, 1, 25, 10, 0, 0, 0, tokyo)
	var apps []*event.Application
	for i := 0; i < 3; i++ {
		a, err := db.Apply(ctx, "x", in, b.Startups[i].ID, b.Themes[i%2].ID, event.T("提案", ""), nil)
		if err != nil {
			t.Fatal(err)
		}
		if a, err = db.DecideApplication(ctx, "x", a.ID, event.DecisionSelected, event.Text{}, 0); err != nil {
			t.Fatal(err)
		}
		apps = append(apps, a)
	}
	if err := db.AddBusy(ctx, "x", event.Busy{Kind: event.KindCompany, ID: apps[0].CompanyID, From: p.Sessions.Start, To: p.Sessions.Start.AddDate(0, 0, 3)}); err != nil {
		t.Fatal(err)
	}
	placed, unplaced, err := db.ScheduleSessions(ctx, "x")
	if err != nil || len(placed) != 18 || len(unplaced) != 0 {
		t.Fatalf("schedule: %d %v %v", len(placed), unplaced, err)
	}
	ss, _ := db.Sessions(ctx)
	if len(ss) != 18 {
		t.Fatalf("%d stored", len(ss))
	}
	// Moving onto the company's other pair's session is refused.
	var s0, other *event.Session
	for i := range ss {
		if ss[i].CompanyID == apps[0].CompanyID && s0 == nil {
			s0 = &ss[i]
		}
	}
	for i := range ss {
		if ss[i].CompanyID == s0.CompanyID && ss[i].StartupID != s0.StartupID && other == nil {
			other = &ss[i]
		}
	}
	if _, err := db.StepSession(ctx, "x", s0.ID, event.SessionMove, other.Start, "", 0); event.ErrorCode(err) != event.EConflict {
		t.Fatalf("double-booking move: %v", err)
	}
	to := s0.Start.Add(5 * time.Hour)
	m, err := db.StepSession(ctx, "x", s0.ID, event.SessionMove, to, "", s0.Version)
	if err != nil || m.UID != s0.UID || m.Sequence != 1 || !m.Start.Equal(to) {
		t.Fatalf("move: %v %+v", err, m)
	}
	if _, err := db.StepSession(ctx, "x", s0.ID, event.SessionCancel, time.Time{}, "", s0.Version); event.ErrorCode(err) != event.EConflict {
		t.Fatalf("stale step: %v", err)
	}
	if c, err := db.StepSession(ctx, "x", s0.ID, event.SessionCancel, time.Time{}, "", 0); err != nil || c.Sequence != 2 || c.UID != s0.UID {
		t.Fatalf("cancel: %v %+v", err, c)
	}
	// A re-run does not re-create the cancelled session.
	if placed, _, err := db.ScheduleSessions(ctx, "x"); err != nil || len(placed) != 0 {
		t.Fatalf("re-run placed %d: %v", len(placed), err)
	}
	// Judges: the sponsoring company's judge is refused, nothing stored.
	if err := db.AddJudge(ctx, "x", event.Judge{ID: "J1", Name: "審査員1", CompanyID: apps[0].CompanyID}); err != nil {
		t.Fatal(err)
	}
	if err := db.AddJudge(ctx, "x", event.Judge{ID: "J9", Name: "x", CompanyID: "nope"}); event.ErrorCode(err) != event.ENotFound {
		t.Fatalf("judge of unknown company: %v", err)
	}
	before := programmeRows(t, db)
	if err := db.ScorePitch(ctx, "x", apps[0].ID, event.Scorecard{Reviewer: "J1", Scores: map[string]int{"impact": 5}}); event.ErrorCode(err) != event.EForbidden {
		t.Fatalf("conflicted judge scored: %v", err)
	}
	if after := programmeRows(t, db); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatalf("refused score stored: %v", after)
	}
	if err := db.ScorePitch(ctx, "x", apps[1].ID, event.Scorecard{Reviewer: "J1", Scores: map[string]int{"impact": 4}}); err != nil {
		t.Fatal(err)
	}
	cards, _ := db.PitchCards(ctx)
	if len(cards[apps[1].ID]) != 1 || cards[apps[1].ID][0].Scores["impact"] != 4 {
		t.Fatalf("pitch cards %v", cards)
	}
}
