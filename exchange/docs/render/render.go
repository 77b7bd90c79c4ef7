// Package render picks the writer for a schedule document by format, so the
// CLI (`pitchmatch export --format ics|pdf|xlsx|csv --for …`) and the desktop
// app produce the same files from the same choices:
//
//	ics   one calendar (the participant's, or every meeting for "all");
//	      as a .zip, event.ics plus one calendar per participant
//	pdf   one PDF (a participant's agenda, or every agenda and table sheet);
//	      as a .zip, agendas in files of bounded size, table sheets and
//	      the KPI report: the form for big events
//	xlsx  the workbook of schedule, rankings, requests and KPI
//	csv   the schedule as UTF-8-with-BOM CSV
package render

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"time"

	"pitchmatch/event"
	"pitchmatch/exchange/agenda"
	"pitchmatch/exchange/docs"
	"pitchmatch/exchange/ical"
	"pitchmatch/exchange/kpi"
	"pitchmatch/exchange/xlsx"
)

// Formats lists the document formats.
func Formats() []string { return []string{"ics", "pdf", "xlsx", "csv"} }

// Options tune a document export.
type Options struct {
	Now      time.Time     // creation time stamped into the files; zero: now
	Progress docs.Progress // told how far the export has got
	PerFile  int           // agendas per PDF inside a pdf archive; 0: 200
	// Programme, if set, is added to the KPI report of a whole-event pdf
	// archive and to the whole event's workbook (kpi.AddProgramme).
	Programme *kpi.Programme
}

// IsArchive reports whether path names a zip archive (".zip").
func IsArchive(path string) bool { return strings.EqualFold(filepath.Ext(path), ".zip") }

// Extension is the file extension for format, ".zip" when archived.
func Extension(format string, archive bool) string {
	if archive && (format == "ics" || format == "pdf") {
		return ".zip"
	}
	return "." + format
}

// Write writes d for scope in format to w; archive asks for the zip form
// (ics and pdf only).
func Write(ctx context.Context, w io.Writer, format string, archive bool, d *docs.Data, scope docs.Scope, opts Options) error {
	switch format {
	case "ics":
		o := ical.Options{Now: opts.Now, Progress: opts.Progress}
		if archive {
			return ical.WriteZip(ctx, w, d, scope, o)
		}
		return ical.Write(ctx, w, d, scope, o)
	case "pdf":
		o := agenda.Options{Now: opts.Now, Progress: opts.Progress, PerFile: opts.PerFile, Programme: opts.Programme}
		if archive {
			return agenda.WriteZip(ctx, w, d, scope, o)
		}
		return agenda.Write(ctx, w, d, scope, o)
	case "xlsx":
		if archive {
			break
		}
		return xlsx.Write(ctx, w, d, scope, xlsx.Options{Now: opts.Now, Progress: opts.Progress, Programme: opts.Programme})
	case "csv":
		if archive {
			break
		}
		fd, err := d.Filter(scope)
		if err != nil {
			return err
		}
		return docs.WriteScheduleCSV(ctx, w, fd, opts.Progress)
	default:
		return event.Errorf(event.EInvalid, "形式は ics、pdf、xlsx、csv のいずれかです",
			"unknown document format %q: want ics, pdf, xlsx or csv", format)
	}
	return event.Errorf(event.EInvalid, "zip にできるのは ics と pdf だけです",
		"only ics and pdf documents can be written as a zip archive, not %s", format)
}
