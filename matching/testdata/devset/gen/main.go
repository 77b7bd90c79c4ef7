// Command gen writes the graded MedTech development set used by
// matching's TestDevSetNDCG: 12 company themes and 88 startup profiles in
// Japanese and English, with a grade for every theme–startup pair.
//
//	go run ./matching/testdata/devset/gen > matching/testdata/devset/devset.json
//
// How the grades were made. Each startup is one of 40 real-world kinds of
// MedTech product (an "archetype": what the product is and does, with its
// true areas, technologies, stage, type and class). The grade of an
// archetype for a theme was assigned by hand, per archetype, as a MedTech
// business-development lead would judge it reading the theme and the
// product: 3 = exactly what the theme asks for (would meet first), 2 = a
// strong candidate, 1 = marginal (adjacent need or area), 0 = not relevant.
// The grades were written before any scorer was run on the set and are not
// computed from the profile fields.
//
// Each archetype then appears as two startups whose profiles are degraded in
// the ways real profiles are: complete, English-only, Japanese-only, sparse
// (no areas or technologies), stuffed (many areas, every technology),
// wrong-field (areas and technologies of another field while the text is
// right) and terse (a short text only). The grade stays that of the product:
// the expert grades what the startup does, not how well it filled the form.
// Eight "vague" startups with generic text and few fields are grade 0
// everywhere.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

type text struct {
	Ja string `json:"ja,omitempty"`
	En string `json:"en,omitempty"`
}

type theme struct {
	ID           string   `json:"id"`
	CompanyID    string   `json:"company_id"`
	Title        text     `json:"title"`
	Description  text     `json:"description"`
	Areas        []string `json:"areas,omitempty"`
	Technologies []string `json:"technologies,omitempty"`
	StageMin     string   `json:"stage_min,omitempty"`
	StageMax     string   `json:"stage_max,omitempty"`
	ProductTypes []string `json:"product_types,omitempty"`
	Classes      []string `json:"classes,omitempty"`
	Partnerships []string `json:"partnerships,omitempty"`
}

type startup struct {
	ID             string   `json:"id"`
	Name           text     `json:"name"`
	ProductName    text     `json:"product_name"`
	ProductSummary text     `json:"product_summary"`
	ProductType    string   `json:"product_type,omitempty"`
	DeviceClass    string   `json:"device_class,omitempty"`
	Areas          []string `json:"areas,omitempty"`
	Technologies   []string `json:"technologies,omitempty"`
	DevStage       string   `json:"dev_stage,omitempty"`
	Partnerships   []string `json:"partnerships,omitempty"`
}

type devset struct {
	Note     string                    `json:"note"`
	Themes   []theme                   `json:"themes"`
	Startups []startup                 `json:"startups"`
	Variants map[string]string         `json:"variants"` // startup → how its profile is degraded
	Grades   map[string]map[string]int `json:"grades"`   // theme → startup → grade (0 omitted)
}

