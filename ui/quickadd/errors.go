package quickadd

import (
	"strings"

	"termbook/store"
	"termbook/ui/i18n"
)

// ErrorKind says what is wrong with a quick-add line.
type ErrorKind int

// The ways a quick-add line can be wrong.
const (
	EmptyText        ErrorKind = iota + 1 // nothing typed
	BadText                               // not valid UTF-8
	NoTerm                                // there is no term to add to
	EmptyTitle                            // neither a title nor an activity type
	NoType                                // no type given and no 其他 type to fall back on
	UnknownTeacher                        // Token looks like a teacher but names none
	AmbiguousTeacher                      // Token names several teachers (Candidates)
	WeekOutOfRange                        // Token is a week outside Min..Max
	BadDate                               // Token looks like a date but is no real day
	DateOutsideTerm                       // Token is a day outside the term (First..Last)
	BadMonth                              // Token looks like a month but is none
	MonthOutsideTerm                      // Token is a month the term does not touch
	BadTime                               // Token looks like a clock time but is none
	UnclosedQuote                         // a quote or 《 in Token is never closed
	TwoSchedules                          // Token and Other both say when
	TwoTimes                              // Token and Other are both clock times
	TwoHosts                              // Token and Other both name a teacher
	TwoPlaces                             // Token and Other are both places
	NotWhen                               // a field asking when: Token is no week, day or month
	NotDay                                // a field asking for a day: Token is none
	NotWeek                               // a field asking for a week: Token is none
)

// Error is what Parse reports about a line it cannot turn into an activity. Token is the word
// at fault as typed; the other fields carry what its Kind needs.
type Error struct {
	Kind  ErrorKind
	Token string
	Other string // the earlier word Token collides with (TwoSchedules, TwoTimes …)
	// Candidates are the teachers an ambiguous Token could mean; Spellings[i] is how to
	// write Candidates[i] so that only that teacher matches ("" when there is no such way,
	// and the caller must ask and answer through Context.Resolve).
	Candidates []store.Teacher
	Spellings  []string
	Min, Max   int        // the valid weeks (WeekOutOfRange)
	First      store.Date // the term's first and last day (DateOutsideTerm, MonthOutsideTerm)
	Last       store.Date

	schools map[string]string // school id → label, to tell candidates apart
}

func (e *Error) Error() string { return "quick add: " + i18n.En.T(e.msg(), e.args(i18n.En)...) }

// Message is one sentence in language l that names what is wrong and, where it can, how to
// put it right.
func (e *Error) Message(l i18n.Lang) string { return l.T(e.msg(), e.args(l)...) }

