package schedule

import (
	"context"
	"errors"
	"math/rand"
	"testing"
)

// refArc is an arc of refMinCost's instance.
type refArc struct {
	u, v           int
	low, cap, cost int64
}

// refMinCost is an independent reference for circulation.solve: the cost
// of a min-cost circulation of arcs on n nodes, or ok false if the lower
// bounds admit none. Every arc starts at the bound its cost prefers (its
// lower bound if the cost is ≥ 0, its capacity if < 0), so every residual
// arc costs ≥ 0; the imbalances this leaves are then routed at least cost
// by successive shortest paths (Bellman–Ford) from a super source to a
// super sink, and the circulation exists iff they all are.
func refMinCost(n int, arcs []refArc) (cost int64, ok bool) {
	type edge struct {
		to, rev int
		cap     int64
		cost    int64
	}
	N := n + 2
	s, t := n, n+1
	adj := make([][]edge, N)
	add := func(u, v int, c, k int64) {
		adj[u] = append(adj[u], edge{to: v, rev: len(adj[v]), cap: c, cost: k})
		adj[v] = append(adj[v], edge{to: u, rev: len(adj[u]) - 1, cap: 0, cost: -k})
	}
	bal := make([]int64, n)
	for _, a := range arcs {
		if a.cost >= 0 {
			cost += a.low * a.cost
			bal[a.v] += a.low
			bal[a.u] -= a.low
			add(a.u, a.v, a.cap-a.low, a.cost)
		} else {
			cost += a.cap * a.cost
			bal[a.v] += a.cap
			bal[a.u] -= a.cap
			add(a.v, a.u, a.cap-a.low, -a.cost)
		}
	}
	var need int64
	for v, b := range bal {
		if b > 0 {
			add(s, v, b, 0)
			need += b
		} else if b < 0 {
			add(v, t, -b, 0)
		}
	}
	const inf = int64(1) << 60
	dist := make([]int64, N)
	prevNode, prevEdge := make([]int, N), make([]int, N)
	for need > 0 {
		for v := range dist {
			dist[v] = inf
		}
		dist[s] = 0
		for changed := true; changed; {
			changed = false
			for u := 0; u < N; u++ {
				if dist[u] == inf {
					continue
				}
				for i, e := range adj[u] {
					if e.cap > 0 && dist[u]+e.cost < dist[e.to] {
						dist[e.to], prevNode[e.to], prevEdge[e.to] = dist[u]+e.cost, u, i
						changed = true
					}
				}
			}
		}
		if dist[t] == inf {
			return 0, false
		}
		f := need
		for v := t; v != s; v = prevNode[v] {
			f = min(f, adj[prevNode[v]][prevEdge[v]].cap)
		}
		for v := t; v != s; v = prevNode[v] {
			e := &adj[prevNode[v]][prevEdge[v]]
			e.cap -= f
			adj[v][e.rev].cap += f
		}
		cost += f * dist[t]
		need -= f
	}
	return cost, true
}

