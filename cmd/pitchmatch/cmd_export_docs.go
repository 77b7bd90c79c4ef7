package main

// Schedule documents for `pitchmatch export --format ics|pdf|xlsx|csv --for
// all|startup:ID|company:ID --out PATH`: the files participants open in
// their calendars, print and read in Excel. The formats themselves live in
// exchange/docs/render; this file loads the event, writes atomically and
// draws a progress bar on stderr.

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"pitchmatch/exchange/docs"
	"pitchmatch/exchange/docs/render"
	"pitchmatch/exchange/kpi"
	"pitchmatch/exchange/results"
	"pitchmatch/matching"
	"pitchmatch/storage"
)

// exportDocument writes the schedule document of scope in format to out
// ("-" for standard output, not for pdf, xlsx or zip archives). An out
// ending in .zip asks for the archive form of ics (one calendar per
// participant) and pdf (agendas in files of bounded size, table sheets, KPI
// report), which is the form for big events.
func exportDocument(ctx context.Context, env *cliEnv, db *storage.DB, format, scope, out string) error {
	return exportDocumentFrom(ctx, env, db, format, scope, out)
}

// exportDocumentFrom is exportDocument over any docs.Source.
func exportDocumentFrom(ctx context.Context, env *cliEnv, src docs.Source, format, scope, out string) error {
	sc, err := docs.ParseScope(scope)
	if err != nil {
		return usageError{err.Error()}
	}
	archive := render.IsArchive(out)
	if archive && format != "ics" && format != "pdf" {
		return usagef("only ics and pdf can be written as a .zip archive (got --format %s)", format)
	}
	if out == "-" && (format == "pdf" || format == "xlsx") {
		return usagef("--out - (standard output) is for ics and csv; give a file for %s", format)
	}
	start := time.Now()
	d, err := docs.Load(ctx, src)
	if err != nil {
		return err
	}
	if format == "xlsx" {
		if d.Rankings, err = rankingsFor(ctx, d, exportRankTop); err != nil {
			return err
		}
	}
	if !sc.All() { // fail before creating any file
		ix, err := docs.NewIndex(d)
		if err != nil {
			return err
		}
		if _, err := ix.Participants(sc); err != nil {
			return err
		}
	}
	opts := render.Options{}
	if ps, ok := src.(results.Source); ok && (format == "pdf" && archive || format == "xlsx") && sc.All() {
		rep := &kpi.Report{} // the archive's KPI report and the workbook include the programme
		if err := kpi.AddProgramme(ctx, rep, ps); err != nil {
			return err
		}
		opts.Programme = rep.Programme
	}
	bar := newProgressBar(env.stderr)
	opts.Progress = bar.report
	n, err := writeAtomic(out, env.stdout, func(w io.Writer) error {
		return render.Write(ctx, w, format, archive, d, sc, opts)
	})
	bar.finish()
	if err != nil {
		return err
	}
	if out != "-" {
		kind := "document"
		if archive {
			kind = "archive"
		}
		fmt.Fprintf(env.stderr, "wrote %s %s for %s to %s (%s, %.1fs)\n",
			format, kind, sc, out, humanBytes(n), time.Since(start).Seconds())
	}
	return nil
}

// exportRankTop is how many startups the workbook lists per theme.
const exportRankTop = 30

// rankingsFor ranks the startups of every theme with the same model as
// `pitchmatch rank` (without embeddings), for the workbook's rankings sheet.
func rankingsFor(ctx context.Context, d *docs.Data, top int) (map[string][]docs.RankRow, error) {
	m, err := matching.Prepare(ctx, matching.Input{Event: d.Event, Startups: d.Startups, Companies: d.Companies, Themes: d.Themes, Interests: d.Interests})
	if err != nil {
		return nil, fmt.Errorf("rank for the workbook: %w", err)
	}
	out := make(map[string][]docs.RankRow, len(d.Themes))
	for _, t := range d.Themes {
		results, err := m.RankTheme(ctx, t.ID, matching.Filter{}, top)
		if err != nil {
			return nil, fmt.Errorf("rank theme %s: %w", t.ID, err)
		}
		rows := make([]docs.RankRow, len(results))
		for i, r := range results {
			rows[i] = docs.RankRow{StartupID: r.StartupID, Score: r.Score}
			for _, f := range r.TopReasons(3) {
				rows[i].Reasons = append(rows[i].Reasons, f.Reason)
			}
		}
		out[t.ID] = rows
	}
	return out, nil
}

// progressBar draws "[#####.....]  45% stage 9000/20000" on one terminal
// line, redrawn only when the percentage or stage changes.
type progressBar struct {
	w       io.Writer
	stage   string
	percent int
	drawn   bool
}

func newProgressBar(w io.Writer) *progressBar { return &progressBar{w: w, percent: -1} }

func (b *progressBar) report(stage string, done, total int) {
	if total <= 0 {
		return
	}
	p := min(100, 100*done/total)
	if p == b.percent && stage == b.stage {
		return
	}
	if stage != b.stage && b.drawn {
		fmt.Fprintln(b.w)
	}
	b.stage, b.percent, b.drawn = stage, p, true
	const width = 30
	fill := p * width / 100
	fmt.Fprintf(b.w, "\r[%s%s] %3d%% %s %d/%d", strings.Repeat("#", fill), strings.Repeat(".", width-fill), p, stage, done, total)
}

func (b *progressBar) finish() {
	if b.drawn {
		fmt.Fprintln(b.w)
	}
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
