package exchange

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"pitchmatch/event"
)

// Problem is one thing wrong with an imported file.
type Problem struct {
	File string // base name of the file, e.g. "startups.csv"
	// Row is the 1-based spreadsheet row (the header is row 1) for CSV,
	// or the 1-based line on which the record starts for JSON; 0 when the
	// problem concerns the whole file.
	Row int
	// Column is the CSV header as written in the file ("areas", "社名");
	// empty for JSON and for whole-row problems.
	Column string
	// Field is the record's field path as event validation names it
	// ("name.ja", "areas[2]"); empty when the problem is not about one field.
	Field  string
	Reason event.Text
}

// Message renders the problem on one line in lang, for example
// `startups.csv:14: column "areas": "cardio" is not a known area code`.
func (p Problem) Message(lang event.Lang) string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Row > 0 {
		fmt.Fprintf(&b, ":%d", p.Row)
	}
	b.WriteString(": ")
	switch {
	case p.Column != "" && lang == event.Ja:
		fmt.Fprintf(&b, "列「%s」: ", p.Column)
	case p.Column != "":
		fmt.Fprintf(&b, "column %q: ", p.Column)
	case p.Field != "" && lang == event.Ja:
		fmt.Fprintf(&b, "項目「%s」: ", p.Field)
	case p.Field != "":
		fmt.Fprintf(&b, "field %q: ", p.Field)
	}
	b.WriteString(p.Reason.In(lang))
	return b.String()
}

func (p Problem) String() string { return p.Message(event.En) }

// MaxProblems is the most problems an ImportError lists; a file with more
// (say, the wrong kind of file with thousands of rows) has the rest counted
// in Omitted, which keeps the report readable and the reader's memory
// bounded.
const MaxProblems = 1000

// ImportError rejects a whole file and lists every problem found in it (up
// to MaxProblems, in row order). Nothing from a file with an ImportError is
// stored. errors.As finds it, and event.ErrorCode reports event.EInvalid.
type ImportError struct {
	File     string
	Problems []Problem
	Omitted  int // problems found beyond MaxProblems
}

// Error prints one line per problem, in English.
func (e *ImportError) Error() string { return e.Message(event.En) }

// Message prints one line per problem in lang.
func (e *ImportError) Message(lang event.Lang) string {
	if len(e.Problems) == 0 {
		return e.File + ": " + e.summary().In(lang)
	}
	lines := make([]string, len(e.Problems), len(e.Problems)+1)
	for i, p := range e.Problems {
		lines[i] = p.Message(lang)
	}
	if e.Omitted > 0 {
		lines = append(lines, e.omitted().In(lang))
	}
	return strings.Join(lines, "\n")
}

// Count is the number of problems found, listed or not.
func (e *ImportError) Count() int { return len(e.Problems) + e.Omitted }

func (e *ImportError) summary() event.Text {
	return event.Text{
		Ja: fmt.Sprintf("%s に%d件の問題があるため、取り込みませんでした", e.File, e.Count()),
		En: fmt.Sprintf("%s was not imported: %d problem(s)", e.File, e.Count()),
	}
}

func (e *ImportError) omitted() event.Text {
	return event.Text{
		Ja: fmt.Sprintf("%s: ほかに%d件の問題があります（最初の%d件のみ表示）", e.File, e.Omitted, len(e.Problems)),
		En: fmt.Sprintf("%s: %d more problem(s) not listed (showing the first %d)", e.File, e.Omitted, len(e.Problems)),
	}
}

// Unwrap lets errors.As find an *event.Error with code event.EInvalid whose
// message summarises the problem count in both languages.
func (e *ImportError) Unwrap() error {
	return &event.Error{Code: event.EInvalid, Message: e.summary()}
}

// problems accumulates the problems of one file.
type problems struct {
	file    string
	list    []Problem
	omitted int
}

func (ps *problems) add(row int, column, field string, reason event.Text) {
	if len(ps.list) >= MaxProblems {
		ps.omitted++
		return
	}
	ps.list = append(ps.list, Problem{File: ps.file, Row: row, Column: column, Field: field, Reason: reason})
}

// full reports whether further problems are only counted, so callers can
// skip composing their messages.
func (ps *problems) full() bool { return len(ps.list) >= MaxProblems }

// err returns the *ImportError, sorted by row, or nil if there is none.
func (ps *problems) err() error {
	if len(ps.list) == 0 {
		return nil
	}
	slices.SortStableFunc(ps.list, func(a, b Problem) int { return cmp.Compare(a.Row, b.Row) })
	return &ImportError{File: ps.file, Problems: ps.list, Omitted: ps.omitted}
}
