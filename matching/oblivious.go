package matching

import (
	"errors"
	"math"
)

// obliviousTrees is a gradient-boosted ensemble of oblivious regression
// trees: every node of a tree's level splits on the same feature and
// threshold, so a tree of depth D is D comparisons that spell the index of
// its leaf, without branches. It is the text model's combiner
// (textmodel.go), cheap enough to run on every startup–theme pair; it is
// fitted by fitGBDT with Oblivious set (gbdt.go).
type obliviousTrees struct {
	Base  float64   `json:"base"`
	Depth int       `json:"depth"`
	Feat  []int16   `json:"feat"` // Depth per tree, level by level
	Thr   []float32 `json:"thr"`  // x[Feat] > Thr is bit 1
	Leaf  []float32 `json:"leaf"` // 2^Depth per tree
}

func (o *obliviousTrees) numTrees() int {
	if o.Depth == 0 {
		return 0
	}
	return len(o.Feat) / o.Depth
}

// maxTreeFeatures bounds the feature index of an ensemble, so a row is a
// fixed-size array and the trees read it without bounds checks.
const maxTreeFeatures = 64

// predict is Base plus every tree's leaf for x.
func (o *obliviousTrees) predict(x *[maxTreeFeatures]float32) float64 {
	if o.Depth == 5 {
		return o.predict5(x)
	}
	d := o.Depth
	z := o.Base
	feat, thr, leaf := o.Feat, o.Thr[:len(o.Feat)], o.Leaf
	k, base := 0, 0
	for k < len(feat) {
		idx := 0
		for e := k + d; k < e; k++ {
			idx = idx<<1 | b2i(x[uint8(feat[k])&(maxTreeFeatures-1)] > thr[k])
		}
		z += float64(leaf[base+idx])
		base += 1 << d
	}
	return z
}

// predict5 is predict for trees of depth 5, unrolled: a tree's five
// comparisons are independent, so they run side by side.
func (o *obliviousTrees) predict5(x *[maxTreeFeatures]float32) float64 {
	const m = maxTreeFeatures - 1
	feat, thr, leaf := o.Feat, o.Thr[:len(o.Feat)], o.Leaf
	var z0, z1 float32
	t := 0
	for k := 0; k+5 <= len(feat); k += 5 {
		f, h := feat[k:k+5:k+5], thr[k:k+5:k+5]
		idx := b2i(x[uint8(f[0])&m] > h[0])<<4 | b2i(x[uint8(f[1])&m] > h[1])<<3 |
			b2i(x[uint8(f[2])&m] > h[2])<<2 | b2i(x[uint8(f[3])&m] > h[3])<<1 | b2i(x[uint8(f[4])&m] > h[4])
		l := leaf[t<<5 : t<<5+32 : t<<5+32]
		if t&1 == 0 {
			z0 += l[idx&31]
		} else {
			z1 += l[idx&31]
		}
		t++
	}
	return o.Base + float64(z0) + float64(z1)
}

// treeLanes is how many rows predictLanes evaluates at once.
const treeLanes = 8

// predictLanes sets out[j] to predict of row j of x, which holds
// treeLanes rows feature-major (feature f of row j at x[f·treeLanes+j]):
// the bulk scoring loop's form, for trees of depth 5 eight rows side by
// side (predict5x8, AVX2 where the CPU has it), with predict5's arithmetic,
// so each result is bit for bit predict's.
func (o *obliviousTrees) predictLanes(x *[treeLanes * maxTreeFeatures]float32, out *[treeLanes]float64) {
	if o.Depth == 5 {
		var z [2 * treeLanes]float32
		predict5x8(o, x, &z)
		for j := range treeLanes {
			out[j] = o.Base + float64(z[j]) + float64(z[treeLanes+j])
		}
		return
	}
	var row [maxTreeFeatures]float32
	for j := range treeLanes {
		for f := range maxTreeFeatures {
			row[f] = x[f*treeLanes+j]
		}
		out[j] = o.predict(&row)
	}
}

// predict5x8Go is predict5 for the eight rows of x (feature-major, as
// predictLanes): row j's leaves of the even trees summed in z[j], of the
// odd trees in z[8+j], in tree order, in float32.
func predict5x8Go(o *obliviousTrees, x *[treeLanes * maxTreeFeatures]float32, z *[2 * treeLanes]float32) {
	const m = maxTreeFeatures - 1
	feat, thr, leaf := o.Feat, o.Thr[:len(o.Feat)], o.Leaf
	var z0, z1 [treeLanes]float32
	t := 0
	for k := 0; k+5 <= len(feat); k += 5 {
		f, h := feat[k:k+5:k+5], thr[k:k+5:k+5]
		l := leaf[t<<5 : t<<5+32 : t<<5+32]
		c0, c1, c2, c3, c4 := int(uint8(f[0])&m)*treeLanes, int(uint8(f[1])&m)*treeLanes, int(uint8(f[2])&m)*treeLanes,
			int(uint8(f[3])&m)*treeLanes, int(uint8(f[4])&m)*treeLanes
		for j := range treeLanes {
			idx := b2i(x[c0+j] > h[0])<<4 | b2i(x[c1+j] > h[1])<<3 | b2i(x[c2+j] > h[2])<<2 |
				b2i(x[c3+j] > h[3])<<1 | b2i(x[c4+j] > h[4])
			if t&1 == 0 {
				z0[j] += l[idx&31]
			} else {
				z1[j] += l[idx&31]
			}
		}
		t++
	}
	copy(z[:treeLanes], z0[:])
	copy(z[treeLanes:], z1[:])
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// validate checks the ensemble's shape against nf features.
func (o *obliviousTrees) validate(nf int) error {
	if o.Depth < 0 || o.Depth > 8 || len(o.Thr) != len(o.Feat) || o.Depth > 0 && len(o.Feat)%o.Depth != 0 ||
		len(o.Leaf) != o.numTrees()<<o.Depth {
		return errBadEnsemble
	}
	for i, f := range o.Feat {
		if f < 0 || int(f) >= nf || nf > maxTreeFeatures || math.IsNaN(float64(o.Thr[i])) {
			return errBadEnsemble
		}
	}
	return nil
}

var errBadEnsemble = errors.New("matching: bad tree ensemble")
