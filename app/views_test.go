package app

import (
	"context"
	"image"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/assets"
	"pitchmatch/event"
)

func TestThemeBundlesJapaneseFont(t *testing.T) {
	th := NewTheme()
	for _, s := range []fyne.TextStyle{{}, {Bold: true}, {Italic: true}} {
		if r := th.Font(s); r.Name() != assets.JapaneseFontName || len(r.Content()) != len(assets.JapaneseFont()) {
			t.Fatalf("style %+v: font %s, want the bundled IPAexGothic", s, r.Name())
		}
	}
	test.NewTempApp(t)
	test.ApplyTheme(t, th)
	render := func(s string) image.Image {
		l := widget.NewLabel(s)
		w := test.NewTempWindow(t, l)
		w.Resize(fyne.NewSize(200, 40))
		return w.Canvas().Capture()
	}
	// Missing glyphs draw identical boxes (or nothing) for any text; real
	// glyphs make different words look different.
	a, b := render("日本語の表示"), render("表示の日本語")
	if sameImage(a, b) {
		t.Fatal("two different Japanese strings render identically: glyphs missing")
	}
	l := widget.NewLabel("スタートアップ一覧・面談スケジュール")
	test.AssertObjectRendersToImage(t, "japanese_label.png", l)
}

func sameImage(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}

func TestStartupsViewSearchFilterAndSelect(t *testing.T) {
	u, _ := openUI(t, event.Ja)
	if err := u.ShowView("startups"); err != nil {
		t.Fatal(err)
	}
	v := u.startupsV
	total := len(u.Data().Startups)
	if len(v.rows) != total || v.count.Text != tr(event.Ja, "common.rows", total, total) {
		t.Fatalf("rows %d, label %q; want all %d", len(v.rows), v.count.Text, total)
	}
	target := u.Data().Startups[5]
	test.Type(v.search, target.Name.Ja)
	if len(v.rows) == 0 || len(v.rows) == total {
		t.Fatalf("search %q left %d of %d rows", target.Name.Ja, len(v.rows), total)
	}
	found := false
	for r := range v.rows {
		if v.cell(r, 0) == target.ID {
			found = true
			if v.cell(r, 1) != target.Name.Ja {
				t.Fatalf("name cell %q, want the Japanese name %q", v.cell(r, 1), target.Name.Ja)
			}
			v.table.Select(widget.TableCellID{Row: r, Col: 1})
		}
	}
	if !found {
		t.Fatalf("%s not in the search result", target.ID)
	}
	if v.form.id.Text != target.ID || v.form.nameJa.Text != target.Name.Ja {
		t.Fatalf("form shows %q %q, want %s", v.form.id.Text, v.form.nameJa.Text, target.ID)
	}
	if want := event.DevStages.Label(target.DevStage, event.Ja); v.form.dev.sel.Selected != want {
		t.Fatalf("stage select shows %q, want %q", v.form.dev.sel.Selected, want)
	}
	// The area check boxes must be on screen (laid out in the window) and
	// ticked for the startup's areas.
	ticked := 0
	for _, o := range test.LaidOutObjects(u.Window().Content()) {
		if c, ok := o.(*widget.Check); ok && c.Checked && c.Visible() {
			for _, a := range target.Areas {
				if c.Text == event.Areas.Label(a, event.Ja) {
					ticked++
				}
			}
		}
	}
	if ticked < len(target.Areas) || len(target.Areas) == 0 {
		t.Fatalf("%d of %d area boxes ticked on screen", ticked, len(target.Areas))
	}
	v.search.SetText("")
	v.area.sel.SetSelectedIndex(event.Areas.Rank("cardiovascular") + 1)
	for _, r := range v.rows {
		if !hasCode(u.Data().Startups[r].Areas, "cardiovascular") {
			t.Fatalf("row %s lacks the filtered area", u.Data().Startups[r].ID)
		}
	}
	if len(v.rows) == 0 || len(v.rows) == total {
		t.Fatalf("area filter left %d of %d rows", len(v.rows), total)
	}
}

func selectStartup(t *testing.T, u *UI, i int) *startupForm {
	t.Helper()
	u.ShowView("startups")
	u.startupsV.table.Select(widget.TableCellID{Row: i, Col: 0})
	f := u.startupsV.form
	if f.current == nil || f.current.ID != u.Data().Startups[u.startupsV.rows[i]].ID {
		t.Fatal("selecting a row did not load the form")
	}
	return f
}

