package main

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestJudgeInvite(t *testing.T) {
	db := filepath.Join(t.TempDir(), "e.db")
	if code, _, errOut := cli(t, "demo", "--db", db, "--startups", "10", "--companies", "2", "--themes", "2"); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	if code, _, errOut := cli(t, "invite", "--db", db, "--judge", "J1"); code != 1 || !strings.Contains(errOut, "J1") {
		t.Errorf("unknown judge: %d %s", code, errOut)
	}
	if code, _, errOut := cli(t, "programme", "judge", "--db", db, "--id", "J1", "--name", "審査 花子", "--company", "C001"); code != 0 {
		t.Fatalf("judge: %s", errOut)
	}
	code, out, errOut := cli(t, "invite", "--db", db, "--judge", "J1", "--base-url", "https://portal.example.jp/round", "--expires", "2d")
	if code != 0 || !strings.HasPrefix(out, "https://portal.example.jp/round#t=") {
		t.Fatalf("invite judge: %d %q %s", code, out, errOut)
	}
	link := strings.TrimSpace(out)
	if code, _, _ := cli(t, "invite", "--db", db, "--judge", "J1"); code != 0 {
		t.Fatal("second link")
	}
	if code, _, errOut := cli(t, "invite", "--db", db, "--judge", "J1", "--startup", "S001"); code != 2 {
		t.Errorf("judge and startup: %d %s", code, errOut)
	}
	_, out, _ = cli(t, "invite", "--db", db, "--judge", "J1", "--list")
	if strings.Count(out, "active") != 2 {
		t.Errorf("list: %s", out)
	}
	if code, out, errOut := cli(t, "invite", "--db", db, "--revoke", link); code != 0 || !strings.Contains(out, "revoked") {
		t.Errorf("revoke a judge link: %d %s %s", code, out, errOut)
	}
	if code, out, _ := cli(t, "invite", "--db", db, "--judge", "J1", "--revoke-all"); code != 0 || !strings.Contains(out, "revoked 1") {
		t.Errorf("revoke all: %s", out)
	}
	_, out, _ = cli(t, "invite", "--db", db, "--judge", "J1", "--list")
	if strings.Count(out, "revoked") != 2 {
		t.Errorf("list after revoke: %s", out)
	}
}
