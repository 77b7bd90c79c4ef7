package app

import (
	"context"
	"errors"
	"os"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
	"pitchmatch/storage"
)

var newEventTexts = map[string]event.Text{
	"title":    {Ja: "新規イベント", En: "New event"},
	"name_ja":  {Ja: "イベント名（日本語）", En: "Event name (Japanese)"},
	"name_en":  {Ja: "イベント名（英語）", En: "Event name (English)"},
	"venue_ja": {Ja: "会場（日本語）", En: "Venue (Japanese)"},
	"venue_en": {Ja: "会場（英語）", En: "Venue (English)"},
	"dates":    {Ja: "開催日（例: 2026-10-14..2026-10-16）", En: "Dates (e.g. 2026-10-14..2026-10-16)"},
	"start":    {Ja: "開始時刻", En: "Day starts"},
	"end":      {Ja: "終了時刻", En: "Day ends"},
	"slot":     {Ja: "1枠の長さ（分）", En: "Slot length (minutes)"},
	"breaks":   {Ja: "休憩（例: 12:00-13:00）", En: "Breaks (e.g. 12:00-13:00)"},
	"tables":   {Ja: "テーブル数", En: "Tables"},
	"scap":     {Ja: "スタートアップ上限面談数", En: "Max meetings per startup"},
	"ccap":     {Ja: "企業上限面談数", En: "Max meetings per company"},
	"floor":    {Ja: "最低保証面談数", En: "Fairness floor"},
	"create":   {Ja: "作成…", En: "Create…"},
	"cancel":   {Ja: "キャンセル", En: "Cancel"},
	"created":  {Ja: "作成しました: %d日間・計%d枠", En: "Created: %d days, %d slots"},
	"exists":   {Ja: "%s は既にあります。別の名前を選んでください", En: "%s already exists; choose another name"},
}

func (u *UI) nt(key string, args ...any) string {
	return textIn(newEventTexts[key], u.lang, args)
}

// newEventForm holds the New event dialog's entries.
type newEventForm struct {
	nameJa, nameEn, venueJa, venueEn, dates, start, end, slot, breaks, tables, scap, ccap, floor *widget.Entry
}

func newNewEventForm() *newEventForm {
	e := func(s string) *widget.Entry { w := widget.NewEntry(); w.SetText(s); return w }
	return &newEventForm{nameJa: e(""), nameEn: e(""), venueJa: e(""), venueEn: e(""), dates: e(""),
		start: e("10:00"), end: e("17:00"), slot: e("30"), breaks: e("12:00-13:00"), tables: e("10"),
		scap: e("6"), ccap: e("12"), floor: e("0")}
}

// read builds the event from the entries; numbers go through the one
// whole-number parser.
func (f *newEventForm) read() (*event.Event, error) {
	num := func(w *widget.Entry) (int, error) {
		s := strings.TrimSpace(w.Text)
		if s == "" {
			return 0, nil
		}
		return event.ParseWhole(s)
	}
	n := event.NewEvent{Name: event.T(f.nameJa.Text, f.nameEn.Text), Venue: event.T(f.venueJa.Text, f.venueEn.Text),
		Dates: f.dates.Text, DayStart: f.start.Text, DayEnd: f.end.Text, Breaks: f.breaks.Text}
	for _, p := range []struct {
		dst *int
		w   *widget.Entry
	}{{&n.SlotMinutes, f.slot}, {&n.Tables, f.tables}, {&n.StartupCap, f.scap}, {&n.CompanyCap, f.ccap}, {&n.Floor, f.floor}} {
		v, err := num(p.w)
		if err != nil {
			return nil, err
		}
		*p.dst = v
	}
	return n.Build()
}

// showNewEventDialog asks for the event's settings, then for the file, and
// creates an empty event there (File → New event).
func (u *UI) showNewEventDialog() {
	f := newNewEventForm()
	items := []*widget.FormItem{
		widget.NewFormItem(u.nt("name_ja"), f.nameJa), widget.NewFormItem(u.nt("name_en"), f.nameEn),
		widget.NewFormItem(u.nt("venue_ja"), f.venueJa), widget.NewFormItem(u.nt("venue_en"), f.venueEn),
		widget.NewFormItem(u.nt("dates"), f.dates), widget.NewFormItem(u.nt("start"), f.start),
		widget.NewFormItem(u.nt("end"), f.end), widget.NewFormItem(u.nt("slot"), f.slot),
		widget.NewFormItem(u.nt("breaks"), f.breaks), widget.NewFormItem(u.nt("tables"), f.tables),
		widget.NewFormItem(u.nt("scap"), f.scap), widget.NewFormItem(u.nt("ccap"), f.ccap),
		widget.NewFormItem(u.nt("floor"), f.floor),
	}
	d := dialog.NewForm(u.nt("title"), u.nt("create"), u.nt("cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		ev, err := f.read()
		if err != nil {
			u.showError(err)
			return
		}
		save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err != nil || w == nil {
				return
			}
			path := w.URI().Path()
			_ = w.Close()
			_ = os.Remove(path) // the dialog made an empty file; the store makes the real one
			u.runBackground(func(ctx context.Context) (func(), error) {
				if err := u.createEventFile(ctx, path, ev); err != nil {
					return nil, err
				}
				apply, err := u.openWork(ctx, path)
				if err != nil {
					return nil, err
				}
				return func() { apply(); u.setStatus(u.nt("created", len(ev.Days), ev.NumSlots())) }, nil
			})
		}, u.win)
		name := ev.Name.In(event.En)
		if name == "" {
			name = "event"
		}
		save.SetFileName(strings.ReplaceAll(name, " ", "-") + ".db")
		save.Show()
	}, u.win)
	d.Resize(fyne.NewSize(640, 640))
	d.Show()
}

