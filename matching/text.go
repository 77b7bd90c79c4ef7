package matching

import (
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Feature kinds inside a text vector. The kind sits in the top bits of every
// hashed key, so kinds never collide and a vector sorted by key is sorted by
// kind; each kind is weighted and normalised on its own and gives its own
// cosine, one signal of the text model (textmodel.go).
const (
	kindLatin   = iota // character trigrams of Latin words and of romanised katakana
	kindWord           // whole words: Latin words, kanji runs, katakana runs
	kindCJK1           // a single kanji or katakana
	kindCJK2           // a CJK character bigram
	kindCJK3           // a CJK character trigram
	kindConcept        // a bilingual glossary concept (see glossary.go)
	kindChar1          // a letter or digit, hiragana kept (folded to katakana): binary, √IDF
	kindChar2          // a bigram of those letters and digits: binary, √IDF
	numKinds
)

// checkableKinds are the kinds a reason can name (textSurfaces): in
// ranking, a pair that shares none of them has text value 0 (rankScore),
// whatever letters it shares.
const checkableKinds uint8 = 1<<kindLatin | 1<<kindWord | 1<<kindCJK1 | 1<<kindCJK2 | 1<<kindCJK3 | 1<<kindConcept

// binaryKind reports whether kind k counts presence only: its weight is
// √IDF, so after normalisation a text's squared weights on shared features
// are the IDF-weighted share of its features that are shared.
func binaryKind(k int) bool { return k == kindChar1 || k == kindChar2 }

const kindShift = 61 // 3 bits of kind above 61 bits of hash

func kindOf(key uint64) int { return int(key >> kindShift) }

// kindNames are the signal names in reports and the fitted model.
var kindNames = [numKinds]string{"latin3", "words", "kanji1", "cjk2", "cjk3", "concepts", "char1", "char2"}

// textOptions switch parts of the text features off, to measure each
// part's contribution; the zero value is what ranking uses.
type textOptions struct {
	noRomaji, noConcepts bool
}

// SparseVector is a TF-IDF vector over hashed text features, sorted by key,
// with each kind of feature normalised to unit length on its own. The zero
// value is the vector of an empty text.
type SparseVector struct {
	keys  []uint64
	vals  []float32
	kinds uint8     // bit k set: the text has features of kind k
	info  *textInfo // the text's own measures; nil for an empty text
}

// textInfo holds what the text model reads of one text besides its
// overlaps with the other: its length, its negations and the mean of its
// learned unit vectors (one per vector set of the model), each computed
// once per text, so a pair costs a few dot products.
type textInfo struct {
	chars float32                  // letters and digits (sentenceChars)
	units float32                  // distinct words (kind words), a length comparable across languages
	neg   float32                  // negative forms (negations)
	mean  [numVectorSets][]float32 // weighted mean of the known units' vectors, unit length; nil if none known
	known [numVectorSets]float32   // share of the text's units the vectors know
}

// analyzed is one text as the index reads it: term frequencies by feature
// key and the text's own measures.
type analyzed struct {
	keys []uint64  // feature keys, ascending
	tf   []float32 // their term frequencies
	info *textInfo
}

// Len is the number of non-zero features.
func (v SparseVector) Len() int { return len(v.keys) }

// IsZero reports whether the vector has no features (an empty text).
func (v SparseVector) IsZero() bool { return len(v.keys) == 0 }

// TextIndex holds inverse document frequencies fitted on a set of texts
// (for ranking, the event's own startup and theme texts) and turns texts into
// vectors over character n-grams, words and bilingual concepts. It is
// read-only after NewTextIndex and safe for concurrent use.
type TextIndex struct {
	opt        textOptions
	model      *TextModel
	idf        map[uint64]float32
	unseenIDF  float32 // IDF of a feature no fitted text contains
	numDocs    int
	vocabulary int
}

// NewTextIndex fits IDF on docs: idf(t) = ln((1+N)/(1+df(t))) + 1, and
// combines the signals with the model fitted on JSTS (DefaultTextModel).
func NewTextIndex(docs []string) *TextIndex { return newTextIndex(docs, textOptions{}, nil) }

func newTextIndex(docs []string, opt textOptions, model *TextModel) *TextIndex {
	if model == nil {
		model = DefaultTextModel()
	}
	return fitIndex(analyzeAll(docs, &opt, model), opt, model)
}

// analyzeAll analyses each text (analyze), on all CPUs, each worker
// filling one scratch map.
func analyzeAll(docs []string, opt *textOptions, model *TextModel) []analyzed {
	out := make([]analyzed, len(docs))
	parallelForWorkers(len(docs), func() func(i int) {
		scratch := map[uint64]float32{}
		return func(i int) { out[i] = analyze(docs[i], opt, model, scratch) }
	})
	return out
}

// analyze returns the term frequencies of a text and, unless it is empty,
// its own measures, with the vectors of model.
func analyze(text string, opt *textOptions, model *TextModel, scratch map[uint64]float32) analyzed {
	if strings.TrimSpace(text) == "" {
		return analyzed{}
	}
	norm := normalizeText(text)
	chars := sentenceChars(norm)
	// The scratch map is reused from text to text (a fresh map sized
	// for each text cost more than filling it); the result is compact.
	clear(scratch)
	textFeatures(norm, chars, scratch, opt)
	if len(scratch) == 0 {
		return analyzed{}
	}
	a := analyzed{keys: make([]uint64, 0, len(scratch)), tf: make([]float32, len(scratch))}
	for k := range scratch {
		a.keys = append(a.keys, k)
	}
	slices.Sort(a.keys)
	for i, k := range a.keys {
		a.tf[i] = scratch[k]
	}
	a.info = &textInfo{chars: float32(textLength(norm, chars)), neg: float32(negations(norm))}
	for k, wv := range model.vec {
		a.info.mean[k], a.info.known[k] = wv.meanVector(norm, chars)
	}
	return a
}

// fitIndex computes IDF from the documents' term frequencies.
func fitIndex(docs []analyzed, opt textOptions, model *TextModel) *TextIndex {
	df := make(map[uint64]int32)
	for _, d := range docs {
		for _, k := range d.keys {
			df[k]++
		}
	}
	if model == nil {
		model = DefaultTextModel()
	}
	n := float64(len(docs))
	x := &TextIndex{opt: opt, model: model, idf: make(map[uint64]float32, len(df)), numDocs: len(docs), vocabulary: len(df)}
	for k, c := range df {
		x.idf[k] = float32(math.Log((1+n)/(1+float64(c))) + 1)
	}
	x.unseenIDF = float32(math.Log(1+n) + 1)
	return x
}

// parallelFor runs fn(0..n-1) on up to GOMAXPROCS goroutines.
func parallelFor(n int, fn func(i int)) {
	parallelForWorkers(n, func() func(i int) { return fn })
}

// parallelForWorkers is parallelFor with per-worker state: each worker
// calls worker once and runs the function it returns on its share of
// 0..n-1.
func parallelForWorkers(n int, worker func() func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n/64+1)
	if workers <= 1 {
		fn := worker()
		for i := range n {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			fn := worker()
			for {
				lo := int(next.Add(64)) - 64
				if lo >= n {
					return
				}
				for i := lo; i < min(lo+64, n); i++ {
					fn(i)
				}
			}
		})
	}
	wg.Wait()
}

