package matching

import (
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

const sifA = 1e-3

// meanVector is the weighted mean of the vectors of a text's distinct
// known units, each weighted a/(a+p(unit)) (rare units weigh more), unit
// length, and the share of the text's units that are known; nil and 0
// when none is (or w is nil). norm is the normalised text, chars its
// sentenceChars.
func (w *wordVectors) meanVector(norm string, chars []rune) ([]float32, float32) {
	if w == nil {
		return nil, 0
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
		return nil, 0
	}
	known := float32(len(ids)) / float32(total)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	mean := make([]float32, w.Dim)
	for _, id := range ids {
		wt := float32(sifA / (sifA + float64(w.Freq[id])))
		v := w.vec(id)
		for d := range v {
			mean[d] += wt * v[d]
		}
	}
	normalize32(mean)
	return mean, known
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

// gramUnits are the character bigrams of a text (sentenceChars).
func gramUnits(text string) []string {
	rs := sentenceChars(normalizeText(text))
	var out []string
	for i := 0; i+2 <= len(rs); i++ {
		out = append(out, string(rs[i:i+2]))
	}
	return out
}
