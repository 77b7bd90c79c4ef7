package embed

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
	"gonum.org/v1/gonum/mat"
	"pitchmatch/internal/cputime"
)

func randVecs(r *rand.Rand, n, d int) [][]float32 {
	out := make([][]float32, n)
	for i := range out {
		v := make([]float32, d)
		for j := range v {
			v[j] = float32(r.NormFloat64())
		}
		out[i] = v
	}
	return out
}

func TestCosine(t *testing.T) {
	tests := []struct {
		name string
		a, b []float32
		want float64
	}{
		{"same", []float32{1, 2, 3}, []float32{1, 2, 3}, 1},
		{"scaled", []float32{1, 2, 3}, []float32{2, 4, 6}, 1},
		{"opposite", []float32{1, 0}, []float32{-3, 0}, -1},
		{"orthogonal", []float32{1, 0}, []float32{0, 5}, 0},
		{"45 degrees", []float32{1, 0}, []float32{1, 1}, 1 / math.Sqrt2},
		{"zero vector", []float32{0, 0}, []float32{1, 1}, 0},
		{"length mismatch", []float32{1, 0}, []float32{1, 0, 0}, 0},
		{"empty", nil, nil, 0},
	}
	for _, tt := range tests {
		if got := Cosine(tt.a, tt.b); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%s: Cosine = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestCosineMatrixMatchesCosine checks the one-multiply matrix against the
// pairwise definition on random instances, zero rows included.
func TestCosineMatrixMatchesCosine(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 20; trial++ {
		n, m, d := 1+r.IntN(30), 1+r.IntN(30), 1+r.IntN(64)
		if trial%4 == 0 { // several tiles each way, ragged edges
			n, m, d = 37+r.IntN(20), 130+r.IntN(100), 300+r.IntN(50)
		}
		a, b := randVecs(r, n, d), randVecs(r, m, d)
		a[r.IntN(n)] = make([]float32, d) // a zero row
		c := CosineMatrix(a, b)
		if rr, cc := c.Dims(); rr != n || cc != m {
			t.Fatalf("dims %d×%d, want %d×%d", rr, cc, n, m)
		}
		for i := range a {
			for j := range b {
				if got, want := c.At(i, j), Cosine(a[i], b[j]); math.Abs(got-want) > 1e-5 {
					t.Fatalf("trial %d (%d,%d): matrix %v, pairwise %v", trial, i, j, got, want)
				}
			}
		}
	}
	if CosineMatrix(nil, randVecs(r, 2, 3)) != nil {
		t.Error("CosineMatrix with no rows should be nil")
	}
}

func TestCosineMatrixRejectsMixedLengths(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic for vectors of different lengths")
		}
	}()
	CosineMatrix([][]float32{{1, 2}}, [][]float32{{1, 2, 3}})
}

// BenchmarkCosine10000x1000x1536 is the design target: 10,000 startup-side
// vectors against 1,000 theme-side vectors of 1,536 dimensions (OpenAI
// text-embedding-3-small) in under 3 s, conversion and normalisation
// included.
func BenchmarkCosine10000x1000x1536(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	x, y := randVecs(r, 10000, 1536), randVecs(r, 1000, 1536)
	b.ReportAllocs()
	b.ResetTimer()
	start := cputime.Used()
	for b.Loop() {
		c := CosineMatrix(x, y)
		if v := c.At(0, 0); v < -1 || v > 1 {
			b.Fatal(v)
		}
	}
	reportCPU(b, start)
}

// BenchmarkCosine10000x1000x1536Float64 is the same product done the
// plain way, float64 rows and mat.Dense.Mul (Dgemm), kept to show why
// CosineMatrix multiplies in float32.
func BenchmarkCosine10000x1000x1536Float64(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	x, y := randVecs(r, 10000, 1536), randVecs(r, 1000, 1536)
	unit := func(vs [][]float32) *mat.Dense {
		d := len(vs[0])
		data := make([]float64, len(vs)*d)
		for i, v := range vs {
			var n float64
			for _, f := range v {
				n += float64(f) * float64(f)
			}
			inv := 1 / math.Sqrt(n)
			for j, f := range v {
				data[i*d+j] = float64(f) * inv
			}
		}
		return mat.NewDense(len(vs), d, data)
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := cputime.Used()
	for b.Loop() {
		var c mat.Dense
		c.Mul(unit(x), unit(y).T())
		if v := c.At(0, 0); v < -1.000001 || v > 1.000001 {
			b.Fatal(v)
		}
	}
	reportCPU(b, start)
}

// BenchmarkCosine10000x1000x1536Sgemm is the same product through gonum's
// float32 GEMM (A·Bᵀ in one Sgemm call), kept to show why CosineMatrix tiles
// full-length dot products instead.
func BenchmarkCosine10000x1000x1536Sgemm(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	x, y := randVecs(r, 10000, 1536), randVecs(r, 1000, 1536)
	b.ReportAllocs()
	b.ResetTimer()
	start := cputime.Used()
	for b.Loop() {
		A, B := unitRows32(x, 1536), unitRows32(y, 1536)
		C := make([]float32, 10000*1000)
		gonum.Implementation{}.Sgemm(blas.NoTrans, blas.Trans, 10000, 1000, 1536, 1, A, 1536, B, 1536, 0, C, 1000)
		out := mat.NewDense(10000, 1000, nil)
		raw := out.RawMatrix().Data
		for i, v := range C {
			raw[i] = clamp(float64(v))
		}
	}
	reportCPU(b, start)
}
