package schedule

import (
	"cmp"
	"math"
	"slices"
	"sync"
)

// Pruner is Prune for candidates that arrive startup by startup, as a
// large event's scorer produces them, so that they are never all held at
// once: memory is proportional to the kept pairs (each startup's kept
// candidates, and each company's bounded heap of its best startups with
// their candidates), not to the scored ones. The kept set is exactly
// Prune's on the concatenation of every batch (TestPrunerMatchesPrune).
//
// Use one PruneWorker per goroutine (Worker); each batch passed to
// PruneWorker.Add must be every candidate of one startup. When every
// worker is done, Candidates returns the result.
type Pruner struct {
	in       *Input
	all      bool // keep everything (BuildOptions.AllPairs)
	sOf, cOf map[string]int32
	sRank    []int32
	cRank    []int32
	ks, kc   []int
	excluded map[int64]bool
	forced   map[int64]bool
	sHas     []uint8 // per startup: hasExcluded, hasForced

	mu        sync.Mutex
	workers   []*PruneWorker
	perS      [][]streamCand // per startup: its locally kept candidates (written by one worker)
	unknown   []Candidate    // candidates naming an unknown participant: kept, for Solve to report
	scoredAll int
}

// streamCand is a kept candidate with its position in its startup's batch.
type streamCand struct {
	Candidate
	pos int32
}

// PruneWorker feeds one goroutine's batches to a Pruner.
type PruneWorker struct {
	pr     *Pruner
	tops   []companyTop   // per company: its best startups seen by this worker
	minW   []float64      // per company: tops' bound weight once cut, else -Inf (a dense copy the check reads)
	one    []streamCand   // the candidate of a top item not kept by its startup (0 ≤ ref < inlineRef)
	more   [][]streamCand // the candidates of such an item when it has several (ref ≤ -2)
	freeO  []int32        // free slots of one
	freeM  []int32        // free slots of more
	better func(a, b *streamItem) bool
	// Resolve, if set, makes the Candidate of startup s's scored pair p
	// (AddScored's cand(i) for p = &batch[i]): a top item then keeps p, no
	// Candidate, until Candidates needs it.
	Resolve func(s int32, p *ScoredPair) Candidate
	best    []int   // per company, index into pairs for the current batch, or -1
	first   []int   // per company, its first candidate in the current batch
	last    []int   // per company, its last candidate so far in the current batch
	next    []int32 // per candidate of the current batch: the next of its company, -1 none
	keepC   []bool  // per company, kept by the current startup
	cOf     []int32 // per candidate of the current batch: its company, -1 dropped
	pairs   []prunePair
	sp      []ScoredPair // Add's batch by index
	scored  int
}

// Pruner.sHas bits: the startup has excluded pairs / forced pairs (locked
// or previous meetings).
const (
	hasExcluded = 1 << iota
	hasForced
)

// NewPruner prepares pruning for in (participants, exclusions, locked and
// previous meetings; in.Candidates is ignored). With all, every candidate
// is kept (BuildOptions.AllPairs).
func NewPruner(in *Input, all bool) *Pruner {
	nS, nC := len(in.Startups), len(in.Companies)
	pr := &Pruner{in: in, all: all, sOf: make(map[string]int32, nS), cOf: make(map[string]int32, nC),
		sRank: idRanks(in.Startups), cRank: idRanks(in.Companies), ks: make([]int, nS), kc: make([]int, nC),
		excluded: map[int64]bool{}, forced: map[int64]bool{}, sHas: make([]uint8, nS), perS: make([][]streamCand, nS)}
	for i, p := range in.Startups {
		pr.sOf[p.ID] = int32(i)
		pr.ks[i] = max(PruneStartupFactor*effectiveCap(p, in.NumSlots, 1), PruneStartupMin)
	}
	for i, p := range in.Companies {
		pr.cOf[p.ID] = int32(i)
		pr.kc[i] = max(PruneCompanyFactor*effectiveCap(p, in.NumSlots, min(max(p.Tables, 1), max(in.TablesPerSlot, 1))), PruneCompanyMin)
	}
	for _, k := range in.Excluded {
		if x, ok := pr.key(k.StartupID, k.CompanyID); ok {
			pr.excluded[x] = true
			pr.sHas[pr.sOf[k.StartupID]] |= hasExcluded
		}
	}
	for _, l := range append(in.Locked[:len(in.Locked):len(in.Locked)], in.Previous...) {
		if x, ok := pr.key(l.StartupID, l.CompanyID); ok {
			pr.forced[x] = true
			pr.sHas[pr.sOf[l.StartupID]] |= hasForced
		}
	}
	return pr
}

