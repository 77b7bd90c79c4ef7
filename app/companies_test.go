package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"pitchmatch/event"
)

func TestCompaniesViewEditsCompanyAndTheme(t *testing.T) {
	u, path := openUI(t, event.Ja)
	u.ShowView("companies")
	v := u.companiesV
	if len(v.rows) != len(u.Data().Companies) || v.company.current == nil {
		t.Fatalf("%d rows, current %v", len(v.rows), v.company.current)
	}
	co := u.Data().Companies[0]
	test.Type(v.search, co.Name.Ja)
	if len(v.rows) == 0 || u.Data().Companies[v.rows[0]].ID != co.ID {
		t.Fatalf("search for %q: %d rows", co.Name.Ja, len(v.rows))
	}
	v.list.Select(0)
	v.company.table.SetText("-1")
	test.Tap(v.company.save)
	if v.company.errs.text("tables") == "" {
		t.Fatal("a negative table count should be refused beside its field")
	}
	v.company.table.SetText("3")
	test.Tap(v.company.save)
	u.Wait()
	other := otherStore(t, path)
	got, err := other.Company(context.Background(), co.ID)
	if err != nil || got.Tables != 3 {
		t.Fatalf("stored %+v %v", got, err)
	}

	if len(v.themeOf) == 0 {
		t.Fatal("company has no themes")
	}
	v.themes.Select(0)
	if v.right.SelectedIndex() != 1 || v.theme.current == nil {
		t.Fatal("selecting a theme should open its form")
	}
	th := *v.theme.current
	// Someone else edits the theme first.
	stored, _ := other.Theme(context.Background(), th.ID)
	stored.Title.En = "Changed elsewhere"
	if err := other.SaveTheme(context.Background(), "someone", stored); err != nil {
		t.Fatal(err)
	}
	v.theme.stageMin.set("launched")
	v.theme.stageMax.set("concept")
	test.Tap(v.theme.save)
	if v.theme.errs.text("stage_max") != "希望ステージの上限が下限より前です" {
		t.Fatalf("stage error %q", v.theme.errs.text("stage_max"))
	}
	v.theme.stageMin.set("")
	v.theme.stageMax.set("")
	test.Tap(v.theme.save)
	u.Wait()
	if !strings.Contains(v.theme.errs.banner.Text, "他の場所で更新") || !v.theme.reload.Visible() {
		t.Fatalf("conflict banner %q", v.theme.errs.banner.Text)
	}
	test.Tap(v.theme.reload)
	if v.theme.titleEn.Text != "Changed elsewhere" {
		t.Fatalf("reloaded title %q", v.theme.titleEn.Text)
	}
}
