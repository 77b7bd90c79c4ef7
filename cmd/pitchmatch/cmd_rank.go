package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/width"

	"pitchmatch/event"
	"pitchmatch/matching"
	"pitchmatch/storage"
)

func rankCmd() *command {
	return &command{name: "rank", summary: "rank startups for a theme, or themes for a startup / 推薦順位を表示", run: runRank}
}

// rankRow is one line of `rank --json`: startup_id for --theme, theme_id
// for --startup.
type rankRow struct {
	Rank      int                     `json:"rank"`
	StartupID string                  `json:"startup_id,omitempty"`
	ThemeID   string                  `json:"theme_id,omitempty"`
	CompanyID string                  `json:"company_id"`
	Name      event.Text              `json:"name"`
	Score     float64                 `json:"score"`
	Features  []matching.FeatureScore `json:"features"`
	Skipped   []matching.FeatureScore `json:"skipped,omitempty"`
	// Confidence is the share of the theme's criteria the profile gives
	// data for; ConfidenceNote names the missing fields.
	Confidence     float64    `json:"confidence"`
	ConfidenceNote event.Text `json:"confidence_note,omitzero"`
}

func runRank(ctx context.Context, env *cliEnv, args []string) error {
	fs := newFlags(env, "rank", "rank --db FILE (--theme ID | --startup ID) [--top N] [--json] [--lang ja|en] [--area CODES] [--stage CODES] [--type CODES] [--class CODES]")
	db := dbFlag(fs)
	themeID := fs.String("theme", "", "rank the startups for this theme")
	startupID := fs.String("startup", "", "rank the themes for this startup")
	top := fs.Int("top", 20, "show at most N results (0: all)")
	asJSON := fs.Bool("json", false, "print JSON")
	lang := fs.String("lang", "", "language of the table: ja or en (default: the event's, else $LANG)")
	var f matching.Filter
	codes := func(dst *[]string, name, usage string) {
		fs.Func(name, usage+" (comma-separated codes)", func(v string) error {
			for _, c := range strings.Split(v, ",") {
				if c = strings.TrimSpace(c); c != "" {
					*dst = append(*dst, c)
				}
			}
			return nil
		})
	}
	codes(&f.Areas, "area", "keep candidates in these areas")
	codes(&f.Stages, "stage", "keep candidates at these development stages")
	codes(&f.ProductTypes, "type", "keep candidates of these product types")
	codes(&f.Classes, "class", "keep candidates of these device classes")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if (*themeID == "") == (*startupID == "") {
		return usagef("give exactly one of --theme or --startup")
	}
	if *top < 0 {
		return usagef("--top must be 0 or more")
	}
	if *lang != "" && *lang != "ja" && *lang != "en" {
		return usagef("--lang must be ja or en")
	}

	st, err := openDB(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	in, ev, err := loadMatchingInput(ctx, st, env)
	if err != nil {
		return err
	}
	m, err := matching.Prepare(ctx, in)
	if err != nil {
		return err
	}
	var results []matching.Result
	if *themeID != "" {
		results, err = m.RankTheme(ctx, *themeID, f, *top)
	} else {
		results, err = m.RankStartup(ctx, *startupID, f, *top)
	}
	if err != nil {
		return err
	}

	names := map[string]event.Text{}
	if *themeID != "" {
		for _, s := range in.Startups {
			names[s.ID] = s.Name
		}
	} else {
		for _, t := range in.Themes {
			names[t.ID] = t.Title
		}
	}
	rows := make([]rankRow, len(results))
	for i, r := range results {
		row := rankRow{Rank: i + 1, CompanyID: r.CompanyID, Score: r.Score, Features: r.Features, Skipped: r.Skipped,
			Confidence: r.Confidence, ConfidenceNote: r.ConfidenceNote}
		if *themeID != "" {
			row.StartupID, row.Name = r.StartupID, names[r.StartupID]
		} else {
			row.ThemeID, row.Name = r.ThemeID, names[r.ThemeID]
		}
		if row.Features == nil {
			row.Features = []matching.FeatureScore{}
		}
		rows[i] = row
	}
	l := event.Lang(*lang)
	if l == "" {
		l = ev.DefaultLanguage
		if l == "" {
			l = event.ParseLang(env.getenv("LANG"))
		}
	}
	if *asJSON {
		if !in.EmbeddingNote.IsZero() { // keep stdout pure JSON; say it on stderr
			fmt.Fprintln(env.stderr, in.EmbeddingNote.In(l))
		}
		enc := json.NewEncoder(env.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	}
	fmt.Fprintln(env.stdout, rankHeading(in, *themeID, *startupID, l))
	printRankTable(env.stdout, rows, *themeID != "", l)
	if len(rows) > 0 {
		if e, ok := results[0].Feature(matching.FeatureEmbedding); ok && e.Weight > 0 && slicesHasName(results[0].Skipped, matching.FeatureEmbedding) {
			fmt.Fprintf(env.stdout, "\n%s: %s\n", matching.FeatureLabel(matching.FeatureEmbedding).In(l), e.Reason.In(l))
		}
	}
	return nil
}

// rankHeading names what was ranked: the theme with its company, or the
// startup.
func rankHeading(in matching.Input, themeID, startupID string, l event.Lang) string {
	if themeID != "" {
		for _, t := range in.Themes {
			if t.ID != themeID {
				continue
			}
			company := t.CompanyID
			for _, c := range in.Companies {
				if c.ID == t.CompanyID {
					company = c.Name.In(l)
				}
			}
			if l == event.Ja {
				return fmt.Sprintf("テーマ %s「%s」（%s）に合うスタートアップ", t.ID, t.Title.In(l), company)
			}
			return fmt.Sprintf("Startups for theme %s \"%s\" (%s)", t.ID, t.Title.In(l), company)
		}
	}
	for _, s := range in.Startups {
		if s.ID == startupID {
			if l == event.Ja {
				return fmt.Sprintf("スタートアップ %s「%s」に合うテーマ", s.ID, s.Name.In(l))
			}
			return fmt.Sprintf("Themes for startup %s \"%s\"", s.ID, s.Name.In(l))
		}
	}
	return ""
}

func slicesHasName(fs []matching.FeatureScore, name string) bool {
	for _, f := range fs {
		if f.Name == name {
			return true
		}
	}
	return false
}

// loadMatchingInput reads everything ranking needs from the store, and the
// cached embedding vectors where available.
func loadMatchingInput(ctx context.Context, st *storage.DB, env *cliEnv) (matching.Input, *event.Event, error) {
	// One read transaction, so the ranking sees one committed state.
	snap, err := st.Snapshot(ctx)
	if err != nil {
		return matching.Input{}, nil, fmt.Errorf("read event: %w", err)
	}
	ev := snap.Event
	in := matching.Input{Event: ev, Startups: snap.Startups, Companies: snap.Companies, Themes: snap.Themes, Interests: snap.Interests}
	loadEmbeddings(ctx, st, ev, &in, env)
	return in, ev, nil
}

// printRankTable writes rank, ID, name, score and the two strongest
// reasons, padding by display width so Japanese columns line up.
func printRankTable(w io.Writer, rows []rankRow, startups bool, lang event.Lang) {
	hID, hName, hScore, hWhy := "ID", "name", "score", "top reasons"
	if lang == event.Ja {
		hName, hScore, hWhy = "名称", "スコア", "主な理由"
	}
	if len(rows) == 0 {
		if lang == event.Ja {
			fmt.Fprintln(w, "該当する候補はありません")
		} else {
			fmt.Fprintln(w, "no candidates")
		}
		return
	}
	idW, nameW := dispWidth(hID), dispWidth(hName)
	ids := make([]string, len(rows))
	names := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.StartupID
		if !startups {
			ids[i] = r.ThemeID
		}
		names[i] = truncWidth(r.Name.In(lang), 36)
		idW, nameW = max(idW, dispWidth(ids[i])), max(nameW, dispWidth(names[i]))
	}
	fmt.Fprintf(w, "%4s  %s  %s  %s  %s\n", "#", pad(hID, idW), pad(hName, nameW), strings.Repeat(" ", max(0, 6-dispWidth(hScore)))+hScore, hWhy)
	for i, r := range rows {
		res := matching.Result{Features: r.Features, ConfidenceNote: r.ConfidenceNote}
		why := res.Summary(lang, 2)
		sep := "; "
		if lang == event.Ja {
			sep = "／"
		}
		fmt.Fprintf(w, "%4d  %s  %s  %6.3f  %s\n", r.Rank, pad(ids[i], idW), pad(names[i], nameW), r.Score, strings.Join(why, sep))
	}
}

// dispWidth counts East Asian wide and full-width characters as two columns.
func dispWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

func pad(s string, w int) string {
	if d := w - dispWidth(s); d > 0 {
		return s + strings.Repeat(" ", d)
	}
	return s
}

func truncWidth(s string, w int) string {
	if dispWidth(s) <= w {
		return s
	}
	var b strings.Builder
	n := 0
	for _, r := range s {
		rw := dispWidth(string(r))
		if n+rw > w-1 {
			break
		}
		b.WriteRune(r)
		n += rw
	}
	return b.String() + "…"
}