func TestStartupFormShowsFieldErrors(t *testing.T) {
	u, path := openUI(t, event.Ja)
	f := selectStartup(t, u, 0)
	id := f.current.ID
	f.nameJa.SetText("")
	f.nameEn.SetText("")
	f.email.SetText("")
	test.Type(f.email, "not-an-address")
	f.founded.SetText("19x9")
	test.Tap(f.save)
	u.Wait()
	want := map[string]string{
		"name.ja":       "日本語か英語のどちらかを入力してください",
		"contact_email": "メールアドレスの形式が正しくありません",
		"founded":       "数値を入力してください",
	}
	for field, msg := range want {
		if got := f.errs.text(field); !strings.Contains(got, msg) {
			t.Errorf("%s: error %q, want %q", field, got, msg)
		}
	}
	if !f.errs.banner.Visible() {
		t.Error("the banner should summarise the invalid input")
	}
	stored, err := otherStore(t, path).Startup(context.Background(), id)
	if err != nil || stored.Name.IsZero() || stored.Version != f.current.Version {
		t.Fatalf("invalid input reached the store: %+v %v", stored, err)
	}
}

func TestStartupFormSavesAndDetectsConflict(t *testing.T) {
	u, path := openUI(t, event.Ja)
	f := selectStartup(t, u, 1)
	id, v0 := f.current.ID, f.current.Version

	f.productEn.SetText("PulseSense v2")
	test.Tap(f.save)
	u.Wait()
	other := otherStore(t, path)
	ctx := context.Background()
	s, err := other.Startup(ctx, id)
	if err != nil || s.ProductName.En != "PulseSense v2" || s.Version != v0+1 {
		t.Fatalf("saved %+v %v; want the new product name at version %d", s, err, v0+1)
	}
	if u.Data().Startup(id).ProductName.En != "PulseSense v2" {
		t.Fatal("the view did not reload after saving")
	}

	// Someone else changes the record; our stale save must be refused.
	s.ProductName.Ja = "別の場所での変更"
	if err := other.SaveStartup(ctx, "someone", s); err != nil {
		t.Fatal(err)
	}
	f.productEn.SetText("stale edit")
	test.Tap(f.save)
	u.Wait()
	conflict := (&event.ConflictError{}).Unwrap().(*event.Error).Message.Ja
	if f.errs.banner.Text != conflict || !f.reload.Visible() {
		t.Fatalf("banner %q (reload visible %v); want %q", f.errs.banner.Text, f.reload.Visible(), conflict)
	}
	test.Tap(f.reload)
	if f.productJa.Text != "別の場所での変更" || f.current.Version != s.Version {
		t.Fatalf("reload shows %q v%d, want the stored version %d", f.productJa.Text, f.current.Version, s.Version)
	}
	// The reload merged three-way: the edit made here is still in the form,
	// and saving stores both.
	if f.productEn.Text != "stale edit" {
		t.Fatalf("reload dropped the form's own edit: %q", f.productEn.Text)
	}
	test.Tap(f.save)
	u.Wait()
	if got, err := other.Startup(ctx, id); err != nil || got.ProductName.Ja != "別の場所での変更" || got.ProductName.En != "stale edit" {
		t.Fatalf("after the merged save: %+v %v", got, err)
	}
}

func TestEventViewValidatesAndSaves(t *testing.T) {
	u, path := openUI(t, event.En)
	v := u.eventV
	if len(v.days) != 1 || v.nameJa.Text == "" {
		t.Fatalf("event not loaded: %d days, name %q", len(v.days), v.nameJa.Text)
	}
	v.days[0].date.SetText("14/10/2026")
	v.days[0].breaks.SetText("4-60")
	test.Tap(v.save)
	if got := v.errs.text("days[0].date"); got != "must be a date YYYY-MM-DD" {
		t.Fatalf("date error %q", got)
	}
	if got := v.errs.text("days[0].breaks"); !strings.Contains(got, "3:15") {
		t.Fatalf("breaks error %q", got)
	}
	v.days[0].date.SetText("2026-10-14")
	v.days[0].breaks.SetText("4:15")
	test.Tap(v.addDay)
	v.days[1].date.SetText("2026-10-15")
	v.tables.SetText("5")
	test.Tap(v.save)
	u.Wait()
	if v.errs.banner.Visible() {
		t.Fatalf("unexpected error: %s", v.errs.banner.Text)
	}
	ev, err := otherStore(t, path).Event(context.Background())
	if err != nil || len(ev.Days) != 2 || ev.Tables != 5 || ev.Days[0].Breaks[0] != (event.Break{AfterSlot: 4, Minutes: 15}) {
		t.Fatalf("stored event %+v %v", ev, err)
	}
}

