package schedule

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"reflect"
	"sort"
	"testing"

	"pitchmatch/event"
)

// buildRecords is a small event: 2 days × 3 slots, 4 tables, caps 5 and
// 8 by default, floor 2.
func buildRecords() Records {
	return Records{
		Event: &event.Event{Tables: 4, Days: []event.Day{{Slots: 3}, {Slots: 3}}, StartupCap: 5, CompanyCap: 8, FairnessFloor: 2},
		Startups: []*event.Startup{
			{ID: "S1", MaxMeetings: 3},
			{ID: "S2"},
			{ID: "S3", MaxMeetings: -1},
		},
		Companies: []*event.Company{
			{ID: "C1", MaxMeetings: 2, Tables: 3},
			{ID: "C2"},
		},
		Availability: []event.Availability{
			{Kind: event.KindStartup, ID: "S2", Unavailable: []int{0, 4}},
			{Kind: event.KindCompany, ID: "C2", Unavailable: []int{5}},
			{Kind: event.KindCompany, ID: "S1", Unavailable: []int{1}}, // a company record of that ID: not S1's
		},
	}
}

func TestBuildInputParticipants(t *testing.T) {
	in := BuildInput(buildRecords(), nil, BuildOptions{})
	if in.NumSlots != 6 || in.TablesPerSlot != 4 || in.FairnessFloor != 2 {
		t.Fatalf("slots %d tables %d floor %d, want 6, 4, 2", in.NumSlots, in.TablesPerSlot, in.FairnessFloor)
	}
	wantS := []Participant{{ID: "S1", Cap: 3}, {ID: "S2", Cap: 5, Unavailable: []int{0, 4}}, {ID: "S3", Cap: 5}}
	wantC := []Participant{{ID: "C1", Cap: 2, Tables: 3}, {ID: "C2", Cap: 8, Tables: 1, Unavailable: []int{5}}}
	if !reflect.DeepEqual(in.Startups, wantS) {
		t.Errorf("startups %+v\nwant %+v", in.Startups, wantS)
	}
	if !reflect.DeepEqual(in.Companies, wantC) {
		t.Errorf("companies %+v\nwant %+v", in.Companies, wantC)
	}
}

