package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
)

// companiesView lists companies (searchable, including theme titles) and
// edits a company and its themes.
type companiesView struct {
	u    *UI
	root fyne.CanvasObject

	search  *widget.Entry
	list    *widget.List
	rows    []int
	count   *widget.Label
	company *companyForm
	themes  *widget.List
	themeOf []*event.Theme
	theme   *themeForm
	newCo   *widget.Button
	newTh   *widget.Button
	right   *container.AppTabs // company (with its theme list) | theme
}

func newCompaniesView(u *UI) *companiesView {
	v := &companiesView{u: u}
	v.search = widget.NewEntry()
	v.search.SetPlaceHolder(u.t("common.search"))
	v.search.OnChanged = func(string) { v.applyFilter() }
	v.count = widget.NewLabel("")
	v.list = widget.NewList(func() int { return len(v.rows) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if d := v.u.data; d != nil && i < len(v.rows) {
				c := d.Companies[v.rows[i]]
				o.(*widget.Label).SetText(c.ID + "  " + c.Name.In(v.u.lang))
			}
		})
	v.list.OnSelected = func(i widget.ListItemID) {
		if d := v.u.data; d != nil && i < len(v.rows) {
			v.pickCompany(d.Companies[v.rows[i]])
		}
	}
	v.themes = widget.NewList(func() int { return len(v.themeOf) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(v.themeOf) {
				o.(*widget.Label).SetText(v.themeOf[i].ID + "  " + v.themeOf[i].Title.In(v.u.lang))
			}
		})
	v.themes.OnSelected = func(i widget.ListItemID) {
		if i < len(v.themeOf) {
			th := v.themeOf[i]
			v.unsavedThen(func() { v.theme.load(th) })
			v.right.SelectIndex(1)
		}
	}
	v.company = newCompanyForm(u)
	v.theme = newThemeForm(u)
	v.newCo = widget.NewButton(u.t("common.new"), func() {
		v.pickCompany(&event.Company{ID: v.nextID("C", func(id string) bool { return v.u.data.Company(id) != nil })})
	})
	v.newTh = widget.NewButton(u.t("common.new")+" "+u.t("co.themes"), func() {
		if v.company.current == nil || v.company.current.Version == 0 {
			return
		}
		v.theme.load(&event.Theme{CompanyID: v.company.current.ID,
			ID: v.nextID(v.company.current.ID+"-T", func(id string) bool { return v.u.data.Theme(id) != nil })})
		v.right.SelectIndex(1)
	})
	left := container.NewBorder(container.NewBorder(nil, nil, nil, v.newCo, v.search), v.count, nil, nil, v.list)
	themeList := container.NewBorder(container.NewBorder(nil, nil, bold(u.t("co.themes")), v.newTh), nil, nil, nil, v.themes)
	middle := container.NewVSplit(v.company.root, themeList)
	middle.Offset = 0.6
	v.right = container.NewAppTabs(
		container.NewTabItem(u.t("co.company"), middle),
		container.NewTabItem(u.t("th.edit"), v.theme.root))
	split := container.NewHSplit(left, v.right)
	split.Offset = 0.25
	v.root = split
	return v
}

func (v *companiesView) nextID(prefix string, exists func(string) bool) string {
	for n := 1; ; n++ {
		id := prefix + itoa2(n)
		if v.u.data == nil || !exists(id) {
			return id
		}
	}
}

func itoa2(n int) string {
	if n < 10 {
		return "0" + itoa(n)
	}
	return itoa(n)
}

// pickCompany shows c, asking first when a form has unsaved edits.
func (v *companiesView) pickCompany(c *event.Company) {
	v.unsavedThen(func() { v.selectCompany(c) })
}

