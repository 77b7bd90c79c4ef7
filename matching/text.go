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

// Feature kinds inside a text vector. Each n-gram is hashed together with its
// kind, so a Latin trigram and a CJK bigram never collide by construction.
const (
	kindLatin   = 'l' // character trigram of a Latin word (and of romanised katakana)
	kindWord    = 'w' // a whole Latin word
	kindCJK1    = '1' // a single kanji
	kindCJK2    = '2' // a CJK character bigram
	kindConcept = 'c' // a bilingual glossary concept (see glossary.go)
)

// textOptions switch the parts of the text features; the defaults are what
// ranking uses, the others exist to measure each part's contribution.
type textOptions struct {
	noRomaji, noConcepts, noWords, noKanji bool
	boost                                  float32 // concept weight; 0 means conceptBoost
}

// conceptBoost multiplies the term frequency of glossary concepts: one
// concept stands for a whole word or phrase, which would otherwise weigh as
// little as a single n-gram. Chosen on the hand-written parallel ja/en
// descriptions in text_test.go (see TestCrossLingualReport).
const conceptBoost = 3

// SparseVector is a unit-length TF-IDF vector over hashed text features,
// sorted by key. The zero value is the vector of an empty text.
type SparseVector struct {
	keys []uint64
	vals []float32
}

// Len is the number of non-zero features.
func (v SparseVector) Len() int { return len(v.keys) }

// IsZero reports whether the vector has no features (an empty text).
func (v SparseVector) IsZero() bool { return len(v.keys) == 0 }

// Cosine returns the cosine similarity of two vectors made by the same
// TextIndex, in [0,1]; 0 when either is empty. It is symmetric.
func Cosine(a, b SparseVector) float64 {
	var dot float64
	i, j := 0, 0
	for i < len(a.keys) && j < len(b.keys) {
		switch ka, kb := a.keys[i], b.keys[j]; {
		case ka == kb:
			dot += float64(a.vals[i]) * float64(b.vals[j])
			i++
			j++
		case ka < kb:
			i++
		default:
			j++
		}
	}
	return clamp01(dot)
}

// TextIndex holds inverse document frequencies fitted on a set of texts
// (for ranking, the event's own startup and theme texts) and turns texts into
// TF-IDF vectors over character n-grams and bilingual concepts. It is
// read-only after NewTextIndex and safe for concurrent use.
type TextIndex struct {
	opt        textOptions
	idf        map[uint64]float32
	unseenIDF  float32 // IDF of a feature no fitted text contains
	numDocs    int
	vocabulary int
}

// NewTextIndex fits IDF on docs: idf(t) = ln((1+N)/(1+df(t))) + 1.
func NewTextIndex(docs []string) *TextIndex { return newTextIndex(docs, textOptions{}) }

func newTextIndex(docs []string, opt textOptions) *TextIndex {
	return fitIndex(analyzeAll(docs, &opt), opt)
}

// analyzeAll returns the term frequencies of each text, computed on all
// CPUs.
func analyzeAll(docs []string, opt *textOptions) []map[uint64]float32 {
	tfs := make([]map[uint64]float32, len(docs))
	parallelFor(len(docs), func(i int) {
		tf := make(map[uint64]float32)
		textFeatures(docs[i], tf, opt)
		tfs[i] = tf
	})
	return tfs
}

// fitIndex computes IDF from the documents' term frequencies.
func fitIndex(tfs []map[uint64]float32, opt textOptions) *TextIndex {
	df := make(map[uint64]int32)
	for _, tf := range tfs {
		for k := range tf {
			df[k]++
		}
	}
	n := float64(len(tfs))
	x := &TextIndex{opt: opt, idf: make(map[uint64]float32, len(df)), numDocs: len(tfs), vocabulary: len(df)}
	for k, c := range df {
		x.idf[k] = float32(math.Log((1+n)/(1+float64(c))) + 1)
	}
	x.unseenIDF = float32(math.Log(1+n) + 1)
	return x
}

