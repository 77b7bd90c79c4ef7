package app

import (
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"pitchmatch/event"
)

// dayMessages are the texts of the confirmations, the schedule grid's
// editing and the day-of-event actions. They live apart from messages so
// that views added by different people do not edit the same lines; init
// merges them (a key defined twice is a programming error).
var dayMessages = map[string]event.Text{
	"rp.no_show":  {Ja: "不参加", En: "No-shows"},
	"rp.off_grid": {Ja: "存在しない枠・テーブル上の面談", En: "Meetings on removed slots or tables"},

	"cf.cancel":              {Ja: "キャンセル", En: "Cancel"},
	"cf.ok":                  {Ja: "OK", En: "OK"},
	"cf.more":                {Ja: "…ほか %d件", En: "… and %d more"},
	"cf.unsaved_title":       {Ja: "保存していない変更があります", En: "Unsaved changes"},
	"cf.unsaved":             {Ja: "「%s」の変更はまだ保存されていません。破棄しますか？", En: "Your changes to “%s” are not saved. Discard them?"},
	"cf.discard":             {Ja: "変更を破棄", En: "Discard changes"},
	"cf.keep_editing":        {Ja: "編集を続ける", En: "Keep editing"},
	"cf.reduce_title":        {Ja: "面談に影響する変更", En: "This change affects meetings"},
	"cf.reduce":              {Ja: "この変更で %d件の面談の枠またはテーブルがなくなります。%d件を空いている枠へ移動してロックし、空きのない %d件はキャンセルします。対象の面談:", En: "This change removes the slot or table of %d meetings. %d will be moved to free places and locked; %d have no free place and will be cancelled. The meetings:"},
	"cf.reduce_ok":           {Ja: "保存して面談を移動", En: "Save and move the meetings"},
	"cf.reduce_blocked":      {Ja: "実施済み・不参加の面談 %d件の置き場所がなくなるため、この変更は保存できません。枠・テーブルを増やすか、先に面談を移動してください:", En: "%d held or no-show meetings would have no place left, so this change cannot be saved. Keep more slots or tables, or move those meetings first:"},
	"cf.will_cancel":         {Ja: "キャンセル（空きなし）", En: "cancelled (no free place)"},
	"cf.run_title":           {Ja: "保存済みの面談を変更します", En: "The new schedule changes saved meetings"},
	"cf.run":                 {Ja: "新しいスケジュールを保存すると、保存済みの面談 %d件が移動し、%d件がキャンセルされます（新規 %d件）。参加者のカレンダーも更新されます。対象の面談:", En: "Saving the new schedule moves %d saved meetings and cancels %d (%d new). Participants' calendars change too. The meetings:"},
	"cf.run_ok":              {Ja: "新しいスケジュールを保存", En: "Save the new schedule"},
	"cf.run_waiting":         {Ja: "計算済み。確認待ち（まだ保存していません）", En: "Computed; waiting for your confirmation (not saved yet)"},
	"cf.will_cancel_run":     {Ja: "キャンセル", En: "cancelled"},
	"cf.nothanks_title":      {Ja: "「見送り」の確認", En: "Confirm no thanks"},
	"cf.nothanks":            {Ja: "%s を見送りますか（%s）？このペアは今後スケジュールされません（元に戻せます）。影響 %d件:", En: "Mark %s as no thanks for %s? The pair will not be scheduled again (you can undo this). Affected: %d"},
	"cf.nothanks_replaces":   {Ja: "これまでの判断「%s」を置き換えます", En: "replaces the earlier decision “%s”"},
	"rk.note_needs_decision": {Ja: "メモは判断（候補・面談希望・見送り）に付けて保存されます。先に判断を記録してください", En: "A note is kept with a decision (shortlist, request or no thanks); record one first"},
	"rk.note_saved":          {Ja: "メモを保存しました（判断は変わりません）", En: "Note saved (the decision is unchanged)"},
	"un.undo":                {Ja: "元に戻す", En: "Undo"},
	"un.redo":                {Ja: "やり直す", En: "Redo"},
	"un.nothing":             {Ja: "元に戻す操作はありません", En: "Nothing to undo"},
	"un.nothing_redo":        {Ja: "やり直す操作はありません", En: "Nothing to redo"},
	"un.unsupported":         {Ja: "このファイルでは変更を元に戻せません", En: "This file cannot keep an undo history"},
	"menu.edit":              {Ja: "編集", En: "Edit"},
	"un.saved":               {Ja: "%s の編集", En: "edit of %s"},
	"un.event_saved":         {Ja: "イベント設定の保存", En: "event settings saved"},
	"un.reduced":             {Ja: "イベント設定の縮小（面談 %d件を移動、%d件をキャンセル）", En: "event settings reduced (%d meetings moved, %d cancelled)"},
	"un.undone":              {Ja: "元に戻しました: %s", En: "Undone: %s"},
	"un.redone":              {Ja: "やり直しました: %s", En: "Redone: %s"},
	"sc.find_free":           {Ja: "空き枠を探して移動", En: "Find a free slot"},
	"sc.no_free":             {Ja: "競合なく移動できる空き枠がありません", En: "No free slot without a conflict"},
	"sc.moved_to":            {Ja: "%s ⇄ %s を %s T%d へ移動（ロック）", En: "Moved %s ⇄ %s to %s T%d (locked)"},
	"sc.swapped":             {Ja: "%s ⇄ %s と %s ⇄ %s を入れ替え（ロック）", En: "Swapped %s ⇄ %s with %s ⇄ %s (locked)"},
	"sc.status_set":          {Ja: "%s ⇄ %s: %s", En: "%s ⇄ %s: %s"},
	"sc.outcome_set":         {Ja: "%s ⇄ %s の成果: %s", En: "%s ⇄ %s outcome: %s"},
	"sc.outcome":             {Ja: "成果を記録…", En: "Record outcome…"},
	"sc.stage":               {Ja: "%s %d/%d", En: "%s %d/%d"},
	"menu.quit":              {Ja: "終了", En: "Quit"},
	"rk.product":             {Ja: "製品", En: "Product"},
	"sc.agenda_pdf":          {Ja: "PDF…", En: "PDF…"},
	"sc.agenda_ics":          {Ja: "カレンダー（.ics）…", En: "Calendar (.ics)…"},
	"cf.reduced":             {Ja: "保存しました。面談 %d件を移動し、%d件をキャンセルしました", En: "Saved; %d meetings moved and %d cancelled"},
}

