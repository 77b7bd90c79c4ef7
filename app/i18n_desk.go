package app

import "pitchmatch/event"

// dayMessages are the texts of the confirmations, the schedule grid's
// editing and the day-of-event actions. They live apart from messages so
// that views added by different people do not edit the same lines; init
// merges them (a key defined twice is a programming error).
var dayMessages = map[string]event.Text{
	"rp.no_show":  {Ja: "不参加", En: "No-shows"},
	"rp.off_grid": {Ja: "存在しない枠・テーブル上の面談", En: "Meetings on removed slots or tables"},
}

func init() {
	for k, v := range dayMessages {
		if _, dup := messages[k]; dup {
			panic("app: message " + k + " defined twice")
		}
		messages[k] = v
	}
}
