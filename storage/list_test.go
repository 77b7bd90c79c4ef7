package storage

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestListEncoding(t *testing.T) {
	cases := [][]string{
		nil,
		{"cardiovascular"},
		{"ai_imaging", "robotics", "sensors_biosignals"},
		{"山田 太郎", "Jane Smith"},
		{`quote " inside`, `back\slash`, "comma, inside", `","`, ""},
		{"", ""},
		{"tab\tnew\nline", "<html>&"},
		{"line\u2028sep", "ok"},
		{"bad \xff utf8"},
	}
	for _, l := range cases {
		enc := encodeList(l)
		got, err := decodeList(enc)
		if err != nil {
			t.Fatalf("decode %s: %v", enc, err)
		}
		if want, _ := json.Marshal(l); l != nil && enc != string(want) {
			t.Errorf("encodeList(%q) = %s, encoding/json gives %s", l, enc, want)
		}
		if strings.ToValidUTF8(strings.Join(l, ""), "") != strings.Join(l, "") {
			continue // invalid UTF-8 is replaced by encoding/json, as documented
		}
		if !reflect.DeepEqual(got, l) {
			t.Errorf("round trip of %q via %s gave %q", l, enc, got)
		}
	}
	for _, bad := range []string{`["a"`, `["a",]`, `[1,2]`, `{"a":1}`, `["a" "b"]`} {
		if _, err := decodeList(bad); err == nil {
			t.Errorf("decodeList(%s) accepted", bad)
		}
	}
}

// TestTimeText checks that stored times round-trip exactly and sort as text
// in time order, including fractions with trailing zeros.
func TestTimeText(t *testing.T) {
	base := time.Date(2026, 10, 14, 9, 30, 5, 500_000_000, time.UTC)
	times := []time.Time{base, base.Add(1), base.Add(10_000_000), base.Add(-1), base.Add(time.Second),
		base.Add(-500_000_000), time.Date(2026, 10, 14, 18, 30, 5, 0, time.FixedZone("JST", 9*3600))}
	for _, a := range times {
		got, err := parseTime(formatTime(a))
		if err != nil || !got.Equal(a) {
			t.Errorf("round trip of %v: %v %v", a, got, err)
		}
		for _, b := range times {
			if (formatTime(a) < formatTime(b)) != a.Before(b) {
				t.Errorf("text order of %s and %s differs from time order", formatTime(a), formatTime(b))
			}
		}
	}
	// Files written with RFC3339Nano still read.
	if got, err := parseTime("2024-09-01T00:00:00Z"); err != nil || got.Year() != 2024 {
		t.Errorf("short form: %v %v", got, err)
	}
}
