package schedule

import (
	"sort"

	"pitchmatch/event"
)

// Records are the stored records BuildInput turns into an Input.
type Records struct {
	Event        *event.Event // must not be nil
	Startups     []*event.Startup
	Companies    []*event.Company
	Interests    []event.Interest // "no thanks" and conflicts become Input.Excluded
	Availability []event.Availability
	Meetings     []event.Meeting // the stored timetable (locks, previous, cancellations)
}

// BuildOptions tune BuildInput.
type BuildOptions struct {
	// LockConfirmed locks confirmed meetings too (meetings with Locked set
	// and held meetings are always locked).
	LockConfirmed bool
	// AllPairs keeps every candidate. By default BuildInput prunes them
	// with Prune.
	AllPairs bool
	// MoveConflicts lets the scheduler move the locked (or, with
	// LockConfirmed, confirmed) meetings that became infeasible where they
	// are — a side now unavailable in their slot (Result.Conflicts) —
	// instead of keeping them there. Held and no-show meetings took place
	// and never move.
	MoveConflicts bool
}

// DefaultMoveCost is the objective a re-run gives up to avoid moving one
// stored meeting when the event sets none.
const DefaultMoveCost = 0.05

// MoveCostFor is the Options.MoveCost for event e: its MoveCost setting,
// else DefaultMoveCost (a setting of 0 makes moves free).
func MoveCostFor(e *event.Event) float64 {
	if e == nil || e.MoveCost == nil {
		return DefaultMoveCost
	}
	if *e.MoveCost <= 0 {
		return -1 // Options: negative means free
	}
	return *e.MoveCost
}

// OrganizerCancellation reports whether m is an organizer's cancellation
// that stands: cancelled and locked. Its pair is never proposed again. A
// cancelled meeting that is not locked (the store cancels the meetings a
// re-run drops) does not exclude its pair.
func OrganizerCancellation(m event.Meeting) bool {
	return m.Status == event.StatusCancelled && m.Locked
}

// BuildInput is the one way the command line and the desktop app turn an
// event's records and its scored candidates into the scheduler's input:
//
//   - caps: a record's MaxMeetings, else the event's StartupCap or
//     CompanyCap; a company's parallel tables; unavailable slots;
//   - the event's slots, tables and fairness floor;
//   - Excluded: every "no thanks" or conflict interest, every pair of
//     an organizer cancellation (OrganizerCancellation) and of a declined
//     meeting (event.Meeting.Declined), once each;
//   - Locked: active meetings with Locked set, held and no-show meetings, and
//     confirmed ones when opt.LockConfirmed; Previous: the other active
//     meetings;
//   - Candidates: candidates, pruned by Prune unless opt.AllPairs
//     (Input.CandidatesScored keeps how many were given).
//
// candidates is not modified; with opt.AllPairs, Input.Candidates is
// candidates itself.
func BuildInput(r Records, candidates []Candidate, opt BuildOptions) Input {
	if opt.AllPairs {
		in := BuildInputFunc(r, 0, nil, opt)
		in.Candidates, in.CandidatesScored = candidates, len(candidates)
		return in
	}
	return BuildInputFunc(r, len(candidates), func(i int) Candidate { return candidates[i] }, opt)
}

