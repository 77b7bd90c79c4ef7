package schedule

import (
	"context"
	"errors"
	"fmt"
	"math"

	"pitchmatch/event"
)

// costUnit converts objective points to integer flow costs. Costs are
// rounded up and doubled, and a kept pair of Input.Previous gets one extra
// unit as a tie-breaker, so the integer optimum divided by 2·costUnit is
// never below the true optimum of the relaxation: a valid upper bound.
const costUnit = 100000

func intCost(points float64) int64 { return 2 * int64(math.Ceil(points*costUnit)) }

// Relief costs of the relaxation flow: what dropping one lower-bound unit
// costs. One must-meet takes one unit of its startup's, its company's and
// the venue's capacity, so dropping it can make room for at most two floor
// units elsewhere; at three floor units, a must-meet is dropped only when
// that makes room for nothing else. Which of equally costly sets goes is
// left to the objective (see relax).
const (
	reliefFloor = 1000
	reliefMust  = 3 * reliefFloor
)

func mustRelief(*pair) int64 { return reliefMust }

// lowerBounds are the selection's lower bounds: the must-meet pairs that
// must be chosen and each startup's least number of meetings (locked ones
// included).
type lowerBounds struct {
	forced []bool  // per pair
	floor  []int32 // per startup
}

// initialBounds asks for everything: every must-meet pair and every
// startup's fairness floor min(k, its effective cap, its pairs).
func initialBounds(p *problem) *lowerBounds {
	lb := &lowerBounds{forced: make([]bool, len(p.pairs)), floor: append([]int32(nil), p.floor...)}
	for i := range p.pairs {
		lb.forced[i] = p.pairs[i].must
	}
	return lb
}

func (lb *lowerBounds) clone() *lowerBounds {
	return &lowerBounds{forced: append([]bool(nil), lb.forced...), floor: append([]int32(nil), lb.floor...)}
}

func (lb *lowerBounds) equal(o *lowerBounds) bool {
	for i := range lb.forced {
		if lb.forced[i] != o.forced[i] {
			return false
		}
	}
	for i := range lb.floor {
		if lb.floor[i] != o.floor[i] {
			return false
		}
	}
	return true
}

// selection is the flow's answer: the pairs it chose and the bound.
type selection struct {
	chosen []bool  // per pair
	bound  float64 // upper bound on the objective of any timetable meeting lb
	value  float64 // the chosen pairs' objective (true coefficients)
	lb     *lowerBounds
	// relaxed are the lower bounds the relaxation flow dropped because the
	// caps cannot hold them together, by pair (must-meets) and startup.
	relaxedMust  map[int32]Relaxation
	relaxedFloor map[int32]Relaxation
}

// lockedValue is the objective of the locked meetings alone.
func (p *problem) lockedValue() float64 {
	v := 0.0
	for _, l := range p.locked {
		v += l.coef
	}
	for s, f := range p.floor {
		v += p.bonus.Floor * float64(min(f, p.sLocked[s]))
	}
	return v
}

// selNet is the selection network: source → startup (a floor arc of the
// first floor meetings, worth Bonuses.Floor each, then the rest of the
// cap) → company (one arc per pair) → sink (the company's cap) → source
// (the venue's tables). Must-meet arcs have lower bound 1 and a startup's
// floor arc a lower bound of its floor.
type selNet struct {
	g           *circulation
	pairArc     []int32 // per pair, -1 when not in the network
	floorArc    []int32 // per startup, -1 when not in the network
	objective   bool    // the arcs carry the objective's costs
	mustRelief  []int32 // relaxation flow only: per pair, -1
	floorRelief []int32 // relaxation flow only: per startup, -1
}

