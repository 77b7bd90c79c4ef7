// Package matching scores how well a startup fits a large company's theme
// and ranks both ways, with a reason for every number, so that a scout sees
// which startups to meet first and why, and a startup sees which themes fit.
//
// Score(startup, theme) in [0,1] is the weighted mean of the features the
// theme asks about: area, technology and partnership overlap (P·√R of the
// code sets, so ticking every code does not pay), stage fit (distance to the
// theme's wanted stage range), product type and device class fit, text
// similarity (its weight grows with its value, so a specific description
// can outweigh contradicting fields), explicit interest and, when vectors
// are given, embedding similarity. A field the theme asks about and the
// profile leaves empty counts as unknown: a low value (unknownPrior) and a
// lower Confidence, with a note naming the missing fields. "No thanks" and
// declared conflicts exclude a pair. Weights are per event
// (event.Event.Weights over DefaultWeights) and can be fitted to the
// scouts' decisions (FitWeights, applied only when cross-validation shows
// a better held-out ranking; RecordWeightFit, RevertWeights).
//
// Text similarity for ranking is TextIndex with its TextModel, used by
// ranking, the portal preview and `pitchmatch similarity` on long texts:
// NFKC normalisation and case folding; per kind of feature — Latin
// trigrams, words (Latin words, kanji and katakana runs), kanji/katakana
// 1–3-grams, romanised katakana, bilingual glossary concepts (心電図 meets
// ECG) — TF-IDF vectors with IDF fitted on the event's own texts; the
// per-kind cosines and shared shares combined by a model fitted on the JSTS
// training split (BenchmarkJSTSRankingModel). Reasons name the shared terms
// as each text writes them.
//
// Sentence pairs given to `pitchmatch similarity` (TextSimilarity, both
// texts up to 160 characters) are scored by a sentence-pair model built on
// the same index (textrich.go): its per-kind measures plus character n-gram
// overlaps with hiragana kept, the longest common subsequence, negation,
// and measures over word and character-bigram vectors learned from
// co-occurrence (PPMI and a randomized SVD), combined by gradient-boosted
// trees fitted on JSTS ratings; BenchmarkJSTS reports its cross-validated
// Spearman, TestWriteSentenceModel writes the committed model files. It is
// not linked into the browser portal.
//
// A company meets a startup once: PairScores gives each startup–company
// pair the score of the company's best theme, which feeds the scheduler.
//
// The package has no storage or cgo dependency and compiles for
// GOOS=js GOARCH=wasm, where the portal uses RankProfile for a live preview.
package matching