// NumDocs is the number of texts the index was fitted on.
func (x *TextIndex) NumDocs() int { return x.numDocs }

// Vocabulary is the number of distinct features in the fitted texts.
func (x *TextIndex) Vocabulary() int { return x.vocabulary }

// Model is the signal combination the index scores with.
func (x *TextIndex) Model() *TextModel { return x.model }

// Vector returns the TF-IDF vector of text, sublinear term frequency
// (1 + ln tf), each kind normalised to unit length. Features the fitted
// texts never contained get the largest IDF.
func (x *TextIndex) Vector(text string) SparseVector {
	a := analyze(text, &x.opt, x.model, map[uint64]float32{})
	return x.vectorOf(&a)
}

func (x *TextIndex) idfOf(k uint64) float32 {
	if idf, ok := x.idf[k]; ok {
		return idf
	}
	return x.unseenIDF
}

func (x *TextIndex) vectorOf(a *analyzed) SparseVector {
	tf := a.tf
	if len(tf) == 0 {
		return SparseVector{}
	}
	// The vector shares the analysis's sorted keys (neither changes them).
	v := SparseVector{keys: a.keys, vals: make([]float32, len(tf)), info: a.info}
	var norm2 [numKinds]float64
	w := make([]float64, len(v.keys))
	for i, k := range v.keys {
		if binaryKind(kindOf(k)) {
			w[i] = math.Sqrt(float64(x.idfOf(k)))
		} else {
			w[i] = (1 + math.Log(float64(tf[i]))) * float64(x.idfOf(k))
		}
		norm2[kindOf(k)] += w[i] * w[i]
	}
	for i, k := range v.keys {
		kind := kindOf(k)
		v.vals[i] = float32(w[i] / math.Sqrt(norm2[kind]))
		v.kinds |= 1 << kind
	}
	if v.info != nil && v.info.units == 0 {
		for _, k := range v.keys {
			if kindOf(k) == kindWord {
				v.info.units++
			}
		}
	}
	return v
}

