package report

import (
	"termbook/store"
	"termbook/store/review"
	"termbook/ui/i18n"
)

// The review's words.
var (
	msgReviewStatus = map[review.Status]i18n.Msg{
		review.Met:     {Zh: "达标", En: "met"},
		review.OnTrack: {Zh: "进度正常", En: "on track"},
		review.Behind:  {Zh: "进度落后", En: "behind"},
		review.Short:   {Zh: "未达标", En: "not met"},
	}
	msgMetric = map[store.Metric]i18n.Msg{
		store.MetricMenteeObservations: {Zh: "徒弟听课", En: "Mentee observes"},
		store.MetricObservesMentor:     {Zh: "听师傅课", En: "Observes mentor"},
		store.MetricTaughtObserved:     {Zh: "上课被听", En: "Taught, observed"},
		store.MetricLessonPlans:        {Zh: "交教案", En: "Lesson plans"},
		store.MetricGuidanceMonthly:    {Zh: "师傅指导", En: "Guidance"},
		store.MetricReadingNotes:       {Zh: "读书笔记", En: "Reading notes"},
		store.MetricJointMeetings:      {Zh: "联席会议", En: "Joint meetings"},
		store.MetricPairingMonthly:     {Zh: "结对活动", En: "Pairing activities"},
	}
	msgPer = map[store.Per]i18n.Msg{
		store.PerTerm:     {Zh: "每学期", En: "per term"},
		store.PerYear:     {Zh: "每学年", En: "per school year"},
		store.PerMonth:    {Zh: "每月", En: "per month"},
		store.PerTwoWeeks: {Zh: "每两周", En: "per two weeks"},
	}
	msgPerShort = map[store.Per]i18n.Msg{
		store.PerYear:     {Zh: "（学年）", En: " (year)"},
		store.PerMonth:    {Zh: "（月）", En: " (months)"},
		store.PerTwoWeeks: {Zh: "（两周）", En: " (fortnights)"},
	}
	msgBehindCell   = i18n.Msg{Zh: "进度落后，应%d", En: "behind, due %d"}
	msgMadeUpCell   = i18n.Msg{Zh: "补%d", En: "%d made up"}
	msgNoteSep      = i18n.Msg{Zh: "，", En: ", "}
	msgEvidenceN    = i18n.Msg{Zh: "%s %d", En: "%s %d"}
	msgEvidencePart = i18n.Msg{Zh: "已交 %d（已查 %d）", En: "handed in %d (%d checked)"}
	msgRoleMentor   = i18n.Msg{Zh: "%s（师傅）", En: "%s (mentor)"}
	msgRoleMentee   = i18n.Msg{Zh: "%s（徒弟）", En: "%s (mentee)"}
	msgReviewTitle  = i18n.Msg{Zh: "%s 期末考核 · 截至 %s（%s，学期已过 %d%%）", En: "%s term-end review · as of %s (%s, %d%% of the term passed)"}

	msgTitlePairs       = i18n.Msg{Zh: "师徒结对（未达标、进度落后在前）", En: "Mentor pairs (not met and behind first)"}
	msgTitleTeachers    = i18n.Msg{Zh: "教师", En: "Teachers"}
	msgTitleSchoolPairs = i18n.Msg{Zh: "校际结对", En: "School pairs"}
	msgTitleChecklist   = i18n.Msg{Zh: "考核材料（据材料台账）", En: "Term-end materials (from the hand-ins)"}
	msgTitleMonths      = i18n.Msg{Zh: "各月活动：计划与完成", En: "Activities per month: planned and done"}
	msgTitleTypes       = i18n.Msg{Zh: "各类活动：计划与完成", En: "Activities per type: planned and done"}

	msgSheetReview      = i18n.Msg{Zh: "考核明细", En: "Review"}
	msgSheetPairs       = i18n.Msg{Zh: "师徒结对", En: "Mentor pairs"}
	msgSheetTeachers    = i18n.Msg{Zh: "教师", En: "Teachers"}
	msgSheetSchoolPairs = i18n.Msg{Zh: "校际结对", En: "School pairs"}
	msgSheetChecklist   = i18n.Msg{Zh: "考核项", En: "Checklist"}
	msgSheetMonths      = i18n.Msg{Zh: "各月活动", En: "By month"}
	msgSheetTypes       = i18n.Msg{Zh: "各类活动", En: "By type"}

	msgScopePair       = i18n.Msg{Zh: "师徒结对", En: "Mentor pair"}
	msgScopeTeacher    = i18n.Msg{Zh: "教师", En: "Teacher"}
	msgScopeSchoolPair = i18n.Msg{Zh: "校际结对", En: "School pair"}
)

