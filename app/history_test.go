package app

import (
	"context"
	"strings"
	"testing"

	"pitchmatch/event"
)

// TestRecordHistory: the history shown for a startup lists its saves with
// each changed field, old → new, and the import that created it.
func TestRecordHistory(t *testing.T) {
	ctx := context.Background()
	u, _ := openUI(t, event.En)
	s := u.data.Startups[0]
	c := *s
	c.Name.En = "Renamed Inc."
	if err := u.store.SaveStartup(ctx, "desk", &c); err != nil {
		t.Fatal(err)
	}
	entries, err := u.store.(auditReader).AuditOf(ctx, "startup", s.ID, historyLimit)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(historyLines(entries, event.En, u.ht), "\n")
	for _, want := range []string{"desk  startup.update", "name.en: " + s.Name.En + " → Renamed Inc.", "import.startups", "created"} {
		if !strings.Contains(text, want) {
			t.Errorf("history lacks %q:\n%s", want, text)
		}
	}
	if got := historyLines(nil, event.Ja, u.ht); len(got) != 1 || got[0] != u.ht("none") {
		t.Errorf("empty history %q", got)
	}
	u.showHistory("startup", s.ID) // opens the dialog without error
	u.Wait()
	if idOf(&c) != s.ID || idOf(&event.Company{ID: "C9"}) != "" {
		t.Error("idOf")
	}
}
