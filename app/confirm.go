package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// maxListed is how many affected items a confirmation lists by name; the
// rest are counted ("… and 120 more").
const maxListed = 200

// confirmList asks before an action that moves, hides or removes meetings
// or decisions: message states the count, items list what is affected, and
// ok runs only when the organizer presses the confirm button (labelled
// okLabel). Nothing happens on cancel.
func (u *UI) confirmList(title, message string, items []string, okLabel string, ok func()) {
	msg := widget.NewLabel(message)
	msg.Wrapping = fyne.TextWrapWord
	content := []fyne.CanvasObject{msg}
	if len(items) > 0 {
		shown := items
		if len(shown) > maxListed {
			shown = shown[:maxListed]
		}
		list := widget.NewList(func() int { return len(shown) },
			func() fyne.CanvasObject {
				l := widget.NewLabel("")
				l.Truncation = fyne.TextTruncateEllipsis
				return l
			},
			func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(shown[i]) })
		rows := min(len(shown), 8)
		scroll := container.NewStack(list)
		h := float32(rows)*(list.MinSize().Height+4) + 8
		content = append(content, container.NewGridWrap(fyne.NewSize(560, h), scroll))
		if len(items) > maxListed {
			content = append(content, widget.NewLabel(u.t("cf.more", len(items)-maxListed)))
		}
	}
	d := dialog.NewCustomConfirm(title, okLabel, u.t("cf.cancel"), container.NewVBox(content...), func(yes bool) {
		if yes {
			ok()
		}
	}, u.win)
	d.Resize(fyne.NewSize(620, 0))
	d.Show()
}

// confirmDiscard asks before dropping unsaved edits of what (a record's
// name); discard runs when the organizer chooses to drop them.
func (u *UI) confirmDiscard(what string, discard func()) {
	dialog.NewCustomConfirm(u.t("cf.unsaved_title"), u.t("cf.discard"), u.t("cf.keep_editing"),
		widget.NewLabel(u.t("cf.unsaved", what)), func(yes bool) {
			if yes {
				discard()
			}
		}, u.win).Show()
}

// meetingLine describes meeting i of d for a confirmation list.
func (d *Data) meetingLine(i int, u *UI) string {
	m := d.Meetings[i]
	return fmt.Sprintf("%s %s  %s ⇄ %s  (%s)", d.SlotLabel(m.Slot), u.t("sc.table", m.Table+1),
		d.StartupShort(m.StartupID, u.lang), d.CompanyShort(m.CompanyID, u.lang), statusLabel(m.Status, u.lang))
}
