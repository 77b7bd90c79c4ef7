package matching

// dot4Lanes computes dot4LanesGo's lane sums over groups groups of four
// components with SSE (MULPS, ADDPS: the same float32 rounding per lane
// as the scalar code; no fused multiply-add).
//
//go:noescape
func dot4Lanes(a, b0, b1, b2, b3 *float32, groups int, lanes *[16]float32)
