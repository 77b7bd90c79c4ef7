package matching

import (
	"strings"

	"pitchmatch/event"
)

// A glossary maps Japanese and English words for the same thing to one
// concept, so that a Japanese description and its English version share
// features even though they share no characters. It is the main
// cross-lingual cue of the text feature; the other is katakana romanisation.
type glossary struct {
	nodes  []glossNode
	labels map[uint64]event.Text // concept feature key → display label
}

type glossNode struct {
	next     map[rune]int32
	concepts []string // concepts ending here
	latin    bool     // the term is a Latin word: match on word boundaries only
}

// medGlossary is a hand-written bilingual MedTech glossary: each line is
// "ja terms | en terms", alternatives separated by commas. The first English
// term names the concept. Vocabulary labels (areas, technologies, product
// types, purposes, stages, partnerships, classes) are added from package
// event, so this list holds what the vocabularies do not.
const medGlossary = `
心電図,心電,ECG | ECG,EKG,electrocardiogram,electrocardiography
血圧 | blood pressure
脈拍,脈波 | pulse
心拍 | heart rate,heartbeat
不整脈 | arrhythmia
心房細動 | atrial fibrillation,afib
心不全 | heart failure
心臓,心疾患 | heart,cardiac
血管 | vascular,blood vessel,vessel
脳卒中 | stroke
認知症 | dementia
てんかん | epilepsy
脳波 | EEG,electroencephalogram
筋電 | EMG,electromyography
睡眠時無呼吸 | sleep apnea,sleep apnoea
睡眠 | sleep
呼吸 | respiration,respiratory,breathing
肺 | lung,pulmonary
酸素飽和度 | SpO2,oxygen saturation
体温 | body temperature
内視鏡 | endoscope,endoscopy,endoscopic
カテーテル | catheter
ステント | stent
手術,術中 | surgery,surgical,operation,intraoperative
術後 | postoperative,after surgery
合併症 | complication
麻酔 | anesthesia,anaesthesia
縫合 | suture
止血 | hemostasis,haemostasis
出血 | bleeding,hemorrhage,haemorrhage
人工関節 | joint replacement,artificial joint
骨折 | fracture
脊椎 | spine,spinal
骨 | bone
関節 | joint
画像 | image,imaging
診断 | diagnosis,diagnostic
治療 | treatment,therapy,therapeutic
検査 | test,testing,examination,screening
血液 | blood
血糖 | blood glucose,glucose
糖尿病 | diabetes,diabetic
がん,癌,腫瘍 | cancer,tumor,tumour
早期発見,早期診断 | early detection,early diagnosis
病理 | pathology
超音波,エコー | ultrasound,ultrasonic,echo
放射線 | radiation,radiotherapy
在宅 | home,at home
遠隔 | remote,remotely
患者 | patient
医師 | physician,doctor,clinician
看護 | nursing,nurse
病院,医療機関 | hospital,clinic
介護 | nursing care,caregiver,elderly care
高齢者 | elderly,older adults,older people,senior
小児,子ども,子供 | pediatric,paediatric,children,child
新生児 | neonatal,newborn
妊娠,妊婦 | pregnancy,pregnant
歯 | tooth,teeth
皮膚 | skin
眼 | eye
網膜 | retina,retinal
聴覚,難聴 | hearing
感染 | infection,infectious
ウイルス | virus,viral
細菌,菌 | bacteria,bacterial
装着 | wear,worn,attach
センサ | sensor
測定,計測 | measurement,measure,measuring
解析,分析 | analysis,analyze,analyse,analytics
人工知能 | AI,artificial intelligence
機械学習 | machine learning
深層学習,ディープラーニング | deep learning
アルゴリズム | algorithm
アプリ | app,application
ソフトウェア,プログラム | software,program
クラウド | cloud
データ | data
予測 | prediction,predict,forecast
早期 | early
自動 | automatic,automated,automatically
精度 | accuracy,accurate,precision
非侵襲 | non-invasive,noninvasive
侵襲 | invasive
負担 | burden
臨床 | clinical
承認 | approval,approved
薬事 | regulatory
保険 | insurance
販売 | sales,sell
細胞 | cell
遺伝子 | gene,genetic
薬 | drug,medicine,pharmaceutical
投与 | administration,dosing,dose
注射 | injection
救急 | emergency
脳 | brain
神経 | nerve,neural,neuro
筋肉,筋 | muscle
歩行 | gait,walking
転倒 | fall,falls
見守り,監視 | monitoring,monitor,watch
生体信号 | biosignal,vital signs
バイタル | vital,vitals
尿 | urine,urinary
腎臓,腎 | kidney,renal
透析 | dialysis
肝臓,肝 | liver,hepatic
胃 | stomach,gastric
大腸 | colon,colorectal
乳がん | breast cancer
うつ | depression
ストレス | stress
精神 | mental,psychiatric
医療従事者 | healthcare professional,medical staff
低コスト,安価 | low cost,low-cost,inexpensive
小型 | compact,small,miniature
携帯 | portable
リアルタイム | real-time,real time,realtime
連続 | continuous,continuously
`

