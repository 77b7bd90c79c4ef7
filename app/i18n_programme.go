package app

import "pitchmatch/event"

// programmeMessages are the texts of the programme view (view_programme.go),
// merged into messages by init.
var programmeMessages = map[string]event.Text{
	"view.programme":   {Ja: "プログラム", En: "Programme"},
	"pg.none":          {Ja: "このイベントにはプログラム(応募・選考・セッション・最終ピッチ)が設定されていません。`pitchmatch programme setup` で設定できます。", En: "This event has no programme (applications, screening, sessions, final pitch). Set one up with `pitchmatch programme setup`."},
	"pg.nostore":       {Ja: "このファイルではプログラムを扱えません", En: "This file cannot hold a programme"},
	"pg.stages":        {Ja: "段階", En: "Stages"},
	"pg.stage":         {Ja: "段階", En: "Stage"},
	"pg.opens":         {Ja: "開始", En: "Opens"},
	"pg.closes":        {Ja: "終了・締切", En: "Closes"},
	"pg.state":         {Ja: "状態", En: "State"},
	"pg.applications":  {Ja: "応募・選考", En: "Applications"},
	"pg.all_themes":    {Ja: "すべてのテーマ", En: "All themes"},
	"pg.app_count":     {Ja: "応募 %d件(採択 %d・補欠 %d・不採択 %d・未決定 %d)", En: "%d applications (%d selected, %d waitlisted, %d declined, %d undecided)"},
	"pg.col_id":        {Ja: "番号", En: "No."},
	"pg.col_startup":   {Ja: "スタートアップ", En: "Startup"},
	"pg.col_theme":     {Ja: "テーマ", En: "Theme"},
	"pg.col_company":   {Ja: "企業", En: "Company"},
	"pg.col_scouts":    {Ja: "評価者数", En: "Scouts"},
	"pg.col_screening": {Ja: "選考点(総合)", En: "Screening score"},
	"pg.col_spread":    {Ja: "評価のばらつき", En: "Spread"},
	"pg.col_matching":  {Ja: "マッチング点", En: "Matching score"},
	"pg.col_decision":  {Ja: "判定", En: "Decision"},
	"pg.col_deck":      {Ja: "資料", En: "Deck"},
	"pg.proposal":      {Ja: "提案内容", En: "Proposal"},
	"pg.cards":         {Ja: "スカウトの評価", En: "Scouts' scorecards"},
	"pg.no_cards":      {Ja: "まだ評価はありません", En: "No scorecards yet"},
	"pg.msg_ja":        {Ja: "スタートアップへのメッセージ(日本語)", En: "Message to the startup (Japanese)"},
	"pg.msg_en":        {Ja: "スタートアップへのメッセージ(英語)", En: "Message to the startup (English)"},
	"pg.decide":        {Ja: "判定: %s", En: "Decide: %s"},
	"pg.decided":       {Ja: "応募 %d を「%s」にしました。メッセージは通知メールで送られます。", En: "Application %d is now “%s”; the message goes out by e-mail."},
	"pg.sessions":      {Ja: "セッション", En: "Sessions"},
	"pg.ses_count":     {Ja: "セッション %d件(予定 %d・実施 %d・中止 %d)", En: "%d sessions (%d scheduled, %d held, %d cancelled)"},
	"pg.col_when":      {Ja: "日時", En: "When"},
	"pg.col_number":    {Ja: "回", En: "#"},
	"pg.col_mode":      {Ja: "形式", En: "Mode"},
	"pg.col_status":    {Ja: "状態", En: "Status"},
	"pg.col_note":      {Ja: "メモ", En: "Note"},
	"pg.move_to":       {Ja: "移動先 YYYY-MM-DD HH:MM", En: "Move to YYYY-MM-DD HH:MM"},
	"pg.move":          {Ja: "移動", En: "Move"},
	"pg.cancel":        {Ja: "中止", En: "Cancel session"},
	"pg.held":          {Ja: "実施済みにする", En: "Mark held"},
	"pg.note":          {Ja: "メモを保存", En: "Save note"},
	"pg.bad_time":      {Ja: "日時は YYYY-MM-DD HH:MM で入力してください", En: "Enter the time as YYYY-MM-DD HH:MM"},
	"pg.stepped":       {Ja: "セッション %d: %s", En: "Session %d: %s"},
	"pg.pitch":         {Ja: "最終ピッチ", En: "Final pitch"},
	"pg.order":         {Ja: "発表順", En: "Running order"},
	"pg.totals":        {Ja: "集計(ライブ)", En: "Live totals"},
	"pg.live":          {Ja: "審査中は自動更新(%d秒ごと)", En: "Refresh while judges score (every %d s)"},
	"pg.updated":       {Ja: "更新 %s ・ 採点 %d件", En: "Updated %s · %d scorecards"},
	"pg.col_order":     {Ja: "順", En: "Order"},
	"pg.col_time":      {Ja: "時間", En: "Time"},
	"pg.col_qa":        {Ja: "質疑", En: "Q&A"},
	"pg.col_break":     {Ja: "休憩", En: "Break"},
	"pg.col_rank":      {Ja: "順位", En: "Rank"},
	"pg.col_total":     {Ja: "合計", En: "Total"},
	"pg.col_judges":    {Ja: "採点済み", En: "Scored by"},
	"pg.col_missing":   {Ja: "未採点", En: "Not yet"},
	"pg.col_excluded":  {Ja: "利益相反で除外", En: "Excluded (conflict)"},
	"pg.col_award":     {Ja: "優秀企業", En: "Outstanding"},
	"pg.tie":           {Ja: "同点: 規則(%d)で決定", En: "tie: rule (%d)"},
	"pg.minutes":       {Ja: "%d分", En: "%d min"},
}

func init() {
	for k, v := range programmeMessages {
		if _, dup := messages[k]; dup {
			panic("app: message " + k + " defined twice")
		}
		messages[k] = v
	}
}
