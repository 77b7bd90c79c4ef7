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
// # The strict readers (JSON, and ReadCSV)
//
// The rest of this comment describes ReadCSV and ReadJSON: CSV and
// JSON lists of startups, companies, themes and availability. Organizers
// collect these in Excel (often a Japanese Excel that saves Shift_JIS), so
// reading is forgiving where people expect it and strict where a mistake
// would silently damage the event: a file with any problem is rejected
// whole, with an *ImportError naming the file, row, column and reason (in
// Japanese and English) of every problem, and nothing is imported.
// Sub-packages handle the other formats (ical, agenda, xlsx, kpi).
//
// # CSV columns
//
// The first row is the header; every column of the kind must be present
// (in any order), because an import overwrites stored records and a missing
// column would otherwise blank that field. Lists are separated by ';'.
//
//	startups:     id, name_ja, name_en, founded, prefecture, headcount,
//	              funding_stage, product_name_ja, product_name_en,
//	              product_summary_ja, product_summary_en, product_type,
//	              device_class, purposes, areas, technologies, dev_stage,
//	              regulatory, needs, partnerships, website, contact_email,
//	              max_meetings
//	companies:    id, name_ja, name_en, description_ja, description_en,
//	              scouts, max_meetings, tables
//	themes:       id, company_id, title_ja, title_en, description_ja,
//	              description_en, areas, technologies, stage_min, stage_max,
//	              product_types, classes, partnerships
//	availability: kind (startup or company), id, unavailable (0-based
//	              slot indexes; "3-5" is a range)
//
// Code columns hold the codes of the event vocabularies (event.Areas and so
// on). Numbers are whole numbers; an empty cell is 0, which for
// max_meetings and tables means the event default.
//
// # What reading forgives
//
//   - Encoding: UTF-8 with or without a byte-order mark, Shift_JIS
//     (Windows-31J/CP932, what Japanese Excel writes) and UTF-16 with a
//     byte-order mark are detected; undecodable bytes are reported by row.
//     A tab-separated file (Excel's "Unicode text") is recognised by its
//     header line.
//   - Headers: case, surrounding spaces, full-width letters and spaces,
//     '-' or ' ' for '_' are ignored, and these Japanese headers are
//     accepted (see columnsOf for the full table):
//     企業名（日本語）/企業名/社名/会社名 → name_ja, 企業名（英語）/社名（英語） →
//     name_en, 設立年 → founded, 都道府県/所在地 → prefecture, 従業員数 →
//     headcount, 資金調達ステージ → funding_stage, 製品名 → product_name_ja,
//     製品概要 → product_summary_ja, 製品種別 → product_type(s), クラス分類 →
//     device_class/classes, 用途 → purposes, 領域/疾患領域 → areas, 技術 →
//     technologies, 開発段階 → dev_stage, 薬事 → regulatory, ニーズ → needs,
//     希望提携/提携形態 → partnerships, ウェブサイト/URL → website,
//     メールアドレス → contact_email, 最大面談数 → max_meetings, 説明 →
//     description_ja, スカウト/担当者 → scouts, テーブル数 → tables,
//     テーマID → id, 企業ID → company_id (themes), テーマ名/タイトル →
//     title_ja, 種別/区分 → kind, 参加不可枠 → unavailable.
//     Unknown columns are an error: they usually mean a typo.
//   - Codes: a code cell may hold the code, its Japanese or English label
//     ("循環器", "Cardiovascular" → cardiovascular), the label without its
//     bracketed part ("クラスII" → class2), or a prefecture without 都/府/県.
//   - Lists: ';', '；', ',', '，', '、' and line breaks separate items (scouts
//     are not split at commas, since names may contain them).
//   - Cells: surrounding spaces are trimmed; full-width digits, thousands
//     separators ("1,200") and a date in the founded column are accepted;
//     blank rows and empty cells beyond the last column are ignored.
//
// # Writing
//
// WriteCSV writes UTF-8 with a byte-order mark (so Excel shows Japanese
// correctly), CRLF line ends and codes, and puts an apostrophe before a
// value that starts with = + - @ so a spreadsheet does not run it as a
// formula; ReadCSV removes it again. WriteJSON writes an indented array of
// the event types. Export followed by import gives back the same records
// (CSV does not carry Version and UpdatedAt; text is trimmed on import and
// its line breaks come back as "\n", as encoding/csv reads them).
//
// # Problems
//
// Every problem is reported with the file's base name, the spreadsheet row
// (header = row 1; a cell spanning lines counts once, blank lines count), the
// column as headed in the file and a Japanese and English reason; field
// checks are event's Validate methods, so the portal, the desktop forms and
// import agree on what is valid. At most MaxProblems are listed; the rest
// are counted. Files are limited to MaxFileSize.
//
// # JSON
//
// ReadJSON takes an array of records as the event types marshal, or an
// object {"startups": [...]} keyed by kind; unknown fields are rejected.
package exchange
