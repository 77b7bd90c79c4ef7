package event

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestCheckText(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		kind     TextKind
		required bool
		code     string // "" = accepted
	}{
		{"plain Japanese", "心電図AI解析", SingleLine, true, ""},
		{"empty optional", "", SingleLine, false, ""},
		{"empty required", "", SingleLine, true, FieldRequired},
		{"spaces required", "  \u3000 ", SingleLine, true, FieldRequired},
		{"zero-width space only", "\u200b", SingleLine, true, FieldInvisible},
		{"zero-width spaces and BOM", "\u200b\ufeff\u200d", SingleLine, true, FieldInvisible},
		{"RLO only", "\u202e", SingleLine, true, FieldControl},
		{"RLO inside", "abc\u202egnp.exe", SingleLine, false, FieldControl},
		{"NUL only", "\x00", SingleLine, true, FieldControl},
		{"NUL inside optional", "a\x00b", SingleLine, false, FieldControl},
		{"bell", "a\x07", SingleLine, false, FieldControl},
		{"escape", "\x1b[31mred", MultiLine, false, FieldControl},
		{"DEL", "a\x7f", SingleLine, false, FieldControl},
		{"C1 NEL", "a\u0085b", MultiLine, false, FieldControl},
		{"tab", "a\tb", MultiLine, false, FieldControl},
		{"newline single-line", "a\nb", SingleLine, false, FieldControl},
		{"newline multi-line", "a\nb", MultiLine, false, ""},
		{"line separator", "a\u2028b", MultiLine, false, FieldControl},
		{"invalid UTF-8", "a\xffb", SingleLine, false, FieldFormat},
		{"truncated UTF-8", "\xe5\xbf", SingleLine, false, FieldFormat},
		{"emoji with ZWJ", "👩\u200d⚕️ Health", SingleLine, true, ""},
		{"combining only is not visible", "\u0301", SingleLine, true, FieldInvisible},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fe := CheckText("name.ja", tt.in, tt.kind, tt.required)
			switch {
			case tt.code == "" && fe != nil:
				t.Fatalf("refused %q: %v", tt.in, fe)
			case tt.code != "" && fe == nil:
				t.Fatalf("accepted %q, want %s", tt.in, tt.code)
			case fe != nil && fe.Code != tt.code:
				t.Fatalf("%q: code %s, want %s (%v)", tt.in, fe.Code, tt.code, fe)
			case fe != nil && (fe.Field != "name.ja" || fe.Message.Ja == "" || fe.Message.En == ""):
				t.Fatalf("%q: message does not name the field in both languages: %+v", tt.in, fe)
			}
		})
	}
}

func TestNormalizeText(t *testing.T) {
	decomposed := "ka\u3099" // か + combining voiced mark
	if got := NormalizeText("か\u3099", SingleLine); got != "が" {
		t.Fatalf("NFC: got %q", got)
	}
	if got := NormalizeText("a\r\nb\rc", MultiLine); got != "a\nb\nc" {
		t.Fatalf("line ends: got %q", got)
	}
	if got := NormalizeText("a\r\nb", SingleLine); got != "a\r\nb" {
		t.Fatalf("single-line keeps CR for CheckText to refuse: %q", got)
	}
	if got := NormalizeText("a\xff", SingleLine); got != "a\xff" {
		t.Fatalf("invalid UTF-8 must not be replaced silently: %q", got)
	}
	_ = decomposed
}

func TestValidateUsesTheSanitiser(t *testing.T) {
	base := Startup{ID: "S1", Name: Text{Ja: "テスト"}}
	cases := map[string]func(s *Startup){
		"name":                 func(s *Startup) { s.Name = Text{Ja: "\u200b"} },
		"name.en":              func(s *Startup) { s.Name.En = "x\x00" },
		"product_summary.ja":   func(s *Startup) { s.ProductSummary.Ja = "line\x1b" },
		"product_name.ja":      func(s *Startup) { s.ProductName.Ja = "\xff" },
		"website":              func(s *Startup) { s.Website = "https://a.example/\x01" },
		"name (RLO only)":      func(s *Startup) { s.Name = Text{Ja: "\u202e", En: "\u202e"} },
		"name (NUL only both)": func(s *Startup) { s.Name = Text{Ja: "\x00"} },
	}
	for field, mod := range cases {
		s := base
		mod(&s)
		err := s.Validate()
		if err == nil {
			t.Errorf("%s: accepted %+v", field, s)
			continue
		}
		want := strings.Fields(field)[0]
		if !strings.Contains(err.Error(), want+":") && !strings.Contains(err.Error(), want+".") {
			t.Errorf("%s: error does not name the field: %v", field, err)
		}
	}
	s := base
	s.ProductSummary.Ja = "一行目\r\n二行目"
	s.Name.Ja = "か\u3099"
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	if s.ProductSummary.Ja != "一行目\n二行目" || s.Name.Ja != "が" {
		t.Fatalf("Validate did not normalise: %q %q", s.ProductSummary.Ja, s.Name.Ja)
	}
	co := Company{ID: "C1", Name: Text{En: "\u200b\u200b"}}
	if err := co.Validate(); err == nil {
		t.Fatal("company with invisible name accepted")
	}
	th := Theme{ID: "T1", CompanyID: "C1", Title: Text{Ja: "テーマ"}, Description: Text{En: "a\x00"}}
	if err := th.Validate(); err == nil || !strings.Contains(err.Error(), "description.en") {
		t.Fatalf("theme: %v", err)
	}
}

// FuzzCleanText: whatever goes in, what CleanText accepts is valid UTF-8,
// NFC, free of control characters (a line feed only in multi-line text),
// visible when required, and cleaning it again changes nothing; what it
// refuses is refused with the field named.
func FuzzCleanText(f *testing.F) {
	for _, s := range []string{"", "a", "心電図", "\u200b", "\u202e", "\x00", "a\r\nb", "か\u3099", "\xff\xfe", "=HYPERLINK(\"x\")", "\t+cmd", "\u0085"} {
		f.Add(s, true, false)
		f.Add(s, false, true)
	}
	f.Fuzz(func(t *testing.T, s string, multi, required bool) {
		kind := SingleLine
		if multi {
			kind = MultiLine
		}
		out, fe := CleanText("f", s, kind, required)
		if fe != nil {
			if fe.Field != "f" || fe.Code == "" || fe.Message.En == "" || fe.Message.Ja == "" {
				t.Fatalf("refusal does not name the field: %+v", fe)
			}
			return
		}
		if !utf8.ValidString(out) || !norm.NFC.IsNormalString(out) {
			t.Fatalf("accepted %q as %q: not valid NFC UTF-8", s, out)
		}
		for _, r := range out {
			if r < 0x20 && !(r == '\n' && multi) || r == 0x7f || r >= 0x80 && r < 0xa0 {
				t.Fatalf("accepted %q with control U+%04X", s, r)
			}
		}
		if required && !HasVisible(out) {
			t.Fatalf("required %q accepted without a visible character", s)
		}
		if again, fe := CleanText("f", out, kind, required); fe != nil || again != out {
			t.Fatalf("not idempotent: %q -> %q (%v)", out, again, fe)
		}
	})
}

func TestCSVCell(t *testing.T) {
	for _, s := range []string{"=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "'=1", "''", "'", "plain", "", "心電図"} {
		c := CSVCell(s)
		if !CSVSafe(c) {
			t.Errorf("CSVCell(%q) = %q is not safe", s, c)
		}
		if back := CSVUncell(c); back != s {
			t.Errorf("round trip %q -> %q -> %q", s, c, back)
		}
	}
}
