package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"pitchmatch/event"
	"pitchmatch/event/api"
	"pitchmatch/exchange/agenda"
	"pitchmatch/exchange/docs"
	"pitchmatch/exchange/ical"
	"pitchmatch/exchange/kpi"
	"pitchmatch/exchange/xlsx"
)

// Export formats offered by the Schedule and Reports views.
const (
	ExportAgendaPDF = "agenda_pdf" // every agenda and table sheet, PDF
	ExportICal      = "ical"       // the whole timetable, iCalendar
	ExportXLSX      = "xlsx"       // the workbook
	ExportKPIPDF    = "kpi_pdf"    // the KPI report, PDF
)

// exportFormat describes one export: its menu label and file name.
type exportFormat struct {
	kind  string
	label event.Text
	file  string
}

func exportFormats() []exportFormat {
	return []exportFormat{
		{ExportAgendaPDF, event.T("アジェンダ（PDF）", "Agendas (PDF)"), "agendas.pdf"},
		{ExportICal, event.T("カレンダー（iCalendar）", "Calendar (iCalendar)"), "schedule.ics"},
		{ExportXLSX, event.T("Excelブック（XLSX）", "Excel workbook (XLSX)"), "pitchmatch.xlsx"},
		{ExportKPIPDF, event.T("KPIレポート（PDF）", "KPI report (PDF)"), "kpi.pdf"},
	}
}

// docsData views the snapshot as the exporters' input.
func (d *Data) docsData() *docs.Data {
	return &docs.Data{Event: d.Event, Startups: d.Startups, Companies: d.Companies, Themes: d.Themes,
		Interests: d.Interests, Meetings: d.Meetings}
}

// KPIReport is the KPI report of the snapshot, with the programme's figures
// when the store has a programme: the same report `pitchmatch kpi` prints
// and the KPI PDF draws.
func (d *Data) KPIReport(ctx context.Context) (*kpi.Report, error) {
	rep, err := kpi.Compute(ctx, d.docsData())
	if err != nil {
		return nil, err
	}
	if d.programme != nil {
		if err := kpi.AddProgramme(ctx, rep, d.programme); err != nil {
			return nil, err
		}
	}
	return rep, nil
}

// Export writes the whole event in format kind to w.
func Export(ctx context.Context, d *Data, kind string, w io.Writer) error {
	return ExportScoped(ctx, d, kind, docs.Scope{}, w)
}

// ExportScoped writes an export for one participant's scope (the agenda PDF
// and the calendar; the other formats are for the whole event).
func ExportScoped(ctx context.Context, d *Data, kind string, scope docs.Scope, w io.Writer) error {
	dd := d.docsData()
	switch kind {
	case ExportAgendaPDF:
		return agenda.Write(ctx, w, dd, scope, agenda.Options{})
	case ExportICal:
		return ical.Write(ctx, w, dd, scope, ical.Options{})
	case ExportXLSX:
		var opts xlsx.Options
		if d.programme != nil {
			rep := &kpi.Report{}
			if err := kpi.AddProgramme(ctx, rep, d.programme); err != nil {
				return err
			}
			opts.Programme = rep.Programme
		}
		return xlsx.Write(ctx, w, dd, docs.Scope{}, opts)
	case ExportKPIPDF:
		rep, err := d.KPIReport(ctx)
		if err != nil {
			return err
		}
		return agenda.WriteKPI(ctx, w, d.Event, rep, agenda.Options{})
	}
	return fmt.Errorf("unknown export %q", kind)
}

// ExportFile writes the export to path, replacing it only when complete.
func ExportFile(ctx context.Context, d *Data, kind, path string) error {
	return ExportFileScoped(ctx, d, kind, docs.Scope{}, path)
}

// ExportFileScoped is ExportFile for one participant's scope.
func ExportFileScoped(ctx context.Context, d *Data, kind string, scope docs.Scope, path string) error {
	tmp := path + ".part"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if err := ExportScoped(ctx, d, kind, scope, f); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("export %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}

// PortalURLEnv names the environment variable with the portal's base URL.
const PortalURLEnv = "PITCHMATCH_PORTAL_URL"

// portalTTL is how long a portal link stays valid.
const portalTTL = 30 * 24 * time.Hour

// errNoPortalLinks refuses a portal link on a store that cannot keep tokens.
func errNoPortalLinks() error {
	return event.Errorf(event.EUnavailable, "このイベントファイルにはポータルのリンクを保存できません", "this event file cannot hold portal links")
}

// PortalLink creates a private portal link for a startup; the store must
// keep tokens (storage.DB does).
func PortalLink(ctx context.Context, store event.Store, startupID string) (string, error) {
	is, ok := store.(api.InviteStore)
	if !ok {
		return "", errNoPortalLinks()
	}
	return api.NewInvite(ctx, is, startupID, PortalBase(ctx, store), portalTTL)
}
