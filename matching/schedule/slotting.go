package schedule

import (
	"context"
	"math"
	"math/bits"
	"math/rand"
	"sort"
	"time"
)

// Sentinels in slotter.sBusy.
const (
	free   = -1
	locked = -2
)

// journal entry: pair e was placed in (or removed from) slot t.
type op struct {
	e      int32
	t      int32
	placed bool
}

// slotter holds a partial timetable of the problem's pairs and changes it
// through place and unplace, which keep every constraint and log each
// change so a failed move can be rolled back.
type slotter struct {
	p        *problem
	rng      *rand.Rand
	slot     []int32 // per pair: its slot, or -1
	sBusy    []int32 // per startup×slot: pair, free or locked
	cLoad    []int32 // per company×slot: meetings
	slotLoad []int32
	members  [][]int32 // per slot: pairs placed there (locked excluded)
	mpos     []int32   // per pair: index in members[slot]
	sDeg     []int32   // meetings including locked
	cDeg     []int32
	obj      float64 // objective including locked meetings
	moved    int     // pairs of Previous not in their previous slot
	moveCost float64
	log      []op
	budget   int
	scratch  []int32
	// Kempe exchanges: mark[e] == stamp when e moved in the current one.
	mark  []int32
	stamp int32
	// exactA is the exact neighbourhood step's assignment solver.
	exactA assigner
	// Lower bounds, all of them (not the selection's relaxation): forced
	// pairs and per-startup floors. viol is the relief cost of those not
	// met (mustRelief per forced pair unplaced, reliefFloor per floor unit
	// missing), the measure the relaxation flow minimises; moves never
	// raise it, whatever they gain, and minViol is the least the
	// selection found possible.
	forced  []bool
	floorLB []int32
	viol    int64
	minViol int64
}

func newSlotter(p *problem, seed int64, moveCost float64, lb *lowerBounds, minViol int64) *slotter {
	nS, nC, K := len(p.sID), len(p.cID), p.K
	st := &slotter{p: p, rng: rand.New(rand.NewSource(seed)), moveCost: moveCost,
		slot: make([]int32, len(p.pairs)), sBusy: make([]int32, nS*K), cLoad: make([]int32, nC*K),
		slotLoad: make([]int32, K), members: make([][]int32, K), mpos: make([]int32, len(p.pairs)),
		sDeg: make([]int32, nS), cDeg: make([]int32, nC), forced: lb.forced, floorLB: lb.floor, minViol: minViol}
	for i := range st.slot {
		st.slot[i] = -1
	}
	for i := range st.sBusy {
		st.sBusy[i] = free
	}
	for _, l := range p.locked {
		st.sBusy[int(l.s)*K+int(l.slot)] = locked
		st.cLoad[int(l.c)*K+int(l.slot)]++
		st.slotLoad[l.slot]++
		st.sDeg[l.s]++
		st.cDeg[l.c]++
	}
	st.obj = p.lockedValue()
	for i, f := range lb.forced {
		if f {
			st.viol += mustRelief(&p.pairs[i])
		}
	}
	for s, f := range lb.floor {
		st.viol += reliefFloor * int64(max(0, f-st.sDeg[s]))
	}
	for i := range p.pairs {
		if p.pairs[i].prevSlot >= 0 {
			st.moved++
		}
	}
	return st
}

// gain is what placing pair e adds to the objective now.
func (st *slotter) gain(e int32) float64 {
	pe := &st.p.pairs[e]
	g := pe.coef
	if st.sDeg[pe.s] < st.p.floor[pe.s] {
		g += st.p.bonus.Floor
	}
	return g
}

// needed reports whether placing pair e would meet a lower bound.
func (st *slotter) needed(e int32) bool {
	return st.forced[e] || st.sDeg[st.p.pairs[e].s] < st.floorLB[st.p.pairs[e].s]
}

// worth reports whether pair e is worth placing: it gains, or it is needed.
func (st *slotter) worth(e int32) bool { return st.gain(e) > 0 || st.needed(e) }