// BuildInputFunc is BuildInput with the candidates given as n and at(i)
// for i in [0, n): a caller holding millions of scored pairs of its own
// type can prune them without first copying them all into Candidates.
// at is called a few times per index, never concurrently.
func BuildInputFunc(r Records, n int, at func(i int) Candidate, opt BuildOptions) Input {
	ev := r.Event
	un := map[event.ParticipantKind]map[string][]int{event.KindStartup: {}, event.KindCompany: {}}
	for _, a := range r.Availability {
		if m := un[a.Kind]; m != nil {
			m[a.ID] = a.Unavailable
		}
	}
	in := Input{NumSlots: ev.NumSlots(), TablesPerSlot: ev.Tables, FairnessFloor: ev.FairnessFloor}
	in.Startups = make([]Participant, 0, len(r.Startups))
	for _, s := range r.Startups {
		c := s.MaxMeetings
		if c <= 0 {
			c = ev.StartupCap
		}
		in.Startups = append(in.Startups, Participant{ID: s.ID, Cap: max(c, 0), Unavailable: un[event.KindStartup][s.ID]})
	}
	in.Companies = make([]Participant, 0, len(r.Companies))
	for _, co := range r.Companies {
		c := co.MaxMeetings
		if c <= 0 {
			c = ev.CompanyCap
		}
		in.Companies = append(in.Companies, Participant{ID: co.ID, Cap: max(c, 0), Tables: co.ParallelTables(), Unavailable: un[event.KindCompany][co.ID]})
	}
	seen := map[event.PairKey]bool{}
	exclude := func(k event.PairKey) {
		if !seen[k] {
			seen[k] = true
			in.Excluded = append(in.Excluded, k)
		}
	}
	for _, i := range r.Interests {
		if i.Excludes() {
			exclude(event.PairKey{StartupID: i.StartupID, CompanyID: i.CompanyID})
		}
	}
	var venue *event.Venue
	if opt.MoveConflicts {
		venue = event.NewVenue(ev, r.Companies, r.Availability)
	}
	for _, m := range r.Meetings {
		// A declined meeting's pair is never proposed again (event lifecycle).
		if OrganizerCancellation(m) || m.Declined() {
			exclude(event.PairKey{StartupID: m.StartupID, CompanyID: m.CompanyID})
			continue
		}
		if !m.Active() {
			continue
		}
		p := Placement{StartupID: m.StartupID, CompanyID: m.CompanyID, ThemeID: m.ThemeID, Slot: m.Slot, Table: m.Table, Weight: m.Score}
		lock := m.Locked || (opt.LockConfirmed && m.Status == event.StatusConfirmed)
		if lock && opt.MoveConflicts && venue.Check(m, m.Slot, m.Table, nil, -1) != nil {
			lock = false // infeasible where it is: the scheduler may move it
		}
		if lock || m.Status == event.StatusHeld || m.Status == event.StatusNoShow {
			p.Locked = true
			in.Locked = append(in.Locked, p)
		} else {
			in.Previous = append(in.Previous, p)
		}
	}
	in.CandidatesScored = n
	if opt.AllPairs {
		in.Candidates = make([]Candidate, n)
		for i := range in.Candidates {
			in.Candidates[i] = at(i)
		}
	} else {
		in.Candidates = prune(&in, n, at)
	}
	return in
}

// Pruning limits: Prune keeps, for each startup, its best
// max(PruneStartupFactor × cap, PruneStartupMin) companies and, for each
// company, its best max(PruneCompanyFactor × cap, PruneCompanyMin)
// startups, caps being effective caps (see Prune).
const (
	PruneStartupFactor = 4
	PruneStartupMin    = 20
	PruneCompanyFactor = 4
	PruneCompanyMin    = 50
)

// Prune returns the candidates of in worth giving to Solve, in their
// order, without modifying in.Candidates. It keeps every candidate of a
// pair that is a must-meet, requested, locked or in Previous; for each
// startup its Ks best companies and for each company its Kc best
// startups, by the pair's weight (its best candidate's), ties to the lower
// ID; the union of these pairs, with all their candidates, is the result.
// Ks = max(4 × the startup's effective cap, 20) and Kc = max(4 × the
// company's effective cap, 50), an effective cap being the cap limited by
// the available slots (times the parallel tables for a company). Excluded
// pairs are dropped (Solve never proposes them); candidates naming an
// unknown participant are kept, for Solve to report.
//
// A pruned input is a smaller problem: Result.Bound is then the optimum
// over the kept candidates, not over every scored pair. A startup keeps at
// least min(its pairs, Ks) pairs, so no fairness floor shrinks. Nothing
// bounds the loss in general; TestPruneObjective measures it on random
// instances (under 1%).
func Prune(in *Input) []Candidate {
	return prune(in, len(in.Candidates), func(i int) Candidate { return in.Candidates[i] })
}