// createEventFile makes a new event file holding only ev.
func (u *UI) createEventFile(ctx context.Context, path string, ev *event.Event) error {
	if _, err := os.Stat(path); err == nil {
		return errors.New(u.nt("exists", path))
	}
	if u.svc.Open == nil {
		return errors.New("no storage configured")
	}
	s, err := u.svc.Open(ctx, path)
	if err != nil {
		return err
	}
	defer s.Close()
	return s.SaveEvent(ctx, actor, ev)
}

// ---- delete ----

// deleteStore deletes with the dependents shown first; storage.DB has it.
type deleteStore interface {
	DependentsOf(ctx context.Context, entity, id string) (storage.Dependents, error)
	DeleteRecord(ctx context.Context, actor, entity, id string, confirmed bool) (storage.Dependents, error)
}

var deleteTexts = map[string]event.Text{
	"menu":    {Ja: "スタートアップ・企業・テーマの削除…", En: "Delete a startup, company or theme…"},
	"title":   {Ja: "削除", En: "Delete"},
	"kind":    {Ja: "種類", En: "Kind"},
	"id":      {Ja: "ID", En: "ID"},
	"next":    {Ja: "確認へ", En: "Next"},
	"confirm": {Ja: "%s %s を削除します。", En: "Delete %s %s."},
	"with":    {Ja: "一緒に削除されるもの: %s", En: "Deleted with it: %s"},
	"delete":  {Ja: "削除する", En: "Delete"},
	"button":  {Ja: "削除…", En: "Delete…"},
	"deleted": {Ja: "%s %s を削除しました", En: "Deleted %s %s"},
}

func (u *UI) dt(key string, args ...any) string {
	return textIn(deleteTexts[key], u.lang, args)
}

// deleteMenuItem opens the delete dialog (File menu).
func (u *UI) deleteMenuItem() *fyne.MenuItem {
	return fyne.NewMenuItem(u.dt("menu"), u.showDeleteDialog)
}

// showDeleteDialog asks which record, shows what depends on it, and
// deletes it only when confirmed; the store audits the delete.
func (u *UI) showDeleteDialog() {
	ds, ok := u.store.(deleteStore)
	if !ok {
		u.showError(errors.New(u.t("app.nofile")))
		return
	}
	entities := []string{event.EntityStartup, event.EntityCompany, event.EntityTheme}
	labels := []string{u.t("view.startups"), u.t("co.company"), u.t("co.themes")}
	kind := widget.NewSelect(labels, nil)
	kind.SetSelectedIndex(0)
	id := widget.NewEntry()
	dialog.ShowForm(u.dt("title"), u.dt("next"), u.nt("cancel"), []*widget.FormItem{
		widget.NewFormItem(u.dt("kind"), kind), widget.NewFormItem(u.dt("id"), id),
	}, func(ok bool) {
		if !ok {
			return
		}
		u.confirmDelete(ds, entities[max(kind.SelectedIndex(), 0)], strings.TrimSpace(id.Text))
	}, u.win)
}

// confirmDelete shows what depends on the record (interests, meetings …)
// and deletes it, audited, once confirmed.
func (u *UI) confirmDelete(ds deleteStore, entity, rid string) {
	u.runBackground(func(ctx context.Context) (func(), error) {
		d, err := ds.DependentsOf(ctx, entity, rid)
		if err != nil {
			return nil, err
		}
		return func() {
			var items []string
			if d.Any() {
				items = []string{u.dt("with", d.Text().In(u.lang))}
			}
			u.confirmList(u.dt("title"), u.dt("confirm", entity, rid), items, u.dt("delete"), func() {
				u.runBackground(func(ctx context.Context) (func(), error) {
					if _, err := ds.DeleteRecord(ctx, actor, entity, rid, true); err != nil {
						return nil, err
					}
					return func() { u.setStatus(u.dt("deleted", entity, rid)); u.Reload() }, nil
				})
			})
		}, nil
	})
}

// deleteButton is a form's "Delete…" button for the stored record it
// shows (id() is "" for none or one not saved yet).
func (u *UI) deleteButton(entity string, id func() string) *widget.Button {
	b := widget.NewButton(u.dt("button"), func() {
		ds, ok := u.store.(deleteStore)
		if rid := id(); ok && rid != "" {
			u.confirmDelete(ds, entity, rid)
		}
	})
	b.Importance = widget.DangerImportance
	return b
}

// storedID is the ID of a record shown in a form once it is stored.
func storedID(id string, version int64) string {
	if version == 0 {
		return ""
	}
	return id
}
