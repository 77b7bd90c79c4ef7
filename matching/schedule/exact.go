package schedule

import "math"

// assigner solves, exactly, the small assignment problems of the search's
// exact neighbourhood step: items (one participant's pairs) to slots, each
// item in at most one slot, slot t taking at most capT[t] items, at most
// kmax items in all, maximising the sum of val(i, t) over the chosen
// (item, slot) plus marg[j] for the j-th item chosen (a non-increasing
// bonus per count, for the fairness floor). It is a min-cost flow solved
// by successive shortest paths (Dijkstra with potentials on the dense
// residual graph); the path costs do not decrease, so stopping at the
// first augmentation that does not pay is optimal for every k. Buffers are
// reused between calls; the zero value is ready.
type assigner struct {
	nI, nT int
	val    []float64 // nI × nT, NaN where the item cannot go
	capT   []int32
	// residual state
	slotOf []int32 // per item: its slot or -1
	load   []int32 // per slot
	pot    []float64
	dist   []float64
	prev   []int32
	done   []bool
}

// reset prepares the assigner for nI items and nT slots, every pair
// infeasible and every slot capacity 0.
func (a *assigner) reset(nI, nT int) {
	a.nI, a.nT = nI, nT
	grow := func(s []float64, n int) []float64 {
		if cap(s) < n {
			return make([]float64, n)
		}
		return s[:n]
	}
	growI := func(s []int32, n int) []int32 {
		if cap(s) < n {
			return make([]int32, n)
		}
		return s[:n]
	}
	a.val = grow(a.val, nI*nT)
	for i := range a.val {
		a.val[i] = math.NaN()
	}
	a.capT = growI(a.capT, nT)
	for t := range a.capT {
		a.capT[t] = 0
	}
	a.slotOf = growI(a.slotOf, nI)
	a.load = growI(a.load, nT)
	n := nI + nT + 2
	a.pot = grow(a.pot, n)
	a.dist = grow(a.dist, n)
	a.prev = growI(a.prev, n)
	if cap(a.done) < n {
		a.done = make([]bool, n)
	}
	a.done = a.done[:n]
}

// solve returns, per item, its slot or -1 (the slice is reused).
func (a *assigner) solve(marg func(k int) float64, kmax int) []int32 {
	nI, nT := a.nI, a.nT
	src, sink := nI+nT, nI+nT+1
	for i := range a.slotOf {
		a.slotOf[i] = -1
	}
	for t := range a.load {
		a.load[t] = 0
	}
	// Costs are -val on item→slot arcs. Initial potentials: shortest
	// distances in the DAG source → items → slots → sink.
	for v := range a.pot {
		a.pot[v] = 0
	}
	for t := 0; t < nT; t++ {
		best := 0.0
		for i := 0; i < nI; i++ {
			if v := a.val[i*nT+t]; !math.IsNaN(v) && -v < best {
				best = -v
			}
		}
		a.pot[nI+t] = best
		a.pot[sink] = math.Min(a.pot[sink], best)
	}
	inf := math.Inf(1)
	for k := 0; k < kmax; k++ {
		// Dijkstra on reduced costs over the residual graph. Nodes:
		// items 0..nI-1, slots nI..nI+nT-1, src, sink.
		for v := range a.dist {
			a.dist[v], a.prev[v], a.done[v] = inf, -1, false
		}
		a.dist[src] = 0
		for {
			u, du := -1, inf
			for v := range a.dist {
				if !a.done[v] && a.dist[v] < du {
					u, du = v, a.dist[v]
				}
			}
			if u < 0 {
				break
			}
			a.done[u] = true
			relax := func(v int, cost float64) {
				if a.done[v] {
					return
				}
				if d := du + cost + a.pot[u] - a.pot[v]; d < a.dist[v]-1e-12 {
					a.dist[v], a.prev[v] = d, int32(u)
				}
			}
			switch {
			case u == src:
				for i := 0; i < nI; i++ {
					if a.slotOf[i] < 0 {
						relax(i, 0)
					}
				}
			case u < nI: // item: forward to slots other than its own
				for t := 0; t < nT; t++ {
					if v := a.val[u*nT+t]; !math.IsNaN(v) && int32(t) != a.slotOf[u] {
						relax(nI+t, -v)
					}
				}
			case u < nI+nT: // slot: back along assigned items, or to sink
				t := u - nI
				for i := 0; i < nI; i++ {
					if a.slotOf[i] == int32(t) {
						relax(i, a.val[i*nT+t])
					}
				}
				if a.load[t] < a.capT[t] {
					relax(sink, 0)
				}
			}
		}
		if math.IsInf(a.dist[sink], 1) {
			break
		}
		// The path's true cost (reduced cost plus the potential difference).
		cost := a.dist[sink] + a.pot[sink] - a.pot[src]
		if -cost+marg(k) <= 1e-9 {
			break
		}
		for v := range a.pot {
			a.pot[v] += math.Min(a.dist[v], a.dist[sink])
		}
		// Augment: walk back from the sink. An item entered from a slot
		// (a backward arc) moves on to the slot after it on the path.
		v := sink
		for v != src {
			u := int(a.prev[v])
			switch {
			case v == sink:
				a.load[u-nI]++
			case v >= nI && u < nI: // item u → slot v
				a.slotOf[u] = int32(v - nI)
			}
			v = u
		}
	}
	return a.slotOf
}

