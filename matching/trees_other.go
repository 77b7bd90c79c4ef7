//go:build !amd64

package matching

// predict5x8 is predict5x8Go where there is no assembly version.
func predict5x8(o *obliviousTrees, x *[treeLanes * maxTreeFeatures]float32, z *[16]float32) {
	predict5x8Go(o, x, z)
}

// haveAVX2 is false: there is no assembly version here.
const haveAVX2 = false
