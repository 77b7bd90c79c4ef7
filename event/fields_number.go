package event

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// FoldWidth maps full-width ASCII forms (Ｓ０１, ＡＢＣ, －) to ASCII and
// the ideographic space to a space, leaving everything else as it is. It is
// the part of NFKC that numbers, IDs and codes need, written here so that
// event (and the browser portal) carries no Unicode tables.
func FoldWidth(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFF01 + '!'
		case r == 0x3000:
			return ' '
		case r == '−' || r == '‐' || r == '‑' || r == '–': // minus sign, hyphens, en dash
			return '-'
		}
		return r
	}, s)
}

// NumberError is returned by ParseWhole and ParseYear for text that is not
// a whole number (or a year). Its Message says what was wrong and gives an
// example in both languages.
type NumberError struct {
	Input string
	Year  bool // a year was expected
	// Decimal: a decimal number was expected.
	Decimal bool
	Range   bool // a number, but too large
}

func (e *NumberError) Error() string { return e.Message().En }

// Message is the user-facing reason.
func (e *NumberError) Message() Text {
	switch {
	case e.Range:
		return Text{Ja: fmt.Sprintf("「%s」は大きすぎます", e.Input), En: fmt.Sprintf("%q is too large", e.Input)}
	case e.Decimal:
		return Text{
			Ja: fmt.Sprintf("「%s」は数値ではありません（例: 0.05、０．１）", e.Input),
			En: fmt.Sprintf("%q is not a number (e.g. 0.05)", e.Input),
		}
	case e.Year:
		return Text{
			Ja: fmt.Sprintf("「%s」は年ではありません（例: 2018、平成30年、2018/04/01）", e.Input),
			En: fmt.Sprintf("%q is not a year (e.g. 2018, 平成30年, 2018/04/01)", e.Input),
		}
	}
	return Text{
		Ja: fmt.Sprintf("「%s」は整数ではありません（例: 12、１２名）", e.Input),
		En: fmt.Sprintf("%q is not a whole number (e.g. 12)", e.Input),
	}
}

// Unwrap lets errors.As find an *Error with code EInvalid.
func (e *NumberError) Unwrap() error { return &Error{Code: EInvalid, Message: e.Message()} }

// FieldError is the problem as a field error of field.
func (e *NumberError) FieldError(field string) FieldError {
	return FieldError{Field: field, Code: FieldFormat, Message: e.Message()}
}