// Column headings.
var (
	msgColMentor      = i18n.Msg{Zh: "师傅", En: "Mentor"}
	msgColMentee      = i18n.Msg{Zh: "徒弟", En: "Mentee"}
	msgColSubject     = i18n.Msg{Zh: "学科", En: "Subject"}
	msgColStatus      = i18n.Msg{Zh: "状态", En: "Status"}
	msgColName        = i18n.Msg{Zh: "姓名", En: "Name"}
	msgColSchool      = i18n.Msg{Zh: "学校", En: "School"}
	msgColGiven       = i18n.Msg{Zh: "听课合计", En: "Observed (all)"}
	msgColReceived    = i18n.Msg{Zh: "被听课合计", En: "Was observed (all)"}
	msgColSupporting  = i18n.Msg{Zh: "支援校", En: "Supporting school"}
	msgColSupported   = i18n.Msg{Zh: "受援校", En: "Supported school"}
	msgColOwner       = i18n.Msg{Zh: "对象", En: "Who"}
	msgColGrade       = i18n.Msg{Zh: "评定等次", En: "Grade given"}
	msgColScore       = i18n.Msg{Zh: "得分", En: "Score"}
	msgColSuggested   = i18n.Msg{Zh: "建议等次", En: "Suggested grade"}
	msgColTeacherRole = i18n.Msg{Zh: "教师", En: "Teacher"}
	msgColMadeUp      = i18n.Msg{Zh: "补足周期", En: "Made up"}
	msgColPlanned     = i18n.Msg{Zh: "计划", En: "Planned"}
	msgColDone        = i18n.Msg{Zh: "完成", En: "Done"}
	msgColOverdue     = i18n.Msg{Zh: "逾期", En: "Overdue"}
	msgColCancelled   = i18n.Msg{Zh: "取消", En: "Cancelled"}
	msgColRate        = i18n.Msg{Zh: "完成率", En: "Done %"}
	msgColMonth       = i18n.Msg{Zh: "月份", En: "Month"}
	msgColType        = i18n.Msg{Zh: "类型", En: "Type"}
	msgColScope       = i18n.Msg{Zh: "范围", En: "Scope"}
	msgColTarget      = i18n.Msg{Zh: "指标", En: "Target"}
	msgColPer         = i18n.Msg{Zh: "周期", En: "Period"}
	msgColActual      = i18n.Msg{Zh: "实际", En: "Actual"}
	msgColRequired    = i18n.Msg{Zh: "要求", En: "Required"}
	msgColExpected    = i18n.Msg{Zh: "截至今日应完成", En: "Due by today"}
	msgColCount       = i18n.Msg{Zh: "次数", En: "Count"}
)

