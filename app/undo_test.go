package app

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"pitchmatch/event"
)

var (
	ctrlZ      = &fyne.ShortcutUndo{} // what Fyne's desktop driver makes of Ctrl+Z
	ctrlShiftZ = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
)

// restartUI closes u and opens a new UI over the same event file, as the
// organizer would after quitting the app.
func restartUI(t *testing.T, u *UI, path string, lang event.Lang) *UI {
	t.Helper()
	u.Close()
	// The same Fyne app, as the saved preferences carry over a real restart;
	// the UI and everything it held in memory are new.
	return startUIOn(t, u.app, path, lang)
}

// editItems are the Edit menu's Undo and Redo items.
func editItems(t *testing.T, u *UI) (undo, redo *fyne.MenuItem) {
	t.Helper()
	for _, m := range u.Window().MainMenu().Items {
		if m.Label == u.t("menu.edit") && len(m.Items) == 2 {
			return m.Items[0], m.Items[1]
		}
	}
	t.Fatal("no Edit menu with Undo and Redo")
	return nil, nil
}

// makeRoom cancels two meetings of the demo's full grid.
func makeRoom(t *testing.T, u *UI) {
	t.Helper()
	for _, k := range []int{0, 9} {
		m := u.Data().Meetings[k]
		m.Status = event.StatusCancelled
		if err := u.store.SaveMeeting(context.Background(), "test", &m); err != nil {
			t.Fatal(err)
		}
	}
	if err := u.ReloadSync(); err != nil {
		t.Fatal(err)
	}
}

// freeMove makes room in the demo's full grid and returns a meeting (its
// index) and a free place it may move to.
func freeMove(t *testing.T, u *UI) (i, slot, table int) {
	t.Helper()
	makeRoom(t, u)
	d := u.Data()
	for i, m := range d.Meetings {
		if !m.Active() || m.Locked {
			continue
		}
		if s, tb, ok := d.FreePlace(i, m.Slot); ok {
			return i, s, tb
		}
	}
	t.Fatal("no meeting has a free place")
	return 0, 0, 0
}

func TestUndoMoveAfterRestartThenRedo(t *testing.T) {
	u, path := scheduledUI(t, event.En)
	u.ShowView("schedule")
	i, slot, table := freeMove(t, u)
	m := u.Data().Meetings[i]
	if und, _ := editItems(t, u); !und.Disabled || !u.scheduleV.undoBtn.Disabled() || !u.scheduleV.redoBtn.Disabled() {
		t.Fatalf("Undo offered before any change: %q", und.Label)
	}
	u.scheduleV.dropOn(i, slot, table)
	u.Wait()
	if s := storedAt(t, path, m.ID); s.Slot != slot || s.Table != table || !s.Locked {
		t.Fatalf("after the move: %+v", s)
	}
	label := u.UndoLabel()
	if !strings.Contains(label, u.Data().SlotLabel(slot)) {
		t.Fatalf("undo label %q does not name the new slot", label)
	}

	// Quit and start again over the same file: the history is in it.
	u = restartUI(t, u, path, event.Ja)
	und, red := editItems(t, u)
	if und.Disabled || !strings.Contains(und.Label, tr(event.Ja, "un.undo")+": ") || !red.Disabled {
		t.Fatalf("after the restart the Edit menu shows %q (disabled %v) / %q (disabled %v)", und.Label, und.Disabled, red.Label, red.Disabled)
	}
	ja := u.UndoLabel()
	if ja == label || !strings.Contains(und.Label, ja) || !strings.Contains(ja, u.Data().SlotLabel(slot)) {
		t.Fatalf("Japanese undo label %q (English was %q), menu %q", ja, label, und.Label)
	}
	if !u.typeShortcut(ctrlZ) {
		t.Fatal("no Ctrl+Z")
	}
	u.Wait()
	if s := storedAt(t, path, m.ID); s.Slot != m.Slot || s.Table != m.Table || s.Locked != m.Locked {
		t.Fatalf("after Ctrl+Z: %+v, want slot %d table %d", s, m.Slot, m.Table)
	}
	u.ShowView("schedule")
	if u.scheduleV.undoBtn.Disabled() != und.Disabled || u.scheduleV.redoBtn.Disabled() != red.Disabled {
		t.Fatal("the schedule's Undo / Redo buttons disagree with the Edit menu")
	}
	if und, red = editItems(t, u); !und.Disabled || red.Disabled || !strings.Contains(red.Label, ja) {
		t.Fatalf("after the undo the Edit menu shows %q / %q", und.Label, red.Label)
	}
	if !strings.Contains(u.status.Text, ja) {
		t.Fatalf("status %q does not say what was undone", u.status.Text)
	}
	// Again after a restart: Ctrl+Shift+Z redoes the move.
	u = restartUI(t, u, path, event.En)
	u.typeShortcut(ctrlShiftZ)
	u.Wait()
	if s := storedAt(t, path, m.ID); s.Slot != slot || s.Table != table || !s.Locked {
		t.Fatalf("after Ctrl+Shift+Z: %+v", s)
	}
	if u.UndoLabel() != label || u.CanRedo() {
		t.Fatalf("after the redo: undo %q, can redo %v", u.UndoLabel(), u.CanRedo())
	}
	// The record's history shows the three steps with what they did.
	log, err := otherStore(t, path).AuditOf(context.Background(), "meeting", idText(m.ID), 3)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Join(historyLines("meeting", idText(m.ID), log, event.En, func(k string) string { return historyText[k].In(event.En) }, nil), "\n")
	for _, want := range []string{"redo", "undo", "meeting moved", label} {
		if !strings.Contains(lines, want) {
			t.Fatalf("history lacks %q:\n%s", want, lines)
		}
	}
}

