package server

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"sync"

	"pitchmatch/event"
	"pitchmatch/matching"
)

// rankIndex is what a ranking page reads of the startups, built once per
// model: the startups by dense index, their search texts, and posting
// lists (startup indexes, ascending) for the type-ahead search — every
// rune and every pair of adjacent runes of the folded search text — and
// for the filters' codes. A query then visits the startups of its
// rarest posting list instead of every startup of the event.
type rankIndex struct {
	ids   []string
	sts   []*event.Startup
	hay   []string
	pos   map[string]int32
	grams map[string][]int32
	codes map[string][]int32 // "area:", "stage:", "ptype:", "class:" + code
}

func newRankIndex(st map[string]*event.Startup) *rankIndex {
	ix := &rankIndex{pos: make(map[string]int32, len(st)), grams: map[string][]int32{}, codes: map[string][]int32{}}
	for id := range st {
		ix.ids = append(ix.ids, id)
	}
	slices.Sort(ix.ids)
	ix.sts = make([]*event.Startup, len(ix.ids))
	ix.hay = make([]string, len(ix.ids))
	seen := map[string]bool{}
	for i, id := range ix.ids {
		x := st[id]
		k := int32(i)
		ix.pos[id], ix.sts[i] = k, x
		h := normQuery(x.ID + " " + x.Name.Ja + " " + x.Name.En + " " + x.ProductName.Ja + " " + x.ProductName.En)
		ix.hay[i] = h
		clear(seen)
		rs := []rune(h)
		for j := range rs {
			for n := 1; n <= 2 && j+n <= len(rs); n++ {
				g := string(rs[j : j+n])
				if !seen[g] {
					seen[g] = true
					ix.grams[g] = append(ix.grams[g], k)
				}
			}
		}
		add := func(key string) {
			if l := ix.codes[key]; len(l) == 0 || l[len(l)-1] != k {
				ix.codes[key] = append(l, k)
			}
		}
		for _, a := range x.Areas {
			add("area:" + a)
		}
		add("stage:" + x.DevStage)
		add("ptype:" + x.ProductType)
		add("class:" + x.DeviceClass)
	}
	return ix
}

// postingOf is the shortest posting list that holds every startup whose
// search text contains word: the word's rune when it has one, else its
// rarest pair of runes.
func (ix *rankIndex) postingOf(word string) []int32 {
	rs := []rune(word)
	if len(rs) == 1 {
		return ix.grams[word]
	}
	var best []int32
	for j := 0; j+2 <= len(rs); j++ {
		l := ix.grams[string(rs[j:j+2])]
		if j == 0 || len(l) < len(best) {
			best = l
		}
	}
	return best
}

// candidates is a superset of the startups that pass f, as ascending
// startup indexes, taken from the smallest posting list the query names;
// ok is false when the query names none or the smallest list is too long
// to be worth it (then every row is checked).
func (ix *rankIndex) candidates(f *rankFilter, marks map[string]map[string]bool, rows int) (cands []int32, ok bool) {
	best, have := []int32(nil), false
	consider := func(l []int32) {
		if !have || len(l) < len(best) {
			best, have = l, true
		}
	}
	for _, w := range f.q {
		consider(ix.postingOf(w))
	}
	union := func(prefix string, codes []string) {
		if len(codes) == 0 {
			return
		}
		var u []int32
		for _, c := range codes {
			u = append(u, ix.codes[prefix+c]...)
		}
		if len(codes) > 1 {
			slices.Sort(u)
			u = slices.Compact(u)
		}
		consider(u)
	}
	union("area:", f.areas)
	union("stage:", f.stages)
	union("ptype:", f.ptypes)
	union("class:", f.classes)
	if f.only != "" {
		var u []int32
		for sid, m := range marks {
			if k, found := ix.pos[sid]; found && m[f.only] {
				u = append(u, k)
			}
		}
		slices.Sort(u)
		consider(u)
	}
	if !have || len(best) > rows/4 {
		return nil, false
	}
	return best, true
}