var (
	msgEmptyText        = i18n.Msg{Zh: "请输入要添加的活动，例如：w3 公开课 语文 《春》 张三 @多媒体教室 周二 14:00", En: `Type the activity to add, for example: w3 open-lesson math "Fractions" zs @Room-2 tue 14:00`}
	msgBadText          = i18n.Msg{Zh: "输入的文字不是有效的 UTF-8 文本。", En: "The text is not valid UTF-8."}
	msgNoTerm           = i18n.Msg{Zh: "还没有学期：请先创建一个学期再添加活动。", En: "There is no term yet: create a term before adding activities."}
	msgEmptyTitle       = i18n.Msg{Zh: "活动缺少标题：请写上标题或活动类型（如 公开课）。", En: "The activity has no title: add a title or an activity type (such as open-lesson)."}
	msgNoType           = i18n.Msg{Zh: "没有写活动类型，也没有“其他”类型可用：请写上活动类型。", En: "No activity type was given and there is no Other type to use: name the type."}
	msgUnknownTeacher   = i18n.Msg{Zh: "找不到教师“%s”；如果它是标题的一部分，请把标题放进引号或书名号。", En: `No teacher is called "%s"; if it is part of the title, put the title in quotes.`}
	msgAmbiguous        = i18n.Msg{Zh: "“%s”可能是这几位教师：%s；请写得更具体些。", En: `"%s" could be any of these teachers: %s; be more specific.`}
	msgCandidate        = i18n.Msg{Zh: "%s（%s，写作“%s”）", En: "%s (%s, write %s)"}
	msgCandidateNoHint  = i18n.Msg{Zh: "%s（%s）", En: "%s (%s)"}
	msgListSep          = i18n.Msg{Zh: "、", En: ", "}
	msgWeekOutOfRange   = i18n.Msg{Zh: "没有“%s”这一周：本学期是第%d周到第%d周。", En: `There is no week "%s": this term runs from week %d to week %d.`}
	msgBadDate          = i18n.Msg{Zh: "“%s”不是有效的日期。", En: `"%s" is not a valid date.`}
	msgDateOutsideTerm  = i18n.Msg{Zh: "“%s”不在本学期内（%s 至 %s）。", En: `"%s" is outside this term (%s to %s).`}
	msgBadMonth         = i18n.Msg{Zh: "“%s”不是有效的月份。", En: `"%s" is not a valid month.`}
	msgMonthOutsideTerm = i18n.Msg{Zh: "“%s”不在本学期内（%s 至 %s）。", En: `"%s" is not a month of this term (%s to %s).`}
	msgBadTime          = i18n.Msg{Zh: "“%s”不是有效的时间：请写成 14:00 这样。", En: `"%s" is not a valid time: write it like 14:00.`}
	msgUnclosedQuote    = i18n.Msg{Zh: "“%s”中的引号或书名号没有配对。", En: `The quote or 《 in "%s" is never closed.`}
	msgTwoSchedules     = i18n.Msg{Zh: "“%s”和“%s”都在说什么时候，只能写一个。", En: `"%s" and "%s" both say when: give only one.`}
	msgTwoTimes         = i18n.Msg{Zh: "“%s”和“%s”都是时间，只能写一个。", En: `"%s" and "%s" are both times: give only one.`}
	msgTwoHosts         = i18n.Msg{Zh: "“%s”和“%s”都是教师，一项活动只有一位主讲或执教教师。", En: `"%s" and "%s" are both teachers: an activity has one host teacher.`}
	msgNotWhen          = i18n.Msg{Zh: "看不懂“%s”：请写周次（5、第五周、下周）、日期（11-3、11月3日、明天、周二）或月份（11月）。", En: `Cannot read "%s": write a week (5, w5, next-week), a date (11-3, 2026-11-03, tomorrow, tue) or a month (nov, 2026-11).`}
	msgNotDay           = i18n.Msg{Zh: "“%s”不是某一天：请写 2026-09-15、9-15、9月15日、今天 或 周二。", En: `"%s" is not a day: write 2026-09-15, 9-15, 9/15, today or tue.`}
	msgNotWeek          = i18n.Msg{Zh: "“%s”不是周次：请写 5、第5周 或 第五周。", En: `"%s" is not a week: write 5, w5 or week5.`}
	msgTwoPlaces        = i18n.Msg{Zh: "“%s”和“%s”都是地点，只能写一个。", En: `"%s" and "%s" are both places: give only one.`}
)

func (e *Error) msg() i18n.Msg {
	switch e.Kind {
	case EmptyText:
		return msgEmptyText
	case BadText:
		return msgBadText
	case NoTerm:
		return msgNoTerm
	case EmptyTitle:
		return msgEmptyTitle
	case NoType:
		return msgNoType
	case UnknownTeacher:
		return msgUnknownTeacher
	case AmbiguousTeacher:
		return msgAmbiguous
	case WeekOutOfRange:
		return msgWeekOutOfRange
	case BadDate:
		return msgBadDate
	case DateOutsideTerm:
		return msgDateOutsideTerm
	case BadMonth:
		return msgBadMonth
	case MonthOutsideTerm:
		return msgMonthOutsideTerm
	case BadTime:
		return msgBadTime
	case UnclosedQuote:
		return msgUnclosedQuote
	case TwoSchedules:
		return msgTwoSchedules
	case TwoTimes:
		return msgTwoTimes
	case TwoHosts:
		return msgTwoHosts
	case TwoPlaces:
		return msgTwoPlaces
	case NotWhen:
		return msgNotWhen
	case NotDay:
		return msgNotDay
	case NotWeek:
		return msgNotWeek
	}
	return msgEmptyText
}

func (e *Error) args(l i18n.Lang) []any {
	switch e.Kind {
	case UnknownTeacher, BadDate, BadMonth, BadTime, UnclosedQuote, NotWhen, NotDay, NotWeek:
		return []any{e.Token}
	case AmbiguousTeacher:
		return []any{e.Token, e.candidateList(l)}
	case WeekOutOfRange:
		return []any{e.Token, e.Min, e.Max}
	case DateOutsideTerm, MonthOutsideTerm:
		return []any{e.Token, e.First.String(), e.Last.String()}
	case TwoSchedules, TwoTimes, TwoHosts, TwoPlaces:
		return []any{e.Other, e.Token}
	}
	return nil
}

// candidateList names each candidate with its school and the way to write it alone.
func (e *Error) candidateList(l i18n.Lang) string {
	parts := make([]string, len(e.Candidates))
	for i, t := range e.Candidates {
		school := e.schools[t.SchoolID]
		if school == "" {
			school = strings.Join(t.Subjects, "/")
		}
		if i < len(e.Spellings) && e.Spellings[i] != "" {
			parts[i] = l.T(msgCandidate, t.Name, school, e.Spellings[i])
		} else {
			parts[i] = l.T(msgCandidateNoHint, t.Name, school)
		}
	}
	return strings.Join(parts, l.T(msgListSep))
}
