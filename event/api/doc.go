// Package api holds the JSON bodies of the startup portal's HTTP API, shared
// by server and the browser portal so the two cannot drift.
//
// Each type crossing the wire is defined once here with its JSON tags: the
// error body of every failed request ([Error], which carries the stored record
// with a 409), the interests body ([Interests]), the themes listing
// ([Themes], [PublicEvent], [PublicCompany]) and the startup's meetings
// ([Meetings], [Meeting]). GET and PUT [PathMe] carry an [event.Startup] with every field ([StartupJSON], [StartupBody]); PATCH only the fields it names.
// The route paths are constants, and the helpers here are pure: they convert
// between these bodies and the event types and decode answers.
//
// Package server writes these bodies (HTTP, tokens and rate limits stay
// there); package wasm/portal reads them in the browser (its transport and
// client stay there). Like package event, this package imports only the
// standard library and event, and compiles for GOOS=js GOARCH=wasm.
package api