// buildNet builds the selection network for lb. With relief > 0 it is a
// relaxation flow instead: every lower-bound arc u→v gets a reverse relief
// arc v→u (capacity its lower bound) that carries the units that cannot be
// sent, so it is always feasible. A relief arc costs relief × its relief
// cost, less the arc's own cost, so a unit sent back also gives back what
// the arc earned: the flow net of relief is what counts. With
// withObjective false the pair and floor arcs cost nothing.
func buildNet(p *problem, lb *lowerBounds, relief int64, withObjective bool) *selNet {
	nS, nC := len(p.sID), len(p.cID)
	src, sink := 0, nS+nC+1
	g := newCirculation(nS+nC+2, len(p.pairs)+2*nS+nC+1)
	n := &selNet{g: g, pairArc: make([]int32, len(p.pairs)), floorArc: make([]int32, nS), objective: withObjective}
	if relief > 0 {
		n.mustRelief = make([]int32, len(p.pairs))
		n.floorRelief = make([]int32, nS)
		for i := range n.mustRelief {
			n.mustRelief[i] = -1
		}
		for i := range n.floorRelief {
			n.floorRelief[i] = -1
		}
	}
	cost := func(c int64) int64 {
		if !withObjective {
			return 0
		}
		return c
	}
	floorCost := -intCost(p.bonus.Floor)
	for s := 0; s < nS; s++ {
		rem := int64(max(0, p.sCap[s]-p.sLocked[s]))
		fr := min(int64(max(0, p.floor[s]-p.sLocked[s])), rem)
		low := min(int64(max(0, lb.floor[s]-p.sLocked[s])), fr)
		n.floorArc[s] = -1
		if fr > 0 {
			n.floorArc[s] = int32(g.addArcLB(src, 1+s, low, fr, cost(floorCost)))
			rem -= fr
			if relief > 0 && low > 0 {
				n.floorRelief[s] = int32(g.addArc(1+s, src, low, relief*reliefFloor-cost(floorCost)))
			}
		}
		if rem > 0 {
			g.addArc(src, 1+s, rem, 0)
		}
	}
	for i := range p.pairs {
		e := &p.pairs[i]
		n.pairArc[i] = -1
		if e.common == 0 {
			continue
		}
		c := -intCost(e.coef)
		if e.prevSlot >= 0 {
			c--
		}
		forced := lb.forced[i]
		if c >= 0 && !forced && p.floor[e.s] == 0 {
			continue // never worth selecting, never needed
		}
		low := int64(0)
		if forced {
			low = 1
		}
		n.pairArc[i] = int32(g.addArcLB(1+int(e.s), 1+nS+int(e.c), low, 1, cost(c)))
		if relief > 0 && forced {
			n.mustRelief[i] = int32(g.addArc(1+nS+int(e.c), 1+int(e.s), 1, relief*mustRelief(e)-cost(c)))
		}
	}
	for c := 0; c < nC; c++ {
		if rem := int64(max(0, p.cCap[c]-p.cLocked[c])); rem > 0 {
			g.addArc(1+nS+c, sink, rem, 0)
		}
	}
	if total := int64(p.K*p.T - len(p.locked)); total > 0 {
		g.addArc(sink, src, total, 0)
	}
	return n
}

// reliefCost is the relief cost (in units of reliefFloor) a relaxation
// flow paid.
func (n *selNet) reliefCost(p *problem) int64 {
	var c int64
	for _, a := range n.floorRelief {
		if a >= 0 {
			c += reliefFloor * n.g.flowOn(int(a))
		}
	}
	for i, a := range n.mustRelief {
		if a >= 0 {
			c += mustRelief(&p.pairs[i]) * n.g.flowOn(int(a))
		}
	}
	return c
}

// selectPairs solves the max-weight b-matching relaxation with lower
// bounds: per-participant caps, the venue's slot × table capacity, every
// must-meet pair forced and every startup's fairness floor as a lower
// bound, but not the timing of meetings. When the lower bounds are
// infeasible together, the relaxation flow drops as few of them as it can
// (see relax) and the selection is solved with the rest.
func selectPairs(ctx context.Context, p *problem) (*selection, error) {
	lb := initialBounds(p)
	relaxedMust, relaxedFloor := map[int32]Relaxation{}, map[int32]Relaxation{}
	// A must-meet whose sides share no available slot cannot be forced.
	for i := range p.pairs {
		if e := &p.pairs[i]; e.must && e.common == 0 {
			lb.forced[i] = false
			relaxedMust[int32(i)] = Relaxation{Kind: RelaxMustMeet, StartupID: p.sID[e.s], CompanyID: p.cID[e.c], Want: 1,
				Stage: StageSelection, Reason: ReasonNoCommonSlot,
				Message: event.T("双方が参加できる共通の時間枠がありません", "The two sides have no slot in which both are available")}
		}
	}
	sel, err := solveWith(ctx, p, lb)
	if errors.Is(err, errInfeasible) {
		var n *selNet
		if n, err = relax(ctx, p, lb, relaxedMust, relaxedFloor); err != nil {
			return nil, err
		}
		if n.objective {
			// The relaxation flow with the objective is already optimal
			// for the relaxed bounds (net of relief).
			sel = n.selection(p, lb)
		} else {
			sel, err = solveWith(ctx, p, lb)
		}
	}
	if err != nil {
		return nil, err
	}
	sel.relaxedMust, sel.relaxedFloor = relaxedMust, relaxedFloor
	return sel, nil
}

