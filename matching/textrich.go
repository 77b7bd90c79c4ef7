//go:build !js

package matching

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The sentence-pair model of `pitchmatch similarity` (TextSimilarity): the
// per-kind measures of the ranking's text index (pairStats), plus character
// n-gram overlaps with hiragana kept, the longest common subsequence,
// lengths, negation, and measures over word vectors learned from unit
// co-occurrence; a gradient-boosted tree ensemble fitted on human ratings
// combines them. The files are written by TestWriteSentenceModel from the
// JSTS training split (see jsts_bench_test.go); BenchmarkJSTS reports the
// same procedure's 5-fold cross-validated Spearman.
//
// It is left out of the browser build (the portal scores profile texts with
// the ranking's TextModel only).

//go:embed textmodel/wordvec.bin
var wordVecFile []byte

//go:embed textmodel/gramvec.bin
var gramVecFile []byte

//go:embed textmodel/pairmodel.json
var pairModelFile []byte

// sentenceModel is the fitted pair model.
type sentenceModel struct {
	vec  sentenceVectors
	tree *gbdt
}

// sentenceVectors are the two vector sets the pair features read: over
// words (textUnits) and over character bigrams (gramUnits).
type sentenceVectors [2]*wordVectors

var loadSentenceModel = sync.OnceValues(func() (*sentenceModel, error) {
	wv, err := decodeWordVectors(wordVecFile)
	if err != nil {
		return nil, fmt.Errorf("matching: textmodel/wordvec.bin: %w", err)
	}
	gv, err := decodeWordVectors(gramVecFile)
	if err != nil {
		return nil, fmt.Errorf("matching: textmodel/gramvec.bin: %w", err)
	}
	gv.gramIDs = true
	var g gbdt
	if err := json.Unmarshal(pairModelFile, &g); err != nil {
		return nil, fmt.Errorf("matching: textmodel/pairmodel.json: %w", err)
	}
	if len(g.Trees) > 0 && len(g.Trees[0].Feat) > 0 {
		for _, t := range g.Trees {
			for _, f := range t.Feat {
				if int(f) >= numPairFeatures {
					return nil, fmt.Errorf("matching: textmodel/pairmodel.json: feature %d of %d", f, numPairFeatures)
				}
			}
		}
	}
	return &sentenceModel{vec: sentenceVectors{wv, gv}, tree: &g}, nil
})

// numPairFeatures is the length of a pairFeatures row.
const numPairFeatures = 3*numKinds + numGramOrders*6 + 5 + 4 + 2*numEmbedStats

// numGramOrders: character n-grams of n = 1 … numGramOrders are measured.
const numGramOrders = 3

// sentenceText is one text as pairFeatures reads it.
type sentenceText struct {
	norm  string
	chars []rune
	grams [numGramOrders][]uint64 // sorted distinct hashed char n-grams
	count [numGramOrders][]float32
	gw    [numGramOrders][]float32  // (1 + ln tf)·idf per n-gram, set by pairFeatures
	gidf  [numGramOrders][]float32  // idf per n-gram
	gnorm [numGramOrders][2]float64 // |tf-idf vector|², Σ idf
	neg   int
	emb   [2]embedText
}

// sentenceChars are the letters and digits of a normalised text, hiragana
// written as katakana (にんじん = ニンジン) and kanji numerals as digits
// (二人 = 2人).
func sentenceChars(norm string) []rune {
	var out []rune
	for _, r := range norm {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if r >= 'ぁ' && r <= 'ゖ' {
				r += 0x60
			} else if i := strings.IndexRune("〇一二三四五六七八九", r); i >= 0 {
				r = rune('0' + i/3)
			}
			out = append(out, r)
		}
	}
	return out
}

// gramUnits are the character bigrams of a text (sentenceChars).
func gramUnits(text string) []string {
	rs := sentenceChars(normalizeText(text))
	var out []string
	for i := 0; i+2 <= len(rs); i++ {
		out = append(out, string(rs[i:i+2]))
	}
	return out
}

