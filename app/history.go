package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
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

// historyActions names the logged actions a record's history shows; an
// action not listed shows as logged.
var historyActions = map[string]event.Text{
	"startup.create":      event.T("作成", "created"),
	"startup.update":      event.T("保存", "saved"),
	"startup.delete":      event.T("削除", "deleted"),
	"company.create":      event.T("作成", "created"),
	"company.update":      event.T("保存", "saved"),
	"company.delete":      event.T("削除", "deleted"),
	"theme.create":        event.T("作成", "created"),
	"theme.update":        event.T("保存", "saved"),
	"theme.delete":        event.T("削除", "deleted"),
	"event.update":        event.T("イベント設定の保存", "event settings saved"),
	"import.startups":     event.T("取り込み（スタートアップ）", "import of startups"),
	"import.companies":    event.T("取り込み（企業）", "import of companies"),
	"import.themes":       event.T("取り込み（テーマ）", "import of themes"),
	"import.interests":    event.T("取り込み（関心）", "import of interests"),
	"import.availability": event.T("取り込み（参加可能枠）", "import of availability"),
	"import.meetings":     event.T("取り込み（面談）", "import of meetings"),
	"meetings.replace":    event.T("スケジュールの保存", "schedule saved"),
	"meeting.create":      event.T("面談の作成", "meeting created"),
	"meeting.update":      event.T("面談の変更", "meeting changed"),
	"meeting.accept":      event.T("面談の承諾", "meeting accepted"),
	"meeting.decline":     event.T("面談の辞退", "meeting declined"),
	"meeting.ask_move":    event.T("面談の移動依頼", "meeting move asked"),
	"meeting.confirm":     event.T("面談の確定", "meeting confirmed"),
	"meeting.cancel":      event.T("面談の取消", "meeting cancelled"),
	"meeting.outcome":     event.T("面談の成果の記録", "meeting outcome recorded"),
	"interest.add":        event.T("関心の登録", "interest added"),
	"interest.delete":     event.T("関心の削除", "interest removed"),
	"interest.set":        event.T("関心の変更（テーマ別）", "interest set (one theme)"),
	"interests.set":       event.T("関心の一括変更", "interests replaced"),
	"interest.answer":     event.T("依頼・応募への回答", "answer to a request or application"),
	"availability.update": event.T("参加可能枠の変更", "availability changed"),
	"meeting.move":        event.T("面談の移動", "meeting moved"),
	"meeting.swap":        event.T("面談の入れ替え", "meetings swapped"),
	"meeting.lock":        event.T("面談のロック・解除", "meeting locked or unlocked"),
	"meeting.status":      event.T("面談の状態の変更", "meeting status changed"),
	"interest.decide":     event.T("判断の記録", "decision recorded"),
	"event.reduce":        event.T("イベント設定の縮小と面談の移動", "event settings reduced, meetings moved"),
	"checkin.set":         event.T("チェックイン", "checked in"),
	"checkin.clear":       event.T("チェックインの取り消し", "check-in taken back"),
	"undo":                event.T("元に戻す", "undo"),
	"redo":                event.T("やり直し", "redo"),
}

// historyFields names the fields of meetings and the other rows a history
// lists that are not in the field schema.
var historyFields = map[string]event.Text{
	"statement":   event.T("判断・関心", "statement"),
	"startup_id":  event.T("スタートアップ", "startup"),
	"company_id":  event.T("企業", "company"),
	"theme_id":    event.T("テーマ", "theme"),
	"slot":        event.T("枠", "slot"),
	"table":       event.T("テーブル", "table"),
	"status":      event.T("状態", "status"),
	"locked":      event.T("ロック", "locked"),
	"outcome":     event.T("成果", "outcome"),
	"interest":    event.T("関心", "interest"),
	"unavailable": event.T("参加できない枠", "unavailable slots"),
}

// historyAction is the action's label in lang (with its code), or the code.
func historyAction(code string, lang event.Lang) string {
	if t, ok := historyActions[code]; ok {
		return t.In(lang) + " [" + code + "]"
	}
	return code
}

// historyField is the label of a changed field of an entity: the field
// schema's label (a bilingual field's language added), else the history's
// own, else its name.
func historyField(entity, name string, lang event.Lang) string {
	base, suffix := name, ""
	if b, ok := strings.CutSuffix(name, ".ja"); ok {
		base, suffix = b, event.T("（日本語）", " (Japanese)").In(lang)
	} else if b, ok := strings.CutSuffix(name, ".en"); ok {
		base, suffix = b, event.T("（英語）", " (English)").In(lang)
	}
	switch entity {
	case event.EntityStartup, event.EntityCompany, event.EntityTheme, event.EntityEvent:
		if f := event.FieldByName(entity, base); f != nil && f.Label.In(lang) != "" {
			return f.Label.In(lang) + suffix
		}
	}
	if t, ok := historyFields[name]; ok {
		return t.In(lang)
	}
	return name
}

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
	var slotLabel func(int) string // read here, on the UI's goroutine
	if d := u.data; d != nil && d.Event != nil {
		slotLabel = d.SlotLabel
	}
	u.runBackground(func(ctx context.Context) (func(), error) {
		entries, err := r.AuditOf(ctx, entity, id, historyLimit)
		if err != nil {
			return nil, err
		}
		text := strings.Join(historyLines(entity, id, entries, u.lang, u.ht, slotLabel), "\n")
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
//
// slotLabel, when not nil, names a meeting's slot (index) as the schedule
// shows it.
func historyLines(entity, id string, entries []event.AuditEntry, lang event.Lang, t func(string) string, slotLabel func(int) string) []string {
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
		line := fmt.Sprintf("%s  %s  %s", e.At.Local().Format("2006-01-02 15:04:05"), e.Actor, historyAction(e.Action, lang))
		if l := e.Label.In(lang); l != "" {
			line += "  「" + l + "」"
		}
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
			old, new := c.Old, c.New
			if c.Entity == "meeting" && c.Field == "slot" && slotLabel != nil {
				for _, v := range []*string{&old, &new} {
					if n, err := strconv.Atoi(*v); err == nil {
						*v = slotLabel(n)
					}
				}
			}
			if c.Entity == "meeting" && (c.Field == "status" || c.Field == "outcome") {
				vocab := event.MeetingStatuses
				if c.Field == "outcome" {
					vocab = event.Outcomes
				}
				if old != "" {
					old = vocab.Label(old, lang)
				}
				if new != "" {
					new = vocab.Label(new, lang)
				}
			}
			if c.Field == event.InterestStatement {
				old, new = statementShown(old, lang), statementShown(new, lang)
			}
			out = append(out, fmt.Sprintf("    %s%s: %s → %s", o, historyField(c.Entity, c.Field, lang), val(old), val(new)))
		}
	}
	return out
}

// statementShown is an interest statement of the audit log as a reader
// sees it: "no thanks S00001 → C002 / T003 (by company)".
func statementShown(v string, lang event.Lang) string {
	in, err := event.ParseInterestValue(v)
	if err != nil || in == nil {
		return v
	}
	s := event.InterestKinds.Label(string(in.Kind), lang) + " " + in.StartupID + " → " + in.CompanyID
	if in.ThemeID != "" {
		s += " / " + in.ThemeID
	}
	return s
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
