package matching

import (
	"math"
	"unicode"
)

// plainCharTFIDF is the baseline the issue names: character 1- and 2-grams
// of the NFKC text (spaces dropped), raw term frequency times smoothed IDF
// fitted on all the texts, cosine.
func plainCharTFIDF(t1, t2 []string) []float64 {
	grams := func(s string) map[string]float64 {
		var rs []rune
		for _, r := range normalizeText(s) {
			if !unicode.IsSpace(r) {
				rs = append(rs, r)
			}
		}
		m := map[string]float64{}
		for i := range rs {
			m[string(rs[i:i+1])]++
			if i+2 <= len(rs) {
				m[string(rs[i:i+2])]++
			}
		}
		return m
	}
	n := len(t1)
	tfs := make([]map[string]float64, 0, 2*n)
	for _, s := range t1 {
		tfs = append(tfs, grams(s))
	}
	for _, s := range t2 {
		tfs = append(tfs, grams(s))
	}
	df := map[string]float64{}
	for _, tf := range tfs {
		for g := range tf {
			df[g]++
		}
	}
	N := float64(len(tfs))
	vec := func(tf map[string]float64) map[string]float64 {
		v := map[string]float64{}
		var n2 float64
		for g, c := range tf {
			w := c * (math.Log((1+N)/(1+df[g])) + 1)
			v[g] = w
			n2 += w * w
		}
		for g := range v {
			v[g] /= math.Sqrt(n2)
		}
		return v
	}
	out := make([]float64, n)
	for i := range n {
		a, b := vec(tfs[i]), vec(tfs[n+i])
		for g, w := range a {
			out[i] += w * b[g]
		}
	}
	return out
}
