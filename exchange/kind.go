package exchange

import (
	"fmt"
	"strings"

	"pitchmatch/event"
)

// Kind names what a file holds: one of the four importable record kinds.
type Kind string

// The importable kinds.
const (
	KindStartups     Kind = "startups"
	KindCompanies    Kind = "companies"
	KindThemes       Kind = "themes"
	KindAvailability Kind = "availability"
)

// Kinds lists every kind in import order (companies before their themes).
func Kinds() []Kind {
	return []Kind{KindStartups, KindCompanies, KindThemes, KindAvailability}
}

// ParseKind maps a name such as "startups", "Startup" or "テーマ" to a Kind.
func ParseKind(s string) (Kind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "startups", "startup", "スタートアップ":
		return KindStartups, nil
	case "companies", "company", "企業", "大企業":
		return KindCompanies, nil
	case "themes", "theme", "テーマ":
		return KindThemes, nil
	case "availability", "availabilities", "参加可否", "参加不可枠":
		return KindAvailability, nil
	}
	return "", unknownKind(Kind(s))
}

// unknownKind is the error for a Kind that is not one of the four.
func unknownKind(k Kind) error {
	return &event.Error{Code: event.EInvalid, Message: event.Text{
		Ja: fmt.Sprintf("「%s」は取り込み種別ではありません（startups, companies, themes, availability のいずれか）", k),
		En: fmt.Sprintf("%q is not a kind of file (want startups, companies, themes or availability)", string(k)),
	}}
}

// label is the kind's name for people.
func (k Kind) label() event.Text {
	switch k {
	case KindStartups:
		return event.T("スタートアップ", "startups")
	case KindCompanies:
		return event.T("企業", "companies")
	case KindThemes:
		return event.T("テーマ", "themes")
	case KindAvailability:
		return event.T("参加不可枠", "availability")
	}
	return event.T(string(k), string(k))
}

// column is one CSV column: its canonical header and the Japanese (or
// other) headers also accepted for it.
type column struct {
	name    string
	aliases []string
}

func col(name string, aliases ...string) column { return column{name: name, aliases: aliases} }

// Columns returns the canonical CSV header of kind, in the order WriteCSV
// writes it, or nil for an unknown kind.
func Columns(kind Kind) []string {
	cs := columnsOf(kind)
	if cs == nil {
		return nil
	}
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.name
	}
	return out
}

// columnsOf is the column table of kind, with the accepted header aliases.
// Aliases are compared after NFKC normalisation and lower-casing, so
// full-width and half-width brackets, letters and digits all match.
func columnsOf(kind Kind) []column {
	switch kind {
	case KindStartups:
		return []column{
			col("id", "スタートアップID", "企業ID", "ID番号"),
			col("name_ja", "企業名（日本語）", "企業名", "社名", "会社名", "社名（日本語）"),
			col("name_en", "企業名（英語）", "社名（英語）", "英文社名", "英語社名"),
			col("founded", "設立年", "設立"),
			col("prefecture", "都道府県", "所在地"),
			col("headcount", "従業員数", "社員数"),
			col("funding_stage", "資金調達ステージ", "調達ステージ"),
			col("product_name_ja", "製品名（日本語）", "製品名"),
			col("product_name_en", "製品名（英語）"),
			col("product_summary_ja", "製品概要（日本語）", "製品概要"),
			col("product_summary_en", "製品概要（英語）"),
			col("product_type", "製品種別"),
			col("device_class", "クラス分類", "医療機器クラス"),
			col("purposes", "用途", "目的"),
			col("areas", "領域", "疾患領域", "診療領域"),
			col("technologies", "技術", "技術分野"),
			col("dev_stage", "開発段階", "開発ステージ"),
			col("regulatory", "薬事", "薬事状況"),
			col("needs", "ニーズ", "相談ニーズ"),
			col("partnerships", "希望提携", "提携形態"),
			col("website", "ウェブサイト", "ホームページ", "url"),
			col("contact_email", "メールアドレス", "連絡先メール", "email", "e-mail"),
			col("max_meetings", "最大面談数", "面談上限"),
		}
	case KindCompanies:
		return []column{
			col("id", "企業ID", "ID番号"),
			col("name_ja", "企業名（日本語）", "企業名", "社名", "会社名", "社名（日本語）"),
			col("name_en", "企業名（英語）", "社名（英語）", "英文社名", "英語社名"),
			col("description_ja", "説明（日本語）", "説明", "企業概要"),
			col("description_en", "説明（英語）", "企業概要（英語）"),
			col("scouts", "スカウト", "担当者"),
			col("max_meetings", "最大面談数", "面談上限"),
			col("tables", "テーブル数", "同時面談数"),
		}
	case KindThemes:
		return []column{
			col("id", "テーマID"),
			col("company_id", "企業ID"),
			col("title_ja", "テーマ名（日本語）", "テーマ名", "タイトル"),
			col("title_en", "テーマ名（英語）", "タイトル（英語）"),
			col("description_ja", "説明（日本語）", "説明", "テーマ説明"),
			col("description_en", "説明（英語）"),
			col("areas", "領域", "疾患領域", "診療領域"),
			col("technologies", "技術", "技術分野"),
			col("stage_min", "開発段階（下限）", "希望ステージ（下限）"),
			col("stage_max", "開発段階（上限）", "希望ステージ（上限）"),
			col("product_types", "製品種別"),
			col("classes", "クラス分類"),
			col("partnerships", "提携形態", "提供する提携"),
		}
	case KindAvailability:
		return []column{
			col("kind", "種別", "区分"),
			col("id", "ID番号"),
			col("unavailable", "参加不可枠", "不可枠"),
		}
	}
	return nil
}
