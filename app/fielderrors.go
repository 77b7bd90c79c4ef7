package app

import (
	"encoding/json"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
)

// fieldErrors shows event validation errors beside the fields they name and
// anything else (conflicts, store errors) in a banner above the form.
type fieldErrors struct {
	lang   event.Lang
	labels map[string]*widget.Label // by field path: "name", "name.ja", "days"
	banner *widget.Label
}

func newFieldErrors(lang event.Lang) *fieldErrors {
	b := widget.NewLabel("")
	b.Importance = widget.DangerImportance
	b.Wrapping = fyne.TextWrapWord
	b.Hide()
	return &fieldErrors{lang: lang, labels: map[string]*widget.Label{}, banner: b}
}

// field returns obj with an (initially hidden) error label under it,
// registered for the field path.
func (f *fieldErrors) field(path string, obj fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	f.labels[path] = l
	return container.NewVBox(obj, l)
}

// clear hides every message.
func (f *fieldErrors) clear() {
	for _, l := range f.labels {
		l.SetText("")
		l.Hide()
	}
	f.banner.SetText("")
	f.banner.Hide()
}

// label finds the label for a field path: the exact path, else its
// parents ("days[0].start" → "days[0]" → "days"; "areas[2]" → "areas").
func (f *fieldErrors) label(path string) *widget.Label {
	for p := path; p != ""; {
		if l, ok := f.labels[p]; ok {
			return l
		}
		i := strings.LastIndexAny(p, ".[")
		if i < 0 {
			break
		}
		p = p[:i]
	}
	return nil
}

// text returns the message currently shown for a field ("" if none).
func (f *fieldErrors) text(path string) string {
	if l, ok := f.labels[path]; ok {
		return l.Text
	}
	return ""
}

// show displays err; it reports whether there was anything to show.
func (f *fieldErrors) show(err error) bool {
	f.clear()
	if err == nil {
		return false
	}
	var ve *event.ValidationError
	if errors.As(err, &ve) {
		var rest []string
		for _, fe := range ve.Errors {
			msg := fe.Message.In(f.lang)
			if l := f.label(fe.Field); l != nil {
				if l.Text != "" {
					msg = l.Text + "\n" + msg
				}
				l.SetText(msg)
				l.Show()
				continue
			}
			rest = append(rest, fe.Field+": "+msg)
		}
		f.setBanner(tr(f.lang, "common.invalid") + "\n" + strings.Join(rest, "\n"))
		return true
	}
	f.setBanner(event.ErrorMessage(err, f.lang))
	return true
}

func (f *fieldErrors) setBanner(s string) {
	f.banner.SetText(strings.TrimSpace(s))
	f.banner.Show()
}

// editState is what an edit form keeps of the record it edits: the record as
// loaded or last saved, and, after a version conflict, the stored version
// offered by the "Load latest" button.
type editState[T any] struct {
	errs            *fieldErrors
	reload          *widget.Button
	current, latest *T
	clean           string // the form's values as loaded (fingerprint), to detect unsaved edits
}

// fingerprint is a form's values as read (valid or not), for comparing.
func fingerprint[T any](read func() (*T, error)) string {
	rec, _ := read()
	b, _ := json.Marshal(rec)
	return string(b)
}

// markClean records the form's values as the saved state.
func (e *editState[T]) markClean(read func() (*T, error)) { e.clean = fingerprint(read) }

// dirty reports whether the form holds edits that are not saved.
func (e *editState[T]) dirty(read func() (*T, error)) bool {
	return e.current != nil && fingerprint(read) != e.clean
}

// applySave shows a save's outcome: the field errors and, on a conflict,
// the stored record behind the reload button; on success rec becomes the
// current record and the event is read again.
func (e *editState[T]) applySave(u *UI, rec *T, id string, err error) {
	if err != nil {
		e.errs.show(err)
		var ce *event.ConflictError
		if errors.As(err, &ce) {
			if cur, ok := ce.Current.(*T); ok {
				e.latest = cur
				e.reload.Show()
			}
		}
		return
	}
	e.current = rec
	if b, err := json.Marshal(rec); err == nil {
		e.clean = string(b) // what the form holds is saved (a reload finds it clean)
	}
	u.setStatus(u.t("app.saved") + ": " + id)
	u.Reload()
}

// mergeLatest is a form's reload after a version conflict: the form's edits
// merged three-way (event.Merge; base = the record the form was loaded
// from) with the version stored meanwhile. Fields changed only elsewhere are
// taken, the form's own edits kept; a field both changed shows the stored
// value and the banner lists the form's value beside it, so nothing typed
// is lost. The merge is an unsaved edit until Save.
func (e *editState[T]) mergeLatest(entity string, lang event.Lang, read func() (*T, error), load func(*T)) {
	if e.latest == nil {
		return
	}
	base, latest := e.current, e.latest
	mine, _ := read()
	if base == nil || mine == nil {
		load(latest)
		return
	}
	res, err := event.Merge(entity, base, mine, latest)
	if err != nil {
		load(latest)
		return
	}
	load(res.Record)
	c := *latest
	e.current = &c
	e.clean = "" // the merge is an unsaved edit of the stored version
	if len(res.Conflicts) == 0 {
		return
	}
	var parts []string
	for _, cf := range res.Conflicts {
		name, side, _ := strings.Cut(cf.Path, ".")
		label, v := cf.Field.Label.In(lang), ""
		switch side {
		case "ja":
			label, v = cf.Field.ColumnLabel(name+"_ja").In(lang), cf.Field.Text(mine).Ja
		case "en":
			label, v = cf.Field.ColumnLabel(name+"_en").In(lang), cf.Field.Text(mine).En
		default:
			v = cf.Field.Display(mine, lang)
		}
		parts = append(parts, label+": "+v)
	}
	e.errs.setBanner(event.T("両方で変更された項目は保存済みの値を表示しています。あなたの入力: ", "Fields changed on both sides show the stored value. Yours was: ").In(lang) +
		strings.Join(parts, " / "))
}
