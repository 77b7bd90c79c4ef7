package demo

import "pitchmatch/event"

// product is a kind of MedTech product a startup might build; profiles are
// drawn from these so that areas, technologies, classes and descriptions
// agree with each other the way real applications do.
type product struct {
	name    event.Text
	summary event.Text // one sentence: what it does and for whom
	ptype   event.Code
	class   event.Code
	areas   []event.Code
	techs   []event.Code
	purpose []event.Code
}

var products = []product{
	{event.T("AI心電図解析ソフトウェア", "AI ECG analysis software"),
		event.T("ウェアラブル心電計の波形をAIで解析し、心房細動などの不整脈を早期に検出するプログラム医療機器です。", "Software as a medical device that analyses wearable ECG waveforms with AI to detect atrial fibrillation and other arrhythmias early."),
		"samd", "class2", []string{"cardiovascular", "home_care"}, []string{"ai_imaging", "sensors_biosignals", "wearables"}, []string{"diagnosis", "monitoring"}},
	{event.T("カフレス連続血圧計", "Cuffless continuous blood-pressure monitor"),
		event.T("脈波伝播時間から血圧を連続推定する手首装着型センサーで、在宅での高血圧管理を支援します。", "A wrist-worn sensor that estimates blood pressure continuously from pulse transit time, supporting hypertension management at home."),
		"medical_device", "class2", []string{"cardiovascular", "home_care"}, []string{"sensors_biosignals", "wearables"}, []string{"monitoring", "prevention"}},
	{event.T("低侵襲血管内圧センサー", "Minimally invasive intravascular pressure sensor"),
		event.T("カテーテル先端に搭載した極細の圧センサーで、低侵襲かつ高精度に血管内の生体信号を計測します。", "An ultra-thin pressure sensor on a catheter tip that measures intravascular biosignals precisely with minimal invasiveness."),
		"medical_device", "class4", []string{"cardiovascular", "emergency_icu"}, []string{"minimally_invasive", "sensors_biosignals"}, []string{"diagnosis", "monitoring"}},
	{event.T("内視鏡AI診断支援システム", "AI-assisted endoscopy diagnosis"),
		event.T("内視鏡画像をリアルタイムに解析し、早期胃がん・大腸ポリープの見落としを減らす診断支援AIです。", "Real-time analysis of endoscopy video that reduces missed early gastric cancers and colorectal polyps."),
		"samd", "class2", []string{"digestive", "oncology"}, []string{"ai_imaging"}, []string{"diagnosis"}},
	{event.T("手術支援ロボット用鉗子", "Robotic surgical forceps"),
		event.T("力覚フィードバックを備えた手術支援ロボット用の多関節鉗子で、縫合時の組織損傷を抑えます。", "Articulated forceps with force feedback for surgical robots that reduce tissue damage during suturing."),
		"medical_device", "class3", []string{"digestive", "renal_urology"}, []string{"robotics", "surgical_instruments", "minimally_invasive"}, []string{"surgery_support", "treatment"}},
	{event.T("術後縫合不全予測AI", "Post-operative anastomotic leak prediction"),
		event.T("手術記録と術後バイタルから縫合不全などの術後合併症リスクを予測し、早期介入を促すソフトウェアです。", "Software that predicts anastomotic leak and other surgical complications from operative records and post-operative vital signs, prompting early intervention."),
		"samd", "class2", []string{"digestive", "emergency_icu"}, []string{"ai_imaging", "digital_app"}, []string{"surgery_support", "monitoring"}},
	{event.T("生体吸収性骨固定インプラント", "Bioresorbable bone-fixation implant"),
		event.T("骨折治療後に体内で吸収されるマグネシウム合金製インプラントで、抜去手術を不要にします。", "A magnesium-alloy implant for fracture fixation that is absorbed by the body, removing the need for a second surgery."),
		"medical_device", "class4", []string{"orthopedics"}, []string{"implants", "materials"}, []string{"treatment"}},
	{event.T("人工膝関節ナビゲーション", "Knee-replacement navigation"),
		event.T("術中の3次元計測で人工膝関節の設置角度をナビゲートし、再置換のリスクを下げます。", "Intra-operative 3D measurement that guides implant alignment in knee replacement, lowering revision risk."),
		"medical_device", "class2", []string{"orthopedics", "rehabilitation"}, []string{"robotics", "ai_imaging"}, []string{"surgery_support"}},
	{event.T("網膜画像AIスクリーニング", "AI retinal-image screening"),
		event.T("眼底写真から糖尿病網膜症と緑内障をスクリーニングするAIで、眼科医のいない地域の健診で使えます。", "AI that screens fundus photographs for diabetic retinopathy and glaucoma, usable in check-ups where no ophthalmologist is present."),
		"samd", "class2", []string{"ophthalmology", "diabetes_metabolic"}, []string{"ai_imaging", "telemedicine"}, []string{"diagnosis", "prevention"}},
	{event.T("持続血糖測定パッチ", "Continuous glucose-monitoring patch"),
		event.T("皮膚に貼るだけで14日間血糖値を測定する低侵襲パッチで、スマートフォンに結果を送ります。", "A minimally invasive skin patch that measures glucose for 14 days and sends results to a smartphone."),
		"medical_device", "class3", []string{"diabetes_metabolic", "home_care"}, []string{"sensors_biosignals", "wearables", "digital_app"}, []string{"monitoring"}},
	{event.T("睡眠時無呼吸在宅検査", "Home sleep-apnoea test"),
		event.T("指先と胸部の小型センサーで睡眠時無呼吸症候群を自宅で検査し、結果を医師に遠隔で共有します。", "Small finger and chest sensors that test for sleep apnoea at home and share results with a physician remotely."),
		"medical_device", "class2", []string{"respiratory", "home_care"}, []string{"sensors_biosignals", "telemedicine"}, []string{"diagnosis"}},
	{event.T("COPD遠隔モニタリング", "Remote COPD monitoring"),
		event.T("呼吸音と活動量から慢性閉塞性肺疾患の増悪を予兆検知し、訪問看護と連携する遠隔モニタリングです。", "Remote monitoring that detects early signs of COPD exacerbation from breath sounds and activity and links with home-visit nursing."),
		"samd", "class2", []string{"respiratory", "home_care", "geriatrics"}, []string{"sensors_biosignals", "telemedicine", "digital_app"}, []string{"monitoring", "care"}},
	{event.T("脳波てんかん発作検知", "EEG seizure detection"),
		event.T("耳かけ型の脳波センサーでてんかん発作を検知し、家族と主治医に通知します。", "An ear-worn EEG sensor that detects epileptic seizures and notifies family and the attending physician."),
		"medical_device", "class2", []string{"neurology", "pediatrics"}, []string{"sensors_biosignals", "wearables"}, []string{"monitoring", "diagnosis"}},
	{event.T("うつ病デジタル治療アプリ", "Digital therapeutic for depression"),
		event.T("認知行動療法をスマートフォンで提供する治療用アプリで、医師の処方により使用します。", "A prescription smartphone app that delivers cognitive behavioural therapy for depression."),
		"samd", "class2", []string{"mental_health"}, []string{"digital_app"}, []string{"treatment"}},
	{event.T("がん遺伝子パネル解析", "Cancer gene-panel analysis"),
		event.T("血液から腫瘍由来DNAを解析するリキッドバイオプシー検査で、治療薬選択を支援します。", "A liquid-biopsy test that analyses tumour DNA from blood to guide the choice of therapy."),
		"ivd", "none", []string{"oncology", "rare_diseases"}, []string{"genomics"}, []string{"diagnosis"}},
	{event.T("迅速感染症検査キット", "Rapid infection test kit"),
		event.T("唾液から15分で複数の呼吸器ウイルスを同時に判定する体外診断用キットです。", "An in-vitro diagnostic kit that identifies several respiratory viruses from saliva in 15 minutes."),
		"ivd", "none", []string{"infection", "respiratory"}, []string{"genomics", "materials"}, []string{"diagnosis"}},
	{event.T("iPS細胞由来心筋シート", "iPS-derived cardiomyocyte sheet"),
		event.T("iPS細胞から作製した心筋シートを重症心不全の心臓に移植する再生医療等製品です。", "A regenerative product that transplants cardiomyocyte sheets made from iPS cells onto hearts with severe heart failure."),
		"regenerative", "none", []string{"cardiovascular", "rare_diseases"}, []string{"materials"}, []string{"treatment"}},
	{event.T("ドラッグデリバリー用マイクロニードル", "Microneedle drug-delivery patch"),
		event.T("溶解型マイクロニードルでワクチンや薬剤を痛みなく経皮投与するパッチです。", "A dissolving microneedle patch that delivers vaccines and drugs through the skin without pain."),
		"drug", "none", []string{"dermatology", "infection", "pediatrics"}, []string{"drug_delivery", "materials"}, []string{"treatment", "prevention"}},
	{event.T("歯周病AI画像診断", "AI periodontal imaging"),
		event.T("歯科用X線画像から歯周病の進行度を自動判定し、歯科医院の説明を支援します。", "Automatic staging of periodontal disease from dental X-rays that helps clinics explain treatment."),
		"samd", "class2", []string{"dental"}, []string{"ai_imaging"}, []string{"diagnosis"}},
	{event.T("皮膚疾患オンライン診療", "Online dermatology consultation"),
		event.T("スマートフォン写真とAIトリアージで皮膚疾患のオンライン診療を効率化するサービスです。", "A service that streamlines online dermatology consultations with smartphone photos and AI triage."),
		"non_regulated", "none", []string{"dermatology"}, []string{"telemedicine", "ai_imaging", "digital_app"}, []string{"diagnosis", "care"}},
	{event.T("女性ホルモン在宅測定", "At-home hormone testing for women"),
		event.T("唾液から女性ホルモンを自宅で測定し、更年期や不妊治療の記録をアプリで管理します。", "Measures female hormones from saliva at home and tracks menopause and fertility treatment in an app."),
		"non_regulated", "none", []string{"womens_health"}, []string{"sensors_biosignals", "digital_app"}, []string{"monitoring", "care"}},
	{event.T("ICU早期警告スコアAI", "ICU early-warning AI"),
		event.T("集中治療室の電子カルテと生体モニタから敗血症の兆候を数時間前に予測します。", "Predicts sepsis hours ahead from ICU electronic records and bedside monitors."),
		"samd", "class2", []string{"emergency_icu", "infection"}, []string{"ai_imaging", "sensors_biosignals"}, []string{"monitoring", "diagnosis"}},
	{event.T("高齢者転倒予防センサー", "Fall-prevention sensor for older people"),
		event.T("ベッドと床の非接触センサーで高齢者の離床と転倒リスクを検知し、介護職員に知らせます。", "Contactless bed and floor sensors that detect when older residents get up and may fall, alerting care staff."),
		"non_regulated", "none", []string{"geriatrics", "home_care"}, []string{"sensors_biosignals", "digital_app"}, []string{"care", "prevention"}},
	{event.T("リハビリ用歩行アシストロボット", "Gait-assist rehabilitation robot"),
		event.T("脳卒中後の歩行リハビリを支援する装着型ロボットで、訓練量をデータで可視化します。", "A wearable robot that supports gait rehabilitation after stroke and visualises training data."),
		"medical_device", "class2", []string{"rehabilitation", "neurology", "geriatrics"}, []string{"robotics", "wearables"}, []string{"treatment", "care"}},
	{event.T("人工透析シャント監視", "Dialysis access monitoring"),
		event.T("透析患者のシャント音を聴診センサーで解析し、狭窄を早期に見つけます。", "A stethoscope sensor that analyses the sound of a dialysis access to find stenosis early."),
		"medical_device", "class2", []string{"renal_urology"}, []string{"sensors_biosignals", "ai_imaging"}, []string{"monitoring", "diagnosis"}},
	{event.T("小児用喘息吸入モニター", "Paediatric inhaler monitor"),
		event.T("小児喘息の吸入器に取り付け、吸入手技と服薬状況を記録して保護者と医師に共有します。", "Attaches to a child's asthma inhaler to record technique and adherence and share them with parents and doctors."),
		"medical_device", "class1", []string{"pediatrics", "respiratory"}, []string{"sensors_biosignals", "digital_app"}, []string{"monitoring", "care"}},
}

