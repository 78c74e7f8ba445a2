package sample

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"termbook/store"
)

// The sample's rubrics beside the default: the 体育 group's own, which scores its lessons,
// and the 说课 rubric the 说课比赛 is judged with.
var (
	peRubric = store.Rubric{Name: "体育课堂教学评价表", Subject: "体育", Full: 100, Spec: store.RubricSpec{
		Dimensions: []store.Dimension{
			{Name: "教学目标", Max: 10, Points: "符合水平段要求，具体、可检测"},
			{Name: "教学内容", Max: 15, Points: "内容安排合理，练习手段多样"},
			{Name: "组织与方法", Max: 20, Points: "组织严密，队伍调动合理；讲解简明，示范正确"},
			{Name: "运动负荷", Max: 20, Points: "练习密度不低于30%，运动负荷适宜"},
			{Name: "学生参与", Max: 15, Points: "全员参与，积极主动，相互合作"},
			{Name: "安全与常规", Max: 10, Points: "场地器材安全，课堂常规落实"},
			{Name: "教学效果", Max: 10, Points: "达成目标，学生掌握动作要领"},
		},
		Bands: store.DefaultRubricSpec().Bands,
	}}
	talkRubric = store.Rubric{Name: "说课评价表", Full: 100, Spec: store.RubricSpec{
		Dimensions: []store.Dimension{
			{Name: "说教材", Max: 25, Points: "教材地位与作用分析准确；目标具体、可检测；重难点把握恰当"},
			{Name: "说学情", Max: 15, Points: "了解学生已有的知识经验和学习困难"},
			{Name: "说教法学法", Max: 25, Points: "方法选择得当，体现学生主体和学法指导"},
			{Name: "说教学过程", Max: 30, Points: "环节清楚，设计意图明确，板书设计合理"},
			{Name: "说课表达", Max: 5, Points: "语言准确、流畅，时间控制在15分钟内"},
		},
		Bands: store.DefaultRubricSpec().Bands,
	}}
)

// writeRubrics adds the sample's own rubrics; the default one every database has scores the
// other subjects.
func (c *current) writeRubrics() error {
	c.rubrics = map[string]store.Rubric{"": {Record: store.Record{ID: store.DefaultRubricID}, Spec: store.DefaultRubricSpec()}}
	pe, err := c.b.CreateRubric(peRubric)
	if err != nil {
		return err
	}
	c.rubrics["体育"] = pe
	c.talk, err = c.b.CreateRubric(talkRubric)
	return err
}

// rubricFor is the rubric a lesson of subject is scored with: its own, else the default.
func (c *current) rubricFor(subject string) store.Rubric {
	if r, ok := c.rubrics[subject]; ok {
		return r
	}
	return c.rubrics[""]
}

// textbook is the 教材 a class's lesson of subject is taught from: 统编版语文三年级上册.
func textbook(subject, class string, autumn bool) string {
	grade, _, _ := strings.Cut(class, "(")
	volume := "上册"
	if !autumn {
		volume = "下册"
	}
	publisher := map[string]string{"语文": "统编版", "数学": "人教版", "英语": "人教PEP", "音乐": "人音版", "美术": "人美版", "科学": "教科版"}[subject]
	if subject == "体育" {
		return "体育与健康 " + grade
	}
	return publisher + subject + grade + volume
}

// overallFor is the observer's 总评 of a lesson graded g.
func overallFor(r *rand.Rand, g string) string {
	return pick(r, map[string][]string{
		store.GradeExcellent: {"这是一节扎实、高效的好课，目标达成度高，值得组内推广。", "设计新颖，学生主体地位突出，教学效果好。"},
		store.GradeGood:      {"整体设计合理，目标基本达成，个别环节还需打磨。", "课堂组织有序，学生参与较好；建议在练习设计上再下功夫。"},
		store.GradeFair:      {"基本完成教学任务，但学生参与不足，需在课堂组织上多下功夫。", "环节完整，但重难点突破不够，建议课后与师傅一起重新备课。"},
		store.GradePoor:      {"教学目标未能达成，建议在师傅指导下重新备课、再上一次。"},
	}[g])
}