// unsavedThen runs next at once when the company and theme forms hold no
// unsaved edits, else after the organizer agrees to drop them.
func (v *companiesView) unsavedThen(next func()) {
	switch {
	case v.company.dirty(v.company.read):
		v.u.confirmDiscard(v.company.current.ID+" "+v.company.current.Name.In(v.u.lang), next)
	case v.theme.current != nil && v.theme.dirty(v.theme.read):
		v.u.confirmDiscard(v.theme.current.ID+" "+v.theme.current.Title.In(v.u.lang), next)
	default:
		next()
	}
}

func (v *companiesView) selectCompany(c *event.Company) {
	v.company.load(c)
	v.themeOf = nil
	if v.u.data != nil {
		v.themeOf = v.u.data.ThemesOf(c.ID)
	}
	v.themes.UnselectAll()
	v.themes.Refresh()
	v.theme.clear()
	v.right.SelectIndex(0)
}

// reloadCompany shows a new snapshot's version of the company on screen
// and its themes, and gives the theme form the same answer as the others
// (onStored): a theme being edited is neither cleared nor replaced, but
// merged with a newer stored version.
func (v *companiesView) reloadCompany(c *event.Company) {
	v.company.load(c)
	v.themeOf = v.u.data.ThemesOf(c.ID)
	v.themes.Refresh()
	tf := v.theme
	if tf.current == nil || tf.latest != nil {
		return
	}
	stored := v.u.data.Theme(tf.current.ID)
	if stored == nil || stored.CompanyID != c.ID {
		if !tf.dirty(tf.read) {
			tf.clear() // deleted or moved elsewhere, nothing typed to keep
		}
		return
	}
	tf.onStored(stored, themeVersion, event.EntityTheme, v.u.lang, tf.read, tf.load, func() { tf.load(stored) })
}

func (v *companiesView) applyFilter() {
	total := 0
	v.rows = nil
	if d := v.u.data; d != nil {
		v.rows = d.FilterCompanies(v.search.Text)
		total = len(d.Companies)
	}
	v.count.SetText(v.u.t("common.rows", len(v.rows), total))
	v.list.UnselectAll()
	v.list.Refresh()
}

func (v *companiesView) refresh() {
	v.applyFilter()
	if v.u.data == nil {
		v.newCo.Disable()
		return
	}
	v.newCo.Enable()
	if c := v.company.current; c != nil {
		if cur := v.u.data.Company(c.ID); cur != nil && v.company.latest == nil {
			f := v.company // unsaved edits stay, merged with a newer stored version (form_merge.go)
			f.onStored(cur, companyVersion, event.EntityCompany, v.u.lang, f.read, f.load, func() { v.reloadCompany(cur) })
		}
	} else if len(v.rows) > 0 {
		v.list.Select(0) // show a record rather than an empty form
	}
}

func (v *companiesView) onShow() {}

// companyForm edits a company.
type companyForm struct {
	u    *UI
	root fyne.CanvasObject

	title                                  *widget.Label
	id, nameJa, nameEn, scouts, max, table *widget.Entry
	descJa, descEn, notes                  *widget.Entry
	save                                   *widget.Button
	editState[event.Company]
}

func newCompanyForm(u *UI) *companyForm {
	f := &companyForm{u: u, editState: editState[event.Company]{errs: newFieldErrors(u.lang)}}
	f.title = bold(u.t("common.select"))
	f.id, f.nameJa, f.nameEn = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	f.scouts, f.max, f.table = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	f.descJa, f.descEn, f.notes = multiEntryWith(""), multiEntryWith(""), multiEntryWith("")
	e := f.errs
	form := schemaForm(u.lang, e, event.EntityCompany, map[string]fyne.CanvasObject{
		"id": f.id, "name.ja": f.nameJa, "name.en": f.nameEn, "description.ja": f.descJa, "description.en": f.descEn,
		"scouts": f.scouts, "max_meetings": f.max, "tables": f.table, event.NotesField: f.notes,
	})
	f.save = widget.NewButton(u.t("common.save"), f.onSave)
	f.save.Importance = widget.HighImportance
	f.save.Disable()
	f.reload = widget.NewButton(u.t("common.reload"), func() {
		f.mergeLatest(event.EntityCompany, f.u.lang, f.read, f.load)
	})
	f.reload.Hide()
	f.root = container.NewBorder(container.NewVBox(f.title, e.banner), container.NewHBox(f.save, f.reload, u.historyButton("company", func() string { return idOf(f.current) }),
		u.scoutLinksButton(func() string { return idOf(f.current) }),
		u.deleteButton(event.EntityCompany, func() string {
			if f.current == nil {
				return ""
			}
			return storedID(f.current.ID, f.current.Version)
		})), nil, nil, container.NewVScroll(form))
	return f
}

