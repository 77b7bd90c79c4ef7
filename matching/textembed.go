//go:build !js

package matching

import (
	"cmp"
	"math"
	"slices"
	"unicode"
	"unicode/utf8"
)

// wordVectors are dense vectors of text units (words and single kanji),
// learned from which units occur together (wordvec_fit.go): units used in
// the same scenes or about the same things get close vectors, so two texts
// can be similar without sharing a word (飛行機 / ジェット機, 海 / 波).
type wordVectors struct {
	Dim   int              `json:"dim"`
	Index map[string]int32 `json:"-"`
	Words []string         `json:"words"`
	Vecs  []float32        `json:"vecs"` // unit length, Dim per word
	Freq  []float32        `json:"freq"` // share of unit occurrences, for weighting

	gramIDs bool // units are character bigrams (gramUnits), not words (textUnits)
}

func (w *wordVectors) buildIndex() {
	w.Index = make(map[string]int32, len(w.Words))
	for i, s := range w.Words {
		w.Index[s] = int32(i)
	}
}

func (w *wordVectors) vec(i int32) []float32 { return w.Vecs[int(i)*w.Dim : int(i+1)*w.Dim] }

// textUnits are the units a text's meaning is read from: Latin words (not
// stopwords), kanji runs, katakana runs of two or more, and each kanji of a
// longer run on its own (compounds share meaning through their kanji).
func textUnits(text string) []string { return unitsOfNorm([]rune(normalizeText(text))) }

func unitsOfNorm(rs []rune) []string {
	var out []string
	forEachSegment(rs, func(i, j int, latin bool) {
		seg := rs[i:j]
		if latin {
			if !isStopword(seg) {
				out = append(out, string(seg))
			}
			return
		}
		wordsOf(seg, func(k, e int, katakana bool) {
			out = append(out, string(seg[k:e]))
			if !katakana && e-k > 1 {
				for _, r := range seg[k:e] {
					if unicode.Is(unicode.Han, r) {
						out = append(out, string(r))
					}
				}
			}
		})
	})
	return out
}

// embedText is a text's units known to the vectors, each with its weight
// a/(a+p(unit)) (rare units weigh more), and their weighted mean, unit
// length.
type embedText struct {
	ids   []int32
	w     []float32
	mean  []float32
	known float64 // share of the text's units the vectors know
	self  float64 // soft(e, e)
}

const sifA = 1e-3

// maxEmbedUnits bounds the units of one text the vector measures read.
const maxEmbedUnits = 32

func (w *wordVectors) embed(text string) embedText {
	norm := normalizeText(text)
	return w.embedNorm(norm, sentenceChars(norm))
}