// Similarity is the text model's score of a against b, in [0,1].
func (x *TextIndex) Similarity(a, b string) float64 {
	return x.model.Score(x.Vector(a), x.Vector(b))
}

// textSimilarity scores each pair (texts1[i], texts2[i]) with an index
// fitted on all the texts given, exactly as ranking scores a startup against
// a theme (DefaultTextModel unless model is given).
func textSimilarity(texts1, texts2 []string, opt textOptions, model *TextModel) []float64 {
	x, vecs := pairIndex(texts1, texts2, opt, model)
	n := len(vecs) / 2
	out := make([]float64, n)
	parallelFor(n, func(i int) { out[i] = x.model.Score(vecs[i], vecs[n+i]) })
	return out
}

// pairIndex fits an index on the texts of the pairs (texts1[i],
// texts2[i]) and returns it with their vectors: texts1's first, then
// texts2's.
func pairIndex(texts1, texts2 []string, opt textOptions, model *TextModel) (*TextIndex, []SparseVector) {
	if model == nil {
		model = DefaultTextModel()
	}
	n := min(len(texts1), len(texts2))
	docs := make([]string, 0, 2*n)
	docs = append(docs, texts1[:n]...)
	docs = append(docs, texts2[:n]...)
	as := analyzeAll(docs, &opt, model)
	x := fitIndex(as, opt, model)
	vecs := make([]SparseVector, len(as))
	parallelFor(len(as), func(i int) { vecs[i] = x.vectorOf(&as[i]) })
	return x, vecs
}

// TextSimilarity scores each pair (texts1[i], texts2[i]) in [0,1], by the
// one text model ranking and the portal use (TextModel), with the index
// fitted on those pairs' texts, as ranking fits it on an event's texts. It
// is what `pitchmatch similarity` runs. The slices must have the same
// length; extra elements of the longer one are ignored.
func TextSimilarity(texts1, texts2 []string) ([]float64, error) {
	m, err := loadTextModel()
	if err != nil {
		return nil, err
	}
	return textSimilarity(texts1, texts2, textOptions{}, m), nil
}

