package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"pitchmatch/event"
)

// saveEventElsewhere changes the stored event settings through another
// connection, as another program would.
func saveEventElsewhere(t *testing.T, path string, change func(*event.Event)) {
	t.Helper()
	other := otherStore(t, path)
	ev, err := other.Event(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	change(ev)
	if err := other.SaveEvent(context.Background(), "someone", ev); err != nil {
		t.Fatal(err)
	}
}

func storedEvent(t *testing.T, path string) *event.Event {
	t.Helper()
	ev, err := otherStore(t, path).Event(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

// TestEventFormMergesOnReload: the event-settings form keeps its unsaved
// edits when the file is read again, merging them three-way with settings
// saved elsewhere meanwhile; fields both sides changed show the stored
// value with the user's in the banner; a save refused by a version
// conflict offers the merge, and the merged settings save.
func TestEventFormMergesOnReload(t *testing.T) {
	u, path := openUI(t, event.Ja)
	u.ShowView("event")
	v := u.eventV
	tables := u.Data().Event.Tables

	// 1. Only I changed the English venue; they changed the tables and day 1.
	v.venueEn.SetText("Pacifico Yokohama North")
	saveEventElsewhere(t, path, func(e *event.Event) {
		e.Tables = tables + 2
		e.Days[0].Slots++
	})
	if err := u.ReloadSync(); err != nil {
		t.Fatal(err)
	}
	if v.venueEn.Text != "Pacifico Yokohama North" {
		t.Fatalf("reload dropped the unsaved venue: %q", v.venueEn.Text)
	}
	if v.tables.Text != itoa(tables+2) || v.days[0].slots.Text != itoa(u.Data().Event.Days[0].Slots) {
		t.Fatalf("reload did not take their tables/day: %q %q", v.tables.Text, v.days[0].slots.Text)
	}
	if v.errs.banner.Visible() && v.errs.banner.Text != "" {
		t.Fatalf("no field clashed, yet the banner says %q", v.errs.banner.Text)
	}
	test.Tap(v.save)
	u.Wait()
	ev := storedEvent(t, path)
	if ev.Venue.En != "Pacifico Yokohama North" || ev.Tables != tables+2 || ev.Days[0].Slots != u.Data().Event.Days[0].Slots {
		t.Fatalf("stored venue %q tables %d: both edits should be kept", ev.Venue.En, ev.Tables)
	}
	if v.edit.dirty(v.read) {
		t.Fatal("the form is still marked unsaved after the save")
	}

	// 2. Both changed the Japanese name: the stored one shows, mine is in
	// the banner; my other edit (fairness floor) stays.
	v.nameJa.SetText("私の名前")
	v.fairness.SetText("2")
	saveEventElsewhere(t, path, func(e *event.Event) { e.Name.Ja = "彼らの名前" })
	if err := u.ReloadSync(); err != nil {
		t.Fatal(err)
	}
	if v.nameJa.Text != "彼らの名前" || !strings.Contains(v.errs.banner.Text, "私の名前") || v.fairness.Text != "2" {
		t.Fatalf("clash: name %q, banner %q, fairness %q", v.nameJa.Text, v.errs.banner.Text, v.fairness.Text)
	}
	// 3. Days both changed differently: theirs shown, mine named.
	v.days[0].slots.SetText("5")
	saveEventElsewhere(t, path, func(e *event.Event) { e.Days[0].Slots = 11 })
	if err := u.ReloadSync(); err != nil {
		t.Fatal(err)
	}
	if v.days[0].slots.Text != "11" || !strings.Contains(v.errs.banner.Text, "×5") {
		t.Fatalf("days clash: slots %q, banner %q", v.days[0].slots.Text, v.errs.banner.Text)
	}
	if v.fairness.Text != "2" {
		t.Fatalf("the earlier unsaved edit was lost: fairness %q", v.fairness.Text)
	}

	// 4. A save refused by a conflict offers the merge; merged, it saves.
	v.venueJa.SetText("パシフィコ横浜ノース")
	saveEventElsewhere(t, path, func(e *event.Event) { e.CompanyCap = 11 })
	test.Tap(v.save)
	u.Wait()
	if !v.edit.reload.Visible() {
		t.Fatalf("no merge offered after the conflict; banner %q", v.errs.banner.Text)
	}
	test.Tap(v.edit.reload)
	if v.companyCap.Text != "11" || v.venueJa.Text != "パシフィコ横浜ノース" {
		t.Fatalf("merge: company cap %q, venue %q", v.companyCap.Text, v.venueJa.Text)
	}
	test.Tap(v.save)
	u.Wait()
	ev = storedEvent(t, path)
	if ev.CompanyCap != 11 || ev.Venue.Ja != "パシフィコ横浜ノース" || ev.FairnessFloor != 2 || ev.Name.Ja != "彼らの名前" || ev.Days[0].Slots != 11 {
		t.Fatalf("stored after the merge: cap %d venue %q floor %d name %q slots %d", ev.CompanyCap, ev.Venue.Ja, ev.FairnessFloor, ev.Name.Ja, ev.Days[0].Slots)
	}

	// 5. Without unsaved edits a reload simply shows the stored settings.
	saveEventElsewhere(t, path, func(e *event.Event) { e.Venue.En = "Elsewhere" })
	if err := u.ReloadSync(); err != nil {
		t.Fatal(err)
	}
	if v.venueEn.Text != "Elsewhere" || v.edit.dirty(v.read) {
		t.Fatalf("clean reload: venue %q", v.venueEn.Text)
	}
}

// TestCompanyFormMergesOnReload: the company form keeps its unsaved edits
// over a reload and merges them with a version saved elsewhere.
func TestCompanyFormMergesOnReload(t *testing.T) {
	u, path := openUI(t, event.Ja)
	u.ShowView("companies")
	v := u.companiesV
	v.list.Select(1)
	f := v.company
	id := f.current.ID
	other := otherStore(t, path)
	f.descJa.SetText("社内で新しく書いた説明")
	f.max.SetText("9")
	c, err := other.Company(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	c.Name.En = "Renamed Elsewhere KK"
	c.MaxMeetings = 4
	if err := other.SaveCompany(context.Background(), "someone", c); err != nil {
		t.Fatal(err)
	}
	if err := u.ReloadSync(); err != nil {
		t.Fatal(err)
	}
	if f.descJa.Text != "社内で新しく書いた説明" || f.nameEn.Text != "Renamed Elsewhere KK" {
		t.Fatalf("after reload: description %q, English name %q", f.descJa.Text, f.nameEn.Text)
	}
	if f.max.Text != "4" || !strings.Contains(f.errs.banner.Text, "9") {
		t.Fatalf("max meetings changed on both sides: form %q, banner %q", f.max.Text, f.errs.banner.Text)
	}
	f.max.SetText("9") // the user picks their own value
	test.Tap(f.save)
	u.Wait()
	got, err := other.Company(context.Background(), id)
	if err != nil || got.Description.Ja != "社内で新しく書いた説明" || got.Name.En != "Renamed Elsewhere KK" || got.MaxMeetings != 9 {
		t.Fatalf("stored %+v %v", got, err)
	}
}

// TestStartupFormMergesOnReload: the startup form keeps its unsaved edits
// over a reload and takes the fields changed elsewhere.
func TestStartupFormMergesOnReload(t *testing.T) {
	u, path := openUI(t, event.Ja)
	f := selectStartup(t, u, 2)
	id := f.current.ID
	other := otherStore(t, path)
	f.productJa.SetText("新しい製品名（未保存）")
	s, err := other.Startup(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	s.Headcount = 77
	if err := other.SaveStartup(context.Background(), "someone", s); err != nil {
		t.Fatal(err)
	}
	if err := u.ReloadSync(); err != nil {
		t.Fatal(err)
	}
	if f.productJa.Text != "新しい製品名（未保存）" || f.headcount.Text != "77" {
		t.Fatalf("after reload: product %q, headcount %q", f.productJa.Text, f.headcount.Text)
	}
	test.Tap(f.save)
	u.Wait()
	got, err := other.Startup(context.Background(), id)
	if err != nil || got.ProductName.Ja != "新しい製品名（未保存）" || got.Headcount != 77 {
		t.Fatalf("stored %+v %v", got, err)
	}
}

// TestThemeFormMergesOnReload: a reload neither clears nor replaces the
// theme being edited (it used to clear it with the company's themes): the
// unsaved title stays and the description changed elsewhere is taken; a
// clean theme form shows the stored version.
func TestThemeFormMergesOnReload(t *testing.T) {
	u, path := openUI(t, event.Ja)
	u.ShowView("companies")
	v := u.companiesV
	v.list.Select(1)
	if len(v.themeOf) == 0 {
		t.Fatal("the company has no themes")
	}
	v.themes.Select(0)
	f := v.theme
	if f.current == nil {
		t.Fatal("no theme loaded")
	}
	id := f.current.ID
	other := otherStore(t, path)
	ctx := context.Background()
	f.titleJa.SetText("未保存のテーマ名")
	th, err := other.Theme(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	th.Description.En = "Changed elsewhere"
	if err := other.SaveTheme(ctx, "someone", th); err != nil {
		t.Fatal(err)
	}
	if err := u.ReloadSync(); err != nil {
		t.Fatal(err)
	}
	if f.current == nil || f.titleJa.Text != "未保存のテーマ名" || f.descEn.Text != "Changed elsewhere" {
		t.Fatalf("after reload: title %q, English description %q", f.titleJa.Text, f.descEn.Text)
	}
	test.Tap(f.save)
	u.Wait()
	got, err := other.Theme(ctx, id)
	if err != nil || got.Title.Ja != "未保存のテーマ名" || got.Description.En != "Changed elsewhere" {
		t.Fatalf("stored %+v %v", got, err)
	}
	// A clean form follows the stored version.
	got.Description.Ja = "別の場所で更新"
	if err := other.SaveTheme(ctx, "someone", got); err != nil {
		t.Fatal(err)
	}
	if err := u.ReloadSync(); err != nil {
		t.Fatal(err)
	}
	if f.current == nil || f.descJa.Text != "別の場所で更新" || f.titleJa.Text != "未保存のテーマ名" {
		t.Fatalf("clean reload: description %q, title %q", f.descJa.Text, f.titleJa.Text)
	}
}
