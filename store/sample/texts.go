package sample

import (
	"math/rand/v2"
	"strings"

	"termbook/store"
)

// The words of the sample: lesson topics by subject and the sentences observers and mentors
// write, assembled at random (from a fixed seed) into texts of a realistic length.

// topics are textbook lessons by subject, as a 课题 is written.
var topics = map[string][]string{
	"语文": {"《秋天的雨》", "《找春天》", "《富饶的西沙群岛》", "《司马光》", "《少年闰土》", "《桂林山水》",
		"《观潮》", "《草船借箭》", "《匆匆》", "《落花生》", "《荷花》", "《赵州桥》", "《爬山虎的脚》",
		"《鸟的天堂》", "《搭船的鸟》", "《金色的草地》", "《白鹭》", "《慈母情深》"},
	"数学": {"《分数的初步认识》", "《倍的认识》", "《长方形和正方形的周长》", "《两位数乘两位数》", "《小数的意义》",
		"《三角形的内角和》", "《圆的面积》", "《百分数的意义》", "《平行四边形的面积》", "《认识钟表》",
		"《角的度量》", "《简易方程》", "《除数是一位数的除法》", "《认识方向》"},
	"英语": {"Unit 3 My friends", "Unit 5 Dinner's ready", "Unit 2 My week", "Unit 4 At the farm",
		"Unit 1 What's he like?", "Unit 6 Meet my family"},
	"音乐": {"《大海啊故乡》", "《彩色的中国》", "《采山》", "《小螺号》", "《歌声与微笑》", "《春晓》"},
	"体育": {"《立定跳远》", "《障碍跑》", "《前滚翻》", "《跳短绳》", "《50米快速跑》", "《篮球原地运球》"},
	"美术": {"《美丽的花》", "《线条的魅力》", "《民间玩具》", "《我的家乡》"},
	"科学": {"《空气占据空间吗》", "《植物的一生》", "《水的三态变化》", "《简单电路》"},
}

func topic(r *rand.Rand, subject string) string {
	list := topics[subject]
	if len(list) == 0 {
		list = topics["语文"]
	}
	return pick(r, list)
}

// A line is a sentence an observer or mentor may write, and the lessons it fits: a music
// lesson is not praised for its 朗读指导, nor a PE lesson for its 板书.
type line struct {
	text string
	fits fit
}

// fit says which subjects' lessons a line fits.
type fit int

const (
	anyLesson fit = iota
	reading       // 语文, 英语: reading aloud, texts
	indoors       // every lesson but PE: a blackboard, slides, desks
	written       // 语文, 数学, 英语, 科学: written exercises and tests
	handsOn       // 数学, 科学, 美术: making and measuring
	sportOnly     // 体育
	musicOnly     // 音乐
	artOnly       // 美术
)

func (f fit) suits(subject string) bool {
	switch f {
	case reading:
		return subject == "语文" || subject == "英语"
	case indoors:
		return subject != "体育"
	case written:
		return subject == "语文" || subject == "数学" || subject == "英语" || subject == "科学"
	case handsOn:
		return subject == "数学" || subject == "科学" || subject == "美术"
	case sportOnly:
		return subject == "体育"
	case musicOnly:
		return subject == "音乐"
	case artOnly:
		return subject == "美术"
	}
	return true
}

// fitting are the texts of the lines that suit subject.
func fitting(list []line, subject string) []string {
	out := make([]string, 0, len(list))
	for _, l := range list {
		if l.fits.suits(subject) {
			out = append(out, l.text)
		}
	}
	return out
}