func (pr *Pruner) key(sID, cID string) (int64, bool) {
	s, okS := pr.sOf[sID]
	c, okC := pr.cOf[cID]
	return int64(s)*int64(len(pr.cOf)) + int64(c), okS && okC
}

// Worker returns a new worker; it is safe to call from any goroutine.
func (pr *Pruner) Worker() *PruneWorker {
	nC := len(pr.cOf)
	w := &PruneWorker{pr: pr, tops: make([]companyTop, nC), minW: make([]float64, nC), best: make([]int, nC), first: make([]int, nC), last: make([]int, nC),
		keepC: make([]bool, nC)}
	for c := range w.best {
		w.best[c] = -1
		w.minW[c] = math.Inf(-1)
	}
	w.better = func(a, b *streamItem) bool { return worse(b.topItem, a.topItem, pr.sRank) }
	pr.mu.Lock()
	pr.workers = append(pr.workers, w)
	pr.mu.Unlock()
	return w
}

// ScoredPair is one candidate of a startup's batch for AddScored: its
// company by index in Input.Companies (CompanyIndex; -1: a company the
// input does not have), its weight and what the sides asked.
type ScoredPair struct {
	Company             int32
	Ref                 int32 // the caller's (PruneWorker.Resolve's), e.g. the theme
	Weight              float64
	MustMeet, Requested bool
}

// StartupIndex is the index of startup id in Input.Startups, -1 if none.
func (pr *Pruner) StartupIndex(id string) int32 {
	if s, ok := pr.sOf[id]; ok {
		return s
	}
	return -1
}

// CompanyIndex is the index of company id in Input.Companies, -1 if none.
func (pr *Pruner) CompanyIndex(id string) int32 {
	if c, ok := pr.cOf[id]; ok {
		return c
	}
	return -1
}

// Add takes every candidate of one startup (batch is not kept; its
// strings are). Two batches of the same startup, or concurrent calls on
// one worker, are not allowed.
func (w *PruneWorker) Add(batch []Candidate) {
	pr := w.pr
	if len(batch) == 0 {
		return
	}
	s, okS := pr.sOf[batch[0].StartupID]
	if !okS {
		w.scored += len(batch)
		pr.mu.Lock()
		pr.unknown = append(pr.unknown, batch...)
		pr.mu.Unlock()
		return
	}
	sp := w.sp[:0]
	for _, cd := range batch {
		sp = append(sp, ScoredPair{Company: pr.CompanyIndex(cd.CompanyID), Weight: cd.Weight, MustMeet: cd.MustMeet, Requested: cd.Requested})
	}
	w.sp = sp
	w.AddScored(s, sp, func(i int) Candidate { return batch[i] })
}

