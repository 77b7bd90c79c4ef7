package matching

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"pitchmatch/event"
)

// Filter narrows a ranking. Each non-empty list keeps the candidates with
// at least one of its codes; empty lists do not filter. For RankTheme the
// candidates are startups (their areas, development stage, product type and
// device class); for RankStartup they are themes, and a theme that states
// nothing for a field passes that field (it accepts any).
type Filter struct {
	Areas        []string `json:"areas,omitempty"`
	Stages       []string `json:"stages,omitempty"`
	ProductTypes []string `json:"product_types,omitempty"`
	Classes      []string `json:"classes,omitempty"`
}

type pFilter struct {
	areas, stages, ptypes, classes codeSet
}

func (f Filter) compile() (pFilter, error) {
	var p pFilter
	var err error
	check := func(v *event.Vocabulary, field string, codes []string) codeSet {
		for _, c := range codes {
			if !v.Has(c) && err == nil {
				err = event.Errorf(event.EInvalid, fmt.Sprintf("絞り込み条件 %s のコード %q は不明です", field, c),
					"filter %s: unknown code %q", field, c)
			}
		}
		return setOf(v, codes)
	}
	p.areas = check(event.Areas, "areas", f.Areas)
	p.stages = check(event.DevStages, "stages", f.Stages)
	p.ptypes = check(event.ProductTypes, "product_types", f.ProductTypes)
	p.classes = check(event.DeviceClasses, "classes", f.Classes)
	return p, err
}

func (p *pFilter) startup(s *pStartup) bool {
	return (p.areas.empty() || interCount(p.areas, s.areas) > 0) &&
		(p.stages.empty() || p.stages.has(int(s.stage))) &&
		(p.ptypes.empty() || p.ptypes.has(int(s.ptype))) &&
		(p.classes.empty() || p.classes.has(int(s.class)))
}

func (p *pFilter) theme(t *pTheme) bool {
	if !p.stages.empty() && (t.stageMin >= 0 || t.stageMax >= 0) {
		lo, hi := int(t.stageMin), int(t.stageMax)
		if lo < 0 {
			lo = 0
		}
		if hi < 0 {
			hi = len(event.DevStages.Terms) - 1
		}
		inRange := false
		for r := lo; r <= hi && !inRange; r++ {
			inRange = p.stages.has(r)
		}
		if !inRange {
			return false
		}
	}
	meets := func(want, have codeSet) bool { return want.empty() || have.empty() || interCount(want, have) > 0 }
	return meets(p.areas, t.areas) && meets(p.ptypes, t.ptypes) && meets(p.classes, t.classes)
}

// candidate is a scored index awaiting the final sort.
type candidate struct {
	idx   int
	id    string
	score float64
}

// byScore orders by score descending, then ID ascending: deterministic.
func byScore(a, b candidate) int {
	if c := cmp.Compare(b.score, a.score); c != 0 {
		return c
	}
	return cmp.Compare(a.id, b.id)
}

// quickScore is the score of a pair without the explanation; excluded
// reports a "no thanks" or conflict.
func (m *Model) quickScore(s *pStartup, si, ti int, cos float64) (score float64, excluded bool) {
	t := &m.themes[ti]
	ii := m.interestOf(si, int32(ti), t.company)
	if ii.excluded != exclNone {
		return 0, true
	}
	v := m.values(s, t, &ii, cos)
	return m.mean(&v), false
}

func topN(cs []candidate, top int) []candidate {
	slices.SortFunc(cs, byScore)
	if top > 0 && len(cs) > top {
		cs = cs[:top]
	}
	return cs
}

// RankTheme ranks the startups for a theme, best first (score descending,
// then startup ID ascending), keeping at most top results (top <= 0: all).
// Excluded pairs never appear.
func (m *Model) RankTheme(ctx context.Context, themeID string, f Filter, top int) ([]Result, error) {
	ti, cs, err := m.themeCandidates(ctx, themeID, f)
	if err != nil {
		return nil, err
	}
	cs = topN(cs, top)
	out := make([]Result, len(cs))
	for i, c := range cs {
		out[i] = m.explain(&m.startups[c.idx], c.idx, ti)
	}
	return out, nil
}