var themes = []theme{
	{ID: "T01", CompanyID: "C01", Title: text{"手術合併症を減らすソリューション", "Solutions to surgical complications"},
		Description: text{"術中出血、縫合不全、術後感染などの手術合併症を減らす機器や手術支援技術を求めています。消化器外科・一般外科での使用を想定しています。",
			"We look for devices and surgical support that reduce complications such as intraoperative bleeding, anastomotic leakage and surgical site infection, in digestive and general surgery."},
		Areas: []string{"digestive", "emergency_icu"}, Technologies: []string{"surgical_instruments", "minimally_invasive", "materials"},
		StageMin: "prototype", StageMax: "approved", ProductTypes: []string{"medical_device"}, Classes: []string{"class2", "class3", "class4"},
		Partnerships: []string{"co_development", "distribution"}},
	{ID: "T02", CompanyID: "C02", Title: text{"低侵襲かつ高精度な生体信号計測", "Biosignal measurement that is both minimally invasive and precise"},
		Description: text{"血圧、SpO2、心電図などのバイタルサインを、患者の負担なく連続的かつ正確に測る技術。病棟や在宅での見守りに使いたい。",
			"Technology that measures vital signs such as blood pressure, SpO2 and ECG continuously and accurately without burdening the patient, for ward and home monitoring."},
		Areas: []string{"cardiovascular", "respiratory", "home_care"}, Technologies: []string{"sensors_biosignals", "wearables"},
		StageMin: "prototype", StageMax: "approved", ProductTypes: []string{"medical_device", "samd"}, Classes: []string{"class2", "class3"},
		Partnerships: []string{"co_development", "clinical_evaluation"}},
	{ID: "T03", CompanyID: "C03", Title: text{"内視鏡・病理画像のAI診断支援", "AI diagnostic support for endoscopy and pathology images"},
		Description: text{"内視鏡画像や病理標本からがんを早期に見つけるAIを求めています。プログラム医療機器としての承認を目指す企業と組みたい。",
			"We look for AI that finds cancer early in endoscopy images or pathology slides, with partners aiming at approval as software as a medical device."},
		Areas: []string{"oncology", "digestive"}, Technologies: []string{"ai_imaging"},
		StageMin: "non_clinical", StageMax: "approved", ProductTypes: []string{"samd"}, Classes: []string{"class2", "class3"},
		Partnerships: []string{"licensing", "co_development"}},
	{ID: "T04", CompanyID: "C04", Title: text{"高齢者の在宅見守りと転倒予防", "Home monitoring of older people and fall prevention"},
		Description: text{"独居高齢者の転倒、徘徊、体調変化を早く察知し、家族や介護職につなぐ仕組み。介護施設や自治体への販売を考えています。",
			"Systems that detect falls, wandering and changes in the condition of older people living alone early and alert family or care staff; we would sell to care homes and municipalities."},
		Areas: []string{"geriatrics", "home_care"}, Technologies: []string{"sensors_biosignals", "digital_app", "telemedicine"},
		StageMin: "prototype", ProductTypes: []string{"non_regulated", "samd", "medical_device"},
		Partnerships: []string{"distribution", "investment"}},
	{ID: "T05", CompanyID: "C05", Title: text{"糖尿病の自己管理を変える", "Changing diabetes self-management"},
		Description: text{"血糖の連続測定、インスリン投与、食事・運動の記録を組み合わせ、糖尿病患者の自己管理を支える製品。",
			"Products that support people with diabetes in managing themselves by combining continuous glucose measurement, insulin delivery and records of meals and exercise."},
		Areas: []string{"diabetes_metabolic"}, Technologies: []string{"sensors_biosignals", "digital_app", "drug_delivery", "wearables"},
		StageMin: "non_clinical", ProductTypes: []string{"medical_device", "samd"},
		Partnerships: []string{"co_development", "distribution", "licensing"}},
	{ID: "T06", CompanyID: "C06", Title: text{"次世代の整形外科インプラント", "Next-generation orthopaedic implants"},
		Description: text{"人工関節、脊椎固定、骨折治療に使うインプラントと、その材料・表面処理技術。製造受託も可能です。",
			"Implants for joint replacement, spinal fusion and fracture fixation, and their materials and surface treatments; we can also manufacture."},
		Areas: []string{"orthopedics"}, Technologies: []string{"implants", "materials"},
		StageMin: "prototype", StageMax: "approved", ProductTypes: []string{"medical_device"}, Classes: []string{"class3", "class4"},
		Partnerships: []string{"manufacturing", "co_development"}},
	{ID: "T07", CompanyID: "C07", Title: text{"眼科スクリーニングの普及", "Making eye screening widely available"},
		Description: text{"眼底写真や視野検査をAIで解析し、緑内障や糖尿病網膜症を健診や薬局で見つけられるようにしたい。",
			"We want glaucoma and diabetic retinopathy found at health checks and pharmacies, by analysing fundus photographs and visual field tests with AI."},
		Areas: []string{"ophthalmology"}, Technologies: []string{"ai_imaging", "digital_app"},
		StageMin: "prototype", ProductTypes: []string{"samd", "medical_device"},
		Partnerships: []string{"distribution", "clinical_evaluation"}},
	{ID: "T08", CompanyID: "C08", Title: text{"メンタルヘルスのデジタル治療", "Digital therapeutics for mental health"},
		Description: text{"うつ病、不眠、不安障害に対するアプリ型の治療や、治療効果を高めるデジタル介入。治験データのある企業を優先します。",
			"App-based treatment of depression, insomnia or anxiety disorders and digital interventions that improve therapy; companies with trial data first."},
		Areas: []string{"mental_health"}, Technologies: []string{"digital_app"},
		StageMin: "clinical_trial", ProductTypes: []string{"samd"},
		Partnerships: []string{"licensing", "investment"}},
	{ID: "T09", CompanyID: "C09", Title: text{"カテーテル治療を進化させるデバイス", "Devices that advance catheter-based treatment"},
		Description: text{"冠動脈・末梢血管のカテーテル治療に使うガイドワイヤー、ステント、バルーン、血管内イメージング。",
			"Guidewires, stents, balloons and intravascular imaging for coronary and peripheral catheter interventions."},
		Areas: []string{"cardiovascular"}, Technologies: []string{"minimally_invasive", "materials", "surgical_instruments"},
		StageMin: "prototype", StageMax: "approved", ProductTypes: []string{"medical_device"}, Classes: []string{"class3", "class4"},
		Partnerships: []string{"co_development", "licensing", "manufacturing"}},
	{ID: "T10", CompanyID: "C10", Title: text{"感染症の迅速診断", "Rapid diagnosis of infectious diseases"},
		Description: text{"診療所やベッドサイドで、細菌・ウイルス感染や薬剤耐性を短時間で判定できる検査技術。",
			"Tests that tell bacterial from viral infection, or detect drug resistance, in a short time at the clinic or bedside."},
		Areas: []string{"infection"}, Technologies: []string{"genomics", "sensors_biosignals"},
		StageMin: "non_clinical", ProductTypes: []string{"ivd", "medical_device"},
		Partnerships: []string{"distribution", "co_development"}},
	{ID: "T11", CompanyID: "C11", Title: text{"脳卒中後のリハビリテーション", "Rehabilitation after stroke"},
		Description: text{"脳卒中後の上肢・歩行のリハビリを支えるロボットや装着型機器、在宅での訓練を続けられる仕組み。",
			"Robots and wearable devices that support arm and gait rehabilitation after stroke, and ways to keep training at home."},
		Areas: []string{"rehabilitation", "neurology"}, Technologies: []string{"robotics", "wearables", "sensors_biosignals"},
		StageMin: "prototype", ProductTypes: []string{"medical_device"},
		Partnerships: []string{"co_development", "distribution"}},
	{ID: "T12", CompanyID: "C12", Title: text{"歯科診療のデジタル化", "Digital dentistry"},
		Description: text{"口腔内スキャナー、歯科用CAD/CAM、歯周病の検査など、歯科医院の診療をデジタル化する製品。",
			"Products that digitise dental practice: intraoral scanners, dental CAD/CAM, periodontal disease testing."},
		Areas: []string{"dental"}, Technologies: []string{"digital_app", "ai_imaging", "materials"},
		ProductTypes: []string{"medical_device", "samd"},
		Partnerships: []string{"distribution", "co_development"}},
}

