//go:build !js

package matching

import (
	"context"
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// nonlinearRows are n rows of five uniform features and a target that is
// a nonlinear function of two of them (2·x1² + 3·[x3 > 0.5]) plus noise.
func nonlinearRows(r *rand.Rand, n int) ([][]float64, []float64) {
	X := make([][]float64, n)
	Y := make([]float64, n)
	for i := range X {
		X[i] = []float64{r.Float64(), r.Float64(), r.Float64(), r.Float64(), r.Float64()}
		Y[i] = 2*X[i][1]*X[i][1] + 0.1*r.NormFloat64()
		if X[i][3] > 0.5 {
			Y[i] += 3
		}
	}
	return X, Y
}

// TestGBDTFitsAndRoundTrips: the ensemble learns a nonlinear function of
// two of five features (the others noise) on held-out rows, and its JSON
// form predicts the same.
func TestGBDTFitsAndRoundTrips(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	X, Y := nonlinearRows(r, 3000)
	g := fitGBDT(X, Y, gbdtParams{Trees: 200, Depth: 3, Rate: 0.1, MinLeaf: 20, Bins: 64, Subsample: 0.8, L2: 1})
	TX, TY := nonlinearRows(r, 1000)
	var se, sv, mean float64
	for _, y := range TY {
		mean += y / float64(len(TY))
	}
	for i, x := range TX {
		d := g.predict(x) - TY[i]
		se += d * d
		sv += (TY[i] - mean) * (TY[i] - mean)
	}
	if r2 := 1 - se/sv; r2 < 0.95 {
		t.Errorf("held-out R² %.3f, want ≥ 0.95", r2)
	}
	b, err := json.Marshal(g)
	if err != nil {
		t.Fatal(err)
	}
	var back gbdt
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	for _, x := range TX[:100] {
		if a, c := g.predict(x), back.predict(x); math.Abs(a-c) > 1e-6 {
			t.Fatalf("prediction %v after JSON round trip, %v before", c, a)
		}
	}
	if empty := fitGBDT(nil, nil, defaultGBDTParams); empty.predict([]float64{1}) != 0 {
		t.Error("an ensemble fitted on nothing predicts 0")
	}
}

// TestObliviousTreesFitAndRoundTrip: oblivious trees (one split per
// level) learn the same nonlinear function on held-out rows, at depth 5 (the
// unrolled path) and 3 (the general one); the compact form predicts what
// the fitted ensemble predicts, survives JSON, and a malformed file is
// refused.
func TestObliviousTreesFitAndRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	X, Y := nonlinearRows(r, 3000)
	TX, TY := nonlinearRows(r, 1000)
	for _, depth := range []int{5, 3} {
		p := gbdtParams{Trees: 150, Depth: depth, Rate: 0.1, MinLeaf: 20, Bins: 64, Subsample: 0.8, L2: 1, Oblivious: true}
		g := fitGBDT(X, Y, p)
		o := g.oblivious()
		if o.Depth != depth || o.numTrees() != 150 {
			t.Fatalf("depth %d: compact form has depth %d, %d trees", depth, o.Depth, o.numTrees())
		}
		var se, sv, mean float64
		for _, y := range TY {
			mean += y / float64(len(TY))
		}
		var row [maxTreeFeatures]float32
		for i, x := range TX {
			for j, v := range x {
				row[j] = float32(v)
			}
			got := o.predict(&row)
			x32 := make([]float64, len(x))
			for j := range x {
				x32[j] = float64(row[j])
			}
			if want := g.predict(x32); math.Abs(got-want) > 1e-4 {
				t.Fatalf("depth %d: compact prediction %v, ensemble %v", depth, got, want)
			}
			d := got - TY[i]
			se += d * d
			sv += (TY[i] - mean) * (TY[i] - mean)
		}
		if r2 := 1 - se/sv; r2 < 0.95 {
			t.Errorf("depth %d: held-out R² %.3f, want ≥ 0.95", depth, r2)
		}
		b, err := json.Marshal(o)
		if err != nil {
			t.Fatal(err)
		}
		var back obliviousTrees
		if err := json.Unmarshal(b, &back); err != nil || back.validate(5) != nil {
			t.Fatalf("round trip: %v, %v", err, back.validate(5))
		}
		if a, c := o.predict(&row), back.predict(&row); a != c {
			t.Errorf("depth %d: %v after JSON, %v before", depth, c, a)
		}
		if o.validate(3) == nil {
			t.Errorf("an ensemble reading feature 4 validates for 3 features")
		}
	}
	bad := obliviousTrees{Depth: 2, Feat: []int16{0, 1}, Thr: []float32{0.5, 0.5}, Leaf: []float32{1, 2, 3}}
	if bad.validate(2) == nil {
		t.Error("an ensemble with too few leaves validates")
	}
}