func (st *slotter) place(e, t int32) {
	p := st.p
	pe := &p.pairs[e]
	st.obj += st.gain(e)
	if st.forced[e] {
		st.viol -= mustRelief(pe)
	}
	if st.sDeg[pe.s] < st.floorLB[pe.s] {
		st.viol -= reliefFloor
	}
	st.slot[e] = t
	st.sBusy[int(pe.s)*p.K+int(t)] = e
	st.cLoad[int(pe.c)*p.K+int(t)]++
	st.slotLoad[t]++
	st.mpos[e] = int32(len(st.members[t]))
	st.members[t] = append(st.members[t], e)
	st.sDeg[pe.s]++
	st.cDeg[pe.c]++
	if pe.prevSlot == t {
		st.moved--
	}
	st.log = append(st.log, op{e: e, t: t, placed: true})
}

func (st *slotter) unplace(e int32) {
	p := st.p
	pe := &p.pairs[e]
	t := st.slot[e]
	st.slot[e] = -1
	st.sBusy[int(pe.s)*p.K+int(t)] = free
	st.cLoad[int(pe.c)*p.K+int(t)]--
	st.slotLoad[t]--
	m := st.members[t]
	last := m[len(m)-1]
	m[st.mpos[e]] = last
	st.mpos[last] = st.mpos[e]
	st.members[t] = m[:len(m)-1]
	st.sDeg[pe.s]--
	st.cDeg[pe.c]--
	st.obj -= st.gain(e)
	if st.forced[e] {
		st.viol += mustRelief(pe)
	}
	if st.sDeg[pe.s] < st.floorLB[pe.s] {
		st.viol += reliefFloor
	}
	if pe.prevSlot == t {
		st.moved++
	}
	st.log = append(st.log, op{e: e, t: t, placed: false})
}

// score is the objective less MoveCost per meeting of Previous moved:
// what the search maximises.
func (st *slotter) score() float64 { return st.obj - st.moveCost*float64(st.moved) }

// rollback undoes every change after journal position cp.
func (st *slotter) rollback(cp int) {
	for i := len(st.log) - 1; i >= cp; i-- {
		o := st.log[i]
		if o.placed {
			st.unplace(o.e)
		} else {
			st.place(o.e, o.t)
		}
	}
	st.log = st.log[:cp]
}

func (st *slotter) capsLeft(e int32) bool {
	pe := &st.p.pairs[e]
	return st.sDeg[pe.s] < st.p.sCap[pe.s] && st.cDeg[pe.c] < st.p.cCap[pe.c]
}

// fits reports whether pair e can go into slot t as things stand.
func (st *slotter) fits(e int32, t int) bool {
	p := st.p
	pe := &p.pairs[e]
	return p.both(pe, t) && st.sBusy[int(pe.s)*p.K+t] == free &&
		st.cLoad[int(pe.c)*p.K+t] < p.cTables[pe.c] && int(st.slotLoad[t]) < p.T
}

// forEachCommon calls f for every slot both sides of e are available in,
// starting at a random slot, until f returns false.
func (st *slotter) forEachCommon(e int32, f func(t int) bool) {
	p := st.p
	pe := &p.pairs[e]
	sa, ca := p.sAv(int(pe.s)), p.cAv(int(pe.c))
	start := st.rng.Intn(p.K)
	for pass := 0; pass < 2; pass++ {
		for w := range sa {
			m := sa[w] & ca[w]
			for m != 0 {
				b := bits.TrailingZeros64(m)
				m &= m - 1
				t := w*64 + b
				if (pass == 0) != (t >= start) {
					continue
				}
				if !f(t) {
					return
				}
			}
		}
	}
}

// bestSlot is the free slot for e with the fewest meetings (its previous
// slot if that is free), or -1.
func (st *slotter) bestSlot(e int32) int {
	pe := &st.p.pairs[e]
	if pe.prevSlot >= 0 && st.fits(e, int(pe.prevSlot)) {
		return int(pe.prevSlot)
	}
	best, bestLoad := -1, int32(1<<30)
	st.forEachCommon(e, func(t int) bool {
		if st.fits(e, t) && st.slotLoad[t] < bestLoad {
			best, bestLoad = t, st.slotLoad[t]
		}
		return true
	})
	return best
}