// solveWith solves the selection flow with lower bounds lb; it returns
// errInfeasible when they cannot all be met.
func solveWith(ctx context.Context, p *problem, lb *lowerBounds) (*selection, error) {
	n := buildNet(p, lb, 0, true)
	if err := n.g.solve(ctx); err != nil {
		return nil, err
	}
	return n.selection(p, lb), nil
}

// effective is the flow on input arc a net of its relief arc r (-1: none):
// the flow of the relaxed problem.
func (n *selNet) effective(a, r int32) int64 {
	f := n.g.flowOn(int(a))
	if r >= 0 {
		f -= n.g.flowOn(int(r))
	}
	return f
}

// selection reads the selection from a solved network with the
// objective's costs: the pairs chosen and the bound, the objective of the
// flow net of relief (its relief arcs, if any, are not part of it). lb
// must be the lower bounds the flow meets.
func (n *selNet) selection(p *problem, lb *lowerBounds) *selection {
	nS := len(p.sID)
	sel := &selection{chosen: make([]bool, len(p.pairs)), lb: lb}
	deg := make([]int32, nS)
	copy(deg, p.sLocked)
	// Objective cost of the effective flow: every arc but the relief arcs,
	// less the units a relief arc sent back.
	cost := n.g.totalCost()
	for i, r := range n.mustRelief {
		if r >= 0 {
			f := n.g.flowOn(int(r))
			cost -= f * (n.g.costs[r] + n.g.costs[n.pairArc[i]])
		}
	}
	for s, r := range n.floorRelief {
		if r >= 0 {
			f := n.g.flowOn(int(r))
			cost -= f * (n.g.costs[r] + n.g.costs[n.floorArc[s]])
		}
	}
	for i, a := range n.pairArc {
		r := int32(-1)
		if n.mustRelief != nil {
			r = n.mustRelief[i]
		}
		if a >= 0 && n.effective(a, r) > 0 {
			sel.chosen[i] = true
			sel.value += p.pairs[i].coef
			deg[p.pairs[i].s]++
		}
	}
	for _, l := range p.locked {
		sel.value += l.coef
	}
	for s, f := range p.floor {
		sel.value += p.bonus.Floor * float64(min(f, deg[s]))
	}
	sel.bound = p.lockedValue() + float64(-cost)/(2*costUnit)
	// The flow's own solution is feasible for the relaxation, so the bound
	// can never be below it; guard against float rounding in the sum.
	if sel.bound < sel.value {
		sel.bound = sel.value
	}
	return sel
}

