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
		text := strings.Join(historyLines(entries, u.lang, u.ht), "\n")
		return func() {
			l := widget.NewLabel(text)
			l.Wrapping = fyne.TextWrapWord
			s := container.NewVScroll(l)
			s.SetMinSize(fyne.NewSize(640, 420))
			dialog.ShowCustom(fmt.Sprintf(u.ht("title"), id), u.ht("close"), s, u.win)
		}, nil
	})
}

// historyLines renders entries, newest first: one line per entry (time,
// who, what) and one per changed field.
func historyLines(entries []event.AuditEntry, lang event.Lang, t func(string) string) []string {
	if len(entries) == 0 {
		return []string{t("none")}
	}
	val := func(s string) string {
		if s == "" {
			return t("empty")
		}
		return s
	}
	var out []string
	for _, e := range entries {
		out = append(out, fmt.Sprintf("%s  %s  %s", e.At.Local().Format("2006-01-02 15:04:05"), e.Actor, e.Action))
		for _, c := range e.Changes {
			if c.Field == "" {
				out = append(out, "    "+t("created"))
				continue
			}
			out = append(out, fmt.Sprintf("    %s: %s → %s", c.Field, val(c.Old), val(c.New)))
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
