package matching

import (
	"pitchmatch/event"
	"slices"
	"testing"
)

func TestDbgDense(t *testing.T) {
	d := loadDevSet(t)
	var t1, t2 []string
	for _, th := range d.Themes[:4] {
		for _, s := range d.Startups {
			t1, t2 = append(t1, startupText(s)), append(t2, themeText(th))
		}
	}
	_, vecs := pairIndex(t1, t2, textOptions{}, nil)
	n := len(vecs) / 2
	var k0, k1, c0, c1 []float64
	for i := range n {
		a, b := vecs[i].info, vecs[n+i].info
		if a == nil || b == nil {
			continue
		}
		k0 = append(k0, float64(a.known[0]))
		k1 = append(k1, float64(a.known[1]))
		if a.mean[0] != nil && b.mean[0] != nil {
			c0 = append(c0, dot32(a.mean[0], b.mean[0]))
		}
		if a.mean[1] != nil && b.mean[1] != nil {
			c1 = append(c1, dot32(a.mean[1], b.mean[1]))
		}
	}
	q := func(x []float64) []float64 {
		slices.Sort(x)
		return []float64{x[len(x)/10], x[len(x)/2], x[9*len(x)/10]}
	}
	t.Logf("dev: known word %v bigram %v; cos word %v bigram %v", q(k0), q(k1), q(c0), q(c1))
	ps := loadJSTS(t)[:3000]
	t1, t2 = nil, nil
	for _, p := range ps {
		t1, t2 = append(t1, p.S1), append(t2, p.S2)
	}
	_, vecs = pairIndex(t1, t2, textOptions{}, nil)
	n = len(vecs) / 2
	k0, k1, c0, c1 = nil, nil, nil, nil
	for i := range n {
		a, b := vecs[i].info, vecs[n+i].info
		k0 = append(k0, float64(a.known[0]))
		k1 = append(k1, float64(a.known[1]))
		if a.mean[0] != nil && b.mean[0] != nil {
			c0 = append(c0, dot32(a.mean[0], b.mean[0]))
		}
		if a.mean[1] != nil && b.mean[1] != nil {
			c1 = append(c1, dot32(a.mean[1], b.mean[1]))
		}
	}
	t.Logf("jsts: known word %v bigram %v; cos word %v bigram %v", q(k0), q(k1), q(c0), q(c1))
}

func TestDbgKnee(t *testing.T) {
	th := themeText(&event.Theme{Title: event.Text{En: "AI ECG patch"}, Description: event.Text{En: ecgStartup().ProductSummary.En}})
	knee := orthoStartup()
	knee.ProductName.Ja, knee.ProductSummary.Ja = "", ""
	ja := ecgStartup()
	ja.ProductName, ja.ProductSummary.En = event.Text{Ja: ja.ProductName.Ja}, ""
	x, vecs := pairIndex([]string{startupText(knee), startupText(ja)}, []string{th, th}, textOptions{}, nil)
	for i := range 2 {
		st := kindDots(vecs[i], vecs[2+i])
		var f [maxTreeFeatures]float32
		x.model.features(&st, &vecs[i], &vecs[2+i], &f)
		t.Logf("%d kinds %08b %08b score %.3f feats %.2f", i, vecs[i].kinds, vecs[2+i].kinds, x.model.Score(vecs[i], vecs[2+i]), f[:numTextFeatures])
	}
}

func TestDbgProbe(t *testing.T) {
	th := themeText(&event.Theme{Title: event.Text{En: "AI ECG patch"}, Description: event.Text{En: ecgStartup().ProductSummary.En}})
	knee := orthoStartup()
	knee.ProductName.Ja, knee.ProductSummary.Ja = "", ""
	x, vecs := pairIndex([]string{startupText(knee)}, []string{th}, textOptions{}, nil)
	st := kindDots(vecs[0], vecs[1])
	var f [maxTreeFeatures]float32
	x.model.features(&st, &vecs[0], &vecs[1], &f)
	base := x.model.trees.predict(&f)
	t.Logf("base %.3f floor %.3f", base, x.model.floor)
	for j := range numTextFeatures {
		g := f
		g[j] = 0
		if j >= 28 && j <= 29 {
			g[j] = 20
		}
		if d := x.model.trees.predict(&g) - base; d*d > 0.0004 {
			t.Logf("feature %d (%.2f): %+.3f", j, f[j], d)
		}
	}
}