// relax lowers lb until it is feasible, dropping as little as it can: the
// relaxation flow (buildNet with relief) sends every lower bound's units
// it can and carries the rest, the unsatisfied demand of the feasibility
// flow, on relief arcs at the relief costs, so it finds the cheapest set
// of must-meets and floor units to drop (least relief cost). Many sets
// may cost the same; a second flow with the objective and the relief
// costs scaled far above it picks, among the cheapest, the one that
// leaves the best objective, and is used when its relief cost is indeed
// the least (else the first flow's set is). Each is recorded with its
// reason.
func relax(ctx context.Context, p *problem, lb *lowerBounds, relaxedMust, relaxedFloor map[int32]Relaxation) (*selNet, error) {
	n := buildNet(p, lb, 1, false)
	if err := n.g.solve(ctx); err != nil {
		return nil, fmt.Errorf("relaxation flow: %w", err)
	}
	least := n.reliefCost(p)
	// Relief scaled to 10,000 objective points per floor unit, or less if
	// the costs would not fit the solver's range.
	scale := min(int64(10000*2*costUnit/reliefFloor), (int64(1)<<50)/int64(n.g.n+1)/(4*reliefMust))
	if scale > 0 {
		lex := buildNet(p, lb, scale, true)
		if err := lex.g.solve(ctx); err != nil {
			return nil, fmt.Errorf("relaxation flow: %w", err)
		}
		if lex.reliefCost(p) == least {
			n = lex
		}
	}
	nS, nC := len(p.sID), len(p.cID)
	sMust, cMust := make([]int32, nS), make([]int32, nC)
	for i, f := range lb.forced {
		if f {
			sMust[p.pairs[i].s]++
			cMust[p.pairs[i].c]++
		}
	}
	for i, a := range n.mustRelief {
		if a < 0 || n.g.flowOn(int(a)) == 0 {
			continue
		}
		e := &p.pairs[i]
		lb.forced[i] = false
		r := Relaxation{Kind: RelaxMustMeet, StartupID: p.sID[e.s], CompanyID: p.cID[e.c], Want: 1, Stage: StageSelection, Reason: ReasonMustMeetsOverCap}
		switch {
		case sMust[e.s]+p.sLocked[e.s] > p.sCap[e.s]:
			r.Message = event.T(
				fmt.Sprintf("スタートアップ %s の必須面談（確定済みを含む）%d 件が上限 %d 件を超えています", p.sID[e.s], sMust[e.s]+p.sLocked[e.s], p.sCap[e.s]),
				fmt.Sprintf("Startup %s has %d must-meets and locked meetings but room for only %d meetings", p.sID[e.s], sMust[e.s]+p.sLocked[e.s], p.sCap[e.s]))
		case cMust[e.c]+p.cLocked[e.c] > p.cCap[e.c]:
			r.Message = event.T(
				fmt.Sprintf("企業 %s の必須面談（確定済みを含む）%d 件が上限 %d 件を超えています", p.cID[e.c], cMust[e.c]+p.cLocked[e.c], p.cCap[e.c]),
				fmt.Sprintf("Company %s has %d must-meets and locked meetings but room for only %d meetings", p.cID[e.c], cMust[e.c]+p.cLocked[e.c], p.cCap[e.c]))
		default:
			r.Message = event.T(
				"参加者の上限と会場のテーブル数（時間枠 × テーブル）では、すべての必須面談を入れられません",
				"The participants' limits and the venue's tables (slots × tables) cannot hold every must-meet together")
		}
		relaxedMust[int32(i)] = r
	}
	for s, a := range n.floorRelief {
		if a < 0 {
			continue
		}
		d := int32(n.g.flowOn(int(a)))
		if d == 0 {
			continue
		}
		lb.floor[s] -= d
		usable := p.sLocked[s]
		for _, i := range p.sPairs[s] {
			if p.pairs[i].common > 0 {
				usable++
			}
		}
		r := Relaxation{Kind: RelaxFloor, StartupID: p.sID[s], Want: int(p.floor[s]), Kept: int(lb.floor[s]), Stage: StageSelection, Reason: ReasonFloorOverCap}
		if usable < p.floor[s] {
			r.Message = event.T(
				fmt.Sprintf("共通の空き時間枠がある候補は %d 件だけです（下限 %d 件）", usable, p.floor[s]),
				fmt.Sprintf("Only %d of its pairs share an available slot (floor %d)", usable, p.floor[s]))
		} else {
			r.Message = event.T(
				fmt.Sprintf("候補の企業または会場のテーブルが必須面談と他の下限で埋まり、%d 件までしか確保できません（下限 %d 件）", lb.floor[s], p.floor[s]),
				fmt.Sprintf("Its candidate companies or the venue's tables are taken by must-meets and other startups' floors; only %d of %d can be guaranteed", lb.floor[s], p.floor[s]))
		}
		relaxedFloor[int32(s)] = r
	}
	return n, nil
}
