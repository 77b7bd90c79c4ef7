package schedule

import (
	"fmt"
	"math"
	"math/bits"
	"sort"

	"pitchmatch/event"
)

// pair is one startup–company pair that may meet (candidates merged over
// themes, exclusions and locked pairs removed).
type pair struct {
	s, c      int32
	theme     string
	weight    float64
	coef      float64 // weight plus bonuses: the objective coefficient
	must, req bool
	prevSlot  int32 // slot in Input.Previous, or -1
	prevTable int32
	common    int32 // slots both sides are available in
}

// lockedMeeting is a placement that never moves.
type lockedMeeting struct {
	s, c        int32
	theme       string
	slot, table int32
	weight      float64
	coef        float64
	must, req   bool
}

// problem is Input in index form.
type problem struct {
	K, T     int // slots, tables per slot
	W        int // 64-bit words per availability set
	sID, cID []string
	sCap     []int32 // effective caps, including locked meetings
	cCap     []int32
	cTables  []int32
	floor    []int32 // fairness target per startup (0 for startups without pairs)
	sAvail   []uint64
	cAvail   []uint64
	pairs    []pair
	sPairs   [][]int32
	cPairs   [][]int32
	locked   []lockedMeeting
	sLocked  []int32
	cLocked  []int32
	bonus    Bonuses
	warnings []string
}

func (p *problem) sAv(s int) []uint64 { return p.sAvail[s*p.W : (s+1)*p.W] }
func (p *problem) cAv(c int) []uint64 { return p.cAvail[c*p.W : (c+1)*p.W] }

func (p *problem) sFree(s, t int) bool { return p.sAvail[s*p.W+t>>6]&(1<<(uint(t)&63)) != 0 }
func (p *problem) cFree(c, t int) bool { return p.cAvail[c*p.W+t>>6]&(1<<(uint(t)&63)) != 0 }

// both reports whether slot t is available to both sides of pair e.
func (p *problem) both(e *pair, t int) bool { return p.sFree(int(e.s), t) && p.cFree(int(e.c), t) }

func invalid(format string, args ...any) error {
	return event.Errorf(event.EInvalid, "", "schedule: "+format, args...)
}

// coefOf is the objective coefficient of a pair.
func coefOf(b Bonuses, weight float64, must, req bool) float64 {
	c := weight
	if must {
		c += b.MustMeet
	}
	if req {
		c += b.Requested
	}
	return c
}