// embedNorm is embed of a text already normalised (normalizeText), with
// its sentenceChars.
func (w *wordVectors) embedNorm(norm string, chars []rune) embedText {
	var e embedText
	if w == nil {
		return e
	}
	var ids []int32
	var total int
	if w.gramIDs {
		ids, total = w.bigramIDs(chars)
	} else {
		us := unitsOfNorm([]rune(norm))
		total = len(us)
		for _, u := range us {
			if id, ok := w.Index[u]; ok {
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return e
	}
	e.known = float64(len(ids)) / float64(total)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if len(ids) > maxEmbedUnits {
		// The rarest units (largest weight) speak for a long text; this
		// bounds the pair measures' cost at maxEmbedUnits².
		slices.SortStableFunc(ids, func(a, b int32) int { return cmp.Compare(w.Freq[a], w.Freq[b]) })
		ids = ids[:maxEmbedUnits]
		slices.Sort(ids)
	}
	e.ids = ids
	e.w = make([]float32, len(e.ids))
	e.mean = make([]float32, w.Dim)
	for k, id := range e.ids {
		e.w[k] = float32(sifA / (sifA + float64(w.Freq[id])))
		v := w.vec(id)
		for d := range v {
			e.mean[d] += e.w[k] * v[d]
		}
	}
	normalize32(e.mean)
	e.self = w.soft(&e, &e)
	return e
}

// bigramIDs are the known character bigrams of a text (gramUnits), looked
// up without building a string for each.
func (w *wordVectors) bigramIDs(rs []rune) (ids []int32, total int) {
	var buf []byte
	for i := 0; i+2 <= len(rs); i++ {
		buf = utf8.AppendRune(utf8.AppendRune(buf[:0], rs[i]), rs[i+1])
		if id, ok := w.Index[string(buf)]; ok {
			ids = append(ids, id)
		}
	}
	return ids, max(0, len(rs)-1)
}

// soft is Σ w_i w_j max(0, cos_ij)² over the units of x and y.
func (w *wordVectors) soft(x, y *embedText) float64 {
	var s float64
	for i, id := range x.ids {
		vi := w.vec(id)
		for j, jd := range y.ids {
			c := 1.0
			if id != jd {
				c = dot32(vi, w.vec(jd))
			}
			if c > 0 {
				s += float64(x.w[i]) * float64(y.w[j]) * c * c
			}
		}
	}
	return s
}

func normalize32(v []float32) {
	var n float64
	for _, x := range v {
		n += float64(x) * float64(x)
	}
	if n == 0 {
		return
	}
	s := float32(1 / math.Sqrt(n))
	for i := range v {
		v[i] *= s
	}
}

func dot32(a, b []float32) float64 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return float64((s0 + s1) + (s2 + s3))
}

// numEmbedStats is the length of embedStats' result.
const numEmbedStats = 8

// embedStats are the vector measures of two texts (0 for all when either
// side has no known unit):
//
//	[0] cosine of the weighted means
//	[1], [2] alignment, min and max over the sides: the weighted mean over
//	  a side's units of the best cosine with a unit of the other side
//	[3] soft cosine: the weighted bag-of-units cosine where two units match
//	  to the degree max(0, cos)²
//	[4] the worst best-match of any unit, over both sides
//	[5] the largest weighted share, over the sides, of units whose best
//	  match is below 0.5 (content the other text does not have)
//	[6] 1: both sides have known units
//	[7] the smaller share of a side's units that are known
func (w *wordVectors) embedStats(a, b *embedText) (out [numEmbedStats]float64) {
	if len(a.ids) == 0 || len(b.ids) == 0 {
		return out
	}
	out[0] = dot32(a.mean, b.mean)
	// One pass over the unit pairs: each unit's best cosine on the other
	// side, and the soft-cosine sum.
	rowBest := make([]float64, len(a.ids)+len(b.ids))
	colBest := rowBest[len(a.ids):]
	rowBest = rowBest[:len(a.ids)]
	for i := range rowBest {
		rowBest[i] = -1
	}
	for j := range colBest {
		colBest[j] = -1
	}
	var softAB float64
	for i, id := range a.ids {
		vi := w.vec(id)
		for j, jd := range b.ids {
			c := 1.0
			if id != jd {
				c = dot32(vi, w.vec(jd))
			}
			rowBest[i] = max(rowBest[i], c)
			colBest[j] = max(colBest[j], c)
			if c > 0 {
				softAB += float64(a.w[i]) * float64(b.w[j]) * c * c
			}
		}
	}
	worst := 1.0
	// align is the weighted mean of a side's best cosines, and the weighted
	// share of its units whose best is below 0.5.
	align := func(x *embedText, best []float64) (mean, unmatched float64) {
		var s, ws, un float64
		for i, b := range best {
			s += float64(x.w[i]) * b
			ws += float64(x.w[i])
			if b < 0.5 {
				un += float64(x.w[i])
			}
			worst = min(worst, b)
		}
		return s / ws, un / ws
	}
	x, ux := align(a, rowBest)
	y, uy := align(b, colBest)
	out[1], out[2] = min(x, y), max(x, y)
	if d := a.self * b.self; d > 0 {
		out[3] = softAB / math.Sqrt(d)
	}
	out[4] = worst
	out[5] = max(ux, uy)
	out[6] = 1
	out[7] = min(a.known, b.known)
	return out
}
