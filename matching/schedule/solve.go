package schedule

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"time"

	"pitchmatch/event"
)

// lagrangeMaxPairs is the most candidate pairs for which Solve computes
// the Lagrangian bound (each iteration is a selection flow).
const lagrangeMaxPairs = 200000

// Solve builds a timetable for in. It fails only on invalid input or when
// ctx ends; pairs that cannot be placed are reported in Result.Unplaced.
func Solve(ctx context.Context, in Input, opt Options) (*Result, error) {
	start := time.Now()
	progress := func(stage string, done, total int) {
		if opt.Progress != nil {
			opt.Progress(stage, done, total)
		}
	}
	p, err := newProblem(&in)
	if err != nil {
		return nil, err
	}
	progress("select", 0, 1)
	sel, err := selectPairs(ctx, p)
	if err != nil {
		return nil, fmt.Errorf("schedule: selection: %w", err)
	}
	progress("select", 1, 1)

	moveCost := opt.MoveCost
	if moveCost == 0 {
		moveCost = 0.05
	}
	if moveCost < 0 || math.IsNaN(moveCost) {
		moveCost = 0
	}
	all := initialBounds(p)
	for i := range p.pairs {
		all.forced[i] = all.forced[i] && p.pairs[i].common > 0
	}
	var minViol int64
	for i := range p.pairs {
		if all.forced[i] && !sel.lb.forced[i] {
			minViol += mustRelief(&p.pairs[i])
		}
	}
	for s, f := range all.floor {
		minViol += reliefFloor * int64(f-sel.lb.floor[s])
	}
	limit := opt.TimeLimit
	if limit <= 0 {
		limit = DefaultTimeLimit(len(p.pairs))
	}
	st := newSlotter(p, opt.Seed, moveCost, all, minViol)
	if err := st.construct(ctx, sel, nil, nil, progress); err != nil {
		return nil, err
	}
	// The LP relaxation of the time-indexed model, on events small enough
	// and where the first timetable leaves a gap to the selection's bound
	// or misses more lower bounds than the caps force: its dual gives the bound that knows about
	// slots, its primal (nearly integral on the hard events tried) guides
	// a second construction. Every lower bound is in it, soft: missed only
	// at a price above any pair's value.
	var lpm *relaxLP
	var lps *lpState
	// Only a search bounded by time uses it: a search bounded by rounds
	// (Options.LNSIterations without a time limit) stays reproducible.
	lpIter := lpMaxIter
	if opt.TimeLimit <= 0 && opt.LNSIterations != 0 {
		lpIter = 0
	}
	if lpIter > 0 && (st.viol > minViol || sel.bound-st.obj > lagrangeGoodEnough*math.Max(1, sel.bound)) && lpSize(p) <= lpMaxVars {
		progress("lp", 0, 1)
		lpm = newRelaxLP(p, all, lpPenalty(p))
		if lps, err = solveLP(ctx, lpm, nil, lpIter, lpTol, time.Now().Add(limit*lpShare/100)); err != nil {
			return nil, err
		}
		progress("lp", 1, 1)
	}
	if lps != nil {
		st2 := newSlotter(p, opt.Seed, moveCost, all, minViol)
		if err := st2.construct(ctx, sel, lps.x, lpm, progress); err != nil {
			return nil, err
		}
		if st2.viol < st.viol || st2.viol == st.viol && st2.score() > st.score()+1e-9 {
			st = st2
		}
	}
	// 4. Large-neighbourhood search, until the time is used or the
	// objective reaches the best bound known.
	wanted := make([]int32, 0)
	for i := range p.pairs {
		e := &p.pairs[i]
		if (sel.chosen[i] || e.must || e.req) && e.common > 0 {
			wanted = append(wanted, int32(i))
		}
	}
	target := sel.value
	if lps != nil && minViol == 0 {
		// Without relief the soft model's bound is one for the
		// timetable's problem: reaching it proves optimality.
		target = math.Min(target, lps.best)
	}
	rounds, stallCap := opt.LNSIterations, true
	if opt.TimeLimit <= 0 {
		if rounds == 0 {
			rounds = max(20000, 100*(len(p.sID)+len(p.cID)))
		}
	} else if rounds == 0 {
		// A limit given is used in full.
		rounds, stallCap = math.MaxInt, false
	}
	searchEnd := start.Add(limit)
	if lps != nil {
		searchEnd = start.Add(limit * (100 - lpFinalShare) / 100)
	}
	lnsRounds := 0
	if rounds > 0 {
		lnsRounds, err = st.lns(ctx, rounds, searchEnd, stallCap, target, wanted, func(d, t int) { progress("search", d, t) })
		if err != nil {
			return nil, err
		}
	}
	// 5. A last direct pass for the pairs that matter most.
	if err := st.insertAll(ctx, wanted, 1, 30); err != nil {
		return nil, err
	}
	progress("report", 0, 1)
	// The lower bounds the timetable meets are the problem it solves: drop
	// the rest (reported in Result.Relaxed) and, if that changed them,
	// solve the selection again so the bound is the optimum of exactly
	// that problem's relaxation (the timetable is feasible for it).
	relaxed, final := st.relaxations(sel)
	if !final.equal(sel.lb) {
		again, err := solveWith(ctx, p, final)
		if err != nil {
			return nil, fmt.Errorf("schedule: bound: %w", err)
		}
		sel.bound, sel.chosen = again.bound, again.chosen
	}
	res := st.result(&in, sel)
	res.Relaxed = relaxed
	// A bound that knows about slots: the LP relaxation's dual for
	// exactly the lower bounds met (warm-started from the soft run), and
	// on events small enough for a few dozen selection flows the
	// Lagrangian relaxation of the per-slot constraints, started from the
	// LP's per-slot duals. Both are valid whatever their convergence; the
	// least is reported.
	res.BoundMethod = BoundSelection
	if lps != nil && res.Gap > 100*lagrangeGoodEnough {
		progress("bound", 0, 1)
		lpm.setHard(p, final)
		lps.best, lps.bestY = math.Inf(1), nil
		lps.iters = 0
		if lps, err = solveLP(ctx, lpm, lps, lpIter, lpTol, time.Now().Add(limit*lpFinalShare/100)); err != nil {
			return nil, fmt.Errorf("schedule: bound: %w", err)
		}
		res.Stats.BoundIterations = lps.iters
		if lps.best < res.Bound {
			res.setBound(lps.best, BoundLP)
		}
	}
	if res.Gap > 100*lagrangeGoodEnough && len(p.pairs) <= lagrangeMaxPairs {
		progress("bound", 0, 1)
		var init []float64
		lagLimit := limit / 2
		if lps != nil {
			init, lagLimit = lpm.slotDuals(p, lps.bestY), limit/10
		}
		L, iters, err := lagrangeBound(ctx, p, final, res.Bound, res.Objective, 500, time.Now().Add(lagLimit), init)
		if err != nil {
			return nil, fmt.Errorf("schedule: bound: %w", err)
		}
		res.Stats.BoundIterations += iters
		if L < res.Bound {
			res.setBound(L, BoundLagrangian)
		}
	}
	res.Stats.FlowSelected = 0
	for _, c := range sel.chosen {
		if c {
			res.Stats.FlowSelected++
		}
	}
	res.Conflicts = st.conflicts(res.Meetings)
	res.Stats.LNSRounds = lnsRounds
	res.Stats.CandidatesKept = len(in.Candidates)
	res.Stats.CandidatesScored = max(in.CandidatesScored, len(in.Candidates))
	res.Stats.Warnings = p.warnings
	if len(relaxed) > 0 {
		nm, nf := 0, 0
		for _, r := range relaxed {
			if r.Kind == RelaxMustMeet {
				nm++
			} else {
				nf++
			}
		}
		res.Stats.Warnings = append(res.Stats.Warnings, fmt.Sprintf("%d must-meet pairs not scheduled and %d startups below the fairness floor; see relaxed", nm, nf))
	}
	res.Stats.Elapsed = float64(time.Since(start).Microseconds()) / 1000
	progress("report", 1, 1)
	return res, nil
}

