package matching

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sync"
)

// TextModel is the one text similarity of PitchMatch: ranking's text
// feature, the portal's live preview and `pitchmatch similarity` all score
// a pair of texts with it. Its inputs are cheap once each text is analysed
// (TextIndex.Vector), so a pair costs a merge or an accumulation of sparse
// weights and a few dot products, never work that grows with the product of
// the texts' lengths:
//
//   - per kind of feature (Latin trigrams, words, kanji, CJK bigrams and
//     trigrams, glossary concepts, Japanese characters and character
//     bigrams with hiragana kept): the cosine and each side's share of its
//     weight on shared features (IDF-weighted shares for the character
//     kinds), and their means over the kinds both texts have, which stand
//     in for a kind one text cannot have (Japanese against English);
//   - the two lengths (textLength), the negations on each side;
//   - the cosine of the texts' mean vectors, in two sets of 32-dimensional
//     vectors learned from co-occurrence on the JSTS sentences (PPMI and a
//     randomized SVD, gonum: words and single kanji; character bigrams),
//     blended with the cosine expected from the sparse overlap as far as
//     the vectors do not know the texts' units (vecFeature).
//
// A small ensemble of oblivious trees (50 of depth 5) fitted on the JSTS
// training ratings combines them (fitTextTrees; BenchmarkJSTS reports the
// grouped 5-fold cross-validated Spearman of the whole procedure,
// TestWriteTextModel writes the committed files in textmodel/). The score
// is the predicted rating (0–5) rescaled so that the trees' floor is 0 and
// their ceiling 1, with soft tails (softUnit); texts that
// share no feature score 0, and a text scores 1 against itself. Ranking
// reads the same score, except that a pair sharing nothing a reason can
// name (checkableKinds: only hiragana, say) counts as no text evidence, 0
// (rankScore), so every text value above 0 comes with shared terms a scout
// can find in both descriptions.
type TextModel struct {
	trees *obliviousTrees
	vec   [numVectorSets]*wordVectors
	// impute[k] = (α, β): the mean-vector cosine of set k expected from the
	// texts' mean sparse cosine C, α + β·C (α = 0: least squares through
	// the origin), fitted on pairs the vectors cover (vecFeature).
	impute [numVectorSets][2]float32
	// floor is the rating the trees give two texts that share nothing, ceil
	// the 98th percentile of their ratings of the training pairs
	// (fitTextTrees): the score rescales them to 0 and 1.
	floor, ceil float32
}

// textModelFile is textmodel/trees.json.
type textModelFile struct {
	Trees  *obliviousTrees           `json:"trees"`
	Impute [numVectorSets][2]float32 `json:"impute"`
	Floor  float32                   `json:"floor"`
	Ceil   float32                   `json:"ceil"`
}

// numVectorSets: the learned vectors over words and over character
// bigrams.
const numVectorSets = 2

//go:embed textmodel/wordvec.bin
var wordVecFile []byte

//go:embed textmodel/gramvec.bin
var gramVecFile []byte

//go:embed textmodel/trees.json
var textTreesFile []byte

// loadTextModel decodes the committed model once per process.
var loadTextModel = sync.OnceValues(func() (*TextModel, error) {
	wv, err := decodeWordVectors(wordVecFile)
	if err != nil {
		return nil, fmt.Errorf("matching: textmodel/wordvec.bin: %w", err)
	}
	gv, err := decodeWordVectors(gramVecFile)
	if err != nil {
		return nil, fmt.Errorf("matching: textmodel/gramvec.bin: %w", err)
	}
	gv.gramIDs = true
	var f textModelFile
	if err := json.Unmarshal(textTreesFile, &f); err != nil {
		return nil, fmt.Errorf("matching: textmodel/trees.json: %w", err)
	}
	if f.Trees == nil {
		return nil, errors.New("matching: textmodel/trees.json: no trees")
	}
	if !(f.Floor >= 0 && f.Floor+1 <= f.Ceil && f.Ceil <= 5) {
		return nil, fmt.Errorf("matching: textmodel/trees.json: floor %v, ceiling %v", f.Floor, f.Ceil)
	}
	if err := f.Trees.validate(numTextFeatures); err != nil {
		return nil, fmt.Errorf("matching: textmodel/trees.json: %w", err)
	}
	return &TextModel{trees: f.Trees, vec: [numVectorSets]*wordVectors{wv, gv}, impute: f.Impute, floor: f.Floor, ceil: f.Ceil}, nil
})

