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

// checkInMessages are the reception desk's texts (checkin.go).
var checkInMessages = map[string]event.Text{
	"ci.tab":          {Ja: "受付（チェックイン）", En: "Reception (check-in)"},
	"ci.day":          {Ja: "%d日目", En: "Day %d"},
	"ci.both":         {Ja: "スタートアップと企業", En: "Startups and companies"},
	"ci.search":       {Ja: "名前・IDで検索", En: "Search by name or ID"},
	"ci.pending_only": {Ja: "未着のみ", En: "Not arrived only"},
	"ci.check_in":     {Ja: "チェックイン", En: "Check in"},
	"ci.take_back":    {Ja: "取り消す", En: "Take back"},
	"ci.startup":      {Ja: "スタートアップ", En: "startup"},
	"ci.company":      {Ja: "企業", En: "company"},
	"ci.counts":       {Ja: "%s: チェックイン済み スタートアップ %d/%d社・企業 %d/%d社", En: "%s: checked in: startups %d of %d, companies %d of %d"},
	"ci.done":         {Ja: "チェックインしました: %s（%s）", En: "Checked in: %s (%s)"},
	"ci.undone":       {Ja: "チェックインを取り消しました: %s（%s）", En: "Check-in taken back: %s (%s)"},
	"ci.unsupported":  {Ja: "このファイルではチェックインを記録できません", En: "This file cannot record check-ins"},
	"ci.arrived":      {Ja: "到着 %s", En: "arrived %s"},
	"ci.not_arrived":  {Ja: "未着", En: "not arrived"},
	"ci.meeting":      {Ja: "到着（%s）: スタートアップ %s・企業 %s", En: "Arrival (%s): startup %s, company %s"},
	"ci.in_startup":   {Ja: "スタートアップ到着", En: "Startup arrived"},
	"ci.in_company":   {Ja: "企業到着", En: "Company arrived"},
	"ci.out_startup":  {Ja: "スタートアップ到着を取消", En: "Startup: take back"},
	"ci.out_company":  {Ja: "企業到着を取消", En: "Company: take back"},
	"ci.agenda":       {Ja: "%s %s: %s", En: "%s %s: %s"},
	"ci.other_in":     {Ja: "相手到着済み", En: "other side arrived"},
	"rp.checkins":     {Ja: "チェックイン %s（スタートアップ・企業）", En: "Checked in, %s (startups · companies)"},
}

// formMessages are the texts of the forms' merge with a newer stored
// version (form_merge.go).
var formMessages = map[string]event.Text{
	"ev.merge_fix":  {Ja: "設定は別の場所でも変更されています。入力の誤りを直してから「最新を読み込む」を押すと、あなたの変更と合わせます。", En: "The settings were also changed elsewhere. Fix the errors, then press “Load latest” to merge them with your edits."},
	"ev.days_clash": {Ja: "開催日は両方で変更されたため、保存済みの開催日を表示しています。あなたの入力: %s", En: "The days were changed on both sides, so the stored days are shown. Yours were: %s"},
}

func init() {
	for _, m := range []map[string]event.Text{scoutMessages, checkInMessages, formMessages} {
		for k, v := range m {
			if _, dup := messages[k]; dup {
				panic("app: message " + k + " defined twice")
			}
			messages[k] = v
		}
	}
}