// The stages of a lesson as an observer writes them down in 教学过程实录, each with the
// sentences that may describe it. {t} is the topic.
var stages = []struct {
	head  string
	lines []line
}{
	{"一、创设情境，导入新课", []line{
		{"教师出示与{t}相关的图片，请学生说说看到了什么，学生兴趣较浓。", indoors},
		{"教师由上节课的内容引入，提问两名学生复习旧知，顺势揭示课题{t}。", anyLesson},
		{"播放一段一分钟左右的视频，学生边看边思考教师提出的问题。", indoors},
		{"教师讲述一个生活中的小故事，引出本课要解决的问题，学生纷纷举手。", anyLesson},
		{"课前三分钟由学生轮流展示，随后教师板书课题，学生齐读。", indoors},
	}},
	{"二、自主探究，合作交流", []line{
		{"教师示范动作，讲清要领，学生分组练习，教师巡回纠正错误动作。", sportOnly},
		{"教师范唱一遍，学生跟琴分句学唱，难点乐句反复练习。", musicOnly},
		{"教师出示范画，引导学生观察线条和色彩，学生尝试起稿。", artOnly},
		{"学生先独立思考，再以四人小组为单位讨论，教师巡视并个别指导。", indoors},
		{"教师出示学习任务单，学生按要求圈画批注，约五分钟后小组汇报。", written},
		{"小组代表上台展示，其他小组补充、质疑，教师适时追问“你是怎么想的”。", indoors},
		{"教师引导学生动手操作，学生在操作中发现规律，并尝试用自己的话说出来。", handsOn},
		{"部分小组讨论流于形式，个别学生没有参与，教师提醒后有所改善。", anyLesson},
		{"教师抓住重点句段引导学生反复朗读、体会，学生读得有感情。", reading},
		{"学生独立尝试后，教师请一名学困生板演，再由同桌订正讲解。", written},
	}},
	{"三、精讲点拨，突破难点", []line{
		{"针对学生的错误，教师没有直接给出答案，而是组织全班辨析，难点基本突破。", anyLesson},
		{"教师借助课件动态演示，学生直观理解了{t}中的关键概念。", indoors},
		{"教师用对比的方法呈现两种做法，引导学生比较优劣，总结方法。", anyLesson},
		{"此环节教师讲得偏多，约十分钟，学生主要在听和记。", anyLesson},
		{"教师板书条理清楚，重点用彩色粉笔标出，便于学生梳理。", indoors},
	}},
	{"四、巩固练习，拓展提升", []line{
		{"分组循环练习，每组练习三次，练习密度较大，学生出汗明显。", sportOnly},
		{"学生分组为歌曲编配简单的节奏伴奏，并上台表演。", musicOnly},
		{"学生独立完成作品，教师个别指导，最后进行作品展评。", artOnly},
		{"练习分基础题、提高题两层，学生完成后同桌互批，教师统计正确率。", written},
		{"教师设计了一个小游戏巩固所学，课堂气氛活跃，全员参与。", anyLesson},
		{"拓展题联系生活实际，少数学生能说出自己的想法，多数学生需要提示。", written},
		{"因前面环节用时较多，练习时间不足，最后一题未能完成。", written},
		{"教师当堂检测，出示三道题，学生独立完成，教师巡视发现共性问题并集中讲评。", written},
	}},
	{"五、课堂小结，布置作业", []line{
		{"集合整队，做放松练习，教师小结本课练习情况并收还器材。", sportOnly},
		{"教师请学生谈本节课的收获，学生能从知识和方法两方面总结。", anyLesson},
		{"教师用思维导图梳理本课内容，布置分层作业。", written},
		{"下课铃响时小结略显仓促，作业由教师口头布置。", anyLesson},
		{"学生自评、互评后，教师总结并布置课后实践性作业。", anyLesson},
	}},
}