func TestBuildInputMeetingsAndExclusions(t *testing.T) {
	pk := func(s, c string) event.PairKey { return event.PairKey{StartupID: s, CompanyID: c} }
	m := func(s, c string, st event.MeetingStatus, locked bool, slot int) event.Meeting {
		return event.Meeting{StartupID: s, CompanyID: c, ThemeID: "T" + c, Status: st, Locked: locked, Slot: slot, Table: slot % 4, Score: 0.5}
	}
	type want struct {
		locked, previous, excluded []event.PairKey
	}
	cases := []struct {
		name      string
		opt       BuildOptions
		meetings  []event.Meeting
		interests []event.Interest
		want      want
	}{
		{name: "nothing stored"},
		{
			name:     "proposed is previous, locked is locked",
			meetings: []event.Meeting{m("S1", "C1", event.StatusProposed, false, 0), m("S2", "C1", event.StatusProposed, true, 1)},
			want:     want{locked: []event.PairKey{pk("S2", "C1")}, previous: []event.PairKey{pk("S1", "C1")}},
		},
		{
			name:     "held is locked, confirmed is previous",
			meetings: []event.Meeting{m("S1", "C1", event.StatusHeld, false, 0), m("S2", "C2", event.StatusConfirmed, false, 1)},
			want:     want{locked: []event.PairKey{pk("S1", "C1")}, previous: []event.PairKey{pk("S2", "C2")}},
		},
		{
			name:     "confirmed locked with LockConfirmed",
			opt:      BuildOptions{LockConfirmed: true},
			meetings: []event.Meeting{m("S1", "C1", event.StatusProposed, false, 0), m("S2", "C2", event.StatusConfirmed, false, 1)},
			want:     want{locked: []event.PairKey{pk("S2", "C2")}, previous: []event.PairKey{pk("S1", "C1")}},
		},
		{
			name:     "organizer cancellation excluded, plain cancellation ignored",
			meetings: []event.Meeting{m("S1", "C1", event.StatusCancelled, true, 0), m("S2", "C2", event.StatusCancelled, false, 1)},
			want:     want{excluded: []event.PairKey{pk("S1", "C1")}},
		},
		{
			name: "no thanks and conflicts excluded once, other interests not",
			interests: []event.Interest{
				{Kind: event.InterestNoThanks, StartupID: "S1", CompanyID: "C2"},
				{Kind: event.InterestConflict, StartupID: "S3", CompanyID: "C1"},
				{Kind: event.InterestNoThanks, StartupID: "S1", CompanyID: "C2", By: event.KindCompany},
				{Kind: event.InterestMustMeet, StartupID: "S2", CompanyID: "C1"},
				{Kind: event.InterestApply, StartupID: "S2", CompanyID: "C2"},
			},
			meetings: []event.Meeting{m("S3", "C1", event.StatusCancelled, true, 2)},
			want:     want{excluded: []event.PairKey{pk("S1", "C2"), pk("S3", "C1")}},
		},
	}
	pairs := func(ps []Placement, locked bool) []event.PairKey {
		var out []event.PairKey
		for _, p := range ps {
			if p.Locked != locked {
				t.Errorf("placement %s–%s Locked %v, want %v", p.StartupID, p.CompanyID, p.Locked, locked)
			}
			out = append(out, pk(p.StartupID, p.CompanyID))
		}
		return out
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := buildRecords()
			r.Meetings, r.Interests = tc.meetings, tc.interests
			in := BuildInput(r, nil, tc.opt)
			got := want{locked: pairs(in.Locked, true), previous: pairs(in.Previous, false), excluded: in.Excluded}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %+v\nwant %+v", got, tc.want)
			}
			for _, p := range append(append([]Placement(nil), in.Locked...), in.Previous...) {
				if p.ThemeID != "T"+p.CompanyID || p.Weight != 0.5 || p.Table != p.Slot%4 {
					t.Fatalf("placement %+v lost the meeting's theme, score or table", p)
				}
			}
		})
	}
}

// pruneSpec draws a medium instance dense enough for pruning to bite:
// startups see more than 20 companies and companies more than 50 startups.
func pruneSpec(rng *rand.Rand) spec {
	nS, nC := 80+rng.Intn(100), 30+rng.Intn(40)
	return spec{startups: nS, companies: nC, slots: 3 + rng.Intn(8), tables: 5 + rng.Intn(30),
		pairs: nS * nC * (5 + rng.Intn(5)) / 10, unavail: 0.3 * rng.Float64(), startupCap: 1 + rng.Intn(5), companyCap: 2 + rng.Intn(12),
		maxParallel: 1 + rng.Intn(3), themesPerCompany: 1 + rng.Intn(2), must: 0.02 * rng.Float64(), requested: 0.05 * rng.Float64(),
		floor: rng.Intn(3), locked: rng.Intn(10), excluded: rng.Intn(20)}
}

