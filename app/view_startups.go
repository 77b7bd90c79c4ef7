package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
)

// startupsView is the searchable, filterable startup list (a virtualised
// table: only visible rows are drawn) beside the edit form.
type startupsView struct {
	u    *UI
	root fyne.CanvasObject

	search      *widget.Entry
	area, stage *codeSelect
	count       *widget.Label
	table       *widget.Table
	rows        []int // indexes into Data.Startups
	form        *startupForm
	newBtn      *widget.Button
	selected    bool // a table cell is selected
}

type column struct {
	key   string
	width float32
}

func startupColumns() []column {
	return []column{{"st.id", 80}, {"st.name", 260}, {"st.prefecture", 90}, {"st.stage", 130}, {"st.product_type", 170}, {"st.areas", 260}}
}

func newStartupsView(u *UI) *startupsView {
	v := &startupsView{u: u}
	v.search = widget.NewEntry()
	v.search.SetPlaceHolder(u.t("common.search"))
	v.search.OnChanged = func(string) { v.applyFilter(); v.table.ScrollToTop() }
	v.area = newCodeSelect(event.Areas, u.lang, "", u.t("st.filter_area")+": "+u.t("common.all"))
	v.area.sel.OnChanged = func(string) { v.applyFilter(); v.table.ScrollToTop() }
	v.stage = newCodeSelect(event.DevStages, u.lang, "", u.t("st.filter_stage")+": "+u.t("common.all"))
	v.stage.sel.OnChanged = func(string) { v.applyFilter(); v.table.ScrollToTop() }
	v.count = widget.NewLabel("")
	cols := startupColumns()
	v.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(v.rows), len(cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateClip // clipping needs no per-cell shaping pass, unlike an ellipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(v.cell(id.Row, id.Col)) },
	)
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
	v.table.OnSelected = func(id widget.TableCellID) {
		v.selected = true
		if id.Row >= 0 && id.Row < len(v.rows) && v.u.data != nil {
			v.form.open(v.u.data.Startups[v.rows[id.Row]])
		}
	}
	v.form = newStartupForm(u)
	v.newBtn = widget.NewButton(u.t("common.new"), func() { v.form.open(&event.Startup{ID: v.nextID()}) })
	filters := container.NewVBox(v.search, container.NewBorder(nil, nil, nil, v.newBtn, container.NewGridWithColumns(2, v.area.sel, v.stage.sel)))
	list := container.NewBorder(filters, v.count, nil, nil, v.table)
	split := container.NewHSplit(list, v.form.root)
	split.Offset = 0.55
	v.root = split
	return v
}

func (v *startupsView) cell(row, col int) string {
	d := v.u.data
	if d == nil || row >= len(v.rows) {
		return ""
	}
	s := d.Startups[v.rows[row]]
	l := v.u.lang
	switch col {
	case 0:
		return s.ID
	case 1:
		return s.Name.In(l)
	case 2:
		return event.Prefectures.Label(s.Prefecture, l)
	case 3:
		return event.DevStages.Label(s.DevStage, l)
	case 4:
		return event.ProductTypes.Label(s.ProductType, l)
	case 5:
		return codeLabels(event.Areas, s.Areas, l)
	}
	return ""
}

func (v *startupsView) applyFilter() {
	if v.u.data == nil {
		v.rows = nil
	} else {
		v.rows = v.u.data.FilterStartups(StartupFilter{Query: v.search.Text, Area: v.area.code(), Stage: v.stage.code()})
	}
	total := 0
	if v.u.data != nil {
		total = len(v.u.data.Startups)
	}
	v.count.SetText(v.u.t("common.rows", len(v.rows), total))
	if v.selected {
		v.table.UnselectAll()
		v.selected = false
	}
	v.table.Refresh()
}

func (v *startupsView) nextID() string {
	d := v.u.data
	if d == nil {
		return "S0001"
	}
	for n := len(d.Startups) + 1; ; n++ {
		id := fmt.Sprintf("S%04d", n)
		if d.Startup(id) == nil {
			return id
		}
	}
}

func (v *startupsView) refresh() {
	v.applyFilter()
	if v.u.data == nil {
		v.newBtn.Disable()
	} else {
		v.newBtn.Enable()
	}
	v.form.refreshCurrent()
	if v.form.current == nil && len(v.rows) > 0 {
		v.table.Select(widget.TableCellID{Row: 0, Col: 0}) // show a record rather than an empty form
	}
}

func (v *startupsView) onShow() {}

