package matching

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestPredictLanesMatchPredict checks that eight rows evaluated side by
// side (AVX2 where the CPU has it, and the Go version) give predict's bits
// row by row: on rows of the committed model drawn at its thresholds, just
// around them, at random, NaN and ±Inf, and for ensembles of other depths
// and odd tree counts.
func TestPredictLanesMatchPredict(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 4))
	committed := DefaultTextModel().trees
	random := func(depth, trees, nf int) *obliviousTrees {
		o := &obliviousTrees{Base: rng.NormFloat64(), Depth: depth}
		for range trees * depth {
			o.Feat = append(o.Feat, int16(rng.IntN(nf)))
			o.Thr = append(o.Thr, float32(rng.NormFloat64()))
		}
		for range trees << depth {
			o.Leaf = append(o.Leaf, float32(rng.NormFloat64()))
		}
		return o
	}
	ensembles := []*obliviousTrees{committed, random(5, 1, 7), random(5, 2, 40), random(5, 13, 64), random(5, 0, 3), random(3, 9, 20), random(6, 4, 64)}
	for e, o := range ensembles {
		for rep := range 400 {
			var x [treeLanes * maxTreeFeatures]float32
			var rows [treeLanes][maxTreeFeatures]float32
			for j := range treeLanes {
				for f := range maxTreeFeatures {
					var v float32
					switch k := rng.IntN(10); {
					case k < 4 && len(o.Thr) > 0:
						v = o.Thr[rng.IntN(len(o.Thr))] // on a threshold: not greater
					case k < 6 && len(o.Thr) > 0:
						v = math.Nextafter32(o.Thr[rng.IntN(len(o.Thr))], float32(math.Inf(int(rng.IntN(2)*2-1))))
					case k == 6:
						v = []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), 0}[rng.IntN(4)]
					default:
						v = float32(rng.NormFloat64())
					}
					rows[j][f], x[f*treeLanes+j] = v, v
				}
			}
			var got [treeLanes]float64
			o.predictLanes(&x, &got)
			var zGo [2 * treeLanes]float32
			if o.Depth == 5 {
				predict5x8Go(o, &x, &zGo)
			}
			for j := range treeLanes {
				want := o.predict(&rows[j])
				if math.Float64bits(got[j]) != math.Float64bits(want) {
					t.Fatalf("ensemble %d, rep %d, row %d: lanes %v, predict %v", e, rep, j, got[j], want)
				}
				if o.Depth == 5 {
					if g := o.Base + float64(zGo[j]) + float64(zGo[treeLanes+j]); math.Float64bits(g) != math.Float64bits(want) {
						t.Fatalf("ensemble %d, rep %d, row %d: Go lanes %v, predict %v", e, rep, j, g, want)
					}
				}
			}
		}
	}
	t.Logf("AVX2: %v", haveAVX2)
}

// BenchmarkPredictLanes is the committed model on eight rows: one at a time
// (predict) and side by side (predictLanes).
func BenchmarkPredictLanes(b *testing.B) {
	o := DefaultTextModel().trees
	rng := rand.New(rand.NewPCG(1, 2))
	var x [treeLanes * maxTreeFeatures]float32
	var rows [treeLanes][maxTreeFeatures]float32
	for j := range treeLanes {
		for f := range maxTreeFeatures {
			v := rng.Float32()
			rows[j][f], x[f*treeLanes+j] = v, v
		}
	}
	b.Run("one", func(b *testing.B) {
		var s float64
		for b.Loop() {
			for j := range rows {
				s += o.predict(&rows[j])
			}
		}
		_ = s
	})
	b.Run("lanes", func(b *testing.B) {
		var out [treeLanes]float64
		for b.Loop() {
			o.predictLanes(&x, &out)
		}
	})
}