func (f *companyForm) load(c *event.Company) {
	cp := *c
	f.current, f.latest = &cp, nil
	f.reload.Hide()
	f.errs.clear()
	f.title.SetText(c.ID + "  " + c.Name.In(f.u.lang))
	f.id.SetText(c.ID)
	if c.Version == 0 {
		f.id.Enable()
	} else {
		f.id.Disable()
	}
	f.nameJa.SetText(c.Name.Ja)
	f.nameEn.SetText(c.Name.En)
	f.descJa.SetText(c.Description.Ja)
	f.descEn.SetText(c.Description.En)
	f.scouts.SetText(strings.Join(c.Scouts, "; "))
	f.max.SetText(intOrEmpty(c.MaxMeetings))
	f.table.SetText(intOrEmpty(c.Tables))
	f.notes.SetText(c.Notes)
	f.save.Enable()
	f.markClean(f.read)
}

func (f *companyForm) read() (*event.Company, error) {
	c := *f.current
	p := parser{lang: f.u.lang}
	c.ID = strings.TrimSpace(f.id.Text)
	c.Name = event.Text{Ja: f.nameJa.Text, En: f.nameEn.Text}
	c.Description = event.Text{Ja: f.descJa.Text, En: f.descEn.Text}
	c.Scouts = event.SplitNames(f.scouts.Text)
	c.MaxMeetings = p.int("max_meetings", f.max.Text)
	c.Tables = p.int("tables", f.table.Text)
	c.Notes = f.notes.Text
	return &c, p.merge("company", c.Validate())
}

func (f *companyForm) onSave() {
	if f.current == nil || f.u.store == nil {
		return
	}
	c, err := f.read()
	if f.errs.show(err) {
		return
	}
	store := f.u.store
	d := f.u.data
	label := both(func(l event.Lang) string { return tr(l, "un.saved", c.ID+" "+d.CompanyName(c.ID, l)) })
	f.u.runBackground(func(ctx context.Context) (func(), error) {
		err := saveEdited(ctx, store, "company", c.ID, &c.Version, c, label, store.Company,
			func(x *event.Company) int64 { return x.Version }, store.SaveCompany)
		return func() { f.applySave(f.u, c, c.ID, err) }, nil
	})
}

// themeForm edits a theme.
type themeForm struct {
	u    *UI
	root fyne.CanvasObject

	title                          *widget.Label
	id, titleJa, titleEn           *widget.Entry
	descJa, descEn                 *widget.Entry
	stageMin, stageMax             *codeSelect
	areas, techs, ptypes, partners *codeChecks
	classes                        *codeChecks
	save                           *widget.Button
	editState[event.Theme]
}

