//go:build !js

package matching

import (
	"math"
	"slices"
)

// gbdt is a gradient-boosted ensemble of small regression trees (least
// squares): the supervised combiner of the text signals. Each tree splits
// on thresholds of the features; the prediction is Base + Σ tree outputs.
// Fitted with Oblivious set it is the text model's ensemble
// (obliviousTrees, textmodel.go); the fit is not linked into the browser
// portal, the compact ensemble is.
type gbdt struct {
	Base  float64    `json:"base"`
	Trees []gbdtTree `json:"trees"`
}

// gbdtTree is a complete binary tree of depth D stored level by level:
// Feat[i], Thr[i] for the 2^D−1 inner nodes (x[Feat] <= Thr goes left,
// child 2i+1, else right, 2i+2), Leaf[j] for the 2^D leaves. A node that
// did not split has Feat −1 and sends every row left.
type gbdtTree struct {
	Feat []int16   `json:"f"`
	Thr  []float64 `json:"t"`
	Leaf []float32 `json:"l"`
}

func (m *gbdt) predict(x []float64) float64 {
	z := m.Base
	for i := range m.Trees {
		z += m.Trees[i].eval(x)
	}
	return z
}

func (t *gbdtTree) eval(x []float64) float64 {
	n := 0
	for n < len(t.Feat) {
		f := t.Feat[n]
		if f < 0 || x[f] <= t.Thr[n] {
			n = 2*n + 1
		} else {
			n = 2*n + 2
		}
	}
	return float64(t.Leaf[n-len(t.Feat)])
}

// gbdtParams are the fit's settings.
type gbdtParams struct {
	Trees     int     // boosting rounds
	Depth     int     // tree depth
	Rate      float64 // shrinkage
	MinLeaf   int     // fewest rows in a leaf
	Bins      int     // quantile bins per feature (≤ 255)
	Subsample float64 // share of rows each tree sees (deterministic)
	L2        float64 // ridge on leaf values
	Oblivious bool    // one split per level, shared by all its nodes (obliviousTrees)
}

var defaultGBDTParams = gbdtParams{Trees: 300, Depth: 4, Rate: 0.05, MinLeaf: 30, Bins: 64, Subsample: 0.8, L2: 1}

// fitGBDT fits the ensemble to rows x (all the same length) and targets y.
func fitGBDT(x [][]float64, y []float64, p gbdtParams) *gbdt {
	n := len(x)
	if n == 0 {
		return &gbdt{}
	}
	nf := len(x[0])
	// Quantile thresholds per feature; binned[f][i] is row i's bin.
	thr := make([][]float64, nf)
	binned := make([][]uint8, nf)
	col := make([]float64, n)
	for f := range nf {
		for i := range n {
			col[i] = x[i][f]
		}
		s := slices.Clone(col)
		slices.Sort(s)
		var ts []float64
		for b := 1; b < p.Bins; b++ {
			v := s[b*n/p.Bins]
			if len(ts) == 0 || v > ts[len(ts)-1] {
				ts = append(ts, v)
			}
		}
		// Bin b holds values in (ts[b-1], ts[b]]; the last bin the rest.
		thr[f] = ts
		bf := make([]uint8, n)
		for i, v := range col {
			b, _ := slices.BinarySearch(ts, v)
			bf[i] = uint8(b)
		}
		binned[f] = bf
	}
	var mean float64
	for _, v := range y {
		mean += v
	}
	mean /= float64(n)
	m := &gbdt{Base: mean}
	pred := make([]float64, n)
	for i := range pred {
		pred[i] = mean
	}
	res := make([]float64, n)
	node := make([]int32, n)
	inner := 1<<p.Depth - 1
	var rng uint64 = 0x9E3779B97F4A7C15
	rows := make([]int32, 0, n)
	for range p.Trees {
		for i := range res {
			res[i] = y[i] - pred[i]
		}
		rows = rows[:0]
		for i := range n {
			rng ^= rng << 13
			rng ^= rng >> 7
			rng ^= rng << 17
			if float64(rng>>11)/(1<<53) < p.Subsample {
				rows = append(rows, int32(i))
			}
			node[i] = 0
		}
		t := gbdtTree{Feat: make([]int16, inner), Thr: make([]float64, inner), Leaf: make([]float32, inner+1)}
		splitBin := make([]int, inner)
		for d := range p.Depth {
			lo, hi := 1<<d-1, 1<<(d+1)-1 // nodes of this level
			width := hi - lo
			// Histograms per (node, feature, bin): sum of residuals, count.
			sum := make([]float64, width*nf*256)
			cnt := make([]int32, width*nf*256)
			for _, i := range rows {
				nd := int(node[i]) - lo
				r := res[i]
				for f := range nf {
					k := (nd*nf+f)*256 + int(binned[f][i])
					sum[k] += r
					cnt[k]++
				}
			}
			if p.Oblivious {
				f, b := bestLevelSplit(sum, cnt, thr, width, nf, p)
				for nd := range width {
					t.Feat[lo+nd] = int16(f)
					if f >= 0 {
						t.Thr[lo+nd] = thr[f][b]
						splitBin[lo+nd] = b
					}
				}
			}
			if !p.Oblivious {
				gain := make([]float64, 256)
				for nd := range width {
					tot, tc := nodeTotals(sum, cnt, nd, nf)
					bestGain, bestF, bestB := 0.0, -1, 0
					for f := range nf {
						clear(gain)
						addSplitGains(gain, sum, cnt, len(thr[f]), nd, nf, f, tot, tc, p)
						for b, g := range gain[:len(thr[f])] {
							if g > bestGain {
								bestGain, bestF, bestB = g, f, b
							}
						}
					}
					t.Feat[lo+nd] = int16(bestF)
					if bestF >= 0 {
						t.Thr[lo+nd] = thr[bestF][bestB]
						splitBin[lo+nd] = bestB
					}
				}
			}
			for i := range n {
				nd := int(node[i])
				f := t.Feat[nd]
				if f < 0 || int(binned[f][i]) <= splitBin[nd] {
					node[i] = int32(2*nd + 1)
				} else {
					node[i] = int32(2*nd + 2)
				}
			}
		}
		ls := make([]float64, inner+1)
		lc := make([]float64, inner+1)
		for _, i := range rows {
			l := int(node[i]) - inner
			ls[l] += res[i]
			lc[l]++
		}
		for l := range ls {
			t.Leaf[l] = float32(p.Rate * ls[l] / (lc[l] + p.L2))
		}
		for i := range n {
			pred[i] += float64(t.Leaf[int(node[i])-inner])
		}
		m.Trees = append(m.Trees, t)
	}
	return m
}

