package storage

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"pitchmatch/event"
)

func TestInterests(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	seed(t, db, 5, 3)
	req := &event.Interest{Kind: event.InterestRequest, StartupID: "S00001", CompanyID: "C000", By: event.KindCompany, Note: "ぜひお話を"}
	if err := db.AddInterest(ctx, "scout", req); err != nil {
		t.Fatal(err)
	}
	if req.ID == 0 || req.CreatedAt.IsZero() {
		t.Fatalf("ID/CreatedAt not set: %+v", req)
	}
	again := *req
	again.ID, again.Note = 0, "updated note"
	if err := db.AddInterest(ctx, "scout", &again); err != nil || again.ID != req.ID || !again.CreatedAt.Equal(req.CreatedAt) {
		t.Fatalf("same statement again: %v %+v", err, again)
	}
	for _, bad := range []*event.Interest{
		{Kind: event.InterestApply, StartupID: "S00001", ThemeID: "T404", By: event.KindStartup},
		{Kind: event.InterestApply, StartupID: "S00001", CompanyID: "C001", ThemeID: "T000", By: event.KindStartup},
		{Kind: event.InterestRequest, StartupID: "S404", CompanyID: "C000", By: event.KindCompany},
		{Kind: "love", StartupID: "S00001", CompanyID: "C000", By: event.KindCompany},
	} {
		if err := db.AddInterest(ctx, "x", bad); event.ErrorCode(err) != event.EInvalid {
			t.Errorf("AddInterest(%+v) = %v, want invalid", bad, err)
		}
	}
	// The startup's own statements are replaced; the scout's request stays.
	set := []event.Interest{
		{Kind: event.InterestApply, ThemeID: "T000"},
		{Kind: event.InterestApply, ThemeID: "T001", Note: "御社のテーマに応募します"},
	}
	if err := db.SetStartupInterests(ctx, "portal", "S00001", set); err != nil {
		t.Fatal(err)
	}
	if set[0].ID == 0 || set[1].CompanyID != "C001" || set[1].By != event.KindStartup {
		t.Errorf("not written back: %+v", set)
	}
	resubmit := []event.Interest{{Kind: event.InterestApply, ThemeID: "T000"}}
	if err := db.SetStartupInterests(ctx, "portal", "S00001", resubmit); err != nil {
		t.Fatal(err)
	}
	if !resubmit[0].CreatedAt.Equal(set[0].CreatedAt) {
		t.Errorf("resubmitted application lost its time: %v, first %v", resubmit[0].CreatedAt, set[0].CreatedAt)
	}
	set2 := []event.Interest{{Kind: event.InterestNoThanks, ThemeID: "T002"}}
	if err := db.SetStartupInterests(ctx, "portal", "S00001", set2); err != nil {
		t.Fatal(err)
	}
	got, err := db.Interests(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []event.Interest{again, set2[0]}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("interests\n got %+v\nwant %+v", got, want)
	}
	if err := db.SetStartupInterests(ctx, "portal", "S00001", []event.Interest{{Kind: event.InterestMustMeet, ThemeID: "T000"}}); event.ErrorCode(err) != event.EInvalid {
		t.Errorf("must_meet via portal: %v", err)
	}
	if err := db.SetStartupInterests(ctx, "portal", "S00001", []event.Interest{{Kind: event.InterestApply, StartupID: "S00002", ThemeID: "T000"}}); event.ErrorCode(err) != event.EInvalid {
		t.Errorf("another startup's statement: %v", err)
	}
	if err := db.SetStartupInterests(ctx, "portal", "S404", nil); event.ErrorCode(err) != event.ENotFound {
		t.Errorf("unknown startup: %v", err)
	}
	if err := db.DeleteInterest(ctx, "scout", req.ID); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteInterest(ctx, "scout", req.ID); event.ErrorCode(err) != event.ENotFound {
		t.Errorf("delete twice: %v", err)
	}
	if c, _ := db.Counts(ctx); c.Interests != 1 {
		t.Errorf("counts %+v", c)
	}
}