// result turns the slotter's state into a Result: tables assigned, the
// objective recomputed exactly, unplaced pairs explained.
func (st *slotter) result(in *Input, sel *selection) *Result {
	p := st.p
	K, T := p.K, p.T
	res := &Result{Bound: sel.bound, Meetings: []Placement{}, Unplaced: []Unplaced{}}
	// Tables: locked first, then previous tables, then the lowest free.
	used := make([]bool, K*T)
	for _, l := range p.locked {
		used[int(l.slot)*T+int(l.table)] = true
		res.Meetings = append(res.Meetings, Placement{StartupID: p.sID[l.s], CompanyID: p.cID[l.c], ThemeID: l.theme,
			Slot: int(l.slot), Table: int(l.table), Weight: l.weight, Locked: true})
	}
	table := make([]int32, len(p.pairs))
	for i := range table {
		table[i] = -1
	}
	for i := range p.pairs {
		e := &p.pairs[i]
		if t := st.slot[i]; t >= 0 && t == e.prevSlot && !used[int(t)*T+int(e.prevTable)] {
			table[i] = e.prevTable
			used[int(t)*T+int(e.prevTable)] = true
		}
	}
	next := make([]int, K)
	for i := range p.pairs {
		t := int(st.slot[i])
		if t < 0 || table[i] >= 0 {
			continue
		}
		for used[t*T+next[t]] {
			next[t]++
		}
		table[i] = int32(next[t])
		used[t*T+next[t]] = true
	}
	deg := make([]int32, len(p.sID))
	cdeg := make([]int32, len(p.cID))
	obj, scores := 0.0, 0.0
	for _, l := range p.locked {
		obj += l.coef
		scores += l.weight
		deg[l.s]++
		cdeg[l.c]++
	}
	for i := range p.pairs {
		if st.slot[i] < 0 {
			continue
		}
		e := &p.pairs[i]
		obj += e.coef
		scores += e.weight
		deg[e.s]++
		cdeg[e.c]++
		res.Meetings = append(res.Meetings, Placement{StartupID: p.sID[e.s], CompanyID: p.cID[e.c], ThemeID: e.theme,
			Slot: int(st.slot[i]), Table: int(table[i]), Weight: e.weight})
	}
	for s, f := range p.floor {
		obj += p.bonus.Floor * float64(min(f, deg[s]))
		if deg[s] < f {
			res.Stats.BelowFloor++
		}
	}
	sort.Slice(res.Meetings, func(a, b int) bool {
		x, y := res.Meetings[a], res.Meetings[b]
		if x.Slot != y.Slot {
			return x.Slot < y.Slot
		}
		return x.Table < y.Table
	})
	res.Objective = obj
	if res.Bound > 0 {
		res.Gap = 100 * (res.Bound - obj) / res.Bound
	}

	s := &res.Stats
	s.Meetings = len(res.Meetings)
	s.Locked = len(p.locked)
	s.ScoreSum = scores
	s.StartupMeetings = spread(deg)
	s.CompanyMeetings = spread(cdeg)
	s.TableUse = 100 * float64(s.Meetings) / float64(K*T)
	for t := 0; t < K; t++ {
		if int(st.slotLoad[t]) > s.BusiestSlot {
			s.BusiestSlot = int(st.slotLoad[t])
		}
	}
	for _, l := range p.locked {
		if l.must {
			s.MustMeets++
			s.MustMeetsPlaced++
		}
		if l.req {
			s.Requested++
			s.RequestedPlaced++
		}
	}
	for i := range p.pairs {
		e := &p.pairs[i]
		placed := st.slot[i] >= 0
		if e.must {
			s.MustMeets++
			if placed {
				s.MustMeetsPlaced++
			}
		}
		if e.req {
			s.Requested++
			if placed {
				s.RequestedPlaced++
			}
		}
		if !placed && (sel.chosen[i] || e.must || e.req) {
			reason, msg := st.reason(int32(i))
			if r, ok := sel.relaxedMust[int32(i)]; ok {
				reason, msg = r.Reason, r.Message
			}
			res.Unplaced = append(res.Unplaced, Unplaced{StartupID: p.sID[e.s], CompanyID: p.cID[e.c], ThemeID: e.theme,
				Reason: reason, Message: msg, MustMeet: e.must, Requested: e.req})
		}
	}
	// Changes against the previous timetable.
	now := make(map[event.PairKey]Placement, len(res.Meetings))
	for _, m := range res.Meetings {
		now[event.PairKey{StartupID: m.StartupID, CompanyID: m.CompanyID}] = m
	}
	prev := make(map[event.PairKey]bool, len(in.Previous))
	for _, pl := range in.Previous {
		k := event.PairKey{StartupID: pl.StartupID, CompanyID: pl.CompanyID}
		prev[k] = true
		m, ok := now[k]
		switch {
		case !ok:
			s.Dropped++
		case m.Slot != pl.Slot || m.Table != pl.Table:
			s.Moved++
		}
	}
	for k, m := range now {
		if !prev[k] && !m.Locked {
			s.Added++
		}
	}
	res.Moved = s.Moved
	return res
}