// ThemeOrder is RankTheme without the explanations: every startup ranked
// for the theme (same order, excluded pairs left out) with its score, for
// callers that explain only the rows they show (Score gives a row's
// reasons). It costs a fraction of RankTheme over a large event.
func (m *Model) ThemeOrder(ctx context.Context, themeID string) (ids []string, scores []float64, err error) {
	_, cs, err := m.themeCandidates(ctx, themeID, Filter{})
	if err != nil {
		return nil, nil, err
	}
	cs = topN(cs, 0)
	ids, scores = make([]string, len(cs)), make([]float64, len(cs))
	for i, c := range cs {
		ids[i], scores[i] = c.id, c.score
	}
	return ids, scores, nil
}

// themeCandidates scores every startup passing f against the theme,
// unsorted, without explanations.
func (m *Model) themeCandidates(ctx context.Context, themeID string, f Filter) (int, []candidate, error) {
	ti, ok := m.themeIdx[themeID]
	if !ok {
		return 0, nil, lookupErr("theme", themeID)
	}
	pf, err := f.compile()
	if err != nil {
		return 0, nil, err
	}
	t := &m.themes[ti]
	acc := make([]float64, len(m.startups)*statLen)
	for k, id := range t.text.ids {
		tv := float64(t.text.vec.vals[k])
		for _, p := range m.startupPost[id] {
			sv := float64(p.w)
			acc[p.slot] += sv * tv
			acc[p.slot+1] += sv * sv
			acc[p.slot+2] += tv * tv
		}
	}
	cs := make([]candidate, 0, len(m.startups))
	for si := range m.startups {
		if si%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return 0, nil, err
			}
		}
		s := &m.startups[si]
		if !pf.startup(s) {
			continue
		}
		if score, excl := m.quickScore(s, si, ti, m.textScore(acc[si*statLen:], s, t)); !excl {
			cs = append(cs, candidate{si, s.src.ID, score})
		}
	}
	return ti, cs, nil
}

// RankStartup ranks the themes for a startup, best first (score
// descending, then theme ID ascending), at most top (top <= 0: all).
// Excluded pairs never appear.
func (m *Model) RankStartup(ctx context.Context, startupID string, f Filter, top int) ([]Result, error) {
	si, ok := m.startupIdx[startupID]
	if !ok {
		return nil, lookupErr("startup", startupID)
	}
	return m.rankThemes(ctx, &m.startups[si], si, f, top)
}

// RankProfile ranks the themes for a startup profile that may differ from
// the prepared one (the portal's live preview while a startup edits its
// profile): the text is vectorised with the event's index, interests of
// s.ID apply, and no embedding is used (the stored vector describes the old
// text).
func (m *Model) RankProfile(ctx context.Context, s *event.Startup, f Filter, top int) ([]Result, error) {
	if s == nil {
		return nil, event.Errorf(event.EInvalid, "プロフィールがありません", "no profile given")
	}
	ps := m.prepareStartup(s, m.text.Vector(startupText(s)), nil, false)
	si, ok := m.startupIdx[s.ID]
	if !ok {
		si = -1
	}
	return m.rankThemes(ctx, &ps, si, f, top)
}

func (m *Model) rankThemes(ctx context.Context, s *pStartup, si int, f Filter, top int) ([]Result, error) {
	pf, err := f.compile()
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	acc := m.themeCosines(s, nil)
	cs := make([]candidate, 0, len(m.themes))
	for ti := range m.themes {
		t := &m.themes[ti]
		if !pf.theme(t) {
			continue
		}
		if score, excl := m.quickScore(s, si, ti, m.textScore(acc[ti*statLen:], s, t)); !excl {
			cs = append(cs, candidate{ti, t.src.ID, score})
		}
	}
	cs = topN(cs, top)
	out := make([]Result, len(cs))
	for i, c := range cs {
		out[i] = m.explain(s, si, c.idx)
	}
	return out, nil
}

// themeCosines accumulates the per-kind text measures of s with every
// theme into acc (theme ti at acc[ti·statLen:], reused when long enough),
// in the same order of terms as kindDots, so the sums are identical.
func (m *Model) themeCosines(s *pStartup, acc []float64) []float64 {
	n := len(m.themes) * statLen
	if cap(acc) < n {
		acc = make([]float64, n)
	}
	acc = acc[:n]
	clear(acc)
	m.accumulate(s, acc)
	return acc
}

