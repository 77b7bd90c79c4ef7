//go:build !js

package matching

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat"
)

// JSTS (JGLUE) training split, read from the shared data directory beside
// the repository; PITCHMATCH_JSTS names another copy. Licence CC BY-SA 4.0.
const jstsDefaultPath = "../../shared/data/jsts/train-v1.3.json"

type jstsPair struct {
	S1    string  `json:"sentence1"`
	S2    string  `json:"sentence2"`
	Label float64 `json:"label"`
}

func loadJSTS(tb testing.TB) []jstsPair {
	tb.Helper()
	path := os.Getenv("PITCHMATCH_JSTS")
	if path == "" {
		path = jstsDefaultPath
	}
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("JSTS not available (%v); set PITCHMATCH_JSTS", err)
	}
	defer f.Close()
	var ps []jstsPair
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for n := 1; sc.Scan(); n++ {
		var p jstsPair
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			tb.Fatalf("%s line %d: %v", path, n, err)
		}
		ps = append(ps, p)
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return ps
}

// spearman is Spearman's rho: Pearson's correlation of the ranks, ties
// sharing their mean rank.
func spearman(x, y []float64) float64 {
	return stat.Correlation(ranks(x), ranks(y), nil)
}

func ranks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int {
		switch {
		case x[a] < x[b]:
			return -1
		case x[a] > x[b]:
			return 1
		}
		return 0
	})
	r := make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i + 1
		for j < len(idx) && x[idx[j]] == x[idx[i]] {
			j++
		}
		mean := float64(i+j-1)/2 + 1
		for k := i; k < j; k++ {
			r[idx[k]] = mean
		}
		i = j
	}
	return r
}

// jstsGroupFolds assigns pairs to k folds by connected component of the
// sentence graph: two pairs that share a sentence, on either side, are in
// the same fold, so no held-out sentence was seen in training.
func jstsGroupFolds(ps []jstsPair, k int) []int {
	par := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		p, ok := par[x]
		if !ok {
			par[x] = x
			return x
		}
		if p == x {
			return x
		}
		r := find(p)
		par[x] = r
		return r
	}
	for _, p := range ps {
		if a, b := find(p.S1), find(p.S2); a != b {
			par[a] = b
		}
	}
	out := make([]int, len(ps))
	for i, p := range ps {
		out[i] = int(hashString(0, find(p.S1)) % uint64(k))
	}
	return out
}

// sentenceGBDTParams are the settings of the sentence-pair ensemble.
var sentenceGBDTParams = gbdtParams{Trees: 400, Depth: 5, Rate: 0.03, MinLeaf: 50, Bins: 64, Subsample: 0.7, L2: 5}

// jstsBatches computes pairFeatures fold by fold, each fold's batch with
// the text index and IDF fitted on that fold's texts only (as
// `pitchmatch similarity` fits them on its input).
func jstsBatches(ps []jstsPair, fold []int, k int, wv sentenceVectors) [][]float64 {
	out := make([][]float64, len(ps))
	for f := range k {
		var idx []int
		var t1, t2 []string
		for i, p := range ps {
			if fold[i] == f {
				idx = append(idx, i)
				t1, t2 = append(t1, p.S1), append(t2, p.S2)
			}
		}
		for j, row := range pairFeatures(t1, t2, wv) {
			out[idx[j]] = row
		}
	}
	return out
}

// fitSentenceModel fits the word vectors on the sentences of the pairs
// with train[i] set and the ensemble on their ratings; feats are computed
// with those vectors.
func fitSentenceModel(ps []jstsPair, fold []int, k int, train func(i int) bool) (sentenceVectors, [][]float64, *gbdt) {
	var sents []string
	for i, p := range ps {
		if train(i) {
			sents = append(sents, p.S1, p.S2)
		}
	}
	gp := defaultWordVecParams
	gp.Bigrams, gp.MinCount = true, 3
	wv := sentenceVectors{fitWordVectors(sents, defaultWordVecParams), fitWordVectors(sents, gp)}
	feats := jstsBatches(ps, fold, k, wv)
	var X [][]float64
	var Y []float64
	for i := range ps {
		if train(i) {
			X = append(X, feats[i])
			Y = append(Y, ps[i].Label)
		}
	}
	return wv, feats, fitGBDT(X, Y, sentenceGBDTParams)
}

