package portal

import "pitchmatch/event"

// uiText is every fixed text of the portal in both languages.
func uiText(key string) event.Text {
	switch key {
	case "lang_ja":
		return event.T("日本語", "Japanese")
	case "lang_en":
		return event.T("英語", "English")
	case "tab_profile":
		return event.T("プロフィール", "Profile")
	case "tab_themes":
		return event.T("テーマ", "Themes")
	case "tab_meetings":
		return event.T("面談予定", "Meetings")
	case "save":
		return event.T("保存する", "Save")
	case "saving":
		return event.T("保存中…", "Saving…")
	case "saved":
		return event.T("保存しました", "Saved")
	case "invalid":
		return event.T("入力内容を確認してください", "Please check the highlighted fields")
	case "offline":
		return event.T("オフラインです。下書きはこの端末に保存され、接続が戻ると送信されます。", "Offline. Your draft is kept on this device and sent when the connection returns.")
	case "pending":
		return event.T("未送信の変更があります（接続が戻ると送信します）", "Unsent changes (will be sent when the connection returns)")
	case "online":
		return event.T("オンライン", "Online")
	case "draft_restored":
		return event.T("この端末に保存されていた下書きを復元しました。", "Restored the draft kept on this device.")
	case "version":
		return event.T("版", "Version")
	case "conflict_title":
		return event.T("他の場所で更新されています", "Changed elsewhere")
	case "conflict_help":
		return event.T("保存の前に、このプロフィールが別の場所で更新されました。下の項目は両方で変更されています。項目ごとに残す内容を選んでください。ほかの項目は両方の変更を取り込みます。", "This profile was updated elsewhere before your save. The fields below were changed on both sides: choose the value to keep for each. Every other change, yours and theirs, is kept.")
	case "conflict_taken":
		return event.T("別の場所での変更を取り込みました", "Taken from the other change")
	case "choose_all":
		return event.T("両方で変更された項目すべてについて、残す内容を選んでください", "Choose a value for every field changed on both sides")
	case "saved_newer":
		return event.T("保存しました。その後の入力はまだ保存されていません", "Saved. What you typed since is not saved yet")
	case "merged_saved":
		return event.T("別の場所での変更と合わせて保存しました", "Saved together with the change made elsewhere")
	case "unsaved":
		return event.T("未保存", "not saved yet")
	case "interests_saving":
		return event.T("関心を保存中…", "Saving interest…")
	case "logout":
		return event.T("この端末からログアウト", "Log out on this computer")
	case "logout_confirm":
		return event.T("保存されていない変更はこの端末から消えます。ログアウトしますか？", "Changes not saved yet will be removed from this computer. Log out?")
	case "logged_out":
		return event.T("この端末からログアウトしました。下書きは削除されました。招待リンクからもう一度開けます。", "Logged out on this computer; drafts were removed. Open your invitation link to come back.")
	case "field":
		return event.T("項目", "Field")
	case "yours":
		return event.T("あなたの入力", "Yours")
	case "theirs":
		return event.T("保存済み", "Saved")
	case "keep_selection":
		return event.T("選んだ内容で保存", "Save my selection")
	case "id":
		return event.T("ID", "ID")
	case "required_mark":
		return event.T("必須", "required")
	case "none":
		return event.T("選択なし", "None")
	case "fit":
		return event.T("適合度", "Fit")
	case "fit_note":
		return event.T("適合度は編集中のプロフィールからこの端末で計算しています（保存前の変更も反映）。", "Fit is computed on this device from the profile as you edit it, before saving.")
	case "interested":
		return event.T("関心あり（応募）", "Interested (apply)")
	case "no_themes":
		return event.T("公開中のテーマはまだありません。", "No themes are published yet.")
	case "no_meetings":
		return event.T("面談はまだ決まっていません。", "No meetings scheduled yet.")
	case "download_ics":
		return event.T("カレンダー（.ics）をダウンロード", "Download calendar (.ics)")
	case "when":
		return event.T("日時", "When")
	case "company":
		return event.T("企業", "Company")
	case "theme":
		return event.T("テーマ", "Theme")
	case "table":
		return event.T("テーブル", "Table")
	case "status":
		return event.T("状態", "Status")
	case "error_load":
		return event.T("読み込めませんでした", "Could not load")
	case "no_token":
		return event.T("招待リンクから開いてください（リンクにアクセス用の情報が含まれています）。", "Open this page from your private invitation link.")
	case "interests_saved":
		return event.T("関心を保存しました", "Interest saved")
	case "reasons":
		return event.T("理由", "Reasons")
	}
	return event.T(key, key)
}

// UI returns the fixed text key in lang.
func UI(key string, lang event.Lang) string { return uiText(key).In(lang) }