// theme is a call a large company publishes.
type theme struct {
	title    event.Text
	desc     event.Text
	areas    []event.Code
	techs    []event.Code
	min, max event.Code
	ptypes   []event.Code
	classes  []event.Code
	partners []event.Code
}

var themes = []theme{
	{event.T("手術合併症を減らすソリューション", "Solutions to surgical complications"),
		event.T("術中・術後の合併症（縫合不全、出血、感染）を減らす技術を求めています。手術支援機器やAIによる予測を歓迎します。", "We seek technologies that reduce intra- and post-operative complications (anastomotic leak, bleeding, infection); surgical devices and AI prediction are welcome."),
		[]string{"digestive", "emergency_icu", "infection"}, []string{"surgical_instruments", "robotics", "ai_imaging", "minimally_invasive"}, "prototype", "clinical_trial", []string{"medical_device", "samd"}, nil, []string{"co_development", "clinical_evaluation"}},
	{event.T("低侵襲かつ高精度な生体信号計測", "Biosignal measurement that is both minimally invasive and precise"),
		event.T("患者負担が少なく、医療グレードの精度を持つ生体信号計測（心電、血圧、血糖など）の技術を探しています。", "We are looking for medical-grade biosignal measurement (ECG, blood pressure, glucose and more) that places little burden on patients."),
		[]string{"cardiovascular", "diabetes_metabolic", "emergency_icu"}, []string{"sensors_biosignals", "wearables", "minimally_invasive"}, "prototype", "clinical_trial", []string{"medical_device", "samd"}, []string{"class2", "class3"}, []string{"co_development", "licensing"}},
	{event.T("在宅医療を支えるデジタルヘルス", "Digital health for home care"),
		event.T("在宅療養患者の状態を遠隔で把握し、訪問診療・看護の効率を高めるサービスや機器。", "Services and devices that let clinicians follow patients at home remotely and make home visits more efficient."),
		[]string{"home_care", "geriatrics", "respiratory"}, []string{"telemedicine", "digital_app", "sensors_biosignals"}, "prototype", "launched", []string{"samd", "non_regulated", "medical_device"}, nil, []string{"distribution", "investment"}},
	{event.T("画像診断AIの臨床実装", "Clinical deployment of imaging AI"),
		event.T("内視鏡・眼底・X線などの画像診断AIで、臨床データを持ち承認取得を目指すものを求めます。", "Imaging AI for endoscopy, fundus or X-ray that has clinical data and aims for approval."),
		[]string{"digestive", "oncology", "ophthalmology", "dental"}, []string{"ai_imaging"}, "clinical_trial", "approved", []string{"samd"}, []string{"class2", "class3"}, []string{"distribution", "licensing"}},
	{event.T("整形外科インプラントの次世代材料", "Next-generation materials for orthopaedic implants"),
		event.T("生体吸収性材料や表面処理技術など、整形外科インプラントの再手術を減らす材料技術。", "Bioresorbable materials, surface treatments and other material technologies that reduce revision surgery for orthopaedic implants."),
		[]string{"orthopedics"}, []string{"implants", "materials"}, "non_clinical", "clinical_trial", []string{"medical_device"}, []string{"class3", "class4"}, []string{"co_development", "manufacturing"}},
	{event.T("循環器領域の治療デバイス", "Therapeutic devices for cardiovascular disease"),
		event.T("カテーテル治療や心不全治療など、循環器領域の治療デバイス・再生医療。", "Therapeutic devices and regenerative products for cardiovascular disease, including catheter-based therapy and heart failure."),
		[]string{"cardiovascular"}, []string{"minimally_invasive", "implants", "materials"}, "non_clinical", "regulatory_review", []string{"medical_device", "regenerative"}, []string{"class3", "class4"}, []string{"co_development", "investment", "licensing"}},
	{event.T("メンタルヘルスと神経疾患のデジタル治療", "Digital therapeutics for mental health and neurology"),
		event.T("うつ病、不眠、てんかん、認知症などに対する治療用アプリ・ウェアラブル。", "Therapeutic apps and wearables for depression, insomnia, epilepsy, dementia and related conditions."),
		[]string{"mental_health", "neurology"}, []string{"digital_app", "wearables", "sensors_biosignals"}, "prototype", "approved", []string{"samd", "medical_device"}, nil, []string{"co_development", "distribution"}},
	{event.T("がんの早期発見", "Early cancer detection"),
		event.T("リキッドバイオプシーや画像AIなど、がんを早期に発見する診断技術。", "Diagnostics that find cancer early, such as liquid biopsy and imaging AI."),
		[]string{"oncology"}, []string{"genomics", "ai_imaging"}, "non_clinical", "approved", []string{"ivd", "samd"}, nil, []string{"licensing", "investment", "clinical_evaluation"}},
	{event.T("感染症の迅速診断", "Rapid diagnosis of infections"),
		event.T("外来・在宅で使える感染症の迅速検査。薬剤耐性菌の検出も歓迎します。", "Rapid infection tests for clinics and homes; detection of drug-resistant bacteria is welcome."),
		[]string{"infection", "respiratory"}, []string{"genomics", "materials", "sensors_biosignals"}, "prototype", "approved", []string{"ivd", "medical_device"}, nil, []string{"distribution", "manufacturing"}},
	{event.T("介護現場の負担軽減", "Reducing the burden of care work"),
		event.T("見守り、移乗、排泄支援など、介護職員の負担を減らすロボット・センサー。", "Robots and sensors that ease the work of carers: monitoring, transfer and toileting support."),
		[]string{"geriatrics", "home_care", "rehabilitation"}, []string{"robotics", "sensors_biosignals", "digital_app"}, "prototype", "launched", []string{"non_regulated", "medical_device"}, []string{"none", "class1", "class2"}, []string{"distribution", "co_development"}},
	{event.T("糖尿病と代謝疾患の自己管理", "Self-management of diabetes and metabolic disease"),
		event.T("血糖・食事・運動のデータを活用し、患者の自己管理と医師の治療を支える仕組み。", "Tools that use glucose, diet and exercise data to support patients' self-management and their physicians' treatment."),
		[]string{"diabetes_metabolic"}, []string{"sensors_biosignals", "digital_app", "wearables"}, "prototype", "launched", []string{"medical_device", "samd"}, nil, []string{"co_development", "distribution"}},
	{event.T("ドラッグデリバリーと製剤技術", "Drug delivery and formulation"),
		event.T("経皮・経鼻など新しい投与経路や徐放化で、患者負担を下げる製剤技術。", "Formulation technologies such as transdermal or nasal delivery and sustained release that lower the burden on patients."),
		[]string{"dermatology", "infection", "pediatrics", "diabetes_metabolic"}, []string{"drug_delivery", "materials"}, "non_clinical", "clinical_trial", []string{"drug", "medical_device"}, nil, []string{"licensing", "co_development"}},
	{event.T("女性の健康課題を解決する技術", "Technologies for women's health"),
		event.T("月経、妊娠・出産、更年期など女性特有の健康課題に取り組む製品・サービス。", "Products and services for women's health needs across menstruation, pregnancy and menopause."),
		[]string{"womens_health"}, []string{"digital_app", "sensors_biosignals", "telemedicine"}, "prototype", "launched", []string{"non_regulated", "samd", "medical_device"}, nil, []string{"distribution", "investment"}},
	{event.T("救急・集中治療の意思決定支援", "Decision support in emergency and intensive care"),
		event.T("救急外来やICUで重症化を予測し、医療者の判断を支援するAI・モニタリング。", "AI and monitoring that predict deterioration and support clinicians' decisions in the emergency department and ICU."),
		[]string{"emergency_icu", "cardiovascular", "infection"}, []string{"ai_imaging", "sensors_biosignals"}, "non_clinical", "approved", []string{"samd", "medical_device"}, []string{"class2", "class3"}, []string{"co_development", "clinical_evaluation"}},
	{event.T("歯科・口腔領域のイノベーション", "Innovation in dental and oral care"),
		event.T("歯科診断AI、口腔ケア機器、歯科材料など。", "Dental diagnostic AI, oral-care devices and dental materials."),
		[]string{"dental"}, []string{"ai_imaging", "materials"}, "prototype", "launched", []string{"samd", "medical_device"}, nil, []string{"distribution", "licensing"}},
	{event.T("手術ロボットの周辺技術", "Technologies around surgical robots"),
		event.T("手術支援ロボット向けの鉗子、力覚センサー、術中画像ナビゲーション。", "Forceps, force sensors and intra-operative image navigation for surgical robots."),
		[]string{"digestive", "renal_urology", "orthopedics"}, []string{"robotics", "surgical_instruments", "sensors_biosignals"}, "prototype", "regulatory_review", []string{"medical_device"}, []string{"class2", "class3"}, []string{"co_development", "manufacturing"}},
	{event.T("希少疾患の診断と治療", "Diagnosis and treatment of rare diseases"),
		event.T("希少疾患の早期診断、遺伝子検査、再生医療等製品。", "Early diagnosis, genetic testing and regenerative products for rare diseases."),
		[]string{"rare_diseases", "pediatrics"}, []string{"genomics"}, "non_clinical", "regulatory_review", []string{"ivd", "regenerative", "drug"}, nil, []string{"licensing", "investment"}},
	{event.T("リハビリテーションの質の向上", "Better rehabilitation"),
		event.T("脳卒中や整形外科術後のリハビリを定量化し、効果を高める機器・アプリ。", "Devices and apps that quantify and improve rehabilitation after stroke or orthopaedic surgery."),
		[]string{"rehabilitation", "neurology", "orthopedics"}, []string{"robotics", "wearables", "digital_app"}, "prototype", "launched", []string{"medical_device", "samd", "non_regulated"}, nil, []string{"co_development", "distribution"}},
	{event.T("呼吸器疾患の在宅管理", "Home management of respiratory disease"),
		event.T("COPD、喘息、睡眠時無呼吸などの在宅での検査・モニタリング。", "Testing and monitoring at home for COPD, asthma and sleep apnoea."),
		[]string{"respiratory", "home_care", "pediatrics"}, []string{"sensors_biosignals", "telemedicine"}, "prototype", "approved", []string{"medical_device", "samd"}, nil, []string{"distribution", "clinical_evaluation"}},
	{event.T("透析・腎疾患ケア", "Dialysis and kidney care"),
		event.T("透析患者の合併症予防、シャント管理、腎疾患の早期発見。", "Preventing complications in dialysis patients, access management and early detection of kidney disease."),
		[]string{"renal_urology"}, []string{"sensors_biosignals", "ai_imaging", "minimally_invasive"}, "prototype", "approved", []string{"medical_device", "samd"}, nil, []string{"co_development", "distribution"}},
}

