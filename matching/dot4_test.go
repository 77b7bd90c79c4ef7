package matching

import (
	"math"
	"math/rand"
	"testing"
)

// TestDot32x4MatchesDot32: on random vectors of every length 0–300 (tails
// of 0–3 components, mixed magnitudes, exact zeros, tiny and huge
// values), dot32x4 gives bit for bit float32(dot32) for each of the four,
// and the lanes of the assembly equal the Go definition's.
func TestDot32x4MatchesDot32(t *testing.T) {
	rng := rand.New(rand.NewSource(16))
	val := func() float32 {
		switch rng.Intn(8) {
		case 0:
			return 0
		case 1:
			return float32(rng.NormFloat64() * 1e-30)
		case 2:
			return float32(rng.NormFloat64() * 1e20)
		}
		return float32(rng.NormFloat64())
	}
	for n := 0; n <= 300; n++ {
		for rep := 0; rep < 5; rep++ {
			a := make([]float32, n)
			for i := range a {
				a[i] = val()
			}
			var b [4][]float32
			for j := range b {
				b[j] = make([]float32, n+rng.Intn(3)) // longer than a is allowed
				for i := range b[j] {
					b[j][i] = val()
				}
			}
			got := dot32x4(a, &b)
			for j := range b {
				if want := float32(dot32(a, b[j])); math.Float32bits(got[j]) != math.Float32bits(want) {
					t.Fatalf("n=%d vector %d: %v, dot32 %v", n, j, got[j], want)
				}
			}
			if g := n / 4; g > 0 {
				var asm, def [16]float32
				dot4Lanes(&a[0], &b[0][0], &b[1][0], &b[2][0], &b[3][0], g, &asm)
				dot4LanesGo(a[:4*g], b[0][:4*g], b[1][:4*g], b[2][:4*g], b[3][:4*g], &def)
				for i := range asm {
					if math.Float32bits(asm[i]) != math.Float32bits(def[i]) {
						t.Fatalf("n=%d lane %d: %v, Go %v", n, i, asm[i], def[i])
					}
				}
			}
		}
	}
}

func BenchmarkDot32x4(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	a := make([]float32, 256)
	var v [4][]float32
	for j := range v {
		v[j] = make([]float32, 256)
		for i := range v[j] {
			v[j][i] = rng.Float32()
		}
	}
	for i := range a {
		a[i] = rng.Float32()
	}
	b.Run("dot32x4", func(b *testing.B) {
		for b.Loop() {
			_ = dot32x4(a, &v)
		}
	})
	b.Run("dot32 four times", func(b *testing.B) {
		for b.Loop() {
			for j := range v {
				_ = dot32(a, v[j])
			}
		}
	})
}
