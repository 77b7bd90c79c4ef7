//go:build !js

// The fits need gonum/optimize, which the browser portal does not: they
// are left out of the WASM build.

package matching

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/optimize"
)

// textFitPrior is the L2 penalty on the log kind weights (toward equal
// weights) and on the coefficients.
const textFitPrior = 1e-4

// fitTextModel fits the kind weights and coefficients by least squares of
// the score against the ratings, with a small L2 penalty, using
// gonum/optimize (BFGS; gradients by finite differences from gonum/diff/fd).
// The kind weights are fitted in log space so they stay positive.
func fitTextModel(pairs []textPair) (*TextModel, error) {
	if len(pairs) < 10 {
		return nil, errors.New("text model: fewer than 10 rated pairs")
	}
	const np = numKinds + numTextTerms
	unpack := func(x []float64) *TextModel {
		m := &TextModel{}
		for k := range numKinds {
			m.KindWeights[k] = math.Exp(x[k])
		}
		copy(m.Coef[:], x[numKinds:])
		return m
	}
	n := float64(len(pairs))
	loss := func(x []float64) float64 {
		m := unpack(x)
		var f float64
		for i := range pairs {
			r := -pairs[i].label
			if t, ok := m.terms(&pairs[i].st, pairs[i].both); ok {
				r += m.raw(&t)
			}
			f += r * r
		}
		f /= n
		for _, v := range x {
			f += textFitPrior * v * v
		}
		return f
	}
	prob := optimize.Problem{
		Func: loss,
		Grad: func(grad, x []float64) { fd.Gradient(grad, loss, x, &fd.Settings{Formula: fd.Central}) },
	}
	x0 := make([]float64, np)
	x0[numKinds], x0[numKinds+1] = -3, 6 // start near a plain cosine
	res, err := optimize.Minimize(prob, x0, &optimize.Settings{GradientThreshold: 1e-6, MajorIterations: 200}, &optimize.BFGS{})
	if res == nil {
		return nil, fmt.Errorf("text model fit: %w", err)
	}
	return unpack(res.X).withBounds(), nil
}
