package schedule

import (
	"context"
	"math"
	"time"
)

// BoundLP: the dual of the LP relaxation of the time-indexed model (one
// variable per pair and slot both sides attend), solved approximately by a
// first-order method (restarted primal–dual hybrid gradient, as PDLP);
// any non-negative dual gives a valid bound, so the reported bound is
// valid however far the method got.
const BoundLP = "lp"

// Limits of the LP relaxation in Solve.
const (
	lpMaxVars    = 600000 // most pair×slot variables (memory ≈ 250 bytes each)
	lpMaxIter    = 200000
	lpTol        = 1e-6 // relative gap and infeasibility at which it stops
	lpShare      = 65   // percent of the time limit for the first (soft) run, at most: it ends once converged
	lpFinalShare = 15   // percent kept for the bound on the final lower bounds
)

// lpSize is the number of pair×slot variables of p's LP relaxation.
func lpSize(p *problem) int {
	n := 0
	for i := range p.pairs {
		n += int(p.pairs[i].common)
	}
	return n
}

// lpPenalty is the price of one floor unit missed in the soft model: above
// what any one meeting is worth, so meeting a lower bound always pays.
func lpPenalty(p *problem) float64 {
	m := 1.0
	for i := range p.pairs {
		m = max(m, p.pairs[i].coef)
	}
	return 2 * (m + p.bonus.Floor)
}

// slotDuals are y's multipliers of the per-slot rows, per startup×slot,
// company×slot and slot (0 where the model has no row), the layout
// lagrangeBound starts from.
func (m *relaxLP) slotDuals(p *problem, y []float64) []float64 {
	nS, nC, K := len(p.sID), len(p.cID), p.K
	out := make([]float64, nS*K+nC*K+K)
	for i, r := range m.rowS {
		if r >= 0 {
			out[i] = y[r]
		}
	}
	for i, r := range m.rowC {
		if r >= 0 {
			out[nS*K+i] = y[r]
		}
	}
	for t, r := range m.rowT {
		if r >= 0 {
			out[nS*K+nC*K+t] = y[r]
		}
	}
	return out
}

// relaxLP is the LP relaxation of the timetable problem in the form
// maximise cost·x subject to A x ≤ b, 0 ≤ x ≤ ub. Its columns are, in
// order: one x per pair and slot both sides attend (pair xPair[j], slot
// xSlot[j]), one y per startup with a floor (its floor bonus units,
// y ≤ its meetings), and one relief column per lower-bound row (soft
// mode; ub 0 when the lower bounds are hard). Rows: each pair at most
// once, the caps, a startup once per slot, a company within its tables
// per slot, a slot within the venue's tables, the lower bounds (must-meets
// at least once, floors: at least the floor), and y ≤ meetings. Locked
// meetings are taken out of the right-hand sides; their value is base.
type relaxLP struct {
	nX, nCol, nRow int
	cost, ub       []float64
	b              []float64
	// CSR rows and CSC columns of A (entries ±1).
	rowStart []int32
	rowCol   []int32
	rowVal   []float64
	colStart []int32
	colRow   []int32
	colVal   []float64
	xPair    []int32
	xSlot    []int32
	// Per-slot rows, -1 when there is none: startup s×K+t, company c×K+t,
	// slot t.
	rowS, rowC, rowT []int32
	// Lower-bound rows: per pair (must-meets) and per startup (floors), -1
	// when none; relief column of each lower-bound row.
	rowMust, rowLeast []int32
	reliefCol         []int32 // per row, -1 when the row has none
	base              float64
}