// groupPreps are the 集体备课 of the term's plan: the 语文 group in 第5周 and the 数学 group
// in 第9周, each with its 主备人 and the unit it prepares, as the school's plan names them.
func (c *current) groupPreps() []struct {
	subject, title, lead, unit string
	week                       int
	day                        time.Weekday
} {
	autumn := autumn(c.term.Week1)
	chinese, maths := "统编版语文三年级上册第二单元（《秋天的雨》等）", "人教版数学五年级上册第三单元 小数除法"
	if !autumn {
		chinese, maths = "统编版语文三年级下册第一单元（《燕子》《荷花》等）", "人教版数学五年级下册第四单元 分数的意义和性质"
	}
	return []struct {
		subject, title, lead, unit string
		week                       int
		day                        time.Weekday
	}{
		{"语文", "三年级语文集体备课", "王丽", chinese, 5, time.Tuesday},
		{"数学", "五年级数学集体备课", "刘建国", maths, 9, time.Tuesday},
	}
}

// writeGroupPreps plans the term's 集体备课 with their 主备人, unit and first draft, which
// are known before the meeting.
func (c *current) writeGroupPreps() error {
	for _, g := range c.groupPreps() {
		if g.week > c.term.Weeks {
			continue
		}
		p := &store.Proceedings{Prep: store.GroupPrep{LeadID: c.teachers[g.lead].ID, Unit: g.unit, Draft: draftFor(g.subject, g.unit)}}
		a := store.Activity{TermID: c.term.ID, TypeID: c.types[store.TypeGroupPrep], Title: g.title, Subject: g.subject,
			Place: "三楼会议室", Time: "15:40", Sched: store.OnDate(dayIn(c.term, g.week, g.day)),
			SchoolIDs: []string{c.supporting.ID}, Proceedings: p}
		a, err := c.b.CreateActivity(a)
		if err != nil {
			return err
		}
		c.acts = append(c.acts, a)
	}
	return nil
}

// draftFor is a 初案's outline for a unit.
func draftFor(subject, unit string) string {
	if subject == "数学" {
		return "一、教学目标\n1. 理解" + unit + "的算理，掌握计算方法。\n2. 经历探索过程，发展推理能力。\n" +
			"二、教学重难点\n重点：计算方法；难点：理解算理。\n三、教学过程\n（一）复习引入\n（二）探究新知\n（三）巩固练习\n（四）课堂小结"
	}
	return "一、教学目标\n1. 认识本单元生字，会写要求会写的字。\n2. 正确、流利、有感情地朗读课文。\n3. 体会作者观察和表达的方法。\n" +
		"二、教学重难点\n重点：朗读与积累；难点：体会表达方法。\n三、课时安排：每课两课时\n四、教学过程（第一课时）\n（一）情境导入\n（二）初读课文\n（三）学习生字\n（四）小结"
}

// The minutes and summaries of the sample's held activities, by type. {s} is the subject
// group, {h} who spoke, {n} how many took part.
var minutesOf = map[string][]string{
	store.TypeResearchMeeting: {
		"一、学习《义务教育课程标准（2022年版）》{s}学科的相关内容。\n二、{h}作中心发言，研讨本单元教学重难点。\n三、交流近期作业设计与批改情况，确定下周听课安排。",
		"一、集体评议上周公开课。\n二、讨论单元检测命题，分工出题。\n三、布置下周教研任务。",
	},
	store.TypeJointMeeting:  {"一、两校通报本学期结对帮扶工作进展。\n二、商定下月送教下乡和师徒结对活动安排。\n三、受援校提出教学需求，支援校逐条回应。"},
	store.TypeOutreach:      {"一、送课两节，课后与受援校教师集体评课。\n二、{h}作专题讲座。\n三、座谈交流，收集受援校教师的意见和建议。"},
	store.TypeLecture:       {"一、{h}介绍讲座主题与背景。\n二、结合课例讲解，展示课堂实录片段。\n三、互动交流，教师提问并讨论。"},
	store.TypeMentorMeeting: {"一、各对师徒汇报本阶段听课、指导情况。\n二、师傅代表发言，交流带徒经验。\n三、徒弟代表谈收获与困惑。\n四、教研室提出下阶段要求。"},
	store.TypeTalkContest:   {"一、抽签确定说课顺序。\n二、参赛教师依次说课，每人不超过十五分钟。\n三、评委按说课评价表打分并点评。\n四、当场公布结果。"},
	store.TypeReading:       {"一、教师分享本学期读书心得。\n二、交流读书笔记，推选优秀笔记。\n三、推荐下阶段阅读书目。"},
	store.TypeGroupPrep:     {"一、主备人{h}说初案：教学目标、重难点和教学过程。\n二、组内教师逐环节讨论，提出修改意见。\n三、形成复案，分工准备课件和练习。"},
}

