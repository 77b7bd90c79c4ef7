package matching

import "pitchmatch/event"

// Feature names: the keys of event.Event.Weights and of FeatureScore.Name.
const (
	FeatureArea        = "area"
	FeatureTechnology  = "technology"
	FeatureStage       = "stage"
	FeatureProduct     = "product"
	FeaturePartnership = "partnership"
	FeatureText        = "text"
	FeatureInterest    = "interest"
	FeatureEmbedding   = "embedding"
)

// feature indexes, in the order results list them.
const (
	fArea = iota
	fTech
	fStage
	fProduct
	fPartner
	fText
	fInterest
	fEmbed
	numFeatures
)

var featureNames = [numFeatures]string{FeatureArea, FeatureTechnology, FeatureStage,
	FeatureProduct, FeaturePartnership, FeatureText, FeatureInterest, FeatureEmbedding}

var featureLabels = [numFeatures]event.Text{
	{Ja: "領域", En: "Area"},
	{Ja: "技術", En: "Technology"},
	{Ja: "開発ステージ", En: "Stage"},
	{Ja: "製品種別・クラス", En: "Product type / class"},
	{Ja: "提携形態", En: "Partnership"},
	{Ja: "説明文の類似度", En: "Text similarity"},
	{Ja: "関心表明", En: "Interest"},
	{Ja: "埋め込み類似度", En: "Embedding similarity"},
}

// FeatureNames lists the feature names in display order.
func FeatureNames() []string { return featureNames[:] }

// FeatureLabel is the bilingual display name of a feature, or the name
// itself when unknown.
func FeatureLabel(name string) event.Text {
	for i, n := range featureNames {
		if n == name {
			return featureLabels[i]
		}
	}
	return event.Text{Ja: name, En: name}
}

// DefaultWeights are the weights used where the event sets none. The
// description weighs as much as areas and technologies together (and more
// when it is specific, see textBoost): it is what says what the product
// does, while codes are often missing, stuffed or wrong. Stage, interest
// follow; product and partnership refine. Weights are relative: only their
// ratios matter.
func DefaultWeights() map[string]float64 {
	return map[string]float64{
		FeatureArea:        3,
		FeatureTechnology:  2,
		FeatureStage:       2,
		FeatureProduct:     1,
		FeaturePartnership: 1,
		FeatureText:        5,
		FeatureInterest:    2,
		FeatureEmbedding:   2,
	}
}

// FeatureScore is one feature of a pair: its value in [0,1], the weight it
// had in the mean and a reason a person can read.
//
// Weight is the weight the feature had in this pair's mean: the event's
// weight, for the text feature raised with its value (see textBoost).
// Unknown marks a feature the theme asks about and the startup's profile
// leaves empty; it counts with a low value (unknownPrior).
type FeatureScore struct {
	Name    string     `json:"name"`
	Value   float64    `json:"value"`
	Weight  float64    `json:"weight"`
	Reason  event.Text `json:"reason"`
	Unknown bool       `json:"unknown,omitempty"`
}

// Result is the score of one startup–theme pair with its explanation.
// Features are the features that entered the weighted mean; Skipped are
// those left out (no data on either side, no vectors, weight 0), each with
// the reason; with no feature left the score is 0. An excluded pair ("no thanks", conflict of interest) has
// Score 0, Excluded set and never appears in rankings.
//
// Confidence in [0,1] is the share of the theme's criteria (by weight) the
// startup's profile gives data for; ConfidenceNote says which fields are
// missing when it is below 1.
type Result struct {
	StartupID      string         `json:"startup_id"`
	ThemeID        string         `json:"theme_id"`
	CompanyID      string         `json:"company_id"`
	Score          float64        `json:"score"`
	Confidence     float64        `json:"confidence"`
	ConfidenceNote event.Text     `json:"confidence_note,omitzero"`
	Features       []FeatureScore `json:"features"`
	Skipped        []FeatureScore `json:"skipped,omitempty"`
	Excluded       bool           `json:"excluded,omitempty"`
	ExcludedWhy    event.Text     `json:"excluded_why,omitzero"`
}

// Feature returns the named feature from Features or Skipped.
func (r *Result) Feature(name string) (FeatureScore, bool) {
	for _, f := range r.Features {
		if f.Name == name {
			return f, true
		}
	}
	for _, f := range r.Skipped {
		if f.Name == name {
			return f, true
		}
	}
	return FeatureScore{}, false
}

// Summary is what a one-line view shows of a result, in lang: the reasons
// of up to n features that contributed most (TopReasons, those with a
// reason), then the confidence line when the profile lacks fields the theme
// asks about; for an excluded pair, only why. The desktop, the portal and
// the exports all summarise a result with it.
func (r *Result) Summary(lang event.Lang, n int) []string {
	if r.Excluded {
		return []string{r.ExcludedWhy.In(lang)}
	}
	var out []string
	for _, f := range r.TopReasons(len(r.Features)) {
		if len(out) == n {
			break
		}
		if msg := f.Reason.In(lang); msg != "" {
			out = append(out, msg)
		}
	}
	if !r.ConfidenceNote.IsZero() {
		out = append(out, r.ConfidenceNote.In(lang))
	}
	return out
}

// TopReasons returns the reasons of up to n features that contributed most
// (weight × value), for one-line summaries.
func (r *Result) TopReasons(n int) []FeatureScore {
	fs := append([]FeatureScore(nil), r.Features...)
	for i := 1; i < len(fs); i++ { // insertion sort: stable and tiny
		for j := i; j > 0 && fs[j].Weight*fs[j].Value > fs[j-1].Weight*fs[j-1].Value; j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
		}
	}
	if len(fs) > n {
		fs = fs[:n]
	}
	return fs
}
