package schedule

import (
	"context"
	"math"
	"time"
)

// Bound methods reported in Result.BoundMethod.
const (
	// BoundSelection: the selection's b-matching optimum, which ignores
	// when meetings happen (every per-slot constraint dropped).
	BoundSelection = "selection"
	// BoundLagrangian: a Lagrangian relaxation of the per-slot constraints
	// (a startup in one meeting per slot, a company in at most its tables,
	// a slot's tables), each priced by a multiplier found by subgradient
	// steps; every pair then meets in its cheapest slot and the rest is the
	// selection flow, solved exactly. Any multipliers give a valid bound;
	// the best found is reported. Its limit is the LP relaxation of the
	// time-indexed model.
	BoundLagrangian = "lagrangian"
)

// lagrangeGoodEnough is the relative gap at which the bound stops
// improving: 0.05 %, far below what the report shows.
const lagrangeGoodEnough = 5e-4

// lagrangeBound returns the best Lagrangian bound found for the problem
// with lower bounds lb (never above start, the bound it must improve) and
// the iterations run, within deadline, starting from multipliers init
// (nil: zero; else per startup×slot, company×slot, then slot). target is a known objective (the
// timetable's), used for Polyak steps.
func lagrangeBound(ctx context.Context, p *problem, lb *lowerBounds, start, target float64, maxIter int, deadline time.Time, init []float64) (float64, int, error) {
	nS, nC, K := len(p.sID), len(p.cID), p.K
	capS, capC, capT := p.slotCapacities()
	lamS := make([]float64, nS*K)
	lamC := make([]float64, nC*K)
	lamT := make([]float64, K)
	if len(init) == nS*K+nC*K+K {
		copy(lamS, init[:nS*K])
		copy(lamC, init[nS*K:nS*K+nC*K])
		copy(lamT, init[nS*K+nC*K:])
	}
	gS := make([]float64, nS*K)
	gC := make([]float64, nC*K)
	gT := make([]float64, K)
	dS := make([]float64, nS*K)
	dC := make([]float64, nC*K)
	dT := make([]float64, K)
	// The pairs' true coefficients, restored at the end.
	coef := make([]float64, len(p.pairs))
	common := make([]int32, len(p.pairs))
	prevSlot := make([]int32, len(p.pairs))
	for i := range p.pairs {
		coef[i], common[i], prevSlot[i] = p.pairs[i].coef, p.pairs[i].common, p.pairs[i].prevSlot
	}
	defer func() {
		for i := range p.pairs {
			p.pairs[i].coef, p.pairs[i].common, p.pairs[i].prevSlot = coef[i], common[i], prevSlot[i]
		}
	}()
	slotOf := make([]int32, len(p.pairs))
	best := start
	theta, sinceBest := 2.0, 0
	if init != nil {
		theta = 0.1 // near the optimum already: small steps
	}
	it := 0
	for ; it < maxIter; it++ {
		if err := ctx.Err(); err != nil {
			return best, it, err
		}
		if !deadline.IsZero() && time.Now().After(deadline) {
			break
		}
		// Each pair in its best slot under the multipliers.
		for i := range p.pairs {
			e := &p.pairs[i]
			e.prevSlot = -1 // no re-run tie-break in a bound
			bv, bt := math.Inf(-1), int32(-1)
			for t := 0; t < K; t++ {
				si, ci := int(e.s)*K+t, int(e.c)*K+t
				if !p.both(e, t) || capS[si] <= 0 || capC[ci] <= 0 || capT[t] <= 0 {
					continue
				}
				if v := coef[i] - lamS[si] - lamC[ci] - lamT[t]; v > bv {
					bv, bt = v, int32(t)
				}
			}
			slotOf[i] = bt
			if bt < 0 {
				e.common = 0 // no slot left: out of the network
				continue
			}
			e.common = common[i]
			// Rewards may only be rounded up for a valid bound; keep them
			// in the flow's range.
			e.coef = max(bv, -1000)
		}
		sel, err := solveWith(ctx, p, lb)
		if err != nil {
			if ctx.Err() != nil {
				return best, it, err
			}
			// Not a bound for lb (a lower bound whose pairs lost every
			// slot): keep the best found so far.
			break
		}
		// The flow's bound counts the locked meetings at their true value;
		// the multipliers' constant part adds the priced capacities.
		L := sel.bound
		for i, c := range capS {
			L += lamS[i] * max(c, 0)
		}
		for i, c := range capC {
			L += lamC[i] * max(c, 0)
		}
		for t, c := range capT {
			L += lamT[t] * max(c, 0)
		}
		if L < best-1e-9 {
			best, sinceBest = L, 0
		} else if sinceBest++; sinceBest >= 8 {
			theta, sinceBest = theta/2, 0
		}
		if best-target <= lagrangeGoodEnough*math.Max(1e-9, best) || theta < 1e-4 {
			break
		}
		// Subgradient: capacity less use, per constraint, deflected by
		// the previous direction (less zig-zag between degenerate slots).
		const beta = 0.6
		for i, c := range capS {
			gS[i] = max(c, 0)
		}
		for i, c := range capC {
			gC[i] = max(c, 0)
		}
		for t, c := range capT {
			gT[t] = max(c, 0)
		}
		for i, ch := range sel.chosen {
			if !ch || slotOf[i] < 0 {
				continue
			}
			e := &p.pairs[i]
			t := int(slotOf[i])
			gS[int(e.s)*K+t]--
			gC[int(e.c)*K+t]--
			gT[t]--
		}
		for k := range gS {
			dS[k] = gS[k] + beta*dS[k]
		}
		for k := range gC {
			dC[k] = gC[k] + beta*dC[k]
		}
		for k := range gT {
			dT[k] = gT[k] + beta*dT[k]
		}
		norm := 0.0
		for j, g := range [][]float64{dS, dC, dT} {
			lam := [][]float64{lamS, lamC, lamT}[j]
			for k, v := range g {
				// Only components that can move: a multiplier at 0 with
				// slack stays at 0.
				if v < 0 || lam[k] > 0 {
					norm += v * v
				}
			}
		}
		if norm == 0 {
			break // the relaxed solution meets every per-slot constraint: optimal
		}
		step := theta * math.Max(L-target, 1e-3) / norm
		for k, v := range dS {
			lamS[k] = max(0, lamS[k]-step*v)
		}
		for k, v := range dC {
			lamC[k] = max(0, lamC[k]-step*v)
		}
		for k, v := range dT {
			lamT[k] = max(0, lamT[k]-step*v)
		}
	}
	return best, it, nil
}

// slotCapacities are the per-slot capacities the locked meetings leave:
// each startup's one meeting per slot (startup×slot), each company's tables
// (company×slot) and the venue's tables (per slot). The Lagrangian bound and
// the LP relaxation price the same three constraints.
func (p *problem) slotCapacities() (capS, capC, capT []float64) {
	nS, nC, K := len(p.sID), len(p.cID), p.K
	capS = make([]float64, nS*K)
	capC = make([]float64, nC*K)
	capT = make([]float64, K)
	for i := range capS {
		capS[i] = 1
	}
	for c := 0; c < nC; c++ {
		for t := 0; t < K; t++ {
			capC[c*K+t] = float64(p.cTables[c])
		}
	}
	for t := range capT {
		capT[t] = float64(p.T)
	}
	for _, l := range p.locked {
		capS[int(l.s)*K+int(l.slot)]--
		capC[int(l.c)*K+int(l.slot)]--
		capT[l.slot]--
	}
	return capS, capC, capT
}
