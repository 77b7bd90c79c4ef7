package schedule

import (
	"context"
	"fmt"
)

// circulation is a min-cost circulation problem on a directed graph with
// integer capacities and costs, solved by Goldberg–Tarjan cost scaling
// (ε-optimal refine by push/relabel with FIFO selection and current arcs).
// Zero flow is always feasible (no lower bounds), so there is no phase 1:
// lower bounds are expressed by the caller as negative costs (see the
// package documentation).
//
// Arcs are stored in compressed rows: the arcs leaving node v are
// first[v]..first[v+1]-1, and every arc has a paired reverse arc.
type circulation struct {
	n     int
	tails []int32 // per input arc, before build
	heads []int32
	caps  []int64
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
		caps: make([]int64, 0, arcHint), costs: make([]int64, 0, arcHint)}
}

// addArc adds an arc u→v and returns its index for flowOn.
func (g *circulation) addArc(u, v int, cap, cost int64) int {
	g.tails = append(g.tails, int32(u))
	g.heads = append(g.heads, int32(v))
	g.caps = append(g.caps, cap)
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
		g.res[a], g.res[b] = g.caps[i], 0
		g.cost[a], g.cost[b] = g.costs[i]*scale, -g.costs[i]*scale
		g.pos[i] = a
	}
	g.price = make([]int64, g.n)
	g.excess = make([]int64, g.n)
}

// flowOn is the flow on input arc i after solve.
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