// BenchmarkJSTS reports Spearman's rho on the JSTS training split for
// `pitchmatch similarity` (TextSimilarity), by 5-fold cross-validation with
// folds grouped by sentence (jstsGroupFolds): for each fold, the word
// vectors are fitted on the other folds' sentences and the ensemble on
// their ratings, and the fold is scored as unseen input (its own IDF, its
// own text index). Every fitted part is inside the folds. The plain
// character 1–2-gram TF-IDF cosine is measured on the same folds; the
// committed model (fitted on all pairs: in-sample) is reported beside.
//
//	go test -run='^$' -bench='JSTS$' -benchtime=1x ./matching/
func BenchmarkJSTS(b *testing.B) {
	ps := loadJSTS(b)
	labels := make([]float64, len(ps))
	for i, p := range ps {
		labels[i] = p.Label
	}
	const k = 5
	fold := jstsGroupFolds(ps, k)
	if v := os.Getenv("PITCHMATCH_JSTS_GBDT"); v != "" { // for trying settings
		p := &sentenceGBDTParams
		fmt.Sscan(v, &p.Trees, &p.Depth, &p.Rate, &p.MinLeaf, &p.Subsample, &p.L2)
		b.Logf("ensemble settings %+v", *p)
	}
	for b.Loop() {
		held := make([]float64, len(ps))
		raw := make([]float64, len(ps))
		base := make([]float64, len(ps))
		var perFold float64
		for f := range k {
			_, feats, g := fitSentenceModel(ps, fold, k, func(i int) bool { return fold[i] != f })
			var idx []int
			var t1, t2 []string
			var X [][]float64
			for i, p := range ps {
				if fold[i] == f {
					idx = append(idx, i)
					t1, t2 = append(t1, p.S1), append(t2, p.S2)
					X = append(X, feats[i])
				}
			}
			sc := sentenceScores(t1, t2, X, g)
			bs := plainCharTFIDF(t1, t2)
			ys := make([]float64, len(idx))
			for j, i := range idx {
				held[i], base[i], ys[j] = sc[j], bs[j], labels[i]
				raw[i] = g.predict(X[j])
			}
			perFold += spearman(sc, ys) / k
		}
		cv, bl := spearman(held, labels), spearman(base, labels)
		b.Logf("raw ensemble predictions (no rules): rho %.4f", spearman(raw, labels))
		b.ReportMetric(cv, "rho_cv5")
		b.ReportMetric(bl, "rho_baseline_char12")
		b.Logf("5-fold CV (grouped by sentence): pooled rho %.4f, mean per fold %.4f; char 1-2-gram TF-IDF baseline %.4f", cv, perFold, bl)
		t1 := make([]string, len(ps))
		t2 := make([]string, len(ps))
		for i, p := range ps {
			t1[i], t2[i] = p.S1, p.S2
		}
		got, err := TextSimilarity(t1, t2)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(spearman(got, labels), "rho_committed_insample")
		if cv <= bl {
			b.Errorf("cross-validated rho %.4f is not above the baseline %.4f", cv, bl)
		}
		if cv < 0.78 {
			b.Errorf("cross-validated rho %.4f is below the issue's target 0.78", cv)
		}
	}
}