type archetype struct {
	name         text
	product      text
	summary      text
	ptype, class string
	areas, techs []string
	stage        string
	shares       []string
	grades       map[string]int // theme → grade (0 omitted), set by hand
}

var archetypes = []archetype{
	{text{"ステープラインガード", "StapleGuard"}, text{"吸収性ステープルライン補強材", "Absorbable staple-line buttress"},
		text{"自動縫合器のステープルラインを補強する生体吸収性シートで、胃や大腸の切除後の出血と縫合不全を減らす。", "A bioabsorbable sheet that reinforces the staple line of surgical staplers, reducing bleeding and leakage after gastric and colorectal resection."},
		"medical_device", "class3", []string{"digestive"}, []string{"materials", "surgical_instruments"}, "clinical_trial", []string{"co_development", "distribution"},
		map[string]int{"T01": 3, "T09": 1}},
	{text{"リークセンス", "LeakSense"}, text{"縫合不全の早期検知ドレーン", "Drain that detects anastomotic leakage early"},
		text{"術後ドレーン排液のpHと酵素を連続測定し、縫合不全を発症前に知らせる。", "Continuously measures the pH and enzymes of postoperative drain fluid to warn of anastomotic leakage before symptoms."},
		"medical_device", "class2", []string{"digestive"}, []string{"sensors_biosignals"}, "non_clinical", []string{"co_development", "clinical_evaluation"},
		map[string]int{"T01": 3, "T02": 1}},
	{text{"サージビジョン", "SurgiVision"}, text{"術中出血予測AI", "Intraoperative bleeding prediction AI"},
		text{"腹腔鏡手術の映像をAIが解析し、血管損傷と出血のリスクが高い操作を術者に警告する。", "AI analyses laparoscopic video and warns the surgeon of manoeuvres with a high risk of vessel injury and bleeding."},
		"samd", "class2", []string{"digestive"}, []string{"ai_imaging", "minimally_invasive"}, "prototype", []string{"co_development"},
		map[string]int{"T01": 3, "T03": 1}},
	{text{"クリーンサイト", "CleanSite"}, text{"抗菌コーティング創傷被覆材", "Antimicrobial wound dressing"},
		text{"銀イオンを用いた抗菌被覆材で、手術部位感染を減らす。消化器外科での臨床評価中。", "A silver-ion antimicrobial dressing that reduces surgical site infection; under clinical evaluation in digestive surgery."},
		"medical_device", "class2", []string{"infection", "digestive"}, []string{"materials"}, "clinical_trial", []string{"distribution"},
		map[string]int{"T01": 2, "T10": 1}},
	{text{"ロボアシスト", "RoboAssist"}, text{"手術支援ロボットの鉗子", "Forceps for surgical robots"},
		text{"手術支援ロボット用の力覚センサー付き鉗子で、組織の把持力を抑え損傷を防ぐ。", "Force-sensing forceps for surgical robots that limit grasping force and prevent tissue damage."},
		"medical_device", "class2", []string{"digestive"}, []string{"robotics", "surgical_instruments", "minimally_invasive"}, "prototype", []string{"co_development", "manufacturing"},
		map[string]int{"T01": 2, "T09": 1}},
	{text{"カフレス", "Cuffless"}, text{"カフレス連続血圧計", "Cuffless continuous blood pressure monitor"},
		text{"手首に巻く光学センサーで、カフを使わずに血圧を一拍ごとに連続測定する。SpO2も同時に測れる。", "An optical wrist sensor that measures blood pressure beat by beat without a cuff, and SpO2 at the same time."},
		"medical_device", "class2", []string{"cardiovascular", "home_care"}, []string{"sensors_biosignals", "wearables"}, "clinical_trial", []string{"co_development", "clinical_evaluation"},
		map[string]int{"T02": 3, "T04": 1}},
	{text{"ハートパッチ", "HeartPatch"}, text{"貼るだけ心電図パッチ", "Stick-on ECG patch"},
		text{"胸に貼る薄型の心電図パッチで14日間連続記録し、AIが心房細動を検出する。", "A thin ECG patch worn on the chest that records for 14 days; AI detects atrial fibrillation."},
		"medical_device", "class2", []string{"cardiovascular"}, []string{"sensors_biosignals", "wearables", "ai_imaging"}, "approved", []string{"distribution", "co_development"},
		map[string]int{"T02": 3, "T09": 1}},
	{text{"ブレスモニター", "BreathMonitor"}, text{"非接触呼吸モニター", "Contactless respiration monitor"},
		text{"ベッド下のレーダーで呼吸数と心拍を非接触で測り、病棟の急変を早く知らせる。", "A radar under the bed measures breathing rate and heart rate without contact and alerts ward staff to deterioration early."},
		"medical_device", "class2", []string{"respiratory", "emergency_icu"}, []string{"sensors_biosignals"}, "non_clinical", []string{"co_development"},
		map[string]int{"T02": 3, "T04": 2}},
	{text{"オキシリング", "OxyRing"}, text{"指輪型パルスオキシメーター", "Ring pulse oximeter"},
		text{"指輪型のパルスオキシメーターで、睡眠中のSpO2と脈拍を記録し、睡眠時無呼吸のスクリーニングに使う。", "A ring-shaped pulse oximeter that records SpO2 and pulse during sleep, for screening sleep apnoea."},
		"medical_device", "class2", []string{"respiratory"}, []string{"sensors_biosignals", "wearables"}, "approved", []string{"distribution"},
		map[string]int{"T02": 3, "T04": 1}},
	{text{"ニューロウェーブ", "NeuroWave"}, text{"在宅脳波計", "Home EEG headset"},
		text{"乾式電極のヘッドセットで在宅で脳波を記録し、てんかん発作を記録・解析する。", "A dry-electrode headset that records EEG at home to capture and analyse epileptic seizures."},
		"medical_device", "class2", []string{"neurology", "home_care"}, []string{"sensors_biosignals", "wearables"}, "clinical_trial", []string{"co_development"},
		map[string]int{"T02": 2, "T11": 1}},
	{text{"エンドAI", "EndoAI"}, text{"大腸内視鏡AI", "Colonoscopy AI"},
		text{"大腸内視鏡の映像からポリープと早期がんをリアルタイムに検出し、見落としを減らす。", "Detects polyps and early cancer in colonoscopy video in real time, reducing missed lesions."},
		"samd", "class2", []string{"oncology", "digestive"}, []string{"ai_imaging"}, "regulatory_review", []string{"licensing", "distribution"},
		map[string]int{"T03": 3, "T01": 1}},
	{text{"パソラボ", "PathoLab"}, text{"病理画像解析AI", "Pathology image AI"},
		text{"デジタル病理のスライド画像を深層学習で解析し、胃がんのリンパ節転移を判定する。", "Deep learning on digital pathology slides to assess lymph node metastasis of gastric cancer."},
		"samd", "class2", []string{"oncology"}, []string{"ai_imaging"}, "non_clinical", []string{"licensing", "co_development"},
		map[string]int{"T03": 3}},
	{text{"ラングスキャン", "LungScan"}, text{"胸部CTの肺結節AI", "Lung nodule AI for chest CT"},
		text{"胸部CTから肺結節を自動検出し、肺がんの可能性を数値化して読影を支援する。", "Automatically detects lung nodules on chest CT and quantifies the likelihood of lung cancer to support reading."},
		"samd", "class2", []string{"oncology", "respiratory"}, []string{"ai_imaging"}, "approved", []string{"distribution", "licensing"},
		map[string]int{"T03": 2}},
	{text{"リキッドバイオ", "LiquidBio"}, text{"血液でがんを見つける検査", "Blood test for cancer"},
		text{"血中の遊離DNAのメチル化を調べ、複数のがんを早期に見つける検査。", "A test of methylation in circulating cell-free DNA that finds several cancers early."},
		"ivd", "", []string{"oncology"}, []string{"genomics"}, "clinical_trial", []string{"investment", "licensing"},
		map[string]int{"T03": 1, "T10": 1}},
	{text{"ころばん", "Korobann"}, text{"転倒検知センサー", "Fall detection sensor"},
		text{"天井に付けるセンサーがカメラを使わずに居室内の転倒を検知し、介護職のスマホに通知する。", "A ceiling sensor detects falls in the room without a camera and notifies care staff's smartphones."},
		"non_regulated", "none", []string{"geriatrics", "home_care"}, []string{"sensors_biosignals", "digital_app"}, "launched", []string{"distribution"},
		map[string]int{"T04": 3}},
	{text{"みまもりコール", "MimamoriCall"}, text{"独居高齢者の見守りサービス", "Watch-over service for older people living alone"},
		text{"電力使用量と会話AIで独居高齢者の生活リズムの変化を察知し、家族に知らせる。", "Detects changes in the daily rhythm of older people living alone from electricity use and a conversational AI, and tells the family."},
		"non_regulated", "none", []string{"geriatrics", "home_care"}, []string{"digital_app", "telemedicine"}, "launched", []string{"distribution", "investment"},
		map[string]int{"T04": 3}},
	{text{"ウォークチェック", "WalkCheck"}, text{"歩行解析インソール", "Gait analysis insole"},
		text{"インソール型センサーで歩き方を解析し、高齢者の転倒リスクを評価してリハビリを提案する。", "An insole sensor analyses gait, assesses the fall risk of older people and suggests exercises."},
		"non_regulated", "none", []string{"geriatrics", "rehabilitation"}, []string{"sensors_biosignals", "wearables"}, "prototype", []string{"co_development"},
		map[string]int{"T04": 3, "T11": 2}},
	{text{"メモリケア", "MemoryCare"}, text{"認知症の早期発見アプリ", "App for early detection of dementia"},
		text{"タブレットでの簡単な会話と描画課題から軽度認知障害の兆候を捉える。", "Picks up signs of mild cognitive impairment from short conversations and drawing tasks on a tablet."},
		"samd", "class2", []string{"neurology", "geriatrics"}, []string{"digital_app", "ai_imaging"}, "clinical_trial", []string{"licensing"},
		map[string]int{"T04": 2, "T08": 1}},
	{text{"グルコフロー", "GlucoFlow"}, text{"連続血糖測定センサー", "Continuous glucose monitor"},
		text{"腕に貼る小型センサーで14日間血糖値を連続測定し、スマホに表示する。", "A small sensor worn on the arm measures glucose continuously for 14 days and shows it on a smartphone."},
		"medical_device", "class3", []string{"diabetes_metabolic"}, []string{"sensors_biosignals", "wearables"}, "clinical_trial", []string{"co_development", "distribution"},
		map[string]int{"T05": 3, "T02": 1}},
	{text{"インスリンポンプ", "PatchPump"}, text{"パッチ型インスリンポンプ", "Patch insulin pump"},
		text{"チューブのないパッチ型ポンプで、血糖値に合わせてインスリンを自動で投与する。", "A tubeless patch pump that delivers insulin automatically according to glucose levels."},
		"medical_device", "class4", []string{"diabetes_metabolic"}, []string{"drug_delivery", "wearables"}, "non_clinical", []string{"co_development", "licensing"},
		map[string]int{"T05": 3}},
	{text{"たべログ健康", "MealCoach"}, text{"食事写真で糖質を管理するアプリ", "Carb-counting app from meal photos"},
		text{"食事の写真から糖質量を推定し、2型糖尿病の患者に食事指導を行うアプリ。", "Estimates carbohydrates from meal photos and coaches people with type 2 diabetes on diet."},
		"samd", "class2", []string{"diabetes_metabolic"}, []string{"digital_app", "ai_imaging"}, "clinical_trial", []string{"licensing", "distribution"},
		map[string]int{"T05": 3}},
	{text{"フットガード", "FootGuard"}, text{"糖尿病足潰瘍の予防インソール", "Insole that prevents diabetic foot ulcers"},
		text{"足の裏の圧力と温度を測るインソールで、糖尿病性足潰瘍のリスクを知らせる。", "An insole that measures pressure and temperature under the foot and warns of the risk of diabetic foot ulcers."},
		"medical_device", "class2", []string{"diabetes_metabolic"}, []string{"sensors_biosignals", "wearables"}, "prototype", []string{"co_development"},
		map[string]int{"T05": 2, "T04": 1}},
	{text{"ポーラスニー", "PorousKnee"}, text{"多孔質チタン人工膝関節", "Porous titanium knee implant"},
		text{"3Dプリントの多孔質チタンで骨との固定性を高めた人工膝関節。", "A knee replacement implant of 3D-printed porous titanium that improves fixation to bone."},
		"medical_device", "class4", []string{"orthopedics"}, []string{"implants", "materials"}, "non_clinical", []string{"manufacturing", "co_development"},
		map[string]int{"T06": 3}},
	{text{"スパインフィックス", "SpineFix"}, text{"脊椎固定ケージ", "Spinal fusion cage"},
		text{"骨の成長を促す表面処理をしたPEEK製の脊椎固定ケージ。", "A PEEK spinal fusion cage with a surface treatment that promotes bone growth."},
		"medical_device", "class4", []string{"orthopedics"}, []string{"implants", "materials"}, "clinical_trial", []string{"manufacturing", "licensing"},
		map[string]int{"T06": 3}},
	{text{"ボーンセメント", "BoneBio"}, text{"吸収性骨補填材", "Resorbable bone substitute"},
		text{"骨折や骨欠損を埋める吸収性のリン酸カルシウム骨補填材で、自家骨に置き換わる。", "A resorbable calcium phosphate bone substitute for fractures and bone defects that is replaced by the patient's own bone."},
		"medical_device", "class3", []string{"orthopedics"}, []string{"materials"}, "approved", []string{"distribution", "manufacturing"},
		map[string]int{"T06": 3}},
	{text{"オルソナビ", "OrthoNavi"}, text{"人工関節手術ナビゲーション", "Navigation for joint replacement surgery"},
		text{"拡張現実で骨の切除位置を示し、人工関節の設置精度を高める手術ナビゲーション。", "Surgical navigation that shows bone cuts in augmented reality and improves the placement accuracy of joint implants."},
		"medical_device", "class2", []string{"orthopedics"}, []string{"digital_app", "surgical_instruments"}, "prototype", []string{"co_development"},
		map[string]int{"T06": 2, "T01": 1}},
	{text{"アイスクリーン", "EyeScreen"}, text{"眼底写真AIスクリーニング", "Fundus photo AI screening"},
		text{"眼底写真をAIで解析し、糖尿病網膜症と緑内障の疑いを数秒で判定する。", "AI reads fundus photographs and flags suspected diabetic retinopathy and glaucoma in seconds."},
		"samd", "class2", []string{"ophthalmology"}, []string{"ai_imaging"}, "regulatory_review", []string{"distribution", "clinical_evaluation"},
		map[string]int{"T07": 3, "T05": 1, "T03": 1}},
	{text{"ビジョンVR", "FieldVR"}, text{"VR視野検査", "VR visual field test"},
		text{"VRゴーグルで暗室なしに視野検査ができ、緑内障の進行を眼科外でも追える。", "Visual field testing in VR goggles without a dark room, so glaucoma progression can be followed outside eye clinics."},
		"medical_device", "class2", []string{"ophthalmology"}, []string{"digital_app", "wearables"}, "clinical_trial", []string{"distribution"},
		map[string]int{"T07": 3}},
	{text{"ドライアイラボ", "DryEyeLab"}, text{"ドライアイ治療用点眼デバイス", "Eye-drop device for dry eye"},
		text{"点眼量を一定にするデバイスでドライアイ治療薬の効果を安定させる。", "A device that delivers a constant eye-drop volume to stabilise dry-eye treatment."},
		"medical_device", "class1", []string{"ophthalmology"}, []string{"drug_delivery"}, "prototype", []string{"licensing"},
		map[string]int{"T07": 1}},
	{text{"マインドリーフ", "MindLeaf"}, text{"うつ病の認知行動療法アプリ", "CBT app for depression"},
		text{"うつ病患者向けの認知行動療法をスマホで行う治療用アプリ。国内治験で有効性を確認。", "A therapeutic smartphone app delivering cognitive behavioural therapy for depression; efficacy shown in a Japanese trial."},
		"samd", "class2", []string{"mental_health"}, []string{"digital_app"}, "regulatory_review", []string{"licensing", "investment"},
		map[string]int{"T08": 3}},
	{text{"スリープセラピー", "SleepRx"}, text{"不眠症治療アプリ", "Insomnia therapy app"},
		text{"睡眠日誌と行動療法で不眠症を治療するアプリ。治験中。", "An app that treats insomnia with sleep diaries and behavioural therapy; in clinical trial."},
		"samd", "class2", []string{"mental_health"}, []string{"digital_app"}, "clinical_trial", []string{"licensing"},
		map[string]int{"T08": 3}},
	{text{"ストレスバンド", "StressBand"}, text{"ストレス計測リストバンド", "Stress-tracking wristband"},
		text{"心拍変動と皮膚電気活動からストレスを推定する健康経営向けのリストバンド。", "A wristband that estimates stress from heart rate variability and skin conductance, for workplace wellbeing."},
		"non_regulated", "none", []string{"mental_health"}, []string{"wearables", "sensors_biosignals"}, "launched", []string{"distribution"},
		map[string]int{"T08": 1, "T02": 1}},
	{text{"スムースワイヤー", "SmoothWire"}, text{"慢性完全閉塞用ガイドワイヤー", "Guidewire for chronic total occlusions"},
		text{"冠動脈の慢性完全閉塞を通過しやすい先端形状のガイドワイヤー。", "A guidewire with a tip shape that crosses chronic total occlusions of coronary arteries."},
		"medical_device", "class4", []string{"cardiovascular"}, []string{"minimally_invasive", "surgical_instruments"}, "non_clinical", []string{"licensing", "manufacturing"},
		map[string]int{"T09": 3}},
	{text{"バイオステント", "BioStent"}, text{"生体吸収性ステント", "Bioresorbable stent"},
		text{"マグネシウム合金の生体吸収性ステントで、末梢血管の再狭窄を減らす。", "A bioresorbable magnesium-alloy stent that reduces restenosis in peripheral arteries."},
		"medical_device", "class4", []string{"cardiovascular"}, []string{"implants", "materials", "minimally_invasive"}, "clinical_trial", []string{"co_development", "licensing"},
		map[string]int{"T09": 3, "T06": 1}},
	{text{"ベッセルアイ", "VesselEye"}, text{"血管内OCTカテーテル", "Intravascular OCT catheter"},
		text{"光干渉断層撮影で冠動脈の内側を高解像度に撮影し、ステント留置を最適化するカテーテル。", "A catheter that images the inside of coronary arteries at high resolution by optical coherence tomography to optimise stent placement."},
		"medical_device", "class3", []string{"cardiovascular"}, []string{"minimally_invasive", "ai_imaging"}, "prototype", []string{"co_development"},
		map[string]int{"T09": 3}},
	{text{"ラピッドID", "RapidID"}, text{"敗血症の迅速菌同定", "Rapid pathogen identification for sepsis"},
		text{"血液培養から1時間で原因菌と薬剤耐性遺伝子を同定する検査システム。", "A test system that identifies the pathogen and drug-resistance genes from blood culture in one hour."},
		"ivd", "", []string{"infection", "emergency_icu"}, []string{"genomics"}, "clinical_trial", []string{"distribution", "co_development"},
		map[string]int{"T10": 3}},
	{text{"ウイルスチェック", "ViroCheck"}, text{"唾液で調べるウイルス検査", "Saliva virus test"},
		text{"唾液から15分でインフルエンザと新型コロナを判別できる抗原検査キット。", "An antigen test kit that tells influenza from COVID-19 in saliva in 15 minutes."},
		"ivd", "", []string{"infection"}, []string{"genomics"}, "approved", []string{"distribution"},
		map[string]int{"T10": 3}},
	{text{"アームロボ", "ArmRobo"}, text{"上肢リハビリロボット", "Upper-limb rehabilitation robot"},
		text{"脳卒中後の麻痺した腕の動きを筋電で読み取り、ロボットが反復訓練を補助する。", "Reads muscle signals of the paralysed arm after stroke and a robot assists repetitive training."},
		"medical_device", "class2", []string{"rehabilitation", "neurology"}, []string{"robotics", "sensors_biosignals"}, "clinical_trial", []string{"co_development", "distribution"},
		map[string]int{"T11": 3}},
	{text{"ウォークアシスト", "GaitSuit"}, text{"歩行アシストスーツ", "Gait assist suit"},
		text{"腰と膝に装着するアシストスーツで、片麻痺患者の歩行訓練を支援する。", "A suit worn at the hip and knee that supports gait training of patients with hemiplegia."},
		"medical_device", "class2", []string{"rehabilitation"}, []string{"robotics", "wearables"}, "approved", []string{"distribution"},
		map[string]int{"T11": 3, "T04": 1}},
	{text{"スキャンデント", "ScanDent"}, text{"口腔内スキャナー", "Intraoral scanner"},
		text{"小型の口腔内スキャナーで歯列を3D計測し、詰め物や被せ物の設計につなげる。", "A compact intraoral scanner that captures the teeth in 3D for designing fillings and crowns."},
		"medical_device", "class1", []string{"dental"}, []string{"digital_app", "ai_imaging"}, "approved", []string{"distribution"},
		map[string]int{"T12": 3}},
	{text{"ペリオテスト", "PerioTest"}, text{"歯周病の唾液検査", "Saliva test for periodontal disease"},
		text{"唾液中の酵素から歯周病の進行度を5分で判定する歯科医院向け検査。", "A chairside test that grades periodontal disease from enzymes in saliva in five minutes."},
		"ivd", "", []string{"dental", "infection"}, []string{"genomics"}, "clinical_trial", []string{"distribution", "co_development"},
		map[string]int{"T12": 3, "T10": 1}},
}

