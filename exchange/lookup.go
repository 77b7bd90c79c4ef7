package exchange

import (
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