// setBound reports bound b (never below the objective), found by method.
func (res *Result) setBound(b float64, method string) {
	res.Bound, res.BoundMethod = math.Max(b, res.Objective), method
	res.Gap = 0
	if res.Bound > 0 {
		res.Gap = 100 * (res.Bound - res.Objective) / res.Bound
	}
}

func spread(xs []int32) Spread {
	if len(xs) == 0 {
		return Spread{}
	}
	sp := Spread{Min: math.MaxInt}
	sum := 0
	for _, x := range xs {
		sp.Min = min(sp.Min, int(x))
		sp.Max = max(sp.Max, int(x))
		sum += int(x)
	}
	sp.Mean = float64(sum) / float64(len(xs))
	return sp
}

// reason explains why unplaced pair e could not be placed.
func (st *slotter) reason(e int32) (string, event.Text) {
	p := st.p
	pe := &p.pairs[e]
	if st.sDeg[pe.s] >= p.sCap[pe.s] {
		return ReasonParticipantFull, event.T(
			fmt.Sprintf("スタートアップ %s は面談数の上限（%d 件）に達しています", p.sID[pe.s], p.sCap[pe.s]),
			fmt.Sprintf("Startup %s has reached its limit of %d meetings", p.sID[pe.s], p.sCap[pe.s]))
	}
	if st.cDeg[pe.c] >= p.cCap[pe.c] {
		return ReasonParticipantFull, event.T(
			fmt.Sprintf("企業 %s は面談数の上限（%d 件）に達しています", p.cID[pe.c], p.cCap[pe.c]),
			fmt.Sprintf("Company %s has reached its limit of %d meetings", p.cID[pe.c], p.cCap[pe.c]))
	}
	bothFree, table := false, false
	for t := 0; t < p.K; t++ {
		if p.both(pe, t) && st.sBusy[int(pe.s)*p.K+t] == free && st.cLoad[int(pe.c)*p.K+t] < p.cTables[pe.c] {
			bothFree = true
			if int(st.slotLoad[t]) < p.T {
				table = true
			}
		}
	}
	switch {
	case !bothFree:
		return ReasonNoCommonSlot, event.T("双方が空いている共通の時間枠がありません", "No slot in which both sides are available and free")
	case !table:
		return ReasonTablesFull, event.T("双方が空いている時間枠はすべてテーブルが埋まっています", "Every slot both sides have free has no table left")
	}
	return ReasonNotSelected, event.T("より評価の高い面談で日程が埋まりました", "Higher-value meetings filled the schedule")
}

