package app

import (
	"encoding/json"
	"errors"

	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
)

// Forms and new snapshots. When the data is read again (File → Reload,
// another view's save, a change by the portal or another program) a form
// with unsaved edits never loses them: it keeps them while the record it
// edits is stored unchanged, and merges them three-way (event.Merge; base =
// the record the form was loaded from) when a newer version is stored.

// onStored is a form's answer to a new snapshot in which stored is the
// record it edits: without unsaved edits fresh() shows it; with edits of
// the version still stored nothing changes; with edits and a newer stored
// version the edits are merged with it (mergeLatest), and the form stays an
// unsaved edit.
func (e *editState[T]) onStored(stored *T, version func(*T) int64, entity string, lang event.Lang,
	read func() (*T, error), load func(*T), fresh func()) {
	if e.current == nil || !e.dirty(read) {
		fresh()
		return
	}
	if version(stored) == version(e.current) {
		return
	}
	e.latest = stored
	e.mergeLatest(entity, lang, read, load)
	e.latest = nil
	if e.reload != nil {
		e.reload.Hide()
	}
}

func eventVersion(e *event.Event) int64     { return e.Version }
func companyVersion(c *event.Company) int64 { return c.Version }
func startupVersion(s *event.Startup) int64 { return s.Version }
func themeVersion(t *event.Theme) int64     { return t.Version }

// ---- the event settings form ----

// newMergeControls builds the event form's merge button (shown after a
// save refused because the settings were changed elsewhere).
func (v *eventView) newMergeControls() *widget.Button {
	v.edit.errs = v.errs
	v.edit.reload = widget.NewButton(v.u.t("common.reload"), func() {
		if v.edit.latest != nil {
			v.mergeEvent(v.edit.latest)
		}
	})
	v.edit.reload.Hide()
	return v.edit.reload
}

// loadOrMerge shows the stored settings of a new snapshot without losing
// the form's unsaved edits (onStored).
func (v *eventView) loadOrMerge(stored *event.Event) {
	if v.edit.current == nil || !v.edit.dirty(v.read) {
		v.loadStored(stored)
		return
	}
	if stored.Version == v.edit.current.Version {
		return
	}
	v.mergeEvent(stored)
}

// loadStored shows the stored settings as the form's clean state.
func (v *eventView) loadStored(stored *event.Event) {
	v.load(stored)
	c := *stored
	v.edit.current, v.edit.latest = &c, nil
	v.edit.reload.Hide()
	v.edit.markClean(v.read)
}

// mergeEvent merges the form's edits with stored, the settings saved
// elsewhere since the form was loaded. The schema's fields merge in
// event.Merge; the days (not schema fields) are taken as a whole from the
// side that changed them; when both changed them differently the stored
// days are shown and the banner says so. Input that does not parse cannot
// be merged: the form keeps it and offers the merge again once fixed.
func (v *eventView) mergeEvent(stored *event.Event) {
	mine, err := v.read()
	if err != nil || mine == nil {
		v.errs.show(err)
		v.edit.latest = stored
		v.edit.reload.Show()
		v.errs.setBanner(v.errs.banner.Text + "\n" + v.u.t("ev.merge_fix"))
		return
	}
	base := v.edit.current
	days, clash := mergeDays(base.Days, mine.Days, stored.Days)
	v.edit.latest = stored
	v.edit.mergeLatest(event.EntityEvent, v.u.lang, func() (*event.Event, error) { return mine, nil }, func(r *event.Event) {
		r.Days = days
		v.load(r)
	})
	v.edit.latest = nil
	v.edit.reload.Hide()
	if clash {
		msg := v.u.t("ev.days_clash", FormatDays(mine.Days, v.u.lang))
		if v.errs.banner.Visible() && v.errs.banner.Text != "" {
			msg = v.errs.banner.Text + "\n" + msg
		}
		v.errs.setBanner(msg)
	}
}

// afterStore is the event form's answer to its save: on a version
// conflict it offers the merge with the stored settings; on success the
// next snapshot is loaded as the clean state.
func (v *eventView) afterStore(err error) {
	var ce *event.ConflictError
	if errors.As(err, &ce) {
		if cur, ok := ce.Current.(*event.Event); ok {
			v.edit.latest = cur
			v.edit.reload.Show()
		}
		return
	}
	if err == nil {
		v.edit.current = nil // the reload shows what was saved
	}
}

// mergeDays merges the event's days three-way as one value.
func mergeDays(base, mine, theirs []event.Day) (days []event.Day, clash bool) {
	same := func(a, b []event.Day) bool {
		x, _ := json.Marshal(a)
		y, _ := json.Marshal(b)
		return string(x) == string(y)
	}
	switch {
	case same(mine, base), same(mine, theirs):
		return theirs, false
	case same(theirs, base):
		return mine, false
	}
	return theirs, true
}

// FormatDays is the days as a reader sees them: "2026-10-14 10:00 ×12".
func FormatDays(days []event.Day, lang event.Lang) string {
	s := ""
	for i, d := range days {
		if i > 0 {
			s += ", "
		}
		s += d.Date + " " + d.Start + " ×" + itoa(d.Slots)
	}
	if s == "" {
		return tr(lang, "common.none")
	}
	return s
}
