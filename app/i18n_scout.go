package app

import "pitchmatch/event"

// scoutMessages are the scout workspace's texts (rankings view), kept apart
// from the catalogue like dayMessages; init merges them.
var scoutMessages = map[string]event.Text{
	"sw.company":           {Ja: "自社（会社名を入力）", En: "Your company (type a name)"},
	"sw.all_companies":     {Ja: "すべての会社", En: "All companies"},
	"sw.more":              {Ja: "…ほか %d件（入力して絞り込み）", En: "… %d more (type to narrow)"},
	"sw.no_match":          {Ja: "一致するものがありません", En: "Nothing matches"},
	"sw.filter":            {Ja: "名前・ID・製品で絞り込み", En: "Filter by name, ID or product"},
	"sw.any_area":          {Ja: "すべての領域", En: "Any area"},
	"sw.any_stage":         {Ja: "すべての開発ステージ", En: "Any development stage"},
	"sw.any_decision":      {Ja: "すべての状況", En: "Any status"},
	"sw.undecided":         {Ja: "未判断", En: "No decision yet"},
	"sw.sort_score":        {Ja: "スコア順", En: "By score"},
	"sw.sort_name":         {Ja: "名前順", En: "By name"},
	"sw.sort_id":           {Ja: "ID順", En: "By ID"},
	"sw.sort_stage":        {Ja: "開発ステージ順（進んだ順）", En: "By stage (most advanced first)"},
	"sw.show_nothanks":     {Ja: "見送りも表示", En: "Show no thanks"},
	"sw.rescore":           {Ja: "判断を反映して再計算", En: "Re-score with decisions"},
	"sw.n_of_m":            {Ja: "%d件を表示（全%d件中）", En: "%d of %d shown"},
	"sw.hidden":            {Ja: "・見送り%d件は非表示", En: " · %d no-thanks hidden"},
	"sw.decisions_pending": {Ja: "ランキング計算後の判断は状況にのみ反映（スコアと順位はそのまま）", En: "Decisions since the ranking show as status only (scores and places unchanged)"},
	"sw.place":             {Ja: "（%d位／%d件中）", En: "(#%d of %d)"},
}

func init() {
	for k, v := range scoutMessages {
		if _, dup := messages[k]; dup {
			panic("app: message " + k + " defined twice")
		}
		messages[k] = v
	}
}
