package matching

import (
	"fmt"
	"math"
	"strings"

	"pitchmatch/event"
)

// unset marks a feature without data in a value array.
var unset = math.NaN()

// Stage distance scale: a startup one stage short of the wanted range keeps
// 2/3 of the stage value and three stages short none; beyond the range the
// decay is gentler (a more mature product is still a partner, only less the
// one the theme asked for).
const (
	stageEarlySpan = 3.0
	stageLateSpan  = 4.0
	classSpan      = 2.0 // device class: one class off halves the class fit
)

// exclusion kinds
const (
	exclNone = iota
	exclNoThanksStartup
	exclNoThanksCompany
	exclConflict
)

// interestInfo is what the interests say about one startup–theme pair.
type interestInfo struct {
	excluded                    int
	applied, appliedOther       bool // to this theme / to another theme of the company
	requested, requestedOther   bool // by the company, for this theme or company-wide / for another theme
	shortlisted, shortlistOther bool
	mustMeet                    bool // organizer must-meet
}

func (m *Model) interestOf(si int, ti int32, c int32) interestInfo {
	var ii interestInfo
	if si < 0 || len(m.interests[si]) == 0 {
		return ii
	}
	for _, p := range m.interests[si] {
		if p.company != c {
			continue
		}
		same := p.theme < 0 || p.theme == ti
		switch p.kind {
		case event.InterestNoThanks:
			if ii.excluded == exclNone {
				if p.by == event.KindStartup {
					ii.excluded = exclNoThanksStartup
				} else {
					ii.excluded = exclNoThanksCompany
				}
			}
		case event.InterestConflict:
			ii.excluded = exclConflict
		case event.InterestApply:
			if p.theme == ti {
				ii.applied = true
			} else {
				ii.appliedOther = true
			}
		case event.InterestRequest:
			if same {
				ii.requested = true
			} else {
				ii.requestedOther = true
			}
		case event.InterestShortlist:
			if same {
				ii.shortlisted = true
			} else {
				ii.shortlistOther = true
			}
		case event.InterestMustMeet:
			ii.mustMeet = true
		}
	}
	return ii
}

// value of the interest feature, NaN when nobody said anything.
func (ii *interestInfo) value() float64 {
	v := unset
	up := func(x float64, ok bool) {
		if ok && !(v >= x) {
			v = x
		}
	}
	up(1, ii.mustMeet || ii.applied || ii.requested)
	up(1, (ii.applied || ii.appliedOther) && (ii.requested || ii.requestedOther))
	up(0.75, ii.requestedOther)
	up(0.6, ii.shortlisted)
	up(0.5, ii.appliedOther)
	up(0.4, ii.shortlistOther)
	return v
}

// pairValues are the features of one pair: val[f] is NaN where the feature
// does not apply (the theme states no criterion, nobody expressed interest,
// no vectors); unknown has bit f set where the theme states a criterion but
// the startup gives no data, and val[f] then holds unknownPrior.
type pairValues struct {
	val     [numFeatures]float64
	unknown uint16
}

// unknownPrior is the value a feature takes when the theme asks for it and
// the startup's profile says nothing: a weak match. Missing data is
// unknown, not neutral: a profile that says nothing about the theme's areas
// scores below one that names one of them, and only specific text can make
// up for it.
const unknownPrior = 0.15

// textBoost raises the weight of the text feature with its value: the
// effective weight is w·(1 + textBoost·v), so a description that speaks
// specifically to the theme (shared rare terms: SpO2, 血圧) can outweigh
// contradicting fields, while a weak text similarity weighs little.
const textBoost = 2.0

// profileFeatures are the features a startup's profile fills; their
// coverage is the confidence of a score.
const profileFeatures = 1<<fArea | 1<<fTech | 1<<fStage | 1<<fProduct | 1<<fPartner | 1<<fText