// DefaultTextModel is the committed model, fitted on all 12,451 pairs of
// the JSTS v1.3 training split. The files are embedded in the binary and
// checked by the tests; a corrupt build panics here.
func DefaultTextModel() *TextModel {
	m, err := loadTextModel()
	if err != nil {
		panic(err)
	}
	return m
}

// pairStats are the per-kind overlap measures of two texts: for kind k at
// [3k] the dot product of the two (unit per kind) vectors, at [3k+1] and
// [3k+2] each text's squared weight on shared features.
type pairStats [3 * numKinds]float64

// kindDots returns the per-kind measures of a and b (0 where either lacks
// the kind).
func kindDots(a, b SparseVector) (st pairStats) {
	if a.kinds&b.kinds == 0 {
		return st
	}
	i, j := 0, 0
	for i < len(a.keys) && j < len(b.keys) {
		switch ka, kb := a.keys[i], b.keys[j]; {
		case ka == kb:
			k := 3 * kindOf(ka)
			va, vb := float64(a.vals[i]), float64(b.vals[j])
			st[k] += va * vb
			st[k+1] += va * va
			st[k+2] += vb * vb
			i++
			j++
		case ka < kb:
			i++
		default:
			j++
		}
	}
	return st
}

// Score is the similarity of two vectors of the same TextIndex, in [0,1].
func (m *TextModel) Score(a, b SparseVector) float64 {
	st := kindDots(a, b)
	return m.combine(&st, &a, &b)
}

// rankScore is ranking's text value of a pair with per-kind measures st:
// the model's score, or 0 when the pair shares nothing a reason can name.
func (m *TextModel) rankScore(st *pairStats, a, b *SparseVector) float64 {
	if !sharesCheckable(st, a, b) {
		return 0
	}
	return m.combine(st, a, b)
}

// sharesCheckable reports whether a pair with per-kind measures st shares
// a feature of a kind a reason can name (checkableKinds).
func sharesCheckable(st *pairStats, a, b *SparseVector) bool {
	both := a.kinds & b.kinds & checkableKinds
	for k := range numKinds {
		if both&(1<<k) != 0 && st[3*k] > 0 {
			return true
		}
	}
	return false
}

// pairScore is rankScore of two vectors.
func (m *TextModel) pairScore(a, b SparseVector) float64 {
	st := kindDots(a, b)
	return m.rankScore(&st, &a, &b)
}

// The model's input row (textFeatures): per kind k its cosine at [3k],
// the smaller and larger share at [3k+1], [3k+2]; then the aggregates.
const (
	fAggCos         = 3*numKinds + iota // mean cosine over the kinds both texts have
	fAggMin                             // mean smaller share
	fAggMax                             // mean larger share
	fKindsBoth                          // number of kinds both have
	fCharsMin                           // shorter length (letters and digits)
	fCharsMax                           // longer length
	fCharsDiff                          // |difference| / longer
	fNegMin                             // fewer negations
	fNegMax                             // more negations
	fNegDiff                            // |difference|
	fNegParity                          // 1 when the counts differ in parity
	fVecCos                             // per vector set: mean-vector cosine, smaller known share, both known
	numTextFeatures = fVecCos + 3*numVectorSets
)

// features fills x with the model's inputs for a pair with per-kind
// measures st; ok is false when the pair shares no feature, same true when
// the texts are the same.
func (m *TextModel) features(st *pairStats, a, b *SparseVector, x *[maxTreeFeatures]float32) (ok, same bool) {
	return m.featuresDense(st, a, b, x, nil)
}

