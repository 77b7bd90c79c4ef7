package matching

import (
	"math/bits"
	"strings"

	"pitchmatch/event"
)

// codeSet is a set of vocabulary codes as a bitset over the codes' ranks,
// with as many 64-bit words as the vocabulary needs: no vocabulary size is
// too large. The zero value is the empty set.
type codeSet []uint64

// setOf returns the set of the codes of v in codes; unknown codes are
// ignored (validation reports them).
func setOf(v *event.Vocabulary, codes []event.Code) codeSet {
	var s codeSet
	for _, c := range codes {
		if r := v.Rank(c); r >= 0 {
			s = s.with(r)
		}
	}
	return s
}

// with returns s with rank r added (s may be reallocated).
func (s codeSet) with(r int) codeSet {
	w := r / 64
	for len(s) <= w {
		s = append(s, 0)
	}
	s[w] |= 1 << uint(r%64)
	return s
}

// has reports whether rank r is in s.
func (s codeSet) has(r int) bool {
	w := r / 64
	return r >= 0 && w < len(s) && s[w]&(1<<uint(r%64)) != 0
}

// empty reports whether s has no code.
func (s codeSet) empty() bool {
	for _, w := range s {
		if w != 0 {
			return false
		}
	}
	return true
}

// count is the number of codes in s.
func (s codeSet) count() int {
	n := 0
	for _, w := range s {
		n += bits.OnesCount64(w)
	}
	return n
}

// interCount is |a ∩ b|.
func interCount(a, b codeSet) int {
	n := 0
	for i := range min(len(a), len(b)) {
		n += bits.OnesCount64(a[i] & b[i])
	}
	return n
}

// intersect is a ∩ b.
func intersect(a, b codeSet) codeSet {
	out := make(codeSet, min(len(a), len(b)))
	for i := range out {
		out[i] = a[i] & b[i]
	}
	return out
}

// each calls fn with every rank in s, ascending.
func (s codeSet) each(fn func(r int)) {
	for i, w := range s {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			w &^= 1 << uint(b)
			fn(i*64 + b)
		}
	}
}

// labels lists the labels of the codes in s, in vocabulary order.
func labels(v *event.Vocabulary, s codeSet) event.Text {
	var ja, en []string
	s.each(func(r int) {
		if r < len(v.Terms) {
			c := v.Terms[r].Code
			ja = append(ja, v.Label(c, event.Ja))
			en = append(en, v.Label(c, event.En))
		}
	})
	return event.Text{Ja: strings.Join(ja, "、"), En: strings.Join(en, ", ")}
}