func analyzeSentence(s string, vs sentenceVectors) sentenceText {
	t := sentenceText{norm: normalizeText(s)}
	t.chars = sentenceChars(t.norm)
	for n := 1; n <= numGramOrders; n++ {
		ks := make([]uint64, 0, max(0, len(t.chars)-n+1))
		for i := 0; i+n <= len(t.chars); i++ {
			ks = append(ks, hashRunes(n, t.chars[i:i+n]))
		}
		slices.Sort(ks)
		cs := make([]float32, 0, len(ks))
		out := ks[:0]
		for _, k := range ks {
			if len(out) > 0 && out[len(out)-1] == k {
				cs[len(cs)-1]++
				continue
			}
			out = append(out, k)
			cs = append(cs, 1)
		}
		t.grams[n-1], t.count[n-1] = out, cs
	}
	t.neg = negations(t.norm)
	for k, wv := range vs {
		t.emb[k] = wv.embedNorm(t.norm, t.chars)
	}
	return t
}

// negations counts negative forms in a normalised text (ない, ません, なし …),
// leaving out words that only contain them (少ない, 危ない).
func negations(s string) int {
	n := 0
	for _, m := range []string{"ない", "ません", "なく", "無い", "無し", "なし", "ず、", "ずに"} {
		n += strings.Count(s, m)
	}
	for _, m := range []string{"少ない", "危ない", "小さな", "少なく", "危なく"} {
		n -= strings.Count(s, m)
	}
	return n
}

// pairFeatures computes the features of each pair (t1[i], t2[i]), with the
// ranking's text index and the n-gram IDF fitted on all these texts.
func pairFeatures(t1, t2 []string, vs sentenceVectors) [][]float64 {
	n := min(len(t1), len(t2))
	docs := make([]string, 0, 2*n)
	docs = append(docs, t1[:n]...)
	docs = append(docs, t2[:n]...)
	opt := textOptions{}
	tfs := analyzeAll(docs, &opt)
	x := fitIndex(tfs, opt, nil)
	st := make([]sentenceText, len(docs))
	parallelFor(len(docs), func(i int) { st[i] = analyzeSentence(docs[i], vs) })
	// Document frequencies, in shards by key so they are counted in
	// parallel.
	const shards = 16
	total := 0
	for i := range st {
		for g := range numGramOrders {
			total += len(st[i].grams[g])
		}
	}
	var df [shards]map[uint64]int32
	parallelFor(shards*64, func(j int) {
		if j%64 != 0 {
			return
		}
		sh := uint64(j / 64)
		m := make(map[uint64]int32, total/shards/2)
		for i := range st {
			for g := range numGramOrders {
				for _, k := range st[i].grams[g] {
					if k%shards == sh {
						m[k]++
					}
				}
			}
		}
		df[sh] = m
	})
	N := float64(len(docs))
	parallelFor(len(st), func(i int) {
		t := &st[i]
		for g := range numGramOrders {
			t.gw[g] = make([]float32, len(t.grams[g]))
			t.gidf[g] = make([]float32, len(t.grams[g]))
			for j, k := range t.grams[g] {
				d := math.Log((1+N)/(1+float64(df[k%shards][k]))) + 1
				w := (1 + math.Log(float64(t.count[g][j]))) * d
				t.gw[g][j], t.gidf[g][j] = float32(w), float32(d)
				t.gnorm[g][0] += w * w
				t.gnorm[g][1] += d
			}
		}
	})
	out := make([][]float64, n)
	parallelFor(n, func(i int) {
		f := make([]float64, 0, numPairFeatures)
		ps, _ := kindDots(x.vectorOf(tfs[i]), x.vectorOf(tfs[n+i]))
		f = append(f, ps[:]...)
		a, b := &st[i], &st[n+i]
		for g := range numGramOrders {
			f = append(f, gramOverlap(a, b, g)...)
		}
		l := float64(lcsLen(a.chars, b.chars))
		la, lb := float64(len(a.chars)), float64(len(b.chars))
		f = append(f, l/math.Max(1, math.Min(la, lb)), l/math.Max(1, math.Max(la, lb)),
			math.Min(la, lb), math.Max(la, lb), math.Abs(la-lb)/math.Max(1, math.Max(la, lb)))
		na, nb := float64(a.neg), float64(b.neg)
		f = append(f, math.Min(na, nb), math.Max(na, nb), math.Abs(na-nb), float64((a.neg^b.neg)&1))
		for k, wv := range vs {
			es := wv.embedStats(&a.emb[k], &b.emb[k])
			f = append(f, es[:]...)
		}
		out[i] = f
	})
	return out
}

