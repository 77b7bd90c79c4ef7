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
		in := generate(pruneSpec(rng), seed)
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
		var wg sync.WaitGroup
		for w := 0; w < nw; w++ {
			wk := pr.Worker()
			wg.Go(func() {
				for i := w; i < len(ids); i += nw {
					wk.Add(batches[ids[i]])
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
	}
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
