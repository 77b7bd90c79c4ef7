package matching

import (
	"math/bits"
	"strings"

	"pitchmatch/event"
)

// codeSet is a set of vocabulary codes as a bitset over the codes' ranks:
// ranks 0–63 in lo, inline (every vocabulary of ours fits, so scoring a
// pair reads no pointer), the ranks above in as many further words as the
// vocabulary needs: no vocabulary size is too large. The zero value is the
// empty set.
type codeSet struct {
	lo uint64
	hi []uint64 // ranks 64(i+1) … 64(i+2)-1 in hi[i]
}

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

// with returns s with rank r added (s's words may be reallocated).
func (s codeSet) with(r int) codeSet {
	if r < 64 {
		s.lo |= 1 << uint(r)
		return s
	}
	w := r/64 - 1
	for len(s.hi) <= w {
		s.hi = append(s.hi, 0)
	}
	s.hi[w] |= 1 << uint(r%64)
	return s
}

// has reports whether rank r is in s.
func (s codeSet) has(r int) bool {
	switch {
	case r < 0:
		return false
	case r < 64:
		return s.lo&(1<<uint(r)) != 0
	}
	w := r/64 - 1
	return w < len(s.hi) && s.hi[w]&(1<<uint(r%64)) != 0
}

// empty reports whether s has no code.
func (s codeSet) empty() bool {
	if s.lo != 0 {
		return false
	}
	for _, w := range s.hi {
		if w != 0 {
			return false
		}
	}
	return true
}

// count is the number of codes in s.
func (s codeSet) count() int {
	n := bits.OnesCount64(s.lo)
	for _, w := range s.hi {
		n += bits.OnesCount64(w)
	}
	return n
}

// interCount is |a ∩ b|.
func interCount(a, b codeSet) int {
	n := bits.OnesCount64(a.lo & b.lo)
	for i := range min(len(a.hi), len(b.hi)) {
		n += bits.OnesCount64(a.hi[i] & b.hi[i])
	}
	return n
}

// intersect is a ∩ b.
func intersect(a, b codeSet) codeSet {
	out := codeSet{lo: a.lo & b.lo}
	if n := min(len(a.hi), len(b.hi)); n > 0 {
		out.hi = make([]uint64, n)
		for i := range out.hi {
			out.hi[i] = a.hi[i] & b.hi[i]
		}
	}
	return out
}

// each calls fn with every rank in s, ascending.
func (s codeSet) each(fn func(r int)) {
	word := func(base int, w uint64) {
		for w != 0 {
			b := bits.TrailingZeros64(w)
			w &^= 1 << uint(b)
			fn(base + b)
		}
	}
	word(0, s.lo)
	for i, w := range s.hi {
		word(64*(i+1), w)
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