func TestMeetings(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	seed(t, db, 6, 3)
	m := &event.Meeting{StartupID: "S00000", CompanyID: "C000", ThemeID: "T000", Slot: 0, Table: 0, Status: event.StatusProposed, Score: 0.75}
	if err := db.SaveMeeting(ctx, "organizer", m); err != nil {
		t.Fatal(err)
	}
	if m.ID == 0 || !strings.HasSuffix(m.UID, "@pitchmatch") || len(m.UID) != 32+len("@pitchmatch") || m.Version != 1 {
		t.Fatalf("inserted meeting %+v", m)
	}
	uid := m.UID
	// An outcome change keeps the sequence; moving the slot bumps it.
	m.Outcome = event.OutcomeFollowUp
	if err := db.SaveMeeting(ctx, "organizer", m); err != nil || m.Sequence != 0 || m.Version != 2 {
		t.Fatalf("outcome change: %v %+v", err, m)
	}
	m.Slot = 5
	if err := db.SaveMeeting(ctx, "organizer", m); err != nil || m.Sequence != 1 || m.UID != uid {
		t.Fatalf("slot change: %v %+v", err, m)
	}
	m.Status = event.StatusConfirmed
	m.Locked = true
	if err := db.SaveMeeting(ctx, "organizer", m); err != nil || m.Sequence != 2 {
		t.Fatalf("status change: %v %+v", err, m)
	}
	stale := *m
	stale.Version = 1
	var ce *event.ConflictError
	if err := db.SaveMeeting(ctx, "x", &stale); !errors.As(err, &ce) {
		t.Errorf("stale meeting: %v", err)
	} else if cur := ce.Current.(*event.Meeting); !reflect.DeepEqual(*cur, *m) {
		t.Errorf("conflict Current %+v, want %+v", cur, m)
	}
	// Clashes are refused: same slot and table, the same startup twice in
	// a slot, the same pair twice; and a slot beyond the event's 32.
	for _, bad := range []event.Meeting{
		{StartupID: "S00001", CompanyID: "C001", Slot: 5, Table: 0, Status: event.StatusProposed},
		{StartupID: "S00000", CompanyID: "C001", Slot: 5, Table: 1, Status: event.StatusProposed},
		{StartupID: "S00000", CompanyID: "C000", Slot: 6, Table: 0, Status: event.StatusProposed},
		{StartupID: "S00001", CompanyID: "C001", Slot: 32, Table: 0, Status: event.StatusProposed},
	} {
		if err := db.SaveMeeting(ctx, "x", &bad); event.ErrorCode(err) != event.EInvalid {
			t.Errorf("SaveMeeting(%+v) = %v, want invalid", bad, err)
		}
	}

	// Three proposed meetings, then a new schedule keeps one (moved),
	// drops one and adds one.
	sched := []event.Meeting{
		{StartupID: "S00001", CompanyID: "C001", Slot: 1, Table: 0, Status: event.StatusProposed},
		{StartupID: "S00002", CompanyID: "C001", Slot: 2, Table: 0, Status: event.StatusProposed},
		{StartupID: "S00003", CompanyID: "C002", Slot: 1, Table: 1, Status: event.StatusProposed},
	}
	if err := db.ReplaceMeetings(ctx, "scheduler", sched); err != nil {
		t.Fatal(err)
	}
	for _, s := range sched {
		if s.ID == 0 || s.UID == "" || s.Version != 1 {
			t.Fatalf("not written back: %+v", s)
		}
	}
	// The locked meeting m is absent from both schedules and must survive.
	kept := sched[0]
	kept.Slot, kept.Table = 2, 0 // takes the place of the dropped meeting
	added := event.Meeting{StartupID: "S00004", CompanyID: "C002", Slot: 3, Table: 0, Status: event.StatusProposed}
	next := []event.Meeting{kept, added, sched[2]}
	if err := db.ReplaceMeetings(ctx, "scheduler", next); err != nil {
		t.Fatal(err)
	}
	all, err := db.Meetings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	byUID := map[string]event.Meeting{}
	for _, x := range all {
		byUID[x.UID] = x
	}
	if len(all) != 5 {
		t.Fatalf("%d meetings stored, want 5: %+v", len(all), all)
	}
	checks := []struct {
		name   string
		uid    string
		status event.MeetingStatus
		seq    int
	}{
		{"locked, absent", uid, event.StatusConfirmed, 2},
		{"moved", sched[0].UID, event.StatusProposed, 1},
		{"dropped", sched[1].UID, event.StatusCancelled, 1},
		{"unchanged", sched[2].UID, event.StatusProposed, 0},
		{"added", next[1].UID, event.StatusProposed, 0},
	}
	for _, c := range checks {
		got, ok := byUID[c.uid]
		if !ok || got.Status != c.status || got.Sequence != c.seq {
			t.Errorf("%s: %+v, want status %s sequence %d", c.name, got, c.status, c.seq)
		}
	}
	if cnt, _ := db.Counts(ctx); cnt.Meetings != 4 {
		t.Errorf("active meetings %d, want 4", cnt.Meetings)
	}
	// A stale version inside a schedule rolls the whole replace back.
	next[0].Version = 1
	next[1].Slot = 9
	if err := db.ReplaceMeetings(ctx, "scheduler", next); event.ErrorCode(err) != event.EConflict {
		t.Errorf("stale replace: %v", err)
	}
	if again, _ := db.Meetings(ctx); !reflect.DeepEqual(again, all) {
		t.Error("refused replace changed meetings")
	}
	// Deleting the company removes its themes and their meetings; deleting
	// a theme keeps meetings but clears the theme.
	if err := db.DeleteTheme(ctx, "organizer", "T000"); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Meetings(ctx); got[0].ThemeID != "" || got[0].ID != m.ID {
		t.Errorf("meeting after theme delete %+v", got[0])
	}
	if err := db.DeleteCompany(ctx, "organizer", "C002"); err != nil {
		t.Fatal(err)
	}
	cnt, _ := db.Counts(ctx)
	if cnt.Companies != 2 || cnt.Themes != 1 || cnt.Meetings != 2 {
		t.Errorf("counts after deletes %+v", cnt)
	}
	if err := db.DeleteStartup(ctx, "organizer", "S00001"); err != nil {
		t.Fatal(err)
	}
	if cnt, _ := db.Counts(ctx); cnt.Meetings != 1 || cnt.Startups != 5 {
		t.Errorf("counts after startup delete %+v", cnt)
	}
	if err := db.IntegrityCheck(ctx); err != nil {
		t.Error(err)
	}
}

