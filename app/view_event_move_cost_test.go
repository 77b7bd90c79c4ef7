package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
)

// The event form edits the scheduler's move cost (an optional decimal of
// the field schema): empty means the default and is stored as not set, a
// full-width decimal is read, a non-number is refused on the field, and
// the stored value is shown on reload.
func TestEventViewMoveCost(t *testing.T) {
	for _, lang := range []event.Lang{event.Ja, event.En} {
		u, path := openUI(t, lang)
		v := u.eventV
		if v.moveCost.Text != "" || v.moveCost.PlaceHolder != "0.05" {
			t.Fatalf("%s: move cost %q placeholder %q", lang, v.moveCost.Text, v.moveCost.PlaceHolder)
		}
		if f := event.FieldByName(event.EntityEvent, "move_cost"); f == nil || !formHasLabel(v, f.Label.In(lang)) {
			t.Fatalf("%s: no move-cost item labelled from the schema", lang)
		}
		v.moveCost.SetText("abc")
		test.Tap(v.save)
		if got := v.errs.text("move_cost"); got == "" || !strings.Contains(got, "abc") {
			t.Fatalf("%s: error %q", lang, got)
		}
		v.moveCost.SetText("１５０")
		test.Tap(v.save)
		if got := v.errs.text("move_cost"); got == "" {
			t.Fatalf("%s: 150 accepted (range 0..100)", lang)
		}
		v.moveCost.SetText("０．２")
		test.Tap(v.save)
		u.Wait()
		if v.errs.banner.Visible() {
			t.Fatalf("%s: unexpected error: %s", lang, v.errs.banner.Text)
		}
		ev, err := otherStore(t, path).Event(context.Background())
		if err != nil || ev.MoveCost == nil || *ev.MoveCost != 0.2 {
			t.Fatalf("%s: stored %+v %v", lang, ev.MoveCost, err)
		}
		v.load(ev)
		if v.moveCost.Text != "0.2" {
			t.Fatalf("%s: reloaded %q", lang, v.moveCost.Text)
		}
		v.moveCost.SetText("")
		test.Tap(v.save)
		u.Wait()
		if ev, err := otherStore(t, path).Event(context.Background()); err != nil || ev.MoveCost != nil {
			t.Fatalf("%s: cleared move cost stored as %v %v", lang, ev.MoveCost, err)
		}
	}
}

// formHasLabel reports whether a form in the view has an item labelled
// label with a hint.
func formHasLabel(v *eventView, label string) bool {
	var find func(o fyne.CanvasObject) bool
	find = func(o fyne.CanvasObject) bool {
		switch x := o.(type) {
		case *widget.Form:
			for _, it := range x.Items {
				if it.Text == label && it.HintText != "" {
					return true
				}
			}
		case *container.Scroll:
			return find(x.Content)
		case *fyne.Container:
			for _, c := range x.Objects {
				if find(c) {
					return true
				}
			}
		}
		return false
	}
	return find(v.root)
}
