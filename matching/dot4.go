package matching

// dot32x4 is float32(dot32(a, b[j])) for four vectors b[j] at once, with
// exactly dot32's arithmetic (four float32 lanes over the groups of four
// components, the rest added to lane 0, then (s0+s1)+(s2+s3)), so the
// results are bit for bit dot32's: the bulk scoring loop computes a
// startup's mean-vector cosines with every theme four themes at a time
// (independent sums hide the latency one sum waits on), and every other
// path still calls dot32. Each b[j] is at least as long as a.
func dot32x4(a []float32, b *[4][]float32) (out [4]float32) {
	n := len(a)
	b0, b1, b2, b3 := b[0][:n], b[1][:n], b[2][:n], b[3][:n]
	var lanes [16]float32 // vector j's four lane sums at [4j:4j+4]
	groups := n / 4
	if groups > 0 {
		dot4Lanes(&a[0], &b0[0], &b1[0], &b2[0], &b3[0], groups, &lanes)
	}
	for j, bj := range [4][]float32{b0, b1, b2, b3} {
		s := lanes[4*j : 4*j+4 : 4*j+4]
		s0 := s[0]
		for i := groups * 4; i < n; i++ {
			s0 += a[i] * bj[i]
		}
		out[j] = (s0 + s[1]) + (s[2] + s[3])
	}
	return out
}

// dot4LanesGo is dot4Lanes in Go: lanes[4j+l] = Σ over groups g of
// a[4g+l]·bj[4g+l], in order of g, in float32.
func dot4LanesGo(a, b0, b1, b2, b3 []float32, lanes *[16]float32) {
	for j, b := range [4][]float32{b0, b1, b2, b3} {
		var s0, s1, s2, s3 float32
		for i := 0; i+4 <= len(a); i += 4 {
			s0 += a[i] * b[i]
			s1 += a[i+1] * b[i+1]
			s2 += a[i+2] * b[i+2]
			s3 += a[i+3] * b[i+3]
		}
		lanes[4*j], lanes[4*j+1], lanes[4*j+2], lanes[4*j+3] = s0, s1, s2, s3
	}
}