// themeOrder is one theme's full ranking under one model: the startups
// best first with their scores, each row's startup index, each startup's
// row (-1: not ranked, an excluded pair), and the rows explained so far,
// encoded once.
type themeOrder struct {
	ids    []string
	scores []float64
	idx    []int32
	rowOf  []int32
	used   int64
	ready  chan struct{} // closed once the fields above are set (or err)
	err    error

	mu   sync.Mutex
	rows map[int32]*cachedRow
}

// cachedRow is a ranking row's part that is the same for every scout of
// the theme under one model, encoded.
type cachedRow struct {
	startup, features, skipped json.RawMessage
	score                      float64
}

// rankedRowJSON encodes as an api.RankedStartup.
type rankedRowJSON struct {
	Rank     int             `json:"rank"`
	Startup  json.RawMessage `json:"startup"`
	Score    float64         `json:"score"`
	Features json.RawMessage `json:"features"`
	Skipped  json.RawMessage `json:"skipped,omitempty"`
	Marks    []string        `json:"marks"`
	Applied  bool            `json:"applied"`
	Note     string          `json:"note,omitempty"`
}

// rankingPageJSON encodes as an api.RankingPage.
type rankingPageJSON struct {
	ThemeID string          `json:"theme_id"`
	Page    int             `json:"page"`
	Per     int             `json:"per"`
	Pages   int             `json:"pages"`
	Total   int             `json:"total"`
	All     int             `json:"all"`
	Rows    []rankedRowJSON `json:"rows"`
}

// maxCachedRows bounds the explained rows kept over all themes of a model
// (a few KiB each); past it rows are explained per request until the next
// model.
const maxCachedRows = 20000

func newThemeOrder(ix *rankIndex, ids []string, scores []float64) *themeOrder {
	o := &themeOrder{ids: ids, scores: scores, idx: make([]int32, len(ids)), rowOf: make([]int32, len(ix.ids)), rows: map[int32]*cachedRow{},
		ready: make(chan struct{})}
	close(o.ready)
	for k := range o.rowOf {
		o.rowOf[k] = -1
	}
	for i, id := range ids {
		k, ok := ix.pos[id]
		if !ok {
			k = -1
		} else {
			o.rowOf[k] = int32(i)
		}
		o.idx[i] = k
	}
	return o
}

// row returns row i explained, from the cache or computed (and kept while
// the cache has room).
func (c *rankCache) row(m *matching.Model, ix *rankIndex, fields []event.Field, o *themeOrder, themeID string, i int32) (*cachedRow, error) {
	o.mu.Lock()
	r := o.rows[i]
	o.mu.Unlock()
	if r != nil {
		return r, nil
	}
	res, err := m.Score(o.ids[i], themeID)
	if err != nil {
		return nil, err
	}
	r = &cachedRow{score: res.Score}
	if k := o.idx[i]; k >= 0 {
		if r.startup, err = json.Marshal(event.ScoutStartupWith(fields, ix.sts[k])); err != nil {
			return nil, err
		}
	}
	if r.features, err = json.Marshal(contributions(res.Features)); err != nil {
		return nil, err
	}
	if len(res.Skipped) > 0 {
		if r.skipped, err = json.Marshal(contributions(res.Skipped)); err != nil {
			return nil, err
		}
	}
	if c.cachedRows.Add(1) <= maxCachedRows {
		o.mu.Lock()
		o.rows[i] = r
		o.mu.Unlock()
	}
	return r, nil
}