// gramOverlap measures the n-grams (n = g+1) of two texts: TF-IDF cosine
// (sublinear tf), Jaccard, the smaller and larger share of each side's
// n-grams that are shared, and the same shares weighted by IDF.
func gramOverlap(a, b *sentenceText, g int) []float64 {
	ka, kb := a.grams[g], b.grams[g]
	var dot, inter, wi float64
	for i, j := 0, 0; i < len(ka) && j < len(kb); {
		switch {
		case ka[i] == kb[j]:
			dot += float64(a.gw[g][i]) * float64(b.gw[g][j])
			inter++
			wi += float64(a.gidf[g][i])
			i++
			j++
		case ka[i] < kb[j]:
			i++
		default:
			j++
		}
	}
	na, nb, wa, wb := a.gnorm[g][0], b.gnorm[g][0], a.gnorm[g][1], b.gnorm[g][1]
	cos := 0.0
	if na > 0 && nb > 0 {
		cos = dot / math.Sqrt(na*nb)
	}
	la, lb := float64(len(ka)), float64(len(kb))
	jac := inter / math.Max(1, la+lb-inter)
	sa, sb := inter/math.Max(1, la), inter/math.Max(1, lb)
	wsa, wsb := wi/math.Max(1e-9, wa), wi/math.Max(1e-9, wb)
	return []float64{cos, jac, math.Min(sa, sb), math.Max(sa, sb), math.Min(wsa, wsb), math.Max(wsa, wsb)}
}