// defaultGlossary is built once from medGlossary and the event
// vocabularies; it is read-only afterwards.
var defaultGlossary = buildGlossary()

func buildGlossary() *glossary {
	g := &glossary{nodes: []glossNode{{}}, labels: make(map[uint64]event.Text)}
	for _, line := range strings.Split(medGlossary, "\n") {
		ja, en, ok := strings.Cut(line, "|")
		if !ok {
			continue
		}
		ens := splitTerms(en, ",")
		if len(ens) == 0 {
			continue
		}
		concept := "g:" + normalizeText(ens[0])
		jas := splitTerms(ja, ",")
		lbl := event.Text{En: ens[0]}
		if len(jas) > 0 {
			lbl.Ja = jas[0]
		}
		g.labels[hashString(kindConcept, concept)] = lbl
		for _, t := range append(splitTerms(ja, ","), ens...) {
			g.add(t, concept)
		}
	}
	for _, v := range []*event.Vocabulary{event.Areas, event.Technologies, event.ProductTypes,
		event.Purposes, event.DevStages, event.Partnerships, event.DeviceClasses} {
		for _, t := range v.Terms {
			if t.Code == "none" {
				continue
			}
			concept := v.Name + ":" + t.Code
			g.labels[hashString(kindConcept, concept)] = t.Label
			for _, part := range splitTerms(t.Label.Ja, "・/（）()") {
				g.add(part, concept)
			}
			for _, part := range splitTerms(t.Label.En, "/(),") {
				g.add(part, concept)
			}
		}
	}
	return g
}

// splitTerms splits s at any of seps, trims and drops empty or one-letter
// Latin parts (too ambiguous to be a term).
func splitTerms(s, seps string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) }) {
		p = strings.TrimSpace(p)
		if p == "" || len(p) == 1 {
			continue
		}
		out = append(out, p)
	}
	return out
}

func (g *glossary) add(term, concept string) {
	rs := []rune(normalizeText(term))
	if len(rs) == 0 {
		return
	}
	latin := true
	for _, r := range rs {
		if c := classify(r); c == classHan || c == classKana {
			latin = false
		}
	}
	n := int32(0)
	for _, r := range rs {
		next, ok := g.nodes[n].next[r]
		if !ok {
			next = int32(len(g.nodes))
			g.nodes = append(g.nodes, glossNode{})
			if g.nodes[n].next == nil {
				g.nodes[n].next = make(map[rune]int32)
			}
			g.nodes[n].next[r] = next
		}
		n = next
	}
	node := &g.nodes[n]
	node.latin = latin
	for _, c := range node.concepts {
		if c == concept {
			return
		}
	}
	node.concepts = append(node.concepts, concept)
}

// concepts calls fn for every glossary term found in the normalised text
// rs, once per occurrence, with the term's span rs[start:end]. Latin terms
// match whole words (a trailing plural "s" allowed); Japanese terms match
// anywhere.
func (g *glossary) concepts(rs []rune, fn func(concept string, start, end int)) {
	for i := range rs {
		if classify(rs[i]) == classLatin && i > 0 && classify(rs[i-1]) == classLatin {
			continue // not at a word start
		}
		n := int32(0)
		for j := i; j < len(rs); j++ {
			next, ok := g.nodes[n].next[rs[j]]
			if !ok {
				break
			}
			n = next
			node := &g.nodes[n]
			if len(node.concepts) == 0 {
				continue
			}
			if node.latin && !wordEnd(rs, j+1) {
				continue
			}
			for _, c := range node.concepts {
				fn(c, i, j+1)
			}
		}
	}
}

// wordEnd reports whether a Latin word may end before rs[k]: at a
// non-Latin rune, the end, or a plural "s"/"es" that ends the word.
func wordEnd(rs []rune, k int) bool {
	if k >= len(rs) || classify(rs[k]) != classLatin {
		return true
	}
	if rs[k] == 's' && (k+1 >= len(rs) || classify(rs[k+1]) != classLatin) {
		return true
	}
	return rs[k] == 'e' && k+1 < len(rs) && rs[k+1] == 's' && (k+2 >= len(rs) || classify(rs[k+2]) != classLatin)
}