// values computes every feature of a pair. textSim is the text model's
// score (computed by the caller, by a merge or from postings, with
// identical arithmetic).
func (m *Model) values(s *pStartup, t *pTheme, ii *interestInfo, textSim float64) pairValues {
	var pv pairValues
	set := func(f int, applies, known bool, v float64) {
		switch {
		case !applies:
			pv.val[f] = unset
		case !known:
			pv.val[f] = unknownPrior
			pv.unknown |= 1 << f
		default:
			pv.val[f] = v
		}
	}
	set(fArea, !t.areas.empty(), !s.areas.empty(), overlap(s.areas, t.areas))
	set(fTech, !t.techs.empty(), !s.techs.empty(), overlap(s.techs, t.techs))
	st, _ := stageFit(s.stage, t.stageMin, t.stageMax)
	set(fStage, t.stageMin >= 0 || t.stageMax >= 0, s.stage >= 0, st)
	pf, pApplies, pKnown := productFit(s, t)
	set(fProduct, pApplies, pKnown, pf)
	set(fPartner, !t.shares.empty(), !s.shares.empty(), overlap(s.shares, t.shares))
	set(fText, !t.text.vec.IsZero(), !s.text.vec.IsZero(), textSim)
	pv.val[fInterest] = ii.value()
	pv.val[fEmbed] = unset
	if s.emb != nil && t.emb != nil && len(s.emb) == len(t.emb) {
		pv.val[fEmbed] = embedValue(s.emb, t.emb)
	}
	return pv
}

// weight is the effective weight of feature f at value v.
func (m *Model) weight(f int, v float64) float64 {
	w := m.weights[f]
	if f == fText {
		w *= 1 + textBoost*v
	}
	return w
}

// mean is the weighted mean of the features that apply, with positive
// weight.
func (m *Model) mean(pv *pairValues) float64 {
	var num, den float64
	for f, x := range pv.val {
		if m.weights[f] > 0 && !math.IsNaN(x) {
			w := m.weight(f, x)
			num += w * x
			den += w
		}
	}
	if den == 0 {
		return 0
	}
	return clamp01(num / den)
}

// confidence is the share of the weight of the profile features that apply
// whose data the startup gives: 1 for a complete profile, lower as fields
// the theme asks about are empty. 1 when no profile feature applies.
func (m *Model) confidence(pv *pairValues) float64 {
	var known, all float64
	for f, x := range pv.val {
		if profileFeatures&(1<<f) == 0 || m.weights[f] <= 0 || math.IsNaN(x) {
			continue
		}
		all += m.weights[f]
		if pv.unknown&(1<<f) == 0 {
			known += m.weights[f]
		}
	}
	if all == 0 {
		return 1
	}
	return known / all
}

// overlap scores a startup's code set against the theme's wanted codes as
// P·√R, precision P = |S∩T|/|S| (how much of what the startup lists the
// theme wants) and recall R = |S∩T|/|T| (how much of the theme's list it
// covers). Precision weighs more: a theme's list means "any of these", while
// a startup that ticks everything says nothing about itself, so listing
// many codes does not pay: a list that meets the theme only by being long
// counts as no better than no list (unknownPrior), while a list that misses
// the theme entirely counts 0. Both sets must be non-empty.
func overlap(s, t codeSet) float64 {
	ki := interCount(s, t) // 0 when either is empty
	if ki == 0 {
		return 0
	}
	ns, nt := s.count(), t.count()
	k := float64(ki)
	var r float64 // √R
	if ki < sqrtTableSize && nt < sqrtTableSize {
		r = sqrtRatios[ki*sqrtTableSize+nt]
	} else {
		r = math.Sqrt(k / float64(nt))
	}
	return clamp01(max(unknownPrior, k/float64(ns)*r))
}

// sqrtRatios[k·sqrtTableSize+n] is math.Sqrt(k/n) for small sets: overlap
// runs on every scored pair, three times.
var sqrtRatios = func() (t [sqrtTableSize * sqrtTableSize]float64) {
	for k := 1; k < sqrtTableSize; k++ {
		for n := 1; n < sqrtTableSize; n++ {
			t[k*sqrtTableSize+n] = math.Sqrt(float64(k) / float64(n))
		}
	}
	return t
}()

const sqrtTableSize = 16

// stageFit is 1 inside the wanted range and decays with the distance in
// stages outside it; d < 0 means early by -d, d > 0 late by d.
func stageFit(s, lo, hi int16) (float64, int) {
	if s < 0 || lo < 0 && hi < 0 {
		return unset, 0
	}
	if lo < 0 {
		lo = 0
	}
	if hi < 0 {
		hi = int16(len(event.DevStages.Terms) - 1)
	}
	switch {
	case s < lo:
		d := int(lo - s)
		return math.Max(0, 1-float64(d)/stageEarlySpan), -d
	case s > hi:
		d := int(s - hi)
		return math.Max(0, 1-float64(d)/stageLateSpan), d
	}
	return 1, 0
}

