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
// (ε-optimal refine by push/relabel with FIFO selection, current arcs and
// push look-ahead, and an early end once a shortest-path check proves the
// circulation optimal). Arcs may have lower bounds, handled by the
// standard transformation: an arc u→v with bounds [l, c] carries l units
// up front (v gains excess l, u a deficit l) and keeps residual capacity
// c−l. Phase 1 (feasible) routes every excess to a deficit, a maximum flow
// from a super source (all nodes with excess) to a super sink (all nodes
// with a deficit); if some excess cannot be routed the lower bounds are
// infeasible together and solve returns errInfeasible. Phase 2 improves
// that feasible circulation to a min-cost one by cost scaling.
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
	arcs   []arc
	pos    []int32 // input arc -> its forward arc slot
	price  []int64
	excess []int64

	earlyEnd bool // solve ended on refinePrices' optimality check
}

// arc is one residual arc: its head, its reverse arc's slot, its residual
// capacity and its scaled cost, side by side so a scan of a node's arcs
// reads one stream.
type arc struct {
	res  int64
	cost int64
	to   int32
	rev  int32
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
	g.arcs = make([]arc, 2*m)
	g.pos = make([]int32, m)
	g.price = make([]int64, g.n)
	g.excess = make([]int64, g.n)
	scale := int64(g.n + 1)
	for i := 0; i < m; i++ {
		u, v := g.tails[i], g.heads[i]
		a, b := fill[u], fill[v]
		fill[u]++
		fill[v]++
		// Lower bounds: send low units up front.
		l := g.lows[i]
		g.arcs[a] = arc{res: g.caps[i] - l, cost: g.costs[i] * scale, to: v, rev: b}
		g.arcs[b] = arc{cost: -g.costs[i] * scale, to: u, rev: a}
		g.pos[i] = a
		g.excess[v] += l
		g.excess[u] -= l
	}
}

// flowOn is the flow on input arc i after solve (lower bound included).
func (g *circulation) flowOn(i int) int64 { return g.caps[i] - g.arcs[g.pos[i]].res }

// totalCost is the cost of the current circulation in input units.
func (g *circulation) totalCost() int64 {
	var c int64
	for i := range g.tails {
		c += g.flowOn(i) * g.costs[i]
	}
	return c
}

// costScalingAlpha is the factor ε shrinks by between refines.
const costScalingAlpha = 8

// earlyCheck is how small ε must be, in cost units (n+1 scaled units),
// before each refine is followed by the optimality check of refinePrices.
const earlyCheck = 8

// solve finds a min-cost circulation. Costs are multiplied by n+1, so a
// 1-optimal circulation in scaled costs is optimal for the integer costs:
// every cycle has at most n arcs and so reduced cost above −1. Once ε is
// down to a few cost units the circulation is often optimal already;
// refinePrices then finds prices that make it 1-optimal and the
// remaining refines are skipped.
func (g *circulation) solve(ctx context.Context) error {
	if g.first == nil {
		g.build()
	}
	if err := g.feasible(ctx); err != nil {
		return err
	}
	var maxC int64
	for i := range g.arcs {
		maxC = max(maxC, g.arcs[i].cost)
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
		eps = max(1, eps/costScalingAlpha)
		if err := g.refine(ctx, eps, queue, cur); err != nil {
			return err
		}
		if eps == 1 {
			return nil
		}
		if eps <= earlyCheck*int64(g.n+1) {
			ok, err := g.refinePrices(ctx, 1)
			if err != nil {
				return err
			}
			if ok {
				g.earlyEnd = true
				return nil
			}
		}
	}
}

// refine turns the circulation, ε·α-optimal, into an ε-optimal one.
func (g *circulation) refine(ctx context.Context, eps int64, queue, cur []int32) error {
	arcs, price, excess, first := g.arcs, g.price, g.excess, g.first
	// Saturate every residual arc of negative reduced cost: the result is
	// 0-optimal, with excesses and deficits to be cancelled.
	for v := 0; v < g.n; v++ {
		pv := price[v]
		for a := first[v]; a < first[v+1]; a++ {
			if e := &arcs[a]; e.res > 0 && e.cost+pv-price[e.to] < 0 {
				r := e.res
				e.res = 0
				arcs[e.rev].res += r
				excess[v] -= r
				excess[e.to] += r
			}
		}
	}
	queue = queue[:0]
	for v := 0; v < g.n; v++ {
		cur[v] = first[v]
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
		end := first[v+1]
		for excess[v] > 0 {
			work++
			if work&0xffff == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			a := cur[v]
			if a == end {
				g.relabel(v, eps, cur)
				continue
			}
			e := &arcs[a]
			w := e.to
			if e.res == 0 || e.cost+price[v]-price[w] >= 0 {
				cur[v]++
				continue
			}
			// Look-ahead: a node that is no deficit and has no admissible
			// arc would only send the flow on after a relabel, and maybe
			// back; relabel it first, which may make a not admissible.
			if excess[w] >= 0 && !g.admissible(w, cur) {
				g.relabel(w, eps, cur)
				continue
			}
			d := min(excess[v], e.res)
			e.res -= d
			arcs[e.rev].res += d
			excess[v] -= d
			if excess[w] <= 0 && excess[w]+d > 0 {
				queue = append(queue, w)
			}
			excess[w] += d
			if e.res == 0 {
				cur[v]++
			}
		}
	}
	return nil
}