func TestUndoRefusedAfterAnotherConnectionChanged(t *testing.T) {
	u, path := scheduledUI(t, event.Ja)
	u.ShowView("schedule")
	i, slot, table := freeMove(t, u)
	m := u.Data().Meetings[i]
	u.scheduleV.dropOn(i, slot, table)
	u.Wait()
	// Another program unlocks the moved meeting.
	other := otherStore(t, path)
	cur := storedAt(t, path, m.ID)
	cur.Locked = false
	if err := other.SaveMeeting(context.Background(), "cli", &cur); err != nil {
		t.Fatal(err)
	}
	u.typeShortcut(ctrlZ)
	u.Wait()
	want := "はその後に他の場所で変更されています（ロック: 「あり」のはずが「なし」）"
	if !strings.Contains(u.status.Text, want) || !strings.Contains(dialogText(u), want) {
		t.Fatalf("refusal not shown: status %q, dialog %q", u.status.Text, dialogText(u))
	}
	if s := storedAt(t, path, m.ID); s.Slot != slot || s.Table != table || s.Locked || s.Version != cur.Version {
		t.Fatalf("a refused undo wrote %+v", s)
	}
	// The refused step stays offered: the organizer can lock it again
	// and then undo.
	if !u.CanUndo() {
		t.Fatal("the history lost the move")
	}
	// A change made from an old view is refused too: the view still
	// shows the meeting locked at the new place when another program
	// moves it meanwhile.
	d := u.Data()
	j := -1
	for k, x := range d.Meetings {
		if x.ID == m.ID {
			j = k
		}
	}
	again := storedAt(t, path, m.ID)
	again.Status = event.StatusConfirmed
	if err := other.SaveMeeting(context.Background(), "portal", &again); err != nil {
		t.Fatal(err)
	}
	u.scheduleV.selectMeeting(j)
	test.Tap(u.scheduleV.statusBtns[2])
	u.Wait()
	if s := storedAt(t, path, m.ID); s.Status != event.StatusConfirmed || s.Version != again.Version {
		t.Fatalf("a change over a newer record wrote %+v", s)
	}
	if !strings.Contains(u.status.Text, "「"+event.MeetingStatuses.Label(string(event.StatusProposed), event.Ja)+"」のはずが「"+event.MeetingStatuses.Label(string(event.StatusConfirmed), event.Ja)+"」") {
		t.Fatalf("status %q", u.status.Text)
	}
}