// Company name parts: fictional large-company names.
var companyPrefixes = []event.Text{
	event.T("大和", "Yamato"), event.T("東邦", "Toho"), event.T("日進", "Nisshin"), event.T("昭栄", "Shoei"),
	event.T("三協", "Sankyo"), event.T("富士見", "Fujimi"), event.T("光陽", "Koyo"), event.T("北斗", "Hokuto"),
	event.T("瑞穂", "Mizuho"), event.T("千代田", "Chiyoda"), event.T("青葉", "Aoba"), event.T("旭光", "Kyokko"),
	event.T("若葉", "Wakaba"), event.T("白鳳", "Hakuho"), event.T("桜井", "Sakurai"), event.T("松風", "Shofu"),
	event.T("紀伊", "Kii"), event.T("東海", "Tokai"), event.T("明星", "Myojo"), event.T("朝霧", "Asagiri"),
}
var companySuffixes = []event.Text{
	event.T("メディカル株式会社", "Medical Corporation"), event.T("医療機器株式会社", "Medical Devices Inc."),
	event.T("ヘルスケア株式会社", "Healthcare Co., Ltd."), event.T("製薬株式会社", "Pharmaceutical Co., Ltd."),
	event.T("ライフサイエンス株式会社", "Life Sciences Inc."), event.T("精工株式会社", "Precision Industries Ltd."),
	event.T("電機株式会社", "Electric Co., Ltd."), event.T("化成株式会社", "Chemical Industries Ltd."),
}