// TestWriteSentenceModel writes the committed sentence-pair model
// (textmodel/wordvec.bin, textmodel/pairmodel.json) from the JSTS training
// split, by the procedure BenchmarkJSTS cross-validates, fitted on all pairs:
//
//	PITCHMATCH_WRITE_TEXTMODEL=1 go test -run WriteSentenceModel ./matching/
func TestWriteSentenceModel(t *testing.T) {
	if os.Getenv("PITCHMATCH_WRITE_TEXTMODEL") == "" {
		t.Skip("set PITCHMATCH_WRITE_TEXTMODEL=1 to refit the committed sentence-pair model")
	}
	ps := loadJSTS(t)
	const k = 5
	wv, _, g := fitSentenceModel(ps, jstsGroupFolds(ps, k), k, func(int) bool { return true })
	js, err := json.Marshal(g)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("textmodel/wordvec.bin", encodeWordVectors(wv[0]), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("textmodel/gramvec.bin", encodeWordVectors(wv[1]), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("textmodel/pairmodel.json", js, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d word and %d bigram vectors of %d dimensions, %d trees", len(wv[0].Words), len(wv[1].Words), wv[0].Dim, len(g.Trees))
}

// BenchmarkJSTSRankingModel reports the same for the ranking's TextModel
// (the 31 parameters ranking and the portal combine per-kind cosines with;
// DefaultTextModel): every single signal, the committed coefficients
// (fitted on all pairs: in-sample) and the model refitted by 5-fold
// cross-validation with folds grouped by sentence. It prints the fit on
// all pairs, which is what DefaultTextModel holds.
//
//	go test -run='^$' -bench=JSTSRankingModel -benchtime=1x ./matching/
func BenchmarkJSTSRankingModel(b *testing.B) {
	ps := loadJSTS(b)
	t1 := make([]string, len(ps))
	t2 := make([]string, len(ps))
	labels := make([]float64, len(ps))
	for i, p := range ps {
		t1[i], t2[i], labels[i] = p.S1, p.S2, p.Label
	}
	for b.Loop() {
		pairs := jstsSignals(t1, t2, labels, textOptions{})
		for k := range numKinds {
			x := make([]float64, len(pairs))
			for i, p := range pairs {
				x[i] = p.st[3*k]
			}
			b.Logf("signal %-9s cosine alone: rho %.4f", kindNames[k], spearman(x, labels))
		}
		committed := spearman(scoreAll(DefaultTextModel(), pairs), labels)
		b.ReportMetric(committed, "rho_committed_insample")
		cv, perFold := crossValidateText(b, pairs, labels, jstsGroupFolds(ps, 5), 5)
		b.ReportMetric(cv, "rho_cv5")
		b.Logf("5-fold CV: pooled rho %.4f, per fold %.4f", cv, perFold)
		all, err := fitTextModel(pairs)
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("fit on all pairs: kind weights %v coef %#v (rho %.4f)", fmtWeights(all), all.Coef, spearman(scoreAll(all, pairs), labels))
	}
}

func fmtWeights(m *TextModel) string {
	s := ""
	for k := range numKinds {
		s += fmt.Sprintf("%s=%.4f ", kindNames[k], m.KindWeights[k])
	}
	return s
}

// jstsSignals computes the per-kind cosines of each pair with one index
// fitted on all the texts (as TextSimilarity does).
func jstsSignals(t1, t2 []string, labels []float64, opt textOptions) []textPair {
	n := len(t1)
	docs := append(slices.Clone(t1), t2...)
	tfs := analyzeAll(docs, &opt)
	x := fitIndex(tfs, opt, nil)
	pairs := make([]textPair, n)
	parallelFor(n, func(i int) {
		st, both := kindDots(x.vectorOf(tfs[i]), x.vectorOf(tfs[n+i]))
		pairs[i] = textPair{st: st, both: both, label: labels[i] / 5}
	})
	return pairs
}

func scoreAll(m *TextModel, pairs []textPair) []float64 {
	out := make([]float64, len(pairs))
	for i := range pairs {
		out[i] = m.combine(&pairs[i].st, pairs[i].both)
	}
	return out
}

// crossValidateText fits on k-1 folds and scores the held-out one; it
// returns the rho of all held-out scores pooled and the mean rho per fold.
func crossValidateText(tb testing.TB, pairs []textPair, labels []float64, fold []int, k int) (pooled, mean float64) {
	held := make([]float64, len(pairs))
	for f := range k {
		var train []textPair
		var testIdx []int
		for i, p := range pairs {
			if fold[i] == f {
				testIdx = append(testIdx, i)
			} else {
				train = append(train, p)
			}
		}
		m, err := fitTextModel(train)
		if err != nil {
			tb.Fatal(err)
		}
		xs := make([]float64, len(testIdx))
		ys := make([]float64, len(testIdx))
		for j, i := range testIdx {
			held[i] = m.combine(&pairs[i].st, pairs[i].both)
			xs[j], ys[j] = held[i], labels[i]
		}
		mean += spearman(xs, ys) / float64(k)
	}
	return spearman(held, labels), mean
}