// sentenceChars are the letters and digits of a normalised text, hiragana
// written as katakana (にんじん = ニンジン) and kanji numerals as digits
// (二人 = 2人).
func sentenceChars(norm string) []rune {
	out := make([]rune, 0, len(norm)/3+1)
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

// textLength is a length comparable across the two languages: the
// Japanese characters and digits of a text (sentenceChars), plus two for
// each Latin word (an English word carries about as much as two Japanese
// characters, where its letters would count five or more).
func textLength(norm string, chars []rune) int {
	n := 0
	for _, r := range chars {
		if !(r < utf8.RuneSelf && r > '9') {
			n++
		}
	}
	rs := []rune(norm)
	forEachSegment(rs, func(i, j int, latin bool) {
		if latin && !(j-i == 1 && rs[i] <= '9') {
			n += 2
		}
	})
	return n
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
	return max(n, 0)
}

// normalizeText applies NFKC (full-width ASCII and half-width katakana
// become their usual forms) and Unicode case folding.
func normalizeText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, " ")
	}
	return cases.Fold().String(norm.NFKC.String(s))
}

// runeClass groups runes for segmentation.
type runeClass uint8

const (
	classSep runeClass = iota
	classLatin
	classHan
	classKana
)

func classify(r rune) runeClass {
	switch {
	case r < utf8.RuneSelf:
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' {
			return classLatin
		}
		return classSep
	case r == 'ー' || r == '々' || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
		return classKana
	case unicode.Is(unicode.Han, r):
		return classHan
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return classLatin // other alphabets are treated like Latin words
	}
	return classSep
}

// fnv-1a style hashing over runes, seeded with the feature kind; the kind
// also fills the key's top bits.
const (
	hashOffset = 14695981039346656037
	hashPrime  = 1099511628211
)

func hashRunes(kind int, rs []rune) uint64 {
	h := uint64(hashOffset)
	h ^= uint64(kind)
	h *= hashPrime
	for _, r := range rs {
		h ^= uint64(r)
		h *= hashPrime
	}
	return h>>3 | uint64(kind)<<kindShift
}

func hashString(kind int, s string) uint64 {
	h := uint64(hashOffset)
	h ^= uint64(kind)
	h *= hashPrime
	for _, r := range s {
		h ^= uint64(r)
		h *= hashPrime
	}
	return h>>3 | uint64(kind)<<kindShift
}

// textFeatures adds the hashed features of the normalised text norm
// (normalizeText), whose letters and digits are chars, to tf (counting
// repeats):
//   - Latin words (English, romanised names, numbers): the word itself and
//     its character trigrams with a space on each side (" ecg ", "ecg", …);
//   - Japanese runs: single kanji, character bigrams and trigrams, and the
//     words a script change delimits (kanji runs, katakana runs);
//   - katakana loanwords, romanised (モニタリング → monitaringu), add Latin
//     trigrams, so they meet their English originals ("monitoring");
//   - glossary concepts found in either language (心電図 / ECG).
//   - every Japanese character and digit and every bigram of them,
//     hiragana kept (folded to katakana), numerals as digits
//     (sentenceChars): the inflection and negation that the kinds above
//     leave out (…しています / …していません).
func textFeatures(norm string, chars []rune, tf map[uint64]float32, opt *textOptions) {
	for i, r := range chars {
		if r < utf8.RuneSelf && r > '9' { // Latin letters: the Latin kinds read them
			continue
		}
		tf[hashRunes(kindChar1, chars[i:i+1])] = 1
		if i+2 <= len(chars) && !(chars[i+1] < utf8.RuneSelf && chars[i+1] > '9') {
			tf[hashRunes(kindChar2, chars[i:i+2])] = 1
		}
	}
	rs := []rune(norm)
	var buf []rune
	forEachSegment(rs, func(i, j int, latin bool) {
		if latin {
			latinFeatures(rs[i:j], tf, &buf)
		} else {
			cjkFeatures(rs[i:j], tf, &buf, opt)
		}
	})
	if opt.noConcepts {
		return
	}
	defaultGlossary.concepts(rs, func(concept string, _, _ int) {
		tf[hashString(kindConcept, concept)]++
	})
}

