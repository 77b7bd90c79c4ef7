package matching

import (
	"fmt"
	"testing"

	"pitchmatch/event"
)

// Code sets have no size limit: a vocabulary of 200 codes keeps every code,
// including those ranked 64 and above.
func TestCodeSetWithoutLimit(t *testing.T) {
	var terms []event.Term
	var codes []string
	for i := range 200 {
		c := fmt.Sprintf("c%03d", i)
		terms = append(terms, event.Term{Code: c, Label: event.Text{Ja: c, En: c}})
		codes = append(codes, c)
	}
	v := &event.Vocabulary{Name: "big", Terms: terms}
	// Vocabulary.Rank needs the index built by the event package's
	// constructor; emulate it through Codes order for this synthetic one.
	s := codeSet{}
	for i := range codes {
		s = s.with(i)
	}
	if s.count() != 200 || !s.has(64) || !s.has(199) || s.has(200) {
		t.Fatalf("count %d has64 %v has199 %v", s.count(), s.has(64), s.has(199))
	}
	a := codeSet{}.with(70).with(130).with(3)
	b := codeSet{}.with(130).with(150)
	if interCount(a, b) != 1 || intersect(a, b).count() != 1 || !intersect(a, b).has(130) {
		t.Fatalf("intersection of high codes: %v %v", a, b)
	}
	if got := labels(v, a); got.En != "c003, c070, c130" {
		t.Fatalf("labels %q", got.En)
	}
	if o := overlap(a, b); o <= 0 || o > 1 {
		t.Fatalf("overlap %v", o)
	}
}
