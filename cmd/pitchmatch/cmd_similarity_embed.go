package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"pitchmatch/event"
	"pitchmatch/matching/embed"
)

// embeddingSimilarity scores each pair by the cosine of the two texts'
// embeddings. The endpoint comes from the environment and the defaults
// (PITCHMATCH_EMBEDDING_URL, PITCHMATCH_EMBEDDING_MODEL and
// PITCHMATCH_EMBEDDING_DIMS override them; the key from
// PITCHMATCH_OPENAI_API_KEY or OPENAI_API_KEY). Nothing is cached: there is
// no event file. Identical texts are sent once; a pair with an empty text
// scores 0.
func embeddingSimilarity(ctx context.Context, env *cliEnv, pairs []similarityPair) ([]float64, error) {
	ev, err := similarityEmbeddingSettings(env.getenv)
	if err != nil {
		return nil, err
	}
	cfg, err := embed.ConfigFromEnv(env.getenv, ev)
	if err != nil {
		return nil, err
	}
	texts := make(map[string]string, 2*len(pairs))
	for i, p := range pairs {
		texts[fmt.Sprint(i, "a")] = p.Text1
		texts[fmt.Sprint(i, "b")] = p.Text2
	}
	bar := newProgressBar(env.stderr)
	vecs, _, err := embed.Vectors(ctx, embed.New(cfg), nil, texts, func(done, total int) {
		bar.report("texts", done, total)
	})
	bar.finish()
	if err != nil {
		return nil, err
	}
	scores := make([]float64, len(pairs))
	for i := range pairs {
		scores[i] = embed.Cosine(vecs[fmt.Sprint(i, "a")], vecs[fmt.Sprint(i, "b")])
	}
	return scores, nil
}

// Environment variables naming the endpoint where no event file is at hand.
const (
	envEmbeddingURL   = "PITCHMATCH_EMBEDDING_URL"
	envEmbeddingModel = "PITCHMATCH_EMBEDDING_MODEL"
	envEmbeddingDims  = "PITCHMATCH_EMBEDDING_DIMS"
)

// similarityEmbeddingSettings reads the endpoint settings from the
// environment into an event, as ConfigFromEnv expects them.
func similarityEmbeddingSettings(getenv func(string) string) (*event.Event, error) {
	ev := &event.Event{
		EmbeddingURL:   strings.TrimSpace(getenv(envEmbeddingURL)),
		EmbeddingModel: strings.TrimSpace(getenv(envEmbeddingModel)),
	}
	if d := strings.TrimSpace(getenv(envEmbeddingDims)); d != "" {
		n, err := strconv.Atoi(d)
		if err != nil || n <= 0 {
			return nil, usagef("%s=%q is not a positive number", envEmbeddingDims, d)
		}
		ev.EmbeddingDims = n
	}
	return ev, nil
}