// admissible advances w's current arc to its first admissible arc (residual,
// negative reduced cost) and reports whether there is one.
func (g *circulation) admissible(w int32, cur []int32) bool {
	end := g.first[w+1]
	pw := g.price[w]
	for a := cur[w]; a < end; a++ {
		if e := &g.arcs[a]; e.res > 0 && e.cost+pw-g.price[e.to] < 0 {
			cur[w] = a
			return true
		}
	}
	cur[w] = end
	return false
}

// relabel lowers v's price so its cheapest residual arc has reduced cost
// −ε and makes that arc v's current arc. (Arcs before it whose reduced
// cost is still negative are passed over, as in Goldberg's CS2: ε-
// optimality holds whatever the current arc.)
func (g *circulation) relabel(v int32, eps int64, cur []int32) {
	best, at := int64(-1<<62), g.first[v]
	for a := g.first[v]; a < g.first[v+1]; a++ {
		if e := &g.arcs[a]; e.res > 0 {
			if p := g.price[e.to] - e.cost; p > best {
				best, at = p, a
			}
		}
	}
	if at == g.first[v] && (at == g.first[v+1] || g.arcs[at].res == 0) {
		// No residual arc (a node only look-ahead relabels): a step of ε
		// makes the arc into it inadmissible.
		g.price[v] -= eps
		cur[v] = g.first[v+1]
		return
	}
	g.price[v] = best - eps
	cur[v] = at
}

// refinePrices looks for prices under which the circulation is
// ε-optimal: it computes the least potentials q ≥ 0 with
// q(w) ≥ q(v) − rc(v,w) − ε on every residual arc, by a FIFO
// label-correcting search from q = 0, and lowers each price by q. A cycle
// in the search's parent pointers (looked for every n updates) is a
// negative cycle for the lengths rc+ε: the circulation is not
// ε-optimal, and the search gives up, as it does after scanning every arc
// 8 times. It reports whether it found the prices; if not, they are
// unchanged.
func (g *circulation) refinePrices(ctx context.Context, eps int64) (bool, error) {
	n := g.n
	arcs, price, first := g.arcs, g.price, g.first
	q := make([]int64, n)
	parent := make([]int32, n)
	mark := make([]int32, n)
	inq := make([]bool, n)
	queue := make([]int32, n, 2*n)
	for v := range queue {
		queue[v] = int32(v)
		inq[v] = true
		parent[v] = -1
	}
	budget := 8 * len(arcs)
	updates := 0
	for head := 0; head < len(queue); head++ {
		if head >= n && head*2 > len(queue) {
			queue = append(queue[:0], queue[head:]...)
			head = 0
		}
		v := queue[head]
		inq[v] = false
		base := q[v] - price[v] - eps
		for a := first[v]; a < first[v+1]; a++ {
			e := &arcs[a]
			if e.res == 0 {
				continue
			}
			w := e.to
			if nq := base - e.cost + price[w]; nq > q[w] {
				q[w], parent[w] = nq, v
				updates++
				if !inq[w] {
					inq[w] = true
					queue = append(queue, w)
				}
			}
		}
		if budget -= int(first[v+1] - first[v]); budget < 0 {
			return false, nil
		}
		if updates >= n {
			updates = 0
			if err := ctx.Err(); err != nil {
				return false, err
			}
			if parentCycle(parent, mark) {
				return false, nil
			}
		}
	}
	for v := range price {
		price[v] -= q[v]
	}
	return true, nil
}

// parentCycle reports whether the parent pointers (−1: none) have a cycle.
// mark is scratch space of the same length.
func parentCycle(parent, mark []int32) bool {
	clear(mark)
	for s := range parent {
		// Walk up from s, marking the walk with s+1, to a root or a node
		// already marked: by this walk, a cycle.
		id := int32(s) + 1
		v := int32(s)
		for v >= 0 && mark[v] == 0 {
			mark[v] = id
			v = parent[v]
		}
		if v >= 0 && mark[v] == id {
			return true
		}
	}
	return false
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
			w := g.arcs[a].to
			if g.arcs[a].res > 0 && level[w] == level[v]+1 {
				if d := dfs(w, min(f, g.arcs[a].res)); d > 0 {
					g.arcs[a].res -= d
					g.arcs[g.arcs[a].rev].res += d
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
				if w := g.arcs[a].to; g.arcs[a].res > 0 && level[w] < 0 {
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