// relaxations lists the lower bounds the timetable does not meet (every
// must-meet pair not placed, every startup below its floor) with their
// reasons, and returns the lower bounds it does meet.
func (st *slotter) relaxations(sel *selection) ([]Relaxation, *lowerBounds) {
	p := st.p
	final := initialBounds(p)
	out := []Relaxation{}
	for i := range p.pairs {
		e := &p.pairs[i]
		if !e.must || st.slot[i] >= 0 {
			continue
		}
		final.forced[i] = false
		r, ok := sel.relaxedMust[int32(i)]
		if !ok {
			reason, msg := st.reason(int32(i))
			r = Relaxation{Kind: RelaxMustMeet, StartupID: p.sID[e.s], CompanyID: p.cID[e.c], Want: 1,
				Stage: StageSlotting, Reason: reason, Message: msg}
		}
		out = append(out, r)
	}
	for s, f := range p.floor {
		d := st.sDeg[s]
		if d >= f {
			continue
		}
		final.floor[s] = d
		r, ok := sel.relaxedFloor[int32(s)]
		if !ok || d < sel.lb.floor[s] {
			r = Relaxation{Kind: RelaxFloor, StartupID: p.sID[s], Want: int(f), Stage: StageSlotting, Reason: ReasonFloorNoSlot,
				Message: event.T(
					fmt.Sprintf("上限内では %d 件入りますが、双方が空いている時間枠とテーブルが見つかったのは %d 件です（下限 %d 件）", sel.lb.floor[s], d, f),
					fmt.Sprintf("The caps allow %d meetings, but free common slots and tables were found for only %d (floor %d)", sel.lb.floor[s], d, f))}
		}
		r.Kept = int(d)
		out = append(out, r)
	}
	return out, final
}

