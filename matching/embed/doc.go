// Package embed turns startup profiles and company themes into embedding
// vectors through any OpenAI-compatible embeddings endpoint (OpenAI itself,
// or a local Ollama / llama.cpp / LM Studio server), caches them, and
// computes cosine similarities between them in bulk.
//
// Embeddings are an optional matching feature: they improve ranking when an
// endpoint is available and must never block it when it is not. So the
// package is built to fail clearly and early (no key, key refused, server
// down, malformed answer, vectors of the wrong length) with a bilingual
// *event.Error that the CLI and the desktop app show as "embeddings were
// skipped because …", while the rest of the ranking goes on without them.
//
// Pieces:
//   - Config / ConfigFromEnv: base URL, model and dimensions come from the
//     event settings (or CLI flags); the API key only from the environment
//     (PITCHMATCH_OPENAI_API_KEY, then OPENAI_API_KEY). The key is never
//     stored, logged or put into an error message.
//   - Client.Embed: splits the texts into requests within the API's limits
//     (inputs per request and a byte budget that bounds the token count),
//     keeps a bounded number of requests in flight, retries 429, 5xx and
//     timeouts with exponential backoff and jitter (honouring Retry-After),
//     stops on context cancellation and reports progress.
//   - Vectors: the cache-aware entry point. Texts are normalised (NFKC,
//     trimmed, whitespace collapsed) and keyed by the hex SHA-256 of the
//     result; only texts not yet in the Cache (implemented over SQLite by
//     storage.DB) for this model and dimension are sent.
//   - StartupText / ThemeText: what of a profile is embedded;
//     EmbedProfiles embeds an event's startups and themes, and ForRanking
//     reads their cached vectors for ranking without any network, or says in
//     both languages why the embedding feature is skipped.
//   - Cosine / CosineMatrix: one pair, or every pair of two sets at once
//     with a single gonum matrix multiply.
package embed