// accumulate is themeCosines into an acc that is all zero.
func (m *Model) accumulate(s *pStartup, acc []float64) {
	for k, id := range s.text.ids {
		if id < 0 {
			continue
		}
		addPostings(acc, m.themePost[id], float64(s.text.vec.vals[k]))
	}
}

// addPostings adds one startup term of weight sv to the pairStats in acc
// of the themes in post: sv·tv, sv², tv² at the term's kind. It is the bulk
// scoring loop's innermost loop, kept out of line so that its few values
// stay in registers.
//
//go:noinline
func addPostings(acc []float64, post []posting, sv float64) {
	sv2 := sv * sv
	for _, p := range post {
		i := uint(uint32(p.slot))
		_ = acc[i+2]
		tv := float64(p.w)
		acc[i] += sv * tv
		acc[i+1] += sv2
		acc[i+2] += tv * tv
	}
}

// statLen is the length of one pair's pairStats in an accumulator.
const statLen = 3 * numKinds

// textScore applies the text model to the per-kind measures st[:statLen] of
// a pair, accumulated as startup·theme.
func (m *Model) textScore(st []float64, s *pStartup, t *pTheme) float64 {
	var d pairStats
	copy(d[:], st[:statLen])
	return m.text.model.rankScore(&d, &s.text.vec, &t.text.vec)
}

// themeVectors lists, per vector set, the themes that have a mean vector
// of it, with the vector.
type themeVectors [numVectorSets][]struct {
	ti  int32
	vec []float32
}

func (m *Model) themeVectors() *themeVectors {
	var tv themeVectors
	for ti := range m.themes {
		info := m.themes[ti].text.vec.info
		if info == nil {
			continue
		}
		for k := range numVectorSets {
			if info.mean[k] != nil {
				tv[k] = append(tv[k], struct {
					ti  int32
					vec []float32
				}{int32(ti), info.mean[k]})
			}
		}
	}
	return &tv
}

// denseCosines fills, for each startup si of lo … hi-1, dense[(si-lo)·n +
// ti·numVectorSets + k] (n = themes × numVectorSets) with float32(dot32)
// of si's and theme ti's mean vectors of set k, for every theme of tv:
// four themes at a time (dot32x4, the same bits as dot32), a block of
// themes for all the startups before the next block, so a block's vectors
// are read from the cache. Entries where either has no vector are left as
// they are (the text model does not read them).
func (m *Model) denseCosines(lo, hi int, tv *themeVectors, dense []float32) {
	const block = 128 // themes whose vectors stay in the cache
	n := len(m.themes) * numVectorSets
	for k := range numVectorSets {
		ts := tv[k]
		for b0 := 0; b0 < len(ts); b0 += block {
			bt := ts[b0:min(b0+block, len(ts))]
			for si := lo; si < hi; si++ {
				info := m.startups[si].text.vec.info
				if info == nil || info.mean[k] == nil {
					continue
				}
				a, d := info.mean[k], dense[(si-lo)*n:(si-lo+1)*n]
				i := 0
				for ; i+4 <= len(bt); i += 4 {
					r := dot32x4(a, &[4][]float32{bt[i].vec, bt[i+1].vec, bt[i+2].vec, bt[i+3].vec})
					for j := range 4 {
						d[int(bt[i+j].ti)*numVectorSets+k] = r[j]
					}
				}
				for ; i < len(bt); i++ {
					d[int(bt[i].ti)*numVectorSets+k] = float32(dot32(a, bt[i].vec))
				}
			}
		}
	}
}

// BestTheme is the pair score of a startup and a company: the company's
// theme that scores best for the startup (ties to the lower theme ID), with
// its explanation. A company meets a startup once, under this theme. The
// result is Excluded when the pair is.
func (m *Model) BestTheme(startupID, companyID string) (Result, error) {
	si, ok := m.startupIdx[startupID]
	if !ok {
		return Result{}, lookupErr("startup", startupID)
	}
	ci, ok := m.companyIdx[companyID]
	if !ok || len(m.companyThemes[ci]) == 0 {
		return Result{}, lookupErr("company themes", companyID)
	}
	s := &m.startups[si]
	best, bestScore := -1, -1.0
	for _, ti := range m.companyThemes[ci] {
		score, _ := m.quickScore(s, si, int(ti), m.text.model.pairScore(s.text.vec, m.themes[ti].text.vec))
		if score > bestScore {
			best, bestScore = int(ti), score
		}
	}
	return m.explain(s, si, best), nil
}

