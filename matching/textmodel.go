package matching

import "math"

// TextModel combines the overlap of two texts, measured separately on each
// kind of feature (character trigrams of Latin words, words, single
// Japanese characters, CJK bigrams and trigrams, glossary concepts), into
// one similarity in [0,1].
//
// For every kind k that both texts have it takes the cosine c_k and the
// share of each text's weight on shared features, and averages them over
// those kinds with weights a_k:
//
//	C = Σ a_k c_k / Σ a_k,  N = Σ a_k min(s_k, t_k) / Σ a_k,  X = Σ a_k max(s_k, t_k) / Σ a_k
//	score = σ(b·(1, C, N, X, C², √C, N·X, c_1, n_1, x_1, …))
//
// where c_k, n_k, x_k are the kind's own cosine and min/max shares, and the
// aggregates C, N, X stand in for a kind the two texts do not both have.
// Averaging over the kinds both sides have keeps a Japanese-only and an
// English-only text comparable with two Japanese ones (a kind neither can
// have is not a mismatch). Texts that share no feature score 0. The
// parameters are fitted by least squares on human similarity ratings
// (fitTextModel); DefaultTextModel holds the fit on the JSTS training split.
type TextModel struct {
	KindWeights [numKinds]float64     `json:"kind_weights"` // a_k > 0, by kind (kindNames)
	Coef        [numTextTerms]float64 `json:"coef"`         // b
	lo, hi      float64               // σ(z₀), σ(z₁); computed by withBounds
}

// withBounds fills the rescaling bounds and returns m.
func (m *TextModel) withBounds() *TextModel {
	m.lo, m.hi = m.bounds()
	return m
}

// numTextTerms: the 7 aggregate terms, then per kind its cosine, min and
// max share (the aggregate C, N, X stand in for a kind the pair lacks).
const numTextTerms = 7 + 3*numKinds

// DefaultTextModel is the model fitted on all 12,451 pairs of the JSTS
// v1.3 training split by fitTextModel (BenchmarkJSTS prints the fit and
// reports the 5-fold cross-validated Spearman of the same procedure).
func DefaultTextModel() *TextModel {
	return (&TextModel{KindWeights: defaultKindWeights, Coef: defaultTextCoef}).withBounds()
}

// Fitted on JSTS train: BenchmarkJSTS, line "fit on all pairs".
var (
	defaultKindWeights = [numKinds]float64{0.8610, 1.4933, 1.0324, 1.0607, 0.7117, 0.9981}
	defaultTextCoef    = [numTextTerms]float64{
		-1.6112, 0.1380, 0.1021, -0.0501, -0.4440, 1.8729, -0.5255, // 1, C, N, X, C², √C, N·X
		0.0614, -0.0511, 0.2128, // latin3
		-0.0279, 0.0729, -0.4626, // words
		0.8212, 0.7118, 0.6540, // kanji1
		0.1527, 0.1322, -0.1532, // cjk2
		-0.2228, -0.3085, -0.2615, // cjk3
		-0.0121, -0.0862, -0.1297, // concepts
	}
)

// Score is the similarity of two vectors of the same TextIndex, in [0,1];
// 0 when they share no feature (or either is empty).
func (m *TextModel) Score(a, b SparseVector) float64 {
	st, both := kindDots(a, b)
	return m.combine(&st, both)
}

// terms are the model's inputs (1, C, N, X, C², √C, N·X); ok is false when
// the texts share nothing.
func (m *TextModel) terms(st *pairStats, both uint8) (t [numTextTerms]float64, ok bool) {
	if both == 0 {
		return t, false
	}
	var c, mn, mx, den float64
	for k := range numKinds {
		if both&(1<<k) == 0 {
			continue
		}
		a := m.KindWeights[k]
		c += a * st[3*k]
		mn += a * math.Min(st[3*k+1], st[3*k+2])
		mx += a * math.Max(st[3*k+1], st[3*k+2])
		den += a
	}
	if den == 0 || c <= 0 {
		return t, false
	}
	c, mn, mx = clamp01(c/den), clamp01(mn/den), clamp01(mx/den)
	t = [numTextTerms]float64{1, c, mn, mx, c * c, math.Sqrt(c), mn * mx}
	for k := range numKinds {
		if both&(1<<k) == 0 {
			t[7+3*k], t[8+3*k], t[9+3*k] = c, mn, mx
		} else {
			t[7+3*k] = st[3*k]
			t[8+3*k] = math.Min(st[3*k+1], st[3*k+2])
			t[9+3*k] = math.Max(st[3*k+1], st[3*k+2])
		}
	}
	return t, true
}

// combine applies the model to per-kind measures, rescaled so that texts
// sharing nothing score 0 and identical texts 1: (σ(z) − σ(z₀)) / (σ(z₁) −
// σ(z₀)), clamped, where z₀ and z₁ are the model at no overlap and at full
// overlap. The rescaling is monotone, so it changes no ranking.
func (m *TextModel) combine(st *pairStats, both uint8) float64 {
	t, ok := m.terms(st, both)
	if !ok {
		return 0
	}
	lo, hi := m.lo, m.hi
	if hi == 0 {
		lo, hi = m.bounds()
	}
	return clamp01((m.raw(&t) - lo) / (hi - lo))
}

func (m *TextModel) raw(t *[numTextTerms]float64) float64 {
	var z float64
	for i, x := range t {
		z += m.Coef[i] * x
	}
	return 1 / (1 + math.Exp(-z))
}

// bounds are σ(z₀) and σ(z₁); hi > lo is forced for a degenerate model.
func (m *TextModel) bounds() (lo, hi float64) {
	var t0, t1 [numTextTerms]float64
	t0[0] = 1
	for i := range t1 {
		t1[i] = 1
	}
	lo, hi = m.raw(&t0), m.raw(&t1)
	if !(hi > lo+1e-9) {
		hi = lo + 1e-9
	}
	return lo, hi
}

// textPair is one rated pair as the fit sees it: per-kind measures, the
// kinds both texts have and the rating scaled to [0,1].
type textPair struct {
	st    pairStats
	both  uint8
	label float64
}
