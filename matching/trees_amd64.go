package matching

import "golang.org/x/sys/cpu"

// predict5x8AVX2 evaluates trees oblivious trees of depth 5 (feat, thr: five
// per tree; leaf: 32 per tree) on eight rows at once: x is feature-major,
// feature f of row j at x[8f+j]. Row j's sum over the even trees lands in
// z[j], over the odd ones in z[8+j], each added in tree order in float32,
// exactly predict5's arithmetic.
//
//go:noescape
func predict5x8AVX2(x *float32, feat *int16, thr *float32, leaf *float32, trees int, z *[16]float32)

// haveAVX2 reports whether predict5x8AVX2 can run here.
var haveAVX2 = cpu.X86.HasAVX2

// predict5x8 is predict5x8Go with AVX2 where the CPU has it.
func predict5x8(o *obliviousTrees, x *[treeLanes * maxTreeFeatures]float32, z *[16]float32) {
	if !haveAVX2 {
		predict5x8Go(o, x, z)
		return
	}
	n := o.numTrees()
	if n == 0 {
		*z = [16]float32{}
		return
	}
	predict5x8AVX2(&x[0], &o.Feat[0], &o.Thr[0], &o.Leaf[0], n, z)
}
