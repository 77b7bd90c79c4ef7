package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"pitchmatch/event"
)

// visibleCell is the grid cell widget showing (slot, table), nil if off screen.
func visibleCell(v *scheduleView, slot, table int) *gridCell {
	for _, c := range v.cellObjs {
		if c.slot == slot && c.table == table && c.Visible() {
			return c
		}
	}
	return nil
}

// centre is the absolute position of the middle of o.
func centre(o fyne.CanvasObject) fyne.Position {
	p := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	return p.Add(fyne.NewPos(o.Size().Width/2, o.Size().Height/2))
}

// drag drags cell from onto the cell to, as a pointer would.
func drag(u *UI, from, to *gridCell) {
	a, b := centre(from), centre(to)
	test.Drag(u.Window().Canvas(), a, b.X-a.X, b.Y-a.Y)
}

func storedAt(t *testing.T, path string, id int64) event.Meeting {
	t.Helper()
	ms, err := otherStore(t, path).Meetings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.ID == id {
			return m
		}
	}
	t.Fatalf("meeting %d not stored", id)
	return event.Meeting{}
}

func TestGridSwapByDragUndoRedo(t *testing.T) {
	u, path := scheduledUI(t, event.En)
	u.Window().Resize(fyne.NewSize(1366, 768))
	u.ShowView("schedule")
	v := u.scheduleV
	d := u.Data()
	// Two visible meetings that may swap places.
	a, b := -1, -1
	for _, ca := range v.cellObjs {
		if ca.slot < 0 || v.cells[ca.slot][ca.table] < 0 {
			continue
		}
		for _, cb := range v.cellObjs {
			if cb.slot < 0 || cb == ca || v.cells[cb.slot][cb.table] < 0 || cb.slot == ca.slot {
				continue
			}
			i, j := v.cells[ca.slot][ca.table], v.cells[cb.slot][cb.table]
			if len(organizerProblems(d.CheckSwap(i, j))) == 0 {
				a, b = i, j
				break
			}
		}
		if a >= 0 {
			break
		}
	}
	if a < 0 {
		t.Fatal("no two visible meetings can swap")
	}
	ma, mb := d.Meetings[a], d.Meetings[b]
	ca, cb := visibleCell(v, ma.Slot, ma.Table), visibleCell(v, mb.Slot, mb.Table)
	if ca.text.Text != v.cellText(ma.Slot, ma.Table) || ca.text.Text == ma.StartupID+"⇄"+ma.CompanyID {
		t.Fatalf("cell shows %q", ca.text.Text)
	}
	// While dragging, the target is highlighted as a valid swap.
	v.startDrag(a)
	if v.dropState(mb.Slot, mb.Table) != dropSwapOK {
		t.Fatal("the swap target is not marked valid")
	}
	cb.show(mb.Slot, mb.Table)
	if cb.border.StrokeColor != dropSwap {
		t.Fatalf("swap target border %v, want the swap colour", cb.border.StrokeColor)
	}
	v.dragFrom = -1
	drag(u, ca, cb)
	u.Wait()
	sa, sb := storedAt(t, path, ma.ID), storedAt(t, path, mb.ID)
	if sa.Slot != mb.Slot || sa.Table != mb.Table || sb.Slot != ma.Slot || sb.Table != ma.Table {
		t.Fatalf("after the drag: %d at %d/%d, %d at %d/%d; want swapped", sa.ID, sa.Slot, sa.Table, sb.ID, sb.Slot, sb.Table)
	}
	if !sa.Locked || !sb.Locked {
		t.Fatal("swapped meetings are not locked")
	}
	// Quit and start again: the swap is still the change Ctrl+Z takes back.
	label := u.UndoLabel()
	u = restartUI(t, u, path, event.En)
	if u.UndoLabel() != label || !strings.Contains(label, d.StartupShort(mb.StartupID, event.En)) {
		t.Fatalf("after the restart Undo says %q, before %q", u.UndoLabel(), label)
	}
	u.typeShortcut(ctrlZ)
	u.Wait()
	sa, sb = storedAt(t, path, ma.ID), storedAt(t, path, mb.ID)
	if sa.Slot != ma.Slot || sa.Table != ma.Table || sb.Slot != mb.Slot || sb.Table != mb.Table || sa.Locked != ma.Locked {
		t.Fatalf("undo did not restore: %+v %+v", sa, sb)
	}
	// Ctrl+Shift+Z redoes.
	if !u.typeShortcut(ctrlShiftZ) {
		t.Fatal("no Ctrl+Shift+Z")
	}
	u.Wait()
	if sa = storedAt(t, path, ma.ID); sa.Slot != mb.Slot || sa.Table != mb.Table {
		t.Fatalf("redo: %+v", sa)
	}
}