// TestWordVectorsLearnCooccurrence: units that share contexts get closer
// vectors than units that never do, and the int8 file keeps them.
func TestWordVectorsLearnCooccurrence(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	sea := []string{"海", "波", "サーフボード", "砂浜", "ヨット"}
	food := []string{"皿", "料理", "フォーク", "野菜", "テーブル"}
	var sents []string
	for range 400 {
		topic := sea
		if r.IntN(2) == 0 {
			topic = food
		}
		var b strings.Builder
		for range 3 {
			b.WriteString(topic[r.IntN(len(topic))])
			b.WriteString("と")
		}
		sents = append(sents, b.String())
	}
	wv := fitWordVectors(sents, wordVecParams{Dim: 4, MinCount: 2, Smooth: 0.75, Seed: 1})
	back, err := decodeWordVectors(encodeWordVectors(wv))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []*wordVectors{wv, back} {
		cos := func(a, b string) float64 {
			ia, ok1 := w.Index[a]
			ib, ok2 := w.Index[b]
			if !ok1 || !ok2 {
				t.Fatalf("%s or %s not in the vocabulary %v", a, b, w.Words)
			}
			return dot32(w.vec(ia), w.vec(ib))
		}
		if in, out := cos("海", "波"), cos("海", "料理"); in <= out+0.2 {
			t.Errorf("cos(海,波) %.3f not above cos(海,料理) %.3f", in, out)
		}
		if in, out := cos("皿", "フォーク"), cos("サーフボード", "フォーク"); in <= out+0.2 {
			t.Errorf("cos(皿,フォーク) %.3f not above cos(サーフボード,フォーク) %.3f", in, out)
		}
	}
	if _, err := decodeWordVectors([]byte("nope")); err == nil {
		t.Error("a file that is not word vectors decodes")
	}
}

// TestTextModelOrdersPlainCases: the committed model loads and orders
// plain cases the way a reader would.
func TestTextModelOrdersPlainCases(t *testing.T) {
	t1 := []string{
		"二人の男性がジャンボジェット機を見ています。",
		"ボートがたくさん停泊しています。",
		"草原に沢山の羊達が座っています。",
		"男性が子供を抱き上げて立っています。",
		"川べりでサーフボードを持った人たちがいます。",
	}
	t2 := []string{
		"2人の男性が、白い飛行機を眺めています。",
		"ボートがたくさん停泊していません。",
		"草原に沢山の羊達が座っています。",
		"テーブルを囲みワインの品評会が行われています。",
		"トイレの壁に黒いタオルがかけられています。",
	}
	got, err := TextSimilarity(t1, t2)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%.3f", got)
	for i, v := range got {
		if v < 0 || v > 1 || math.IsNaN(v) {
			t.Fatalf("score %d = %v outside [0,1]", i, v)
		}
	}
	if got[2] != 1 {
		t.Errorf("identical sentences score %v, want 1", got[2])
	}
	if got[0] <= got[3] || got[0] <= got[4] {
		t.Errorf("paraphrase %.3f not above unrelated pairs %.3f, %.3f", got[0], got[3], got[4])
	}
	if got[1] >= 0.6 {
		t.Errorf("a sentence and its negation score %.3f, want < 0.6", got[1])
	}
	// Long descriptions, Japanese against English: the same product scores
	// above another one.
	long1 := strings.Repeat("心電図を解析するウェアラブル機器で、不整脈を早期に検出します。", 4)
	long2 := strings.Repeat("Wearable ECG patch that detects atrial fibrillation early. ", 4)
	long3 := strings.Repeat("A porous titanium knee implant that improves fixation to bone. ", 4)
	a, err := TextSimilarity([]string{long1, long1}, []string{long2, long3})
	if err != nil {
		t.Fatal(err)
	}
	if a[0] <= a[1] {
		t.Errorf("long ja/en pair of the same product %.3f, of different products %.3f", a[0], a[1])
	}
}