// newRelaxLP builds the model of p with lower bounds lb; with penalty > 0
// every lower bound may be missed at that price per floor unit (three for
// a must-meet), else they are hard.
func newRelaxLP(p *problem, lb *lowerBounds, penalty float64) *relaxLP {
	nS, nC, K := len(p.sID), len(p.cID), p.K
	m := &relaxLP{base: p.lockedValue()}
	capS, capC, capT := p.slotCapacities()
	// Columns x.
	pairCols := make([][2]int32, len(p.pairs)) // first column, count
	for i := range p.pairs {
		e := &p.pairs[i]
		pairCols[i][0] = int32(len(m.xPair))
		if e.common == 0 {
			continue
		}
		for t := 0; t < K; t++ {
			if p.both(e, t) && capS[int(e.s)*K+t] > 0 && capC[int(e.c)*K+t] > 0 && capT[t] > 0 {
				m.xPair = append(m.xPair, int32(i))
				m.xSlot = append(m.xSlot, int32(t))
				m.cost = append(m.cost, e.coef)
				m.ub = append(m.ub, 1)
			}
		}
		pairCols[i][1] = int32(len(m.xPair)) - pairCols[i][0]
	}
	m.nX = len(m.xPair)
	yCol := make([]int32, nS)
	for s := range yCol {
		yCol[s] = -1
		if f := p.floor[s]; f > 0 && p.bonus.Floor > 0 {
			yCol[s] = int32(len(m.cost))
			m.cost = append(m.cost, p.bonus.Floor)
			m.ub = append(m.ub, float64(f))
		}
	}
	// Rows as triplets.
	var tr [][3]float64 // row, col, val
	add := func(cols []int32, val float64, rhs float64) int32 {
		r := int32(len(m.b))
		m.b = append(m.b, rhs)
		for _, j := range cols {
			tr = append(tr, [3]float64{float64(r), float64(j), val})
		}
		return r
	}
	var cols []int32
	byS := make([][]int32, nS)
	byC := make([][]int32, nC)
	byT := make([][]int32, K)
	for j := 0; j < m.nX; j++ {
		e := &p.pairs[m.xPair[j]]
		byS[e.s] = append(byS[e.s], int32(j))
		byC[e.c] = append(byC[e.c], int32(j))
		byT[m.xSlot[j]] = append(byT[m.xSlot[j]], int32(j))
	}
	for i := range p.pairs {
		if n := pairCols[i][1]; n > 1 {
			cols = cols[:0]
			for j := pairCols[i][0]; j < pairCols[i][0]+n; j++ {
				cols = append(cols, j)
			}
			add(cols, 1, 1)
		}
	}
	for s, js := range byS {
		if rem := float64(p.sCap[s] - p.sLocked[s]); float64(len(js)) > rem {
			add(js, 1, max(rem, 0))
		}
	}
	for c, js := range byC {
		if rem := float64(p.cCap[c] - p.cLocked[c]); float64(len(js)) > rem {
			add(js, 1, max(rem, 0))
		}
	}
	m.rowS = make([]int32, nS*K)
	m.rowC = make([]int32, nC*K)
	m.rowT = make([]int32, K)
	bucket := make([][]int32, K)
	perSlot := func(groups [][]int32, rows []int32, capOf []float64) {
		for k, js := range groups {
			for t := range bucket {
				bucket[t] = bucket[t][:0]
			}
			for _, j := range js {
				bucket[m.xSlot[j]] = append(bucket[m.xSlot[j]], j)
			}
			for t, bj := range bucket {
				rows[k*K+t] = -1
				if float64(len(bj)) > capOf[k*K+t] {
					rows[k*K+t] = add(bj, 1, capOf[k*K+t])
				}
			}
		}
	}
	perSlot(byS, m.rowS, capS)
	perSlot(byC, m.rowC, capC)
	for t, js := range byT {
		m.rowT[t] = -1
		if float64(len(js)) > capT[t] {
			m.rowT[t] = add(js, 1, capT[t])
		}
	}
	// Lower bounds, each with a relief column.
	m.rowMust = make([]int32, len(p.pairs))
	m.rowLeast = make([]int32, nS)
	relief := func(r int32, price, ub float64) {
		j := int32(len(m.cost))
		m.cost = append(m.cost, -price)
		if penalty <= 0 {
			ub = 0
		}
		m.ub = append(m.ub, ub)
		tr = append(tr, [3]float64{float64(r), float64(j), -1})
		for len(m.reliefCol) <= int(r) {
			m.reliefCol = append(m.reliefCol, -1)
		}
		m.reliefCol[r] = j
	}
	for i := range p.pairs {
		m.rowMust[i] = -1
		if lb.forced[i] && pairCols[i][1] > 0 {
			cols = cols[:0]
			for j := pairCols[i][0]; j < pairCols[i][0]+pairCols[i][1]; j++ {
				cols = append(cols, j)
			}
			m.rowMust[i] = add(cols, -1, -1)
			relief(m.rowMust[i], penalty*reliefMust/reliefFloor, 1)
		}
	}
	for s := range m.rowLeast {
		m.rowLeast[s] = -1
		if need := float64(lb.floor[s] - p.sLocked[s]); need > 0 {
			m.rowLeast[s] = add(byS[s], -1, -need)
			relief(m.rowLeast[s], penalty, need)
		}
	}
	for s, j := range yCol {
		if j >= 0 {
			r := add(byS[s], -1, float64(p.sLocked[s]))
			tr = append(tr, [3]float64{float64(r), float64(j), 1})
		}
	}
	m.nCol, m.nRow = len(m.cost), len(m.b)
	for len(m.reliefCol) < m.nRow {
		m.reliefCol = append(m.reliefCol, -1)
	}
	// CSR and CSC.
	m.rowStart = make([]int32, m.nRow+1)
	m.colStart = make([]int32, m.nCol+1)
	for _, x := range tr {
		m.rowStart[int(x[0])+1]++
		m.colStart[int(x[1])+1]++
	}
	for r := 0; r < m.nRow; r++ {
		m.rowStart[r+1] += m.rowStart[r]
	}
	for j := 0; j < m.nCol; j++ {
		m.colStart[j+1] += m.colStart[j]
	}
	m.rowCol = make([]int32, len(tr))
	m.rowVal = make([]float64, len(tr))
	m.colRow = make([]int32, len(tr))
	m.colVal = make([]float64, len(tr))
	rp := append([]int32(nil), m.rowStart[:m.nRow]...)
	cp := append([]int32(nil), m.colStart[:m.nCol]...)
	for _, x := range tr {
		r, j := int(x[0]), int(x[1])
		m.rowCol[rp[r]], m.rowVal[rp[r]] = int32(j), x[2]
		rp[r]++
		m.colRow[cp[j]], m.colVal[cp[j]] = int32(r), x[2]
		cp[j]++
	}
	return m
}