// AddScored is Add by index: batch is every candidate of startup s (its
// index in Input.Startups), and cand(i) is batch[i] as a Candidate, called
// only for the candidates kept (batch is not kept; cand's results are).
func (w *PruneWorker) AddScored(s int32, batch []ScoredPair, cand func(i int) Candidate) {
	pr := w.pr
	w.scored += len(batch)
	if len(batch) == 0 {
		return
	}
	if pr.all {
		out := make([]streamCand, len(batch))
		for i := range batch {
			out[i] = streamCand{cand(i), int32(i)}
		}
		pr.perS[s] = out
		return
	}
	nC := int64(len(pr.cOf))
	// The startup's pairs: best weight per company, forced if any
	// candidate or the pair's meetings say so.
	w.pairs = w.pairs[:0]
	if cap(w.cOf) < len(batch) {
		w.cOf = make([]int32, len(batch))
		w.next = make([]int32, len(batch))
	}
	cOf, next, first := w.cOf[:len(batch)], w.next[:len(batch)], w.first
	excl, forced := pr.sHas[s]&hasExcluded != 0, pr.sHas[s]&hasForced != 0
	var kept []streamCand
	for i := range batch {
		cd := &batch[i]
		c := cd.Company
		switch {
		case c < 0:
			cOf[i] = -1
			pr.mu.Lock()
			pr.unknown = append(pr.unknown, cand(i))
			pr.mu.Unlock()
			continue
		case excl && pr.excluded[int64(s)*nC+int64(c)]:
			cOf[i] = -1
			continue
		}
		cOf[i] = c
		next[i] = -1
		f := cd.MustMeet || cd.Requested
		if w.best[c] < 0 {
			w.best[c], w.first[c], w.last[c] = len(w.pairs), i, i
			w.pairs = append(w.pairs, prunePair{c: c, w: cd.Weight, forced: f})
			continue
		}
		next[w.last[c]] = int32(i)
		w.last[c] = i
		p := &w.pairs[w.best[c]]
		p.w = max(p.w, cd.Weight)
		p.forced = p.forced || f
	}
	for k := range w.pairs {
		p := &w.pairs[k]
		w.best[p.c] = -1
		if !p.forced && forced && pr.forced[int64(s)*nC+int64(p.c)] {
			p.forced = true
		}
	}
	ks := pr.ks[s]
	if len(w.pairs) > ks {
		// The same selection as prune: the ks best by weight, ties to
		// the lower company ID.
		selectTop(w.pairs, ks, func(a, b *prunePair) bool {
			if a.w != b.w {
				return a.w > b.w
			}
			return pr.cRank[a.c] < pr.cRank[b.c]
		})
	}
	keepC := w.keepC
	for k := range w.pairs {
		if k < ks || w.pairs[k].forced {
			keepC[w.pairs[k].c] = true
		}
	}
	n := 0
	for i := range batch {
		if c := cOf[i]; c >= 0 && keepC[c] {
			n++
		}
	}
	kept = make([]streamCand, 0, n)
	for i := range batch {
		if c := cOf[i]; c >= 0 && keepC[c] {
			kept = append(kept, streamCand{cand(i), int32(i)})
		}
	}
	pr.perS[s] = kept
	// Each pair offered to its company's best; a pair the startup does not
	// keep carries its candidates, in case the company keeps it.
	for k := range w.pairs {
		p := &w.pairs[k]
		it := streamItem{topItem: topItem{s: s, w: p.w, ref: -1}}
		if p.w < w.minW[p.c] {
			continue // not among the company's best (so far): nothing changes
		}
		ct := &w.tops[p.c]
		if ct.cut && !worse(ct.bound, it.topItem, pr.sRank) {
			continue
		}
		if !keepC[p.c] {
			w.storeCands(&it, batch, first[p.c], next, cand)
		}
		ct.items = append(ct.items, it)
		if kc := pr.kc[p.c]; len(ct.items) >= max(2*kc, kc+32) {
			w.cutTop(p.c, kc)
		}
	}
	for k := range w.pairs {
		keepC[w.pairs[k].c] = false
	}
}

// streamItem is a company's top item, with its candidate inline when that
// is one pair kept by index (ref == inlineRef: the pair of startup s at pos
// of its batch, with theme ref p and flags).
type streamItem struct {
	topItem
	p, pos int32
	flags  uint8 // 1: must-meet, 2: requested
}

// inlineRef marks a streamItem that holds its candidate (storeCands).
const inlineRef = 1 << 30

// companyTop is one company's best startups seen by one worker: every
// offered item better than bound is appended, and when there are twice
// the company's k the items are cut back to the k best (quickselect) and
// bound becomes the worst of those. An item not better than bound is not
// among the k best of what the worker sees, so not among the company's k
// best of all; the union over the workers of the items holds those.
type companyTop struct {
	items []streamItem
	bound topItem
	cut   bool
}

// cutTop cuts company c's items back to its k best.
func (w *PruneWorker) cutTop(c int32, k int) {
	ct := &w.tops[c]
	selectTop(ct.items, k, w.better)
	for _, it := range ct.items[k:] {
		w.release(it.ref)
	}
	ct.items = ct.items[:k]
	b := ct.items[0].topItem
	for _, it := range ct.items[1:] {
		if worse(it.topItem, b, w.pr.sRank) {
			b = it.topItem
		}
	}
	ct.bound, ct.cut = b, true
	w.minW[c] = b.w
}