// rankingPage selects and explains the rows of one page.
func (s *Server) rankingPage(ctx context.Context, m *matching.Model, ix *rankIndex, fields []event.Field, o *themeOrder,
	themeID string, f *rankFilter, page, per int, marks map[string]map[string]bool, notes map[string]string) (*rankingPageJSON, error) {
	out := &rankingPageJSON{ThemeID: themeID, Page: page, Per: per, All: len(o.ids), Rows: []rankedRowJSON{}}
	first := (page - 1) * per
	filtered := len(f.q) > 0 || len(f.areas)+len(f.stages)+len(f.ptypes)+len(f.classes) > 0 || f.only != ""
	var rows []int32 // the page's rows
	take := func(i int32) {
		if out.Total >= first && out.Total < first+per {
			rows = append(rows, i)
		}
		out.Total++
	}
	pass := func(i int32) bool {
		k := o.idx[i]
		return k >= 0 && f.match(ix.sts[k], ix.hay[k], marks)
	}
	switch cands, ok := ix.candidates(f, marks, len(o.ids)); {
	case !filtered:
		out.Total = len(o.ids)
		for i := first; i < min(first+per, len(o.ids)); i++ {
			rows = append(rows, int32(i))
		}
	case ok:
		at := make([]int32, 0, len(cands))
		for _, k := range cands {
			if i := o.rowOf[k]; i >= 0 {
				at = append(at, i)
			}
		}
		slices.Sort(at)
		for _, i := range at {
			if pass(i) {
				take(i)
			}
		}
	default:
		for i := range o.ids {
			if k := o.idx[i]; k < 0 || (len(f.q) > 0 && !containsAll(ix.hay[k], f.q[:1])) {
				continue // the text does not match: no other check
			}
			if pass(int32(i)) {
				take(int32(i))
			}
		}
	}
	out.Pages = max(1, (out.Total+per-1)/per)
	for n, i := range rows {
		if n%8 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		r, err := s.ranks.row(m, ix, fields, o, themeID, i)
		if err != nil {
			return nil, err
		}
		if r.startup == nil {
			continue
		}
		id := o.ids[i]
		row := rankedRowJSON{Rank: int(i) + 1, Startup: r.startup, Score: r.score, Features: r.features, Skipped: r.skipped,
			Marks: []string{}, Applied: marks[id]["applied"], Note: notes[id]}
		for _, k := range []string{"no_thanks", "request", "shortlist"} {
			if marks[id][k] {
				row.Marks = append(row.Marks, k)
			}
		}
		slices.Sort(row.Marks)
		out.Rows = append(out.Rows, row)
	}
	return out, nil
}

// appendJSON encodes the page as encoding/json would encode the
// api.RankingPage it mirrors, copying the rows' cached parts as they are
// (json.Marshal would validate and compact every raw part again).
func (p *rankingPageJSON) appendJSON(b []byte) []byte {
	str := func(b []byte, s string) []byte {
		q, _ := json.Marshal(s)
		return append(b, q...)
	}
	b = append(b, `{"theme_id":`...)
	b = str(b, p.ThemeID)
	for _, f := range []struct {
		name string
		v    int
	}{{"page", p.Page}, {"per", p.Per}, {"pages", p.Pages}, {"total", p.Total}, {"all", p.All}} {
		b = append(b, `,"`...)
		b = append(b, f.name...)
		b = append(b, `":`...)
		b = strconv.AppendInt(b, int64(f.v), 10)
	}
	b = append(b, `,"rows":[`...)
	for i := range p.Rows {
		r := &p.Rows[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"rank":`...)
		b = strconv.AppendInt(b, int64(r.Rank), 10)
		b = append(b, `,"startup":`...)
		b = append(b, r.Startup...)
		b = append(b, `,"score":`...)
		sc, _ := json.Marshal(r.Score)
		b = append(b, sc...)
		b = append(b, `,"features":`...)
		b = append(b, r.Features...)
		if len(r.Skipped) > 0 {
			b = append(b, `,"skipped":`...)
			b = append(b, r.Skipped...)
		}
		b = append(b, `,"marks":[`...)
		for k, m := range r.Marks {
			if k > 0 {
				b = append(b, ',')
			}
			b = str(b, m)
		}
		b = append(b, `],"applied":`...)
		b = strconv.AppendBool(b, r.Applied)
		if r.Note != "" {
			b = append(b, `,"note":`...)
			b = str(b, r.Note)
		}
		b = append(b, '}')
	}
	return append(b, "]}"...)
}

// containsAll reports whether hay contains every word.
func containsAll(hay string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}