func TestRankingsViewRanksExplainsAndRecords(t *testing.T) {
	u, path := openUI(t, event.Ja)
	u.ShowView("rankings")
	u.Wait() // the first visit ranks the first theme in the background
	v := u.rankingsV
	th := u.Data().Themes[0]
	v.SelectTheme(th.ID)
	u.Wait()
	if len(v.results) == 0 {
		t.Fatalf("no ranking for %s; status %q", th.ID, v.status.Text)
	}
	for i := 1; i < len(v.results); i++ {
		if v.results[i].Score > v.results[i-1].Score {
			t.Fatal("results are not best first")
		}
	}
	v.list.Select(0)
	r := v.results[0]
	if !strings.Contains(v.header.Text, r.StartupID) || !strings.Contains(v.header.Text, th.Title.Ja) {
		t.Fatalf("header %q", v.header.Text)
	}
	bars := 0
	for _, o := range v.detail.Objects {
		if c, ok := o.(*fyne.Container); ok {
			if _, ok := c.Layout.(*barLayout); ok {
				bars++
			}
		}
	}
	if bars != len(r.Features) || bars == 0 {
		t.Fatalf("%d bars for %d features", bars, len(r.Features))
	}
	var sum float64
	for _, c := range Contributions(r) {
		sum += c.Share
	}
	if d := sum - r.Score; d > 1e-9 || d < -1e-9 {
		t.Fatalf("contributions sum to %.6f, score %.6f", sum, r.Score)
	}

	v.note.SetText("")
	test.Type(v.note, "治験データを確認したい")
	test.Tap(v.request)
	u.Wait()
	ins, err := otherStore(t, path).Interests(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, in := range ins {
		if in.Kind == event.InterestRequest && in.StartupID == r.StartupID && in.CompanyID == r.CompanyID && in.Note == "治験データを確認したい" {
			found = true
		}
	}
	if !found {
		t.Fatalf("the request was not stored; status %q", u.status.Text)
	}
	if !strings.Contains(v.pairStatus.Text, "面談リクエスト") {
		t.Fatalf("status %q should show the request", v.pairStatus.Text)
	}

	// The reverse view: themes for one startup.
	v.mode.SetSelected(tr(event.Ja, "rk.by_startup"))
	v.startupQ.SetText(r.StartupID)
	v.startupQ.OnSubmitted(r.StartupID)
	u.Wait()
	if len(v.results) == 0 || v.results[0].StartupID != r.StartupID {
		t.Fatalf("reverse ranking: %d results", len(v.results))
	}
}

func TestScheduleRunMoveLockAndReports(t *testing.T) {
	u, path := openUI(t, event.Ja)
	u.ShowView("schedule")
	v := u.scheduleV
	test.Tap(v.run)
	u.Wait()
	if !strings.Contains(v.report.Text, "ギャップ") {
		t.Fatalf("gap report %q", v.report.Text)
	}
	ms, err := otherStore(t, path).Meetings(context.Background())
	if err != nil || len(ms) == 0 {
		t.Fatalf("no meetings stored: %v", err)
	}
	d := u.Data()
	if len(d.Meetings) != len(ms) || v.progress.Value != 1 {
		t.Fatalf("view has %d meetings, store %d; progress %.2f", len(d.Meetings), len(ms), v.progress.Value)
	}
	// Find two meetings in the same slot and try to move one onto the other's table.
	grid := d.Grid()
	var a, b = -1, -1
	for _, row := range grid {
		var in []int
		for _, i := range row {
			if i >= 0 {
				in = append(in, i)
			}
		}
		if len(in) >= 2 {
			a, b = in[0], in[1]
			break
		}
	}
	if a < 0 {
		t.Fatal("no slot with two meetings")
	}
	v.selectMeeting(a)
	v.toTable.SetSelectedIndex(d.Meetings[b].Table)
	test.Tap(v.move)
	if !strings.Contains(v.problems.Text, "使用中") {
		t.Fatalf("moving onto an occupied table: problems %q", v.problems.Text)
	}
	// Move to a free table in a slot where neither side meets.
	free := -1
	for s, row := range grid {
		if len(d.CheckMove(a, s, 0)) == 0 {
			free = s
			_ = row
			break
		}
	}
	if free >= 0 {
		v.toSlot.SetSelectedIndex(free)
		v.toTable.SetSelectedIndex(0)
		test.Tap(v.move)
		u.Wait()
		if m := u.Data().Meetings[a]; m.Slot != free || m.Table != 0 {
			t.Fatalf("moved meeting at %d/%d, want %d/0", m.Slot, m.Table, free)
		}
	}
	v.selectMeeting(a)
	test.Tap(v.lock)
	u.Wait()
	if !u.Data().Meetings[a].Locked || v.lock.Text != "ロック解除" {
		t.Fatalf("lock: %v, button %q", u.Data().Meetings[a].Locked, v.lock.Text)
	}

	u.ShowView("reports")
	u.Wait()
	r := u.reportsV
	if r.kpi.Meetings != len(ms) {
		t.Fatalf("KPI meetings %d, want %d", r.kpi.Meetings, len(ms))
	}
	for i, img := range r.images {
		if img.Image == nil || img.Image.Bounds().Dx() < 100 {
			t.Fatalf("chart %d not drawn", i)
		}
	}
}

func TestRequestsViewAtAGlance(t *testing.T) {
	u, _ := openUI(t, event.En)
	u.ShowView("requests")
	v := u.requestsV
	c := u.Data().InterestCounts()
	if !strings.Contains(v.summary.Text, "Applications") || len(v.rows) != len(u.Data().Interests) {
		t.Fatalf("summary %q, %d rows of %d", v.summary.Text, len(v.rows), len(u.Data().Interests))
	}
	v.kind.sel.SetSelectedIndex(event.InterestKinds.Rank(string(event.InterestApply)) + 1)
	if len(v.rows) != c[event.InterestApply] {
		t.Fatalf("apply filter: %d rows, want %d", len(v.rows), c[event.InterestApply])
	}
	for r := range v.rows {
		if v.cell(r, 0) != "Application (startup → theme)" {
			t.Fatalf("row %d kind %q", r, v.cell(r, 0))
		}
	}
}

func TestLanguageSwitchAndPreference(t *testing.T) {
	u, _ := openUI(t, event.Ja)
	if got := u.tabs.Items[1].Text; got != "スタートアップ" {
		t.Fatalf("tab %q", got)
	}
	u.ShowView("settings")
	u.settingsV.lang.SetSelected("English")
	if got := u.tabs.Items[1].Text; got != "Startups" || u.tabs.SelectedIndex() != 7 {
		t.Fatalf("after switching: tab %q, selected %d", got, u.tabs.SelectedIndex())
	}
	u.ShowView("startups")
	if u.startupsV.cell(0, 1) != u.Data().Startups[0].Name.In(event.En) {
		t.Fatal("the list did not switch language")
	}
	// A new window without --lang takes the saved preference.
	u2 := New(u.app, "", DefaultServices())
	u2.clk = instantClock()
	defer u2.Close()
	if u2.Lang() != event.En {
		t.Fatalf("preference not applied: %s", u2.Lang())
	}
}

func TestSettingsSaveWeights(t *testing.T) {
	u, path := openUI(t, event.En)
	u.ShowView("settings")
	v := u.settingsV
	v.weights["area"].SetText("abc")
	test.Tap(v.save)
	if v.errs.text("weights.area") != "must be a number" {
		t.Fatalf("error %q", v.errs.text("weights.area"))
	}
	v.weights["area"].SetText("7.5")
	v.url.SetText("http://localhost:11434/v1")
	v.model.SetText("nomic-embed-text")
	test.Tap(v.save)
	u.Wait()
	ev, err := otherStore(t, path).Event(context.Background())
	if err != nil || ev.Weights["area"] != 7.5 || ev.EmbeddingModel != "nomic-embed-text" {
		t.Fatalf("stored %+v %v", ev, err)
	}
}