// storeCands keeps in it the candidates of one company in its startup's
// current batch (from first, along next; made by cand): inline when it is
// one pair and the worker has Resolve (it.ref = inlineRef), else in a slot
// of one (0 ≤ ref < inlineRef) or of more (ref ≤ -2).
func (w *PruneWorker) storeCands(it *streamItem, batch []ScoredPair, first int, next []int32, cand func(i int) Candidate) {
	if next[first] < 0 && w.Resolve != nil {
		p := &batch[first]
		it.ref, it.p, it.pos = inlineRef, p.Ref, int32(first)
		if p.MustMeet {
			it.flags |= 1
		}
		if p.Requested {
			it.flags |= 2
		}
		return
	}
	if next[first] < 0 {
		sc := streamCand{cand(first), int32(first)}
		if n := len(w.freeO); n > 0 {
			r := w.freeO[n-1]
			w.freeO = w.freeO[:n-1]
			w.one[r] = sc
			it.ref = r
			return
		}
		w.one = append(w.one, sc)
		it.ref = int32(len(w.one) - 1)
		return
	}
	n := 0
	for i := int32(first); i >= 0; i = next[i] {
		n++
	}
	cs := make([]streamCand, 0, n) // sized once: growing it was 1.6 CPU-s of the BIO run
	for i := int32(first); i >= 0; i = next[i] {
		cs = append(cs, streamCand{cand(int(i)), i})
	}
	if n := len(w.freeM); n > 0 {
		r := w.freeM[n-1]
		w.freeM = w.freeM[:n-1]
		w.more[r] = cs
		it.ref = -2 - r
		return
	}
	w.more = append(w.more, cs)
	it.ref = -2 - int32(len(w.more)-1)
}

// release frees a reference of storeCands (-1: none).
func (w *PruneWorker) release(ref int32) {
	switch {
	case ref >= inlineRef:
	case ref >= 0:
		w.one[ref] = streamCand{}
		w.freeO = append(w.freeO, ref)
	case ref <= -2:
		w.more[-2-ref] = nil
		w.freeM = append(w.freeM, -2-ref)
	}
}

// stored appends the candidates of company c's item it to cs.
func (w *PruneWorker) stored(cs []streamCand, c int32, it *streamItem) []streamCand {
	switch ref := it.ref; {
	case ref >= inlineRef:
		p := ScoredPair{Company: c, Ref: it.p, Weight: it.w, MustMeet: it.flags&1 != 0, Requested: it.flags&2 != 0}
		return append(cs, streamCand{w.Resolve(it.s, &p), it.pos})
	case ref >= 0:
		return append(cs, w.one[ref])
	case ref <= -2:
		return append(cs, w.more[-2-ref]...)
	}
	return cs
}

// Candidates returns the kept candidates, startup by startup (in
// Input.Startups order), each startup's in its batch order, then those
// naming unknown participants; and how many were scored. Call it once,
// after every worker is done.
func (pr *Pruner) Candidates() ([]Candidate, int) {
	scored := 0
	for _, w := range pr.workers {
		scored += w.scored
	}
	if !pr.all {
		// Each company's best over every worker's items.
		nC := len(pr.in.Companies)
		type src struct {
			it streamItem
			w  *PruneWorker
		}
		var all []src
		for c := 0; c < nC; c++ {
			all = all[:0]
			for _, w := range pr.workers {
				for _, it := range w.tops[c].items {
					all = append(all, src{it, w})
				}
			}
			if len(all) > pr.kc[c] {
				// A strict order (startups differ): any sort gives this one.
				slices.SortFunc(all, func(a, b src) int {
					switch {
					case worse(b.it.topItem, a.it.topItem, pr.sRank):
						return -1
					case worse(a.it.topItem, b.it.topItem, pr.sRank):
						return 1
					}
					return 0
				})
				all = all[:pr.kc[c]]
			}
			for _, x := range all {
				pr.perS[x.it.s] = x.w.stored(pr.perS[x.it.s], int32(c), &x.it)
			}
		}
	}
	n := len(pr.unknown)
	for _, cs := range pr.perS {
		n += len(cs)
	}
	out := make([]Candidate, 0, n)
	for s, cs := range pr.perS {
		slices.SortFunc(cs, func(a, b streamCand) int { return cmp.Compare(a.pos, b.pos) })
		for _, c := range cs {
			out = append(out, c.Candidate)
		}
		pr.perS[s] = nil
	}
	out = append(out, pr.unknown...)
	return out, scored
}

// BuildInputStream is BuildInput for candidates produced startup by
// startup: feed is called once with a function that returns a new
// PruneWorker (one per goroutine), and must pass every startup's
// candidates, one batch per startup, to the workers' Add before it
// returns. Only the kept candidates are held (see Pruner).
func BuildInputStream(r Records, opt BuildOptions, feed func(worker func() *PruneWorker) error) (Input, error) {
	in := BuildInputFunc(r, 0, nil, opt)
	pr := NewPruner(&in, opt.AllPairs)
	if err := feed(pr.Worker); err != nil {
		return Input{}, err
	}
	in.Candidates, in.CandidatesScored = pr.Candidates()
	return in, nil
}