// vague startups: generic text, some fields; relevant to nothing.
var vague = []startup{
	{Name: text{"ヘルステックラボ", "HealthTech Lab"}, ProductName: text{"次世代ヘルスケアプラットフォーム", "Next-generation healthcare platform"},
		ProductSummary: text{"革新的な技術で医療の未来を変えるプラットフォームを開発しています。", "We build a platform that changes the future of healthcare with innovative technology."},
		DevStage:       "prototype", Partnerships: []string{"co_development"}},
	{Name: text{"メディカルイノベーション", "Medical Innovation"}, ProductName: text{"医療DXソリューション", "Medical DX solution"},
		ProductSummary: text{"病院の業務効率化を支援するクラウドサービス。", "A cloud service that makes hospital operations more efficient."},
		DevStage:       "clinical_trial", Partnerships: []string{"co_development", "distribution"}},
	{Name: text{"ウェルネスワン", "WellnessOne"}, ProductName: text{"健康ポイントアプリ", "Health points app"},
		ProductSummary: text{"歩数に応じてポイントがたまる健康増進アプリ。", "A wellness app that rewards steps with points."},
		ProductType:    "non_regulated", DevStage: "launched", Partnerships: []string{"distribution"}},
	{Name: text{"ケアテック", "CareTech"}, ProductName: text{"予約システム", "Booking system"},
		ProductSummary: text{"クリニックのオンライン予約と問診を一元化するシステム。", "A system that unifies online booking and questionnaires for clinics."},
		ProductType:    "non_regulated", DevStage: "launched", Partnerships: []string{"distribution", "investment"}},
	{Name: text{"バイオフューチャー", "BioFuture"}, ProductName: text{"新素材", "New material"},
		ProductSummary: text{"独自の高分子材料を様々な産業に展開したい。", "We want to bring our proprietary polymer to many industries."},
		Technologies:   []string{"materials"}, DevStage: "concept", Partnerships: []string{"co_development", "licensing"}},
	{Name: text{"AIメドテック", "AI MedTech"}, ProductName: text{"医療AI", "Medical AI"},
		ProductSummary: text{"あらゆる医療データにAIを活用します。", "We apply AI to all kinds of medical data."},
		Technologies:   []string{"ai_imaging"}, DevStage: "concept", Partnerships: []string{"co_development"}},
	{Name: text{"スマートホスピタル", "Smart Hospital"}, ProductName: text{"院内物流ロボット", "Hospital logistics robot"},
		ProductSummary: text{"病院内で薬剤や検体を運ぶ自律走行ロボット。", "An autonomous robot that carries drugs and samples around the hospital."},
		ProductType:    "non_regulated", Technologies: []string{"robotics"}, DevStage: "prototype", Partnerships: []string{"distribution"}},
	{Name: text{"ジェネリックヘルス", "Generic Health"}, ProductName: text{"サプリメント", "Supplement"},
		ProductSummary: text{"腸内環境を整える機能性表示食品。", "A functional food that improves gut health."},
		ProductType:    "non_regulated", DevStage: "launched", Partnerships: []string{"distribution", "investment"}},
}

