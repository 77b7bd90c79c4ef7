// Package matching scores how well a startup fits a large company's theme
// and ranks both ways, with a reason for every number, so that a scout sees
// which startups to meet first and why, and a startup sees which themes fit.
//
// Score(startup, theme) in [0,1] is the weighted mean of the features that
// have data on both sides: area, technology and partnership overlap (Ochiai
// coefficient of the code sets), stage fit (distance to the theme's wanted
// stage range), product type and device class fit, text similarity,
// explicit interest (applications, scout requests, shortlists) and, when
// vectors are given, embedding similarity. A feature with no data is left
// out of the mean rather than counted as zero, and the Result says so.
// "No thanks" and declared conflicts exclude a pair. Weights are per event
// (event.Event.Weights over DefaultWeights).
//
// Text similarity is one implementation, TextIndex, used by ranking and by
// `pitchmatch similarity`: NFKC normalisation and case folding, character
// trigrams of Latin words plus the words, kanji and CJK bigrams, romanised
// katakana loanwords (モニタリング meets monitoring) and concepts of a
// bilingual MedTech glossary built from the event vocabularies and a hand
// list (心電図 meets ECG), weighted by TF-IDF with IDF fitted on the
// event's own texts, compared by cosine of sparse vectors.
//
// A company meets a startup once: PairScores gives each startup–company
// pair the score of the company's best theme, which feeds the scheduler.
//
// The package has no storage or cgo dependency and compiles for
// GOOS=js GOARCH=wasm, where the portal uses RankProfile for a live preview.
package matching