// Weights of the lower bounds in the exact step, far above any objective
// change, so it meets as many as it can first (the search's lexicographic
// order).
const (
	exactFloorWeight = 1e6
	exactMustWeight  = float64(reliefMust/reliefFloor) * exactFloorWeight
)

// exact re-optimises every movable meeting of one participant (a startup
// when isStartup, else a company) exactly, everything else fixed: its
// meetings are removed and the best set of its pairs and their slots is
// chosen by the assigner — lower bounds first (forced pairs, floor units),
// then the objective, less MoveCost per meeting of Previous moved — and
// placed. The result is never worse than before in that order.
func (st *slotter) exact(who int32, isStartup bool) {
	p := st.p
	K := p.K
	var list []int32
	if isStartup {
		list = p.sPairs[who]
	} else {
		list = p.cPairs[who]
	}
	for _, e := range list {
		if st.slot[e] >= 0 {
			st.unplace(e)
		}
	}
	items := st.scratch[:0]
	for _, e := range list {
		pe := &p.pairs[e]
		if isStartup && st.cDeg[pe.c] >= p.cCap[pe.c] || !isStartup && st.sDeg[pe.s] >= p.sCap[pe.s] {
			continue
		}
		items = append(items, e)
	}
	st.scratch = items
	a := &st.exactA
	a.reset(len(items), K)
	for t := 0; t < K; t++ {
		room := int32(p.T) - st.slotLoad[t]
		if isStartup {
			if st.sBusy[int(who)*K+t] != free {
				room = 0
			}
			room = min(room, 1)
		} else {
			room = min(room, p.cTables[who]-st.cLoad[int(who)*K+t])
		}
		a.capT[t] = max(room, 0)
	}
	for i, e := range items {
		pe := &p.pairs[e]
		base := pe.coef
		if st.forced[e] {
			base += exactMustWeight
		}
		if !isStartup { // the startup's own floor, counted per pair
			if st.sDeg[pe.s] < p.floor[pe.s] {
				base += p.bonus.Floor
			}
			if st.sDeg[pe.s] < st.floorLB[pe.s] {
				base += exactFloorWeight
			}
		}
		for t := 0; t < K; t++ {
			if a.capT[t] == 0 || !p.both(pe, t) {
				continue
			}
			if isStartup {
				if st.cLoad[int(pe.c)*K+t] >= p.cTables[pe.c] {
					continue
				}
			} else if st.sBusy[int(pe.s)*K+t] != free {
				continue
			}
			v := base
			if pe.prevSlot == int32(t) {
				v += st.moveCost
			}
			a.val[i*K+t] = v
		}
	}
	kmax := len(items)
	marg := func(int) float64 { return 0 }
	if isStartup {
		kmax = min(kmax, int(p.sCap[who]-st.sDeg[who]))
		have := st.sDeg[who]
		marg = func(k int) float64 {
			m := 0.0
			if have+int32(k) < p.floor[who] {
				m += p.bonus.Floor
			}
			if have+int32(k) < st.floorLB[who] {
				m += exactFloorWeight
			}
			return m
		}
	} else {
		kmax = min(kmax, int(p.cCap[who]-st.cDeg[who]))
	}
	if kmax <= 0 {
		return
	}
	slots := a.solve(marg, kmax)
	for i, t := range slots {
		if t >= 0 {
			st.place(items[i], t)
		}
	}
}