// newProblem validates in and converts it to index form.
func newProblem(in *Input) (*problem, error) {
	if in.NumSlots <= 0 {
		return nil, invalid("the event has no slots")
	}
	if in.TablesPerSlot <= 0 {
		return nil, invalid("the event has no tables")
	}
	K := in.NumSlots
	p := &problem{K: K, T: in.TablesPerSlot, W: (K + 63) / 64, bonus: DefaultBonuses()}
	if in.Bonuses != nil {
		p.bonus = *in.Bonuses
	}
	for _, v := range []float64{p.bonus.MustMeet, p.bonus.Requested, p.bonus.Floor} {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 || v > 1000 {
			return nil, invalid("bonuses must be between 0 and 1000")
		}
	}
	sIdx := make(map[string]int, len(in.Startups))
	cIdx := make(map[string]int, len(in.Companies))
	nS, nC := len(in.Startups), len(in.Companies)
	p.sID = make([]string, nS)
	p.cID = make([]string, nC)
	p.sCap = make([]int32, nS)
	p.cCap = make([]int32, nC)
	p.cTables = make([]int32, nC)
	p.sAvail = make([]uint64, nS*p.W)
	p.cAvail = make([]uint64, nC*p.W)
	full := func(set []uint64) {
		for t := 0; t < K; t++ {
			set[t>>6] |= 1 << (uint(t) & 63)
		}
	}
	setAvail := func(kind, id string, set []uint64, un []int) int {
		full(set)
		for _, t := range un {
			if t < 0 || t >= K {
				p.warnings = append(p.warnings, fmt.Sprintf("%s %s: unavailable slot %d is outside 0..%d, ignored", kind, id, t, K-1))
				continue
			}
			set[t>>6] &^= 1 << (uint(t) & 63)
		}
		n := 0
		for _, w := range set {
			n += bits.OnesCount64(w)
		}
		return n
	}
	for i, s := range in.Startups {
		if s.ID == "" {
			return nil, invalid("startup %d has no ID", i+1)
		}
		if _, dup := sIdx[s.ID]; dup {
			return nil, invalid("startup %s appears twice", s.ID)
		}
		sIdx[s.ID] = i
		p.sID[i] = s.ID
		free := setAvail("startup", s.ID, p.sAv(i), s.Unavailable)
		p.sCap[i] = int32(capOf(s.Cap, free))
	}
	for i, c := range in.Companies {
		if c.ID == "" {
			return nil, invalid("company %d has no ID", i+1)
		}
		if _, dup := cIdx[c.ID]; dup {
			return nil, invalid("company %s appears twice", c.ID)
		}
		cIdx[c.ID] = i
		p.cID[i] = c.ID
		tables := c.Tables
		if tables < 1 {
			tables = 1
		}
		if tables > in.TablesPerSlot {
			tables = in.TablesPerSlot
		}
		p.cTables[i] = int32(tables)
		free := setAvail("company", c.ID, p.cAv(i), c.Unavailable)
		p.cCap[i] = int32(capOf(c.Cap, free*tables))
	}
	excluded := make(map[event.PairKey]bool, len(in.Excluded))
	for _, k := range in.Excluded {
		excluded[k] = true
	}

	// Locked meetings: validated, never moved.
	p.sLocked = make([]int32, nS)
	p.cLocked = make([]int32, nC)
	lockedPair := make(map[[2]int32]bool, len(in.Locked))
	sBusy := make(map[[2]int32]string)
	cBusy := make(map[[2]int32]int32)
	tableBusy := make(map[[2]int32]string)
	for _, l := range in.Locked {
		s, ok := sIdx[l.StartupID]
		if !ok {
			return nil, invalid("locked meeting names unknown startup %s", l.StartupID)
		}
		c, ok := cIdx[l.CompanyID]
		if !ok {
			return nil, invalid("locked meeting names unknown company %s", l.CompanyID)
		}
		name := l.StartupID + "–" + l.CompanyID
		if l.Slot < 0 || l.Slot >= K {
			return nil, invalid("locked meeting %s is in slot %d, outside 0..%d", name, l.Slot, K-1)
		}
		if l.Table < 0 || l.Table >= in.TablesPerSlot {
			return nil, invalid("locked meeting %s is at table %d, outside 0..%d", name, l.Table, in.TablesPerSlot-1)
		}
		key := [2]int32{int32(s), int32(c)}
		if lockedPair[key] {
			return nil, invalid("pair %s is locked twice", name)
		}
		lockedPair[key] = true
		if other, busy := sBusy[[2]int32{int32(s), int32(l.Slot)}]; busy {
			return nil, invalid("locked meetings %s and %s put startup %s twice in slot %d", other, name, l.StartupID, l.Slot)
		}
		sBusy[[2]int32{int32(s), int32(l.Slot)}] = name
		ck := [2]int32{int32(c), int32(l.Slot)}
		cBusy[ck]++
		if cBusy[ck] > p.cTables[c] {
			return nil, invalid("locked meetings give company %s more than %d meetings in slot %d", l.CompanyID, p.cTables[c], l.Slot)
		}
		tk := [2]int32{int32(l.Slot), int32(l.Table)}
		if other, busy := tableBusy[tk]; busy {
			return nil, invalid("locked meetings %s and %s share table %d in slot %d", other, name, l.Table, l.Slot)
		}
		tableBusy[tk] = name
		if !p.sFree(s, l.Slot) || !p.cFree(c, l.Slot) {
			p.warnings = append(p.warnings, fmt.Sprintf("locked meeting %s is in slot %d, which one side marked unavailable; kept", name, l.Slot))
		}
		p.locked = append(p.locked, lockedMeeting{s: int32(s), c: int32(c), theme: l.ThemeID, slot: int32(l.Slot), table: int32(l.Table), weight: l.Weight})
		p.sLocked[s]++
		p.cLocked[c]++
	}

	// Merge candidates per pair: the best-scoring theme, flags or-ed.
	type agg struct {
		idx  int32
		must bool
		req  bool
	}
	byPair := make(map[[2]int32]*agg, len(in.Candidates))
	lockedCand := make(map[[2]int32]Candidate)
	for i, cd := range in.Candidates {
		s, ok := sIdx[cd.StartupID]
		if !ok {
			return nil, invalid("candidate %d names unknown startup %s", i+1, cd.StartupID)
		}
		c, ok := cIdx[cd.CompanyID]
		if !ok {
			return nil, invalid("candidate %d names unknown company %s", i+1, cd.CompanyID)
		}
		if math.IsNaN(cd.Weight) || math.IsInf(cd.Weight, 0) || cd.Weight < -1000 || cd.Weight > 1000 {
			return nil, invalid("candidate %s–%s has weight %v", cd.StartupID, cd.CompanyID, cd.Weight)
		}
		key := [2]int32{int32(s), int32(c)}
		if lockedPair[key] {
			old, seen := lockedCand[key]
			if seen {
				old.MustMeet = old.MustMeet || cd.MustMeet
				old.Requested = old.Requested || cd.Requested
				if cd.Weight > old.Weight {
					old.Weight, old.ThemeID = cd.Weight, cd.ThemeID
				}
				cd = old
			}
			lockedCand[key] = cd
			continue
		}
		if excluded[event.PairKey{StartupID: cd.StartupID, CompanyID: cd.CompanyID}] {
			continue
		}
		a := byPair[key]
		if a == nil {
			a = &agg{idx: int32(i)}
			byPair[key] = a
		} else {
			if cd.Weight > in.Candidates[a.idx].Weight {
				a.idx = int32(i)
			}
		}
		a.must = a.must || cd.MustMeet
		a.req = a.req || cd.Requested
	}
	for i := range p.locked {
		l := &p.locked[i]
		if cd, ok := lockedCand[[2]int32{l.s, l.c}]; ok {
			l.weight = cd.Weight
			if l.theme == "" {
				l.theme = cd.ThemeID
			}
			l.must, l.req = cd.MustMeet, cd.Requested
			l.coef = coefOf(p.bonus, l.weight, cd.MustMeet, cd.Requested)
		} else {
			l.coef = l.weight
		}
	}
	prev := make(map[[2]int32]Placement, len(in.Previous))
	for _, pl := range in.Previous {
		s, ok1 := sIdx[pl.StartupID]
		c, ok2 := cIdx[pl.CompanyID]
		if ok1 && ok2 && pl.Slot >= 0 && pl.Slot < K && pl.Table >= 0 && pl.Table < in.TablesPerSlot {
			prev[[2]int32{int32(s), int32(c)}] = pl
		}
	}
	keys := make([][2]int32, 0, len(byPair))
	for k := range byPair {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	p.pairs = make([]pair, 0, len(keys))
	p.sPairs = make([][]int32, nS)
	p.cPairs = make([][]int32, nC)
	for _, k := range keys {
		a := byPair[k]
		cd := in.Candidates[a.idx]
		e := pair{s: k[0], c: k[1], theme: cd.ThemeID, weight: cd.Weight, must: a.must, req: a.req, prevSlot: -1, prevTable: -1}
		e.coef = coefOf(p.bonus, e.weight, e.must, e.req)
		sa, ca := p.sAv(int(e.s)), p.cAv(int(e.c))
		for w := range sa {
			e.common += int32(bits.OnesCount64(sa[w] & ca[w]))
		}
		if pl, ok := prev[k]; ok {
			e.prevSlot, e.prevTable = int32(pl.Slot), int32(pl.Table)
		}
		id := int32(len(p.pairs))
		p.pairs = append(p.pairs, e)
		p.sPairs[e.s] = append(p.sPairs[e.s], id)
		p.cPairs[e.c] = append(p.cPairs[e.c], id)
	}
	p.floor = make([]int32, nS)
	for s := range p.floor {
		if len(p.sPairs[s]) == 0 && p.sLocked[s] == 0 {
			continue
		}
		f := int32(in.FairnessFloor)
		f = min(f, p.sCap[s], int32(len(p.sPairs[s]))+p.sLocked[s])
		if f > 0 {
			p.floor[s] = f
		}
	}
	return p, nil
}

// capOf is min(cap, limit), with cap ≤ 0 meaning no cap.
func capOf(cap, limit int) int {
	if cap > 0 && cap < limit {
		return cap
	}
	return limit
}
