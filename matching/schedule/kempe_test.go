package schedule

import (
	"context"
	"fmt"
	"math/rand"
	"testing"
)

// konigInstance is a random dense bipartite meeting set in which every
// startup has at most K pairs and every company at most K × its parallel
// tables, with no caps, no availability limits and enough tables: by
// König's theorem (companies with several tables split into that many
// copies) it fits K slots, so the whole set must be placed.
func konigInstance(rng *rand.Rand) (Input, int) {
	K := 2 + rng.Intn(5)
	nS, nC := 3+rng.Intn(18), 2+rng.Intn(10)
	in := Input{NumSlots: K, TablesPerSlot: nS, Bonuses: &Bonuses{}}
	par := make([]int, nC)
	for c := range par {
		par[c] = 1
		if rng.Intn(4) == 0 {
			par[c] = 2 + rng.Intn(2)
		}
		in.Companies = append(in.Companies, Participant{ID: fmt.Sprintf("C%02d", c), Tables: par[c]})
	}
	for s := 0; s < nS; s++ {
		in.Startups = append(in.Startups, Participant{ID: fmt.Sprintf("S%02d", s)})
	}
	sDeg, cDeg := make([]int, nS), make([]int, nC)
	// Dense: try every pair in random order, keep it while both sides have
	// room, so most participants reach the maximum degree.
	for _, k := range rng.Perm(nS * nC) {
		s, c := k/nC, k%nC
		if sDeg[s] < K && cDeg[c] < K*par[c] {
			sDeg[s]++
			cDeg[c]++
			in.Candidates = append(in.Candidates, Candidate{StartupID: in.Startups[s].ID, CompanyID: in.Companies[c].ID,
				Weight: 0.2 + 0.8*rng.Float64()})
		}
	}
	in.TablesPerSlot = max(1, len(in.Candidates)) // tables never bind
	return in, K
}

// TestKonigAlwaysFits: with tables and availability unrestricted, every
// bipartite meeting set of maximum degree K is placed in K slots, on many
// random dense instances — by the slotting's Kempe exchanges alone (no
// large-neighbourhood search), and by the full search.
func TestKonigAlwaysFits(t *testing.T) {
	n := 1500
	if testing.Short() {
		n = 300
	}
	rng := rand.New(rand.NewSource(11))
	for i := 0; i < n; i++ {
		in, K := konigInstance(rng)
		for _, lns := range []int{-1, 0} {
			res, err := Solve(context.Background(), in, Options{Seed: int64(i), LNSIterations: lns})
			if err != nil {
				t.Fatal(err)
			}
			if err := check(&in, res); err != nil {
				t.Fatalf("instance %d: %v", i, err)
			}
			if len(res.Meetings) != len(in.Candidates) {
				t.Fatalf("instance %d (K=%d, %d startups, %d companies, lns %d): placed %d of %d meetings; unplaced %+v",
					i, K, len(in.Startups), len(in.Companies), lns, len(res.Meetings), len(in.Candidates), res.Unplaced)
			}
		}
	}
}

// TestKonigTightTables: the same instances with only ⌈meetings / K⌉
// tables per slot, the fewest that can hold them (a bipartite graph has an
// equitable K-edge-colouring, so they still fit): the search must place
// every meeting.
func TestKonigTightTables(t *testing.T) {
	n := 600
	if testing.Short() {
		n = 150
	}
	rng := rand.New(rand.NewSource(12))
	short := 0
	for i := 0; i < n; i++ {
		in, K := konigInstance(rng)
		in.TablesPerSlot = (len(in.Candidates) + K - 1) / K
		res, err := Solve(context.Background(), in, Options{Seed: int64(i)})
		if err != nil {
			t.Fatal(err)
		}
		if err := check(&in, res); err != nil {
			t.Fatalf("instance %d: %v", i, err)
		}
		if len(res.Meetings) != len(in.Candidates) {
			short++
			t.Errorf("instance %d (K=%d, %d tables): placed %d of %d", i, K, in.TablesPerSlot, len(res.Meetings), len(in.Candidates))
		}
	}
	t.Logf("%d of %d instances short", short, n)
}
