// Package event holds PitchMatch's domain: the startups, companies, themes,
// event days and slots, availability, interests and meetings of a MedTech
// partnering event, the field's vocabularies as stable codes with Japanese and
// English labels, field-level validation, and the error kinds the rest of the
// program reports.
//
// It imports only the standard library and compiles for GOOS=js GOARCH=wasm,
// so the desktop app, the server and the browser portal share one definition
// of what a valid profile is. Persistence, scoring, scheduling and file formats
// live in other packages that depend on this one, never the other way round.
package event
