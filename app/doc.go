// Package app is PitchMatch's Fyne desktop user interface: the organizer's
// and the scout's daily tool. It holds the views (Event, Startups,
// Companies/Themes, Rankings, Requests, Schedule, Reports, Settings), the
// bilingual (Japanese/English) message catalogue, the theme that bundles the
// IPAexGothic font so Japanese renders without a system CJK font, and the
// small non-UI helpers the views rely on (list filtering, move checking, KPI
// figures, chart rendering, scheduler input).
//
// The package never imports fyne.io/fyne/v2/app; main.go creates the Fyne
// application and hands it to New, so every test here runs headless with
// fyne.io/fyne/v2/test. Long work (loading, ranking, scheduling) runs in
// goroutines and applies its result through fyne.Do.
package app