var commentLines = []line{
	{"教学目标明确，重难点把握准确，环节设计层层递进。", anyLesson},
	{"教师教态自然，语言亲切，评价语丰富，能调动学生的积极性。", anyLesson},
	{"课堂以学生为主体，小组合作有分工、有展示，体现了“先学后教”的理念。", indoors},
	{"板书设计简洁美观，突出了重点，便于学生形成知识结构。", indoors},
	{"多媒体运用恰当，但部分课件页面文字偏多，可适当精简。", indoors},
	{"教师对学生回答的反馈还可以更具体，避免只说“很好”“真棒”。", anyLesson},
	{"提问的覆盖面还不够广，后排学生发言机会较少。", indoors},
	{"时间分配前松后紧，练习环节被压缩，建议课前预设好各环节用时。", anyLesson},
	{"学生朗读形式多样，个别读、齐读、分角色读相结合，读出了味道。", reading},
	{"注重学习习惯的培养，书写姿势、倾听习惯都有提醒。", written},
	{"教师对教材的理解较深入，能联系学生生活实际进行拓展。", anyLesson},
	{"课堂生成处理得比较好，能抓住学生的错误资源展开教学。", anyLesson},
	{"小组汇报时其他学生倾听不够，可以提出明确的倾听要求。", indoors},
	{"整节课节奏紧凑，学生参与度高，教学效果较好。", anyLesson}, {"示范动作规范，讲解要领简明，口令清楚有力。", sportOnly},
	{"练习密度和运动量安排合理，场地器材布置得当，安全措施到位。", sportOnly},
	{"队列队形调动有序，但分组练习时个别学生等待时间偏长。", sportOnly},
	{"范唱准确、有感染力，学生能用自然的声音有感情地演唱。", musicOnly},
	{"节奏训练形式多样，学生在律动中感受了歌曲的情绪。", musicOnly},
	{"欣赏环节引导学生说出对音乐的感受，审美体验较充分。", musicOnly},
	{"范画步骤清楚，学生能大胆运用线条和色彩表现。", artOnly},
	{"作品展评让学生说出创作意图，评价有针对性。", artOnly},
}

var highlightLines = []line{
	{"导入新颖，能迅速吸引学生注意力。", anyLesson},
	{"小组合作学习组织有序，学生参与面广。", anyLesson},
	{"教师能抓住学生的错误资源进行辨析，难点突破自然。", anyLesson},
	{"练习设计有层次，兼顾了不同水平的学生。", anyLesson},
	{"课堂评价语言丰富、具体，激励效果好。", anyLesson},
	{"板书清晰，重点突出，体现了知识之间的联系。", indoors},
	{"朗读指导到位，学生读出了感情。", reading},
	{"注重动手操作，学生在做中学，理解深刻。", handsOn}, {"动作示范规范到位，学生掌握了动作要领。", sportOnly},
	{"练习形式多样，运动负荷适宜。", sportOnly},
	{"歌唱指导细致，学生声音自然、统一。", musicOnly},
	{"音乐情绪把握准确，学生表现积极。", musicOnly},
	{"作品展示形式新颖，学生乐于表达。", artOnly},
}

var problemLines = []line{
	{"教师讲得偏多，学生自主思考的时间不够。", anyLesson},
	{"小组讨论流于形式，部分学生没有真正参与。", indoors},
	{"时间分配不合理，巩固练习环节不充分。", anyLesson},
	{"提问指向性不强，学生不知从何答起。", anyLesson},
	{"对学困生关注不够，当堂检测正确率不高。", written},
	{"课件使用过多，学生动笔的时间偏少。", written},
	{"课堂小结由教师包办，学生总结不够。", anyLesson},
	{"评价方式单一，多为教师评价。", anyLesson}, {"学生练习时间不足，运动负荷偏小。", sportOnly},
	{"分组练习时等待时间偏长，练习密度不够。", sportOnly},
	{"学唱环节以教师带唱为主，学生独立演唱不够。", musicOnly},
	{"学生创作时间偏少，作品完成度不高。", artOnly},
}

var suggestionLines = []line{
	{"精简讲解，把更多时间留给学生思考和表达。", anyLesson},
	{"小组合作前明确任务和分工，汇报时要求其他组倾听并补充。", indoors},
	{"课前预设各环节用时，保证当堂练习不少于十分钟。", anyLesson},
	{"设计有梯度的问题链，问题要具体、有指向性。", anyLesson},
	{"多关注后排和学困生，增加他们的发言机会。", indoors},
	{"课件只保留关键内容，重要的内容要在黑板上板书。", indoors},
	{"小结让学生来说，教师只作补充和提升。", anyLesson},
	{"引入学生自评、互评，丰富评价方式。", anyLesson}, {"增加分组和器材，减少学生等待，提高练习密度。", sportOnly},
	{"练习后安排学生互相观察、纠错，巩固动作要领。", sportOnly},
	{"多让学生独立演唱、分组演唱，教师少带唱。", musicOnly},
	{"压缩示范时间，给学生留足创作时间。", artOnly},
}

