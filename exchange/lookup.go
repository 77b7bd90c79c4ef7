package exchange

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"pitchmatch/event"
)

// fold normalises a header, code or label for forgiving comparison: NFKC
// (full-width letters, digits and brackets become half-width, Ⅱ becomes
// II), lower case, trimmed, and runs of spaces, '-' and '_' become one '_'.
func fold(s string) string {
	s = strings.TrimSpace(s)
	if !isASCII(s) {
		s = norm.NFKC.String(s)
		s = strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	sep := false
	for _, r := range s {
		if r == ' ' || r == '-' || r == '_' || unicode.IsSpace(r) {
			sep = true
			continue
		}
		if sep && b.Len() > 0 {
			b.WriteByte('_')
		}
		sep = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// codeIndex maps what people write in a code column to the code of one
// vocabulary: the code itself, its Japanese or English label, and a few
// short forms (the label without its bracketed part, the bracketed part,
// a prefecture without 都/府/県). Short forms that would name two codes
// are dropped.
type codeIndex struct {
	exact  map[string]event.Code // code → code, no normalisation
	folded map[string]event.Code
}

func newCodeIndex(v *event.Vocabulary) *codeIndex {
	ix := &codeIndex{exact: make(map[string]event.Code, len(v.Terms)), folded: make(map[string]event.Code, 4*len(v.Terms))}
	for _, t := range v.Terms {
		ix.exact[t.Code] = t.Code
		for _, k := range []string{t.Code, t.Label.Ja, t.Label.En} {
			if k := fold(k); k != "" {
				ix.folded[k] = t.Code
			}
		}
	}
	alt := map[string]event.Code{}
	ambiguous := map[string]bool{}
	addAlt := func(k string, code event.Code) {
		k = fold(k)
		if k == "" {
			return
		}
		if _, primary := ix.folded[k]; primary {
			return
		}
		if prev, ok := alt[k]; ok && prev != code {
			ambiguous[k] = true
		}
		alt[k] = code
	}
	for _, t := range v.Terms {
		for _, l := range []string{t.Label.Ja, t.Label.En} {
			l = norm.NFKC.String(l)
			if before, rest, ok := strings.Cut(l, "("); ok {
				addAlt(before, t.Code)
				if inner, _, ok := strings.Cut(rest, ")"); ok {
					addAlt(inner, t.Code)
				}
			}
		}
		if v == event.Prefectures {
			if short, ok := strings.CutSuffix(t.Label.Ja, "県"); ok {
				addAlt(short, t.Code)
			} else if short, ok := strings.CutSuffix(t.Label.Ja, "府"); ok {
				addAlt(short, t.Code)
			} else if short, ok := strings.CutSuffix(t.Label.Ja, "都"); ok {
				addAlt(short, t.Code)
			}
		}
	}
	for k, code := range alt {
		if !ambiguous[k] {
			ix.folded[k] = code
		}
	}
	for k, code := range synonyms[v.Name] {
		if k = fold(k); k != "" && v.Has(code) {
			if _, taken := ix.folded[k]; !taken {
				ix.folded[k] = code
			}
		}
	}
	return ix
}

// code returns the code s names, or s itself (trimmed) when it names none,
// so that validation reports it as an unknown code in the user's words.
func (ix *codeIndex) code(s string) event.Code {
	if c, ok := ix.exact[s]; ok {
		return c
	}
	if c, ok := ix.folded[fold(s)]; ok {
		return c
	}
	return strings.TrimSpace(s)
}

// lookups holds a codeIndex per vocabulary, built once per file read.
type lookups struct {
	ix map[*event.Vocabulary]*codeIndex
}

func newLookups(vs ...*event.Vocabulary) *lookups {
	l := &lookups{ix: make(map[*event.Vocabulary]*codeIndex, len(vs))}
	for _, v := range vs {
		l.ix[v] = newCodeIndex(v)
	}
	return l
}

func (l *lookups) of(v *event.Vocabulary) *codeIndex {
	ix, ok := l.ix[v]
	if !ok {
		ix = newCodeIndex(v)
		l.ix[v] = ix
	}
	return ix
}

// closest returns up to n codes of v whose code, labels or synonyms are
// nearest to s by edit distance (on folded text) or contain it, nearest
// first; nothing farther than about a third of the value's length.
func (ix *codeIndex) closest(v *event.Vocabulary, s string, n int) []event.Code {
	k := []rune(fold(s))
	if len(k) == 0 {
		return nil
	}
	limit := max(2, len(k)/3)
	best := map[event.Code]int{}
	for key, code := range ix.folded {
		kr := []rune(key)
		d := editDistance(k, kr)
		if len(kr) >= 2 && (strings.Contains(string(k), key) || strings.Contains(key, string(k))) {
			d = min(d, 1)
		}
		if d > limit {
			continue
		}
		if prev, ok := best[code]; !ok || d < prev {
			best[code] = d
		}
	}
	out := make([]event.Code, 0, len(best))
	for c := range best {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if best[out[i]] != best[out[j]] {
			return best[out[i]] < best[out[j]]
		}
		return v.Rank(out[i]) < v.Rank(out[j])
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