func TestTokensVectorsSettings(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	seed(t, db, 2, 1)
	base := now()
	tok := event.Token{Hash: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", StartupID: "S00000",
		CreatedAt: base, ExpiresAt: base.AddDate(0, 1, 0)}
	if err := db.CreateToken(ctx, tok); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateToken(ctx, tok); event.ErrorCode(err) != event.EExists {
		t.Errorf("duplicate token: %v", err)
	}
	if err := db.CreateToken(ctx, event.Token{Hash: "x", StartupID: "S404"}); event.ErrorCode(err) != event.ENotFound {
		t.Errorf("token of unknown startup: %v", err)
	}
	got, err := db.TokenByHash(ctx, tok.Hash)
	if err != nil || !reflect.DeepEqual(*got, tok) {
		t.Fatalf("TokenByHash: %v %+v, want %+v", err, got, tok)
	}
	if _, err := db.TokenByHash(ctx, "nope"); event.ErrorCode(err) != event.ENotFound {
		t.Errorf("unknown hash: %v", err)
	}
	tok2 := event.Token{Hash: "second", StartupID: "S00000", CreatedAt: base.Add(1)}
	if err := db.CreateToken(ctx, tok2); err != nil {
		t.Fatal(err)
	}
	if err := db.RevokeToken(ctx, tok.Hash); err != nil {
		t.Fatal(err)
	}
	if err := db.RevokeToken(ctx, "nope"); event.ErrorCode(err) != event.ENotFound {
		t.Errorf("revoke unknown: %v", err)
	}
	ts, err := db.Tokens(ctx, "S00000")
	if err != nil || len(ts) != 2 || !ts[0].Revoked || ts[1].Revoked || ts[1].Hash != "second" {
		t.Fatalf("tokens %v %+v", err, ts)
	}
	if err := db.RevokeStartupTokens(ctx, "S00000"); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.TokenByHash(ctx, "second"); !got.Revoked {
		t.Error("RevokeStartupTokens left a token active")
	}

	vecs := map[string][]float32{
		"a1b2": {0.1, -0.25, 3.5e-8, 1},
		"c3d4": {float32(1) / 3, -1e30},
	}
	if err := db.SaveVectors(ctx, "text-embedding-3-small", vecs); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveVectors(ctx, "other-model", map[string][]float32{"a1b2": {9}}); err != nil {
		t.Fatal(err)
	}
	loaded, err := db.LoadVectors(ctx, "text-embedding-3-small", []string{"a1b2", "c3d4", "missing"})
	if err != nil || !reflect.DeepEqual(loaded, vecs) {
		t.Fatalf("LoadVectors: %v %v", err, loaded)
	}
	var size int
	if err := db.sql.QueryRowContext(ctx, "SELECT length(vec) FROM embeddings WHERE key = 'a1b2' AND model = 'text-embedding-3-small'").Scan(&size); err != nil || size != 16 {
		t.Errorf("blob of 4 floats is %d bytes (%v), want 16", size, err)
	}
	if err := db.SaveVectors(ctx, "m", map[string][]float32{"k": nil}); event.ErrorCode(err) != event.EInvalid {
		t.Errorf("empty vector: %v", err)
	}
	many := map[string][]float32{}
	keys := []string{}
	for i := 0; i < 1200; i++ { // more than one query chunk
		k := strings.Repeat("f", i%7) + string(rune('a'+i%26)) + strings.Repeat("0", i/26)
		many[k] = []float32{float32(i)}
		keys = append(keys, k)
	}
	if err := db.SaveVectors(ctx, "m", many); err != nil {
		t.Fatal(err)
	}
	if got, err := db.LoadVectors(ctx, "m", keys); err != nil || !reflect.DeepEqual(got, many) {
		t.Errorf("1200 vectors: %v, got %d", err, len(got))
	}

	if _, ok, err := db.Setting(ctx, "ranking.top_n"); ok || err != nil {
		t.Errorf("unset setting: %v %v", ok, err)
	}
	if err := db.SetSetting(ctx, "organizer", "ranking.top_n", "20"); err != nil {
		t.Fatal(err)
	}
	if err := db.SetSetting(ctx, "organizer", "ranking.top_n", "30"); err != nil {
		t.Fatal(err)
	}
	if v, ok, err := db.Setting(ctx, "ranking.top_n"); v != "30" || !ok || err != nil {
		t.Errorf("setting = %q %v %v", v, ok, err)
	}
	a, _ := db.Audit(ctx, 1)
	if len(a) != 1 || a[0].Action != "setting.set" || a[0].EntityID != "ranking.top_n" || a[0].Actor != "organizer" {
		t.Errorf("audit %+v", a)
	}
	// Deleting the startup removes its tokens.
	if err := db.DeleteStartup(ctx, "organizer", "S00000"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.TokenByHash(ctx, "second"); event.ErrorCode(err) != event.ENotFound {
		t.Errorf("token outlived its startup: %v", err)
	}
}
