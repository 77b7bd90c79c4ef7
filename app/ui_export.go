package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// exportButton opens a menu of the export formats.
func (u *UI) exportButton() *widget.Button {
	var b *widget.Button
	b = widget.NewButton(u.t("rp.export"), func() {
		var items []*fyne.MenuItem
		for _, f := range exportFormats() {
			items = append(items, fyne.NewMenuItem(f.label.In(u.lang), func() { u.showExportDialog(f) }))
		}
		widget.ShowPopUpMenuAtRelativePosition(fyne.NewMenu("", items...), u.win.Canvas(), fyne.NewPos(0, b.Size().Height), b)
	})
	return b
}

func (u *UI) showExportDialog(f exportFormat) {
	d := u.data
	if d == nil {
		return
	}
	dlg := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		_ = w.Close()
		u.exportAsync(d, f.kind, path)
	}, u.win)
	dlg.SetFileName(f.file)
	dlg.Show()
}

// exportAsync writes an export off the UI thread.
func (u *UI) exportAsync(d *Data, kind, path string) {
	u.setStatus(u.t("app.loading"))
	u.runBackground(func(ctx context.Context) (func(), error) {
		if err := ExportFile(ctx, d, kind, path); err != nil {
			return nil, err
		}
		return func() { u.setStatus(u.t("app.saved") + ": " + path) }, nil
	})
}

// showPortalLink creates a startup's private portal link and shows it,
// copied to the clipboard.
func (u *UI) showPortalLink(startupID string) {
	store := u.store
	if store == nil {
		return
	}
	u.runBackground(func(ctx context.Context) (func(), error) {
		link, err := PortalLink(ctx, store, startupID)
		if err != nil {
			return nil, err
		}
		return func() {
			u.app.Clipboard().SetContent(link)
			e := widget.NewEntry()
			e.SetText(link)
			dialog.ShowCustom(u.t("st.portal")+": "+startupID, "OK", container.NewVBox(widget.NewLabel(u.t("st.portal_copied")), e), u.win)
			u.setStatus(u.t("st.portal_copied"))
		}, nil
	})
}
