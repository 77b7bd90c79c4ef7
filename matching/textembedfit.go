//go:build !js

package matching

import (
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// wordVecParams are the settings of fitWordVectors.
type wordVecParams struct {
	Dim      int     // vector length
	MinCount int     // fewest sentences a unit must occur in
	Smooth   float64 // context-distribution smoothing exponent (0.75)
	Seed     uint64
	Bigrams  bool // units are character bigrams (gramUnits), not words (textUnits)
}

var defaultWordVecParams = wordVecParams{Dim: 32, MinCount: 2, Smooth: 0.75, Seed: 1}

// fitWordVectors learns unit vectors from sentences: the positive pointwise
// mutual information of units occurring in the same sentence, factorised by
// a randomized truncated SVD (gonum/mat for the QR and the small SVD); a
// unit's vector is its row of U·√S, unit length.
func fitWordVectors(sentences []string, p wordVecParams) *wordVectors {
	unitsOf := textUnits
	if p.Bigrams {
		unitsOf = gramUnits
	}
	units := make([][]string, len(sentences))
	count := map[string]int{}
	for i, s := range sentences {
		us := unitsOf(s)
		slices.Sort(us)
		us = slices.Compact(us)
		units[i] = us
		for _, u := range us {
			count[u]++
		}
	}
	var words []string
	for u, c := range count {
		if c >= p.MinCount {
			words = append(words, u)
		}
	}
	slices.Sort(words)
	idx := make(map[string]int32, len(words))
	for i, w := range words {
		idx[w] = int32(i)
	}
	V := len(words)
	wv := &wordVectors{Dim: p.Dim, Words: words, Freq: make([]float32, V), gramIDs: p.Bigrams}
	if V < 2 {
		wv.Vecs = make([]float32, V*p.Dim)
		wv.buildIndex()
		return wv
	}
	// Co-occurrence counts within a sentence.
	co := map[uint64]float64{}
	marg := make([]float64, V)
	var total float64
	var occ float64
	for _, us := range units {
		var ids []int32
		for _, u := range us {
			if id, ok := idx[u]; ok {
				ids = append(ids, id)
				wv.Freq[id]++
				occ++
			}
		}
		for a := range ids {
			for b := range ids {
				if a != b {
					co[uint64(ids[a])<<32|uint64(ids[b])]++
					marg[ids[a]]++
					total++
				}
			}
		}
	}
	for i := range wv.Freq {
		wv.Freq[i] /= float32(occ)
	}
	var ctxTotal float64
	ctx := make([]float64, V)
	for i, m := range marg {
		ctx[i] = math.Pow(m, p.Smooth)
		ctxTotal += ctx[i]
	}
	// PPMI as a sparse matrix (CSR).
	type entry struct {
		col int32
		val float64
	}
	rows := make([][]entry, V)
	for k, c := range co {
		a, b := int32(k>>32), int32(k&0xffffffff)
		pmi := math.Log(c * ctxTotal / (marg[a] * ctx[b]))
		if pmi > 0 {
			rows[a] = append(rows[a], entry{b, pmi})
		}
	}
	for _, r := range rows { // a fixed order of sums: the fit is reproducible
		slices.SortFunc(r, func(x, y entry) int { return int(x.col) - int(y.col) })
	}
	mul := func(dst, src *mat.Dense) { // dst = M·src
		dst.Zero()
		_, k := src.Dims()
		for i, r := range rows {
			di := dst.RawRowView(i)
			for _, e := range r {
				si := src.RawRowView(int(e.col))
				for j := range k {
					di[j] += e.val * si[j]
				}
			}
		}
	}
	k := min(p.Dim+10, V)
	rng := rand.New(rand.NewPCG(p.Seed, 0x5eed))
	omega := mat.NewDense(V, k, nil)
	for i := range V {
		for j := range k {
			omega.Set(i, j, rng.NormFloat64())
		}
	}
	Y := mat.NewDense(V, k, nil)
	orth := func(a *mat.Dense) *mat.Dense { // thin Q of a (V×k)
		q := mat.DenseCopyOf(a)
		orthonormalize(q)
		return q
	}
	mul(Y, omega)
	Q := orth(Y)
	for range 3 { // power iterations (M is symmetric)
		mul(Y, Q)
		Q = orth(Y)
	}
	mul(Y, Q) // Y = M·Q, so Bᵀ = Y with B = Qᵀ·M
	var svd mat.SVD
	if !svd.Factorize(Y.T(), mat.SVDThin) {
		wv.Vecs = make([]float32, V*p.Dim)
		wv.buildIndex()
		return wv
	}
	var ub mat.Dense
	svd.UTo(&ub) // k×k
	s := svd.Values(nil)
	var U mat.Dense
	U.Mul(Q, &ub) // V×k
	dim := min(p.Dim, k)
	wv.Dim = dim
	wv.Vecs = make([]float32, V*dim)
	for i := range V {
		v := wv.Vecs[i*dim : (i+1)*dim]
		for j := range dim {
			v[j] = float32(U.At(i, j) * math.Sqrt(s[j]))
		}
		normalize32(v)
	}
	wv.buildIndex()
	return wv
}

// orthonormalize makes the columns of a orthonormal in place (modified
// Gram–Schmidt, run twice for accuracy); a column that vanishes stays 0.
func orthonormalize(a *mat.Dense) {
	_, k := a.Dims()
	for range 2 {
		for j := range k {
			cj := a.ColView(j).(*mat.VecDense)
			for i := range j {
				ci := a.ColView(i)
				cj.AddScaledVec(cj, -mat.Dot(ci, cj), ci)
			}
			if n := mat.Norm(cj, 2); n > 1e-12 {
				cj.ScaleVec(1/n, cj)
			} else {
				cj.Zero()
			}
		}
	}
}
