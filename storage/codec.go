package storage

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// now is the current time in UTC without the monotonic reading, so that it
// compares equal to the stored text once read back.
func now() time.Time { return time.Now().UTC().Round(0) }

// timeFormat is RFC 3339 in UTC with a fixed nine-digit fraction, so that
// stored times sort as text in time order (RFC3339Nano drops trailing
// zeros, and "…:05.5Z" would sort after "…:05.51Z").
const timeFormat = "2006-01-02T15:04:05.000000000Z07:00"

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeFormat)
}

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("bad stored time %q: %w", s, err)
	}
	return t, nil
}

// encodeList stores a list field as a JSON array; nil and empty are "[]".
func encodeList(l []string) string {
	if len(l) == 0 {
		return "[]"
	}
	if plain(l) {
		n := 2
		for _, s := range l {
			n += len(s) + 3
		}
		var b strings.Builder
		b.Grow(n)
		b.WriteByte('[')
		for i, s := range l {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('"')
			b.WriteString(s)
			b.WriteByte('"')
		}
		b.WriteByte(']')
		return b.String()
	}
	b, err := json.Marshal(l)
	if err != nil { // cannot happen for []string
		panic(err)
	}
	return string(b)
}

// plain reports whether every string is valid UTF-8 that JSON writes
// unescaped (encoding/json also escapes <, > and &).
func plain(l []string) bool {
	for _, s := range l {
		if !utf8.ValidString(s) {
			return false
		}
		for i := 0; i < len(s); i++ {
			switch c := s[i]; {
			case c < 0x20, c == '"', c == '\\', c == '<', c == '>', c == '&':
				return false
			}
		}
		if strings.Contains(s, "\u2028") || strings.Contains(s, "\u2029") {
			return false
		}
	}
	return true
}

// decodeList reads a list field; an empty array gives nil. Arrays of plain
// strings (vocabulary codes, names without quotes or escapes) are split
// directly, which keeps loading 20,000 startups fast; anything else goes
// through encoding/json.
func decodeList(s string) ([]string, error) {
	if s == "" || s == "[]" {
		return nil, nil
	}
	if l, ok := splitPlainList(s); ok {
		return l, nil
	}
	var l []string
	if err := json.Unmarshal([]byte(s), &l); err != nil {
		return nil, fmt.Errorf("bad stored list %q: %w", s, err)
	}
	return l, nil
}

// splitPlainList parses `["a","b"]` as written by encodeList when no
// element needs escaping; ok is false for anything else.
func splitPlainList(s string) (l []string, ok bool) {
	if len(s) < 4 || s[0] != '[' || s[len(s)-1] != ']' || strings.IndexByte(s, '\\') >= 0 {
		return nil, false
	}
	body := s[1 : len(s)-1]
	n := strings.Count(body, `","`) + 1
	l = make([]string, 0, n)
	for body != "" {
		if len(body) < 2 || body[0] != '"' {
			return nil, false
		}
		end := strings.IndexByte(body[1:], '"')
		if end < 0 {
			return nil, false
		}
		l = append(l, body[1:1+end])
		body = body[2+end:]
		if body == "" {
			break
		}
		if body[0] != ',' || len(body) == 1 {
			return nil, false
		}
		body = body[1:]
	}
	return l, true
}

func encodeInts(l []int) string {
	if len(l) == 0 {
		return "[]"
	}
	b, err := json.Marshal(l)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func decodeInts(s string) ([]int, error) {
	if s == "" || s == "[]" {
		return nil, nil
	}
	var l []int
	if err := json.Unmarshal([]byte(s), &l); err != nil {
		return nil, fmt.Errorf("bad stored slot list %q: %w", s, err)
	}
	return l, nil
}

// newUID returns a calendar UID that stays with a meeting for its life.
func newUID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("generate meeting UID: %w", err)
	}
	return hex.EncodeToString(b[:]) + "@pitchmatch", nil
}