// TestOneTextModel: ranking's text value of a pair (accumulated over
// postings) is the text model's score of the two vectors, the function
// `pitchmatch similarity` and the portal preview call, wherever the pair
// shares a term a reason can name; 0 where it shares none.
func TestOneTextModel(t *testing.T) {
	d := loadDevSet(t)
	m := prepare(t, Input{Startups: d.Startups, Themes: d.Themes})
	checked := 0
	for _, th := range d.Themes[:3] {
		ti := m.themeIdx[th.ID]
		rs, err := m.RankTheme(context.Background(), th.ID, Filter{}, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rs {
			f, ok := r.Feature(FeatureText)
			if !ok || f.Unknown {
				continue
			}
			s := &m.startups[m.startupIdx[r.StartupID]]
			want := m.text.model.Score(s.text.vec, m.themes[ti].text.vec)
			if f.Value == 0 {
				continue
			}
			checked++
			if math.Abs(f.Value-want) > 1e-9 {
				t.Fatalf("%s/%s: ranking's text value %v, the model's score %v", th.ID, r.StartupID, f.Value, want)
			}
			p, err := m.RankProfile(context.Background(), s.src, Filter{}, 0)
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range p {
				if q.ThemeID == th.ID {
					if g, _ := q.Feature(FeatureText); math.Abs(g.Value-want) > 1e-9 {
						t.Fatalf("%s/%s: portal preview's text value %v, the model's score %v", th.ID, r.StartupID, g.Value, want)
					}
				}
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d pairs with a text value", checked)
	}
}

func TestTextSimilarityEdgeCases(t *testing.T) {
	got, err := TextSimilarity([]string{"心電図", "", "x"}, []string{"ECG monitoring", "", "x"})
	if err != nil || got[0] <= 0 || got[1] != 0 || math.Abs(got[2]-1) > 1e-5 {
		t.Errorf("TextSimilarity %v, %v", got, err)
	}
}

// BenchmarkSimilarity10k is `pitchmatch similarity` over 10,000 pairs of
// bilingual descriptions: the index fitted on the 20,000 texts, then the
// text model on every pair.
func BenchmarkSimilarity10k(b *testing.B) {
	r := rand.New(rand.NewPCG(9, 9))
	t1 := make([]string, 10000)
	t2 := make([]string, 10000)
	for i := range t1 {
		t1[i], t2[i] = randText(r, 1+r.IntN(4)).Joined(), randText(r, 1+r.IntN(4)).Joined()
	}
	benchSimilarity(b, t1, t2)
}

// benchSimilarity runs TextSimilarity on the pairs (t1[i], t2[i]) per
// iteration and reports its CPU time.
func benchSimilarity(b *testing.B, t1, t2 []string) {
	b.ReportAllocs()
	cpu := startCPU()
	for b.Loop() {
		if got, err := TextSimilarity(t1, t2); err != nil || len(got) != len(t1) {
			b.Fatal(len(got), err)
		}
	}
	cpu.report(b)
}

// BenchmarkSimilarity10kSentences is `pitchmatch similarity` over 10,000
// sentence pairs (the first of the JSTS training split): the text model
// on every pair.
func BenchmarkSimilarity10kSentences(b *testing.B) {
	ps := loadJSTS(b)[:10000]
	t1 := make([]string, len(ps))
	t2 := make([]string, len(ps))
	for i, p := range ps {
		t1[i], t2[i] = p.S1, p.S2
	}
	if _, err := TextSimilarity(t1[:1], t2[:1]); err != nil { // the model loads once per process
		b.Fatal(err)
	}
	benchSimilarity(b, t1, t2)
}

// BenchmarkTextModelPair is the text model on one pair whose per-kind
// measures are known (as ranking has them from its postings): features
// and trees.
func BenchmarkTextModelPair(b *testing.B) {
	ps := loadJSTS(b)[:2000]
	t1 := make([]string, len(ps))
	t2 := make([]string, len(ps))
	for i, p := range ps {
		t1[i], t2[i] = p.S1, p.S2
	}
	x, vecs := pairIndex(t1, t2, textOptions{}, nil)
	n := len(vecs) / 2
	st := make([]pairStats, n)
	for i := range n {
		st[i] = kindDots(vecs[i], vecs[n+i])
	}
	i := 0
	var s float64
	for b.Loop() {
		s += x.model.combine(&st[i%n], &vecs[i%n], &vecs[n+i%n])
		i++
	}
	_ = s
}

// TestSoftUnit: strictly increasing, inside (0,1), x itself on [ε, 1−ε],
// and continuous at the joins.
func TestSoftUnit(t *testing.T) {
	prev := -1.0
	for i := 0; i <= 40000; i++ {
		x := -10 + float64(i)*0.0005
		y := softUnit(x)
		if !(y > 0 && y < 1) || !(y > prev) {
			t.Fatalf("softUnit(%g) = %g after %g", x, y, prev)
		}
		if x >= 0.05 && x <= 0.95 && y != x {
			t.Fatalf("softUnit(%g) = %g", x, y)
		}
		prev = y
	}
	for _, j := range []float64{0.05, 0.95} {
		if d := math.Abs(softUnit(j-1e-12) - softUnit(j+1e-12)); d > 1e-9 {
			t.Errorf("jump %g at %g", d, j)
		}
	}
}
