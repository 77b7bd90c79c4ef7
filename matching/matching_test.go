package matching

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"pitchmatch/event"
)

// biosignalTheme is MedTech ROUND's published theme "biosignal measurement
// that is both minimally invasive and precise".
func biosignalTheme() *event.Theme {
	return &event.Theme{
		ID: "T-bio", CompanyID: "C-mon",
		Title: event.Text{Ja: "低侵襲かつ高精度な生体信号計測", En: "Biosignal measurement that is both minimally invasive and precise"},
		Description: event.Text{
			Ja: "心電図・血圧・呼吸などのバイタルを、患者の負担なく連続して計測する技術を求めています。",
			En: "We look for technology that continuously measures vital signs such as ECG, blood pressure and breathing without burden on the patient."},
		Areas:        []string{"cardiovascular", "respiratory", "emergency_icu", "home_care"},
		Technologies: []string{"sensors_biosignals", "wearables", "minimally_invasive"},
		StageMin:     "prototype", StageMax: "clinical_trial",
		ProductTypes: []string{"medical_device", "samd"},
		Classes:      []string{"class2", "class3"},
		Partnerships: []string{"co_development", "clinical_evaluation"},
	}
}

func ecgStartup() *event.Startup {
	return &event.Startup{
		ID: "S-ecg", Name: event.Text{Ja: "ハートセンス", En: "HeartSense"},
		ProductName: event.Text{Ja: "AI心電図パッチ", En: "AI ECG patch"},
		ProductSummary: event.Text{
			Ja: "胸に貼るウェアラブル心電計とAI解析で、在宅の心房細動を連続モニタリングする。",
			En: "A wearable ECG patch with AI analysis that continuously monitors atrial fibrillation at home."},
		ProductType: "samd", DeviceClass: "class2",
		Areas:        []string{"cardiovascular", "home_care"},
		Technologies: []string{"ai_imaging", "sensors_biosignals", "wearables"},
		DevStage:     "clinical_trial",
		Partnerships: []string{"co_development", "distribution"},
	}
}

func orthoStartup() *event.Startup {
	return &event.Startup{
		ID: "S-knee", Name: event.Text{Ja: "ボーンワークス", En: "BoneWorks"},
		ProductName: event.Text{Ja: "人工膝関節", En: "Knee implant"},
		ProductSummary: event.Text{
			Ja: "独自の多孔質チタン材料で骨との固定性を高めた人工膝関節インプラント。",
			En: "A total knee implant whose porous titanium material improves fixation to bone."},
		ProductType: "medical_device", DeviceClass: "class4",
		Areas:        []string{"orthopedics"},
		Technologies: []string{"implants", "materials"},
		DevStage:     "non_clinical",
		Partnerships: []string{"manufacturing"},
	}
}

