package exchange

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"unicode/utf8"

	"pitchmatch/event"
)

// delimiter guesses the separator from the first line: a tab-separated
// file (Excel's "Unicode text") has tabs and no commas there.
func delimiter(text []byte) rune {
	line, _, _ := bytes.Cut(text, []byte("\n"))
	if bytes.IndexByte(line, '\t') >= 0 && bytes.IndexByte(line, ',') < 0 {
		return '\t'
	}
	return ','
}

func csvErrText(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func unknownCompany(id string) event.Text {
	return event.Text{
		Ja: fmt.Sprintf("企業「%s」はイベントにもこのファイル群にもありません。先に企業を取り込んでください", id),
		En: fmt.Sprintf("company %q is neither in the event nor in the imported files; import the companies first", id),
	}
}

// participantKind maps what people write in an availability kind cell.
func participantKind(s string) event.ParticipantKind {
	switch fold(s) {
	case "startup", "startups", "スタートアップ", "s":
		return event.KindStartup
	case "company", "companies", "企業", "大企業", "c":
		return event.KindCompany
	}
	return event.ParticipantKind(s)
}

// invalidTextAt returns the offset of the first undecodable character in
// the decoded text, or -1. JSON is UTF-8 by definition, but a file saved by
// a Japanese Windows editor may be Shift_JIS, which decodeText handles.
func invalidTextAt(d decoded) int {
	if d.encoding == encShiftJS {
		return bytes.IndexRune(d.text, utf8.RuneError)
	}
	for i := 0; i < len(d.text); {
		r, size := utf8.DecodeRune(d.text[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}
