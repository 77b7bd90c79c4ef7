package matching

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"pitchmatch/event"
)

// Input is everything scoring needs about one event.
type Input struct {
	Event     *event.Event // weights come from Event.Weights; nil means defaults
	Startups  []*event.Startup
	Companies []*event.Company
	Themes    []*event.Theme
	Interests []event.Interest
	// StartupVectors and ThemeVectors are optional embeddings by ID; when
	// either is nil the embedding feature is skipped, with EmbeddingNote
	// (or "no vectors") as the reason.
	StartupVectors, ThemeVectors map[string][]float32
	EmbeddingNote                event.Text
}

// Model is a prepared event: text index, code bitsets, interests and
// weights, ready to score and rank. It is read-only after Prepare and safe
// for concurrent use.
type Model struct {
	weights [numFeatures]float64
	text    *TextIndex

	startups   []pStartup
	startupIdx map[string]int
	themes     []pTheme
	themeIdx   map[string]int
	companies  []string // company IDs, ascending
	companyIdx map[string]int
	// companyThemes lists theme indexes per company, by theme ID ascending.
	companyThemes [][]int32

	// Text postings by dense term id: which themes / startups hold the term.
	termID      map[uint64]int32
	themePost   [][]posting
	startupPost [][]posting

	// interests by startup index
	interests [][]pInterest

	hasVectors    bool
	embeddingNote event.Text
}

// posting is one document holding a term: slot is doc·statLen + 3·kind, the
// place of the term's kind in a pairStats accumulator.
type posting struct {
	slot int32
	w    float32
}

// docVector is a text vector with dense term ids (-1: term unknown to the
// model, which still counted in the norm).
type docVector struct {
	vec SparseVector
	ids []int32
}

type pStartup struct {
	src                  *event.Startup
	areas, techs, shares codeSet
	stage, ptype, class  int16 // ranks, -1 unknown
	text                 docVector
	emb                  []float64 // unit length, nil if none
}

type pTheme struct {
	src                  *event.Theme
	company              int32
	areas, techs, shares codeSet
	stageMin, stageMax   int16
	ptypes, classes      codeSet
	classFit             []float64 // fit of each device class rank to Classes
	text                 docVector
	emb                  []float64
}

type pInterest struct {
	kind    event.InterestKind
	by      event.ParticipantKind
	company int32
	theme   int32 // -1: company-wide
}