// PairScore is one startup–company pair for the scheduler: the score of
// the company's best theme for the startup, and what the two sides said.
// MustMeet is set when the organizer marked the pair must-meet or both
// sides asked (the startup applied to one of the company's themes and the
// company requested the startup).
type PairScore struct {
	StartupID string  `json:"startup_id"`
	CompanyID string  `json:"company_id"`
	ThemeID   string  `json:"theme_id"`
	Score     float64 `json:"score"`
	Applied   bool    `json:"applied"`
	Requested bool    `json:"requested"`
	MustMeet  bool    `json:"must_meet"`
}

// PairScores scores every startup against every theme and returns, for each
// startup–company pair, the best theme (ties to the lower theme ID),
// ordered by startup ID then company ID. Excluded pairs are omitted, and so
// are pairs scoring below minScore unless they are must-meet. The work runs
// on all CPUs; progress, if not nil, is called (never concurrently) with the
// startups done so far and the total.
func (m *Model) PairScores(ctx context.Context, minScore float64, progress func(done, total int)) ([]PairScore, error) {
	perStartup := make([][]PairScore, len(m.startups))
	err := m.StreamPairScores(ctx, minScore, progress, func(_ int, si int, ps []PairScore) { perStartup[si] = ps })
	if err != nil {
		return nil, err
	}
	total := 0
	for _, ps := range perStartup {
		total += len(ps)
	}
	out := make([]PairScore, 0, total)
	for _, ps := range perStartup {
		out = append(out, ps...)
	}
	return out, nil
}

// Workers is how many goroutines StreamPairScores runs emit on (worker
// indexes are 0 … Workers()-1).
func (m *Model) Workers() int {
	return max(1, min(runtime.GOMAXPROCS(0), (len(m.startups)+pairChunk-1)/pairChunk))
}

const pairChunk = 64

// StreamPairScores is PairScores without holding the pairs: emit is
// called once per startup (startup index si in the model's order, ps its
// pairs ordered by company ID, the slice the callee's to keep), from
// Workers() goroutines, never concurrently for the same worker index.
// A large event's scheduler prunes the pairs as they come
// (schedule.Pruner), so memory follows the pairs kept, not the pairs
// scored.
func (m *Model) StreamPairScores(ctx context.Context, minScore float64, progress func(done, total int), emit func(worker, si int, ps []PairScore)) error {
	return m.StreamPairIndexes(ctx, minScore, progress, func(w, si int, ps []IndexedPair) {
		out := make([]PairScore, len(ps))
		for i := range ps {
			out[i] = m.PairScoreOf(si, &ps[i])
		}
		emit(w, si, out)
	})
}

// IndexedPair is a PairScore by index, without strings: Company indexes
// CompanyIDs(), Theme the model's themes (ThemeID).
type IndexedPair struct {
	Company, Theme               int32
	Score                        float64
	Applied, Requested, MustMeet bool
}

// CompanyIDs are the model's company IDs by company index, ascending (the
// model's own slice: do not change it).
func (m *Model) CompanyIDs() []string { return m.companies }

// StartupID is the ID of the startup with index si (0 … NumStartups()-1,
// by ID ascending).
func (m *Model) StartupID(si int) string { return m.startups[si].src.ID }

// ThemeID is the ID of the theme with index ti.
func (m *Model) ThemeID(ti int32) string { return m.themes[ti].src.ID }

// PairScoreOf is the PairScore of startup si's indexed pair p.
func (m *Model) PairScoreOf(si int, p *IndexedPair) PairScore {
	return PairScore{StartupID: m.startups[si].src.ID, CompanyID: m.companies[p.Company], ThemeID: m.themes[p.Theme].src.ID,
		Score: p.Score, Applied: p.Applied, Requested: p.Requested, MustMeet: p.MustMeet}
}

