package exchange

import (
	"fmt"
	"strings"

	"pitchmatch/event"
)

// Summary is the plan's one-line count: N new, M changed, K problems.
func (p *Plan) Summary(lang event.Lang) string {
	n := len(p.Problems) + p.Omitted
	if lang == event.Ja {
		s := fmt.Sprintf("%s（%s）: 新規 %d件、変更 %d件、変更なし %d件、問題 %d件", p.File, p.Kind.label().Ja, p.New, p.Changed, p.Unchanged, n)
		if p.Stale > 0 {
			s += fmt.Sprintf("、書き出し後に変更されたため残す %d件", p.Stale)
		}
		if p.Removed > 0 {
			s += fmt.Sprintf("、ファイルにないため削除 %d件", p.Removed)
		}
		return s
	}
	s := fmt.Sprintf("%s (%s): %d new, %d changed, %d unchanged, %d problem(s)", p.File, p.Kind, p.New, p.Changed, p.Unchanged, n)
	if p.Stale > 0 {
		s += fmt.Sprintf(", %d changed in the event since the export and left as they are", p.Stale)
	}
	if p.Removed > 0 {
		s += fmt.Sprintf(", %d removed (not in the file)", p.Removed)
	}
	return s
}

// Report is the preview as lines for people: the summary, the ignored
// columns, then every new, changed and stale record with each changed
// field old → new. limit caps the record lines (0: all). The problems are
// Err's message.
func (p *Plan) Report(lang event.Lang, limit int) []string {
	return p.ReportWith(lang, limit, OverwriteFlagHint)
}

// OverwriteFlagHint tells how to overwrite a stale record from the command
// line.
func OverwriteFlagHint(id string) event.Text {
	return event.T("上書きするには --overwrite "+id, "to overwrite: --overwrite "+id)
}

// ReportWith is Report with the tool's own way to overwrite a stale record
// (hint gives the words for the record's ID).
func (p *Plan) ReportWith(lang event.Lang, limit int, hint func(id string) event.Text) []string {
	ja := lang == event.Ja
	out := []string{p.Summary(lang)}
	if len(p.Unmapped) > 0 {
		if ja {
			out = append(out, "  取り込まない列: "+strings.Join(p.Unmapped, "、"))
		} else {
			out = append(out, "  ignored columns: "+strings.Join(p.Unmapped, ", "))
		}
	}
	shown := 0
	for _, r := range p.Records {
		if limit > 0 && shown >= limit {
			if ja {
				out = append(out, fmt.Sprintf("  …ほか%d件", len(p.Records)-shown))
			} else {
				out = append(out, fmt.Sprintf("  … and %d more", len(p.Records)-shown))
			}
			break
		}
		shown++
		var changes []string
		for _, c := range r.Changes {
			old, cur := c.OldIn(lang), c.NewIn(lang)
			if old == "" {
				old = "—"
			}
			if cur == "" {
				cur = "—"
			}
			changes = append(changes, fmt.Sprintf("%s: %s → %s", c.Label.In(lang), old, cur))
		}
		sep := "; "
		if ja {
			sep = "、"
		}
		switch {
		case r.Removed && ja:
			out = append(out, "  削除 "+r.What.Ja+"（ファイルにありません）")
		case r.Removed:
			out = append(out, "  removed "+r.What.En+" (not in the file)")
		case r.Stale && ja:
			out = append(out, fmt.Sprintf("  残す %s（%d行目）: 書き出し（版 %d）の後にイベント側で変更されています（版 %d）。%s。ファイルの内容: %s",
				r.ID, r.Row, r.FileVersion, r.StoredVersion, hint(r.ID).Ja, strings.Join(changes, sep)))
		case r.Stale:
			out = append(out, fmt.Sprintf("  left %s (row %d): changed in the event (version %d) since the export (version %d); %s; the file has: %s",
				r.ID, r.Row, r.StoredVersion, r.FileVersion, hint(r.ID).En, strings.Join(changes, sep)))
		case r.New && ja:
			out = append(out, fmt.Sprintf("  新規 %s（%d行目）", r.ID, r.Row))
		case r.New:
			out = append(out, fmt.Sprintf("  new %s (row %d)", r.ID, r.Row))
		case ja:
			out = append(out, fmt.Sprintf("  変更 %s（%d行目）: %s", r.ID, r.Row, strings.Join(changes, sep)))
		default:
			out = append(out, fmt.Sprintf("  changed %s (row %d): %s", r.ID, r.Row, strings.Join(changes, sep)))
		}
	}
	return out
}
