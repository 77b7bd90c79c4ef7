package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"pitchmatch/event"
	"pitchmatch/event/api"
)

func TestExportsWriteRealFiles(t *testing.T) {
	u, _ := openUI(t, event.Ja)
	d := u.Data()
	plan, err := ComputePlan(context.Background(), d, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := u.store.ReplaceMeetings(context.Background(), "test", plan.Meetings); err != nil {
		t.Fatal(err)
	}
	if err := u.ReloadSync(); err != nil {
		t.Fatal(err)
	}
	magic := map[string]string{ExportAgendaPDF: "%PDF", ExportKPIPDF: "%PDF", ExportXLSX: "PK", ExportICal: "BEGIN:VCALENDAR"}
	dir := t.TempDir()
	for _, f := range exportFormats() {
		path := filepath.Join(dir, f.file)
		u.exportAsync(u.Data(), f.kind, path)
		u.Wait()
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%s: %v (status %q)", f.kind, err, u.status.Text)
		}
		if !bytes.HasPrefix(b, []byte(magic[f.kind])) || len(b) < 200 {
			t.Fatalf("%s: %d bytes starting %q", f.kind, len(b), b[:min(len(b), 16)])
		}
		if f.kind == ExportICal && strings.Count(string(b), "BEGIN:VEVENT") != len(plan.Meetings) {
			t.Fatalf("ics has %d events, want %d", strings.Count(string(b), "BEGIN:VEVENT"), len(plan.Meetings))
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "agendas.pdf.part")); !os.IsNotExist(err) {
		t.Fatal("a partial file was left behind")
	}
}

func TestPortalLinkButton(t *testing.T) {
	t.Setenv(PortalURLEnv, "https://portal.example.jp/")
	u, _ := openUI(t, event.Ja)
	f := selectStartup(t, u, 2)
	test.Tap(f.portal)
	u.Wait()
	link := u.app.Clipboard().Content()
	if !strings.HasPrefix(link, "https://portal.example.jp/#t=") {
		t.Fatalf("clipboard %q", link)
	}
	tok := api.TokenFromLink(link)
	if tok == "" || tok == link {
		t.Fatalf("no token in %q", link)
	}
}
