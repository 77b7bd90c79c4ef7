package main

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"pitchmatch/event"
	"pitchmatch/storage"
)

// TestMeetingAndKPI: the organizer's steps from the CLI and the KPI's deal
// count by Meeting.IsDeal.
func TestMeetingAndKPI(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "e.db")
	if code, _, errOut := cli(t, "demo", "--db", db, "--startups", "20", "--companies", "3", "--themes", "4", "--days", "1"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	if code, _, errOut := cli(t, "schedule", "--db", db, "--save"); code != 0 {
		t.Fatalf("schedule: %s", errOut)
	}
	st, err := storage.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	ms, err := st.Meetings(ctx)
	st.Close()
	if err != nil || len(ms) == 0 {
		t.Fatalf("meetings %d %v", len(ms), err)
	}
	id := ms[0].ID
	idArg := func() string { return fmt.Sprint(id) }
	if code, out, errOut := cli(t, "meeting", "--db", db, "--id", idArg(), "--confirm"); code != 0 || !strings.Contains(out, "confirmed") {
		t.Fatalf("confirm: %d %s %s", code, out, errOut)
	}
	if code, _, _ := cli(t, "meeting", "--db", db, "--id", idArg()); code != 2 {
		t.Errorf("no step: %d", code)
	}
	st, _ = storage.Open(ctx, db)
	if _, err := st.RecordOutcome(ctx, "scout", id, event.KindCompany, event.OutcomeDeal, ""); err != nil {
		t.Fatal(err)
	}
	st.Close()
	code, out, errOut := cli(t, "kpi", "--db", db, "--json")
	if code != 0 {
		t.Fatalf("kpi: %s", errOut)
	}
	var rep struct {
		Totals struct {
			Deals, Held int
		} `json:"totals"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep.Totals.Deals != 1 || rep.Totals.Held != 1 {
		t.Errorf("kpi %s %v", out, err)
	}
	if code, _, _ := cli(t, "meeting", "--db", db, "--id", idArg(), "--cancel"); code != 1 {
		t.Errorf("cancelling a held meeting: %d", code)
	}
}
