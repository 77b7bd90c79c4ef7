package schedule

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// hardInstance is a tight event as organizers have them: 40–70 % of slots
// unavailable per participant, drawn in one of three ways (scattered,
// one contiguous window, whole days), mostly one-table companies, fewer
// tables than the meetings wanted, startup caps, must-meets, requests and
// a fairness floor. Scores follow company popularity, so demand piles up.
func hardInstance(rng *rand.Rand, nS, nC, K int) Input { return hardInstanceT(rng, nS, nC, K, 0, -1) }

// hardInstanceT is hardInstance with T tables per slot (0: about half
// the demand) and unavailability share unav (negative: 40–70 % drawn per
// participant).
func hardInstanceT(rng *rand.Rand, nS, nC, K, T int, unavShare float64) Input {
	days := 1 + rng.Intn(3)
	if K%days != 0 {
		days = 1
	}
	per := K / days
	in := Input{NumSlots: K, FairnessFloor: 2 + rng.Intn(2)}
	unav := func() []int {
		share := 0.4 + 0.3*rng.Float64()
		if unavShare >= 0 {
			share = unavShare
		}
		free := make([]bool, K)
		switch mode := rng.Intn(3); {
		case mode == 0: // scattered
			for t := range free {
				free[t] = rng.Float64() >= share
			}
		case mode == 1 || days == 1: // one window
			w := max(1, int(math.Round(float64(K)*(1-share))))
			start := rng.Intn(K - w + 1)
			for t := start; t < start+w; t++ {
				free[t] = true
			}
		default: // whole days, then a few slots off
			for d := 0; d < days; d++ {
				if rng.Float64() >= share || d == days-1 && !anyTrue(free) {
					for t := d * per; t < (d+1)*per; t++ {
						free[t] = rng.Float64() >= 0.15
					}
				}
			}
		}
		if !anyTrue(free) {
			free[rng.Intn(K)] = true
		}
		var u []int
		for t, f := range free {
			if !f {
				u = append(u, t)
			}
		}
		return u
	}
	pop := make([]float64, nC)
	for c := range pop {
		pop[c] = rng.Float64()
		tables := 1
		if rng.Intn(4) == 0 {
			tables = 2
		}
		in.Companies = append(in.Companies, Participant{ID: fmt.Sprintf("C%02d", c), Tables: tables, Unavailable: unav()})
	}
	demand := 0
	for s := 0; s < nS; s++ {
		cp := 3 + rng.Intn(4)
		demand += cp
		in.Startups = append(in.Startups, Participant{ID: fmt.Sprintf("S%03d", s), Cap: cp, Unavailable: unav()})
	}
	// Fewer tables than demand: about half of what the startups' caps ask
	// per slot, at most the companies' tables.
	in.TablesPerSlot = max(1, min(nC, int(0.5*float64(demand)/float64(K)+0.5)))
	if T > 0 {
		in.TablesPerSlot = T
	}
	for s := 0; s < nS; s++ {
		n := min(nC, 6+rng.Intn(7))
		if T > 0 {
			n = min(nC, 10+rng.Intn(10)) // JHVS: about 20 % of the companies
		}
		for _, c := range rng.Perm(nC)[:n] {
			w := math.Round(1000*math.Min(1, 0.2+0.5*pop[c]+0.3*rng.Float64())) / 1000
			must := rng.Float64() < 0.04
			in.Candidates = append(in.Candidates, Candidate{StartupID: in.Startups[s].ID, CompanyID: in.Companies[c].ID,
				ThemeID: "T" + in.Companies[c].ID, Weight: w, MustMeet: must, Requested: must || rng.Float64() < 0.15})
		}
	}
	return in
}

func anyTrue(xs []bool) bool {
	for _, x := range xs {
		if x {
			return true
		}
	}
	return false
}

