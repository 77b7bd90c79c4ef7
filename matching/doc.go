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
// Text similarity is one model, TextIndex with its TextModel, used by
// ranking's text feature, the portal preview (RankProfile, in WASM) and
// `pitchmatch similarity` for texts of any length: NFKC normalisation and
// case folding; per kind of feature — Latin trigrams, words (Latin words,
// kanji and katakana runs), kanji/katakana 1–3-grams, romanised katakana,
// bilingual glossary concepts (心電図 meets ECG), and Japanese characters
// and character bigrams with hiragana kept (the inflection and negation the
// other kinds drop) — TF-IDF vectors with IDF fitted on the texts at hand;
// per text its length, negations and the mean of word and character-bigram
// vectors learned from co-occurrence on JSTS (PPMI, randomized SVD). A pair
// costs a sparse merge (or, in ranking, an accumulation over postings) and
// two dot products; 50 oblivious trees fitted on the JSTS training ratings
// combine the measures (textmodel.go). BenchmarkJSTS reports the grouped
// 5-fold cross-validated Spearman; TestWriteTextModel writes the committed
// model files. Reasons name the shared terms as each text writes them, and
// a pair that shares none scores 0 in ranking.
//
// A company meets a startup once: PairScores gives each startup–company
// pair the score of the company's best theme, which feeds the scheduler.
// A large event scores every pair (15,000 startups × 4,500 themes is 67
// million), so the bulk loop (StreamPairIndexes) has kernels of its own,
// each bit for bit the per-pair arithmetic: mean-vector cosines four themes
// at a time (dot4_amd64.s) and the trees on eight pairs side by side
// (trees_amd64.s, AVX2 where the CPU has it; pure Go elsewhere).
//
// The package has no storage or cgo dependency and compiles for
// GOOS=js GOARCH=wasm, where the portal uses RankProfile for a live preview.
package matching