func prepare(t testing.TB, in Input) *Model {
	t.Helper()
	m, err := Prepare(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestECGRanksAboveOrthoForBiosignalTheme(t *testing.T) {
	m := prepare(t, Input{
		Startups: []*event.Startup{orthoStartup(), ecgStartup()},
		Themes:   []*event.Theme{biosignalTheme()},
	})
	rs, err := m.RankTheme(context.Background(), "T-bio", Filter{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rs[0].StartupID != "S-ecg" {
		t.Fatalf("want the ECG startup first, got %+v", rs)
	}
	ecg, knee := rs[0], rs[1]
	t.Logf("ECG %.3f, knee implant %.3f", ecg.Score, knee.Score)
	if ecg.Score < 0.5 || knee.Score > 0.3 || ecg.Score < 2*knee.Score {
		t.Errorf("scores not clearly apart: ECG %.3f knee %.3f", ecg.Score, knee.Score)
	}
	area, _ := ecg.Feature(FeatureArea)
	if !strings.Contains(area.Reason.En, "Cardiovascular") || !strings.Contains(area.Reason.Ja, "循環器") {
		t.Errorf("area reason should name the shared area: %+v", area.Reason)
	}
	text, _ := ecg.Feature(FeatureText)
	if !strings.Contains(text.Reason.En, "ECG") {
		t.Errorf("text reason should name ECG as a shared term: %q", text.Reason.En)
	}
	ktext, _ := knee.Feature(FeatureText)
	if text.Value <= ktext.Value {
		t.Errorf("text similarity: ECG %.3f should exceed knee %.3f", text.Value, ktext.Value)
	}
	for _, f := range ecg.Features {
		t.Logf("  %-11s %.2f ×%.0f  %s", f.Name, f.Value, f.Weight, f.Reason.En)
	}
}

func TestClinicalStageRanksAboveConceptWhenThemeWantsClinicalData(t *testing.T) {
	th := biosignalTheme()
	th.StageMin, th.StageMax = "clinical_trial", "" // wants clinical data
	early, late := ecgStartup(), ecgStartup()
	early.ID, early.DevStage = "S-a-concept", "concept"
	late.ID, late.DevStage = "S-b-clinical", "clinical_trial"
	m := prepare(t, Input{Startups: []*event.Startup{early, late}, Themes: []*event.Theme{th}})
	rs, err := m.RankTheme(context.Background(), th.ID, Filter{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if rs[0].StartupID != "S-b-clinical" || rs[0].Score <= rs[1].Score {
		t.Fatalf("clinical-stage startup should rank first: %s %.3f, %s %.3f", rs[0].StartupID, rs[0].Score, rs[1].StartupID, rs[1].Score)
	}
	st, _ := rs[1].Feature(FeatureStage)
	want := "stage: Concept; wanted: Clinical trial or later (3 stage(s) early)"
	if st.Reason.En != want || st.Value != 0 {
		t.Errorf("stage reason %q value %v, want %q and 0", st.Reason.En, st.Value, want)
	}
	if !strings.Contains(st.Reason.Ja, "コンセプト") || !strings.Contains(st.Reason.Ja, "臨床試験（治験）以降") {
		t.Errorf("Japanese stage reason: %q", st.Reason.Ja)
	}
}

func TestStageReasonRange(t *testing.T) {
	got := stageReason(rank(event.DevStages, "non_clinical"), rank(event.DevStages, "non_clinical"), rank(event.DevStages, "clinical_trial"))
	if got.En != "stage: Non-clinical; wanted: Non-clinical to Clinical trial" {
		t.Errorf("got %q", got.En)
	}
	for _, c := range []struct {
		s, lo, hi string
		want      float64
	}{
		{"prototype", "non_clinical", "clinical_trial", 2.0 / 3},
		{"clinical_trial", "non_clinical", "clinical_trial", 1},
		{"approved", "non_clinical", "clinical_trial", 0.5},
		{"concept", "clinical_trial", "", 0},
		{"launched", "", "prototype", 0},
		{"approved", "", "", math.NaN()},
	} {
		v, _ := stageFit(rank(event.DevStages, c.s), rank(event.DevStages, c.lo), rank(event.DevStages, c.hi))
		if !(math.Abs(v-c.want) < 1e-12 || math.IsNaN(v) && math.IsNaN(c.want)) {
			t.Errorf("stageFit(%s in %s..%s) = %v, want %v", c.s, c.lo, c.hi, v, c.want)
		}
	}
}

// A Japanese-only and an English-only description of the same product
// score as similar: more than the same product against unrelated ones.
func TestJapaneseAndEnglishOfSameProductAreSimilar(t *testing.T) {
	ja := ecgStartup()
	ja.ID, ja.ProductName, ja.ProductSummary.En = "S-ja", event.Text{Ja: ja.ProductName.Ja}, ""
	en := ecgStartup()
	en.ID, en.ProductName, en.ProductSummary.Ja = "S-en", event.Text{En: en.ProductName.En}, ""
	knee := orthoStartup()
	knee.ProductName.Ja, knee.ProductSummary.Ja = "", ""
	th := &event.Theme{ID: "T-en", CompanyID: "C", Title: event.Text{En: "AI ECG patch"},
		Description: event.Text{En: ecgStartup().ProductSummary.En}}
	m := prepare(t, Input{Startups: []*event.Startup{ja, en, knee}, Themes: []*event.Theme{th}})
	rJa, _ := m.Score("S-ja", "T-en")
	rKnee, _ := m.Score(knee.ID, "T-en")
	fJa, _ := rJa.Feature(FeatureText)
	fKnee, _ := rKnee.Feature(FeatureText)
	t.Logf("ja-only vs English theme: %.3f (%s); unrelated English: %.3f", fJa.Value, fJa.Reason.En, fKnee.Value)
	if fJa.Value < 0.1 || fJa.Value < 5*fKnee.Value {
		t.Errorf("Japanese description of the same product should be similar: %.3f vs unrelated %.3f", fJa.Value, fKnee.Value)
	}
}

// A field the theme asks about and the startup leaves empty counts as
// unknown (a weak match), lowers the confidence and says so; it is never
// better than naming one of the theme's areas.
func TestMissingDataIsUnknownNotNeutral(t *testing.T) {
	s := ecgStartup()
	s.Areas = nil
	full := ecgStartup()
	full.ID, full.Areas = "S-full", []string{"cardiovascular"}
	m := prepare(t, Input{Startups: []*event.Startup{s, full}, Themes: []*event.Theme{biosignalTheme()}})
	r, err := m.Score(s.ID, "T-bio")
	if err != nil {
		t.Fatal(err)
	}
	f, ok := r.Feature(FeatureArea)
	if !ok || !f.Unknown || f.Value != unknownPrior || f.Reason.En != "startup gives no areas: counted as unknown (0.15)" {
		t.Fatalf("area should count as unknown: %+v", f)
	}
	if r.Confidence >= 1 || !strings.Contains(r.ConfidenceNote.En, "gives no areas") {
		t.Errorf("confidence %v note %q", r.Confidence, r.ConfidenceNote.En)
	}
	rf, _ := m.Score(full.ID, "T-bio")
	if rf.Confidence != 1 || !rf.ConfidenceNote.IsZero() || rf.Score <= r.Score {
		t.Errorf("complete profile: confidence %v note %q score %v vs sparse %v", rf.Confidence, rf.ConfidenceNote.En, rf.Score, r.Score)
	}
	emb, _ := r.Feature(FeatureEmbedding)
	if emb.Reason.En != "no vectors" {
		t.Errorf("embedding skip reason %q", emb.Reason.En)
	}
	checkMean(t, r)
}

// checkMean verifies Score is the weighted mean of the listed features.
func checkMean(t testing.TB, r Result) {
	t.Helper()
	var num, den float64
	for _, f := range r.Features {
		num += f.Weight * f.Value
		den += f.Weight
	}
	want := 0.0
	if den > 0 {
		want = num / den
	}
	if r.Excluded {
		want = 0
	}
	if math.Abs(r.Score-want) > 1e-12 {
		t.Errorf("%s/%s: score %v is not the weighted mean %v of %+v", r.StartupID, r.ThemeID, r.Score, want, r.Features)
	}
}

func TestWeightsFromEventAndEmbedding(t *testing.T) {
	ev := &event.Event{Weights: map[string]float64{FeatureText: 0, FeatureArea: 10}}
	in := Input{Event: ev, Startups: []*event.Startup{ecgStartup()}, Themes: []*event.Theme{biosignalTheme()},
		StartupVectors: map[string][]float32{"S-ecg": {1, 0, 0}},
		ThemeVectors:   map[string][]float32{"T-bio": {1, 1, 0}}}
	m := prepare(t, in)
	r, _ := m.Score("S-ecg", "T-bio")
	if f, _ := r.Feature(FeatureText); f.Weight != 0 || slices.ContainsFunc(r.Features, func(f FeatureScore) bool { return f.Name == FeatureText }) {
		t.Errorf("text with weight 0 should be skipped: %+v", f)
	}
	a, _ := r.Feature(FeatureArea)
	if a.Weight != 10 {
		t.Errorf("area weight %v, want 10", a.Weight)
	}
	e, _ := r.Feature(FeatureEmbedding)
	if want := (1/math.Sqrt2 + 1) / 2; math.Abs(e.Value-want) > 1e-9 {
		t.Errorf("embedding value %v, want %v", e.Value, want)
	}
	checkMean(t, r)

	ev.Weights[FeatureArea] = -1
	if _, err := Prepare(context.Background(), in); event.ErrorCode(err) != event.EInvalid {
		t.Errorf("negative weight: got %v", err)
	}
	in.Event, in.StartupVectors, in.ThemeVectors = nil, nil, nil
	in.EmbeddingNote = event.Text{Ja: "埋め込み未設定", En: "embeddings skipped: not configured"}
	r, _ = prepare(t, in).Score("S-ecg", "T-bio")
	if e, _ := r.Feature(FeatureEmbedding); e.Reason != in.EmbeddingNote {
		t.Errorf("embedding note not shown: %+v", e)
	}
}

func TestInterestsExclusionsAndMustMeet(t *testing.T) {
	th2 := biosignalTheme()
	th2.ID = "T-bio2"
	other := biosignalTheme()
	other.ID, other.CompanyID = "T-x", "C-x"
	knee := orthoStartup()
	in := Input{
		Startups: []*event.Startup{ecgStartup(), knee},
		Themes:   []*event.Theme{biosignalTheme(), th2, other},
		Interests: []event.Interest{
			{Kind: event.InterestApply, StartupID: "S-ecg", CompanyID: "C-mon", ThemeID: "T-bio", By: event.KindStartup},
			{Kind: event.InterestRequest, StartupID: "S-ecg", CompanyID: "C-mon", By: event.KindCompany},
			{Kind: event.InterestNoThanks, StartupID: "S-knee", CompanyID: "C-mon", By: event.KindStartup},
			{Kind: event.InterestConflict, StartupID: "S-ecg", CompanyID: "C-x", By: event.KindCompany},
		},
	}
	m := prepare(t, in)
	r, _ := m.Score("S-ecg", "T-bio")
	if f, _ := r.Feature(FeatureInterest); f.Value != 1 || !strings.Contains(f.Reason.En, "both sides asked") {
		t.Errorf("interest feature %+v", f)
	}
	r, _ = m.Score("S-knee", "T-bio2")
	if !r.Excluded || r.Score != 0 || r.ExcludedWhy.En != "the startup said no thanks" {
		t.Errorf("no thanks should exclude every theme of the company: %+v", r)
	}
	r, _ = m.Score("S-ecg", "T-x")
	if !r.Excluded || r.ExcludedWhy.En != "a conflict of interest is declared" {
		t.Errorf("conflict should exclude: %+v", r)
	}
	rs, _ := m.RankTheme(context.Background(), "T-bio2", Filter{}, 0)
	if len(rs) != 1 || rs[0].StartupID != "S-ecg" {
		t.Errorf("excluded startup ranked: %+v", rs)
	}
	ps, err := m.PairScores(context.Background(), 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range ps {
		got = append(got, p.StartupID+"/"+p.CompanyID+"/"+p.ThemeID)
		if p.StartupID == "S-ecg" && p.CompanyID == "C-mon" && !(p.Applied && p.Requested && p.MustMeet && p.ThemeID == "T-bio") {
			t.Errorf("both asked should be must-meet under the applied theme: %+v", p)
		}
	}
	if want := []string{"S-ecg/C-mon/T-bio", "S-knee/C-x/T-x"}; !slices.Equal(got, want) {
		t.Errorf("pairs %v, want %v", got, want)
	}
}

func TestFiltersAndTies(t *testing.T) {
	a, b, c := ecgStartup(), ecgStartup(), orthoStartup()
	a.ID, b.ID = "S-2", "S-1" // identical profiles: tie broken by ID
	m := prepare(t, Input{Startups: []*event.Startup{a, b, c}, Themes: []*event.Theme{biosignalTheme()}})
	rs, _ := m.RankTheme(context.Background(), "T-bio", Filter{}, 2)
	if len(rs) != 2 || rs[0].StartupID != "S-1" || rs[1].StartupID != "S-2" || rs[0].Score != rs[1].Score {
		t.Errorf("tie order: %+v", rs)
	}
	rs, _ = m.RankTheme(context.Background(), "T-bio", Filter{Areas: []string{"orthopedics"}}, 0)
	if len(rs) != 1 || rs[0].StartupID != "S-knee" {
		t.Errorf("area filter: %+v", rs)
	}
	rs, _ = m.RankTheme(context.Background(), "T-bio", Filter{Stages: []string{"clinical_trial"}, Classes: []string{"class2"}}, 0)
	if len(rs) != 2 {
		t.Errorf("stage+class filter: %d results", len(rs))
	}
	if _, err := m.RankTheme(context.Background(), "T-bio", Filter{Areas: []string{"astrology"}}, 0); event.ErrorCode(err) != event.EInvalid {
		t.Errorf("unknown filter code: %v", err)
	}
	if _, err := m.RankTheme(context.Background(), "nope", Filter{}, 0); event.ErrorCode(err) != event.ENotFound {
		t.Errorf("unknown theme: %v", err)
	}
	th, _ := m.RankStartup(context.Background(), "S-knee", Filter{Stages: []string{"launched"}}, 0)
	if len(th) != 0 {
		t.Errorf("theme wanting prototype..clinical should not pass a launched filter: %+v", th)
	}
}

func TestRankProfileFollowsEdits(t *testing.T) {
	m := prepare(t, Input{Startups: []*event.Startup{orthoStartup()}, Themes: []*event.Theme{biosignalTheme()}})
	before, _ := m.RankStartup(context.Background(), "S-knee", Filter{}, 0)
	edited := orthoStartup()
	edited.Areas, edited.Technologies = []string{"cardiovascular"}, []string{"sensors_biosignals"}
	after, err := m.RankProfile(context.Background(), edited, Filter{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if after[0].Score <= before[0].Score {
		t.Errorf("edit towards the theme should raise the score: %.3f -> %.3f", before[0].Score, after[0].Score)
	}
	// An unchanged profile scores exactly as the prepared one.
	same, _ := m.RankProfile(context.Background(), orthoStartup(), Filter{}, 0)
	if same[0].Score != before[0].Score {
		t.Errorf("unchanged profile: %v vs %v", same[0].Score, before[0].Score)
	}
}

func TestPrepareRejectsDuplicates(t *testing.T) {
	_, err := Prepare(context.Background(), Input{Startups: []*event.Startup{ecgStartup(), ecgStartup()}})
	if event.ErrorCode(err) != event.EInvalid {
		t.Errorf("duplicate startup: %v", err)
	}
}

// Properties over many random events.
func TestPropertiesRandomEvents(t *testing.T) {
	ctx := context.Background()
	seeds := uint64(8)
	if testing.Short() {
		seeds = 2
	}
	for seed := uint64(1); seed <= seeds; seed++ {
		in := randInput(seed, 120, 40, 12, 150)
		m := prepare(t, in)
		excluded := map[[2]string]bool{}
		for _, it := range in.Interests {
			if it.Excludes() {
				excluded[[2]string{it.StartupID, it.CompanyID}] = true
			}
		}
		// Every pair: score in [0,1], features in [0,1], score is the mean.
		scores := map[[2]string]float64{}
		for _, s := range in.Startups {
			for _, th := range in.Themes {
				r, err := m.Score(s.ID, th.ID)
				if err != nil {
					t.Fatal(err)
				}
				if r.Score < 0 || r.Score > 1 || math.IsNaN(r.Score) {
					t.Fatalf("score %v out of [0,1]", r.Score)
				}
				for _, f := range r.Features {
					if f.Value < 0 || f.Value > 1 || math.IsNaN(f.Value) || f.Reason.En == "" || f.Reason.Ja == "" {
						t.Fatalf("feature %+v", f)
					}
				}
				if r.Excluded != excluded[[2]string{s.ID, th.CompanyID}] {
					t.Fatalf("%s/%s excluded=%v", s.ID, th.ID, r.Excluded)
				}
				checkMean(t, r)
				scores[[2]string{s.ID, th.ID}] = r.Score
			}
		}
		// Rankings: never an excluded pair, sorted, scores equal Score().
		for _, th := range in.Themes {
			rs, err := m.RankTheme(ctx, th.ID, Filter{}, 0)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, s := range in.Startups {
				if !excluded[[2]string{s.ID, th.CompanyID}] {
					n++
				}
			}
			if len(rs) != n {
				t.Fatalf("theme %s: %d ranked, %d not excluded", th.ID, len(rs), n)
			}
			checkRanked(t, rs, scores, excluded, func(r Result) string { return r.StartupID })
		}
		for _, s := range in.Startups {
			rs, err := m.RankStartup(ctx, s.ID, Filter{}, 5)
			if err != nil {
				t.Fatal(err)
			}
			checkRanked(t, rs, scores, excluded, func(r Result) string { return r.ThemeID })
		}
		// Pair scores: the best theme of each company, exclusions omitted.
		ps, err := m.PairScores(ctx, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[[2]string]bool{}
		for _, p := range ps {
			key := [2]string{p.StartupID, p.CompanyID}
			if excluded[key] || seen[key] {
				t.Fatalf("pair %v excluded or repeated", key)
			}
			seen[key] = true
			best, bestID := -1.0, ""
			for _, th := range in.Themes {
				if th.CompanyID == p.CompanyID && scores[[2]string{p.StartupID, th.ID}] > best {
					best, bestID = scores[[2]string{p.StartupID, th.ID}], th.ID
				}
			}
			if p.Score != best || p.ThemeID != bestID {
				t.Fatalf("pair %v: %s %v, want max %s %v", key, p.ThemeID, p.Score, bestID, best)
			}
			br, _ := m.BestTheme(p.StartupID, p.CompanyID)
			if br.ThemeID != p.ThemeID || br.Score != p.Score {
				t.Fatalf("BestTheme %s %v differs from PairScores %s %v", br.ThemeID, br.Score, p.ThemeID, p.Score)
			}
		}
		if want := len(in.Startups)*len(in.Companies) - len(excluded); len(seen) != want {
			t.Fatalf("%d pairs, want %d", len(seen), want)
		}
	}
}

func checkRanked(t *testing.T, rs []Result, scores map[[2]string]float64, excluded map[[2]string]bool, id func(Result) string) {
	t.Helper()
	for i, r := range rs {
		if r.Excluded || excluded[[2]string{r.StartupID, r.CompanyID}] {
			t.Fatalf("excluded pair ranked: %+v", r)
		}
		if r.Score != scores[[2]string{r.StartupID, r.ThemeID}] {
			t.Fatalf("ranked score %v differs from Score %v", r.Score, scores[[2]string{r.StartupID, r.ThemeID}])
		}
		if i > 0 && (rs[i-1].Score < r.Score || rs[i-1].Score == r.Score && id(rs[i-1]) >= id(r)) {
			t.Fatalf("order broken at %d: %v %s then %v %s", i, rs[i-1].Score, id(rs[i-1]), r.Score, id(r))
		}
	}
}

func TestTextSimilarityProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	var docs []string
	for range 200 {
		tx := randText(r, 1+r.IntN(4))
		docs = append(docs, tx.Joined())
	}
	docs = append(docs, "", "   ", "ＡＩ心電図", "ai心電図", "ECG", "ecg")
	x := NewTextIndex(docs)
	vs := make([]SparseVector, len(docs))
	for i, d := range docs {
		vs[i] = x.Vector(d)
		if !vs[i].IsZero() {
			if c := x.model.Score(vs[i], vs[i]); math.Abs(c-1) > 1e-5 {
				t.Fatalf("self-similarity %v of %q", c, d)
			}
		}
	}
	for i := range docs {
		for j := range docs {
			a, b := x.model.Score(vs[i], vs[j]), x.model.Score(vs[j], vs[i])
			if a != b || a < 0 || a > 1 {
				t.Fatalf("sim(%d,%d)=%v, sim(%d,%d)=%v", i, j, a, j, i, b)
			}
		}
		if j := (i * 7) % len(docs); x.Similarity(docs[i], docs[j]) != x.Similarity(docs[j], docs[i]) {
			t.Fatalf("Similarity not symmetric for %d, %d", i, j)
		}
	}
	// NFKC and case folding: full-width and upper-case forms are the same text.
	if s := x.Similarity("ＡＩ心電図", "ai心電図"); math.Abs(s-1) > 1e-5 {
		t.Errorf("NFKC/case folding: %v", s)
	}
	if s := x.Similarity("ECG", "ecg"); math.Abs(s-1) > 1e-5 {
		t.Errorf("case folding: %v", s)
	}
}

func TestRomanize(t *testing.T) {
	for in, want := range map[string]string{
		"モニタリング": "monitaringu", "センサー": "sensa", "ウェアラブル": "wearaburu",
		"ティッシュ": "tisshu", "カテーテル": "kateteru", "フィルム": "firumu", "キャッチ": "kyatchi",
		"ディープラーニング": "dipuraningu", "コンピューター": "konpyuta",
	} {
		if got := string(romanize([]rune(in))); got != want {
			t.Errorf("romanize(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestGlossaryBoundaries(t *testing.T) {
	var got []string
	collect := func(s string) []string {
		got = got[:0]
		defaultGlossary.concepts([]rune(normalizeText(s)), func(c string, _, _ int) { got = append(got, c) })
		return slices.Clone(got)
	}
	if c := collect("chain of stents"); !slices.Contains(c, "g:stent") || slices.Contains(c, "g:ai") {
		t.Errorf("word boundaries: %v", c)
	}
	if c := collect("心電図をAIで"); !slices.Contains(c, "g:ecg") || !slices.Contains(c, "g:ai") {
		t.Errorf("Japanese: %v", c)
	}
	if c := collect("循環器 / cardiovascular"); len(c) < 2 || c[0] != "area:cardiovascular" {
		t.Errorf("vocabulary labels: %v", c)
	}
}
