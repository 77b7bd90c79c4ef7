package matching

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
)

type parallelPair struct {
	ID    string `json:"id"`
	Text1 string `json:"text1"`
	Text2 string `json:"text2"`
}

func loadParallel(t testing.TB) []parallelPair {
	return loadParallelFile(t, "testdata/parallel_ja_en.jsonl")
}

func loadParallelFile(t testing.TB, path string) []parallelPair {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var ps []parallelPair
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var p parallelPair
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	return ps
}

// crossLingual measures, on hand-written ja/en translations of the same
// product descriptions, the mean cosine of translation pairs, the mean
// cosine of non-translations, and how often the translation is the most
// similar English text for a Japanese one (top-1 retrieval).
func crossLingual(ps []parallelPair, opt textOptions) (matched, unmatched, top1 float64) {
	var docs []string
	for _, p := range ps {
		docs = append(docs, p.Text1, p.Text2)
	}
	x := newTextIndex(docs, opt, nil)
	ja := make([]SparseVector, len(ps))
	en := make([]SparseVector, len(ps))
	for i, p := range ps {
		ja[i], en[i] = x.Vector(p.Text1), x.Vector(p.Text2)
	}
	hits, nUn := 0, 0
	for i := range ps {
		best, bestJ := -1.0, -1
		for j := range ps {
			c := x.model.Score(ja[i], en[j])
			if i == j {
				matched += c
			} else {
				unmatched += c
				nUn++
			}
			if c > best {
				best, bestJ = c, j
			}
		}
		if bestJ == i {
			hits++
		}
	}
	n := float64(len(ps))
	return matched / n, unmatched / float64(nUn), float64(hits) / n
}

func TestCrossLingualReport(t *testing.T) {
	ps := loadParallel(t)
	for _, c := range []struct {
		name string
		opt  textOptions
	}{
		{"default", textOptions{}},
		{"no glossary", textOptions{noConcepts: true}},
		{"no romaji", textOptions{noRomaji: true}},
		{"n-grams only", textOptions{noConcepts: true, noRomaji: true}},
	} {
		m, u, top1 := crossLingual(ps, c.opt)
		t.Logf("%-13s matched %.3f  non-matched %.3f  ratio %.1f  top-1 %.2f", c.name, m, u, m/u, top1)
	}
	m, u, top1 := crossLingual(ps, textOptions{})
	if m < 2*u || top1 < 0.8 {
		t.Errorf("translations not recognised: matched %.3f non-matched %.3f top-1 %.2f", m, u, top1)
	}
}

// TestCrossLingualHeldOut uses ten pairs written after the glossary was
// frozen, so they measure the method rather than the glossary's fit.
func TestCrossLingualHeldOut(t *testing.T) {
	ps := loadParallelFile(t, "testdata/heldout_ja_en.jsonl")
	for _, c := range []struct {
		name string
		opt  textOptions
	}{
		{"default", textOptions{}},
		{"no glossary", textOptions{noConcepts: true}},
		{"no romaji", textOptions{noRomaji: true}},
		{"n-grams only", textOptions{noConcepts: true, noRomaji: true}},
	} {
		m, u, top1 := crossLingual(ps, c.opt)
		t.Logf("%-13s matched %.3f  non-matched %.3f  ratio %.1f  top-1 %.2f", c.name, m, u, m/u, top1)
	}
	m, u, top1 := crossLingual(ps, textOptions{})
	if m < 2*u || top1 < 0.6 {
		t.Errorf("held-out translations not recognised: matched %.3f non-matched %.3f top-1 %.2f", m, u, top1)
	}
}