// startupForm edits one startup with event's field-level validation.
type startupForm struct {
	u    *UI
	root fyne.CanvasObject

	title                                   *widget.Label
	id, nameJa, nameEn                      *widget.Entry
	founded, headcount, website, email, max *widget.Entry
	productJa, productEn                    *widget.Entry
	summaryJa, summaryEn                    *widget.Entry
	notes                                   *widget.Entry
	prefecture, funding, ptype, class, dev  *codeSelect
	purposes, areas, techs, needs, partners *codeChecks
	regulatory                              *codeChecks
	save, portal                            *widget.Button
	editState[event.Startup]
}

func newStartupForm(u *UI) *startupForm {
	f := &startupForm{u: u, editState: editState[event.Startup]{errs: newFieldErrors(u.lang)}}
	l := u.lang
	none := u.t("common.none")
	f.title = bold(u.t("common.select"))
	f.id = widget.NewEntry()
	f.nameJa, f.nameEn = widget.NewEntry(), widget.NewEntry()
	f.founded, f.headcount = widget.NewEntry(), widget.NewEntry()
	f.website, f.email, f.max = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	f.productJa, f.productEn = widget.NewEntry(), widget.NewEntry()
	f.summaryJa, f.summaryEn = multiEntryWith(""), multiEntryWith("")
	f.notes = multiEntryWith("")
	f.prefecture = newCodeSelect(event.Prefectures, l, "", none)
	f.funding = newCodeSelect(event.FundingStages, l, "", none)
	f.ptype = newCodeSelect(event.ProductTypes, l, "", none)
	f.class = newCodeSelect(event.DeviceClasses, l, "", none)
	f.dev = newCodeSelect(event.DevStages, l, "", none)
	f.purposes = newCodeChecks(event.Purposes, l, nil, 2)
	f.areas = newCodeChecks(event.Areas, l, nil, 2)
	f.techs = newCodeChecks(event.Technologies, l, nil, 2)
	f.regulatory = newCodeChecks(event.Regulatory, l, nil, 2)
	f.needs = newCodeChecks(event.Needs, l, nil, 2)
	f.partners = newCodeChecks(event.Partnerships, l, nil, 2)
	f.save = widget.NewButton(u.t("common.save"), f.onSave)
	f.save.Importance = widget.HighImportance
	f.reload = widget.NewButton(u.t("common.reload"), f.onReload)
	f.reload.Hide()
	f.portal = widget.NewButton(u.t("st.portal"), func() {
		if f.current != nil && f.current.Version > 0 {
			u.showPortalLink(f.current.ID)
		}
	})
	f.portal.Disable()
	e := f.errs
	form := schemaForm(l, e, event.EntityStartup, map[string]fyne.CanvasObject{
		"id": f.id, "name.ja": f.nameJa, "name.en": f.nameEn, "prefecture": f.prefecture.sel, "founded": f.founded,
		"headcount": f.headcount, "funding_stage": f.funding.sel, "product_name.ja": f.productJa, "product_name.en": f.productEn,
		"product_summary.ja": f.summaryJa, "product_summary.en": f.summaryEn, "product_type": f.ptype.sel,
		"device_class": f.class.sel, "dev_stage": f.dev.sel, "areas": f.areas.box, "technologies": f.techs.box,
		"purposes": f.purposes.box, "regulatory": f.regulatory.box, "needs": f.needs.box, "partnerships": f.partners.box,
		"website": f.website, "contact_email": f.email, "max_meetings": f.max, event.NotesField: f.notes,
	})
	f.root = container.NewBorder(container.NewVBox(f.title, e.banner), container.NewHBox(f.save, f.reload, f.portal, u.historyButton("startup", func() string { return idOf(f.current) }),
		u.deleteButton(event.EntityStartup, func() string {
			if f.current == nil {
				return ""
			}
			return storedID(f.current.ID, f.current.Version)
		})), nil, nil,
		container.NewScroll(form))
	f.save.Disable()
	return f
}

