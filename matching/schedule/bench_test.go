package schedule

import (
	"context"
	"fmt"
	"math/rand"
	"testing"
)

// jhvsSpec is the demo event at JHVS scale: 120 startups, 25 companies
// with 40 themes, 3 days × 12 slots, 30 tables, ~20% unavailability.
var jhvsSpec = spec{startups: 120, companies: 25, slots: 36, tables: 30, pairs: 2500, unavail: 0.2,
	startupCap: 20, companyCap: 100, maxParallel: 3, themesPerCompany: 2, must: 0.02, requested: 0.15, floor: 3}

// bioSpec is a BIO-scale event: 15,000 startups, 4,500 companies, 300,000
// candidate pairs, 36 slots × 2,000 tables, ~20% unavailability, 2% of
// pairs must-meets (about 6,000, some companies with more than their cap,
// so the relaxation flows run) and a fairness floor of 3 (about 40,000
// floor units as lower bounds).
var bioSpec = spec{startups: 15000, companies: 4500, slots: 36, tables: 2000, pairs: 300000, unavail: 0.2,
	startupCap: 10, companyCap: 40, maxParallel: 3, themesPerCompany: 1, must: 0.02, requested: 0.1, floor: 3}

func benchSolve(b *testing.B, sp spec, prune bool) {
	in := generate(sp, 42)
	if prune {
		in.CandidatesScored = len(in.Candidates)
		in.Candidates = Prune(&in)
	}
	b.ReportAllocs()
	b.ResetTimer()
	var res *Result
	for i := 0; i < b.N; i++ {
		var err error
		res, err = Solve(context.Background(), in, Options{Seed: int64(i)})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if err := check(&in, res); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(res.Gap, "gap%")
	b.ReportMetric(float64(len(res.Meetings)), "meetings")
	b.ReportMetric(float64(res.Stats.FlowSelected), "flow-pairs")
	relaxed := map[string]int{}
	for _, r := range res.Relaxed {
		relaxed[r.Kind+"/"+r.Stage+"/"+r.Reason]++
	}
	b.ReportMetric(float64(len(res.Relaxed)), "relaxed")
	b.ReportMetric(float64(res.Stats.CandidatesKept), "candidates")
	b.Logf("objective %.2f bound %.2f gap %.5f%% meetings %d (flow %d) tables %.1f%% must %d/%d below floor %d LNS rounds %d relaxed %v",
		res.Objective, res.Bound, res.Gap, len(res.Meetings), res.Stats.FlowSelected, res.Stats.TableUse,
		res.Stats.MustMeetsPlaced, res.Stats.MustMeets, res.Stats.BelowFloor, res.Stats.LNSRounds, relaxed)
}

func BenchmarkSolveJHVS(b *testing.B) { benchSolve(b, jhvsSpec, false) }

func BenchmarkSolveBIO(b *testing.B) {
	if testing.Short() {
		b.Skip("BIO scale takes tens of seconds")
	}
	benchSolve(b, bioSpec, false)
}

// BenchmarkSolveBIOPruned is BenchmarkSolveBIO on the candidates Prune
// keeps (as BuildInput does by default); the bound is then over those.
func BenchmarkSolveBIOPruned(b *testing.B) {
	if testing.Short() {
		b.Skip("BIO scale takes tens of seconds")
	}
	benchSolve(b, bioSpec, true)
}

// BenchmarkPrune20k prunes the candidates of a 20,000-startup event (500
// companies, 36 slots, ~9 million pairs scoring ≥ 0.2: 90% of all pairs),
// the shape where pruning matters.
func BenchmarkPrune20k(b *testing.B) {
	if testing.Short() {
		b.Skip("allocates 9 million candidates")
	}
	rng := rand.New(rand.NewSource(42))
	in := Input{NumSlots: 36, TablesPerSlot: 1000, FairnessFloor: 2}
	for i := 0; i < 20000; i++ {
		in.Startups = append(in.Startups, Participant{ID: fmt.Sprintf("S%05d", i), Cap: 8})
	}
	for i := 0; i < 500; i++ {
		in.Companies = append(in.Companies, Participant{ID: fmt.Sprintf("C%03d", i), Cap: 50, Tables: 2})
	}
	in.Candidates = make([]Candidate, 0, 9_100_000)
	for _, s := range in.Startups {
		for _, c := range in.Companies {
			if w := rng.Float64(); w >= 0.1 {
				in.Candidates = append(in.Candidates, Candidate{StartupID: s.ID, CompanyID: c.ID, ThemeID: c.ID + "-T", Weight: w,
					Requested: rng.Intn(300) == 0})
			}
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	var kept []Candidate
	for i := 0; i < b.N; i++ {
		kept = Prune(&in)
	}
	b.ReportMetric(float64(len(in.Candidates)), "scored")
	b.ReportMetric(float64(len(kept)), "kept")
}

// BenchmarkSelectionFlow times selectPairs, whose time is that of its
// circulation solves (the selection flow, or the relaxation flows and the
// selection flow when the lower bounds are infeasible together), on
// BIO-scale instances pruned as BuildInput does. "dense" has 1.3 million
// candidate pairs before pruning, as many as the BIO demo event's.
func BenchmarkSelectionFlow(b *testing.B) {
	if testing.Short() {
		b.Skip("BIO scale takes seconds per flow")
	}
	dense := bioSpec
	dense.pairs, dense.must = 1_300_000, 0.005
	for _, c := range []struct {
		name string
		sp   spec
	}{{"BIO", bioSpec}, {"dense", dense}} {
		b.Run(c.name, func(b *testing.B) {
			in := generate(c.sp, 42)
			in.CandidatesScored = len(in.Candidates)
			in.Candidates = Prune(&in)
			p, err := newProblem(&in)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			var sel *selection
			for i := 0; i < b.N; i++ {
				if sel, err = selectPairs(context.Background(), p); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(p.pairs)), "pairs")
			b.ReportMetric(sel.bound, "bound")
		})
	}
}