// conflicts lists the locked meetings in a slot one side cannot attend,
// each with a proposed move: a slot both attend where the startup is free,
// the company has a table and the slot has one (the lowest free table).
func (st *slotter) conflicts(final []Placement) []Conflict {
	p := st.p
	var out []Conflict
	used := map[[2]int]bool{}
	for _, m := range final {
		used[[2]int{m.Slot, m.Table}] = true
	}
	for _, l := range p.locked {
		sOK, cOK := p.sFree(int(l.s), int(l.slot)), p.cFree(int(l.c), int(l.slot))
		if sOK && cOK {
			continue
		}
		pl := Placement{StartupID: p.sID[l.s], CompanyID: p.cID[l.c], ThemeID: l.theme, Slot: int(l.slot), Table: int(l.table), Weight: l.weight, Locked: true}
		c := Conflict{Meeting: pl, Problems: []string{string(event.PlaceUnavailable)}}
		who := pl.StartupID
		if sOK {
			who = pl.CompanyID
		}
		pp := event.PlaceProblem{Kind: event.PlaceUnavailable, StartupID: pl.StartupID, CompanyID: pl.CompanyID, Slot: pl.Slot, Table: pl.Table, Who: who}
		c.Message = pp.Text("")
		for t := 0; t < p.K; t++ {
			if t == int(l.slot) || !p.sFree(int(l.s), t) || !p.cFree(int(l.c), t) || st.sBusy[int(l.s)*p.K+t] != free ||
				st.cLoad[int(l.c)*p.K+t] >= p.cTables[l.c] || int(st.slotLoad[t]) >= p.T {
				continue
			}
			table := 0
			for table < p.T && used[[2]int{t, table}] {
				table++
			}
			if table == p.T {
				continue
			}
			mv := pl
			mv.Slot, mv.Table, mv.Locked = t, table, false
			c.Proposed = &mv
			break
		}
		out = append(out, c)
	}
	return out
}