// insert places pair e, moving blocking meetings to other slots along
// ejection chains of at most depth steps (the Kempe-chain repair, for
// availability lists and table limits). It either succeeds with every
// moved meeting placed again, or changes nothing.
func (st *slotter) insert(e int32, depth int) bool {
	st.budget--
	if st.budget < 0 || !st.capsLeft(e) {
		return false
	}
	if t := st.bestSlot(e); t >= 0 {
		st.place(e, int32(t))
		return true
	}
	if st.kempe(e) {
		return true
	}
	if depth == 0 {
		return false
	}
	p := st.p
	pe := &p.pairs[e]
	done := false
	st.forEachCommon(e, func(t int) bool {
		var blk [3]int32
		nb := 0
		b := st.sBusy[int(pe.s)*p.K+t]
		if b == locked {
			return true
		}
		if b >= 0 {
			blk[nb] = b
			nb++
		}
		if st.cLoad[int(pe.c)*p.K+t] >= p.cTables[pe.c] {
			x := st.companyMeetingAt(pe.c, int32(t))
			if x < 0 {
				return true // only locked meetings there
			}
			blk[nb] = x
			nb++
		}
		if int(st.slotLoad[t])-nb >= p.T {
			m := st.members[t]
			if len(m) == 0 {
				return true
			}
			x := m[st.rng.Intn(len(m))]
			for i := 0; i < nb; i++ {
				if x == blk[i] {
					return true
				}
			}
			blk[nb] = x
			nb++
		}
		cp := len(st.log)
		for i := 0; i < nb; i++ {
			st.unplace(blk[i])
		}
		st.place(e, int32(t))
		ok := true
		for i := 0; i < nb && ok; i++ {
			ok = st.insert(blk[i], depth-1)
		}
		if ok {
			done = true
			return false
		}
		st.rollback(cp)
		return st.budget > 0
	})
	return done
}

// noRoom reports whether every slot is out of tables. Then no insert can
// succeed, whatever its chains: an insert that succeeds adds one meeting
// net, so it ends with some slot holding more than when it started, but
// every place (insert's, a Kempe path's, balance's) needs a slot below the
// table limit, so no slot ever holds more than max(its load, T). A failed
// insert changes nothing, so the timetable stays full.
func (st *slotter) noRoom() bool {
	for _, l := range st.slotLoad {
		if int(l) < st.p.T {
			return false
		}
	}
	return true
}

// companyMeetingAt picks a movable meeting of company c in slot t, or -1.
func (st *slotter) companyMeetingAt(c, t int32) int32 {
	cand := st.scratch[:0]
	for _, x := range st.p.cPairs[c] {
		if st.slot[x] == t {
			cand = append(cand, x)
		}
	}
	st.scratch = cand
	if len(cand) == 0 {
		return -1
	}
	return cand[st.rng.Intn(len(cand))]
}

// insertAll tries each pair in order, with ejection chains of the given
// depth and a per-pair work budget. It stops early once every slot is out
// of tables (see noRoom).
func (st *slotter) insertAll(ctx context.Context, order []int32, depth, budget int) error {
	for i, e := range order {
		if i&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if st.noRoom() {
			return nil
		}
		if st.slot[e] >= 0 || !st.capsLeft(e) || !st.worth(e) {
			continue
		}
		st.budget = budget
		st.insert(e, depth)
		st.log = st.log[:0]
	}
	return nil
}