// exactLex solves the soft (lexicographic) model of in with glpsol and
// returns the least relief (Solve's measure), the best objective with it
// and the solver's time; ok is false when glpsol did not prove optimality
// within limit.
func exactLex(t testing.TB, glpsol string, in Input, limit time.Duration) (relief int64, obj float64, took time.Duration, ok bool) {
	t.Helper()
	p, err := newProblem(&in)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := writeLP(context.Background(), &buf, in, nil, true); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	lp, out := filepath.Join(dir, "m.lp"), filepath.Join(dir, "m.out")
	if err := os.WriteFile(lp, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	msg, err := exec.Command(glpsol, "--lp", lp, "-o", out, "--tmlim", strconv.Itoa(int(limit.Seconds()))).CombinedOutput()
	took = time.Since(start)
	if err != nil {
		t.Fatalf("glpsol: %v\n%s", err, msg)
	}
	text, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var g float64
	optimal := false
	for _, line := range strings.Split(string(text), "\n") {
		if rest, ok := strings.CutPrefix(line, "Status:"); ok {
			optimal = strings.TrimSpace(rest) == "INTEGER OPTIMAL"
		}
		if rest, ok := strings.CutPrefix(line, "Objective:"); ok {
			f := strings.Fields(rest)
			if g, err = strconv.ParseFloat(f[2], 64); err != nil {
				t.Fatalf("%q", line)
			}
		}
	}
	if !optimal {
		return 0, 0, took, false
	}
	pen := softPenalty(p)
	units := int64(0)
	if g < 0 {
		units = int64(math.Ceil(-g/pen - 1e-9))
	}
	return units * reliefFloor, g + float64(units)*pen, took, true
}

// TestHardAgainstGLPK: on small hard events, Solve relaxes exactly as few
// lower bounds as the exact lexicographic optimum (GLPK on the soft
// model), reaches ≥ 99.5 % of its objective, and reports a valid bound.
var hardLimit time.Duration

func TestHardAgainstGLPK(t *testing.T) {
	if v := os.Getenv("HARD_LIMIT"); v != "" {
		hardLimit, _ = time.ParseDuration(v)
	}
	glpsol, err := exec.LookPath("glpsol")
	if err != nil {
		t.Skip("glpsol not installed (Debian package glpk-utils)")
	}
	n := 12
	if testing.Short() {
		n = 4
	}
	rng := rand.New(rand.NewSource(5))
	sumRatio, runs := 0.0, 0
	for i := 0; i < n; i++ {
		in := hardInstance(rng, 12+rng.Intn(10), 4+rng.Intn(4), 6+rng.Intn(5))
		relief, opt, took, ok := exactLex(t, glpsol, in, 30*time.Second)
		if !ok {
			t.Logf("instance %d: GLPK did not prove optimality in 30 s; skipped", i)
			continue
		}
		start := time.Now()
		res, err := Solve(context.Background(), in, Options{Seed: int64(i), TimeLimit: hardLimit})
		if err != nil {
			t.Fatal(err)
		}
		ours := time.Since(start)
		if err := check(&in, res); err != nil {
			t.Fatalf("instance %d: %v", i, err)
		}
		got := relaxedUnits(&in, res)
		ratio := res.Objective / opt
		trueGap := 100 * (res.Bound - opt) / res.Bound
		t.Logf("instance %d: relief %d (exact %d), objective %.3f of %.3f (%.3f%%), bound %.3f, reported gap %.2f%%, true gap %.2f%%, ours %v, GLPK %v",
			i, got, relief, res.Objective, opt, 100*ratio, res.Bound, res.Gap, 100*(opt-res.Objective)/opt, ours.Round(time.Millisecond), took.Round(time.Millisecond))
		_ = trueGap
		if got != relief {
			t.Errorf("instance %d: relief %d, the exact optimum needs only %d", i, got, relief)
			continue
		}
		if relief == 0 && res.Bound < opt-1e-6 {
			t.Errorf("instance %d: bound %v below the optimum %v", i, res.Bound, opt)
		}
		if ratio < 0.995 {
			t.Errorf("instance %d: objective %.3f is %.2f%% of the optimum %.3f", i, res.Objective, 100*ratio, opt)
		}
		sumRatio += ratio
		runs++
	}
	if runs > 0 {
		t.Logf("mean objective %.4f%% of the optimum over %d instances", 100*sumRatio/float64(runs), runs)
	}
}

// BenchmarkSolveHardJHVS: a hard JHVS-size event, 120 startups × 25
// companies × 36 slots (3 days) × 30 tables, 50 % of slots unavailable per
// participant (scattered, windows or whole days), mostly one-table
// companies, must-meets and a floor, with the default time limit.
func BenchmarkSolveHardJHVS(b *testing.B) {
	in := hardInstanceT(rand.New(rand.NewSource(7)), 120, 25, 36, 30, 0.5)
	b.ReportAllocs()
	b.ResetTimer()
	var res *Result
	for i := 0; i < b.N; i++ {
		var err error
		if res, err = Solve(context.Background(), in, Options{Seed: int64(i)}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if err := check(&in, res); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(res.Gap, "gap%")
	b.ReportMetric(float64(len(res.Relaxed)), "relaxed")
	b.ReportMetric(float64(res.Stats.LNSRounds), "rounds")
	b.Logf("objective %.3f bound %.3f gap %.2f%% meetings %d relaxed %d rounds %d candidates %d",
		res.Objective, res.Bound, res.Gap, len(res.Meetings), len(res.Relaxed), res.Stats.LNSRounds, len(in.Candidates))
}

// TestHardLargeAgainstGLPK is the full cross-check: 20 hard events of
// 40–150 startups × 10–30 companies × 12–36 slots against GLPK's exact
// lexicographic optimum, with both times. It takes minutes, so it runs
// only with PITCHMATCH_EXACT_LARGE=1 (scripts/exact-check.sh).
func TestHardLargeAgainstGLPK(t *testing.T) {
	if os.Getenv("PITCHMATCH_EXACT_LARGE") == "" {
		t.Skip("set PITCHMATCH_EXACT_LARGE=1 (scripts/exact-check.sh)")
	}
	glpsol, err := exec.LookPath("glpsol")
	if err != nil {
		t.Skip("glpsol not installed (Debian package glpk-utils)")
	}
	limit := 300 * time.Second
	if v, err := time.ParseDuration(os.Getenv("PITCHMATCH_EXACT_LIMIT")); err == nil {
		limit = v
	}
	var ourLimit time.Duration // 0: Solve's default
	if v, err := time.ParseDuration(os.Getenv("PITCHMATCH_EXACT_OURS")); err == nil {
		ourLimit = v
	}
	n := 20
	if v, err := strconv.Atoi(os.Getenv("PITCHMATCH_EXACT_N")); err == nil {
		n = v
	}
	seed := int64(2026)
	if v, err := strconv.ParseInt(os.Getenv("PITCHMATCH_EXACT_SEED"), 10, 64); err == nil {
		seed = v // other hard events from the same generator
	}
	rng := rand.New(rand.NewSource(seed))
	var sumRatio, worst, worstGapErr float64
	worst = 1
	runs, sameRelief := 0, 0
	for i := 0; i < n; i++ {
		nS, nC, K := 40+rng.Intn(111), 10+rng.Intn(21), 12*(1+rng.Intn(3))
		in := hardInstance(rng, nS, nC, K)
		relief, opt, took, ok := exactLex(t, glpsol, in, limit)
		if !ok {
			t.Logf("instance %d (%d×%d×%d): GLPK did not prove optimality in %v; skipped", i, nS, nC, K, limit)
			continue
		}
		start := time.Now()
		res, err := Solve(context.Background(), in, Options{Seed: int64(i), TimeLimit: ourLimit})
		if err != nil {
			t.Fatal(err)
		}
		ours := time.Since(start)
		if err := check(&in, res); err != nil {
			t.Fatalf("instance %d: %v", i, err)
		}
		got := relaxedUnits(&in, res)
		ratio := res.Objective / opt
		trueGap := 100 * (opt - res.Objective) / opt
		t.Logf("instance %d (%d×%d×%d, %d tables): relief %d/%d, objective %.3f of %.3f (%.3f%%), reported gap %.2f%%, true gap %.3f%%, ours %v, GLPK %v",
			i, nS, nC, K, in.TablesPerSlot, got/reliefFloor, relief/reliefFloor, res.Objective, opt, 100*ratio, res.Gap, trueGap,
			ours.Round(time.Millisecond), took.Round(time.Millisecond))
		if got == relief {
			sameRelief++
		} else {
			t.Errorf("instance %d: relief %d, exact %d", i, got, relief)
		}
		if ratio < 0.995 {
			t.Errorf("instance %d: %.3f%% of the optimum", i, 100*ratio)
		}
		sumRatio += ratio
		worst = math.Min(worst, ratio)
		worstGapErr = math.Max(worstGapErr, math.Abs(res.Gap-trueGap))
		runs++
	}
	if runs > 0 {
		t.Logf("%d instances: mean %.4f%%, worst %.4f%% of the optimum; same relief on %d; largest |reported − true gap| %.2f points",
			runs, 100*sumRatio/float64(runs), 100*worst, sameRelief, worstGapErr)
	}
}

// minReliefTimetable enumerates every timetable of the tiny problem p
// (each pair unplaced or in a free common slot, caps kept) and returns the
// least relief cost of the lower bounds lb it can leave unmet, and the
// best objective with that relief.
func minReliefTimetable(p *problem, lb *lowerBounds) (int64, float64) {
	n, K := len(p.pairs), p.K
	assign := make([]int, n)
	bestRelief, bestObj := int64(math.MaxInt64), -1.0
	sBusy := map[[2]int]bool{}
	cLoad := map[[2]int]int{}
	slotLoad := make([]int, K)
	for _, l := range p.locked {
		sBusy[[2]int{int(l.s), int(l.slot)}] = true
		cLoad[[2]int{int(l.c), int(l.slot)}]++
		slotLoad[l.slot]++
	}
	var rec func(i int)
	rec = func(i int) {
		if i == n {
			var xs []int
			for j, a := range assign {
				if a >= 0 {
					xs = append(xs, j)
				}
			}
			v := relaxValue(p, xs, nil)
			if v < 0 {
				return // a cap broken
			}
			r := reliefOf(p, xs, lb)
			if r < bestRelief || (r == bestRelief && v > bestObj) {
				bestRelief, bestObj = r, v
			}
			return
		}
		assign[i] = -1
		rec(i + 1)
		e := &p.pairs[i]
		for t := 0; t < K; t++ {
			ks, kc := [2]int{int(e.s), t}, [2]int{int(e.c), t}
			if !p.both(e, t) || sBusy[ks] || cLoad[kc] >= int(p.cTables[e.c]) || slotLoad[t] >= p.T {
				continue
			}
			sBusy[ks], assign[i] = true, t
			cLoad[kc]++
			slotLoad[t]++
			rec(i + 1)
			sBusy[ks] = false
			cLoad[kc]--
			slotLoad[t]--
		}
		assign[i] = -1
	}
	rec(0)
	return bestRelief, bestObj
}

// TestFloorNeverDroppedNeedlessly: on tiny tight instances (up to 60 %
// unavailability, floors up to 3, must-meets), brute force over every
// timetable: Solve never leaves more lower bounds unmet (must-meets at 3,
// floor units at 1) than the best timetable must, and with the same
// relief its objective is the best one's.
func TestFloorNeverDroppedNeedlessly(t *testing.T) {
	ctx := context.Background()
	runs, withRelief, optimal := 0, 0, 0
	for seed := int64(0); seed < 400; seed++ {
		in, p, ok := tinyInstance(t, seed, 0.6, 4)
		if !ok {
			continue
		}
		res, err := Solve(ctx, in, Options{Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		lb := initialBounds(p)
		for i := range p.pairs {
			lb.forced[i] = lb.forced[i] && p.pairs[i].common > 0
		}
		wantRelief, wantObj := minReliefTimetable(p, lb)
		got := relaxedUnits(&in, res)
		runs++
		if wantRelief > 0 {
			withRelief++
		}
		if got != wantRelief {
			t.Fatalf("seed %d: Solve leaves relief %d unmet, a timetable needs only %d (relaxed %+v)", seed, got, wantRelief, res.Relaxed)
		}
		if math.Abs(res.Objective-wantObj) < 1e-9 {
			optimal++
		}
	}
	t.Logf("%d tiny instances (%d where some lower bound cannot be met): relief always least, objective optimal on %d", runs, withRelief, optimal)
	if optimal < runs*95/100 {
		t.Errorf("objective optimal on only %d of %d", optimal, runs)
	}
}
