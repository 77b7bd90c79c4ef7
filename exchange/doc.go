// Package exchange reads and writes PitchMatch's participant files.
//
// # The import pipeline (CLI import, desktop import dialog)
//
// file → Table (ReadTableFile: CSV/TSV in UTF-8 with or without BOM,
// Shift_JIS/CP932 or UTF-16; .xlsx through excelize, first sheet or a named
// one, merged ranges filled) → Mapping (SuggestMapping: the header row is
// detected below any title rows; columns are matched by the field schema's
// labels and aliases, exactly or contained in a longer question, or by
// their data; saved per event under Shape) → Plan (BuildPlan: every value
// through the vocabularies, synonyms, value maps and event.ParseWhole /
// ParseYear; records matched by ID, or by name with a stable ID derived
// from it; only mapped fields change on a stored record; short or long rows,
// a stray byte-order mark, a repeated header, duplicate IDs or rows and
// unknown values are problems naming the row; records edited since the
// export the file came from are left unless overwritten) → commit
// (storage.DB.ImportWith with CheckVersions). WriteTable exports every kind
// in the shape BuildPlan reads, with a version column.
//
// JSON goes the same way (ReadJSONTable, chosen by ReadTableFile for
// .json): an array of records as the event types marshal (what WriteJSON
// writes), or an object {"startups": [...]} keyed by kind; each record is a
// row whose keys are the columns ({"ja","en"} values two columns, lists
// joined with ';'), and a key a record leaves out keeps the stored value. A
// file with any problem is rejected whole, with an *ImportError naming the
// file, row, column and reason (in Japanese and English) of every problem,
// and nothing is imported. (The earlier strict ReadCSV/ReadJSON, which
// required every column, are gone: the pipeline serves both.)
//
// # Notes
//
// Startups and companies have the organizer's notes (event.NotesField, a
// private field never sent to a portal). Any number of file columns can be
// mapped to it (Mapping.KeepUnmappedAsNotes maps every ignored one; CLI
// --unmapped-as-notes or --map 'HEADER=notes'): each non-empty cell becomes
// a "header: value" line, except a column headed as the notes field itself
// (notes, 備考, メモ), whose value is taken as it is, so an export imports
// back unchanged.
//
// # Interests: adding, or the whole list
//
// An interests file adds statements. With PlanOptions.RemoveAbsent (CLI
// --remove-absent KINDS|all, the desktop dialog's kind checks) it is the
// whole list of the kinds named: stored statements of those kinds that it
// does not list are removed in the same transaction (event.Batch
// RemoveInterests), and the preview lists each by name.
//
// # What the pipeline forgives
//
//   - Encoding: UTF-8 with or without a byte-order mark, Shift_JIS
//     (Windows-31J/CP932, what Japanese Excel writes) and UTF-16 with a
//     byte-order mark are detected; undecodable bytes are reported by row.
//     A tab-separated file (Excel's "Unicode text") is recognised by its
//     header line.
//   - Headers: case, surrounding spaces, full-width letters and spaces,
//     '-' or ' ' for '_' are ignored; the schema's labels and aliases in
//     both languages are accepted (see columnsOf and event.Fields), also
//     inside a longer question. Unknown columns are listed and ignored.
//   - Codes: a code cell may hold the code, its Japanese or English label
//     ("循環器", "Cardiovascular" → cardiovascular), the label without its
//     bracketed part ("クラスII" → class2), a synonym (synonyms.go), or a
//     prefecture without 都/府/県.
//   - Lists: ';', '；', ',', '，', '、' and line breaks separate items (scouts
//     are split by event.SplitNames, not at commas, since names contain them).
//   - Cells: surrounding spaces are trimmed; full-width digits, units,
//     thousands separators ("1,200"), era years and dates are accepted
//     (event.ParseWhole, ParseYear); blank rows are ignored.
//
// # Writing
//
// WriteTable (and WriteCSV) write UTF-8 with a byte-order mark (so Excel
// shows Japanese correctly), CRLF line ends and codes, and put an
// apostrophe before a value that starts with = + - @ so a spreadsheet does
// not run it as a formula; the pipeline removes it again. WriteJSON writes
// an indented array of the event types. Export followed by import gives
// back the same records (text is trimmed on import and its line breaks
// come back as "\n", as encoding/csv reads them).
//
// # Problems
//
// Every problem is reported with the file's base name, the spreadsheet row
// (header = row 1; a cell spanning lines counts once, blank lines count;
// for JSON the line a record starts on), the column as headed in the file
// and a Japanese and English reason; field checks are event's Validate
// methods, so the portal, the desktop forms and import agree on what is
// valid. At most MaxProblems are listed; the rest are counted. Files are
// limited to MaxFileSize.
package exchange