// prune is Prune over the candidates at(0), …, at(n-1) instead of
// in.Candidates.
func prune(in *Input, n int, at func(int) Candidate) []Candidate {
	nS, nC := len(in.Startups), len(in.Companies)
	sOf := make(map[string]int32, nS)
	for i, p := range in.Startups {
		sOf[p.ID] = int32(i)
	}
	cOf := make(map[string]int32, nC)
	for i, p := range in.Companies {
		cOf[p.ID] = int32(i)
	}
	// Ranks by ID, for ties.
	sRank := idRanks(in.Startups)
	cRank := idRanks(in.Companies)
	ks := make([]int, nS)
	for i, p := range in.Startups {
		ks[i] = max(PruneStartupFactor*effectiveCap(p, in.NumSlots, 1), PruneStartupMin)
	}
	kc := make([]int, nC)
	for i, p := range in.Companies {
		kc[i] = max(PruneCompanyFactor*effectiveCap(p, in.NumSlots, min(max(p.Tables, 1), max(in.TablesPerSlot, 1))), PruneCompanyMin)
	}
	key := func(sID, cID string) (int64, bool) {
		s, okS := sOf[sID]
		c, okC := cOf[cID]
		return int64(s)*int64(nC) + int64(c), okS && okC
	}
	excluded := make(map[int64]bool, len(in.Excluded))
	for _, k := range in.Excluded {
		if x, ok := key(k.StartupID, k.CompanyID); ok {
			excluded[x] = true
		}
	}
	forcedPair := make(map[int64]bool, len(in.Locked)+len(in.Previous))
	for _, l := range append(append([]Placement(nil), in.Locked...), in.Previous...) {
		if x, ok := key(l.StartupID, l.CompanyID); ok {
			forcedPair[x] = true
		}
	}

	// Bucket the candidates by startup (counting sort); -1 marks unknown
	// participants, -2 excluded pairs.
	si := make([]int32, n)
	ci := make([]int32, n)
	count := make([]int32, nS+1)
	// Scored pairs usually come by startup, then company: try the last
	// participant and the next before the maps.
	lastS, lastC := int32(-1), int32(-1)
	find := func(id string, last int32, ps []Participant, of map[string]int32) (int32, bool) {
		if last >= 0 && ps[last].ID == id {
			return last, true
		}
		if int(last+1) < len(ps) && ps[last+1].ID == id {
			return last + 1, true
		}
		x, ok := of[id]
		return x, ok
	}
	for i := 0; i < n; i++ {
		cd := at(i)
		s, okS := find(cd.StartupID, lastS, in.Startups, sOf)
		c, okC := find(cd.CompanyID, lastC, in.Companies, cOf)
		if okS {
			lastS = s
		}
		if okC {
			lastC = c
		}
		switch {
		case !okS || !okC:
			si[i] = -1
			continue
		case len(excluded) > 0 && excluded[int64(s)*int64(nC)+int64(c)]:
			si[i] = -2
			continue
		}
		si[i], ci[i] = s, c
		count[s+1]++
	}
	for s := 0; s < nS; s++ {
		count[s+1] += count[s]
	}
	order := make([]int32, count[nS])
	fill := append([]int32(nil), count[:nS]...)
	for i := 0; i < n; i++ {
		if s := si[i]; s >= 0 {
			order[fill[s]] = int32(i)
			fill[s]++
		}
	}

	// One pass per startup: its pairs (best weight), its top Ks, and each
	// pair offered to its company's bounded heap.
	best := make([]int, nC) // index into pairs of company c for the current startup, or -1
	for c := range best {
		best[c] = -1
	}
	keepPair := make([]bool, nC) // for the current startup
	keep := make([]bool, n)
	heaps := make([]topHeap, nC)
	var pairs []prunePair
	better := func(a, b *prunePair) bool { // a ranks above b for the startup
		if a.w != b.w {
			return a.w > b.w
		}
		return cRank[a.c] < cRank[b.c]
	}
	for s := 0; s < nS; s++ {
		bucket := order[count[s]:count[s+1]]
		pairs = pairs[:0]
		for _, i := range bucket {
			cd := at(int(i))
			c := ci[i]
			f := cd.MustMeet || cd.Requested
			if best[c] < 0 {
				best[c] = len(pairs)
				pairs = append(pairs, prunePair{c: c, w: cd.Weight, forced: f})
				continue
			}
			p := &pairs[best[c]]
			p.w = max(p.w, cd.Weight)
			p.forced = p.forced || f
		}
		for k := range pairs {
			p := &pairs[k]
			best[p.c] = -1
			if !p.forced && len(forcedPair) > 0 && forcedPair[int64(s)*int64(nC)+int64(p.c)] {
				p.forced = true
			}
			heaps[p.c].offer(int32(s), p.w, sRank, kc[p.c])
		}
		if len(pairs) > ks[s] {
			selectTop(pairs, ks[s], better)
		}
		for k := range pairs {
			if k < ks[s] || pairs[k].forced {
				keepPair[pairs[k].c] = true
			}
		}
		for _, i := range bucket {
			keep[i] = keepPair[ci[i]]
		}
		for k := range pairs {
			keepPair[pairs[k].c] = false
		}
	}
	// The companies' choices, startup by startup.
	byStartup := make([][]int32, nS)
	for c := range heaps {
		for _, e := range heaps[c].items {
			byStartup[e.s] = append(byStartup[e.s], int32(c))
		}
	}
	for s, cs := range byStartup {
		if len(cs) == 0 {
			continue
		}
		for _, c := range cs {
			keepPair[c] = true
		}
		for _, i := range order[count[s]:count[s+1]] {
			keep[i] = keep[i] || keepPair[ci[i]]
		}
		for _, c := range cs {
			keepPair[c] = false
		}
	}
	kept := 0
	for i := 0; i < n; i++ {
		if keep[i] || si[i] == -1 {
			kept++
		}
	}
	out := make([]Candidate, 0, kept)
	for i := 0; i < n; i++ {
		if keep[i] || si[i] == -1 {
			out = append(out, at(i))
		}
	}
	return out
}

