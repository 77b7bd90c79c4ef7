package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
)

// schemaForm lays out a record form from the event field schema: one item
// per field (two for a bilingual one, its Japanese and English sides) in
// the schema's order, labelled and hinted in the desktop's language from
// the schema, each with its field-error slot. widgets holds the editor of
// each field path ("name.ja", "founded"); a field without one is not shown
// (TestDesktopFormsCoverSchema fails for a schema field a form leaves out).
func schemaForm(lang event.Lang, errs *fieldErrors, entity string, widgets map[string]fyne.CanvasObject) *widget.Form {
	form := widget.NewForm()
	for _, f := range event.Fields(entity) {
		for i, col := range f.Columns() {
			path := f.Name
			if f.Type.Bilingual() {
				path += [...]string{".ja", ".en"}[i]
			}
			obj, ok := widgets[path]
			if !ok {
				continue
			}
			item := widget.NewFormItem(f.ColumnLabel(col).In(lang), errs.field(path, obj))
			item.HintText = f.Hint.In(lang)
			form.AppendItem(item)
		}
		if f.Type.Bilingual() {
			// A message for the whole field (required in either language)
			// shows under its Japanese side.
			if l, ok := errs.labels[f.Name+".ja"]; ok {
				errs.labels[f.Name] = l
			}
		}
	}
	return form
}