// bestLevelSplit is the split (feature, bin) of an oblivious tree's level:
// the one whose gain summed over the level's nodes is largest (a node where
// the split leaves fewer than MinLeaf rows on a side adds no gain); -1 when
// no split gains.
func bestLevelSplit(sum []float64, cnt []int32, thr [][]float64, width, nf int, p gbdtParams) (int, int) {
	tot := make([]float64, width)
	tc := make([]int32, width)
	for nd := range width {
		tot[nd], tc[nd] = nodeTotals(sum, cnt, nd, nf)
	}
	bestGain, bestF, bestB := 0.0, -1, 0
	gain := make([]float64, 256)
	for f := range nf {
		clear(gain)
		for nd := range width {
			addSplitGains(gain, sum, cnt, len(thr[f]), nd, nf, f, tot[nd], tc[nd], p)
		}
		for b, g := range gain[:len(thr[f])] {
			if g > bestGain {
				bestGain, bestF, bestB = g, f, b
			}
		}
	}
	return bestF, bestB
}

// nodeTotals are the residual sum and row count of node nd (its
// histograms of feature 0).
func nodeTotals(sum []float64, cnt []int32, nd, nf int) (tot float64, tc int32) {
	for b := range 256 {
		tot += sum[nd*nf*256+b]
		tc += cnt[nd*nf*256+b]
	}
	return tot, tc
}

// addSplitGains adds to gain[b] the gain of splitting node nd (residual
// sum tot over tc rows) at feature f's threshold b, for each of its nb
// thresholds that leaves at least MinLeaf rows on both sides.
func addSplitGains(gain, sum []float64, cnt []int32, nb, nd, nf, f int, tot float64, tc int32, p gbdtParams) {
	base := tot * tot / (float64(tc) + p.L2)
	var ls float64
	var lc int32
	for b := 0; b < nb; b++ {
		k := (nd*nf+f)*256 + b
		ls += sum[k]
		lc += cnt[k]
		rc := tc - lc
		if int(lc) < p.MinLeaf || int(rc) < p.MinLeaf {
			continue
		}
		rs := tot - ls
		gain[b] += ls*ls/(float64(lc)+p.L2) + rs*rs/(float64(rc)+p.L2) - base
	}
}

// oblivious converts an ensemble fitted with Oblivious set to its compact
// form.
func (m *gbdt) oblivious() *obliviousTrees {
	o := &obliviousTrees{Base: m.Base}
	if len(m.Trees) == 0 {
		return o
	}
	inner := len(m.Trees[0].Feat)
	for inner+1 > 1<<o.Depth {
		o.Depth++
	}
	for _, t := range m.Trees {
		for l := range o.Depth {
			n := 1<<l - 1
			f, thr := t.Feat[n], t.Thr[n]
			if f < 0 { // no split: every row goes left
				f, thr = 0, math.Inf(1)
			}
			o.Feat = append(o.Feat, f)
			o.Thr = append(o.Thr, float32(thr))
		}
		o.Leaf = append(o.Leaf, t.Leaf...)
	}
	return o
}