// Startup name parts (katakana and their romanisation).
var startupHeads = []event.Text{
	event.T("カルディオ", "Cardio"), event.T("ニューロ", "Neuro"), event.T("メディ", "Medi"), event.T("バイオ", "Bio"),
	event.T("オルソ", "Ortho"), event.T("ビジョン", "Vision"), event.T("ケア", "Care"), event.T("ヘルス", "Health"),
	event.T("ソニック", "Sonic"), event.T("ルミナ", "Lumina"), event.T("ジェノ", "Geno"), event.T("サージ", "Surgi"),
	event.T("レスピ", "Respi"), event.T("デンタ", "Denta"), event.T("ダーマ", "Derma"), event.T("アクア", "Aqua"),
	event.T("セレン", "Seren"), event.T("ノヴァ", "Nova"), event.T("ハート", "Heart"), event.T("ミライ", "Mirai"),
}
var startupTails = []event.Text{
	event.T("テック", "Tech"), event.T("ラボ", "Lab"), event.T("センス", "Sense"), event.T("ワークス", "Works"),
	event.T("ロジクス", "Logics"), event.T("メトリクス", "Metrics"), event.T("フロー", "Flow"), event.T("ゲート", "Gate"),
	event.T("リンク", "Link"), event.T("ウェーブ", "Wave"), event.T("ノード", "Node"), event.T("アーク", "Arc"),
}

// Where Japanese MedTech startups are: weighted towards the big clusters.
var prefectureWeights = []struct {
	code   event.Code
	weight int
}{
	{"tokyo", 40}, {"kanagawa", 8}, {"osaka", 10}, {"kyoto", 7}, {"aichi", 5}, {"fukuoka", 5},
	{"hokkaido", 3}, {"miyagi", 3}, {"hyogo", 4}, {"chiba", 3}, {"saitama", 2}, {"ibaraki", 3},
	{"shizuoka", 2}, {"hiroshima", 2}, {"okayama", 1}, {"kumamoto", 1}, {"nagano", 1}, {"overseas", 2},
}