// The registers' words.
var (
	msgSheetActivities     = i18n.Msg{Zh: "活动", En: "Activities"}
	msgSheetObservations   = i18n.Msg{Zh: "听课记录", En: "Observations"}
	msgSheetGuidance       = i18n.Msg{Zh: "指导记录", En: "Guidance"}
	msgSheetHandins        = i18n.Msg{Zh: "材料台账", En: "Hand-ins"}
	msgSheetTeachersRoster = i18n.Msg{Zh: "教师名册", En: "Roster"}
	msgColGradeYear        = i18n.Msg{Zh: "年级", En: "Grade"}
	msgColRank             = i18n.Msg{Zh: "职称", En: "Rank"}
	msgColPost             = i18n.Msg{Zh: "职务", En: "Post"}
	msgColHonour           = i18n.Msg{Zh: "荣誉/骨干级别", En: "Honour"}
	msgColActive           = i18n.Msg{Zh: "在职", En: "Active"}
	msgYesWord             = i18n.Msg{Zh: "是", En: "yes"}
	msgNoWord              = i18n.Msg{Zh: "否", En: "no"}

	msgColHandinKind  = i18n.Msg{Zh: "类别", En: "Kind"}
	msgColHandinTitle = i18n.Msg{Zh: "名称", En: "Title"}
	msgColCheckedBy   = i18n.Msg{Zh: "查阅人", En: "Checked by"}
	msgColCheckedOn   = i18n.Msg{Zh: "查阅日期", En: "Checked on"}
	msgColHandinGrade = i18n.Msg{Zh: "等次", En: "Grade"}
	msgColComment     = i18n.Msg{Zh: "评语", En: "Comment"}
	msgColFile        = i18n.Msg{Zh: "文件", En: "File"}
	msgSheetGroupPrep = i18n.Msg{Zh: "集体备课", En: "Group lesson prep"}

	msgColWeek        = i18n.Msg{Zh: "周次", En: "Week"}
	msgColWhen        = i18n.Msg{Zh: "安排", En: "When"}
	msgColTitle       = i18n.Msg{Zh: "内容", En: "Title"}
	msgColHost        = i18n.Msg{Zh: "主讲/执教", En: "Host"}
	msgColPlace       = i18n.Msg{Zh: "地点", En: "Place"}
	msgColTime        = i18n.Msg{Zh: "时间", En: "Time"}
	msgColSchools     = i18n.Msg{Zh: "参与学校", En: "Schools"}
	msgColDoneOn      = i18n.Msg{Zh: "完成日期", En: "Done on"}
	msgColNote        = i18n.Msg{Zh: "备注", En: "Note"}
	msgColDate        = i18n.Msg{Zh: "日期", En: "Date"}
	msgColPeriod      = i18n.Msg{Zh: "节次", En: "Period"}
	msgColClass       = i18n.Msg{Zh: "班级", En: "Class"}
	msgColTopic       = i18n.Msg{Zh: "课题", En: "Topic"}
	msgColLessonType  = i18n.Msg{Zh: "课型", En: "Lesson type"}
	msgColKind        = i18n.Msg{Zh: "类型", En: "Kind"}
	msgColTeacher     = i18n.Msg{Zh: "执教", En: "Teacher"}
	msgColObserver    = i18n.Msg{Zh: "听课人", En: "Observer"}
	msgColTotal       = i18n.Msg{Zh: "总分", En: "Total"}
	msgColObsGrade    = i18n.Msg{Zh: "等级", En: "Grade"}
	msgColHighlights  = i18n.Msg{Zh: "亮点", En: "Highlights"}
	msgColProblems    = i18n.Msg{Zh: "存在问题", En: "Problems"}
	msgColSuggestions = i18n.Msg{Zh: "改进建议", En: "Suggestions"}
	msgColFollowUp    = i18n.Msg{Zh: "跟进事项", En: "Follow-up"}
	msgColDue         = i18n.Msg{Zh: "跟进期限", En: "Follow-up due"}
	msgColLessonNo    = i18n.Msg{Zh: "课时", En: "Lesson of topic"}
	msgColUnit        = i18n.Msg{Zh: "教材/单元", En: "Textbook, unit"}
	msgColOverall     = i18n.Msg{Zh: "总评", En: "Overall"}
	msgColRubric      = i18n.Msg{Zh: "评课量表", En: "Rubric"}
	msgColChair       = i18n.Msg{Zh: "主持人", En: "Chair"}
	msgColRecorder    = i18n.Msg{Zh: "记录人", En: "Recorder"}
	msgColAttendees   = i18n.Msg{Zh: "参加人员", En: "Attendees"}
	msgColAbsent      = i18n.Msg{Zh: "缺席", En: "Absent"}
	msgColMinutes     = i18n.Msg{Zh: "纪要", En: "Minutes"}
	msgColSummary     = i18n.Msg{Zh: "小结", En: "Summary"}
	msgColFiles       = i18n.Msg{Zh: "照片、签到表等文件", En: "Photos, sign-in sheets"}
	msgColPrepLead    = i18n.Msg{Zh: "主备人", En: "Lead preparer"}
	msgColPrepWith    = i18n.Msg{Zh: "参与人", En: "Participants"}
	msgColPrepUnit    = i18n.Msg{Zh: "单元/课题", En: "Unit or lesson"}
	msgColPrepDraft   = i18n.Msg{Zh: "初案", En: "First draft"}
	msgColPrepTalk    = i18n.Msg{Zh: "讨论意见", En: "Discussion"}
	msgColPrepFinal   = i18n.Msg{Zh: "复案", En: "Revised plan"}
	msgFileCaption    = i18n.Msg{Zh: "%s（%s）", En: "%s (%s)"}
	msgListSep        = i18n.Msg{Zh: "、", En: ", "}
	msgColGoals       = i18n.Msg{Zh: "目标", En: "Goals"}
	msgColForm        = i18n.Msg{Zh: "形式", En: "Form"}
	msgColContent     = i18n.Msg{Zh: "指导内容", En: "Content"}
	msgColReflection  = i18n.Msg{Zh: "徒弟体会", En: "Mentee's reflection"}
	msgColAgreedOn    = i18n.Msg{Zh: "协议日期", En: "Agreed on"}
	msgColCycle       = i18n.Msg{Zh: "周期（年）", En: "Cycle (years)"}
)