// followUpActions are the one thing an observer asks to see improved by the next visit.
var followUpActions = []line{
	{"下次听课重点看小组合作的组织与汇报", indoors},
	{"重新设计本课练习，分基础题和提高题两层，交师傅审阅", written},
	{"整理本课教学反思，不少于500字", anyLesson},
	{"两周内再上一节同类型的课，请师傅跟进听课", anyLesson},
	{"观看两节名师课堂实录，写出学习体会", anyLesson},
	{"修改教学设计中的提问，设计三个核心问题", anyLesson}, {"下次听课重点看练习密度和运动负荷", sportOnly},
	{"重新设计学唱环节，减少带唱，交师傅审阅", musicOnly},
}

var closedNotes = []string{
	"已跟进听课，有明显改进",
	"反思已交，写得具体",
	"已修改，师傅审阅通过",
	"已完成",
}

// guidanceContent are what a mentor writes in the guidance log, by form.
var guidanceContent = map[string][]line{
	"prep": {
		{"和徒弟一起研读教材和教参，明确{t}的教学目标与重难点，逐段修改了教学设计。", anyLesson},
		{"指导徒弟备{t}：先说学情，再说目标，最后说每个环节的设计意图；提出练习设计要分层。", anyLesson},
		{"集体备课后单独指导徒弟修改教案，重点修改了导入环节和当堂检测题。", anyLesson},
	},
	"observe": {
		{"随堂听徒弟{t}一课，记录了各环节用时，课后当面交流。", anyLesson},
		{"推门听课{t}，主要观察课堂提问和学生参与情况。", anyLesson},
	},
	"review": {
		{"评{t}一课：示范到位，但分组练习时学生等待偏多；建议增加器材、分小组轮换。", sportOnly},
		{"评{t}一课：歌唱指导细致，但带唱偏多；建议多让学生独立演唱。", musicOnly},
		{"评{t}一课：目标达成较好，但讲得多、练得少；建议精简讲解，练习不少于十分钟。", anyLesson},
		{"课后评课，肯定了徒弟的朗读指导，指出小组合作组织不到位，约定下周再听一节。", reading},
		{"和徒弟一起看课堂录像，逐段分析提问的有效性，找出三处可以改进的地方。", anyLesson},
	},
	"talk": {
		{"与徒弟谈班级管理：如何建立班规、培养小干部，如何和家长沟通。", anyLesson},
		{"谈本月工作：听课节数已达要求，教学反思还需写得更具体，读书笔记月底前交。", anyLesson},
		{"交流作业批改和学困生辅导的做法，建议建立错题本。", written},
	},
	"demo": {
		{"上示范课{t}，请徒弟听课并重点观察如何组织小组合作。", indoors},
		{"示范课{t}后和徒弟交流设计意图，请徒弟写出听课体会。", anyLesson},
	},
	"other": {
		{"带徒弟参加县教研室组织的学科培训，回来后交流学习收获。", anyLesson},
		{"指导徒弟整理本学期的听课笔记和教学反思，准备期末考核材料。", anyLesson},
	},
}

var reflectionLines = []string{
	"通过这次指导，我认识到备课不仅要备教材，更要备学生。",
	"师傅指出我讲得太多，以后要学会“让”，把课堂还给学生。",
	"听了师傅的课，我学到了怎样用追问引导学生深入思考。",
	"我的时间把控还不够好，下次要提前预设每个环节的用时。",
	"师傅的评课很具体，我准备按建议重新上一次这节课。",
	"我感到自己在课堂评价语上还比较单一，需要多积累。",
	"这次备课让我明白了教学目标要具体、可检测。",
	"今后我要多听课、多反思，争取每节课都有一点进步。",
}

// readingBooks are the books teachers write reading notes on.
// handinComments are what the office writes on what it checked (评语), by kind.
var handinComments = map[string][]string{
	store.KindLessonPlan:   {"目标明确，重难点突出；课后反思可再具体些。", "环节完整，学生活动设计充分。", "板书设计清楚，作业分层可再细化。"},
	store.KindReflection:   {"能结合课堂实例反思，改进措施具体。", "反思深入，建议下次听课后及时跟进。"},
	store.KindInsights:     {"体会真切，收获明确。", "能联系自身教学谈体会。"},
	store.KindDemoPlan:     {"示范性强，可供组内共享。", "设计精致，学法指导到位。"},
	store.KindLecture:      {"讲座内容实用，课件完整。", "联系课例讲解，便于青年教师借鉴。"},
	store.KindSummary:      {"总结全面，带徒成效明显。"},
	store.KindReadingNotes: {"摘录与感悟结合，字迹工整。", "读书有思考，能联系教学实际。", "篇幅偏短，感悟可再展开。"},
}

