//go:build !js

// The fits are left out of the WASM build: the portal only scores.

package matching

import "slices"

// textTreeParams are the settings of the text model's ensemble: 50
// oblivious trees of depth 5 are 250 comparisons per pair.
var textTreeParams = gbdtParams{Trees: 50, Depth: 5, Rate: 0.15, MinLeaf: 50, Bins: 64, Subsample: 0.7, L2: 5, Oblivious: true}

// fitTextVectors learns the model's two vector sets from sentences: words
// and single kanji (textUnits), and character bigrams (gramUnits).
func fitTextVectors(sentences []string) [numVectorSets]*wordVectors {
	gp := defaultWordVecParams
	gp.Bigrams, gp.MinCount = true, 3
	return [numVectorSets]*wordVectors{fitWordVectors(sentences, defaultWordVecParams), fitWordVectors(sentences, gp)}
}

// textRows are the model's inputs for the pairs (texts1[i], texts2[i]),
// with an index fitted on those texts (as TextSimilarity fits it) and the
// vectors of m; fit[i] is false for a pair the rules score (nothing
// shared: 0; the same text: 1), which the trees never see. dense[i][k] is
// the pair's mean-vector cosine and known share in set k (denseCos).
func textRows(texts1, texts2 []string, m *TextModel) (rows [][]float64, fit []bool, dense [][numVectorSets][2]float32) {
	_, vecs := pairIndex(texts1, texts2, textOptions{}, m)
	n := len(vecs) / 2
	rows = make([][]float64, n)
	fit = make([]bool, n)
	dense = make([][numVectorSets][2]float32, n)
	parallelFor(n, func(i int) {
		st := kindDots(vecs[i], vecs[n+i])
		var x [maxTreeFeatures]float32
		ok, same := m.features(&st, &vecs[i], &vecs[n+i], &x)
		fit[i] = ok && !same
		row := make([]float64, numTextFeatures)
		for j := range row {
			row[j] = float64(x[j])
		}
		rows[i] = row
		if ok {
			for k := range numVectorSets {
				c, kn := denseCos(vecs[i].info, vecs[n+i].info, k)
				dense[i][k] = [2]float32{c, kn}
			}
		}
	})
	return rows, fit, dense
}

// fitTextTrees fits m's imputation of the mean-vector cosines (least
// squares through the origin on the pairs the vectors cover well) and its ensemble, on rows
// with ratings y (0–5); rows are updated to the imputation.
func fitTextTrees(m *TextModel, rows [][]float64, dense [][numVectorSets][2]float32, y []float64, p gbdtParams) {
	for k := range numVectorSets {
		// Through the origin: texts that share nothing give no evidence
		// that their vectors would agree.
		var sxx, sxy, n float64
		for i, r := range rows {
			if d := dense[i][k]; d[1] >= 0.9 {
				x, v := r[fAggCos], float64(d[0])
				sxx, sxy, n = sxx+x*x, sxy+x*v, n+1
			}
		}
		if n >= 10 && sxx > 0 {
			m.impute[k] = [2]float32{0, float32(sxy / sxx)}
		}
		for i, r := range rows {
			r[fVecCos+k] = float64(m.vecFeature(k, dense[i][k][0], dense[i][k][1], r[fAggCos]))
		}
	}
	p.Oblivious = true
	m.trees = fitGBDT(rows, y, p).oblivious()
	// The floor: the prediction for two texts of median length that share
	// nothing, as the model sees them (no overlap, vector cosines imputed
	// at no overlap).
	var x [maxTreeFeatures]float32
	for _, j := range []int{fKindsBoth, fCharsMin, fCharsMax} {
		col := make([]float64, len(rows))
		for i, r := range rows {
			col[i] = r[j]
		}
		slices.Sort(col)
		if len(col) > 0 {
			x[j] = float32(col[len(col)/2])
		}
	}
	x[fCharsDiff] = (x[fCharsMax] - x[fCharsMin]) / max(1, x[fCharsMax])
	for k := range numVectorSets {
		x[fVecCos+k] = m.vecFeature(k, 0, 0, 0)
	}
	m.floor = float32(min(max(m.trees.predict(&x), 0), 3.9))
	// The ceiling: the 98th percentile of the predictions for the training
	// pairs (the trees never predict a perfect 5).
	pred := make([]float64, len(rows))
	for i, r := range rows {
		for j, v := range r {
			x[j] = float32(v)
		}
		pred[i] = m.trees.predict(&x)
	}
	slices.Sort(pred)
	m.ceil = 5
	if len(pred) > 0 {
		m.ceil = float32(min(max(pred[len(pred)*49/50], float64(m.floor)+1), 5))
	}
}