// TestCirculationMatchesReference compares circulation.solve with
// refMinCost on many random instances: general graphs with parallel arcs,
// lower bounds and positive, zero and negative costs (some with all costs
// tied, some infeasible), and selection-shaped networks (source →
// startups → companies → sink → source with floors and must-meets as
// lower bounds, few distinct costs so many optima tie). It checks the
// verdict (errInfeasible or not), that the flow is a circulation within
// the bounds, and that its cost is the reference's.
func TestCirculationMatchesReference(t *testing.T) {
	ctx := context.Background()
	infeasible, early := 0, 0
	const runs = 3000
	for seed := int64(0); seed < runs; seed++ {
		rng := rand.New(rand.NewSource(seed))
		var n int
		var arcs []refArc
		if seed%3 == 2 {
			n, arcs = selectionShaped(rng)
		} else {
			n = 2 + rng.Intn(40)
			m := rng.Intn(5 * n)
			costRange := []int64{1, 3, 41, 2001}[rng.Intn(4)]
			lowShare := []int{0, 0, 4, 12}[rng.Intn(4)] // 1 in lowShare arcs
			for i := 0; i < m; i++ {
				u, v := rng.Intn(n), rng.Intn(n)
				if u == v {
					continue
				}
				c := rng.Int63n(7)
				low := int64(0)
				if lowShare > 0 && rng.Intn(lowShare) == 0 {
					low = rng.Int63n(c + 1)
				}
				arcs = append(arcs, refArc{u, v, low, c, rng.Int63n(costRange) - costRange/2})
			}
		}
		g := newCirculation(n, len(arcs))
		for _, a := range arcs {
			g.addArcLB(a.u, a.v, a.low, a.cap, a.cost)
		}
		want, feasible := refMinCost(n, arcs)
		err := g.solve(ctx)
		if !feasible {
			if !errors.Is(err, errInfeasible) {
				t.Fatalf("seed %d: infeasible lower bounds, solve returned %v", seed, err)
			}
			infeasible++
			continue
		}
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		checkFlowBalanced(t, g, seed)
		if got := g.totalCost(); got != want {
			t.Fatalf("seed %d: cost %d, reference %d", seed, got, want)
		}
		if g.earlyEnd {
			early++
		}
	}
	t.Logf("%d of %d instances infeasible; %d ended by the optimality check", infeasible, runs, early)
	if infeasible == 0 || early == 0 {
		t.Fatalf("the instances miss a case: %d infeasible, %d early ends", infeasible, early)
	}
}

// selectionShaped is a random network shaped like the selection flow
// (buildNet): source 0 → startup (a floor arc with a lower bound and a
// bonus, then the rest of its cap) → company (unit pair arcs, some forced)
// → sink → source (the venue's tables).
func selectionShaped(rng *rand.Rand) (int, []refArc) {
	nS, nC := 2+rng.Intn(25), 1+rng.Intn(8)
	src, sink := 0, nS+nC+1
	var arcs []refArc
	levels := int64(1 + rng.Intn(4)) // few distinct costs: many ties
	for s := 1; s <= nS; s++ {
		capS := int64(1 + rng.Intn(4))
		fr := min(capS, int64(rng.Intn(3)))
		if fr > 0 {
			arcs = append(arcs, refArc{src, s, rng.Int63n(fr + 1), fr, -10 * rng.Int63n(2)})
		}
		if capS > fr {
			arcs = append(arcs, refArc{src, s, 0, capS - fr, 0})
		}
		for c := 0; c < nC; c++ {
			if rng.Intn(3) == 0 {
				continue
			}
			low := int64(0)
			if rng.Intn(30) == 0 {
				low = 1
			}
			arcs = append(arcs, refArc{s, 1 + nS + c, low, 1, -5 * rng.Int63n(levels+1)})
		}
	}
	for c := 0; c < nC; c++ {
		arcs = append(arcs, refArc{1 + nS + c, sink, 0, int64(1 + rng.Intn(6)), 0})
	}
	arcs = append(arcs, refArc{sink, src, 0, int64(nS + rng.Intn(3*nS)), 0})
	return nS + nC + 2, arcs
}

// checkFlowBalanced fails t unless g's flow is within every arc's bounds
// and balanced at every node.
func checkFlowBalanced(t *testing.T, g *circulation, seed int64) {
	t.Helper()
	bal := make([]int64, g.n)
	for i := range g.tails {
		f := g.flowOn(i)
		if f < g.lows[i] || f > g.caps[i] {
			t.Fatalf("seed %d: arc %d flow %d outside [%d, %d]", seed, i, f, g.lows[i], g.caps[i])
		}
		bal[g.tails[i]] -= f
		bal[g.heads[i]] += f
	}
	for v, b := range bal {
		if b != 0 {
			t.Fatalf("seed %d: node %d unbalanced by %d", seed, v, b)
		}
	}
}