var summaryOf = map[string]string{
	store.TypeResearchMeeting: "活动按计划开展，{n}人参加，研讨聚焦，达到预期目的。",
	store.TypeJointMeeting:    "会议明确了下阶段帮扶重点，两校分工清楚。",
	store.TypeOutreach:        "送教活动受到受援校教师欢迎，{n}人参加，课例和讲座资料已发给受援校。",
	store.TypeLecture:         "讲座贴近课堂实际，{n}名教师参加，反响较好。",
	store.TypeMentorMeeting:   "师徒结对工作总体顺利，个别师徒听课次数不足，已提醒。",
	store.TypeTalkContest:     "参赛教师准备充分，说课规范；评出一等奖2名、二等奖3名。",
	store.TypeReading:         "读书氛围较好，{n}人交流了读书体会。",
	store.TypeGroupPrep:       "初案经讨论修改形成复案，各班按复案上课，课后反馈。",
}

// discussionFor is what the group said of a 集体备课's draft.
func discussionFor(subject string) string {
	if subject == "数学" {
		return "1. 算理讲解可借助人民币和计数器，更直观。\n2. 例题后增加一道对比练习，区分商的位置。\n3. 练习分基础题和提高题两层。"
	}
	return "1. 导入环节用时偏长，建议压缩到三分钟以内。\n2. 朗读指导要分层：先读正确，再读出感情。\n3. 生字教学突出易错字，增加书写指导时间。\n4. 作业设计增加一道小练笔。"
}

// writeProceedings records what the held activities left behind: for most of the meetings,
// lectures and visits that are done, who chaired and recorded, who came (one or two of the
// expected did not), the minutes and the summary; a held 集体备课 gets its discussion and
// revised plan too. The weekly meetings are recorded every other week, as a busy office does.
func (c *current) writeProceedings() error {
	roster := make([]store.Teacher, 0, len(c.teachers))
	for _, p := range people {
		roster = append(roster, c.teachers[p.name])
	}
	code := map[string]string{}
	for k, id := range c.types {
		code[id] = k
	}
	hd := c.teachers["黄德明"]
	weekly := 0
	for _, a := range c.acts {
		typ := code[a.TypeID]
		if a.Status != store.Done || minutesOf[typ] == nil {
			continue
		}
		if a.SeriesID != "" {
			if weekly++; weekly%2 == 0 {
				continue
			}
		}
		p := store.Proceedings{ChairID: a.HostID}
		if p.ChairID == "" || typ == store.TypeGroupPrep {
			p.ChairID = hd.ID
		}
		expected := a.Expected(roster)
		ids := make([]string, 0, len(expected)+1)
		for _, t := range expected {
			ids = append(ids, t.ID)
		}
		if !slices.Contains(ids, p.ChairID) {
			ids = append(ids, p.ChairID)
		}
		if len(ids) > 3 {
			// One or two of the expected did not come, never the chair.
			for range 1 + c.r.IntN(2) {
				i := c.r.IntN(len(ids))
				if ids[i] != p.ChairID {
					ids = slices.Delete(ids, i, i+1)
				}
			}
		}
		p.Attendees = ids
		for _, id := range ids {
			if id != p.ChairID && id != a.HostID {
				p.RecorderID = id
				break
			}
		}
		speaker := c.nameOf(a.HostID)
		if full, ok := c.prepOf(a); ok {
			p.Prep = full
			p.Prep.Discussion = discussionFor(a.Subject)
			p.Prep.Revision = "在初案基础上修改：\n" + discussionFor(a.Subject) + "\n（复案全文见教研组教案集。）"
			speaker = c.nameOf(full.LeadID)
		}
		group := a.Subject
		if group == "" {
			group = "各"
		}
		n := strconv.Itoa(len(ids))
		fill := strings.NewReplacer("{s}", group, "{h}", speaker, "{n}", n)
		p.Minutes = fill.Replace(pick(c.r, minutesOf[typ]))
		p.Summary = fill.Replace(summaryOf[typ])
		if _, err := c.b.SetProceedings(a.ID, p); err != nil {
			return err
		}
	}
	return nil
}

// nameOf is a sample teacher's name by id, or 黄德明 (教研室主任) for none.
func (c *current) nameOf(id string) string {
	for _, t := range c.teachers {
		if t.ID == id {
			return t.Name
		}
	}
	return "黄德明"
}

// prepOf is the lesson preparation planned with a 集体备课 of the sample.
func (c *current) prepOf(a store.Activity) (store.GroupPrep, bool) {
	if a.Proceedings != nil && a.Proceedings.Prep.LeadID != "" {
		return a.Proceedings.Prep, true
	}
	return store.GroupPrep{}, false
}