// construct builds the first timetable: the previous timetable's meetings
// back in place, then the pairs in order (with guide, the LP relaxation's
// primal solution of m: pairs by their LP value, each first tried in its
// LP slots; then the flow's pairs, most constrained first), then any pair
// that still fits, best first.
func (st *slotter) construct(ctx context.Context, sel *selection, guide []float64, m *relaxLP, progress func(string, int, int)) error {
	p := st.p
	// 1. Meetings of the previous timetable go back where they were, the
	// flow's choices first; the search below drops or moves one only when
	// that gains more than MoveCost.
	for pass := 0; pass < 2; pass++ {
		for i := range p.pairs {
			e := &p.pairs[i]
			if sel.chosen[i] == (pass == 0) && e.prevSlot >= 0 && st.capsLeft(int32(i)) && st.fits(int32(i), int(e.prevSlot)) {
				st.place(int32(i), e.prevSlot)
			}
		}
	}
	st.log = st.log[:0]
	if guide != nil {
		st.placeGuided(guide, m)
	}
	// 2. The flow's pairs, most constrained first.
	order := make([]int32, 0, len(p.pairs))
	for i := range p.pairs {
		if sel.chosen[i] && st.slot[i] < 0 {
			order = append(order, int32(i))
		}
	}
	// (slices' sort: the same order as sort.SliceStable, without its
	// reflection; a fifth of slotting's time at BIO scale.)
	slices.SortStableFunc(order, func(a, b int32) int {
		x, y := &p.pairs[a], &p.pairs[b]
		if fa, fb := sel.lb.forced[a], sel.lb.forced[b]; fa != fb {
			return -cmpBool(fa, fb)
		}
		if x.must != y.must {
			return -cmpBool(x.must, y.must)
		}
		if x.common != y.common {
			return cmp.Compare(x.common, y.common)
		}
		return cmp.Compare(y.coef, x.coef)
	})
	progress("slot", 0, len(order))
	depth, budget := 3, 300
	if guide != nil {
		depth, budget = 1, 30 // the LP placed what fits; the search does the rest
	}
	if err := st.insertAll(ctx, order, depth, budget); err != nil {
		return err
	}
	progress("slot", len(order), len(order))
	// 3. Fill what is left with any pair that still fits, best first.
	fill := make([]int32, 0, len(p.pairs))
	for i := range p.pairs {
		if st.slot[i] < 0 && p.pairs[i].common > 0 {
			fill = append(fill, int32(i))
		}
	}
	slices.SortStableFunc(fill, func(a, b int32) int { return cmp.Compare(p.pairs[b].coef, p.pairs[a].coef) })
	if err := st.insertAll(ctx, fill, 1, 30); err != nil {
		return err
	}
	return nil
}

// placeGuided places pairs by the LP relaxation's primal solution x of m:
// pairs in decreasing order of their LP value (the sum over their slots),
// each in its LP slots by decreasing value where it fits, else inserted
// as usual. Pairs with LP value below one half are left to the rest of
// the construction.
func (st *slotter) placeGuided(x []float64, m *relaxLP) {
	p := st.p
	sum := make([]float64, len(p.pairs))
	for j := 0; j < m.nX; j++ {
		sum[m.xPair[j]] += x[j]
	}
	order := make([]int32, 0, len(p.pairs))
	for i, v := range sum {
		if v > 0.5 && st.slot[i] < 0 {
			order = append(order, int32(i))
		}
	}
	sort.SliceStable(order, func(a, b int) bool {
		if sa, sb := sum[order[a]], sum[order[b]]; math.Abs(sa-sb) > 1e-6 {
			return sa > sb
		}
		return p.pairs[order[a]].coef > p.pairs[order[b]].coef
	})
	first := make([]int32, len(p.pairs)+1)
	for i := range first {
		first[i] = int32(m.nX)
	}
	for j := m.nX - 1; j >= 0; j-- {
		first[m.xPair[j]] = int32(j)
	}
	for i := len(p.pairs) - 1; i >= 0; i-- {
		if first[i] > first[i+1] {
			first[i] = first[i+1]
		}
	}
	var cols []int32
	for _, e := range order {
		if !st.capsLeft(e) {
			continue
		}
		cols = cols[:0]
		for j := first[e]; j < int32(m.nX) && m.xPair[j] == e; j++ {
			cols = append(cols, j)
		}
		sort.Slice(cols, func(a, b int) bool { return x[cols[a]] > x[cols[b]] })
		placed := false
		for _, j := range cols {
			if x[j] < 0.05 {
				break
			}
			if t := int(m.xSlot[j]); st.fits(e, t) {
				st.place(e, int32(t))
				placed = true
				break
			}
		}
		if !placed {
			st.budget = 100
			st.insert(e, 2)
		}
		st.log = st.log[:0]
	}
}

// cmpBool orders false before true.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case b:
		return -1
	}
	return 1
}
