package schedule

import (
	"fmt"
	"math/rand"
	"testing"

	"pitchmatch/event"
)

// spec describes a random instance for tests and benchmarks.
type spec struct {
	startups, companies, slots, tables int
	pairs                              int     // candidate pairs wanted
	unavail                            float64 // share of slots each participant misses
	startupCap, companyCap             int     // 0: no cap
	maxParallel                        int     // company tables drawn from 1..maxParallel
	themesPerCompany                   int     // candidates per pair drawn from 1..themes
	must, requested                    float64 // shares of pairs
	floor                              int
	locked                             int // meetings to lock
	excluded                           int // excluded pairs (taken from the candidates)
}

// generate builds a deterministic instance from spec and seed.
func generate(sp spec, seed int64) Input {
	rng := rand.New(rand.NewSource(seed))
	in := Input{NumSlots: sp.slots, TablesPerSlot: sp.tables, FairnessFloor: sp.floor}
	unav := func() []int {
		var u []int
		for t := 0; t < sp.slots; t++ {
			if rng.Float64() < sp.unavail {
				u = append(u, t)
			}
		}
		return u
	}
	for i := 0; i < sp.startups; i++ {
		c := sp.startupCap
		if c > 0 {
			c = 1 + rng.Intn(c)
		}
		in.Startups = append(in.Startups, Participant{ID: fmt.Sprintf("S%05d", i), Cap: c, Unavailable: unav()})
	}
	for i := 0; i < sp.companies; i++ {
		c := sp.companyCap
		if c > 0 {
			c = 1 + rng.Intn(c)
		}
		par := 1
		if sp.maxParallel > 1 {
			par = 1 + rng.Intn(sp.maxParallel)
		}
		in.Companies = append(in.Companies, Participant{ID: fmt.Sprintf("C%04d", i), Cap: c, Tables: par, Unavailable: unav()})
	}
	maxPairs := sp.startups * sp.companies
	n := min(sp.pairs, maxPairs)
	seen := make(map[[2]int]bool, n)
	themes := max(1, sp.themesPerCompany)
	for len(seen) < n {
		s, c := rng.Intn(sp.startups), rng.Intn(sp.companies)
		if seen[[2]int{s, c}] {
			continue
		}
		seen[[2]int{s, c}] = true
		must := rng.Float64() < sp.must
		req := must || rng.Float64() < sp.requested
		for k := 0; k < 1+rng.Intn(themes); k++ {
			in.Candidates = append(in.Candidates, Candidate{
				StartupID: in.Startups[s].ID, CompanyID: in.Companies[c].ID,
				ThemeID: fmt.Sprintf("T%04d-%d", c, k), Weight: float64(rng.Intn(1001)) / 1000,
				MustMeet: must, Requested: req})
		}
	}
	for i := 0; i < sp.excluded && len(in.Candidates) > 0; i++ {
		cd := in.Candidates[rng.Intn(len(in.Candidates))]
		in.Excluded = append(in.Excluded, event.PairKey{StartupID: cd.StartupID, CompanyID: cd.CompanyID})
	}
	in.Locked = lockSome(rng, &in, sp.locked)
	return in
}

// lockSome picks up to n candidate pairs and places them where both sides
// are available without clashing, as an organizer would confirm them.
func lockSome(rng *rand.Rand, in *Input, n int) []Placement {
	if n == 0 || len(in.Candidates) == 0 {
		return nil
	}
	unav := func(ps []Participant) map[string]map[int]bool {
		m := map[string]map[int]bool{}
		for _, p := range ps {
			m[p.ID] = map[int]bool{}
			for _, t := range p.Unavailable {
				m[p.ID][t] = true
			}
		}
		return m
	}
	su, cu := unav(in.Startups), unav(in.Companies)
	tables := map[string]int{}
	caps := map[string]int{}
	for _, c := range in.Companies {
		tables[c.ID] = max(1, c.Tables)
	}
	for _, p := range append(append([]Participant{}, in.Startups...), in.Companies...) {
		caps[p.ID] = p.Cap
	}
	sBusy := map[[2]any]bool{}
	cLoad := map[[2]any]int{}
	tableUsed := map[[2]int]bool{}
	pairUsed := map[[2]string]bool{}
	deg := map[string]int{}
	var out []Placement
	for tries := 0; tries < 20*n && len(out) < n; tries++ {
		cd := in.Candidates[rng.Intn(len(in.Candidates))]
		if pairUsed[[2]string{cd.StartupID, cd.CompanyID}] {
			continue
		}
		if (caps[cd.StartupID] > 0 && deg[cd.StartupID] >= caps[cd.StartupID]) || (caps[cd.CompanyID] > 0 && deg[cd.CompanyID] >= caps[cd.CompanyID]) {
			continue
		}
		t := rng.Intn(in.NumSlots)
		if su[cd.StartupID][t] || cu[cd.CompanyID][t] || sBusy[[2]any{cd.StartupID, t}] || cLoad[[2]any{cd.CompanyID, t}] >= min(tables[cd.CompanyID], in.TablesPerSlot) {
			continue
		}
		tb := rng.Intn(in.TablesPerSlot)
		if tableUsed[[2]int{t, tb}] {
			continue
		}
		sBusy[[2]any{cd.StartupID, t}] = true
		cLoad[[2]any{cd.CompanyID, t}]++
		tableUsed[[2]int{t, tb}] = true
		pairUsed[[2]string{cd.StartupID, cd.CompanyID}] = true
		deg[cd.StartupID]++
		deg[cd.CompanyID]++
		out = append(out, Placement{StartupID: cd.StartupID, CompanyID: cd.CompanyID, ThemeID: cd.ThemeID, Slot: t, Table: tb})
	}
	return out
}

// tinyInstance is the seed's tiny random instance for exhaustive checks, and
// its indexed problem, with unavailability up to maxUnavail and floors below
// floors; ok is false when it has more than 7 candidate pairs, too many to
// enumerate.
func tinyInstance(t *testing.T, seed int64, maxUnavail float64, floors int) (in Input, p *problem, ok bool) {
	t.Helper()
	rng := rand.New(rand.NewSource(seed))
	sp := spec{startups: 1 + rng.Intn(3), companies: 1 + rng.Intn(3), slots: 1 + rng.Intn(3), tables: 1 + rng.Intn(2),
		pairs: 1 + rng.Intn(6), unavail: maxUnavail * rng.Float64(), startupCap: rng.Intn(3), companyCap: rng.Intn(4),
		maxParallel: 2, must: 0.2, requested: 0.3, floor: rng.Intn(floors), locked: rng.Intn(2)}
	in = generate(sp, seed)
	p, err := newProblem(&in)
	if err != nil {
		t.Fatal(err)
	}
	return in, p, len(p.pairs) <= 7
}
