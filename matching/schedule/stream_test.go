package schedule

import (
	"math/rand"
	"reflect"
	"sort"
	"sync"
	"testing"
)

// TestPrunerMatchesPrune: fed startup by startup from 1–4 goroutines in a
// random order, the streaming Pruner keeps exactly Prune's candidates
// (same multiset; per startup in the same order), on random events with
// exclusions, locked and previous meetings, must-meets and requests.
func TestPrunerMatchesPrune(t *testing.T) {
	for seed := int64(0); seed < 60; seed++ {
		rng := rand.New(rand.NewSource(seed))
		checkPrunerMatches(t, rng, seed, pruneSpec(rng))
	}
}

// TestPrunerCutsMatchPrune: the same on events with many startups per
// company, where each worker's per-company buffers are cut back to the
// company's best many times (the cut, its bound and the freed stores).
func TestPrunerCutsMatchPrune(t *testing.T) {
	cuts := 0
	for seed := int64(100); seed < 112; seed++ {
		rng := rand.New(rand.NewSource(seed))
		sp := pruneSpec(rng)
		sp.startups, sp.companies = 400+rng.Intn(500), 4+rng.Intn(10)
		sp.pairs = sp.startups * sp.companies * (6 + rng.Intn(4)) / 10
		pr := checkPrunerMatches(t, rng, seed, sp)
		for _, w := range pr.workers {
			for _, ct := range w.tops {
				if ct.cut {
					cuts++
				}
			}
		}
	}
	if cuts == 0 {
		t.Fatal("no company's buffer was ever cut: the test does not test the cut")
	}
	t.Logf("%d buffers cut", cuts)
}

// checkPrunerMatches feeds a random event of spec sp to a Pruner startup
// by startup from 1–4 goroutines in a random order and checks its kept
// candidates against Prune's.
func checkPrunerMatches(t *testing.T, rng *rand.Rand, seed int64, sp spec) *Pruner {
	t.Helper()
	in := generate(sp, seed)
	for i := 0; i < 5; i++ {
		cd := &in.Candidates[rng.Intn(len(in.Candidates))]
		cd.Weight = 0
		in.Previous = append(in.Previous, Placement{StartupID: cd.StartupID, CompanyID: cd.CompanyID, Slot: -1})
	}
	// Ties: some weights rounded hard, so rank ties decide.
	for i := range in.Candidates {
		if rng.Intn(3) == 0 {
			in.Candidates[i].Weight = float64(int(in.Candidates[i].Weight*4)) / 4
		}
	}
	want := Prune(&in)
	batches := map[string][]Candidate{}
	var ids []string
	for _, cd := range in.Candidates {
		if batches[cd.StartupID] == nil {
			ids = append(ids, cd.StartupID)
		}
		batches[cd.StartupID] = append(batches[cd.StartupID], cd)
	}
	rng.Shuffle(len(ids), func(a, b int) { ids[a], ids[b] = ids[b], ids[a] })
	bare := in
	bare.Candidates = nil
	pr := NewPruner(&bare, false)
	nw := 1 + rng.Intn(4)
	// Half the events by index (AddScored with Resolve: Ref is the
	// candidate's place in its batch), half by Add.
	byIndex := rng.Intn(2) == 0
	var wg sync.WaitGroup
	for w := 0; w < nw; w++ {
		wk := pr.Worker()
		if byIndex {
			wk.Resolve = func(s int32, p *ScoredPair) Candidate { return batches[in.Startups[s].ID][p.Ref] }
		}
		wg.Go(func() {
			var sp []ScoredPair
			for i := w; i < len(ids); i += nw {
				batch := batches[ids[i]]
				if !byIndex {
					wk.Add(batch)
					continue
				}
				sp = sp[:0]
				for j, cd := range batch {
					sp = append(sp, ScoredPair{Company: pr.CompanyIndex(cd.CompanyID), Ref: int32(j), Weight: cd.Weight,
						MustMeet: cd.MustMeet, Requested: cd.Requested})
				}
				wk.AddScored(pr.StartupIndex(ids[i]), sp, func(j int) Candidate { return batch[j] })
			}
		})
	}
	wg.Wait()
	got, scored := pr.Candidates()
	if scored != len(in.Candidates) {
		t.Fatalf("seed %d: scored %d, want %d", seed, scored, len(in.Candidates))
	}
	if !reflect.DeepEqual(byStartupOrder(&in, got), byStartupOrder(&in, want)) {
		t.Fatalf("seed %d: streaming kept %d candidates, Prune %d", seed, len(got), len(want))
	}
	if len(want) == len(in.Candidates) {
		t.Logf("seed %d: nothing pruned", seed)
	}
	return pr
}

// byStartupOrder groups candidates by startup in Input order, keeping
// each startup's order.
func byStartupOrder(in *Input, cs []Candidate) []Candidate {
	rank := map[string]int{}
	for i, s := range in.Startups {
		rank[s.ID] = i
	}
	out := append([]Candidate(nil), cs...)
	sort.SliceStable(out, func(a, b int) bool { return rank[out[a].StartupID] < rank[out[b].StartupID] })
	return out
}