// lns is the large-neighbourhood search: remove every movable meeting of
// one participant, re-insert those and that participant's unplaced pairs
// in a randomised order of value, and keep the result unless the
// objective (less MoveCost per moved meeting) fell or a lower bound
// (forced pair, floor unit) is met less than before. It stops early once
// the objective reaches target (within one part in a million: the
// bound is proven that close), the relaxation's own value, or (with
// stallCap) after many rounds without improvement. It returns the
// rounds run.
func (st *slotter) lns(ctx context.Context, rounds int, deadline time.Time, stallCap bool, target float64, wanted []int32, progress func(done, total int)) (int, error) {
	p := st.p
	nS, nC := len(p.sID), len(p.cID)
	if nS+nC == 0 {
		return 0, nil
	}
	stall := 0
	stallLimit := max(5000, rounds/2)
	type item struct {
		e   int32
		key float64
	}
	var removed, short []int32
	var items []item
	var touched []int32
	score := st.score
	// Simulated annealing on the objective (never on the lower bounds): a
	// move that loses d is kept with probability exp(-d / temp), temp
	// falling linearly to 0 over the time or the rounds; the best
	// timetable seen is kept and restored at the end. stall counts rounds
	// since the best last improved.
	best := struct {
		viol  int64
		score float64
		slots []int32
	}{st.viol, score(), append([]int32(nil), st.slot...)}
	startAt := time.Now()
	const temp0 = 0.03
	var before float64
	var beforeViol int64
	r := 0
	decide := func() {
		after := score()
		worse := st.viol > beforeViol || (st.viol == beforeViol && after < before-1e-9)
		if worse && st.viol == beforeViol {
			frac := float64(r) / float64(rounds)
			if !deadline.IsZero() {
				frac = math.Max(frac, float64(time.Since(startAt))/float64(deadline.Sub(startAt)))
			}
			if temp := temp0 * (1 - frac); temp > 0 && st.rng.Float64() < math.Exp((after-before)/temp) {
				worse = false
			}
		}
		if worse {
			st.rollback(0)
		}
		if st.viol < best.viol || (st.viol == best.viol && score() > best.score+1e-9) {
			best.viol, best.score = st.viol, score()
			copy(best.slots, st.slot)
			stall = 0
		} else {
			stall++
		}
	}
	for ; r < rounds; r++ {
		if r&63 == 0 {
			if err := ctx.Err(); err != nil {
				return r, err
			}
			if !deadline.IsZero() && time.Now().After(deadline) {
				break
			}
			if progress != nil && r&1023 == 0 {
				if rounds == math.MaxInt {
					progress(r, 0) // time-bounded: no total
				} else {
					progress(r, rounds)
				}
			}
		}
		if (stallCap && stall > stallLimit) || (st.obj >= target-1e-6*math.Max(1, math.Abs(target)) && st.viol <= st.minViol) {
			break
		}
		st.log = st.log[:0]
		before, beforeViol = score(), st.viol
		// Focus: while lower bounds are missed, a startup below its floor
		// or a forced pair unplaced (itself or a company it could meet);
		// else an endpoint of a wanted pair still unplaced, or anyone.
		var isStartup bool
		var who int32
		if r&63 == 0 {
			short = short[:0]
			if st.viol > st.minViol {
				for s := range p.sID {
					if st.sDeg[s] < st.floorLB[s] {
						short = append(short, p.sPairs[s]...)
					}
				}
				for e, f := range st.forced {
					if f && st.slot[e] < 0 {
						short = append(short, int32(e))
					}
				}
			}
		}
		if len(short) > 0 && st.rng.Intn(4) == 0 {
			e := short[st.rng.Intn(len(short))]
			isStartup = st.rng.Intn(2) == 0
			if isStartup {
				who = p.pairs[e].s
			} else {
				who = p.pairs[e].c
			}
		} else if len(wanted) > 0 && st.rng.Intn(2) == 0 {
			e := wanted[st.rng.Intn(len(wanted))]
			if st.slot[e] >= 0 {
				continue
			}
			isStartup = st.rng.Intn(2) == 0
			if isStartup {
				who = p.pairs[e].s
			} else {
				who = p.pairs[e].c
			}
		} else {
			k := st.rng.Intn(nS + nC)
			isStartup = k < nS
			if isStartup {
				who = int32(k)
			} else {
				who = int32(k - nS)
			}
		}
		list := p.cPairs
		if isStartup {
			list = p.sPairs
		}
		if st.rng.Intn(2) == 0 {
			// The exact step: this participant's meetings re-optimised as
			// an assignment, then its freed partners' pairs offered.
			removed = removed[:0]
			for _, e := range list[who] {
				if st.slot[e] >= 0 {
					removed = append(removed, e)
				}
			}
			st.exact(who, isStartup)
			st.offerFreed(removed, isStartup)
			decide()
			continue
		}
		removed = removed[:0]
		items = items[:0]
		for _, e := range list[who] {
			if st.slot[e] >= 0 {
				removed = append(removed, e)
			}
		}
		for _, e := range removed {
			st.unplace(e)
		}
		for _, e := range list[who] {
			items = append(items, item{e, st.p.pairs[e].coef * (0.8 + 0.4*st.rng.Float64())})
		}
		sort.Slice(items, func(i, j int) bool { return items[i].key > items[j].key })
		for _, it := range items {
			if st.slot[it.e] < 0 && st.capsLeft(it.e) && st.worth(it.e) {
				st.budget = 40
				st.insert(it.e, 1)
			}
		}
		// Meetings dropped above free their partners: offer their pairs.
		touched = touched[:0]
		for _, e := range removed {
			if st.slot[e] < 0 {
				if isStartup {
					touched = append(touched, p.pairs[e].c)
				} else {
					touched = append(touched, p.pairs[e].s)
				}
			}
		}
		for _, x := range touched {
			l := p.sPairs
			if isStartup {
				l = p.cPairs
			}
			for _, e := range l[x] {
				if st.slot[e] < 0 && st.capsLeft(e) && st.worth(e) {
					st.budget = 10
					st.insert(e, 1)
				}
			}
		}
		decide()
	}
	st.log = st.log[:0]
	if best.viol < st.viol || (best.viol == st.viol && best.score > score()+1e-9) {
		st.restore(best.slots)
	}
	return r, nil
}

