package matching

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"pitchmatch/event"
)

// sharedTerm is one piece of text two descriptions have in common, as the
// scout can find it in both: the same word, or one glossary concept written
// differently on each side (出血 ≈ bleeding).
type sharedTerm struct {
	a, b string  // the surface in the startup's and in the theme's text
	w    float64 // weight: IDF of the feature, concepts and words first
	rank int     // 0 concept, 1 word, 2 CJK trigram, 3 CJK bigram, 4 kanji, 5 Latin trigram (shown as its word)
}

// textSurfaces lists the checkable pieces of a text by feature key, each
// with the first surface form it appears in: glossary concepts (with the
// matched term), whole words, CJK trigrams and bigrams, single kanji, and
// Latin trigrams shown as the word they occur in (sensor ≈ sensing).
func textSurfaces(text string) map[uint64]string {
	out := map[uint64]string{}
	rs := []rune(normalizeText(text))
	// Surfaces are shown as written (case kept) where folding kept the
	// length, so positions agree.
	shown := []rune(norm.NFKC.String(strings.ToValidUTF8(text, " ")))
	if len(shown) != len(rs) {
		shown = rs
	}
	put := func(k uint64, i, j int) {
		if _, ok := out[k]; !ok {
			out[k] = string(shown[i:j])
		}
	}
	trigrams := func(word []rune, i, j int) {
		b := append(append([]rune{' '}, word...), ' ')
		for k := 0; k+3 <= len(b); k++ {
			put(hashRunes(kindLatin, b[k:k+3]), i, j)
		}
	}
	forEachSegment(rs, func(i, j int, latin bool) {
		seg := rs[i:j]
		if latin {
			if isStopword(seg) {
				return
			}
			if len(seg) >= 2 {
				put(hashRunes(kindWord, seg), i, j)
			}
			trigrams(seg, i, j)
			return
		}
		wordsOf(seg, func(k, e int, katakana bool) {
			if e-k >= 2 {
				put(hashRunes(kindWord, seg[k:e]), i+k, i+e)
			}
			if katakana {
				if rom := romanize(seg[k:e]); len(rom) >= 2 {
					trigrams(rom, i+k, i+e)
				}
			}
		})
		for k := range seg {
			if unicode.Is(unicode.Han, seg[k]) {
				put(hashRunes(kindCJK1, seg[k:k+1]), i+k, i+k+1)
			}
			// Character n-grams are shown only without hiragana: one that
			// spans a particle or an ending (「を減ら」, 「血を」) is not a
			// term a scout can look for; the kanji and words around it are.
			if k+3 <= len(seg) && !anyHiragana(seg[k:k+3]) {
				put(hashRunes(kindCJK3, seg[k:k+3]), i+k, i+k+3)
			}
			if k+2 <= len(seg) && !anyHiragana(seg[k:k+2]) {
				put(hashRunes(kindCJK2, seg[k:k+2]), i+k, i+k+2)
			}
		}
	})
	defaultGlossary.concepts(rs, func(concept string, start, end int) {
		put(hashString(kindConcept, concept), start, end)
	})
	return out
}

func anyHiragana(rs []rune) bool {
	return slices.ContainsFunc(rs, isHiragana)
}

// sharedTerms returns what the two texts share, most telling first, without
// pieces contained in an earlier one, at most n.
func (x *TextIndex) sharedTerms(a, b string, n int) []sharedTerm {
	sa, sb := textSurfaces(a), textSurfaces(b)
	var all []sharedTerm
	for k, surfA := range sa {
		surfB, ok := sb[k]
		if !ok {
			continue
		}
		rank := map[int]int{kindConcept: 0, kindWord: 1, kindCJK3: 2, kindCJK2: 3, kindCJK1: 4, kindLatin: 5}[kindOf(k)]
		all = append(all, sharedTerm{a: surfA, b: surfB, w: float64(x.idfOf(k)), rank: rank})
	}
	slices.SortFunc(all, func(p, q sharedTerm) int {
		if c := cmp.Compare(p.rank, q.rank); c != 0 {
			return c
		}
		if c := cmp.Compare(q.w, p.w); c != 0 {
			return c
		}
		return strings.Compare(p.a, q.a)
	})
	var out []sharedTerm
	for _, t := range all {
		if len(out) == n {
			break
		}
		dup := false
		for _, o := range out {
			if strings.Contains(o.a, t.a) || strings.Contains(o.b, t.b) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, t)
		}
	}
	return out
}

// textReason states the text similarity with the shared terms behind it:
// the same word in both, or a glossary concept as each text writes it
// ("出血 ≈ bleeding"), so the scout can find them in both descriptions.
func (m *Model) textReason(val float64, startupText, themeText string) event.Text {
	terms := m.text.sharedTerms(startupText, themeText, 4)
	r := event.Text{Ja: fmt.Sprintf("説明文の類似度 %.2f", val), En: fmt.Sprintf("text similarity %.2f", val)}
	if len(terms) == 0 {
		r.Ja += "（共通の語なし）"
		r.En += "; no shared terms"
		return r
	}
	var parts []string
	for _, t := range terms {
		if t.a == t.b {
			parts = append(parts, "「"+t.a+"」")
		} else {
			parts = append(parts, "「"+t.a+"」≈「"+t.b+"」")
		}
	}
	r.Ja += "（共通の語: " + strings.Join(parts, "、") + "）"
	r.En += "; shared terms: " + strings.Join(parts, ", ")
	return r
}