var allAreas = []string{"cardiovascular", "digestive", "respiratory", "neurology", "orthopedics", "ophthalmology",
	"oncology", "diabetes_metabolic", "renal_urology", "pediatrics", "rare_diseases", "infection", "mental_health",
	"dental", "dermatology", "womens_health", "emergency_icu", "home_care", "geriatrics", "rehabilitation"}
var allTechs = []string{"ai_imaging", "robotics", "sensors_biosignals", "minimally_invasive", "implants", "materials",
	"digital_app", "telemedicine", "wearables", "genomics", "drug_delivery", "surgical_instruments"}

// variants cycle so every kind of degradation meets every kind of product.
var variants = []string{"complete", "english_only", "sparse", "stuffed", "wrong_field", "japanese_only", "terse", "complete"}

func main() {
	ds := devset{
		Note:   "Generated by matching/testdata/devset/gen; grades by hand per archetype (see the generator's doc).",
		Themes: themes, Variants: map[string]string{}, Grades: map[string]map[string]int{},
	}
	for _, t := range themes {
		ds.Grades[t.ID] = map[string]int{}
	}
	n := 0
	for ai, a := range archetypes {
		for copyNo := range 2 {
			n++
			id := fmt.Sprintf("S%03d", n)
			v := variants[(2*ai+copyNo*3)%len(variants)]
			s := startup{ID: id, Name: a.name, ProductName: a.product, ProductSummary: a.summary,
				ProductType: a.ptype, DeviceClass: a.class, Areas: a.areas, Technologies: a.techs,
				DevStage: a.stage, Partnerships: a.shares}
			if copyNo == 1 {
				s.Name = text{a.name.Ja + "2", a.name.En + " II"}
			}
			switch v {
			case "english_only":
				s.Name.Ja, s.ProductName.Ja, s.ProductSummary.Ja = "", "", ""
			case "japanese_only":
				s.Name.En, s.ProductName.En, s.ProductSummary.En = "", "", ""
			case "sparse":
				s.Areas, s.Technologies, s.ProductType, s.DeviceClass = nil, nil, "", ""
			case "stuffed":
				s.Areas = union(a.areas, rotate(allAreas, 3*ai)[:6])
				s.Technologies = allTechs
			case "wrong_field":
				s.Areas = wrongOf(allAreas, a.areas, ai, 2)
				s.Technologies = wrongOf(allTechs, a.techs, ai, 2)
			case "terse":
				s.ProductSummary = text{firstSentence(a.summary.Ja, "。"), ""}
				s.ProductName.En = ""
			}
			ds.Startups = append(ds.Startups, s)
			ds.Variants[id] = v
			for tid, g := range a.grades {
				ds.Grades[tid][id] = g
			}
		}
	}
	for _, s := range vague {
		n++
		s.ID = fmt.Sprintf("S%03d", n)
		ds.Startups = append(ds.Startups, s)
		ds.Variants[s.ID] = "vague"
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	if err := enc.Encode(ds); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func union(a, b []string) []string {
	out := append([]string(nil), a...)
	for _, x := range b {
		if !contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

func rotate(xs []string, k int) []string {
	k %= len(xs)
	return append(append([]string(nil), xs[k:]...), xs[:k]...)
}

// wrongOf picks n codes of all that are not in right, deterministically.
func wrongOf(all, right []string, seed, n int) []string {
	var out []string
	for i := 0; len(out) < n && i < len(all); i++ {
		c := all[(seed*7+i*5)%len(all)]
		if !contains(right, c) && !contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func firstSentence(s, sep string) string {
	if i := strings.Index(s, sep); i >= 0 {
		return s[:i+len(sep)]
	}
	return s
}