func lcsLen(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(cur[j], prev[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// sentenceScores turns pair features into similarities in [0,1]: the
// ensemble's predicted rating (0–5) over 5, with soft tails (softUnit) so
// that predictions beyond the scale keep their order; 0 when the texts have
// no letter or digit in common, 1 when they are the same text after
// normalisation.
func sentenceScores(t1, t2 []string, feats [][]float64, g *gbdt) []float64 {
	out := make([]float64, len(feats))
	parallelFor(len(feats), func(i int) {
		f := feats[i]
		switch {
		case f[3*numKinds+2] <= 0 && f[3*kindConcept] <= 0: // no character and no concept shared
			out[i] = 0
		case f[3*numKinds+numGramOrders*6+1] == 1 && normalizeText(t1[i]) == normalizeText(t2[i]): // LCS covers both
			out[i] = 1
		default:
			out[i] = softUnit(g.predict(f) / 5)
		}
	})
	return out
}

// softUnit maps x to (0,1) monotonically: x itself on [ε, 1−ε], and
// exponential tails beyond, so ties are not made by clamping.
func softUnit(x float64) float64 {
	const eps = 0.05
	switch {
	case x < eps:
		return eps * math.Exp((x-eps)/eps)
	case x > 1-eps:
		return 1 - eps*math.Exp(-(x-(1-eps))/eps)
	}
	return x
}

// maxSentenceRunes is the longest text the sentence-pair model scores:
// it was fitted on single sentences (JSTS: median 24, longest 129
// characters); longer descriptions are scored as ranking scores them.
const maxSentenceRunes = 160

// TextSimilarity scores each pair (texts1[i], texts2[i]) in [0,1]. It is
// what `pitchmatch similarity` runs. Pairs of sentences (both texts at most
// maxSentenceRunes long) are scored by the sentence-pair model, with its
// text index and n-gram IDF fitted on those pairs' texts; longer texts, such
// as profile descriptions, by the ranking's text model exactly as ranking
// scores a startup against a theme, with its index fitted on those pairs'
// texts. The slices must have the same length; extra elements of the longer
// one are ignored.
func TextSimilarity(texts1, texts2 []string) ([]float64, error) {
	m, err := loadSentenceModel()
	if err != nil {
		return nil, err
	}
	n := min(len(texts1), len(texts2))
	var short, long []int
	for i := range n {
		if utf8.RuneCountInString(texts1[i]) <= maxSentenceRunes && utf8.RuneCountInString(texts2[i]) <= maxSentenceRunes {
			short = append(short, i)
		} else {
			long = append(long, i)
		}
	}
	out := make([]float64, n)
	pick := func(idx []int) (a, b []string) {
		a, b = make([]string, len(idx)), make([]string, len(idx))
		for j, i := range idx {
			a[j], b[j] = texts1[i], texts2[i]
		}
		return a, b
	}
	if len(short) > 0 {
		a, b := pick(short)
		for j, v := range sentenceScores(a, b, pairFeatures(a, b, m.vec), m.tree) {
			out[short[j]] = v
		}
	}
	if len(long) > 0 {
		a, b := pick(long)
		for j, v := range textSimilarity(a, b, textOptions{}, nil) {
			out[long[j]] = v
		}
	}
	return out, nil
}

// Word vectors on disk: "PMWV", uint32 version 1, dim, count; then per
// word its UTF-8 length (uint16) and bytes, its frequency (float32) and dim
// int8 components (vector × 127, re-normalised on load).
func encodeWordVectors(w *wordVectors) []byte {
	var buf bytes.Buffer
	buf.WriteString("PMWV")
	binary.Write(&buf, binary.LittleEndian, [3]uint32{1, uint32(w.Dim), uint32(len(w.Words))})
	for i, s := range w.Words {
		binary.Write(&buf, binary.LittleEndian, uint16(len(s)))
		buf.WriteString(s)
		binary.Write(&buf, binary.LittleEndian, w.Freq[i])
		for _, v := range w.vec(int32(i)) {
			buf.WriteByte(byte(int8(math.Round(float64(v) * 127))))
		}
	}
	return buf.Bytes()
}

func decodeWordVectors(b []byte) (*wordVectors, error) {
	r := bytes.NewReader(b)
	var magic [4]byte
	var hdr [3]uint32
	if _, err := r.Read(magic[:]); err != nil || string(magic[:]) != "PMWV" {
		return nil, errors.New("not a word-vector file")
	}
	if err := binary.Read(r, binary.LittleEndian, &hdr); err != nil {
		return nil, err
	}
	if hdr[0] != 1 {
		return nil, fmt.Errorf("version %d", hdr[0])
	}
	dim, n := int(hdr[1]), int(hdr[2])
	if dim <= 0 || dim > 4096 || n < 0 || n > len(b) {
		return nil, fmt.Errorf("bad header: dim %d, %d words", dim, n)
	}
	w := &wordVectors{Dim: dim, Words: make([]string, n), Freq: make([]float32, n), Vecs: make([]float32, n*dim)}
	comp := make([]byte, dim)
	for i := range n {
		var l uint16
		if err := binary.Read(r, binary.LittleEndian, &l); err != nil {
			return nil, fmt.Errorf("word %d: %w", i, err)
		}
		s := make([]byte, l)
		if _, err := r.Read(s); err != nil {
			return nil, fmt.Errorf("word %d: %w", i, err)
		}
		w.Words[i] = string(s)
		if err := binary.Read(r, binary.LittleEndian, &w.Freq[i]); err != nil {
			return nil, fmt.Errorf("word %d: %w", i, err)
		}
		if _, err := r.Read(comp); err != nil {
			return nil, fmt.Errorf("word %d: %w", i, err)
		}
		v := w.Vecs[i*dim : (i+1)*dim]
		for d, c := range comp {
			v[d] = float32(int8(c))
		}
		normalize32(v)
	}
	w.buildIndex()
	return w, nil
}
