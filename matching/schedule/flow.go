package schedule

import (
	"context"
	"errors"
	"fmt"
)

// errInfeasible reports that the arcs' lower bounds admit no circulation.
var errInfeasible = errors.New("schedule: the lower bounds admit no feasible flow")

// circulation is a min-cost circulation problem on a directed graph with
// integer capacities and costs, solved by Goldberg–Tarjan cost scaling
// (ε-optimal refine by push/relabel with FIFO selection and current arcs).
// Arcs may have lower bounds, handled by the standard transformation: an
// arc u→v with bounds [l, c] carries l units up front (v gains excess l, u
// a deficit l) and keeps residual capacity c−l. Phase 1 (feasible) routes
// every excess to a deficit, a maximum flow from a super source (all
// nodes with excess) to a super sink (all nodes with a deficit); if some
// excess cannot be routed the lower bounds are infeasible together and
// solve returns errInfeasible. Phase 2 improves that feasible circulation
// to a min-cost one by cost scaling.
//
// Arcs are stored in compressed rows: the arcs leaving node v are
// first[v]..first[v+1]-1, and every arc has a paired reverse arc.
type circulation struct {
	n     int
	tails []int32 // per input arc, before build
	heads []int32
	caps  []int64
	lows  []int64
	costs []int64

	first  []int32
	to     []int32
	rev    []int32
	res    []int64 // residual capacity
	cost   []int64 // scaled cost
	pos    []int32 // input arc -> its forward arc slot
	price  []int64
	excess []int64
}

func newCirculation(n, arcHint int) *circulation {
	return &circulation{n: n,
		tails: make([]int32, 0, arcHint), heads: make([]int32, 0, arcHint),
		caps: make([]int64, 0, arcHint), lows: make([]int64, 0, arcHint), costs: make([]int64, 0, arcHint)}
}

// addArc adds an arc u→v with flow in [0, cap] and returns its index for
// flowOn.
func (g *circulation) addArc(u, v int, cap, cost int64) int {
	return g.addArcLB(u, v, 0, cap, cost)
}

// addArcLB adds an arc u→v with flow in [low, cap] (0 ≤ low ≤ cap) and
// returns its index for flowOn.
func (g *circulation) addArcLB(u, v int, low, cap, cost int64) int {
	g.tails = append(g.tails, int32(u))
	g.heads = append(g.heads, int32(v))
	g.caps = append(g.caps, cap)
	g.lows = append(g.lows, low)
	g.costs = append(g.costs, cost)
	return len(g.tails) - 1
}

func (g *circulation) build() {
	m := len(g.tails)
	g.first = make([]int32, g.n+1)
	for i := 0; i < m; i++ {
		g.first[g.tails[i]+1]++
		g.first[g.heads[i]+1]++
	}
	for v := 0; v < g.n; v++ {
		g.first[v+1] += g.first[v]
	}
	fill := make([]int32, g.n)
	copy(fill, g.first[:g.n])
	g.to = make([]int32, 2*m)
	g.rev = make([]int32, 2*m)
	g.res = make([]int64, 2*m)
	g.cost = make([]int64, 2*m)
	g.pos = make([]int32, m)
	scale := int64(g.n + 1)
	for i := 0; i < m; i++ {
		u, v := g.tails[i], g.heads[i]
		a, b := fill[u], fill[v]
		fill[u]++
		fill[v]++
		g.to[a], g.to[b] = v, u
		g.rev[a], g.rev[b] = b, a
		g.cost[a], g.cost[b] = g.costs[i]*scale, -g.costs[i]*scale
		g.pos[i] = a
	}
	g.price = make([]int64, g.n)
	g.excess = make([]int64, g.n)
	// Lower bounds: send low units up front.
	for i := 0; i < m; i++ {
		a, b := g.pos[i], g.rev[g.pos[i]]
		l := g.lows[i]
		g.res[a], g.res[b] = g.caps[i]-l, 0
		g.excess[g.heads[i]] += l
		g.excess[g.tails[i]] -= l
	}
}

// flowOn is the flow on input arc i after solve (lower bound included).
func (g *circulation) flowOn(i int) int64 { return g.caps[i] - g.res[g.pos[i]] }

// totalCost is the cost of the current circulation in input units.
func (g *circulation) totalCost() int64 {
	var c int64
	for i := range g.tails {
		c += g.flowOn(i) * g.costs[i]
	}
	return c
}

const costScalingAlpha = 8

// solve finds a min-cost circulation. Costs are multiplied by n+1, so a
// 1-optimal circulation in scaled costs is optimal for the integer costs:
// every cycle has at most n arcs and so reduced cost above −1.
func (g *circulation) solve(ctx context.Context) error {
	if g.first == nil {
		g.build()
	}
	if err := g.feasible(ctx); err != nil {
		return err
	}
	var maxC int64
	for _, c := range g.cost {
		if c > maxC {
			maxC = c
		}
	}
	if maxC == 0 {
		return nil
	}
	const maxCost = int64(1) << 50
	if maxC > maxCost {
		return fmt.Errorf("schedule: flow costs too large (%d)", maxC)
	}
	eps := maxC
	queue := make([]int32, 0, g.n)
	cur := make([]int32, g.n)
	for {
		eps /= costScalingAlpha
		if eps < 1 {
			eps = 1
		}
		if err := g.refine(ctx, eps, queue, cur); err != nil {
			return err
		}
		if eps == 1 {
			return nil
		}
	}
}