// featuresDense is features with the mean-vector cosines given: dense[k]
// is float32(dot32(a's, b's mean vector of set k)) where both have one
// (the bulk scoring loop computes them four themes at a time, dot32x4);
// nil: computed here.
func (m *TextModel) featuresDense(st *pairStats, a, b *SparseVector, x *[maxTreeFeatures]float32, dense *[numVectorSets]float32) (ok, same bool) {
	both := a.kinds & b.kinds
	var shared float64
	for k := range numKinds {
		if both&(1<<k) != 0 {
			shared += st[3*k]
		}
	}
	if shared <= 0 || a.info == nil || b.info == nil {
		return false, false
	}
	same = a.kinds == b.kinds && a.info.chars == b.info.chars
	var c, mn, mx, nb float64
	for k := range numKinds {
		if both&(1<<k) == 0 {
			continue
		}
		lo, hi := st[3*k+1], st[3*k+2]
		if lo > hi {
			lo, hi = hi, lo
		}
		x[3*k], x[3*k+1], x[3*k+2] = float32(st[3*k]), float32(lo), float32(hi)
		c, mn, mx, nb = c+st[3*k], mn+lo, mx+hi, nb+1
		if st[3*k] < 1-1e-5 {
			same = false
		}
	}
	c, mn, mx = c/nb, mn/nb, mx/nb
	x[fAggCos], x[fAggMin], x[fAggMax], x[fKindsBoth] = float32(c), float32(mn), float32(mx), float32(nb)
	// A kind one of the texts cannot have (a Japanese-only and an
	// English-only description share no CJK n-gram) is not a mismatch: the
	// means over the kinds both have stand in for it.
	for k := range numKinds {
		if both&(1<<k) == 0 {
			x[3*k], x[3*k+1], x[3*k+2] = float32(c), float32(mn), float32(mx)
		}
	}
	ia, ib := a.info, b.info
	x[fCharsMin], x[fCharsMax] = min(ia.chars, ib.chars), max(ia.chars, ib.chars)
	x[fCharsDiff] = abs32(ia.chars-ib.chars) / max(1, x[fCharsMax])
	x[fNegMin], x[fNegMax], x[fNegDiff] = min(ia.neg, ib.neg), max(ia.neg, ib.neg), abs32(ia.neg-ib.neg)
	x[fNegParity] = float32((int(ia.neg) ^ int(ib.neg)) & 1)
	for k := range numVectorSets {
		var cos, known float32
		if dense != nil && ia.mean[k] != nil && ib.mean[k] != nil {
			cos, known = dense[k], min(ia.known[k], ib.known[k])
		} else {
			cos, known = denseCos(ia, ib, k)
		}
		x[fVecCos+k] = m.vecFeature(k, cos, known, c)
	}
	return true, same
}

// denseCos is the cosine of two texts' mean vectors of set k and the
// smaller share of their units the vectors know (0, 0 when either has
// none).
func denseCos(a, b *textInfo, k int) (cos, known float32) {
	if a.mean[k] == nil || b.mean[k] == nil {
		return 0, 0
	}
	return float32(dot32(a.mean[k], b.mean[k])), min(a.known[k], b.known[k])
}

// vecFeature is the model's mean-vector input of set k: the cosine where
// the vectors know the texts' units, and the cosine expected from the
// sparse overlap c where they do not, blended by the share known. The
// vectors were learned on everyday captions: they know most of a JSTS
// sentence and a third of a MedTech description, whose mean vector is then
// noise, not evidence of unrelatedness.
func (m *TextModel) vecFeature(k int, cos, known float32, c float64) float32 {
	guess := min(max(m.impute[k][0]+m.impute[k][1]*float32(c), 0), 1)
	return known*cos + (1-known)*guess
}

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

// combine applies the model to the per-kind measures st of a and b.
func (m *TextModel) combine(st *pairStats, a, b *SparseVector) float64 {
	var x [maxTreeFeatures]float32
	ok, same := m.features(st, a, b, &x)
	switch {
	case !ok:
		return 0
	case same:
		return 1
	}
	return m.unit(m.trees.predict(&x))
}

// unit rescales the trees' rating so that their floor is 0 and their
// ceiling 1, with soft tails: the score.
func (m *TextModel) unit(rating float64) float64 {
	lo, hi := float64(m.floor), float64(m.ceil)
	return softUnit((rating - lo) / (hi - lo))
}

// textLanes holds up to treeLanes pairs' model inputs, feature-major, for
// the trees to run on side by side (obliviousTrees.predictLanes): the bulk
// scoring loop's rankScoreLanes fills it and flushLanes scores it.
type textLanes struct {
	x   [treeLanes * maxTreeFeatures]float32
	dst [treeLanes]int32 // where each lane's score goes in out
	n   int
}