// Prepare builds the model: the TF-IDF index fitted on the event's own
// startup and theme texts, code bitsets, interests by pair and the weights
// (in.Event.Weights merged over DefaultWeights).
func Prepare(ctx context.Context, in Input) (*Model, error) {
	m := &Model{
		startupIdx:    make(map[string]int, len(in.Startups)),
		themeIdx:      make(map[string]int, len(in.Themes)),
		companyIdx:    make(map[string]int, len(in.Companies)),
		embeddingNote: in.EmbeddingNote,
		hasVectors:    in.StartupVectors != nil && in.ThemeVectors != nil,
	}
	if err := m.setWeights(in.Event); err != nil {
		return nil, err
	}

	// Startups and themes sorted by ID, so every output is deterministic.
	startups := slices.Clone(in.Startups)
	slices.SortFunc(startups, func(a, b *event.Startup) int { return strings.Compare(a.ID, b.ID) })
	themes := slices.Clone(in.Themes)
	slices.SortFunc(themes, func(a, b *event.Theme) int { return strings.Compare(a.ID, b.ID) })
	for i, s := range startups {
		if s == nil || s.ID == "" {
			return nil, event.Errorf(event.EInvalid, "IDのないスタートアップがあります", "startup %d has no ID", i)
		}
		if i > 0 && startups[i-1].ID == s.ID {
			return nil, event.Errorf(event.EInvalid, "スタートアップIDが重複しています: "+s.ID, "duplicate startup ID %s", s.ID)
		}
		m.startupIdx[s.ID] = i
	}
	for i, t := range themes {
		if t == nil || t.ID == "" {
			return nil, event.Errorf(event.EInvalid, "IDのないテーマがあります", "theme %d has no ID", i)
		}
		if i > 0 && themes[i-1].ID == t.ID {
			return nil, event.Errorf(event.EInvalid, "テーマIDが重複しています: "+t.ID, "duplicate theme ID %s", t.ID)
		}
		m.themeIdx[t.ID] = i
	}
	// Companies: the given ones plus any a theme names (the store keeps
	// them consistent; a bare list of themes still ranks).
	seen := map[string]bool{}
	for _, c := range in.Companies {
		if c != nil && !seen[c.ID] {
			seen[c.ID] = true
			m.companies = append(m.companies, c.ID)
		}
	}
	for _, t := range themes {
		if !seen[t.CompanyID] {
			seen[t.CompanyID] = true
			m.companies = append(m.companies, t.CompanyID)
		}
	}
	slices.Sort(m.companies)
	for i, c := range m.companies {
		m.companyIdx[c] = i
	}
	m.companyThemes = make([][]int32, len(m.companies))

	// Text index over the event's own texts.
	docs := make([]string, 0, len(startups)+len(themes))
	for _, s := range startups {
		docs = append(docs, startupText(s))
	}
	for _, t := range themes {
		docs = append(docs, themeText(t))
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	tm := DefaultTextModel()
	as := analyzeAll(docs, &textOptions{}, tm)
	m.text = fitIndex(as, textOptions{}, tm)
	vecs := make([]SparseVector, len(docs))
	parallelFor(len(docs), func(i int) { vecs[i] = m.text.vectorOf(&as[i]) })
	as = nil
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.termID = make(map[uint64]int32)

	m.themes = make([]pTheme, len(themes))
	for i, t := range themes {
		c := int32(m.companyIdx[t.CompanyID])
		pt := pTheme{
			src: t, company: c,
			areas: setOf(event.Areas, t.Areas), techs: setOf(event.Technologies, t.Technologies),
			shares:   setOf(event.Partnerships, t.Partnerships),
			stageMin: rank(event.DevStages, t.StageMin), stageMax: rank(event.DevStages, t.StageMax),
			ptypes: setOf(event.ProductTypes, t.ProductTypes), classes: setOf(event.DeviceClasses, t.Classes),
			classFit: make([]float64, len(event.DeviceClasses.Terms)),
		}
		for r := range pt.classFit {
			pt.classFit[r] = classFit(r, pt.classes)
		}
		pt.text = m.internVector(vecs[len(startups)+i], true)
		if m.hasVectors {
			pt.emb = unit(in.ThemeVectors[t.ID])
		}
		m.themes[i] = pt
		m.companyThemes[c] = append(m.companyThemes[c], int32(i))
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m.startups = make([]pStartup, len(startups))
	for i, s := range startups {
		if i%512 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		m.startups[i] = m.prepareStartup(s, vecs[i], in.StartupVectors, true)
	}
	m.themePost = make([][]posting, len(m.termID))
	for i := range m.themes {
		for k, id := range m.themes[i].text.ids {
			m.themePost[id] = append(m.themePost[id], posting{int32(i)*statLen + 3*int32(kindOf(m.themes[i].text.vec.keys[k])), m.themes[i].text.vec.vals[k]})
		}
	}
	m.startupPost = make([][]posting, len(m.termID))
	for i := range m.startups {
		for k, id := range m.startups[i].text.ids {
			if id >= 0 {
				m.startupPost[id] = append(m.startupPost[id], posting{int32(i)*statLen + 3*int32(kindOf(m.startups[i].text.vec.keys[k])), m.startups[i].text.vec.vals[k]})
			}
		}
	}

	m.interests = make([][]pInterest, len(startups))
	for _, it := range in.Interests {
		si, ok := m.startupIdx[it.StartupID]
		if !ok {
			continue
		}
		p := pInterest{kind: it.Kind, by: it.By, company: -1, theme: -1}
		if ti, ok := m.themeIdx[it.ThemeID]; ok && it.ThemeID != "" {
			p.theme = int32(ti)
			p.company = m.themes[ti].company
		}
		if ci, ok := m.companyIdx[it.CompanyID]; ok {
			p.company = int32(ci)
		}
		if p.company < 0 {
			continue // about a company this event does not have
		}
		m.interests[si] = append(m.interests[si], p)
	}
	return m, nil
}

func (m *Model) setWeights(ev *event.Event) error {
	w := DefaultWeights()
	if ev != nil {
		for k, v := range ev.Weights {
			if _, known := w[k]; !known {
				continue // a weight for a feature this version does not have
			}
			if v < 0 || math.IsNaN(v) || math.IsInf(v, 0) {
				return event.Errorf(event.EInvalid, "重みが不正です: "+k, "weight %s must be a non-negative number, got %v", k, v)
			}
			w[k] = v
		}
	}
	for i, n := range featureNames {
		m.weights[i] = w[n]
	}
	return nil
}

// Weights returns the weights in use, by feature name.
func (m *Model) Weights() map[string]float64 {
	out := make(map[string]float64, numFeatures)
	for i, n := range featureNames {
		out[n] = m.weights[i]
	}
	return out
}

// TextIndex is the index fitted on the event's texts, for callers that want
// to vectorise other texts the same way.
func (m *Model) TextIndex() *TextIndex { return m.text }

// NumStartups and NumThemes are the sizes of the prepared event.
func (m *Model) NumStartups() int { return len(m.startups) }

// NumThemes is the number of themes in the prepared event.
func (m *Model) NumThemes() int { return len(m.themes) }

// startupText is what the text feature reads of a startup: product name and
// summary in both languages.
func startupText(s *event.Startup) string {
	return s.ProductName.Joined() + "\n" + s.ProductSummary.Joined()
}

// themeText is what the text feature reads of a theme: title and
// description in both languages.
func themeText(t *event.Theme) string {
	return t.Title.Joined() + "\n" + t.Description.Joined()
}

// internVector assigns dense ids to the vector's terms; with add false,
// terms the model has never seen get id -1.
func (m *Model) internVector(v SparseVector, add bool) docVector {
	d := docVector{vec: v, ids: make([]int32, len(v.keys))}
	for k, key := range v.keys {
		id, ok := m.termID[key]
		if !ok {
			if !add {
				d.ids[k] = -1
				continue
			}
			id = int32(len(m.termID))
			m.termID[key] = id
		}
		d.ids[k] = id
	}
	return d
}

func (m *Model) prepareStartup(s *event.Startup, v SparseVector, vecs map[string][]float32, add bool) pStartup {
	ps := pStartup{
		src:   s,
		areas: setOf(event.Areas, s.Areas), techs: setOf(event.Technologies, s.Technologies),
		shares: setOf(event.Partnerships, s.Partnerships),
		stage:  rank(event.DevStages, s.DevStage), ptype: rank(event.ProductTypes, s.ProductType),
		class: rank(event.DeviceClasses, s.DeviceClass),
	}
	ps.text = m.internVector(v, add)
	if m.hasVectors {
		ps.emb = unit(vecs[s.ID])
	}
	return ps
}

func rank(v *event.Vocabulary, c event.Code) int16 {
	if c == "" {
		return -1
	}
	return int16(v.Rank(c))
}

func unit(v []float32) []float64 {
	if len(v) == 0 {
		return nil
	}
	out := make([]float64, len(v))
	var n float64
	for i, x := range v {
		out[i] = float64(x)
		n += float64(x) * float64(x)
	}
	if n == 0 || math.IsNaN(n) || math.IsInf(n, 0) {
		return nil
	}
	inv := 1 / math.Sqrt(n)
	for i := range out {
		out[i] *= inv
	}
	return out
}

func label(v *event.Vocabulary, r int16) event.Text {
	if r < 0 || int(r) >= len(v.Terms) {
		return event.Text{}
	}
	return v.Terms[r].Label
}

func lookupErr(entity, id string) error {
	return fmt.Errorf("matching: %w", event.NotFound(entity, id))
}
