package main

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"pitchmatch/matching"
	"pitchmatch/matching/schedule"
	"pitchmatch/storage"
)

// TestScheduleStreamsCandidates: the CLI's streaming scorer-and-pruner
// gives the scheduler exactly the candidates that scoring every pair and
// then pruning gives (schedule.Prune over matching's PairScores), on a
// demo event large enough to prune.
func TestScheduleStreamsCandidates(t *testing.T) {
	if testing.Short() {
		t.Skip("scores a 400-startup demo twice")
	}
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "event.db")
	if code, _, errOut := cli(t, "demo", "--db", db, "--startups", "400", "--companies", "60", "--themes", "90"); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	st, err := storage.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	got, _, _, err := loadScheduleInput(ctx, st, 0.05, schedule.BuildOptions{}, nil, func(string, int, int) {})
	if err != nil {
		t.Fatal(err)
	}
	snap, err := st.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	model, err := matching.Prepare(ctx, matching.Input{Event: snap.Event, Startups: snap.Startups, Companies: snap.Companies,
		Themes: snap.Themes, Interests: snap.Interests})
	if err != nil {
		t.Fatal(err)
	}
	scores, err := model.PairScores(ctx, 0.05, nil)
	if err != nil {
		t.Fatal(err)
	}
	var cands []schedule.Candidate
	for _, p := range scores {
		cands = append(cands, schedule.Candidate{StartupID: p.StartupID, CompanyID: p.CompanyID, ThemeID: p.ThemeID,
			Weight: p.Score, MustMeet: p.MustMeet, Requested: p.Applied || p.Requested})
	}
	want := schedule.BuildInput(schedule.Records{Event: snap.Event, Startups: snap.Startups, Companies: snap.Companies,
		Interests: snap.Interests, Availability: snap.Availability, Meetings: snap.Meetings}, cands, schedule.BuildOptions{})
	if got.CandidatesScored != want.CandidatesScored || len(got.Candidates) >= got.CandidatesScored {
		t.Fatalf("scored %d kept %d; want scored %d kept %d (and some pruned)", got.CandidatesScored, len(got.Candidates), want.CandidatesScored, len(want.Candidates))
	}
	if !reflect.DeepEqual(got.Candidates, want.Candidates) {
		t.Fatalf("streaming kept %d candidates, score-then-prune %d", len(got.Candidates), len(want.Candidates))
	}
	t.Logf("scored %d pairs, kept %d", got.CandidatesScored, len(got.Candidates))
}