// prunedWant is Prune's definition computed the slow way: every pair's
// best weight, sorted per startup and per company.
func prunedWant(in *Input) map[event.PairKey]bool {
	type pw struct {
		k event.PairKey
		w float64
	}
	excluded := map[event.PairKey]bool{}
	for _, k := range in.Excluded {
		excluded[k] = true
	}
	best := map[event.PairKey]float64{}
	keep := map[event.PairKey]bool{}
	for _, cd := range in.Candidates {
		k := event.PairKey{StartupID: cd.StartupID, CompanyID: cd.CompanyID}
		if excluded[k] {
			continue
		}
		if w, ok := best[k]; !ok || cd.Weight > w {
			best[k] = cd.Weight
		}
		if cd.MustMeet || cd.Requested {
			keep[k] = true
		}
	}
	for _, p := range append(append([]Placement(nil), in.Locked...), in.Previous...) {
		k := event.PairKey{StartupID: p.StartupID, CompanyID: p.CompanyID}
		if _, ok := best[k]; ok {
			keep[k] = true
		}
	}
	byS, byC := map[string][]pw{}, map[string][]pw{}
	for k, w := range best {
		byS[k.StartupID] = append(byS[k.StartupID], pw{k, w})
		byC[k.CompanyID] = append(byC[k.CompanyID], pw{k, w})
	}
	top := func(ps []pw, n int, id func(event.PairKey) string) {
		sort.Slice(ps, func(a, b int) bool {
			if ps[a].w != ps[b].w {
				return ps[a].w > ps[b].w
			}
			return id(ps[a].k) < id(ps[b].k)
		})
		for i := 0; i < n && i < len(ps); i++ {
			keep[ps[i].k] = true
		}
	}
	for _, p := range in.Startups {
		free := in.NumSlots - len(p.Unavailable)
		c := free
		if p.Cap > 0 {
			c = min(p.Cap, free)
		}
		top(byS[p.ID], max(4*c, 20), func(k event.PairKey) string { return k.CompanyID })
	}
	for _, p := range in.Companies {
		free := (in.NumSlots - len(p.Unavailable)) * min(max(p.Tables, 1), in.TablesPerSlot)
		c := free
		if p.Cap > 0 {
			c = min(p.Cap, free)
		}
		top(byC[p.ID], max(4*c, 50), func(k event.PairKey) string { return k.StartupID })
	}
	return keep
}

// TestPruneMatchesDefinition compares Prune with prunedWant and checks
// that every candidate of a kept pair is kept, in order, and every forced
// pair (must-meet, requested, locked, previous) is among them.
func TestPruneMatchesDefinition(t *testing.T) {
	pruned := 0
	for seed := int64(0); seed < 60; seed++ {
		rng := rand.New(rand.NewSource(seed))
		in := generate(pruneSpec(rng), seed)
		// Previous meetings: some random candidate pairs, with low weight
		// so that only the rule keeps them.
		for i := 0; i < 5; i++ {
			cd := &in.Candidates[rng.Intn(len(in.Candidates))]
			cd.Weight = 0
			in.Previous = append(in.Previous, Placement{StartupID: cd.StartupID, CompanyID: cd.CompanyID, Slot: -1})
		}
		want := prunedWant(&in)
		got := Prune(&in)
		var wantC []Candidate
		for _, cd := range in.Candidates {
			if want[event.PairKey{StartupID: cd.StartupID, CompanyID: cd.CompanyID}] {
				wantC = append(wantC, cd)
			}
		}
		if !reflect.DeepEqual(got, wantC) {
			t.Fatalf("seed %d: Prune kept %d candidates, the definition %d", seed, len(got), len(wantC))
		}
		if len(got) < len(in.Candidates) {
			pruned++
		}
		kept := map[event.PairKey]bool{}
		for _, cd := range got {
			kept[event.PairKey{StartupID: cd.StartupID, CompanyID: cd.CompanyID}] = true
		}
		excluded := map[event.PairKey]bool{}
		for _, k := range in.Excluded {
			excluded[k] = true
		}
		for _, cd := range in.Candidates {
			k := event.PairKey{StartupID: cd.StartupID, CompanyID: cd.CompanyID}
			if (cd.MustMeet || cd.Requested) && !excluded[k] && !kept[k] {
				t.Fatalf("seed %d: forced pair %v dropped", seed, k)
			}
			if excluded[k] && kept[k] {
				t.Fatalf("seed %d: excluded pair %v kept", seed, k)
			}
		}
		for _, p := range append(append([]Placement(nil), in.Locked...), in.Previous...) {
			k := event.PairKey{StartupID: p.StartupID, CompanyID: p.CompanyID}
			if !excluded[k] && !kept[k] {
				t.Fatalf("seed %d: locked or previous pair %v dropped", seed, k)
			}
		}
	}
	if pruned < 50 {
		t.Fatalf("pruning dropped candidates in only %d of 60 instances; the test does not exercise it", pruned)
	}
}