// prunePair is one startup's pair with a company while pruning.
type prunePair struct {
	c      int32
	w      float64
	forced bool
}

// selectTop reorders ps so that its k best (by better, a strict total
// order) come first, in any order: quickselect, linear on average.
func selectTop[T any](ps []T, k int, better func(a, b *T) bool) {
	lo, hi := 0, len(ps)-1
	for lo < hi {
		// Median of three as the pivot, moved to hi.
		mid := lo + (hi-lo)/2
		if better(&ps[mid], &ps[lo]) {
			ps[mid], ps[lo] = ps[lo], ps[mid]
		}
		if better(&ps[hi], &ps[lo]) {
			ps[hi], ps[lo] = ps[lo], ps[hi]
		}
		if better(&ps[mid], &ps[hi]) {
			ps[mid], ps[hi] = ps[hi], ps[mid]
		}
		pivot := ps[hi]
		store := lo
		for i := lo; i < hi; i++ {
			if better(&ps[i], &pivot) {
				ps[i], ps[store] = ps[store], ps[i]
				store++
			}
		}
		ps[store], ps[hi] = ps[hi], ps[store]
		switch {
		case store == k || store == k-1:
			return
		case store < k:
			lo = store + 1
		default:
			hi = store - 1
		}
	}
}

// effectiveCap is p's cap limited by its available slots times perSlot
// meetings per slot.
func effectiveCap(p Participant, numSlots, perSlot int) int {
	off := map[int]bool{}
	for _, t := range p.Unavailable {
		if t >= 0 && t < numSlots {
			off[t] = true
		}
	}
	free := (numSlots - len(off)) * perSlot
	if p.Cap > 0 {
		return min(p.Cap, free)
	}
	return free
}

// idRanks is each participant's position in ID order.
func idRanks(ps []Participant) []int32 {
	idx := make([]int, len(ps))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return ps[idx[a]].ID < ps[idx[b]].ID })
	r := make([]int32, len(ps))
	for k, i := range idx {
		r[i] = int32(k)
	}
	return r
}

// topHeap keeps a company's best k startups: a min-heap whose root is the
// worst kept (lowest weight, then highest ID rank).
type topHeap struct {
	items []topItem
}

type topItem struct {
	w   float64
	s   int32
	ref int32 // the caller's reference (Pruner: its stored candidates, -1 none)
}

// worse reports whether a ranks below b.
func worse(a, b topItem, rank []int32) bool {
	if a.w != b.w {
		return a.w < b.w
	}
	return rank[a.s] > rank[b.s]
}

// offer adds (s, w) if it ranks among the k best; it returns whether it
// did and the reference of the item it pushed out (-1: none).
func (h *topHeap) offer(s int32, w float64, rank []int32, k int) (bool, int32) {
	return h.offerRef(topItem{s: s, w: w, ref: -1}, rank, k)
}

func (h *topHeap) offerRef(it topItem, rank []int32, k int) (bool, int32) {
	if len(h.items) < k {
		h.items = append(h.items, it)
		j := len(h.items) - 1
		for j > 0 {
			p := (j - 1) / 2
			if !worse(h.items[j], h.items[p], rank) {
				break
			}
			h.items[j], h.items[p] = h.items[p], h.items[j]
			j = p
		}
		return true, -1
	}
	if k == 0 || !worse(h.items[0], it, rank) {
		return false, -1
	}
	out := h.items[0].ref
	h.items[0] = it
	j, n := 0, len(h.items)
	for {
		l := 2*j + 1
		if l >= n {
			break
		}
		m := l
		if r := l + 1; r < n && worse(h.items[r], h.items[l], rank) {
			m = r
		}
		if !worse(h.items[m], h.items[j], rank) {
			break
		}
		h.items[j], h.items[m] = h.items[m], h.items[j]
		j = m
	}
	return true, out
}