// stages names the scheduler's progress stages (app.ComputePlan and
// matching/schedule.Solve report them by these keys).
var stages = map[string]event.Text{
	"prepare": {Ja: "準備", En: "Preparing"},
	"score":   {Ja: "スコア計算", En: "Scoring pairs"},
	"select":  {Ja: "面談の選択", En: "Choosing meetings"},
	"slot":    {Ja: "枠への割り当て", En: "Assigning slots"},
	"search":  {Ja: "改善探索", En: "Improving"},
	"report":  {Ja: "結果の集計", En: "Reporting"},
}

// stageLabel is a scheduler stage in lang; an unknown stage shows as is.
func stageLabel(stage string, lang event.Lang) string {
	if t, ok := stages[stage]; ok {
		return t.In(lang)
	}
	return stage
}

// useFyneLanguage makes Fyne's own texts (file dialogs, Quit, OK/Cancel of
// its dialogs) follow the app's language. Fyne reads the language only from
// the environment (LANGUAGE before LANG), when translations are added; so
// the variable is set and an empty translation added to make it look again.
func useFyneLanguage(l event.Lang) {
	_ = os.Setenv("LANGUAGE", string(l))
	_ = lang.AddTranslationsForLocale([]byte("{}"), fyne.Locale(l))
}

func init() {
	for k, v := range dayMessages {
		if _, dup := messages[k]; dup {
			panic("app: message " + k + " defined twice")
		}
		messages[k] = v
	}
}