// TestPruneKeepsUnknownAndCounts: candidates naming an unknown
// participant reach Solve (which rejects them), and BuildInput records
// how many were scored.
func TestPruneKeepsUnknownAndCounts(t *testing.T) {
	r := buildRecords()
	cands := []Candidate{{StartupID: "S1", CompanyID: "C1", Weight: 0.5}, {StartupID: "S9", CompanyID: "C1", Weight: 0.9}}
	in := BuildInput(r, cands, BuildOptions{})
	if len(in.Candidates) != 2 || in.CandidatesScored != 2 {
		t.Fatalf("kept %d of %d, want 2 of 2", len(in.Candidates), in.CandidatesScored)
	}
	if _, err := Solve(context.Background(), in, Options{}); err == nil {
		t.Fatal("Solve accepted a candidate of an unknown startup")
	}
}

// TestPruneObjective solves random medium instances with and without
// pruning: the pruned timetable must pass every invariant for the full
// input too, and its objective must be within 1% of the unpruned one.
func TestPruneObjective(t *testing.T) {
	if testing.Short() {
		t.Skip("solves 400 medium instances")
	}
	ctx := context.Background()
	n := int64(200)
	if os.Getenv("PRUNE_N") != "" {
		n = 20
	}
	worst, worstSeed := 2.0, int64(-1)
	scored, kept, relaxDiff := 0, 0, 0
	for seed := int64(0); seed < n; seed++ {
		rng := rand.New(rand.NewSource(1000 + seed))
		full := generate(pruneSpec(rng), 1000+seed)
		pr := full
		pr.Candidates = Prune(&full)
		pr.CandidatesScored = len(full.Candidates)
		scored += len(full.Candidates)
		kept += len(pr.Candidates)
		opt := Options{Seed: seed, LNSIterations: 300}
		rf, err := Solve(ctx, full, opt)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		rp, err := Solve(ctx, pr, opt)
		if err != nil {
			t.Fatalf("seed %d pruned: %v", seed, err)
		}
		if err := check(&pr, rp); err != nil {
			t.Fatalf("seed %d pruned: %v", seed, err)
		}
		if err := check(&full, rf); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		if rp.Stats.CandidatesScored != len(full.Candidates) || rp.Stats.CandidatesKept != len(pr.Candidates) {
			t.Fatalf("seed %d: stats say %d kept of %d, want %d of %d", seed, rp.Stats.CandidatesKept, rp.Stats.CandidatesScored, len(pr.Candidates), len(full.Candidates))
		}
		if relaxedUnits(&pr, rp) != relaxedUnits(&full, rf) {
			relaxDiff++
		}
		if rf.Objective > 0 {
			if r := rp.Objective / rf.Objective; r < worst {
				worst, worstSeed = r, seed
			}
		}
	}
	t.Logf("%d instances: kept %d of %d candidates (%.1f%%); worst objective ratio pruned/unpruned %.5f (seed %d); relaxed lower bounds differ on %d",
		n, kept, scored, 100*float64(kept)/float64(scored), worst, worstSeed, relaxDiff)
	if worst < 0.99 {
		t.Fatalf("pruning cost %.2f%% of the objective on seed %d; want under 1%%", 100*(1-worst), worstSeed)
	}
	if kept*10 > scored*9 {
		t.Fatalf("pruning kept %d of %d candidates; the instances do not exercise it", kept, scored)
	}
}

func ExampleBuildInput() {
	r := Records{
		Event:     &event.Event{Tables: 2, Days: []event.Day{{Slots: 4}}, StartupCap: 3, CompanyCap: 6},
		Startups:  []*event.Startup{{ID: "S1"}, {ID: "S2"}},
		Companies: []*event.Company{{ID: "C1"}},
		Meetings: []event.Meeting{
			{StartupID: "S1", CompanyID: "C1", Status: event.StatusCancelled, Locked: true}, // the organizer's cancellation
		},
	}
	cands := []Candidate{{StartupID: "S1", CompanyID: "C1", Weight: 0.9}, {StartupID: "S2", CompanyID: "C1", Weight: 0.4}}
	in := BuildInput(r, cands, BuildOptions{})
	res, _ := Solve(context.Background(), in, Options{})
	fmt.Println(in.Excluded, len(res.Meetings), res.Meetings[0].StartupID)
	// Output: [{S1 C1}] 1 S2
}
