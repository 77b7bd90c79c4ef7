package matching

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestOverlapMatchesFormula checks overlap, which reads √(k/n) from a
// table for small sets, against its formula bit for bit, on random sets of
// up to 130 codes (three words; beyond the table too).
func TestOverlapMatchesFormula(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 16))
	set := func() codeSet {
		var s codeSet
		n, span := rng.IntN(24), 1+rng.IntN(130)
		for range n {
			s = s.with(rng.IntN(span))
		}
		return s
	}
	for range 20000 {
		a, b := set(), set()
		want := 0.0
		if ns, nt, k := a.count(), b.count(), float64(interCount(a, b)); ns > 0 && nt > 0 && k > 0 {
			want = clamp01(max(unknownPrior, k/float64(ns)*math.Sqrt(k/float64(nt))))
		}
		if got := overlap(a, b); math.Float64bits(got) != math.Float64bits(want) {
			t.Fatalf("overlap(%v, %v) = %v, formula %v", a, b, got, want)
		}
	}
}