func (g *circulation) refine(ctx context.Context, eps int64, queue, cur []int32) error {
	to, res, cost, price, excess, rev := g.to, g.res, g.cost, g.price, g.excess, g.rev
	// Saturate every residual arc of negative reduced cost: the result is
	// 0-optimal, with excesses and deficits to be cancelled.
	for v := 0; v < g.n; v++ {
		pv := price[v]
		for a := g.first[v]; a < g.first[v+1]; a++ {
			if r := res[a]; r > 0 && cost[a]+pv-price[to[a]] < 0 {
				w := to[a]
				res[a] = 0
				res[rev[a]] += r
				excess[v] -= r
				excess[w] += r
			}
		}
	}
	queue = queue[:0]
	for v := 0; v < g.n; v++ {
		cur[v] = g.first[v]
		if excess[v] > 0 {
			queue = append(queue, int32(v))
		}
	}
	work := 0
	for head := 0; head < len(queue); head++ {
		v := queue[head]
		if head > 1<<20 && head*2 > len(queue) {
			// Compact the queue so it does not grow without bound.
			queue = append(queue[:0], queue[head+1:]...)
			head = -1
			// v is still discharged below.
		}
		end := g.first[v+1]
		for excess[v] > 0 {
			work++
			if work&0xffff == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			a := cur[v]
			if a == end {
				// Relabel: lower the price so the cheapest residual arc has
				// reduced cost −ε.
				best := int64(-1 << 62)
				for b := g.first[v]; b < end; b++ {
					if res[b] > 0 {
						if p := price[to[b]] - cost[b]; p > best {
							best = p
						}
					}
				}
				price[v] = best - eps
				cur[v] = g.first[v]
				continue
			}
			w := to[a]
			if res[a] > 0 && cost[a]+price[v]-price[w] < 0 {
				d := excess[v]
				if res[a] < d {
					d = res[a]
				}
				res[a] -= d
				res[rev[a]] += d
				excess[v] -= d
				if excess[w] <= 0 && excess[w]+d > 0 {
					queue = append(queue, w)
				}
				excess[w] += d
				if res[a] == 0 {
					cur[v]++
				}
				continue
			}
			cur[v]++
		}
	}
	return nil
}

// feasible is phase 1: it routes the excesses the lower bounds created to
// the deficits, a maximum flow from a super source joined to every node
// with excess to a super sink joined to every node with a deficit (the
// super nodes are implicit: Dinic's levels start at every excess node and
// a path ends at any deficit node). It returns errInfeasible if some
// excess cannot be routed, leaving the unrouted amounts in g.excess.
func (g *circulation) feasible(ctx context.Context) error {
	n := g.n
	pending := false
	for _, x := range g.excess {
		if x != 0 {
			pending = true
			break
		}
	}
	if !pending {
		return nil
	}
	level := make([]int32, n)
	cur := make([]int32, n)
	queue := make([]int32, 0, n)
	var dfs func(v int32, f int64) int64
	dfs = func(v int32, f int64) int64 {
		if g.excess[v] < 0 {
			d := min(f, -g.excess[v])
			g.excess[v] += d
			return d
		}
		for ; cur[v] < g.first[v+1]; cur[v]++ {
			a := cur[v]
			w := g.to[a]
			if g.res[a] > 0 && level[w] == level[v]+1 {
				if d := dfs(w, min(f, g.res[a])); d > 0 {
					g.res[a] -= d
					g.res[g.rev[a]] += d
					return d
				}
			}
		}
		return 0
	}
	for round := 0; ; round++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		queue = queue[:0]
		for v := 0; v < n; v++ {
			level[v] = -1
			if g.excess[v] > 0 {
				level[v] = 0
				queue = append(queue, int32(v))
			}
		}
		if len(queue) == 0 {
			break
		}
		reached := false
		for h := 0; h < len(queue); h++ {
			v := queue[h]
			if g.excess[v] < 0 {
				reached = true
				continue // paths end at the first deficit
			}
			for a := g.first[v]; a < g.first[v+1]; a++ {
				if w := g.to[a]; g.res[a] > 0 && level[w] < 0 {
					level[w] = level[v] + 1
					queue = append(queue, w)
				}
			}
		}
		if !reached {
			break
		}
		copy(cur, g.first[:n])
		for v := int32(0); v < int32(n); v++ {
			for level[v] == 0 && g.excess[v] > 0 {
				d := dfs(v, g.excess[v])
				if d == 0 {
					break
				}
				g.excess[v] -= d
			}
		}
	}
	for _, x := range g.excess {
		if x != 0 {
			return errInfeasible
		}
	}
	return nil
}
