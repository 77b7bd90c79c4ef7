package matching

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"pitchmatch/event"
)

// Synthetic events for property tests and benchmarks: random profiles over
// the real vocabularies, with bilingual descriptions assembled from phrase
// banks so the texts have realistic length, script mix and overlap.

var jaPhrases = []string{
	"AIを用いた心電図解析", "ウェアラブルセンサーによる在宅モニタリング", "低侵襲な手術支援ロボット",
	"内視鏡画像からのがん検出", "血糖値の連続測定", "脳波による発作予測", "高齢者の転倒予防",
	"人工関節のインプラント", "生体吸収性の止血材", "遠隔医療のプラットフォーム", "睡眠時無呼吸の検査",
	"病理画像の深層学習", "透析患者のシャント管理", "歯科用の口腔内スキャナー", "再生医療用の細胞培養",
	"バイタルデータのリアルタイム送信", "カテーテル治療用ガイドワイヤー", "うつ病の認知行動療法アプリ",
	"新生児の黄疸測定", "眼底画像のスクリーニング", "術後合併症の早期発見", "リハビリテーション支援",
	"医療従事者の負担を軽減する", "臨床試験を計画している", "国内での承認取得を目指す", "販売提携先を探している",
}

var enPhrases = []string{
	"AI analysis of the ECG", "home monitoring with wearable sensors", "a minimally invasive surgical robot",
	"cancer detection in endoscopy images", "continuous blood glucose measurement", "seizure prediction from EEG",
	"fall prevention for the elderly", "an implant for joint replacement", "a bioabsorbable haemostatic material",
	"a telemedicine platform", "testing for sleep apnoea", "deep learning on pathology slides",
	"managing dialysis access", "an intraoral scanner for dentists", "cell culture for regenerative medicine",
	"sending vital signs in real time", "a guidewire for catheter treatment", "a CBT app for depression",
	"measuring jaundice in newborns", "screening of fundus images", "early detection of postoperative complications",
	"rehabilitation support", "reduces the burden on healthcare professionals", "plans a clinical trial",
	"aims at approval in Japan", "looks for a distribution partner",
}

func randText(r *rand.Rand, n int) event.Text {
	var ja, en []string
	for range n {
		k := r.IntN(len(jaPhrases))
		ja = append(ja, jaPhrases[k])
		en = append(en, enPhrases[k])
	}
	t := event.Text{Ja: strings.Join(ja, "、") + "。", En: strings.Join(en, ", ") + "."}
	switch r.IntN(10) {
	case 0:
		t.Ja = "" // English only
	case 1:
		t.En = "" // Japanese only
	case 2:
		if r.IntN(5) == 0 {
			t = event.Text{} // no text at all
		}
	}
	return t
}

func randCodes(r *rand.Rand, v *event.Vocabulary, maxN int) []event.Code {
	n := r.IntN(maxN + 1)
	codes := v.Codes()
	r.Shuffle(len(codes), func(i, j int) { codes[i], codes[j] = codes[j], codes[i] })
	return codes[:n]
}

func randCode(r *rand.Rand, v *event.Vocabulary) event.Code {
	if r.IntN(8) == 0 {
		return "" // not given
	}
	return v.Terms[r.IntN(len(v.Terms))].Code
}

// randInput makes an event with ns startups, nt themes over nc companies
// and about ni interests, deterministic for a seed.
func randInput(seed uint64, ns, nt, nc, ni int) Input {
	r := rand.New(rand.NewPCG(seed, 7))
	in := Input{Event: &event.Event{}}
	for i := range ns {
		in.Startups = append(in.Startups, &event.Startup{
			ID:             fmt.Sprintf("S%05d", i),
			Name:           event.Text{Ja: fmt.Sprintf("スタートアップ%d", i), En: fmt.Sprintf("Startup %d", i)},
			ProductName:    event.Text{En: fmt.Sprintf("Product %d", i)},
			ProductSummary: randText(r, 2+r.IntN(5)),
			ProductType:    randCode(r, event.ProductTypes),
			DeviceClass:    randCode(r, event.DeviceClasses),
			Areas:          randCodes(r, event.Areas, 3),
			Technologies:   randCodes(r, event.Technologies, 3),
			DevStage:       randCode(r, event.DevStages),
			Partnerships:   randCodes(r, event.Partnerships, 3),
		})
	}
	for i := range nc {
		in.Companies = append(in.Companies, &event.Company{ID: fmt.Sprintf("C%04d", i),
			Name: event.Text{En: fmt.Sprintf("Company %d", i)}})
	}
	for i := range nt {
		th := &event.Theme{
			ID:           fmt.Sprintf("T%04d", i),
			CompanyID:    fmt.Sprintf("C%04d", i%nc),
			Title:        randText(r, 1),
			Description:  randText(r, 2+r.IntN(4)),
			Areas:        randCodes(r, event.Areas, 4),
			Technologies: randCodes(r, event.Technologies, 3),
			ProductTypes: randCodes(r, event.ProductTypes, 2),
			Classes:      randCodes(r, event.DeviceClasses, 2),
			Partnerships: randCodes(r, event.Partnerships, 3),
		}
		if r.IntN(4) != 0 {
			lo := r.IntN(len(event.DevStages.Terms))
			hi := lo + r.IntN(len(event.DevStages.Terms)-lo)
			th.StageMin = event.DevStages.Terms[lo].Code
			if r.IntN(3) != 0 {
				th.StageMax = event.DevStages.Terms[hi].Code
			}
		}
		in.Themes = append(in.Themes, th)
	}
	kinds := []event.InterestKind{event.InterestApply, event.InterestRequest, event.InterestShortlist,
		event.InterestNoThanks, event.InterestMustMeet, event.InterestConflict}
	for range ni {
		th := in.Themes[r.IntN(nt)]
		it := event.Interest{Kind: kinds[r.IntN(len(kinds))], StartupID: in.Startups[r.IntN(ns)].ID,
			CompanyID: th.CompanyID, By: event.KindCompany}
		switch it.Kind {
		case event.InterestApply:
			it.ThemeID, it.By = th.ID, event.KindStartup
		case event.InterestNoThanks:
			if r.IntN(2) == 0 {
				it.By = event.KindStartup
			}
		case event.InterestRequest, event.InterestShortlist:
			if r.IntN(2) == 0 {
				it.ThemeID = th.ID
			}
		}
		in.Interests = append(in.Interests, it)
	}
	return in
}
