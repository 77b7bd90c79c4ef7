package exchange

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// go test ./exchange -run TestGenerateFixtures -update-fixtures rewrites
// the organizer-style fixture files under testdata/organizer from this
// generator; they are committed, and the tests read the committed files.
var updateFixtures = flag.Bool("update-fixtures", false, "rewrite testdata/organizer fixtures")

const fixtureDir = "testdata/organizer"

// Google Forms' CSV download: UTF-8 without BOM, Japanese question headers,
// a timestamp, extra columns (代表者名, 備考), free-text lists, labels such as
// プレシリーズA, 平成30年 and １２名, and one 「その他: 美容」 that needs a
// value map.
const googleFormsCSV = "タイムスタンプ,会社名,代表者名,資金調達ステージを選んでください,設立年,従業員数,対象領域（複数選択可）,開発段階,製品種別,医療機器クラス,メールアドレス,備考\n" +
	"2026/06/01 10:00:00,株式会社メドテックA,山田 太郎,プレシリーズA,平成30年,１２名,\"循環器, 消化器\",非臨床,医療機器,クラス２,a@example.jp,\n" +
	"2026/06/02 11:00:00,株式会社ハートB,佐藤 花子,シリーズＡ,2019,30,\"心臓血管, 呼吸器\",臨床試験（治験）,プログラム医療機器（SaMD）,クラスⅡ,b@example.jp,特になし\n" +
	"2026/06/03 09:30:00,ケアC株式会社,鈴木 一郎,Series-A,令和2年,５名,\"その他: 美容, 皮膚科\",試作,非医療機器ヘルスケア,該当なし,c@example.jp,\n"

// Excel's "CSV (comma delimited)" on Japanese Windows: Shift_JIS (CP932),
// CRLF, ①, ㈱, 髙, full-width digits and spaces.
const excelSJISCSV = "ID,社名,社名（英語）,所在地,従業員数,製品名,領域,設立\r\n" +
	"S0101,㈱髙橋メディカル,Takahashi Medical,東京都,１５,製品①　改良型,循環器；消化器,２０１５年\r\n" +
	"S0102,　髙木ラボ株式会社　,Takagi Lab,大阪,　８　,②センサー,呼吸器,平成２８年４月\r\n" +
	"S0103,㈲ケア①,Care One,福岡県,1,200,ケアアプリ,在宅医療,2020/04/01\r\n"

// generateFixtures writes every organizer fixture into dir.
func generateFixtures(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("google_forms_startups.csv", []byte(googleFormsCSV))
	sjis, err := japanese.ShiftJIS.NewEncoder().String(strings.Replace(excelSJISCSV, "1,200", "\"1,200\"", 1))
	if err != nil {
		t.Fatalf("encode Shift_JIS: %v", err)
	}
	write("excel_sjis_startups.csv", []byte(sjis))

	// Excel's "Unicode text": UTF-16LE with BOM, tab-separated, CRLF.
	tsv := "企業ID\t企業名\t企業名（英語）\tスカウト\t面談上限\t同時面談数\r\n" +
		"C01\tオリンパス風メディカル株式会社\tOlympus-like Medical\t田中;Smith\t２０\t2\r\n" +
		"C02\tテルモ風ヘルスケア\tTerumo-like Healthcare\t髙田\t15\t1\r\n"
	u16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(tsv)
	if err != nil {
		t.Fatal(err)
	}
	write("unicode_text_companies.tsv", []byte(u16))

	// A workbook as secretariats keep it: a title row merged over the
	// columns above the header, and a prefecture merged over two rows.
	f := excelize.NewFile()
	sheet := "出展者一覧"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{"JHVS 2026 出展スタートアップ一覧（事務局作成）"},
		{"ID", "社名", "所在地", "開発段階", "領域", "従業員数", "設立年"},
		{"S0201", "株式会社オオサカ・デバイス", "大阪府", "試作", "整形外科、リハビリ", 25, 2017},
		{"S0202", "ナニワ診断株式会社", nil, "承認審査中", "がん", "40名", "平成29年"},
		{"S0203", "キョウト・ロボ", "京都府", "コンセプト", "脳神経", 3, "令和5年"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.MergeCell(sheet, "A1", "G1"); err != nil {
		t.Fatal(err)
	}
	if err := f.MergeCell(sheet, "C3", "C4"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	write("title_merged_startups.xlsx", buf.Bytes())

	write("themes.csv", []byte("テーマID,企業ID,テーマ名,求める領域,希望ステージ（下限）,希望ステージ（上限）\n"+
		"T01,C01,手術合併症を減らすソリューション,\"消化器, 整形外科\",試作,承認審査中\n"+
		"T02,C02,低侵襲かつ高精度な生体信号計測,\"循環器, 呼吸器, がん\",非臨床,上市\n"))
	write("availability.csv", []byte("参加者,参加できない時間\n"+
		"株式会社メドテックA,10/14 午前\n"+
		"C02,D1 13:00-15:00\n"))
	write("interests.csv", []byte("種別,スタートアップ,テーマ,企業,メモ\n"+
		"応募,株式会社メドテックA,T01,,\n"+
		"必須面談,株式会社ハートB,,C02,事務局判断\n"+
		"見送り,ケアC株式会社,,C01,\n"+
		"リクエスト,S0101,,C01,\n"))
	write("settings.csv", []byte("スタートアップ上限面談数,企業上限面談数,最低保証面談数\n4,10,1\n"))
	write("figures.csv", []byte("年,出展社数,商談数,成約数\n2023,120,1356,\n2024,127,\"1,452\",96\n"))
}

func TestGenerateFixtures(t *testing.T) {
	if !*updateFixtures {
		t.Skip("run with -update-fixtures to rewrite testdata/organizer")
	}
	generateFixtures(t, fixtureDir)
}