// forEachSegment calls fn for every maximal Latin word and every maximal
// run of Japanese characters (kanji and kana) of the normalised text rs,
// with its span rs[i:j].
func forEachSegment(rs []rune, fn func(i, j int, latin bool)) {
	for i := 0; i < len(rs); {
		c := classify(rs[i])
		if c == classSep {
			i++
			continue
		}
		j := i + 1
		if c == classLatin {
			for j < len(rs) && classify(rs[j]) == classLatin {
				j++
			}
			fn(i, j, true)
		} else {
			for j < len(rs) {
				if cj := classify(rs[j]); cj != classHan && cj != classKana {
					break
				}
				j++
			}
			fn(i, j, false)
		}
		i = j
	}
}

// englishStopwords are function words: like hiragana particles they add
// noise and nothing a reader could check as shared content.
var englishStopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields("a an the of and or to in on for with by at from into as is are was were be been " +
		"it its this that these those which who whose than then so such can may our we their they") {
		englishStopwords[w] = true
	}
}

func isStopword(word []rune) bool { return len(word) <= 5 && englishStopwords[string(word)] }

func latinFeatures(word []rune, tf map[uint64]float32, buf *[]rune) {
	if isStopword(word) {
		return
	}
	tf[hashRunes(kindWord, word)]++
	b := append((*buf)[:0], ' ')
	b = append(b, word...)
	b = append(b, ' ')
	for k := 0; k+3 <= len(b); k++ {
		tf[hashRunes(kindLatin, b[k:k+3])]++
	}
	*buf = b
}

// wordsOf calls fn with the span run[k:e] of every word of a Japanese run:
// each maximal run of kanji and each katakana run of two or more characters
// (hiragana carries inflection and particles).
func wordsOf(run []rune, fn func(k, e int, katakana bool)) {
	for k := 0; k < len(run); {
		switch {
		case unicode.Is(unicode.Han, run[k]) || run[k] == '々':
			e := k + 1
			for e < len(run) && (unicode.Is(unicode.Han, run[e]) || run[e] == '々') {
				e++
			}
			fn(k, e, false)
			k = e
		case isKatakana(run[k]):
			e := k + 1
			for e < len(run) && isKatakana(run[e]) {
				e++
			}
			if e-k >= 2 {
				fn(k, e, true)
			}
			k = e
		default:
			k++
		}
	}
}

func cjkFeatures(run []rune, tf map[uint64]float32, buf *[]rune, opt *textOptions) {
	// n-grams of hiragana alone are particles and inflection: they add
	// noise, and nothing a reader could check as shared content.
	for k := range run {
		if !isHiragana(run[k]) {
			tf[hashRunes(kindCJK1, run[k:k+1])]++
		}
		if k+2 <= len(run) && !allHiragana(run[k:k+2]) {
			tf[hashRunes(kindCJK2, run[k:k+2])]++
		}
		if k+3 <= len(run) && !allHiragana(run[k:k+3]) {
			tf[hashRunes(kindCJK3, run[k:k+3])]++
		}
	}
	wordsOf(run, func(k, e int, katakana bool) {
		w := run[k:e]
		tf[hashRunes(kindWord, w)]++
		if katakana && !opt.noRomaji {
			// Katakana loanwords, romanised, meet their English originals.
			if rom := romanize(w); len(rom) >= 2 {
				b := append((*buf)[:0], ' ')
				b = append(b, rom...)
				b = append(b, ' ')
				for k := 0; k+3 <= len(b); k++ {
					tf[hashRunes(kindLatin, b[k:k+3])]++
				}
				*buf = b
			}
		}
	})
}

func isHiragana(r rune) bool { return r >= 'ぁ' && r <= 'ゟ' }

func allHiragana(rs []rune) bool {
	for _, r := range rs {
		if !isHiragana(r) {
			return false
		}
	}
	return true
}

func isKatakana(r rune) bool { return r >= 'ァ' && r <= 'ヺ' || r == 'ー' }

func clamp01(x float64) float64 {
	switch {
	case x < 0 || x != x:
		return 0
	case x > 1:
		return 1
	}
	return x
}