func newThemeForm(u *UI) *themeForm {
	f := &themeForm{u: u, editState: editState[event.Theme]{errs: newFieldErrors(u.lang)}}
	l := u.lang
	f.title = bold(u.t("common.select"))
	f.id, f.titleJa, f.titleEn = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	f.descJa, f.descEn = multiEntryWith(""), multiEntryWith("")
	f.stageMin = newCodeSelect(event.DevStages, l, "", u.t("common.none"))
	f.stageMax = newCodeSelect(event.DevStages, l, "", u.t("common.none"))
	f.areas = newCodeChecks(event.Areas, l, nil, 3)
	f.techs = newCodeChecks(event.Technologies, l, nil, 2)
	f.ptypes = newCodeChecks(event.ProductTypes, l, nil, 2)
	f.classes = newCodeChecks(event.DeviceClasses, l, nil, 2)
	f.partners = newCodeChecks(event.Partnerships, l, nil, 3)
	e := f.errs
	form := schemaForm(l, e, event.EntityTheme, map[string]fyne.CanvasObject{
		"id": f.id, "title.ja": f.titleJa, "title.en": f.titleEn, "description.ja": f.descJa, "description.en": f.descEn,
		"stage_min": f.stageMin.sel, "stage_max": f.stageMax.sel, "areas": f.areas.box, "technologies": f.techs.box,
		"product_types": f.ptypes.box, "classes": f.classes.box, "partnerships": f.partners.box,
	})
	f.save = widget.NewButton(u.t("common.save"), f.onSave)
	f.save.Importance = widget.HighImportance
	f.reload = widget.NewButton(u.t("common.reload"), func() {
		f.mergeLatest(event.EntityTheme, f.u.lang, f.read, f.load)
	})
	f.root = container.NewBorder(container.NewVBox(f.title, e.banner), container.NewHBox(f.save, f.reload, u.historyButton("theme", func() string { return idOf(f.current) }),
		u.deleteButton(event.EntityTheme, func() string {
			if f.current == nil {
				return ""
			}
			return storedID(f.current.ID, f.current.Version)
		})), nil, nil, container.NewScroll(form))
	f.clear()
	return f
}

func (f *themeForm) clear() {
	f.current, f.latest = nil, nil
	f.title.SetText(f.u.t("common.select"))
	f.errs.clear()
	f.save.Disable()
	f.reload.Hide()
}

func (f *themeForm) load(t *event.Theme) {
	cp := *t
	f.current, f.latest = &cp, nil
	f.reload.Hide()
	f.errs.clear()
	f.title.SetText(t.ID + "  " + t.Title.In(f.u.lang))
	f.id.SetText(t.ID)
	if t.Version == 0 {
		f.id.Enable()
	} else {
		f.id.Disable()
	}
	f.titleJa.SetText(t.Title.Ja)
	f.titleEn.SetText(t.Title.En)
	f.descJa.SetText(t.Description.Ja)
	f.descEn.SetText(t.Description.En)
	f.stageMin.set(t.StageMin)
	f.stageMax.set(t.StageMax)
	f.areas.set(t.Areas)
	f.techs.set(t.Technologies)
	f.ptypes.set(t.ProductTypes)
	f.classes.set(t.Classes)
	f.partners.set(t.Partnerships)
	f.save.Enable()
	f.markClean(f.read)
}

func (f *themeForm) read() (*event.Theme, error) {
	t := *f.current
	t.ID = strings.TrimSpace(f.id.Text)
	t.Title = event.Text{Ja: f.titleJa.Text, En: f.titleEn.Text}
	t.Description = event.Text{Ja: f.descJa.Text, En: f.descEn.Text}
	t.StageMin, t.StageMax = f.stageMin.code(), f.stageMax.code()
	t.Areas, t.Technologies = f.areas.codes(), f.techs.codes()
	t.ProductTypes, t.Classes, t.Partnerships = f.ptypes.codes(), f.classes.codes(), f.partners.codes()
	return &t, t.Validate()
}

func (f *themeForm) onSave() {
	if f.current == nil || f.u.store == nil {
		return
	}
	t, err := f.read()
	if f.errs.show(err) {
		return
	}
	store := f.u.store
	label := both(func(l event.Lang) string { return tr(l, "un.saved", t.ID+" "+t.Title.In(l)) })
	f.u.runBackground(func(ctx context.Context) (func(), error) {
		err := saveEdited(ctx, store, "theme", t.ID, &t.Version, t, label, store.Theme,
			func(x *event.Theme) int64 { return x.Version }, store.SaveTheme)
		return func() { f.applySave(f.u, t, t.ID, err) }, nil
	})
}