// StreamPairIndexes is StreamPairScores by index: ps is valid only until
// emit returns (each worker reuses its buffer), so a large event's pairs
// cost no allocation and no string.
func (m *Model) StreamPairIndexes(ctx context.Context, minScore float64, progress func(done, total int), emit func(worker, si int, ps []IndexedPair)) error {
	n := len(m.startups)
	var next atomic.Int64
	var mu sync.Mutex
	done := 0
	var wg sync.WaitGroup
	tv := m.themeVectors()
	for w := range m.Workers() {
		wg.Go(func() {
			var acc []float64
			var buf []IndexedPair
			sc := &pairScratch{asked: make([]bool, len(m.companies)), text: make([]float64, len(m.themes))}
			nd := len(m.themes) * numVectorSets
			dense := make([]float32, pairChunk*nd)
			for ctx.Err() == nil {
				lo := int(next.Add(pairChunk)) - pairChunk
				if lo >= n {
					return
				}
				hi := min(lo+pairChunk, n)
				m.denseCosines(lo, hi, tv, dense)
				for si := lo; si < hi; si++ {
					if acc == nil {
						acc = make([]float64, len(m.themes)*statLen)
					}
					// acc is zero: startupPairs clears what it read.
					m.accumulate(&m.startups[si], acc)
					buf = m.startupPairs(si, acc, dense[(si-lo)*nd:(si-lo+1)*nd], minScore, buf[:0], sc)
					emit(w, si, buf)
				}
				if progress != nil {
					mu.Lock()
					done += hi - lo
					progress(done, n)
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	return ctx.Err()
}

// pairScratch is one StreamPairIndexes worker's buffers for startupPairs.
type pairScratch struct {
	asked []bool    // per company: the startup's interests name it (all false between startups)
	text  []float64 // per theme: the startup's text score
	lanes textLanes
}

// startupPairs appends startup si's pairs to out: per company its best
// theme (acc holds si's themeCosines), excluded pairs and those below
// minScore (unless must-meet) left out. acc is left all zero. dense holds
// si's denseCosines.
func (m *Model) startupPairs(si int, acc []float64, dense []float32, minScore float64, out []IndexedPair, sc *pairScratch) []IndexedPair {
	s := &m.startups[si]
	// The text scores with every theme first (textScore's), the
	// trees running on treeLanes pairs side by side.
	text := sc.text
	for ti := range m.themes {
		st := (*pairStats)(acc[ti*statLen : (ti+1)*statLen])
		m.text.model.rankScoreLanes(st, &s.text.vec, &m.themes[ti].text.vec, (*[numVectorSets]float32)(dense[ti*numVectorSets:]), text, ti, &sc.lanes)
		*st = pairStats{}
	}
	m.text.model.flushLanes(text, &sc.lanes)
	asked := sc.asked
	// The companies si's interests name: the others' pairs have no
	// interest (interestOf of no startup, without the scan).
	for _, it := range m.interests[si] {
		asked[it.company] = true
	}
	defer func() {
		for _, it := range m.interests[si] {
			asked[it.company] = false
		}
	}()
	for ci, themes := range m.companyThemes {
		if len(themes) == 0 {
			continue
		}
		isi := -1
		if asked[ci] {
			isi = si
		}
		best, bestScore, excluded := int32(-1), -1.0, false
		for _, ti := range themes {
			score, excl := m.quickScore(s, isi, int(ti), text[ti])
			if excl {
				excluded = true
				break
			}
			if score > bestScore { // themes are in ID order: ties keep the lower ID
				best, bestScore = ti, score
			}
		}
		if excluded {
			continue
		}
		p := IndexedPair{Company: int32(ci), Theme: best, Score: bestScore}
		mustMeet := false
		for _, it := range m.interests[si] {
			if !asked[ci] {
				break
			}
			if it.company != int32(ci) {
				continue
			}
			switch it.kind {
			case event.InterestApply:
				p.Applied = true
			case event.InterestRequest:
				p.Requested = true
			case event.InterestMustMeet:
				mustMeet = true
			}
		}
		p.MustMeet = mustMeet || p.Applied && p.Requested
		if bestScore < minScore && !p.MustMeet {
			continue
		}
		out = append(out, p)
	}
	return out
}