// productFit averages the product-type match (1 or 0) and the device-class
// fit (1 when wanted, decaying with the distance to the nearest wanted
// class) over the parts the theme states and the startup gives. applies:
// the theme states a type or classes; known: the startup gives one the
// theme asks about.
func productFit(s *pStartup, t *pTheme) (v float64, applies, known bool) {
	var sum float64
	n := 0
	if !t.ptypes.empty() && s.ptype >= 0 {
		if t.ptypes.has(int(s.ptype)) {
			sum++
		}
		n++
	}
	if !t.classes.empty() && s.class >= 0 && int(s.class) < len(t.classFit) {
		sum += t.classFit[s.class]
		n++
	}
	applies = !t.ptypes.empty() || !t.classes.empty()
	if n == 0 {
		return 0, applies, false
	}
	return sum / float64(n), applies, true
}

func classFit(c int, wanted codeSet) float64 {
	best := math.MaxInt
	wanted.each(func(r int) { best = min(best, abs(c-r)) })
	if best == math.MaxInt {
		return 0
	}
	return math.Max(0, 1-float64(best)/classSpan)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// embedValue maps the cosine of two unit vectors from [-1,1] to [0,1].
func embedValue(a, b []float64) float64 {
	var dot float64
	for i := range a {
		dot += a[i] * b[i]
	}
	return clamp01((dot + 1) / 2)
}

// Score scores one startup against one theme, with the reasons. Unknown IDs
// give an ENotFound error.
func (m *Model) Score(startupID, themeID string) (Result, error) {
	si, ok := m.startupIdx[startupID]
	if !ok {
		return Result{}, lookupErr("startup", startupID)
	}
	ti, ok := m.themeIdx[themeID]
	if !ok {
		return Result{}, lookupErr("theme", themeID)
	}
	return m.explain(&m.startups[si], si, ti), nil
}

// explain builds the full Result of a pair.
func (m *Model) explain(s *pStartup, si, ti int) Result {
	t := &m.themes[ti]
	ii := m.interestOf(si, int32(ti), t.company)
	sim := m.text.model.pairScore(s.text.vec, t.text.vec)
	pv := m.values(s, t, &ii, sim)
	r := Result{StartupID: s.src.ID, ThemeID: t.src.ID, CompanyID: t.src.CompanyID, Score: m.mean(&pv),
		Confidence: m.confidence(&pv)}
	var missing []int
	for f := range numFeatures {
		v := pv.val[f]
		fs := FeatureScore{Name: featureNames[f], Weight: m.weights[f]}
		switch {
		case math.IsNaN(v):
			fs.Reason = m.skipReason(f, s, t)
			r.Skipped = append(r.Skipped, fs)
		case m.weights[f] <= 0:
			fs.Value = v
			fs.Reason = event.Text{Ja: "重みが0のため計算に含めません", En: "weight is 0: not counted"}
			r.Skipped = append(r.Skipped, fs)
		case pv.unknown&(1<<f) != 0:
			fs.Value, fs.Weight, fs.Unknown = v, m.weight(f, v), true
			fs.Reason = unknownReason(f, v)
			r.Features = append(r.Features, fs)
			missing = append(missing, f)
		default:
			fs.Value, fs.Weight = v, m.weight(f, v)
			fs.Reason = m.reason(f, v, s, t, &ii)
			r.Features = append(r.Features, fs)
		}
	}
	r.ConfidenceNote = confidenceNote(r.Confidence, missing)
	if ii.excluded != exclNone {
		r.Excluded = true
		r.Score = 0
		r.ExcludedWhy = exclusionReason(ii.excluded)
	}
	return r
}

// fieldNames name the profile field behind each feature, for reasons.
var fieldNames = [numFeatures]event.Text{
	{Ja: "領域", En: "areas"}, {Ja: "技術", En: "technologies"}, {Ja: "開発ステージ", En: "development stage"},
	{Ja: "製品種別・クラス", En: "product type or class"}, {Ja: "提携形態", En: "partnerships"},
	{Ja: "製品説明", En: "product description"}, {Ja: "関心表明", En: "interest"}, {Ja: "埋め込み", En: "embedding"},
}

func unknownReason(f int, v float64) event.Text {
	n := fieldNames[f]
	return event.Text{
		Ja: fmt.Sprintf("スタートアップの%sが未入力: 不明として低く評価（%.2f）", n.Ja, v),
		En: fmt.Sprintf("startup gives no %s: counted as unknown (%.2f)", n.En, v)}
}

// confidenceNote is the line shown when a profile lacks fields the theme
// asks about; empty for a complete profile.
func confidenceNote(c float64, missing []int) event.Text {
	if len(missing) == 0 {
		return event.Text{}
	}
	var ja, en []string
	for _, f := range missing {
		ja = append(ja, fieldNames[f].Ja)
		en = append(en, fieldNames[f].En)
	}
	return event.Text{
		Ja: fmt.Sprintf("信頼度 %.0f%%: プロフィールに%sがありません", 100*c, strings.Join(ja, "・")),
		En: fmt.Sprintf("confidence %.0f%%: the profile gives no %s", 100*c, strings.Join(en, ", "))}
}

func exclusionReason(k int) event.Text {
	switch k {
	case exclNoThanksStartup:
		return event.Text{Ja: "スタートアップが「見送り」を選択しています", En: "the startup said no thanks"}
	case exclNoThanksCompany:
		return event.Text{Ja: "企業が「見送り」を選択しています", En: "the company said no thanks"}
	default:
		return event.Text{Ja: "利益相反が申告されています", En: "a conflict of interest is declared"}
	}
}

func (m *Model) skipReason(f int, s *pStartup, t *pTheme) event.Text {
	side := func(startupEmpty bool, ja, en string) event.Text {
		if startupEmpty {
			return event.Text{Ja: "スタートアップの" + ja + "が未入力のため除外", En: "startup gives no " + en + ": left out"}
		}
		return event.Text{Ja: "テーマの" + ja + "が未指定のため除外", En: "theme states no " + en + ": left out"}
	}
	switch f {
	case fArea:
		return side(s.areas.empty(), "領域", "areas")
	case fTech:
		return side(s.techs.empty(), "技術", "technologies")
	case fStage:
		return side(s.stage < 0, "開発ステージ", "development stage")
	case fProduct:
		return side(s.ptype < 0 && s.class < 0, "製品種別・クラス", "product type or class")
	case fPartner:
		return side(s.shares.empty(), "提携形態", "partnerships")
	case fText:
		return side(s.text.vec.IsZero(), "説明文", "description")
	case fInterest:
		return event.Text{Ja: "応募・面談リクエストはまだありません", En: "no application or request yet"}
	case fEmbed:
		switch {
		case !m.hasVectors && !m.embeddingNote.IsZero():
			return m.embeddingNote
		case !m.hasVectors:
			return event.Text{Ja: "埋め込みベクトルがありません", En: "no vectors"}
		case s.emb == nil:
			return event.Text{Ja: "スタートアップの埋め込みベクトルがありません", En: "no vector for the startup"}
		case t.emb == nil:
			return event.Text{Ja: "テーマの埋め込みベクトルがありません", En: "no vector for the theme"}
		}
		return event.Text{Ja: "ベクトルの次元が一致しません", En: "vector dimensions differ"}
	}
	return event.Text{}
}

func (m *Model) reason(f int, val float64, s *pStartup, t *pTheme, ii *interestInfo) event.Text {
	switch f {
	case fArea:
		return setReason(event.Areas, s.areas, t.areas, "領域", "areas")
	case fTech:
		return setReason(event.Technologies, s.techs, t.techs, "技術", "technologies")
	case fPartner:
		return setReason(event.Partnerships, s.shares, t.shares, "提携形態", "partnerships")
	case fStage:
		return stageReason(s.stage, t.stageMin, t.stageMax)
	case fProduct:
		return productReason(s, t)
	case fText:
		return m.textReason(val, startupText(s.src), themeText(t.src))
	case fInterest:
		return interestReason(ii)
	case fEmbed:
		return event.Text{
			Ja: fmt.Sprintf("埋め込みベクトルのコサイン類似度 %.2f", 2*val-1),
			En: fmt.Sprintf("embedding cosine %.2f", 2*val-1)}
	}
	return event.Text{}
}

func setReason(v *event.Vocabulary, s, t codeSet, ja, en string) event.Text {
	shared := intersect(s, t)
	if shared.empty() {
		sl, tl := labels(v, s), labels(v, t)
		return event.Text{
			Ja: fmt.Sprintf("共通の%sなし（スタートアップ: %s／テーマ: %s）", ja, sl.Ja, tl.Ja),
			En: fmt.Sprintf("no shared %s (startup: %s; theme: %s)", en, sl.En, tl.En)}
	}
	l := labels(v, shared)
	return event.Text{
		Ja: fmt.Sprintf("共通の%s: %s（%d件中%d件／テーマ%d件）", ja, l.Ja, s.count(), shared.count(), t.count()),
		En: fmt.Sprintf("shared %s: %s (%d of the startup's %d; theme lists %d)", en, l.En, shared.count(), s.count(), t.count())}
}

func stageReason(s, lo, hi int16) event.Text {
	sl := label(event.DevStages, s)
	var wj, we string
	switch {
	case lo >= 0 && hi >= 0 && lo == hi:
		wj, we = label(event.DevStages, lo).Ja, label(event.DevStages, lo).En
	case lo >= 0 && hi >= 0:
		wj = label(event.DevStages, lo).Ja + "〜" + label(event.DevStages, hi).Ja
		we = label(event.DevStages, lo).En + " to " + label(event.DevStages, hi).En
	case lo >= 0:
		wj, we = label(event.DevStages, lo).Ja+"以降", label(event.DevStages, lo).En+" or later"
	default:
		wj, we = label(event.DevStages, hi).Ja+"まで", "up to "+label(event.DevStages, hi).En
	}
	r := event.Text{Ja: "ステージ: " + sl.Ja + "（希望: " + wj + "）", En: "stage: " + sl.En + "; wanted: " + we}
	switch _, d := stageFit(s, lo, hi); {
	case d < 0:
		r.Ja += fmt.Sprintf("、%d段階手前", -d)
		r.En += fmt.Sprintf(" (%d stage(s) early)", -d)
	case d > 0:
		r.Ja += fmt.Sprintf("、%d段階先", d)
		r.En += fmt.Sprintf(" (%d stage(s) beyond)", d)
	}
	return r
}

func productReason(s *pStartup, t *pTheme) event.Text {
	var ja, en []string
	if !t.ptypes.empty() && s.ptype >= 0 {
		l := label(event.ProductTypes, s.ptype)
		if t.ptypes.has(int(s.ptype)) {
			ja = append(ja, "製品種別: "+l.Ja+"（希望どおり）")
			en = append(en, "product type: "+l.En+" (wanted)")
		} else {
			w := labels(event.ProductTypes, t.ptypes)
			ja = append(ja, "製品種別: "+l.Ja+"（希望: "+w.Ja+"）")
			en = append(en, "product type: "+l.En+" (wanted: "+w.En+")")
		}
	}
	if !t.classes.empty() && s.class >= 0 {
		l, w := label(event.DeviceClasses, s.class), labels(event.DeviceClasses, t.classes)
		ja = append(ja, "クラス: "+l.Ja+"（希望: "+w.Ja+"）")
		en = append(en, "class: "+l.En+" (wanted: "+w.En+")")
	}
	return event.Text{Ja: strings.Join(ja, "、"), En: strings.Join(en, "; ")}
}

func interestReason(ii *interestInfo) event.Text {
	var ja, en []string
	add := func(ok bool, j, e string) {
		if ok {
			ja = append(ja, j)
			en = append(en, e)
		}
	}
	add(ii.mustMeet, "主催者が必須面談に指定", "organizer: must meet")
	add(ii.applied, "このテーマに応募", "applied to this theme")
	add(ii.appliedOther, "同じ企業の別テーマに応募", "applied to another theme of the company")
	add(ii.requested, "企業が面談をリクエスト", "the company requested a meeting")
	add(ii.requestedOther, "企業が別テーマで面談をリクエスト", "the company requested a meeting for another theme")
	add(ii.shortlisted, "企業の候補リストに掲載", "on the company's shortlist")
	add(ii.shortlistOther, "別テーマの候補リストに掲載", "on the shortlist of another theme")
	if (ii.applied || ii.appliedOther) && (ii.requested || ii.requestedOther) {
		add(true, "双方が希望", "both sides asked")
	}
	return event.Text{Ja: strings.Join(ja, "、"), En: strings.Join(en, "; ")}
}
