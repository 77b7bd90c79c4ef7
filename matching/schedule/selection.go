package schedule

import (
	"context"
	"math"
)

// costUnit converts objective points to integer flow costs. Costs are
// rounded up and doubled, and a kept pair of Input.Previous gets one extra
// unit as a tie-breaker, so the integer optimum divided by 2·costUnit is
// never below the true optimum of the relaxation: a valid upper bound.
const costUnit = 100000

func intCost(points float64) int64 { return 2 * int64(math.Ceil(points*costUnit)) }

// selection is the flow's answer: the pairs it chose and the bound.
type selection struct {
	chosen []bool  // per pair
	bound  float64 // upper bound on the objective of any timetable
	value  float64 // the chosen pairs' objective (true coefficients)
	arcs   []int32 // flow arc of each pair, -1 when not in the network
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

// selectPairs solves the max-weight b-matching relaxation: per-participant
// caps, the venue's slot × table capacity and the fairness floor (as a
// concave reward per startup), but not the timing of meetings.
func selectPairs(ctx context.Context, p *problem) (*selection, error) {
	nS, nC := len(p.sID), len(p.cID)
	src, sink := 0, nS+nC+1
	g := newCirculation(nS+nC+2, len(p.pairs)+2*nS+nC+1)
	floorCost := -intCost(p.bonus.Floor)
	for s := 0; s < nS; s++ {
		rem := int64(max(0, p.sCap[s]-p.sLocked[s]))
		fr := int64(max(0, p.floor[s]-p.sLocked[s]))
		fr = min(fr, rem)
		if fr > 0 && floorCost < 0 {
			g.addArc(src, 1+s, fr, floorCost)
			rem -= fr
		}
		if rem > 0 {
			g.addArc(src, 1+s, rem, 0)
		}
	}
	sel := &selection{chosen: make([]bool, len(p.pairs)), arcs: make([]int32, len(p.pairs))}
	for i := range p.pairs {
		e := &p.pairs[i]
		sel.arcs[i] = -1
		if e.common == 0 {
			continue
		}
		c := -intCost(e.coef)
		if e.prevSlot >= 0 {
			c--
		}
		if c >= 0 && (p.floor[e.s] == 0 || floorCost == 0) {
			continue // never worth selecting
		}
		sel.arcs[i] = int32(g.addArc(1+int(e.s), 1+nS+int(e.c), 1, c))
	}
	for c := 0; c < nC; c++ {
		if rem := int64(max(0, p.cCap[c]-p.cLocked[c])); rem > 0 {
			g.addArc(1+nS+c, sink, rem, 0)
		}
	}
	if total := int64(p.K*p.T - len(p.locked)); total > 0 {
		g.addArc(sink, src, total, 0)
	}
	if err := g.solve(ctx); err != nil {
		return nil, err
	}
	deg := make([]int32, nS)
	copy(deg, p.sLocked)
	for i, a := range sel.arcs {
		if a >= 0 && g.flowOn(int(a)) > 0 {
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
	sel.bound = p.lockedValue() + float64(-g.totalCost())/(2*costUnit)
	// The flow's own solution is feasible for the relaxation, so the bound
	// can never be below it; guard against float rounding in the sum.
	if sel.bound < sel.value {
		sel.bound = sel.value
	}
	return sel, nil
}
