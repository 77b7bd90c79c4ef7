package event

// Code is a stable vocabulary code such as "cardiovascular" or "class3". Codes
// are what files, the database and the API carry; labels are for people.
type Code = string

// Term is one entry of a vocabulary.
type Term struct {
	Code  Code `json:"code"`
	Label Text `json:"label"`
}

// Vocabulary is an ordered list of terms. Order matters where the field is
// ordinal (development stage, funding stage, device class): Rank gives it.
type Vocabulary struct {
	Name  string `json:"name"`
	Terms []Term `json:"terms"`
	index map[Code]int
}

func vocab(name string, terms ...Term) *Vocabulary {
	v := &Vocabulary{Name: name, Terms: terms, index: make(map[Code]int, len(terms))}
	for i, t := range terms {
		if _, dup := v.index[t.Code]; dup {
			panic("event: duplicate code " + t.Code + " in vocabulary " + name)
		}
		v.index[t.Code] = i
	}
	return v
}

func term(code, ja, en string) Term { return Term{Code: code, Label: Text{Ja: ja, En: en}} }

// Has reports whether code belongs to the vocabulary.
func (v *Vocabulary) Has(code Code) bool { _, ok := v.index[code]; return ok }

// Rank returns the 0-based position of code, or -1 if it is unknown.
func (v *Vocabulary) Rank(code Code) int {
	if i, ok := v.index[code]; ok {
		return i
	}
	return -1
}

// Label returns the label of code in lang, or the code itself if unknown.
func (v *Vocabulary) Label(code Code, lang Lang) string {
	if i, ok := v.index[code]; ok {
		return v.Terms[i].Label.In(lang)
	}
	return code
}

// Codes returns every code in order.
func (v *Vocabulary) Codes() []Code {
	out := make([]Code, len(v.Terms))
	for i, t := range v.Terms {
		out[i] = t.Code
	}
	return out
}

