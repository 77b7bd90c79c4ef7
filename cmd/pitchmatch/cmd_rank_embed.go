package main

import (
	"context"

	"pitchmatch/event"
	"pitchmatch/matching"
	"pitchmatch/matching/embed"
	"pitchmatch/storage"
)

// loadEmbeddings fills in.StartupVectors and in.ThemeVectors from the
// vectors cached by `pitchmatch embed` for the current texts of every
// startup and theme (no network, so ranking never waits on or fails because
// of the endpoint). When too few are cached, or nothing is configured, it
// leaves them nil and sets in.EmbeddingNote to why, which rank prints under
// its table (in the table's language) and puts in each JSON row's skipped
// features.
func loadEmbeddings(ctx context.Context, db *storage.DB, ev *event.Event, in *matching.Input, env *cliEnv) {
	p, note := embed.ForRanking(ctx, db, env.getenv, ev, in.Startups, in.Themes)
	if p.Startups != nil && p.Themes != nil {
		in.StartupVectors, in.ThemeVectors = p.Startups, p.Themes
	}
	in.EmbeddingNote = note
}
