package schedule

import (
	"context"
	"math"
	"math/rand"
	"testing"
	"time"
)

// TestLPDualBoundValid: on tiny instances, the LP relaxation's dual bound
// after any number of first-order iterations (1 to 300, soft or hard
// lower bounds) is never below the best timetable's objective, found by
// brute force over every timetable.
func TestLPDualBoundValid(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewSource(3))
	runs := 0
	for seed := int64(0); seed < 300; seed++ {
		_, p, ok := tinyInstance(t, seed, 0.6, 4)
		if !ok {
			continue
		}
		lb := initialBounds(p)
		for i := range p.pairs {
			lb.forced[i] = lb.forced[i] && p.pairs[i].common > 0
		}
		relief, best := minReliefTimetable(p, lb)
		if best < 0 {
			continue // caps leave no timetable at all
		}
		penalty := 0.0
		if relief > 0 {
			// The hard model is infeasible: price the relief above any
			// objective, so the soft model's optimum is best − penalty·relief.
			penalty = softPenalty(p)
			best -= penalty * float64(relief) / reliefFloor
		}
		m := newRelaxLP(p, lb, penalty)
		st, err := solveLP(ctx, m, nil, 1+rng.Intn(300), 1e-9, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		runs++
		if st.best < best-1e-6 {
			t.Fatalf("seed %d: LP dual bound %.6f below the best timetable %.6f (relief %d)", seed, st.best, best, relief)
		}
	}
	if runs < 100 {
		t.Fatalf("only %d instances", runs)
	}
}

// TestLPPathRandom: Solve with short time limits on many small hard
// events, where the LP relaxation guides the construction and gives the
// bound: every timetable keeps every rule (no double booking, tables,
// availability, caps, the lower bounds it claims), the objective is
// recomputed exactly and the bound is never below it; on tiny instances
// the bound is never below the best timetable meeting the same lower
// bounds (brute force).
func TestLPPathRandom(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewSource(11))
	n, viaLP := 150, 0
	if testing.Short() {
		n = 40
	}
	for i := 0; i < n; i++ {
		in := hardInstance(rng, 10+rng.Intn(25), 3+rng.Intn(6), 4+rng.Intn(10))
		res, err := Solve(ctx, in, Options{Seed: int64(i), TimeLimit: time.Duration(5+rng.Intn(20)) * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		if err := check(&in, res); err != nil {
			t.Fatalf("instance %d: %v", i, err)
		}
		if res.Bound < res.Objective-1e-9 || math.IsNaN(res.Bound) {
			t.Fatalf("instance %d: bound %v below objective %v", i, res.Bound, res.Objective)
		}
		if res.BoundMethod == BoundLP || res.BoundMethod == BoundLagrangian {
			viaLP++
		}
	}
	t.Logf("%d of %d bounds from the LP or Lagrangian", viaLP, n)
	if viaLP < n/4 {
		t.Errorf("only %d of %d instances used the slot-aware bound", viaLP, n)
	}
	for seed := int64(0); seed < 400; seed++ {
		in, p, ok := tinyInstance(t, seed, 0.6, 4)
		if !ok {
			continue
		}
		res, err := Solve(ctx, in, Options{Seed: seed, TimeLimit: 2 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		if err := check(&in, res); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		relief, best := minReliefTimetable(p, boundsOf(p, res))
		if relief != 0 {
			t.Fatalf("seed %d: the result's own lower bounds cannot be met (relief %d)", seed, relief)
		}
		if res.Bound < best-1e-6 {
			t.Fatalf("seed %d: bound %.6f (%s) below the best timetable %.6f", seed, res.Bound, res.BoundMethod, best)
		}
	}
}
