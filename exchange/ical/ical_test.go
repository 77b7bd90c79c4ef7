package ical

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"pitchmatch/event"
	"pitchmatch/exchange/docs"
	"pitchmatch/exchange/docs/docstest"
)

var now = time.Date(2026, 9, 20, 8, 30, 0, 0, time.UTC)

func write(t *testing.T, d *docs.Data, scope string) string {
	t.Helper()
	sc, err := docs.ParseScope(scope)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(context.Background(), &buf, d, sc, Options{Now: now}); err != nil {
		t.Fatalf("Write(%s): %v", scope, err)
	}
	return buf.String()
}

// unfold reverses RFC 5545 folding.
func unfold(s string) string { return strings.ReplaceAll(s, "\r\n ", "") }

// checkWire checks the octet-level rules on a whole file.
func checkWire(t *testing.T, ics string) {
	t.Helper()
	if !strings.HasSuffix(ics, "\r\n") {
		t.Fatalf("file does not end in CRLF")
	}
	lines := strings.Split(strings.TrimSuffix(ics, "\r\n"), "\r\n")
	for i, l := range lines {
		if strings.ContainsAny(l, "\r\n") {
			t.Fatalf("line %d has a bare CR or LF: %q", i+1, l)
		}
		if len(l) > MaxLineOctets {
			t.Fatalf("line %d is %d octets (> %d): %q", i+1, len(l), MaxLineOctets, l)
		}
		if !utf8.ValidString(l) {
			t.Fatalf("line %d splits a UTF-8 character: %q", i+1, l)
		}
	}
}

func TestFoldingProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("aZ09 ;,:テーブル面談株式会社手術合併症低侵襲生体信号計測€😀é")
	for n := range 2000 {
		var b strings.Builder
		b.WriteString("DESCRIPTION:")
		for range rng.IntN(400) {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		line := b.String()
		out := string(appendFolded(nil, line))
		checkWire(t, out)
		if got := strings.TrimSuffix(unfold(out), "\r\n"); got != line {
			t.Fatalf("case %d: unfold(fold(x)) != x\n got %q\nwant %q", n, got, line)
		}
		parts := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
		for i, p := range parts[1:] {
			if !strings.HasPrefix(p, " ") {
				t.Fatalf("case %d: continuation %d does not start with a space: %q", n, i+1, p)
			}
		}
		// Folding is greedy: every part but the last is within 3 octets of
		// the limit (a UTF-8 character is at most 4 octets).
		for i, p := range parts[:len(parts)-1] {
			if len(p) < MaxLineOctets-3 {
				t.Fatalf("case %d: part %d folded early at %d octets", n, i, len(p))
			}
		}
	}
}

func TestEscapeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a,b;c\\d", `a\,b\;c\\d`},
		{"line1\nline2\r\nline3", `line1\nline2\nline3`},
		{"テーブル 1, 会場", `テーブル 1\, 会場`},
		{"bell\x07", "bell"},
	}
	for _, tc := range tests {
		if got := escapeText(tc.in); got != tc.want {
			t.Errorf("escapeText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParticipantCalendar(t *testing.T) {
	d := docstest.Small()
	ics := write(t, d, "startup:S001")
	checkWire(t, ics)
	u := unfold(ics)
	for _, want := range []string{
		"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n",
		"BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\n",
		"TZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\n",
		"UID:m1-7f3a@pitchmatch\r\nSEQUENCE:0\r\nDTSTAMP:20260920T083000Z\r\n",
		"DTSTART;TZID=Asia/Tokyo:20261014T100000\r\nDTEND;TZID=Asia/Tokyo:20261014T102000\r\n",
		"SUMMARY:面談: 東和医療機器株式会社 (Towa Medical Devices Co.\\, Ltd.)\r\n",
		"LOCATION:テーブル 1 (Table 1)\\, パシフィコ横浜 (Pacifico Yokohama)\r\n",
		"テーマ / Theme: 手術合併症を減らすソリューション (Solutions to surgical complications)",
		// Slot 2 comes after a 10-minute break: 10:40 + 10 = 10:50.
		"DTSTART;TZID=Asia/Tokyo:20261014T105000\r\n",
		"END:VCALENDAR\r\n",
	} {
		if !strings.Contains(u, want) {
			t.Errorf("calendar lacks %q", want)
		}
	}
	if n := strings.Count(u, "BEGIN:VEVENT"); n != 2 {
		t.Errorf("S001 calendar has %d events, want 2", n)
	}

	// S003's cancelled meeting goes out as cancelled, with its sequence.
	u3 := unfold(write(t, d, "startup:S003"))
	if !strings.Contains(u3, "UID:m5-7f3a@pitchmatch\r\nSEQUENCE:2\r\n") || !strings.Contains(u3, "STATUS:CANCELLED\r\n") {
		t.Errorf("cancelled meeting not exported as cancelled:\n%s", u3)
	}
	if !strings.Contains(u3, "STATUS:TENTATIVE\r\n") {
		t.Errorf("proposed meeting should be TENTATIVE")
	}

	// A company sees startups as the other party.
	uc := unfold(write(t, d, "company:C02"))
	if !strings.Contains(uc, "SUMMARY:面談: 株式会社メディカルロボ研究所 (Medical Robo Lab Inc.)") {
		t.Errorf("company calendar summary wrong:\n%s", uc)
	}
}

func TestWholeEventAndErrors(t *testing.T) {
	d := docstest.Small()
	ics := write(t, d, "all")
	checkWire(t, ics)
	if n := strings.Count(ics, "BEGIN:VEVENT"); n != len(d.Meetings) {
		t.Errorf("event calendar has %d events, want %d", n, len(d.Meetings))
	}
	var buf bytes.Buffer
	err := Write(context.Background(), &buf, d, docs.Scope{Kind: event.KindStartup, ID: "S999"}, Options{Now: now})
	if event.ErrorCode(err) != event.ENotFound {
		t.Errorf("unknown startup: err = %v, want not found", err)
	}
	bad := docstest.Small()
	bad.Meetings[0].Slot = 99
	err = Write(context.Background(), &buf, bad, docs.Scope{}, Options{Now: now})
	if err == nil || !strings.Contains(err.Error(), "m1-7f3a@pitchmatch") {
		t.Errorf("meeting outside the event: err = %v, want one naming the meeting", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Write(ctx, &buf, d, docs.Scope{}, Options{Now: now}); err == nil {
		t.Errorf("cancelled context: no error")
	}
}

func TestUTCWhenZoneHasDaylightSaving(t *testing.T) {
	if _, err := time.LoadLocation("Europe/Berlin"); err != nil {
		t.Skip("no zone database:", err)
	}
	d := docstest.Small()
	d.Event.TimeZone = "Europe/Berlin"
	u := unfold(write(t, d, "startup:S001"))
	if strings.Contains(u, "VTIMEZONE") || strings.Contains(u, "TZID=") {
		t.Errorf("daylight-saving zone should be written in UTC")
	}
	// 10:00 CEST (UTC+2) on 2026-10-14 is 08:00 UTC.
	if !strings.Contains(u, "DTSTART:20261014T080000Z\r\n") {
		t.Errorf("want DTSTART 08:00Z:\n%s", u)
	}
}

func TestZip(t *testing.T) {
	d := docstest.Small()
	var buf bytes.Buffer
	var last [2]int
	opts := Options{Now: now, Progress: func(_ string, done, total int) { last = [2]int{done, total} }}
	if err := WriteZip(context.Background(), &buf, d, docs.Scope{}, opts); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, f := range zr.File {
		names[f.Name] = true
	}
	for _, want := range []string{"event.ics", "startups/startup-S001.ics", "companies/company-C02.ics"} {
		if !names[want] {
			t.Errorf("zip lacks %s (has %v)", want, names)
		}
	}
	if len(zr.File) != 1+len(d.Startups)+len(d.Companies) {
		t.Errorf("zip has %d files", len(zr.File))
	}
	if last != [2]int{5, 5} {
		t.Errorf("last progress %v, want [5 5]", last)
	}
}

// icalJSEvent is what e2e/ical/check.mjs prints per VEVENT.
type icalJSEvent struct {
	UID, Status, Summary, Location, Description, Tzid, StartLocal, Start, End string
	Sequence                                                                  int
}

type icalJSCal struct {
	File      string
	Timezones []string
	Events    []icalJSEvent
}

// readWithICALJS parses files with ical.js under node.
func readWithICALJS(t *testing.T, files ...string) []icalJSCal {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "e2e", "ical"))
	if err != nil {
		t.Fatal(err)
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed; install nodejs to re-read .ics with ical.js")
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "ical.js")); err != nil {
		t.Skipf("ical.js not installed: run 'npm ci' in %s", dir)
	}
	cmd := exec.Command(node, append([]string{filepath.Join(dir, "check.mjs")}, files...)...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("ical.js: %v\n%s", err, stderr.String())
	}
	var cals []icalJSCal
	if err := json.Unmarshal(out, &cals); err != nil {
		t.Fatalf("ical.js output: %v\n%s", err, out)
	}
	return cals
}

func TestReadBackWithICALJS(t *testing.T) {
	tmp := t.TempDir()
	d := docstest.Small()
	before := filepath.Join(tmp, "before.ics")
	if err := os.WriteFile(before, []byte(write(t, d, "startup:S001")), 0o644); err != nil {
		t.Fatal(err)
	}
	// Reschedule meeting 1 to slot 3 (day 2, 13:00) at table 2, as the store
	// does: same UID, sequence bumped. Cancel meeting 3.
	d.Meetings[0].Slot, d.Meetings[0].Table, d.Meetings[0].Sequence = 3, 1, 1
	d.Meetings[2].Status, d.Meetings[2].Sequence = event.StatusCancelled, 2
	after := filepath.Join(tmp, "after.ics")
	if err := os.WriteFile(after, []byte(write(t, d, "startup:S001")), 0o644); err != nil {
		t.Fatal(err)
	}
	all := filepath.Join(tmp, "all.ics")
	if err := os.WriteFile(all, []byte(write(t, d, "all")), 0o644); err != nil {
		t.Fatal(err)
	}
	cals := readWithICALJS(t, before, after, all)
	if len(cals) != 3 {
		t.Fatalf("ical.js read %d calendars", len(cals))
	}
	byUID := func(c icalJSCal) map[string]icalJSEvent {
		m := map[string]icalJSEvent{}
		for _, e := range c.Events {
			m[e.UID] = e
		}
		return m
	}
	b, a := byUID(cals[0]), byUID(cals[1])
	if len(cals[0].Timezones) != 1 || cals[0].Timezones[0] != "Asia/Tokyo" {
		t.Errorf("timezones = %v, want [Asia/Tokyo]", cals[0].Timezones)
	}
	m1b, m1a := b["m1-7f3a@pitchmatch"], a["m1-7f3a@pitchmatch"]
	if m1b.UID == "" || m1a.UID == "" {
		t.Fatalf("rescheduled meeting lost its UID: before %v after %v", b, a)
	}
	// 10:00 JST is 01:00 UTC; the rescheduled 13:00 JST on the 15th is 04:00 UTC.
	if m1b.Start != "2026-10-14T01:00:00.000Z" || m1b.End != "2026-10-14T01:20:00.000Z" {
		t.Errorf("before: start %s end %s, want 01:00Z–01:20Z", m1b.Start, m1b.End)
	}
	if m1a.Start != "2026-10-15T04:00:00.000Z" || m1a.Sequence != 1 || m1b.Sequence != 0 {
		t.Errorf("after reschedule: start %s seq %d (before seq %d), want 2026-10-15T04:00Z seq 1", m1a.Start, m1a.Sequence, m1b.Sequence)
	}
	if m1a.StartLocal != "2026-10-15T13:00:00" || m1a.Tzid != "Asia/Tokyo" {
		t.Errorf("local start %q tz %q, want 2026-10-15T13:00:00 Asia/Tokyo", m1a.StartLocal, m1a.Tzid)
	}
	if m1a.Location != "テーブル 2 (Table 2), パシフィコ横浜 (Pacifico Yokohama)" {
		t.Errorf("location %q", m1a.Location)
	}
	if m1a.Summary != "面談: 東和医療機器株式会社 (Towa Medical Devices Co., Ltd.)" {
		t.Errorf("summary %q", m1a.Summary)
	}
	if !strings.Contains(m1a.Description, "手術合併症を減らすソリューション") {
		t.Errorf("description lacks the theme: %q", m1a.Description)
	}
	m3 := a["m3-7f3a@pitchmatch"]
	if m3.Status != "CANCELLED" || m3.Sequence != 2 {
		t.Errorf("cancelled meeting: status %q seq %d", m3.Status, m3.Sequence)
	}
	if len(cals[2].Events) != len(d.Meetings) {
		t.Errorf("whole-event calendar: ical.js read %d events, want %d", len(cals[2].Events), len(d.Meetings))
	}
}

func BenchmarkWriteZipLarge(b *testing.B) {
	d := docstest.Large(20000)
	b.ResetTimer()
	for b.Loop() {
		var n docstest.CountWriter
		if err := WriteZip(context.Background(), &n, d, docs.Scope{}, Options{Now: now}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(n)/1e6, "MB")
	}
}