// ParseDecimal reads a decimal number as people type it: full-width
// digits and point (０．０５), a comma as the decimal mark when there is no
// point (0,05), surrounding spaces. NaN and infinities are refused.
func ParseDecimal(s string) (float64, error) {
	t := strings.TrimSpace(FoldWidth(s))
	if !strings.Contains(t, ".") && strings.Count(t, ",") == 1 {
		t = strings.Replace(t, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, &NumberError{Input: s, Decimal: true}
	}
	return v, nil
}

// Counting units accepted after a number ("１２名", "3社", "20 min").
var numberUnits = []string{
	"名様", "名", "人", "社", "件", "回", "枠", "分間", "分", "個", "台", "卓", "席", "組", "日間", "日", "歳", "才",
	"people", "persons", "person", "companies", "startups", "minutes", "mins", "min", "tables", "slots", "meetings",
}

// ParseWhole parses a whole number as people type it into a form, a
// spreadsheet or a Google Form: ASCII or full-width digits (１２), a sign,
// thousands separators in groups of three (1,200 and １，２００), a trailing
// ".0" as spreadsheets print whole numbers, simple kanji numerals (十二),
// spaces around, and a counting unit after the number (１２名, 3社, 20分,
// 12 people). The result must fit in 32 bits. An empty string is an error:
// callers treat a blank as "not set" before calling. Every whole-number
// field — CSV and xlsx import, the portal and the desktop forms — reads
// through this function.
func ParseWhole(s string) (int, error) {
	n, ok := parseWhole(s, numberUnits)
	if !ok {
		return 0, &NumberError{Input: strings.TrimSpace(s), Range: n == math.MaxInt}
	}
	return n, nil
}

// parseWhole returns the number, or ok=false; n is MaxInt when the text is
// a number but out of range.
func parseWhole(s string, units []string) (n int, ok bool) {
	f := strings.TrimSpace(FoldWidth(s))
	for _, u := range units {
		if rest, cut := strings.CutSuffix(f, u); cut && rest != "" {
			f = strings.TrimSpace(rest)
			break
		}
	}
	if f == "" {
		return 0, false
	}
	if k, ok := parseKanji(f); ok {
		return k, true
	}
	neg := false
	switch f[0] {
	case '-':
		neg, f = true, f[1:]
	case '+':
		f = f[1:]
	}
	if whole, frac, dot := strings.Cut(f, "."); dot {
		if frac == "" || strings.Trim(frac, "0") != "" {
			return 0, false
		}
		f = whole
	}
	if strings.Contains(f, ",") {
		parts := strings.Split(f, ",")
		for i, p := range parts {
			if i > 0 && len(p) != 3 || i == 0 && (len(p) == 0 || len(p) > 3) {
				return 0, false
			}
		}
		f = strings.Join(parts, "")
	}
	if f == "" {
		return 0, false
	}
	for i := 0; i < len(f); i++ {
		if f[i] < '0' || f[i] > '9' {
			return 0, false
		}
	}
	v, err := strconv.ParseInt(f, 10, 32)
	if err != nil {
		return math.MaxInt, false
	}
	if neg {
		v = -v
	}
	return int(v), true
}

var kanjiDigits = map[rune]int{'〇': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// parseKanji reads kanji numerals below 100,000,000: positional ("二〇一八")
// or with 十, 百, 千 and 万 ("二千十八", "十二", "三万五千").
func parseKanji(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	positional := true
	for _, r := range s {
		if _, ok := kanjiDigits[r]; !ok {
			positional = false
			break
		}
	}
	if positional {
		n := 0
		for _, r := range s {
			n = n*10 + kanjiDigits[r]
			if n > math.MaxInt32 {
				return 0, false
			}
		}
		return n, true
	}
	total, section, digit := 0, 0, -1
	for _, r := range s {
		if d, ok := kanjiDigits[r]; ok {
			if digit >= 0 {
				return 0, false // two digits in a row outside positional form
			}
			digit = d
			continue
		}
		mult := 0
		switch r {
		case '十':
			mult = 10
		case '百':
			mult = 100
		case '千':
			mult = 1000
		case '万':
			if digit >= 0 {
				section += digit
			}
			if section == 0 {
				return 0, false
			}
			total += section * 10000
			section, digit = 0, -1
			continue
		default:
			return 0, false
		}
		if digit < 0 {
			digit = 1
		}
		section += digit * mult
		digit = -1
	}
	if digit >= 0 {
		section += digit
	}
	return total + section, true
}

// Japanese eras: the first Gregorian year of each.
var eras = []struct {
	names []string
	first int
}{
	{[]string{"令和", "㋿", "R", "r"}, 2019},
	{[]string{"平成", "㍻", "H", "h"}, 1989},
	{[]string{"昭和", "㍼", "S", "s"}, 1926},
	{[]string{"大正", "㍽", "T", "t"}, 1912},
	{[]string{"明治", "㍾", "M", "m"}, 1868},
}

// ParseYear parses a year as people write it: a whole number (2018,
// ２０１８), with 年 ("2018年"), a date or month whose year comes first
// ("2018/04/01", "2018-04", "2018年4月1日", "2018.4"), or a Japanese era
// year ("平成30年", "平成元年", "令和5年4月", "H30", "R5", "㍻30"). It does
// not check the range; validation does.
func ParseYear(s string) (int, error) {
	fail := func() (int, error) { return 0, &NumberError{Input: strings.TrimSpace(s), Year: true} }
	f := strings.TrimSpace(FoldWidth(s))
	if f == "" {
		return fail()
	}
	for _, era := range eras {
		for _, name := range era.names {
			rest, ok := strings.CutPrefix(f, name)
			if !ok {
				continue
			}
			rest = strings.TrimSpace(rest)
			num, tail := leadingYearNumber(rest)
			if num == "" {
				return fail()
			}
			n := 1
			if num != "元" {
				v, ok := parseWhole(num, nil)
				if !ok || v < 1 || v > 99 {
					return fail()
				}
				n = v
			}
			if !yearTail(tail, len(name) == 1 && name[0] < utf8.RuneSelf) {
				return fail()
			}
			return era.first + n - 1, nil
		}
	}
	if n, ok := parseWhole(f, []string{"年"}); ok {
		return n, nil
	}
	num, tail := leadingYearNumber(f)
	if len(num) == 4 && yearTail(tail, true) {
		if n, ok := parseWhole(num, nil); ok {
			return n, nil
		}
	}
	return fail()
}

// leadingYearNumber splits the leading year number (ASCII digits, kanji
// numerals or 元) from the rest.
func leadingYearNumber(s string) (num, rest string) {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		_, kanji := kanjiDigits[r]
		if r >= '0' && r <= '9' || kanji || r == '十' || r == '元' {
			i += size
			continue
		}
		break
	}
	return s[:i], s[i:]
}

// yearTail accepts what may follow the year number: nothing, 年 with an
// optional month and day, or (where dateSep) a date separator and more
// digits, as in 2018/04/01 or H30.4.1.
func yearTail(tail string, dateSep bool) bool {
	tail = strings.TrimSpace(tail)
	if tail == "" {
		return true
	}
	if rest, ok := strings.CutPrefix(tail, "年"); ok {
		return monthDay(rest, "月", "日")
	}
	if dateSep && (tail[0] == '/' || tail[0] == '-' || tail[0] == '.') {
		for _, r := range tail {
			if !(r >= '0' && r <= '9' || r == '/' || r == '-' || r == '.' || r == ' ' || r == ':') {
				return false
			}
		}
		return true
	}
	return false
}

// monthDay accepts "", "4月", "4月1日", "04月01日" and the like.
func monthDay(s string, units ...string) bool {
	s = strings.TrimSpace(s)
	for _, u := range units {
		if s == "" {
			return true
		}
		num, rest := leadingYearNumber(s)
		if num == "" {
			return false
		}
		rest, ok := strings.CutPrefix(strings.TrimSpace(rest), u)
		if !ok {
			return false
		}
		s = strings.TrimSpace(rest)
	}
	return s == ""
}
