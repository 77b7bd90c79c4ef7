package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
)

// requestsView shows who asked whom at a glance: counts by kind and a
// filterable table of every interest.
type requestsView struct {
	u    *UI
	root fyne.CanvasObject

	summary *widget.Label
	kind    *codeSelect
	search  *widget.Entry
	table   *widget.Table
	rows    []RequestRow
}

func requestColumns() []column {
	return []column{{"rq.kind", 170}, {"rq.from", 260}, {"rq.to", 260}, {"rq.theme", 260}, {"rq.mutual", 80}, {"rq.note", 240}}
}

func newRequestsView(u *UI) *requestsView {
	v := &requestsView{u: u}
	v.summary = bold("")
	v.summary.Wrapping = fyne.TextWrapWord
	v.kind = newCodeSelect(event.InterestKinds, u.lang, "", u.t("rq.kind")+": "+u.t("common.all"))
	v.kind.sel.OnChanged = func(string) { v.refresh() }
	v.search = widget.NewEntry()
	v.search.SetPlaceHolder(u.t("common.search"))
	v.search.OnChanged = func(string) { v.refresh() }
	cols := requestColumns()
	v.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(v.rows), len(cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(v.cell(id.Row, id.Col)) })
	v.table.ShowHeaderColumn = false
	v.table.CreateHeader = func() fyne.CanvasObject { return bold("") }
	v.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			o.(*widget.Label).SetText(u.t(cols[id.Col].key))
		}
	}
	for i, c := range cols {
		v.table.SetColumnWidth(i, c.width)
	}
	top := container.NewVBox(v.summary, container.NewBorder(nil, nil, v.kind.sel, nil, v.search))
	v.root = container.NewBorder(top, nil, nil, nil, v.table)
	return v
}

func (v *requestsView) cell(row, col int) string {
	if row >= len(v.rows) {
		return ""
	}
	r := v.rows[row]
	switch col {
	case 0:
		return event.InterestKinds.Label(string(r.Kind), v.u.lang)
	case 1:
		return r.From
	case 2:
		return r.To
	case 3:
		return r.Theme
	case 4:
		if r.Mutual {
			return "✓"
		}
	case 5:
		return r.Note
	}
	return ""
}

func (v *requestsView) refresh() {
	d := v.u.data
	if d == nil {
		v.rows = nil
		v.summary.SetText(v.u.t("app.nofile"))
		v.table.Refresh()
		return
	}
	c := d.InterestCounts()
	v.summary.SetText(v.u.t("rq.summary", c[event.InterestApply], c[event.InterestRequest], c[event.InterestShortlist],
		c[event.InterestMustMeet], c[event.InterestNoThanks], c[event.InterestConflict]))
	v.rows = d.RequestRows(event.InterestKind(v.kind.code()), v.search.Text, v.u.lang)
	v.table.Refresh()
}

func (v *requestsView) onShow() {}