// rankScoreLanes is rankScore for the bulk loop: out[i] gets the
// pair's score at once when it needs no trees, else at the flushLanes that
// runs its lane (when the lanes are full, or the caller's last flush). The
// scores are rankScore's bit for bit.
func (m *TextModel) rankScoreLanes(st *pairStats, a, b *SparseVector, dense *[numVectorSets]float32, out []float64, i int, l *textLanes) {
	if !sharesCheckable(st, a, b) {
		out[i] = 0
		return
	}
	var row [maxTreeFeatures]float32
	switch ok, same := m.featuresDense(st, a, b, &row, dense); {
	case !ok:
		out[i] = 0
		return
	case same:
		out[i] = 1
		return
	}
	j := l.n & (treeLanes - 1)
	for f := range numTextFeatures {
		l.x[f*treeLanes+j] = row[f]
	}
	l.dst[j] = int32(i)
	l.n++
	if l.n == treeLanes {
		m.flushLanes(out, l)
	}
}

// flushLanes scores the pairs waiting in l into out and empties it.
func (m *TextModel) flushLanes(out []float64, l *textLanes) {
	if l.n == 0 {
		return
	}
	var p [treeLanes]float64
	m.trees.predictLanes(&l.x, &p)
	for j := range l.n {
		out[l.dst[j]] = m.unit(p[j])
	}
	l.n = 0
}

// softUnit maps x to (0,1) monotonically: x itself on [ε, 1−ε], and
// hyperbolic tails beyond (ε²/(2ε−x) below, its mirror above; value and
// slope meet x's at ε and 1−ε), so ties are not made by clamping. It runs
// on every scored pair, so the tails are a division, not an exp.
func softUnit(x float64) float64 {
	const eps = 0.05
	switch {
	case x < eps:
		return eps * eps / (2*eps - x)
	case x > 1-eps:
		return 1 - eps*eps/(2*eps-(1-x))
	}
	return x
}

// Word vectors on disk: "PMWV", uint32 version 1, dim, count; then per
// word its UTF-8 length (uint16) and bytes, its frequency (float32) and dim
// int8 components (vector × 127, re-normalised on load).
func encodeWordVectors(w *wordVectors) []byte {
	var buf bytes.Buffer
	buf.WriteString("PMWV")
	binary.Write(&buf, binary.LittleEndian, [3]uint32{1, uint32(w.Dim), uint32(len(w.Words))})
	for i, s := range w.Words {
		binary.Write(&buf, binary.LittleEndian, uint16(len(s)))
		buf.WriteString(s)
		binary.Write(&buf, binary.LittleEndian, w.Freq[i])
		for _, v := range w.vec(int32(i)) {
			buf.WriteByte(byte(int8(math.Round(float64(v) * 127))))
		}
	}
	return buf.Bytes()
}

func decodeWordVectors(b []byte) (*wordVectors, error) {
	r := bytes.NewReader(b)
	var magic [4]byte
	var hdr [3]uint32
	if _, err := r.Read(magic[:]); err != nil || string(magic[:]) != "PMWV" {
		return nil, errors.New("not a word-vector file")
	}
	if err := binary.Read(r, binary.LittleEndian, &hdr); err != nil {
		return nil, err
	}
	if hdr[0] != 1 {
		return nil, fmt.Errorf("version %d", hdr[0])
	}
	dim, n := int(hdr[1]), int(hdr[2])
	if dim <= 0 || dim > 4096 || n < 0 || n > len(b) {
		return nil, fmt.Errorf("bad header: dim %d, %d words", dim, n)
	}
	w := &wordVectors{Dim: dim, Words: make([]string, n), Freq: make([]float32, n), Vecs: make([]float32, n*dim)}
	comp := make([]byte, dim)
	for i := range n {
		var l uint16
		if err := binary.Read(r, binary.LittleEndian, &l); err != nil {
			return nil, fmt.Errorf("word %d: %w", i, err)
		}
		s := make([]byte, l)
		if _, err := r.Read(s); err != nil {
			return nil, fmt.Errorf("word %d: %w", i, err)
		}
		w.Words[i] = string(s)
		if err := binary.Read(r, binary.LittleEndian, &w.Freq[i]); err != nil {
			return nil, fmt.Errorf("word %d: %w", i, err)
		}
		if _, err := r.Read(comp); err != nil {
			return nil, fmt.Errorf("word %d: %w", i, err)
		}
		v := w.Vecs[i*dim : (i+1)*dim]
		for d, c := range comp {
			v[d] = float32(int8(c))
		}
		normalize32(v)
	}
	w.buildIndex()
	return w, nil
}