var readingBooks = []string{"《给教师的建议》", "《第56号教室的奇迹》", "《教学勇气》", "《静悄悄的革命》", "《陶行知教育名篇》", "《爱心与教育》"}

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// fill replaces {t} with the topic.
func fill(s, t string) string { return strings.ReplaceAll(s, "{t}", t) }

// lines joins n different lines from list, in list order so texts read naturally.
func lines(r *rand.Rand, list []string, n int, sep string) string {
	if n > len(list) {
		n = len(list)
	}
	idx := r.Perm(len(list))[:n]
	sortInts(idx)
	parts := make([]string, n)
	for i, j := range idx {
		parts[i] = list[j]
	}
	return strings.Join(parts, sep)
}

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// processText is an observer's record of the lesson, stage by stage; perStage sentences
// under each heading (about 70 characters each).
func processText(r *rand.Rand, subject, t string, perStage int) string {
	var b strings.Builder
	for i, st := range stages {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(st.head)
		b.WriteByte('\n')
		b.WriteString(fill(lines(r, fitting(st.lines, subject), 1+r.IntN(perStage), ""), t))
	}
	return b.String()
}

// observationTexts are the texts of one observation of a lesson in subject; long for the
// history's realistic size.
func observationTexts(r *rand.Rand, subject, t string, long bool) (process, comments, highlights, problems, suggestions string) {
	per, nComments := 2, 3
	if long {
		per, nComments = 3, 5
	}
	process = processText(r, subject, t, per)
	comments = lines(r, fitting(commentLines, subject), nComments+r.IntN(2), "")
	highlights = lines(r, fitting(highlightLines, subject), 1+r.IntN(2), "")
	problems = lines(r, fitting(problemLines, subject), 1+r.IntN(2), "")
	suggestions = lines(r, fitting(suggestionLines, subject), 1+r.IntN(2), "")
	return
}

func guidanceText(r *rand.Rand, form, subject, t string) (content, reflection string) {
	content = fill(pick(r, fitting(guidanceContent[form], subject)), t)
	reflection = lines(r, reflectionLines, 1+r.IntN(2), "")
	return
}

// talkTexts are what a judge writes of a 说课 (a teacher talks through the design of a lesson
// on topic t, without a class): the talk, stage by stage, and the judge's comments.
func talkTexts(r *rand.Rand, t string) (process, comments, highlights, problems, suggestions string) {
	process = fill(strings.Join([]string{
		"一、说教材：" + pick(r, []string{"{t}是本单元的重点内容，承上启下。", "说明了{t}在教材中的地位和作用，目标分三条表述。"}),
		"二、说学情：" + pick(r, []string{"学生已有相关的生活经验，但抽象概括能力较弱。", "分析了学生的已有知识和可能出现的困难。"}),
		"三、说教法学法：" + pick(r, []string{"采用情境教学法和小组合作学习。", "以问题引导，学生自主探究、合作交流。"}),
		"四、说教学过程：" + pick(r, []string{"分导入、探究、练习、小结四个环节，逐一说明设计意图。", "重点说了突破难点的两个活动和板书设计。"}),
	}, "\n"), t)
	comments = lines(r, []string{
		"教材分析到位，目标表述具体、可检测。",
		"学情分析还比较笼统，没有说清学生的具体困难。",
		"教学过程设计意图说得清楚，环节之间衔接自然。",
		"语言表达流畅，时间控制在规定范围内。",
		"板书设计简洁，能体现本课的知识结构。",
	}, 2+r.IntN(2), "")
	highlights = pick(r, []string{"设计意图说得清楚。", "教材分析透彻，目标具体。"})
	problems = pick(r, []string{"学情分析不够具体。", "说教法时理论多、实例少。"})
	suggestions = pick(r, []string{"结合本班学生的实际情况说学情。", "多用课堂实例说明方法的运用。"})
	return
}