// setHard makes every lower bound hard with the right-hand sides of lb
// (the model's rows must come from bounds at least as wide: a row absent
// in the model stays absent).
func (m *relaxLP) setHard(p *problem, lb *lowerBounds) {
	for i, r := range m.rowMust {
		if r >= 0 {
			m.b[r] = 0
			if lb.forced[i] {
				m.b[r] = -1
			}
		}
	}
	for s, r := range m.rowLeast {
		if r >= 0 {
			m.b[r] = -float64(max(0, lb.floor[s]-p.sLocked[s]))
		}
	}
	for _, j := range m.reliefCol {
		if j >= 0 {
			m.ub[j] = 0
		}
	}
}

// dualBound is the Lagrangian bound of multipliers y ≥ 0 on every row:
// base + b·y + Σ ub_j · max(0, cost_j − (Aᵀy)_j), valid for any y ≥ 0.
// It also returns the reduced costs in rc (length nCol).
func (m *relaxLP) dualBound(y, rc []float64) float64 {
	v := m.base
	for r, yr := range y {
		v += m.b[r] * yr
	}
	for j := 0; j < m.nCol; j++ {
		d := m.cost[j]
		for k := m.colStart[j]; k < m.colStart[j+1]; k++ {
			d -= m.colVal[k] * y[m.colRow[k]]
		}
		rc[j] = d
		if d > 0 {
			v += m.ub[j] * d
		}
	}
	return v
}

// lpState is the first-order method's iterate, kept between runs (a warm
// start after the lower bounds change).
type lpState struct {
	x, y []float64
	// best is the best dual bound seen and its multipliers.
	best  float64
	bestY []float64
	iters int
	omega float64 // primal weight
}

