package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// choice is one option of a type-ahead picker: an ID and the label shown.
type choice struct {
	ID, Label string
}

// maxSuggestions is how many matches a type-ahead shows under its entry.
const maxSuggestions = 8

// typeahead is an entry that lists the options matching what is typed
// (ID or label, any part, either width or case) right under it, so a scout
// finds one of 300 themes by typing a few characters. The suggestions are
// part of the layout, not an overlay, so the keyboard stays in the entry:
// Down and Up move the highlight, Enter picks it, Escape closes the list.
// A pick sets the entry to the option's label and calls OnPick.
type typeahead struct {
	widget.Entry

	options func() []choice // all options, in the order they are listed
	OnPick  func(choice)

	box     *fyne.Container // the suggestions: buttons, then "… N more"
	more    *widget.Label
	shown   []choice
	cursor  int
	picked  choice
	setting bool // SetText from a pick or a reset: not typing
	moreFmt func(n int) string
}

func newTypeahead(placeholder string, options func() []choice, moreFmt func(int) string) *typeahead {
	t := &typeahead{options: options, moreFmt: moreFmt}
	t.ExtendBaseWidget(t)
	t.SetPlaceHolder(placeholder)
	t.more = widget.NewLabel("")
	t.more.Importance = widget.LowImportance
	t.box = container.NewVBox()
	t.box.Hide()
	t.Entry.OnChanged = func(string) {
		if !t.setting {
			t.suggest()
		}
	}
	t.Entry.OnSubmitted = func(string) { t.pickCursor() }
	return t
}

// object is the entry with its suggestions below it, for layouts.
func (t *typeahead) object() fyne.CanvasObject {
	return container.NewVBox(t, t.box)
}

// matches are the options containing what is typed, at most limit (0: all).
func (t *typeahead) matches(q string, limit int) (out []choice, total int) {
	q = normalise(strings.TrimSpace(q))
	for _, c := range t.options() {
		if q != "" && !strings.Contains(normalise(c.ID+" "+c.Label), q) {
			continue
		}
		total++
		if limit <= 0 || len(out) < limit {
			out = append(out, c)
		}
	}
	return out, total
}

// suggest lists the options matching the entry under it.
func (t *typeahead) suggest() {
	q := t.Text
	if t.picked.ID != "" && q == t.picked.Label {
		q = "" // focused on a picked option: list every option
	}
	var total int
	t.shown, total = t.matches(q, maxSuggestions)
	t.cursor = 0
	t.box.RemoveAll()
	for i, c := range t.shown {
		c := c
		b := widget.NewButton(c.Label, func() { t.pick(c) })
		b.Alignment = widget.ButtonAlignLeading
		if i != t.cursor {
			b.Importance = widget.LowImportance
		}
		t.box.Add(b)
	}
	if total > len(t.shown) {
		t.more.SetText(t.moreFmt(total - len(t.shown)))
		t.box.Add(t.more)
	} else if total == 0 {
		t.more.SetText(t.moreFmt(0))
		t.box.Add(t.more)
	}
	t.box.Show()
	t.box.Refresh()
}

// highlight marks the suggestion under the cursor.
func (t *typeahead) highlight() {
	for i, o := range t.box.Objects {
		if b, ok := o.(*widget.Button); ok {
			if i == t.cursor {
				b.Importance = widget.MediumImportance
			} else {
				b.Importance = widget.LowImportance
			}
			b.Refresh()
		}
	}
}

func (t *typeahead) pickCursor() {
	if t.cursor >= 0 && t.cursor < len(t.shown) {
		t.pick(t.shown[t.cursor])
	}
}

// pick chooses c: the entry shows its label, the suggestions close.
func (t *typeahead) pick(c choice) {
	t.set(c)
	if t.OnPick != nil {
		t.OnPick(c)
	}
}

// set shows c as chosen without calling OnPick (the zero choice clears).
func (t *typeahead) set(c choice) {
	t.picked = c
	t.setting = true
	t.SetText(c.Label)
	t.setting = false
	t.close()
}

func (t *typeahead) close() {
	t.shown = nil
	t.box.RemoveAll()
	t.box.Hide()
}

// FocusGained lists the options, so clicking the field shows what there
// is to choose from.
func (t *typeahead) FocusGained() {
	t.Entry.FocusGained()
	t.suggest()
}

// TypedKey moves through the suggestions; other keys edit the text.
func (t *typeahead) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyDown:
		if len(t.shown) == 0 {
			t.suggest()
		} else if t.cursor < len(t.shown)-1 {
			t.cursor++
			t.highlight()
		}
	case fyne.KeyUp:
		if t.cursor > 0 {
			t.cursor--
			t.highlight()
		}
	case fyne.KeyEscape:
		t.close()
	default:
		t.Entry.TypedKey(k)
	}
}