// parallelFor runs fn(0..n-1) on up to GOMAXPROCS goroutines.
func parallelFor(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n/64+1)
	if workers <= 1 {
		for i := range n {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
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

// Vector returns the unit-length TF-IDF vector of text, with sublinear term
// frequency (1 + ln tf). Features the fitted texts never contained get the
// largest IDF.
func (x *TextIndex) Vector(text string) SparseVector {
	tf := make(map[uint64]float32)
	textFeatures(text, tf, &x.opt)
	return x.vectorOf(tf)
}

func (x *TextIndex) vectorOf(tf map[uint64]float32) SparseVector {
	if len(tf) == 0 {
		return SparseVector{}
	}
	v := SparseVector{keys: make([]uint64, 0, len(tf)), vals: make([]float32, len(tf))}
	for k := range tf {
		v.keys = append(v.keys, k)
	}
	slices.Sort(v.keys)
	var norm2 float64
	for i, k := range v.keys {
		idf, ok := x.idf[k]
		if !ok {
			idf = x.unseenIDF
		}
		w := (1 + math.Log(float64(tf[k]))) * float64(idf)
		v.vals[i] = float32(w)
		norm2 += w * w
	}
	inv := 1 / math.Sqrt(norm2)
	for i := range v.vals {
		v.vals[i] = float32(float64(v.vals[i]) * inv)
	}
	return v
}

// Similarity is the cosine of the vectors of a and b.
func (x *TextIndex) Similarity(a, b string) float64 { return Cosine(x.Vector(a), x.Vector(b)) }

// TextSimilarity scores each pair (texts1[i], texts2[i]) with an index
// fitted on all the texts given, exactly as ranking scores a startup against
// a theme. It is what `pitchmatch similarity` runs. The slices must have the
// same length; extra elements of the longer one are ignored.
func TextSimilarity(texts1, texts2 []string) []float64 {
	n := min(len(texts1), len(texts2))
	docs := make([]string, 0, 2*n)
	docs = append(docs, texts1[:n]...)
	docs = append(docs, texts2[:n]...)
	x := NewTextIndex(docs)
	out := make([]float64, n)
	for i := range n {
		out[i] = x.Similarity(texts1[i], texts2[i])
	}
	return out
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

// fnv-1a style hashing over runes, seeded with the feature kind.
const (
	hashOffset = 14695981039346656037
	hashPrime  = 1099511628211
)

func hashRunes(kind byte, rs []rune) uint64 {
	h := uint64(hashOffset)
	h ^= uint64(kind)
	h *= hashPrime
	for _, r := range rs {
		h ^= uint64(r)
		h *= hashPrime
	}
	return h
}

func hashString(kind byte, s string) uint64 {
	h := uint64(hashOffset)
	h ^= uint64(kind)
	h *= hashPrime
	for _, r := range s {
		h ^= uint64(r)
		h *= hashPrime
	}
	return h
}

// textFeatures adds the hashed features of s to tf (counting repeats):
//   - Latin words (English, romanised names, numbers): the word itself and
//     its character trigrams with a space on each side (" ecg ", "ecg", …);
//   - Japanese runs: single kanji and every character bigram;
//   - katakana loanwords, romanised (モニタリング → monitaringu), add Latin
//     trigrams, so they meet their English originals ("monitoring");
//   - glossary concepts found in either language (心電図 / ECG), weighted by
//     conceptBoost.
func textFeatures(s string, tf map[uint64]float32, opt *textOptions) {
	if strings.TrimSpace(s) == "" {
		return
	}
	rs := []rune(normalizeText(s))
	var buf []rune
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
			latinFeatures(rs[i:j], tf, &buf, opt)
		} else {
			for j < len(rs) {
				if cj := classify(rs[j]); cj != classHan && cj != classKana {
					break
				}
				j++
			}
			cjkFeatures(rs[i:j], tf, &buf, opt)
		}
		i = j
	}
	if opt.noConcepts {
		return
	}
	boost := float32(conceptBoost)
	if opt.boost > 0 {
		boost = opt.boost
	}
	defaultGlossary.concepts(rs, func(concept string) {
		tf[hashString(kindConcept, concept)] += boost
	})
}

func latinFeatures(word []rune, tf map[uint64]float32, buf *[]rune, opt *textOptions) {
	if !opt.noWords {
		tf[hashRunes(kindWord, word)]++
	}
	b := append((*buf)[:0], ' ')
	b = append(b, word...)
	b = append(b, ' ')
	for k := 0; k+3 <= len(b); k++ {
		tf[hashRunes(kindLatin, b[k:k+3])]++
	}
	*buf = b
}

func cjkFeatures(run []rune, tf map[uint64]float32, buf *[]rune, opt *textOptions) {
	for k, r := range run {
		if !opt.noKanji && unicode.Is(unicode.Han, r) {
			tf[hashRunes(kindCJK1, run[k:k+1])]++
		}
		if k+2 <= len(run) {
			tf[hashRunes(kindCJK2, run[k:k+2])]++
		}
	}
	if opt.noRomaji {
		return
	}
	// Katakana sub-runs of two or more characters are loanwords: romanise.
	for k := 0; k < len(run); {
		if !isKatakana(run[k]) {
			k++
			continue
		}
		e := k + 1
		for e < len(run) && isKatakana(run[e]) {
			e++
		}
		if e-k >= 2 {
			if rom := romanize(run[k:e]); len(rom) >= 2 {
				latinFeatures(rom, tf, buf, opt)
			}
		}
		k = e
	}
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