func (f *startupForm) load(s *event.Startup) {
	c := *s
	f.current = &c
	f.latest = nil
	f.reload.Hide()
	f.errs.clear()
	if s.Version == 0 {
		f.title.SetText(f.u.t("common.new") + ": " + s.ID)
		f.id.Enable()
		f.portal.Disable()
	} else {
		f.title.SetText(s.ID + "  " + s.Name.In(f.u.lang))
		f.id.Disable()
		f.portal.Enable()
	}
	f.id.SetText(s.ID)
	f.nameJa.SetText(s.Name.Ja)
	f.nameEn.SetText(s.Name.En)
	f.prefecture.set(s.Prefecture)
	f.founded.SetText(intOrEmpty(s.Founded))
	f.headcount.SetText(intOrEmpty(s.Headcount))
	f.funding.set(s.FundingStage)
	f.productJa.SetText(s.ProductName.Ja)
	f.productEn.SetText(s.ProductName.En)
	f.summaryJa.SetText(s.ProductSummary.Ja)
	f.summaryEn.SetText(s.ProductSummary.En)
	f.ptype.set(s.ProductType)
	f.class.set(s.DeviceClass)
	f.dev.set(s.DevStage)
	f.purposes.set(s.Purposes)
	f.areas.set(s.Areas)
	f.techs.set(s.Technologies)
	f.regulatory.set(s.Regulatory)
	f.needs.set(s.Needs)
	f.partners.set(s.Partnerships)
	f.website.SetText(s.Website)
	f.email.SetText(s.ContactEmail)
	f.max.SetText(intOrEmpty(s.MaxMeetings))
	f.notes.SetText(s.Notes)
	f.save.Enable()
	f.markClean(f.read)
}

// open shows s in the form, asking first when the form has unsaved edits.
func (f *startupForm) open(s *event.Startup) {
	if f.dirty(f.read) {
		f.u.confirmDiscard(f.current.ID+" "+f.current.Name.In(f.u.lang), func() { f.load(s) })
		return
	}
	f.load(s)
}

func intOrEmpty(n int) string {
	if n == 0 {
		return ""
	}
	return itoa(n)
}

// refreshCurrent reloads the edited record after the data changed.
func (f *startupForm) refreshCurrent() {
	if f.current == nil || f.u.data == nil {
		return
	}
	if s := f.u.data.Startup(f.current.ID); s != nil && s.Version != f.current.Version && f.latest == nil {
		// unsaved edits stay, merged with the newer stored version (form_merge.go)
		f.onStored(s, startupVersion, event.EntityStartup, f.u.lang, f.read, f.load, func() { f.load(s) })
	}
}

// read returns the edited startup, validated.
func (f *startupForm) read() (*event.Startup, error) {
	s := *f.current
	p := parser{lang: f.u.lang}
	s.ID = strings.TrimSpace(f.id.Text)
	s.Name = event.Text{Ja: f.nameJa.Text, En: f.nameEn.Text}
	s.Prefecture = f.prefecture.code()
	s.Founded = p.year("founded", f.founded.Text)
	s.Headcount = p.int("headcount", f.headcount.Text)
	s.FundingStage = f.funding.code()
	s.ProductName = event.Text{Ja: f.productJa.Text, En: f.productEn.Text}
	s.ProductSummary = event.Text{Ja: f.summaryJa.Text, En: f.summaryEn.Text}
	s.ProductType = f.ptype.code()
	s.DeviceClass = f.class.code()
	s.DevStage = f.dev.code()
	s.Purposes = f.purposes.codes()
	s.Areas = f.areas.codes()
	s.Technologies = f.techs.codes()
	s.Regulatory = f.regulatory.codes()
	s.Needs = f.needs.codes()
	s.Partnerships = f.partners.codes()
	s.Website = strings.TrimSpace(f.website.Text)
	s.ContactEmail = strings.TrimSpace(f.email.Text)
	s.MaxMeetings = p.int("max_meetings", f.max.Text)
	s.Notes = f.notes.Text
	return &s, p.merge("startup", s.Validate())
}

func (f *startupForm) onSave() {
	if f.current == nil || f.u.store == nil {
		return
	}
	s, err := f.read()
	if f.errs.show(err) {
		return
	}
	store := f.u.store
	f.save.Disable()
	d := f.u.data
	label := both(func(l event.Lang) string { return tr(l, "un.saved", s.ID+" "+d.StartupName(s.ID, l)) })
	f.u.runBackground(func(ctx context.Context) (func(), error) {
		err := saveEdited(ctx, store, "startup", s.ID, &s.Version, s, label, store.Startup,
			func(x *event.Startup) int64 { return x.Version }, store.SaveStartup)
		return func() { f.saved(s, err) }, nil
	})
}

func (f *startupForm) saved(s *event.Startup, err error) {
	f.save.Enable()
	f.applySave(f.u, s, s.ID, err)
}

// onReload merges the form's edits with the version stored meanwhile
// (editState.mergeLatest).
func (f *startupForm) onReload() { f.mergeLatest(event.EntityStartup, f.u.lang, f.read, f.load) }
