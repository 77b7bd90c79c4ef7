package results

import "pitchmatch/event"

// Labels of the results sheet, both languages.
var (
	lTitle       = event.T("最終ピッチ 審査結果", "Final pitch results")
	lRank        = event.T("順位", "Rank")
	lOrder       = event.T("登壇順", "Order")
	lTime        = event.T("時刻", "Time")
	lStartup     = event.T("スタートアップ", "Startup")
	lCompany     = event.T("企業", "Company")
	lTheme       = event.T("テーマ", "Theme")
	lTotal       = event.T("総合点", "Total")
	lJudges      = event.T("採点数", "Judges")
	lExcluded    = event.T("利益相反で除外", "Excluded (conflict)")
	lMissing     = event.T("未採点", "Not scored yet")
	lScreening   = event.T("書類選考点", "Screening")
	lMatch       = event.T("マッチング点", "Matching score")
	lTieBreak    = event.T("同点処理", "Tie-break")
	lOutstanding = event.T("優秀企業", "Outstanding")
	lDecision    = event.T("判定", "Decision")
	lScouts      = event.T("評価者数", "Scouts")
	lSpread      = event.T("評価の幅", "Spread")
	lMessage     = event.T("メッセージ", "Message")
	lApps        = event.T("応募数", "Applications")
	lSelected    = event.T("採択", "Selected")
	lWaitlist    = event.T("補欠", "Waitlist")
	lDeclined    = event.T("不採択", "Declined")
	lSessions    = event.T("セッション(予定・実施)", "Sessions (planned or held)")
	lHeld        = event.T("セッション実施", "Sessions held")
	lCancelled   = event.T("セッション中止", "Sessions cancelled")
	lPitches     = event.T("ピッチ数", "Pitches")
	lRule        = event.T("同点時の順位決定ルール", "Tie-break rule")
	lBreak       = event.T("休憩", "Break")
	lAppID       = event.T("応募ID", "Application")
	lYear        = event.T("年", "Year")
	lCompanies   = event.T("企業数", "Companies")
	lThemes      = event.T("テーマ数", "Themes")
	lYoY         = event.T("年度別推移", "Year over year")
)

func both(t event.Text) string {
	if t.Ja == t.En {
		return t.En
	}
	return t.Ja + " / " + t.En
}
