package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
)

// A record's history: the audit entries about one startup, company, theme
// or meeting — its own saves and the imports and schedule saves that
// touched it — with each changed field, old → new (storage.DB.AuditOf).

var historyText = map[string]event.Text{
	"button":  event.T("変更履歴", "History"),
	"title":   event.T("%s の変更履歴", "History of %s"),
	"none":    event.T("記録された変更はありません", "No recorded changes"),
	"created": event.T("作成", "created"),
	"empty":   event.T("（空）", "(empty)"),
	"nostore": event.T("このファイルには変更履歴がありません", "This file keeps no history"),
	"close":   event.T("閉じる", "Close"),
	"meeting": event.T("面談 %s", "meeting %s"),
	// The history of a meeting, for the dialog's title.
	"of_meeting": event.T("面談 %s", "meeting %s"),
}

func (u *UI) ht(key string) string { return historyText[key].In(u.lang) }

// auditReader is a store with per-record history (*storage.DB).
type auditReader interface {
	AuditOf(ctx context.Context, entity, id string, limit int) ([]event.AuditEntry, error)
}

// historyButton opens the history of the record id() names (nothing when
// it returns "": no record loaded).
func (u *UI) historyButton(entity string, id func() string) *widget.Button {
	return widget.NewButton(u.ht("button"), func() {
		if x := id(); x != "" {
			u.showHistory(entity, x)
		}
	})
}

// historyLimit bounds the entries shown.
const historyLimit = 200

func (u *UI) showHistory(entity, id string) {
	r, ok := u.store.(auditReader)
	if !ok {
		u.showError(errors.New(u.ht("nostore")))
		return
	}
	u.runBackground(func(ctx context.Context) (func(), error) {
		entries, err := r.AuditOf(ctx, entity, id, historyLimit)
		if err != nil {
			return nil, err
		}
		text := strings.Join(historyLines(entity, id, entries, u.lang, u.ht), "\n")
		name := id
		if entity == "meeting" {
			name = fmt.Sprintf(u.ht("of_meeting"), id)
		}
		return func() {
			l := widget.NewLabel(text)
			l.Wrapping = fyne.TextWrapWord
			s := container.NewVScroll(l)
			s.SetMinSize(fyne.NewSize(640, 420))
			dialog.ShowCustom(fmt.Sprintf(u.ht("title"), name), u.ht("close"), s, u.win)
		}, nil
	})
}

// historyLines renders the history of record (entity, id), newest first:
// one line per entry (time, who, what) and one per changed field. Entries
// and changes about another record — a startup's or company's meetings —
// name it ("meeting 12").
func historyLines(entity, id string, entries []event.AuditEntry, lang event.Lang, t func(string) string) []string {
	if len(entries) == 0 {
		return []string{t("none")}
	}
	val := func(s string) string {
		if s == "" {
			return t("empty")
		}
		return s
	}
	other := func(e, x string) string {
		if e == "meeting" && !(entity == "meeting" && x == id) && x != "" {
			return fmt.Sprintf(t("meeting"), x) + "  "
		}
		return ""
	}
	var out []string
	for _, e := range entries {
		line := fmt.Sprintf("%s  %s  %s", e.At.Local().Format("2006-01-02 15:04:05"), e.Actor, e.Action)
		if o := other(e.Entity, e.EntityID); o != "" {
			line += "  (" + strings.TrimSpace(o) + ")"
		}
		out = append(out, line)
		for _, c := range e.Changes {
			o := ""
			if c.Entity != e.Entity || c.ID != e.EntityID {
				o = other(c.Entity, c.ID)
			}
			if c.Field == "" {
				out = append(out, "    "+o+t("created"))
				continue
			}
			out = append(out, fmt.Sprintf("    %s%s: %s → %s", o, c.Field, val(c.Old), val(c.New)))
		}
	}
	return out
}

// idOf is the ID of a form's loaded record (stored: Version > 0), or "".
func idOf[T event.Startup | event.Company | event.Theme](r *T) string {
	switch v := any(r).(type) {
	case *event.Theme:
		if v != nil && v.Version > 0 {
			return v.ID
		}
	case *event.Startup:
		if v != nil && v.Version > 0 {
			return v.ID
		}
	case *event.Company:
		if v != nil && v.Version > 0 {
			return v.ID
		}
	}
	return ""
}