// kempe places pair e = (s, c) by one alternating-path (Kempe chain)
// exchange, or changes nothing. For a slot a that s has free and both
// attend, and a slot b in which c has a table free, it moves one of c's
// meetings in a to b; that meeting's startup, if busy in b, sends its
// b-meeting to a; that meeting's company, if now over its tables in a,
// sends another of its a-meetings to b; and so on along the path (moveTo).
// Then c has room in a and e goes there. In the bipartite case without
// availability lists and table limits the path never reaches s (startups
// are entered by a-meetings, and s has none), so an exchange always
// exists while s and c have fewer meetings than slots: König's theorem,
// made constructive. The symmetric exchange (s busy in a, c has room)
// moves s's a-meeting to a slot b that s has free. Each meeting moves at
// most once per exchange, and availability and tables are kept at every
// step; a path that meets either is abandoned and rolled back.
func (st *slotter) kempe(e int32) bool {
	p := st.p
	pe := &p.pairs[e]
	s, c := int(pe.s), int(pe.c)
	K := p.K
	if st.mark == nil {
		st.mark = make([]int32, len(p.pairs))
	}
	tries := 0
	for a := 0; a < K; a++ {
		if !p.both(pe, a) {
			continue
		}
		sb := st.sBusy[s*K+a]
		cFull := st.cLoad[c*K+a] >= p.cTables[c]
		if sb == locked || (sb >= 0 && cFull) {
			continue // both sides blocked: more than one exchange needed
		}
		if sb == free && !cFull {
			// Only the tables block a: move a path out of a.
			cp := len(st.log)
			if st.balance(a) && st.fits(e, a) {
				st.place(e, int32(a))
				return true
			}
			st.rollback(cp)
			continue
		}
		for b := 0; b < K; b++ {
			if b == a || int(st.slotLoad[b]) >= p.T {
				continue
			}
			var f int32 = -1
			switch {
			case cFull && p.cFree(c, b) && st.cLoad[c*K+b] < p.cTables[c]:
				f = st.movableAt(p.cPairs[c], int32(a), int32(b))
			case sb >= 0 && p.sFree(s, b) && st.sBusy[s*K+b] == free:
				f = sb
			}
			if f < 0 {
				continue
			}
			if tries++; tries > 4*K {
				return false
			}
			st.stamp++
			cp := len(st.log)
			steps := 4 * (len(p.sID) + len(p.cID) + 2)
			st.unplace(f)
			if st.moveTo(f, int32(b), int32(a), &steps) {
				if int(st.slotLoad[a]) >= p.T && st.sBusy[s*K+a] == free && st.cLoad[c*K+a] < p.cTables[c] {
					st.balance(a) // the path ended in a, which is out of tables
				}
				if st.fits(e, a) {
					st.place(e, int32(a))
					return true
				}
			}
			st.rollback(cp)
		}
	}
	return false
}

// movableAt is a meeting among list placed in slot from that can move to
// slot to (its startup attends to) and has not moved in this exchange,
// preferring one whose startup is free in to; -1 if none.
func (st *slotter) movableAt(list []int32, from, to int32) int32 {
	p := st.p
	best := int32(-1)
	for _, x := range list {
		if st.slot[x] != from || st.mark[x] == st.stamp {
			continue
		}
		s := int(p.pairs[x].s)
		if !p.sFree(s, int(to)) {
			continue
		}
		switch st.sBusy[s*p.K+int(to)] {
		case free:
			return x
		case locked:
			continue
		}
		if best < 0 {
			best = x
		}
	}
	return best
}