// The paper 听课记录表's words.
var (
	msgFormTitle     = i18n.Msg{Zh: "听 课 记 录 表", En: "Lesson Observation Record"}
	msgFormProcess   = i18n.Msg{Zh: "教学过程实录", En: "What happened"}
	msgFormComments  = i18n.Msg{Zh: "随堂点评", En: "Comments"}
	msgFormsSheet    = i18n.Msg{Zh: "听课记录表", En: "Observation forms"}
	msgFormWeekDay   = i18n.Msg{Zh: "%s（%s）", En: "%s (%s)"}
	msgFormDimension = i18n.Msg{Zh: "%s（%s）", En: "%s (%s)"}
	msgFormPeriodNth = i18n.Msg{Zh: "第%d节", En: "period %d"}
	msgFormLessonNth = i18n.Msg{Zh: "第%d课时", En: "lesson %d"}
	// The signature row: who signs, and the blank for the day they sign.
	msgFormObserverSign = i18n.Msg{Zh: "听课人签名", En: "Observer's signature"}
	msgFormTeacherSign  = i18n.Msg{Zh: "执教者签名", En: "Teacher's signature"}
	msgFormDateBlank    = i18n.Msg{Zh: "年　月　日", En: "Date"}
)

// The words of the report that goes up (上报材料).
var (
	msgSummaryTitle        = i18n.Msg{Zh: "%s 教研与结对帮扶工作总结", En: "%s: teaching research and pairing, summary report"}
	msgSumUnit             = i18n.Msg{Zh: "单位", En: "Unit"}
	msgSumFilledBy         = i18n.Msg{Zh: "填报人", En: "Filled in by"}
	msgSumApprovedBy       = i18n.Msg{Zh: "审核人", En: "Approved by"}
	msgSumNotWritten       = i18n.Msg{Zh: "（尚未填写）", En: "(not written yet)"}
	msgSumTableN           = i18n.Msg{Zh: "表%d %s", En: "Table %d. %s"}
	msgSumSheet            = i18n.Msg{Zh: "上报材料", En: "Report"}
	msgSumSchools          = i18n.Msg{Zh: "各校情况", En: "By school"}
	msgSumSchoolsTitle     = i18n.Msg{Zh: "各校情况", En: "Each school"}
	msgSumTeachers         = i18n.Msg{Zh: "教师", En: "Teachers"}
	msgSumGiven            = i18n.Msg{Zh: "听课节数", En: "Lessons observed"}
	msgSumReceived         = i18n.Msg{Zh: "被听课节数", En: "Lessons taught, observed"}
	msgSumAcross           = i18n.Msg{Zh: "其中跨校听课", En: "Of them at the other school"}
	msgSumActivities       = i18n.Msg{Zh: "活动（完成/计划）", En: "Activities (done/planned)"}
	msgSumOutreachN        = i18n.Msg{Zh: "送教下乡", En: "Outreach"}
	msgSumPairs            = i18n.Msg{Zh: "师徒结对（达标/对数）", En: "Mentor pairs (met/all)"}
	msgSumMissingN         = i18n.Msg{Zh: "材料未交（项）", En: "Materials missing"}
	msgSumTypes            = i18n.Msg{Zh: "各类活动", En: "By type"}
	msgSumTypesTitle       = i18n.Msg{Zh: "各类活动：计划与完成", En: "Activities per type: planned and done"}
	msgSumOutreach         = i18n.Msg{Zh: "送教下乡", En: "Outreach"}
	msgSumOutreachTitle    = i18n.Msg{Zh: "送教下乡", En: "Outreach teaching"}
	msgSumPairsTitle       = i18n.Msg{Zh: "师徒结对及考核结果", En: "Mentor pairs and their results"}
	msgSumSchoolPairsTitle = i18n.Msg{Zh: "校际结对及考核结果", En: "School pairs and their results"}
	msgSumOutstanding      = i18n.Msg{Zh: "材料未交", En: "Outstanding"}
	msgSumOutstandingTitle = i18n.Msg{Zh: "考核材料未交、未查阅", En: "Materials not handed in or not checked"}
	msgSumMissing          = i18n.Msg{Zh: "未交", En: "Missing"}
	msgSumUnchecked        = i18n.Msg{Zh: "已交未查阅", En: "Handed in, not checked"}
	msgSumNone             = i18n.Msg{Zh: "（无）", En: "(none)"}
	msgColTerm             = i18n.Msg{Zh: "学期", En: "Term"}
	msgSection             = map[store.Section]i18n.Msg{
		store.SectionProgress: {Zh: "开展情况", En: "What was done"},
		store.SectionResults:  {Zh: "主要成效", En: "Results"},
		store.SectionProblems: {Zh: "存在问题", En: "Problems"},
		store.SectionPlans:    {Zh: "下步打算", En: "Next steps"},
	}
	msgSectionN = i18n.Msg{Zh: "%s、%s", En: "%s. %s"}
)