// Vocabularies of the MedTech partnering field (see DESIGN.md). They are
// read-only after package initialisation.
var (
	FundingStages = vocab("funding_stage",
		term("pre_seed", "プレシード", "Pre-seed"),
		term("seed", "シード", "Seed"),
		term("series_a", "シリーズA", "Series A"),
		term("series_b", "シリーズB", "Series B"),
		term("series_c_plus", "シリーズC以降", "Series C+"),
	)
	ProductTypes = vocab("product_type",
		term("medical_device", "医療機器", "Medical device"),
		term("samd", "プログラム医療機器（SaMD）", "Software as a medical device (SaMD)"),
		term("ivd", "体外診断用医薬品", "In-vitro diagnostic"),
		term("drug", "医薬品", "Drug"),
		term("regenerative", "再生医療等製品", "Regenerative medicine product"),
		term("non_regulated", "非医療機器ヘルスケア", "Non-regulated healthcare"),
	)
	DeviceClasses = vocab("device_class",
		term("none", "該当なし", "Not applicable"),
		term("class1", "クラスI（一般医療機器）", "Class I"),
		term("class2", "クラスII（管理医療機器）", "Class II"),
		term("class3", "クラスIII（高度管理医療機器）", "Class III"),
		term("class4", "クラスIV（高度管理医療機器）", "Class IV"),
	)
	Purposes = vocab("purpose",
		term("diagnosis", "診断", "Diagnosis"),
		term("treatment", "治療", "Treatment"),
		term("monitoring", "モニタリング", "Monitoring"),
		term("prevention", "予防", "Prevention"),
		term("surgery_support", "手術支援", "Surgery support"),
		term("care", "介護・ケア", "Care"),
	)
	Areas = vocab("area",
		term("cardiovascular", "循環器", "Cardiovascular"),
		term("digestive", "消化器", "Digestive"),
		term("respiratory", "呼吸器", "Respiratory"),
		term("neurology", "脳神経", "Neurology"),
		term("orthopedics", "整形外科", "Orthopedics"),
		term("ophthalmology", "眼科", "Ophthalmology"),
		term("oncology", "がん", "Oncology"),
		term("diabetes_metabolic", "糖尿病・代謝", "Diabetes / metabolic"),
		term("renal_urology", "腎・泌尿器", "Renal / urology"),
		term("pediatrics", "小児", "Pediatrics"),
		term("rare_diseases", "希少疾患", "Rare diseases"),
		term("infection", "感染症", "Infection"),
		term("mental_health", "メンタルヘルス", "Mental health"),
		term("dental", "歯科", "Dental"),
		term("dermatology", "皮膚科", "Dermatology"),
		term("womens_health", "女性の健康", "Women's health"),
		term("emergency_icu", "救急・集中治療", "Emergency / ICU"),
		term("home_care", "在宅医療", "Home care"),
		term("geriatrics", "高齢者医療", "Geriatrics"),
		term("rehabilitation", "リハビリテーション", "Rehabilitation"),
	)
	Technologies = vocab("technology",
		term("ai_imaging", "AI・画像解析", "AI / image analysis"),
		term("robotics", "ロボティクス", "Robotics"),
		term("sensors_biosignals", "センサー・生体信号", "Sensors / biosignals"),
		term("minimally_invasive", "低侵襲デバイス", "Minimally invasive devices"),
		term("implants", "インプラント", "Implants"),
		term("materials", "材料", "Materials"),
		term("digital_app", "デジタル・アプリ", "Digital / app"),
		term("telemedicine", "遠隔医療", "Telemedicine"),
		term("wearables", "ウェアラブル", "Wearables"),
		term("genomics", "ゲノム・バイオマーカー", "Genomics / biomarkers"),
		term("drug_delivery", "ドラッグデリバリー", "Drug delivery"),
		term("surgical_instruments", "手術器具", "Surgical instruments"),
	)
	DevStages = vocab("dev_stage",
		term("concept", "コンセプト", "Concept"),
		term("prototype", "試作", "Prototype"),
		term("non_clinical", "非臨床試験", "Non-clinical"),
		term("clinical_trial", "臨床試験（治験）", "Clinical trial"),
		term("regulatory_review", "承認審査中", "Under regulatory review"),
		term("approved", "承認・認証取得", "Approved"),
		term("launched", "保険適用・上市", "Reimbursed / launched"),
	)
	Regulatory = vocab("regulatory",
		term("jp_pmda_consultation", "PMDA相談済み", "Japan: PMDA consultation"),
		term("jp_certified", "国内認証取得", "Japan: certification"),
		term("jp_approved", "国内承認取得", "Japan: approval"),
		term("us_510k", "米国510(k)", "US: 510(k)"),
		term("us_de_novo", "米国De Novo", "US: De Novo"),
		term("us_pma", "米国PMA", "US: PMA"),
		term("us_breakthrough", "米国ブレークスルー指定", "US: Breakthrough designation"),
		term("eu_ce", "欧州CEマーク", "EU: CE mark"),
	)
	Needs = vocab("need",
		term("regulatory", "薬事", "Regulatory"),
		term("marketing", "マーケティング", "Marketing"),
		term("business_plan", "事業計画", "Business plan"),
		term("fundraising", "資金調達", "Fundraising"),
		term("management", "経営・組織", "Management"),
		term("ip", "知的財産", "Intellectual property"),
		term("international", "海外展開", "International expansion"),
		term("reimbursement", "保険償還", "Insurance reimbursement"),
		term("other", "その他", "Other"),
	)
	Partnerships = vocab("partnership",
		term("co_development", "共同開発", "Co-development"),
		term("distribution", "販売提携", "Distribution"),
		term("investment", "出資", "Investment"),
		term("licensing", "ライセンス", "Licensing"),
		term("manufacturing", "製造委託", "Manufacturing"),
		term("clinical_evaluation", "臨床評価", "Clinical evaluation"),
	)
	Prefectures = vocab("prefecture",
		term("hokkaido", "北海道", "Hokkaido"), term("aomori", "青森県", "Aomori"),
		term("iwate", "岩手県", "Iwate"), term("miyagi", "宮城県", "Miyagi"),
		term("akita", "秋田県", "Akita"), term("yamagata", "山形県", "Yamagata"),
		term("fukushima", "福島県", "Fukushima"), term("ibaraki", "茨城県", "Ibaraki"),
		term("tochigi", "栃木県", "Tochigi"), term("gunma", "群馬県", "Gunma"),
		term("saitama", "埼玉県", "Saitama"), term("chiba", "千葉県", "Chiba"),
		term("tokyo", "東京都", "Tokyo"), term("kanagawa", "神奈川県", "Kanagawa"),
		term("niigata", "新潟県", "Niigata"), term("toyama", "富山県", "Toyama"),
		term("ishikawa", "石川県", "Ishikawa"), term("fukui", "福井県", "Fukui"),
		term("yamanashi", "山梨県", "Yamanashi"), term("nagano", "長野県", "Nagano"),
		term("gifu", "岐阜県", "Gifu"), term("shizuoka", "静岡県", "Shizuoka"),
		term("aichi", "愛知県", "Aichi"), term("mie", "三重県", "Mie"),
		term("shiga", "滋賀県", "Shiga"), term("kyoto", "京都府", "Kyoto"),
		term("osaka", "大阪府", "Osaka"), term("hyogo", "兵庫県", "Hyogo"),
		term("nara", "奈良県", "Nara"), term("wakayama", "和歌山県", "Wakayama"),
		term("tottori", "鳥取県", "Tottori"), term("shimane", "島根県", "Shimane"),
		term("okayama", "岡山県", "Okayama"), term("hiroshima", "広島県", "Hiroshima"),
		term("yamaguchi", "山口県", "Yamaguchi"), term("tokushima", "徳島県", "Tokushima"),
		term("kagawa", "香川県", "Kagawa"), term("ehime", "愛媛県", "Ehime"),
		term("kochi", "高知県", "Kochi"), term("fukuoka", "福岡県", "Fukuoka"),
		term("saga", "佐賀県", "Saga"), term("nagasaki", "長崎県", "Nagasaki"),
		term("kumamoto", "熊本県", "Kumamoto"), term("oita", "大分県", "Oita"),
		term("miyazaki", "宮崎県", "Miyazaki"), term("kagoshima", "鹿児島県", "Kagoshima"),
		term("okinawa", "沖縄県", "Okinawa"), term("overseas", "海外", "Overseas"),
	)
	MeetingStatuses = vocab("meeting_status",
		term(string(StatusProposed), "提案", "Proposed"),
		term(string(StatusConfirmed), "確定", "Confirmed"),
		term(string(StatusCancelled), "キャンセル", "Cancelled"),
		term(string(StatusHeld), "実施済み", "Held"),
		term(string(StatusDeclined), "辞退", "Declined"),
		term(string(StatusNoShow), "不参加", "No-show"),
	)
	Outcomes = vocab("outcome",
		term(string(OutcomeNone), "進展なし", "None"),
		term(string(OutcomeFollowUp), "フォローアップ", "Follow-up"),
		term(string(OutcomeDeal), "商談進展", "Deal progressed"),
	)
	InterestKinds = vocab("interest_kind",
		term(string(InterestApply), "応募（スタートアップ→テーマ）", "Application (startup → theme)"),
		term(string(InterestRequest), "面談リクエスト（企業→スタートアップ）", "Meeting request (company → startup)"),
		term(string(InterestShortlist), "候補リスト", "Shortlist"),
		term(string(InterestNoThanks), "見送り", "No thanks"),
		term(string(InterestMustMeet), "必須面談", "Must meet"),
		term(string(InterestConflict), "利益相反", "Conflict of interest"),
	)
)

// AllVocabularies lists every vocabulary, for export and for the portal.
func AllVocabularies() []*Vocabulary {
	return []*Vocabulary{FundingStages, ProductTypes, DeviceClasses, Purposes, Areas,
		Technologies, DevStages, Regulatory, Needs, Partnerships, Prefectures,
		MeetingStatuses, Outcomes, InterestKinds}
}
