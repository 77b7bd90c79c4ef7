package exchange

import (
	"errors"
	"strings"

	"pitchmatch/event"
)

// numberReason is the reason of a number-parsing error.
func numberReason(err error) event.Text {
	var ne *event.NumberError
	if errors.As(err, &ne) {
		return ne.Message()
	}
	return event.Text{Ja: err.Error(), En: err.Error()}
}

// List separators accepted in code-list cells: ';' (what WriteCSV
// writes), full-width '；', ',' and '，', the Japanese '、', and line breaks
// inside a cell. Names (scouts) are split by event.SplitNames, not at
// commas.
const codeSeparators = ";；,，、\n"

// splitList splits s at any of seps and returns the trimmed, non-empty items.
func splitList(s, seps string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) })
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// escapeCell and unescapeCell are event's one CSV-injection rule (OWASP: an
// apostrophe before a cell starting with = + - @ tab or CR), which every CSV
// writer uses, so export and import round-trip.
func escapeCell(s string) string { return event.CSVCell(s) }

func unescapeCell(s string) string { return event.CSVUncell(s) }