func TestUndoNoThanksAfterRestart(t *testing.T) {
	u, path := openUI(t, event.Ja)
	v, r := shortlistRow(u, 2)
	test.Tap(v.noThank)
	tapDialog(t, u, tr(event.Ja, "rk.nothanks"))
	u.Wait()
	if got := pairInterests(t, path, r.StartupID, r.CompanyID); len(got) != 1 || got[0] != event.InterestNoThanks {
		t.Fatalf("after no thanks: %v", got)
	}
	u = restartUI(t, u, path, event.Ja)
	und, _ := editItems(t, u)
	noThanks := event.InterestKinds.Label(string(event.InterestNoThanks), event.Ja)
	if und.Disabled || !strings.Contains(und.Label, noThanks) || !strings.Contains(und.Label, u.Data().StartupShort(r.StartupID, event.Ja)) {
		t.Fatalf("after the restart Undo says %q", und.Label)
	}
	und.Action() // Edit → Undo
	u.Wait()
	if got := pairInterests(t, path, r.StartupID, r.CompanyID); len(got) != 1 || got[0] != event.InterestShortlist {
		t.Fatalf("after undo the pair holds %v, want the shortlist back", got)
	}
	// Undo again takes the shortlist back too; redo twice returns to no thanks.
	u.Undo()
	u.Wait()
	if got := pairInterests(t, path, r.StartupID, r.CompanyID); len(got) != 0 {
		t.Fatalf("after the second undo: %v", got)
	}
	u.Redo()
	u.Wait()
	u.Redo()
	u.Wait()
	if got := pairInterests(t, path, r.StartupID, r.CompanyID); len(got) != 1 || got[0] != event.InterestNoThanks {
		t.Fatalf("after two redos: %v", got)
	}
}

func idText(id int64) string { return strconv.FormatInt(id, 10) }

func TestUndoStartupEditAfterRestart(t *testing.T) {
	u, path := openUI(t, event.Ja)
	f := selectStartup(t, u, 0)
	id := f.current.ID
	before, err := otherStore(t, path).Startup(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	f.productJa.SetText("新しい製品名")
	test.Tap(f.save)
	u.Wait()
	if s, _ := otherStore(t, path).Startup(context.Background(), id); s.ProductName.Ja != "新しい製品名" || s.Version != before.Version+1 {
		t.Fatalf("stored %q version %d", s.ProductName.Ja, s.Version)
	}
	// A second save from the same form goes through (the form knows the new version).
	f.productJa.SetText("新しい製品名2")
	test.Tap(f.save)
	u.Wait()
	u = restartUI(t, u, path, event.Ja)
	if !strings.Contains(u.UndoLabel(), id) {
		t.Fatalf("Undo says %q", u.UndoLabel())
	}
	u.Undo()
	u.Wait()
	u.Undo()
	u.Wait()
	s, _ := otherStore(t, path).Startup(context.Background(), id)
	if s.ProductName.Ja != before.ProductName.Ja {
		t.Fatalf("after two undos the product is %q, want %q", s.ProductName.Ja, before.ProductName.Ja)
	}
	f = selectStartup(t, u, 0)
	if f.productJa.Text != before.ProductName.Ja {
		t.Fatalf("the form shows %q", f.productJa.Text)
	}
}

func TestUndoEventSettingsSave(t *testing.T) {
	u, path := openUI(t, event.En)
	u.ShowView("event")
	v := u.eventV
	before, _ := otherStore(t, path).Event(context.Background())
	v.nameEn.SetText("Renamed summit")
	v.venueJa.SetText("東京ビッグサイト")
	test.Tap(v.save)
	u.Wait()
	if ev, _ := otherStore(t, path).Event(context.Background()); ev.Name.En != "Renamed summit" || ev.Version != before.Version+1 {
		t.Fatalf("saved %q version %d; status %q; errors %q", ev.Name.En, ev.Version, u.status.Text, v.errs.banner.Text)
	}
	if u.UndoLabel() != tr(event.En, "un.event_saved") {
		t.Fatalf("Undo says %q", u.UndoLabel())
	}
	u.typeShortcut(ctrlZ)
	u.Wait()
	ev, _ := otherStore(t, path).Event(context.Background())
	if d := event.RecordDiff("event", "", before, ev); len(d) != 0 {
		t.Fatalf("after the undo the settings differ: %+v", d)
	}
	if v.nameEn.Text != before.Name.En {
		t.Fatalf("the form shows %q after the undo", v.nameEn.Text)
	}
	// Saving again from the form works on the version the undo left.
	v.nameEn.SetText("Again")
	test.Tap(v.save)
	u.Wait()
	if ev, _ := otherStore(t, path).Event(context.Background()); ev.Name.En != "Again" {
		t.Fatalf("second save stored %q; status %q", ev.Name.En, u.status.Text)
	}
}
