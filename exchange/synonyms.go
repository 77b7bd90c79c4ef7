package exchange

import "pitchmatch/event"

// synonyms are further spellings organizers' files use for vocabulary
// codes, beyond the codes and the labels themselves: Google Forms choices,
// abbreviations, clinical department names. They are compared after fold
// (NFKC, lower case, '-'/' '/'_' as one), so シリーズＡ and Series-A need no
// entry. A synonym never overrides a code or a label.
var synonyms = map[string]map[string]event.Code{
	"funding_stage": {
		"エンジェル": "pre_seed", "angel": "pre_seed", "プレシード期": "pre_seed",
		"プレシリーズA": "seed", "プレA": "seed", "pre series a": "seed", "pre a": "seed", "シードラウンド": "seed", "シード期": "seed",
		"シリーズAラウンド": "series_a", "アーリー": "series_a", "series a round": "series_a",
		"シリーズBラウンド": "series_b", "ミドル": "series_b",
		"シリーズC": "series_c_plus", "シリーズD": "series_c_plus", "シリーズE": "series_c_plus", "series c": "series_c_plus",
		"series d": "series_c_plus", "レイター": "series_c_plus", "later": "series_c_plus", "シリーズC+": "series_c_plus",
	},
	"device_class": {
		"クラス1": "class1", "クラス2": "class2", "クラス3": "class3", "クラス4": "class4",
		"class 1": "class1", "class 2": "class2", "class 3": "class3", "class 4": "class4",
		"I": "class1", "II": "class2", "III": "class3", "IV": "class4", "1": "class1", "2": "class2", "3": "class3", "4": "class4",
		"一般医療機器": "class1", "管理医療機器": "class2",
		"なし": "none", "非該当": "none", "対象外": "none", "n/a": "none", "na": "none", "非医療機器": "none",
	},
	"area": {
		"心臓血管": "cardiovascular", "心血管": "cardiovascular", "循環器内科": "cardiovascular", "心臓": "cardiovascular", "cardiology": "cardiovascular", "cardiac": "cardiovascular",
		"消化器内科": "digestive", "消化器外科": "digestive", "gastroenterology": "digestive", "gi": "digestive",
		"呼吸器内科": "respiratory", "呼吸器外科": "respiratory", "pulmonology": "respiratory",
		"神経": "neurology", "脳": "neurology", "神経内科": "neurology", "脳神経外科": "neurology", "脳神経内科": "neurology",
		"整形": "orthopedics", "orthopaedics": "orthopedics", "眼": "ophthalmology",
		"癌": "oncology", "腫瘍": "oncology", "がん・腫瘍": "oncology", "cancer": "oncology",
		"糖尿病": "diabetes_metabolic", "代謝": "diabetes_metabolic", "内分泌": "diabetes_metabolic", "diabetes": "diabetes_metabolic",
		"腎臓": "renal_urology", "泌尿器": "renal_urology", "腎臓内科": "renal_urology", "泌尿器科": "renal_urology",
		"小児科": "pediatrics", "paediatrics": "pediatrics", "希少疾病": "rare_diseases", "難病": "rare_diseases",
		"感染": "infection", "感染症内科": "infection", "精神": "mental_health", "精神科": "mental_health", "メンタル": "mental_health",
		"歯": "dental", "歯科口腔外科": "dental", "皮膚": "dermatology", "皮膚科学": "dermatology",
		"婦人科": "womens_health", "産婦人科": "womens_health", "女性医療": "womens_health", "フェムテック": "womens_health",
		"救急": "emergency_icu", "集中治療": "emergency_icu", "icu": "emergency_icu", "救急医療": "emergency_icu",
		"在宅": "home_care", "在宅ケア": "home_care", "高齢者": "geriatrics", "老年医学": "geriatrics",
		"リハビリ": "rehabilitation",
	},
	"technology": {
		"AI": "ai_imaging", "人工知能": "ai_imaging", "画像解析": "ai_imaging", "画像診断": "ai_imaging",
		"ロボット": "robotics", "センサー": "sensors_biosignals", "センサ": "sensors_biosignals", "生体信号": "sensors_biosignals", "バイタル": "sensors_biosignals",
		"低侵襲": "minimally_invasive", "カテーテル": "minimally_invasive", "インプラント・埋込型": "implants", "埋込型": "implants",
		"素材": "materials", "バイオマテリアル": "materials", "アプリ": "digital_app", "デジタル": "digital_app", "DX": "digital_app",
		"遠隔": "telemedicine", "オンライン診療": "telemedicine", "ウェアラブルデバイス": "wearables",
		"ゲノム": "genomics", "バイオマーカー": "genomics", "DDS": "drug_delivery", "手術機器": "surgical_instruments",
	},
	"dev_stage": {
		"非臨床": "non_clinical", "前臨床": "non_clinical", "preclinical": "non_clinical", "pre clinical": "non_clinical",
		"治験": "clinical_trial", "臨床": "clinical_trial", "臨床研究": "clinical_trial", "臨床試験": "clinical_trial",
		"研究": "concept", "構想": "concept", "アイデア": "concept", "基礎研究": "concept",
		"試作品": "prototype", "プロトタイプ": "prototype",
		"審査中": "regulatory_review", "申請中": "regulatory_review", "薬事申請中": "regulatory_review",
		"承認済み": "approved", "認証済み": "approved", "承認取得": "approved",
		"上市": "launched", "販売中": "launched", "発売済み": "launched", "上市済み": "launched", "保険適用": "launched",
	},
	"product_type": {
		"機器": "medical_device", "デバイス": "medical_device", "device": "medical_device",
		"プログラム医療機器": "samd", "医療機器プログラム": "samd", "体外診断": "ivd", "体外診断薬": "ivd",
		"薬": "drug", "再生医療": "regenerative", "ヘルスケア": "non_regulated", "非医療機器": "non_regulated", "non medical": "non_regulated",
	},
	"purpose": {
		"診断支援": "diagnosis", "検査": "diagnosis", "見守り": "monitoring", "手術": "surgery_support", "介護": "care", "ケア": "care",
	},
	"need": {
		"規制": "regulatory", "薬事申請": "regulatory", "販路": "marketing", "販路開拓": "marketing", "営業": "marketing",
		"資金": "fundraising", "調達": "fundraising", "特許": "ip", "知財": "ip", "海外": "international",
		"保険": "reimbursement", "償還": "reimbursement", "人材": "management", "組織": "management",
	},
	"partnership": {
		"共同研究": "co_development", "販売": "distribution", "代理店": "distribution", "投資": "investment",
		"OEM": "manufacturing", "製造": "manufacturing", "臨床研究": "clinical_evaluation",
	},
	"regulatory": {
		"PMDA": "jp_pmda_consultation", "PMDA相談": "jp_pmda_consultation", "510k": "us_510k", "510(k)": "us_510k",
		"デノボ": "us_de_novo", "De Novo": "us_de_novo", "PMA": "us_pma", "CE": "eu_ce", "CEマーク": "eu_ce",
		"ブレークスルー": "us_breakthrough", "ブレイクスルー": "us_breakthrough",
	},
	"interest_kind": {
		"応募": "apply", "application": "apply", "リクエスト": "request", "面談依頼": "request", "面談希望": "request",
		"候補": "shortlist", "必須": "must_meet", "必須面談": "must_meet", "must": "must_meet",
		"NG": "no_thanks", "不要": "no_thanks", "お断り": "no_thanks", "no": "no_thanks", "利益相反": "conflict", "conflict": "conflict",
	},
}