// solveLP runs restarted PDHG (diagonal preconditioning, restarts to the
// average on sufficient KKT decrease, primal weight updates) on m from
// state st (nil: from zero) until deadline, maxIter iterations, or the
// dual bound is within tol (relative) of the primal objective of a
// feasible iterate. It returns the state; st.best is a valid bound.
func solveLP(ctx context.Context, m *relaxLP, st *lpState, maxIter int, tol float64, deadline time.Time) (*lpState, error) {
	n, nr := m.nCol, m.nRow
	if st == nil {
		st = &lpState{x: make([]float64, n), y: make([]float64, nr), best: math.Inf(1), omega: 1}
	}
	if st.bestY == nil {
		st.bestY = make([]float64, nr)
	}
	rc := make([]float64, n)
	if b := m.dualBound(st.y, rc); b < st.best {
		st.best = b
		copy(st.bestY, st.y)
	}
	// Preconditioners (Pock–Chambolle, α = 1).
	tau := make([]float64, n)
	sigma := make([]float64, nr)
	for j := 0; j < n; j++ {
		s := 0.0
		for k := m.colStart[j]; k < m.colStart[j+1]; k++ {
			s += math.Abs(m.colVal[k])
		}
		tau[j] = 1 / math.Max(s, 1)
	}
	for r := 0; r < nr; r++ {
		s := 0.0
		for k := m.rowStart[r]; k < m.rowStart[r+1]; k++ {
			s += math.Abs(m.rowVal[k])
		}
		sigma[r] = 1 / math.Max(s, 1)
	}
	x, y := st.x, st.y
	xn := make([]float64, n)
	aty := make([]float64, n)
	xs, ys := make([]float64, n), make([]float64, nr) // sums since restart
	xa, ya := make([]float64, n), make([]float64, nr)
	x0, y0 := append([]float64(nil), x...), append([]float64(nil), y...)
	nAvg := 0
	kkt := func(x, y []float64) (float64, float64) {
		// Primal infeasibility, and the gap between the dual bound and
		// the primal objective, both relative.
		pres := 0.0
		for r := 0; r < nr; r++ {
			a := -m.b[r]
			for k := m.rowStart[r]; k < m.rowStart[r+1]; k++ {
				a += m.rowVal[k] * x[m.rowCol[k]]
			}
			if a > 0 {
				pres += a * a
			}
		}
		obj := m.base
		for j := 0; j < n; j++ {
			obj += m.cost[j] * x[j]
		}
		db := m.dualBound(y, rc)
		if db < st.best {
			st.best = db
			copy(st.bestY, y)
		}
		scale := 1 + math.Abs(db)
		g := (db - obj) / scale
		return math.Sqrt(pres/float64(max(1, nr)) + g*g), g
	}
	lastKKT, _ := kkt(x, y)
	prevCand := lastKKT
	sinceRestart := 0
	const check = 64
	for it := 0; it < maxIter; it++ {
		if it%check == 0 {
			if err := ctx.Err(); err != nil {
				return st, err
			}
			if !deadline.IsZero() && time.Now().After(deadline) {
				break
			}
		}
		w := st.omega
		// Aᵀy.
		for j := 0; j < n; j++ {
			d := 0.0
			for k := m.colStart[j]; k < m.colStart[j+1]; k++ {
				d += m.colVal[k] * y[m.colRow[k]]
			}
			aty[j] = d
		}
		// Primal step (ascent on cost − Aᵀy), projected on the box.
		for j := 0; j < n; j++ {
			v := x[j] + tau[j]/w*(m.cost[j]-aty[j])
			xn[j] = min(max(v, 0), m.ub[j])
		}
		// Dual step on the extrapolated point.
		for r := 0; r < nr; r++ {
			a := -m.b[r]
			for k := m.rowStart[r]; k < m.rowStart[r+1]; k++ {
				c := m.rowCol[k]
				a += m.rowVal[k] * (2*xn[c] - x[c])
			}
			y[r] = max(0, y[r]+sigma[r]*w*a)
		}
		copy(x, xn)
		for j := range x {
			xs[j] += x[j]
		}
		for r := range y {
			ys[r] += y[r]
		}
		nAvg++
		sinceRestart++
		st.iters++
		if sinceRestart%check != 0 {
			continue
		}
		// Restart check: the better of the current point and the average.
		for j := range xa {
			xa[j] = xs[j] / float64(nAvg)
		}
		for r := range ya {
			ya[r] = ys[r] / float64(nAvg)
		}
		kc, gc := kkt(x, y)
		ka, _ := kkt(xa, ya)
		if math.Abs(gc) < tol && kc < tol {
			break
		}
		cand, useAvg := kc, false
		if ka < kc {
			cand, useAvg = ka, true
		}
		if cand <= 0.2*lastKKT || (cand <= 0.8*lastKKT && cand > prevCand) || float64(sinceRestart) >= 0.36*float64(st.iters) && sinceRestart >= 1000 {
			if useAvg {
				copy(x, xa)
				copy(y, ya)
			}
			// Primal weight: balance the primal and dual movement.
			dx, dy := 0.0, 0.0
			for j := range x {
				d := x[j] - x0[j]
				dx += d * d
			}
			for r := range y {
				d := y[r] - y0[r]
				dy += d * d
			}
			if dx > 1e-10 && dy > 1e-10 {
				st.omega = math.Exp(0.5*math.Log(math.Sqrt(dy/dx)) + 0.5*math.Log(st.omega))
			}
			copy(x0, x)
			copy(y0, y)
			for j := range xs {
				xs[j] = 0
			}
			for r := range ys {
				ys[r] = 0
			}
			nAvg, sinceRestart = 0, 0
			lastKKT = cand
		}
		prevCand = cand
	}
	return st, nil
}
