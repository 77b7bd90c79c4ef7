package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestScoutInvite(t *testing.T) {
	db := filepath.Join(t.TempDir(), "e.db")
	if code, _, errOut := cli(t, "demo", "--db", db, "--startups", "20", "--companies", "3", "--themes", "4"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	code, out, errOut := cli(t, "invite", "--db", db, "--company", "C001", "--scout", "山田 太郎", "--email", "yamada@example.co.jp", "--lang", "en",
		"--base-url", "https://portal.example.jp/jhvs")
	if code != 0 || !strings.HasPrefix(out, "https://portal.example.jp/jhvs#t=") {
		t.Fatalf("invite: %d %q %s", code, out, errOut)
	}
	if code, _, _ := cli(t, "invite", "--db", db, "--company", "C001", "--scout", "Jane"); code != 0 {
		t.Fatal("second scout")
	}
	if code, _, errOut := cli(t, "invite", "--db", db, "--company", "C001"); code != 2 || !strings.Contains(errOut, "--scout") {
		t.Errorf("no scout: %d %s", code, errOut)
	}
	if code, _, _ := cli(t, "invite", "--db", db, "--company", "C999", "--scout", "x"); code != 1 {
		t.Errorf("unknown company: %d", code)
	}
	_, out, _ = cli(t, "invite", "--db", db, "--company", "C001", "--list")
	if strings.Count(out, "active") != 2 || !strings.Contains(out, "山田 太郎") {
		t.Errorf("list: %s", out)
	}
	link := strings.TrimSpace(func() string {
		_, o, _ := cli(t, "invite", "--db", db, "--company", "C002", "--scout", "鈴木")
		return o
	}())
	if code, out, errOut := cli(t, "invite", "--db", db, "--revoke", link); code != 0 || !strings.Contains(out, "revoked") {
		t.Errorf("revoke a scout link: %d %s %s", code, out, errOut)
	}
	if code, out, _ := cli(t, "invite", "--db", db, "--company", "C001", "--scout", "Jane", "--revoke-all"); code != 0 || !strings.Contains(out, "revoked 1") {
		t.Errorf("revoke Jane's: %s", out)
	}
	_, out, _ = cli(t, "invite", "--db", db, "--company", "C001", "--list")
	if strings.Count(out, "active") != 1 || strings.Count(out, "revoked") != 1 {
		t.Errorf("list after revoke: %s", out)
	}
}

func TestSettingsAndOutbox(t *testing.T) {
	db := filepath.Join(t.TempDir(), "e.db")
	if code, _, errOut := cli(t, "demo", "--db", db, "--startups", "12", "--companies", "2", "--themes", "3", "--days", "1"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	code, out, errOut := cli(t, "settings", "--db", db, "--portal-url", "https://portal.example.jp/jhvs/", "--contact-email", "office@jhvs.example.jp",
		"--contact-name-ja", "JHVS事務局")
	if code != 0 || !strings.Contains(out, "https://portal.example.jp/jhvs/") {
		t.Fatalf("settings: %d %s %s", code, out, errOut)
	}
	if code, _, _ := cli(t, "settings", "--db", db, "--portal-url", "ftp://x"); code != 1 {
		t.Errorf("bad portal URL accepted")
	}
	// Links default to the event's portal URL.
	_, out, _ = cli(t, "invite", "--db", db, "--company", "C001", "--scout", "山田", "--email", "yamada@example.co.jp")
	if !strings.HasPrefix(out, "https://portal.example.jp/jhvs/#t=") {
		t.Errorf("link %q", out)
	}
	if code, _, errOut := cli(t, "schedule", "--db", db, "--save"); code != 0 {
		t.Fatalf("schedule: %s", errOut)
	}
	code, out, errOut = cli(t, "outbox", "--db", db)
	if code != 0 || !strings.Contains(out, "queued ") || !strings.Contains(out, "yamada@example.co.jp") {
		t.Fatalf("outbox: %d %s %s", code, out, errOut)
	}
	dir := filepath.Join(t.TempDir(), "eml")
	code, out, _ = cli(t, "outbox", "--db", db, "--export", dir)
	if code != 0 || !strings.Contains(out, ".eml files") || strings.Contains(out, "wrote 0 ") {
		t.Errorf("export: %s", out)
	}
	if code, _, errOut := cli(t, "outbox", "--db", db, "--send"); code != 1 || !strings.Contains(errOut, "SMTP") {
		t.Errorf("send without SMTP: %d %s", code, errOut)
	}
}
