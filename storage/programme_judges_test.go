package storage

import (
	"context"
	"testing"
	"time"

	"pitchmatch/event"
)

func TestJudgeTokensAndProgrammeReads(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	b := seed(t, db, 4, 2)
	if err := db.SaveProgramme(ctx, "test", testProgramme()); err != nil {
		t.Fatal(err)
	}
	in := time.Date(2027, 1, 25, 10, 0, 0, 0, tokyo)
	th0, th1 := b.Themes[0], b.Themes[1]
	var apps []*event.Application
	for i, s := range b.Startups[:3] {
		th := th0
		if i == 2 {
			th = th1
		}
		a, err := db.Apply(ctx, "startup:"+s.ID, in, s.ID, th.ID, event.T("提案", ""), nil)
		if err != nil {
			t.Fatal(err)
		}
		apps = append(apps, a)
	}
	// Per-participant reads.
	mine, err := db.ApplicationsOf(ctx, event.KindStartup, b.Startups[0].ID)
	if err != nil || len(mine) != 1 || mine[0].ID != apps[0].ID {
		t.Fatalf("ApplicationsOf startup: %v %+v", err, mine)
	}
	want := map[string]int{}
	for _, a := range apps {
		want[a.CompanyID]++
	}
	for cid, n := range want {
		l, err := db.ApplicationsOf(ctx, event.KindCompany, cid)
		if err != nil || len(l) != n {
			t.Fatalf("ApplicationsOf company %s: %v, %d want %d", cid, err, len(l), n)
		}
		for _, a := range l {
			if a.CompanyID != cid {
				t.Errorf("company %s got application %+v", cid, a)
			}
		}
	}
	if _, err := db.ApplicationsOf(ctx, event.KindOrganizer, ""); event.ErrorCode(err) != event.EInvalid {
		t.Errorf("ApplicationsOf organizer: %v", err)
	}
	card := event.Scorecard{Reviewer: "佐藤", Scores: map[string]int{"fit": 4}}
	if err := db.ScreenApplication(ctx, "scout", apps[0].ID, apps[0].CompanyID, card); err != nil {
		t.Fatal(err)
	}
	cards, err := db.ScreeningCardsOf(ctx, apps[0].CompanyID)
	if err != nil || len(cards[apps[0].ID]) != 1 || cards[apps[0].ID][0].Scores["fit"] != 4 {
		t.Fatalf("ScreeningCardsOf: %v %+v", err, cards)
	}
	if other, _ := db.ScreeningCardsOf(ctx, "NOPE"); len(other) != 0 {
		t.Errorf("another company sees %+v", other)
	}

	// Judges and their links.
	if err := db.CreateJudgeToken(ctx, event.Token{Hash: "jh", JudgeID: "J9"}); event.ErrorCode(err) != event.ENotFound {
		t.Fatalf("token of an unknown judge: %v", err)
	}
	if err := db.AddJudge(ctx, "cli", event.Judge{ID: "J1", Name: "審査 一郎", CompanyID: th0.CompanyID}); err != nil {
		t.Fatal(err)
	}
	j, err := db.Judge(ctx, "J1")
	if err != nil || j.Name != "審査 一郎" || j.CompanyID != th0.CompanyID {
		t.Fatalf("Judge: %v %+v", err, j)
	}
	if _, err := db.Judge(ctx, "J9"); event.ErrorCode(err) != event.ENotFound {
		t.Errorf("unknown judge: %v", err)
	}
	exp := time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, h := range []string{"jh1", "jh2"} {
		if err := db.CreateJudgeToken(ctx, event.Token{Hash: h, JudgeID: "J1", ExpiresAt: exp}); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.CreateJudgeToken(ctx, event.Token{Hash: "jh1", JudgeID: "J1"}); event.ErrorCode(err) != event.EExists {
		t.Errorf("duplicate hash: %v", err)
	}
	tok, err := db.JudgeTokenByHash(ctx, "jh1")
	if err != nil || tok.JudgeID != "J1" || !tok.ExpiresAt.Equal(exp) || tok.Revoked || tok.StartupID != "" || tok.CompanyID != "" {
		t.Fatalf("JudgeTokenByHash: %v %+v", err, tok)
	}
	if _, err := db.JudgeTokenByHash(ctx, "nope"); event.ErrorCode(err) != event.ENotFound {
		t.Errorf("unknown hash: %v", err)
	}
	if err := db.RevokeJudgeToken(ctx, "jh1"); err != nil {
		t.Fatal(err)
	}
	if err := db.RevokeJudgeToken(ctx, "nope"); event.ErrorCode(err) != event.ENotFound {
		t.Errorf("revoke unknown: %v", err)
	}
	if n, err := db.RevokeJudgeTokens(ctx, "J1"); err != nil || n != 1 {
		t.Errorf("RevokeJudgeTokens: %d %v, want 1", n, err)
	}
	l, err := db.JudgeTokens(ctx, "J1")
	if err != nil || len(l) != 2 || !l[0].Revoked || !l[1].Revoked {
		t.Fatalf("JudgeTokens: %v %+v", err, l)
	}

	// One judge's pitch cards.
	if _, err := db.DecideApplication(ctx, "scout", apps[2].ID, event.DecisionSelected, event.T("採択", "Selected"), 0); err != nil {
		t.Fatal(err)
	}
	if _, err := db.DecideApplication(ctx, "scout", apps[1].ID, event.DecisionWaitlist, event.Text{}, 0); err != nil {
		t.Fatal(err)
	}
	if sel, err := db.SelectedApplications(ctx); err != nil || len(sel) != 1 || sel[0].ID != apps[2].ID {
		t.Fatalf("SelectedApplications: %v %+v", err, sel)
	}
	if err := db.ScorePitch(ctx, "judge:J1", apps[2].ID, event.Scorecard{Reviewer: "J1", Scores: map[string]int{"impact": 5}, Comment: "good"}); err != nil {
		t.Fatal(err)
	}
	pc, err := db.PitchCardsOf(ctx, "J1")
	if err != nil || len(pc) != 1 || pc[apps[2].ID].Scores["impact"] != 5 || pc[apps[2].ID].Comment != "good" {
		t.Fatalf("PitchCardsOf: %v %+v", err, pc)
	}
	if pc, _ := db.PitchCardsOf(ctx, "J2"); len(pc) != 0 {
		t.Errorf("another judge's cards: %+v", pc)
	}
}