// moveTo puts the unplaced meeting x, which was in slot back, into slot
// to, and then whatever now collides with it there (its startup's meeting
// in to, or one of its company's meetings beyond its tables) into back,
// recursively: the alternating (to, back) path of a Kempe exchange. It
// returns false when the path is blocked (a side unavailable, a locked
// meeting, a slot out of tables, two collisions at once, a meeting met
// twice, steps exhausted); the caller rolls back.
func (st *slotter) moveTo(x, to, back int32, steps *int) bool {
	p := st.p
	if *steps--; *steps < 0 || st.mark[x] == st.stamp {
		return false
	}
	st.mark[x] = st.stamp
	px := &p.pairs[x]
	s, c := int(px.s), int(px.c)
	if !p.both(px, int(to)) {
		return false
	}
	var g int32 = -1
	switch b := st.sBusy[s*p.K+int(to)]; {
	case b == locked:
		return false
	case b >= 0:
		g = b
	}
	var h int32 = -1
	if st.cLoad[c*p.K+int(to)] >= p.cTables[c] {
		if h = st.movableAt(p.cPairs[c], to, back); h < 0 {
			return false
		}
	}
	if g >= 0 && h >= 0 {
		return false // two collisions: not an alternating path
	}
	if g >= 0 {
		if st.mark[g] == st.stamp {
			return false
		}
		st.unplace(g)
	}
	if h >= 0 {
		st.unplace(h)
	}
	if int(st.slotLoad[to]) >= p.T {
		return false
	}
	st.place(x, to)
	switch {
	case g >= 0:
		return st.moveTo(g, back, to, steps)
	case h >= 0:
		return st.moveTo(h, back, to, steps)
	}
	return true
}

// balance frees a table in slot a by one Kempe exchange with a slot b that
// has a table free: it moves a meeting of a to b along an alternating
// (b, a) path that ends in b (one more meeting in b, one fewer in a).
// When slot a holds more meetings than b, such a path exists in the
// bipartite case without availability limits (the (a, b) components are
// paths and even cycles, and one has more a-meetings), which is why
// every bipartite meeting set fits ⌈meetings / K⌉ tables per slot. It
// tries a bounded number of starting meetings and reports whether a table
// of a is free; on false the caller rolls back.
func (st *slotter) balance(a int) bool {
	p := st.p
	tries := 0
	for b := 0; b < p.K; b++ {
		if b == a || int(st.slotLoad[b]) >= p.T {
			continue
		}
		start := append(st.scratch[:0], st.members[a]...)
		st.scratch = start[:0]
		off := st.rng.Intn(len(start) + 1)
		for i := range start {
			f := start[(i+off)%len(start)]
			if st.slot[f] != int32(a) {
				continue
			}
			if tries++; tries > 64 {
				return false
			}
			st.stamp++
			cp := len(st.log)
			steps := 4 * (len(p.sID) + len(p.cID) + 2)
			st.unplace(f)
			if st.moveTo(f, int32(b), int32(a), &steps) && int(st.slotLoad[a]) < p.T {
				return true
			}
			st.rollback(cp)
		}
	}
	return false
}

// offerFreed offers, after the meetings in removed of one participant were
// re-arranged, the pairs of each partner that lost its meeting with it.
func (st *slotter) offerFreed(removed []int32, isStartup bool) {
	p := st.p
	for _, e := range removed {
		if st.slot[e] >= 0 {
			continue
		}
		l := p.sPairs[p.pairs[e].s]
		if isStartup {
			l = p.cPairs[p.pairs[e].c]
		}
		for _, x := range l {
			if st.slot[x] < 0 && st.capsLeft(x) && st.worth(x) {
				st.budget = 10
				st.insert(x, 1)
			}
		}
	}
}

// restore puts every pair back in the slot slots gives it (-1: unplaced).
func (st *slotter) restore(slots []int32) {
	for e := range st.slot {
		if st.slot[e] >= 0 && st.slot[e] != slots[e] {
			st.unplace(int32(e))
		}
	}
	for e, t := range slots {
		if t >= 0 && st.slot[e] < 0 {
			st.place(int32(e), t)
		}
	}
	st.log = st.log[:0]
}