func TestStatusInOneClickCountsInReports(t *testing.T) {
	u, path := scheduledUI(t, event.Ja)
	u.ShowView("schedule")
	v := u.scheduleV
	d := u.Data()
	var ids []int64
	for i, m := range d.Meetings {
		if m.Active() && len(ids) < 3 {
			ids = append(ids, m.ID)
			_ = i
		}
	}
	pick := func(id int64) {
		for i, m := range u.Data().Meetings {
			if m.ID == id {
				v.selectMeeting(i)
				return
			}
		}
		t.Fatalf("meeting %d gone", id)
	}
	// held, held with a deal, no-show
	pick(ids[0])
	test.Tap(v.statusBtns[2])
	u.Wait()
	pick(ids[1])
	v.outcome.SetSelectedIndex(0) // refused: an outcome needs a confirmed or held meeting
	if v.problems.Text == "" {
		t.Fatal("an outcome on a proposed meeting was not refused")
	}
	test.Tap(v.statusBtns[1])
	u.Wait()
	pick(ids[1])
	v.outcome.SetSelectedIndex(0) // deal progressed: held with the outcome
	u.Wait()
	pick(ids[2])
	test.Tap(v.statusBtns[3])
	u.Wait()
	if m := storedAt(t, path, ids[1]); m.Status != event.StatusHeld || m.Outcome != event.OutcomeDeal || !m.IsDeal() {
		t.Fatalf("outcome entry stored %+v", m)
	}
	if m := storedAt(t, path, ids[2]); m.Status != event.StatusNoShow {
		t.Fatalf("no-show stored as %s", m.Status)
	}
	u.ShowView("reports")
	k := u.reportsV.kpi
	if k.Held != 2 || k.Deals != 1 || k.NoShow != 1 {
		t.Fatalf("reports: held %d deals %d no-show %d; want 2, 1, 1", k.Held, k.Deals, k.NoShow)
	}
	shown := false
	for _, o := range test.LaidOutObjects(u.reportsV.root) {
		if l, ok := o.(*widget.Label); ok && l.Text == tr(event.Ja, "rp.deals") {
			shown = true
		}
	}
	if !shown {
		t.Fatal("the deals figure is not on screen")
	}
	// Undo the no-show: Reports follows.
	u.Undo()
	u.Wait()
	if k := u.reportsV.kpi; k.NoShow != 0 {
		t.Fatalf("after undo no-shows %d", k.NoShow)
	}
}

func TestFindFreeSlotMovesAndLocks(t *testing.T) {
	u, path := scheduledUI(t, event.En)
	makeRoom(t, u) // the demo schedule fills every cell
	u.ShowView("schedule")
	v := u.scheduleV
	d := u.Data()
	for i, m := range d.Meetings {
		if !m.Active() {
			continue
		}
		if _, _, ok := d.FreePlace(i, m.Slot); !ok {
			continue
		}
		v.selectMeeting(i)
		test.Tap(v.find)
		u.Wait()
		s := storedAt(t, path, m.ID)
		if (s.Slot == m.Slot && s.Table == m.Table) || !s.Locked {
			t.Fatalf("find a free slot left %+v", s)
		}
		return
	}
	t.Fatal("no meeting has a free place")
}

func TestAgendaExportsOneParticipant(t *testing.T) {
	u, _ := scheduledUI(t, event.En)
	u.ShowView("schedule")
	v := u.scheduleV
	d := u.Data()
	id := d.Meetings[0].StartupID
	v.agendaQ.SetText(id)
	v.showAgenda()
	if v.agendaPDF.Disabled() || v.agendaICS.Disabled() || len(v.items) == 0 {
		t.Fatal("agenda buttons disabled for a participant with meetings")
	}
	scope, _ := v.agendaScope()
	dir := t.TempDir()
	ics := filepath.Join(dir, "a.ics")
	if err := ExportFileScoped(context.Background(), d, ExportICal, scope, ics); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(ics)
	if n := strings.Count(string(b), "BEGIN:VEVENT"); n != len(v.items) {
		t.Fatalf("%d events in the participant's calendar, agenda lists %d", n, len(v.items))
	}
	pdf := filepath.Join(dir, "a.pdf")
	if err := ExportFileScoped(context.Background(), d, ExportAgendaPDF, scope, pdf); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(pdf); !strings.HasPrefix(string(b), "%PDF") {
		t.Fatal("not a PDF")
	}
}
