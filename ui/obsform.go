package ui

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

// The observation form (听课记录), as the paper 听课本 has it: the lesson's header, the record
// of what happened and the comments side by side, the rubric, the summary (亮点, 存在问题,
// 改进建议, 总评) and one follow-up action, with the teacher's open follow-ups from earlier
// observations to close or keep. It is a form like any other; only its layout is its own.

var (
	msgObsTeacher      = i18n.Msg{Zh: "执教", En: "Teacher"}
	msgObsPickTeacher  = i18n.Msg{Zh: "执教教师（输入姓名、拼音或首字母，回车选定）：", En: "Teacher who taught (type a name, pinyin or initials; enter chooses):"}
	msgObsPickObserver = i18n.Msg{Zh: "听课人（输入姓名、拼音或首字母，回车选定）：", En: "Observer (type a name, pinyin or initials; enter chooses):"}
	msgObsPersonKeys   = i18n.Msg{Zh: "输入姓名、拼音或首字母选人（两校教师都在），回车选定", En: "type a name, pinyin or initials to choose (both schools); enter chooses"}
	msgObsObserver     = i18n.Msg{Zh: "听课", En: "Observer"}
	msgObsDate         = i18n.Msg{Zh: "日期", En: "Date"}
	msgObsPeriod       = i18n.Msg{Zh: "节次", En: "Period"}
	msgObsSubject      = i18n.Msg{Zh: "学科", En: "Subject"}
	msgObsClass        = i18n.Msg{Zh: "班级", En: "Class"}
	msgObsTopic        = i18n.Msg{Zh: "课题", En: "Topic"}
	msgObsLessonNo     = i18n.Msg{Zh: "课时", En: "Lesson"}
	msgObsUnit         = i18n.Msg{Zh: "教材/单元", En: "Textbook/unit"}
	msgObsLessonType   = i18n.Msg{Zh: "课型", En: "Type"}
	msgObsKind         = i18n.Msg{Zh: "类别", En: "Kind"}
	msgObsProcess      = i18n.Msg{Zh: "教学过程实录", En: "What happened"}
	msgObsComments     = i18n.Msg{Zh: "随堂点评", En: "Comments"}
	msgObsScores       = i18n.Msg{Zh: "评分", En: "Scores"}
	msgObsHighlights   = i18n.Msg{Zh: "亮点", En: "Strengths"}
	msgObsProblems     = i18n.Msg{Zh: "存在问题", En: "Problems"}
	msgObsSuggestions  = i18n.Msg{Zh: "改进建议", En: "Suggestions"}
	msgObsOverall      = i18n.Msg{Zh: "总评", En: "Overall"}
	msgObsFollowUp     = i18n.Msg{Zh: "跟进事项", En: "Follow-up"}
	msgObsDue          = i18n.Msg{Zh: "期限", En: "Due"}
	msgObsPresetKeys   = i18n.Msg{Zh: "↑↓ 选常用值，也可直接输入；回车到下一个空栏", En: "↑↓ for common values, or type your own; enter goes to the next empty box"}
	msgObsNeedTeacher  = i18n.Msg{Zh: "请填写执教教师（姓名、拼音或首字母）", En: "Choose the teacher who taught (name, pinyin or initials)"}
	msgObsNeedObs      = i18n.Msg{Zh: "请填写听课人（姓名、拼音或首字母）", En: "Choose the observer (name, pinyin or initials)"}
	msgObsSelf         = i18n.Msg{Zh: "听课人不能是执教教师本人", En: "The observer cannot be the teacher who taught"}
	msgObsBadPeriod    = i18n.Msg{Zh: "节次应是 0 到 12 的数字", En: "The period must be a number from 0 to 12"}
	msgObsBadLessonNo  = i18n.Msg{Zh: "课时应是 1 到 %d 的数字（第几课时），不知道可以空着", En: "The lesson must be a number from 1 to %d (which lesson of the topic), or left empty"}
	msgObsWeek         = i18n.Msg{Zh: "第%d周", En: "week %d"}
	msgObsOutside      = i18n.Msg{Zh: "不在本学期", En: "outside the term"}
	msgShortDate       = i18n.Msg{Zh: "%[1]d月%[2]d日", En: "%[2]d %[3]s"}
	msgObsOpenFU       = i18n.Msg{Zh: "待跟进", En: "Open follow-ups"}
	msgObsOpenFUOne    = i18n.Msg{Zh: "%s（%s前，%s听课）", En: "%s (due %s, from %s)"}
	msgObsOpenFUNoDue  = i18n.Msg{Zh: "%s（%s听课）", En: "%s (from %s)"}
	msgObsOpenMore     = i18n.Msg{Zh: " 等%d条", En: " and %d more"}
	msgObsWillClose    = i18n.Msg{Zh: "关闭：%s", En: "closing: %s"}
	msgObsClosing      = i18n.Msg{Zh: "，%d条保存时关闭", En: "; %d to close on save"}
	msgObsFUKeys       = i18n.Msg{Zh: "↑↓选择  c 关闭（写说明），再按 c 改回保留", En: "↑↓ choose  c close (with a note); c again keeps it open"}
	msgObsFUNote       = i18n.Msg{Zh: "关闭说明（enter 确定，esc 取消）：", En: "Closing note (enter to confirm, esc to cancel): "}
)

// The fewest lines the two big panes show, the lines they keep before the summary fields
// without focus give theirs up, and the most a summary field shows.
const (
	minPane    = 3
	roomyPane  = 6
	maxSummary = 4
)

// obsForm is an observation being recorded or edited.
type obsForm struct {
	*form
	rec store.Observation // what is edited; ID "" for a new one

	teacher, observer                 *personField
	date, due                         *dateField
	period, subject, class, topic     *lineField
	lessonNo, unit                    *lineField
	lessonType, kind, followUp        *lineField
	process, comments                 *areaField
	highlights, problems, suggestions *areaField
	overall                           *areaField
	grid                              *rubricGrid
	open                              *followUps
	openFor                           string // the teacher whose follow-ups are shown
	summaryH                          int    // lines the focused summary field shows
	restH                             int    // lines each other summary field shows
}

// newObsForm opens o: a new observation when o.ID is "" (its header may be filled already,
// from a calendar activity), else an existing one loaded with its texts. rubric is what a
// new observation is scored with.
func newObsForm(sh *shared, o store.Observation, rubric store.Rubric) *obsForm {
	if len(o.Rubric.Dimensions) == 0 {
		// Saved with the rubric it shows, so the record says which one scored it.
		o.Rubric, o.RubricID = rubric.Spec, rubric.ID
	}
	if len(o.Rubric.Dimensions) == 0 {
		o.Rubric = store.DefaultRubricSpec()
	}
	if o.ID == "" && o.ObserverID == o.TeacherID {
		o.ObserverID = "" // the usual observer taught this one
	}
	if o.On.IsZero() {
		o.On = sh.today
	}
	e := &obsForm{form: newForm(sh, ""), rec: o}
	st := sh.st
	line := func(name string, label i18n.Msg, w, limit int, value string, presets ...string) *lineField {
		in := newLineField(st, w, limit, presets...)
		in.lang = sh.lang
		in.SetValue(value)
		fl := e.add(name, label, in)
		if len(presets) > 0 {
			fl.hint = msgObsPresetKeys
		}
		return in
	}
	area := func(name string, label i18n.Msg, limit int, value string, newLine bool) *areaField {
		in := newAreaField(sh, limit)
		in.SetValue(value)
		fl := e.add(name, label, in)
		fl.pane, fl.newLine = true, newLine
		return in
	}
	person := func(name string, label, title i18n.Msg, id string) *personField {
		in := newPersonField(sh, sh.T(title), false)
		in.SetValue(id)
		e.add(name, label, in).hint = msgObsPersonKeys
		return in
	}
	date := func(name string, label i18n.Msg, d store.Date) *dateField {
		in := newDateField(sh)
		if !d.IsZero() {
			in.SetDate(d)
		}
		e.add(name, label, in)
		return in
	}
	number := func(n int) string {
		if n > 0 {
			return strconv.Itoa(n)
		}
		return ""
	}
	e.teacher = person("teacher", msgObsTeacher, msgObsPickTeacher, o.TeacherID)
	e.observer = person("observer", msgObsObserver, msgObsPickObserver, o.ObserverID)
	e.date = date("date", msgObsDate, o.On)
	e.period = line("period", msgObsPeriod, 3, 2, number(o.Period))
	e.period.replace, e.period.digits = true, true
	e.subject = line("subject", msgObsSubject, 7, store.MaxName, o.Subject)
	e.class = line("class", msgObsClass, 12, store.MaxName, o.ClassName)
	e.topic = line("topic", msgObsTopic, 15, store.MaxShort, o.Topic)
	e.lessonNo = line("lesson_no", msgObsLessonNo, 3, 2, number(o.LessonNo))
	e.lessonNo.replace, e.lessonNo.digits = true, true
	e.unit = line("unit", msgObsUnit, 24, store.MaxShort, o.Unit)
	e.lessonType = line("lesson_type", msgObsLessonType, 5, store.MaxName, o.LessonType, store.LessonTypes...)
	e.kind = line("kind", msgObsKind, 7, store.MaxName, o.Kind, store.ObservationKinds...)
	// enter starts a new line in the record and the comments; in the short summary fields
	// it moves on, as in the header, and shift+enter starts one.
	e.process = area("process", msgObsProcess, store.MaxLong, o.Texts.Process, true)
	e.comments = area("comments", msgObsComments, store.MaxLong, o.Texts.Comments, true)
	e.grid = newRubricGrid(sh.lang, st, o.Rubric)
	e.grid.Load(o)
	e.add("scores", msgObsScores, e.grid)
	e.highlights = area("highlights", msgObsHighlights, store.MaxNote, o.Texts.Highlights, false)
	e.problems = area("problems", msgObsProblems, store.MaxNote, o.Texts.Problems, false)
	e.suggestions = area("suggestions", msgObsSuggestions, store.MaxNote, o.Texts.Suggestions, false)
	e.overall = area("overall", msgObsOverall, store.MaxNote, o.Texts.Overall, false)
	e.followUp = line("followup", msgObsFollowUp, 41, store.MaxNote, o.FollowUp.Action)
	e.due = date("followup_due", msgObsDue, o.FollowUp.Due)
	e.open = newFollowUps(sh)
	e.add("closing", msgObsOpenFU, e.open).hidden = func() bool { return len(e.open.list) == 0 }

	e.layout = e.draw
	e.keys = e.ownKeys
	e.hints = []key.Binding{sh.keys.GradeMode}
	e.save = e.saveCmd
	e.labelDraft = e.draftLabel
	e.ready()
	// A lesson whose header is known starts at the record of what happens.
	switch {
	case o.TeacherID == "":
		e.setFocus(0)
	case o.ObserverID == "":
		e.setFocus(1)
	default:
		e.setFocus(e.index("process"))
	}
	e.keep(draftObservation, o.ID, o.ActivityID)
	return e
}

// index is the place of the field called name in the tab order.
func (e *obsForm) index(name string) int {
	for i, fl := range e.fields {
		if fl.name == name {
			return i
		}
	}
	return 0
}

// focusOn focuses the field called name.
func (e *obsForm) focusOn(name string) tea.Cmd { return e.setFocus(e.index(name)) }

// ownKeys are the observation form's keys beyond every form's: ctrl+g switches the rubric
// between points and grades only.
func (e *obsForm) ownKeys(k tea.KeyPressMsg) (tea.Cmd, bool) {
	if key.Matches(k, e.sh.keys.GradeMode) {
		e.grid.ToggleMode()
		return nil, true
	}
	return nil, false
}

// update handles a message for the form: a key or paste (after which a new teacher brings
// their subject and open follow-ups), or the follow-ups read.
func (e *obsForm) update(msg tea.Msg) tea.Cmd {
	if m, ok := msg.(followUpsMsg); ok {
		if m.err != nil {
			e.problem = e.sh.lang.Error(m.err)
		} else if m.teacherID == e.teacher.Value() {
			e.open.set(m.list)
		}
		return nil
	}
	cmd := e.form.update(msg)
	return tea.Batch(cmd, e.teacherChanged())
}

// teacherChanged loads the open follow-ups of the teacher chosen, and fills the subject
// with theirs when it is empty.
func (e *obsForm) teacherChanged() tea.Cmd {
	id := e.teacher.Value()
	if id == "" || id == e.openFor {
		return nil
	}
	e.openFor = id
	e.open.set(nil)
	if t := e.sh.teacher(id); e.subject.Value() == "" && len(t.Subjects) > 0 {
		e.subject.SetValue(t.Subjects[0])
	}
	return loadFollowUps(e.sh, id, e.rec.ID)
}

// draftLabel names the record in a draft offer: "张三《春》".
func (e *obsForm) draftLabel() string {
	return strings.TrimSpace(e.sh.teacher(e.teacher.Value()).Name + bookTitle(e.topic.Value()))
}

// bookTitle puts a lesson's title in 《》 unless it is already.
func bookTitle(topic string) string {
	if topic != "" && !strings.HasPrefix(topic, "《") {
		return "《" + topic + "》"
	}
	return topic
}

// build turns the fields into an observation, or says what must be fixed and where.
func (e *obsForm) build() (store.Observation, error) {
	l := e.sh.lang
	o := e.rec
	o.TermID = e.sh.data.term.ID
	o.TeacherID, o.ObserverID = e.teacher.Value(), e.observer.Value()
	switch {
	case o.TeacherID == "":
		return o, fieldError{field: "teacher", text: l.T(msgObsNeedTeacher), named: true}
	case o.ObserverID == "":
		return o, fieldError{field: "observer", text: l.T(msgObsNeedObs), named: true}
	case o.TeacherID == o.ObserverID:
		return o, fieldError{field: "observer", text: l.T(msgObsSelf), named: true}
	}
	o.SchoolID = e.sh.teacher(o.TeacherID).SchoolID
	var err error
	if o.On, err = e.date.Date(); err != nil {
		return o, fieldError{field: "date", text: err.Error()}
	}
	o.Period = 0
	if p := e.period.Value(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > 12 {
			return o, fieldError{field: "period", text: l.T(msgObsBadPeriod), named: true}
		}
		o.Period = n
	}
	o.LessonNo = 0
	if p := e.lessonNo.Value(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > store.MaxLessonNo {
			return o, fieldError{field: "lesson_no", text: l.T(msgObsBadLessonNo, store.MaxLessonNo), named: true}
		}
		o.LessonNo = n
	}
	o.Subject, o.ClassName, o.Topic, o.Unit = e.subject.Value(), e.class.Value(), e.topic.Value(), e.unit.Value()
	o.LessonType, o.Kind = e.lessonType.Value(), e.kind.Value()
	o.Texts = store.ObservationTexts{
		Process: e.process.Value(), Comments: e.comments.Value(),
		// A summary is a cell in the registers: a last new line adds no empty line there.
		Highlights: strings.TrimSpace(e.highlights.Value()), Problems: strings.TrimSpace(e.problems.Value()),
		Suggestions: strings.TrimSpace(e.suggestions.Value()), Overall: strings.TrimSpace(e.overall.Value()),
	}
	o.FollowUp.Action = e.followUp.Value()
	if o.FollowUp.Due, err = e.due.Date(); err != nil {
		return o, fieldError{field: "followup_due", text: err.Error()}
	}
	if err := e.grid.Fill(&o); err != nil {
		_, first := e.grid.filled()
		e.grid.cur = first
		return o, fieldError{field: "scores", text: err.Error(), named: true}
	}
	o.Closing = e.open.closings()
	return o, nil
}

// obsSavedMsg reports an observation written.
type obsSavedMsg struct {
	o   store.Observation
	err error
}

func (m obsSavedMsg) failure() error { return m.err }

func (e *obsForm) saveCmd() (tea.Cmd, error) {
	o, err := e.build()
	if err != nil {
		return nil, err
	}
	ctx, st := e.sh.ctx, e.sh.store
	return toTab(tabObservations, func() tea.Msg {
		o, err := saveRecord(ctx, o.ID == "", o, st.CreateObservation, st.UpdateObservation)
		return obsSavedMsg{o: o, err: err}
	}), nil
}

// summaryLabels name the summary fields, in their order on screen.
var summaryLabels = []i18n.Msg{msgObsHighlights, msgObsProblems, msgObsSuggestions, msgObsOverall}

// summaryNames are the summary fields' names, in the same order.
var summaryNames = []string{"highlights", "problems", "suggestions", "overall"}

func (e *obsForm) summary() []*areaField {
	return []*areaField{e.highlights, e.problems, e.suggestions, e.overall}
}

// draw lays the observation out in w×h cells: the header in as many lines as it needs, the
// open follow-ups, the two panes side by side, the rubric, the summary fields each beside
// its label, and the follow-up. A screen too short scrolls to keep the focused field in sight.
func (e *obsForm) draw(w, h int) []string {
	st := e.sh.st
	e.grid.width = w
	e.followUp.SetSize(max(11, w-29), 1)
	header := e.header(w)
	gridLines := strings.Split(e.grid.View(), "\n")
	summaryW := 0
	for _, m := range summaryLabels {
		summaryW = max(summaryW, st.width(e.sh.T(m)))
	}
	// Each summary field shows two lines at 80×24 and more on a taller screen. Where that
	// would leave the record of the lesson fewer than roomyPane lines, the summary fields
	// without focus show one line each; the focused one gives lines back (down to one)
	// before the record drops below minPane.
	focusedSummary := slices.Contains(summaryNames, e.focused().name)
	fixed := func(summaryH, restH int) int {
		first := restH
		if focusedSummary {
			first = summaryH
		}
		return len(header) + e.open.lines() + 1 + len(gridLines) + first + (len(summaryNames)-1)*restH + 1
	}
	e.summaryH = min(maxSummary, 2+max(0, h-19)/6)
	e.restH = e.summaryH
	if h-fixed(e.summaryH, e.restH) < roomyPane {
		e.restH = 1
	}
	for e.summaryH > 1 && h-fixed(e.summaryH, e.restH) < minPane {
		e.summaryH--
	}
	paneW := (w - 3) / 2
	paneH := max(minPane, h-fixed(e.summaryH, e.restH))
	e.process.SetSize(paneW, paneH)
	e.comments.SetSize(w-3-paneW, paneH)
	for i, f := range e.summary() {
		height := e.restH
		if e.focused().name == summaryNames[i] {
			height = e.summaryH
		}
		f.SetSize(max(10, w-summaryW-1), height)
	}

	var lines []string
	focusAt := 0
	mark := func(names ...string) {
		for _, n := range names {
			if e.focused().name == n {
				focusAt = len(lines)
			}
		}
	}
	lines = append(lines, header...)
	mark("closing")
	lines = append(lines, e.open.view(e.label(e.field("closing")), w)...)
	bar := st.g.bar
	mark("process", "comments")
	lines = append(lines, st.pad(e.label(e.field("process")), paneW)+" "+bar+" "+e.label(e.field("comments")))
	left, right := strings.Split(e.process.View(), "\n"), strings.Split(e.comments.View(), "\n")
	for i := range paneH {
		var l, r string
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		// Cut and padded in the width mode the panes wrap by, so typed “quotes” or dashes
		// never push the rule aside.
		lines = append(lines, st.fit(l, paneW)+" "+bar+" "+r)
	}
	mark("scores")
	lines = append(lines, gridLines...)
	for i, f := range e.summary() {
		fl := e.field(summaryNames[i])
		title := st.pad(e.label(fl), summaryW)
		mark(fl.name)
		for j, l := range strings.Split(f.View(), "\n") {
			if j > 0 {
				title = strings.Repeat(" ", summaryW)
			}
			lines = append(lines, title+" "+l)
		}
	}
	mark("followup", "followup_due")
	lines = append(lines, st.cut(e.label(e.field("followup"))+" "+e.followUp.View()+"  "+
		e.label(e.field("followup_due"))+" "+e.due.lineField.View(), w))
	if len(lines) > h {
		first := min(max(0, focusAt-h/2), len(lines)-h)
		lines = lines[first : first+h]
	}
	return lines
}

// header lays the lesson's fields out in as many lines as the width needs (two at 80
// columns in Chinese).
func (e *obsForm) header(w int) []string {
	st, l := e.sh.st, e.sh.lang
	item := func(name string) string {
		fl := e.field(name)
		return e.label(fl) + " " + fl.in.View()
	}
	week := ""
	if d, err := e.date.Date(); err == nil && !d.IsZero() {
		if n, in := e.sh.data.term.WeekOf(d); in {
			week = " " + l.T(msgObsWeek, n)
		} else {
			week = " " + st.err.Render(l.T(msgObsOutside))
		}
	}
	items := []string{item("teacher"), item("observer"), e.label(e.field("date")) + " " + e.date.lineField.View() + week,
		item("period"), "\n", // the lesson itself starts a line of its own
		item("subject"), item("class"), item("topic"), item("lesson_no"), item("unit"), item("lesson_type"), item("kind")}
	var lines []string
	line := ""
	for _, it := range items {
		switch {
		case it == "\n":
			lines, line = append(lines, line), ""
		case line == "":
			line = it
		case st.width(line)+2+st.width(it) > w:
			lines, line = append(lines, line), it
		default:
			line += "  " + it
		}
	}
	lines = append(lines, line)
	for i, ln := range lines {
		lines[i] = st.cut(ln, w)
	}
	return lines
}

// shortDate is "9月24日" or "24 Sep": a day without its weekday, for narrow places.
func shortDate(lang i18n.Lang, d store.Date) string {
	return lang.T(msgShortDate, int(d.Month), d.Day, d.Month.String()[:3])
}

// The teacher's open follow-ups from earlier observations, shown in the observation form:
// one line while another field has focus, the list when it has. c closes the chosen one
// with a note (saved with the observation); c again keeps it open.

// followUps is the form input for the open follow-ups: its value is the closings chosen.
type followUps struct {
	sh      *shared
	list    []store.FollowUp
	closing map[string]string // follow-up id → closing note
	cur     int
	focused bool
	noting  bool // the closing note is being typed
	note    *lineInput
	tooLong int // the length of a closing note refused as too long, until it is changed
}

func newFollowUps(sh *shared) *followUps {
	return &followUps{sh: sh, closing: map[string]string{}, note: newLineInput(sh.st.disp.mode, 41, 0)}
}

func (f *followUps) Focus() tea.Cmd { f.focused = true; return nil }
func (f *followUps) Blur()          { f.focused, f.noting = false, false; f.note.Blur() }
func (f *followUps) busy() bool     { return f.noting }

func (f *followUps) Value() string {
	if len(f.closing) == 0 {
		return ""
	}
	b, _ := json.Marshal(f.closing)
	return string(b)
}

func (f *followUps) SetValue(v string) {
	f.closing = map[string]string{}
	_ = json.Unmarshal([]byte(v), &f.closing)
}

// set shows the teacher's open follow-ups; closings of others are dropped.
func (f *followUps) set(list []store.FollowUp) {
	f.list, f.cur = list, 0
	for id := range f.closing {
		if !f.has(id) {
			delete(f.closing, id)
		}
	}
}

func (f *followUps) has(id string) bool {
	for _, fu := range f.list {
		if fu.ID == id {
			return true
		}
	}
	return false
}

// claims the keys that choose: ↑, ↓ and enter.
func (f *followUps) claims(k tea.KeyPressMsg) bool {
	switch k.String() {
	case "up", "down", "enter":
		return true
	}
	return false
}

func (f *followUps) Update(msg tea.Msg) tea.Cmd {
	if f.noting {
		if k, ok := msg.(tea.KeyPressMsg); ok {
			switch k.String() {
			case "enter":
				// The note takes whatever is pasted and is refused here, kept to be
				// shortened, when it is longer than a note may be.
				if n := utf8.RuneCountInString(f.note.Value()); n > store.MaxNote {
					f.tooLong = n
					return nil
				}
				f.closing[f.list[f.cur].ID] = strings.TrimSpace(f.note.Value())
				f.noting = false
				return nil
			case "esc":
				f.noting, f.tooLong = false, 0
				return nil
			}
		}
		before := f.note.Value()
		f.note.Update(msg)
		if f.note.Value() != before {
			f.tooLong = 0
		}
		return nil
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || len(f.list) == 0 {
		return nil
	}
	switch k.String() {
	case "up", "k":
		f.cur = max(0, f.cur-1)
	case "down", "j":
		f.cur = min(len(f.list)-1, f.cur+1)
	case "c", "x", "enter", "space":
		id := f.list[f.cur].ID
		if _, ok := f.closing[id]; ok {
			delete(f.closing, id) // keep it open after all
			return nil
		}
		f.noting = true
		f.note.SetValue("")
		return f.note.Focus()
	}
	return nil
}

func (f *followUps) complaint() string {
	if f.tooLong > 0 {
		return f.sh.T(msgLineLong, f.tooLong, store.MaxNote)
	}
	return ""
}

// hint is the message line while the list has focus: its keys, or the closing note asked.
func (f *followUps) hint() string {
	if f.noting {
		return f.sh.T(msgObsFUNote) + f.note.View()
	}
	return f.sh.st.dim.Render(f.sh.T(msgObsFUKeys))
}

// lines is how many lines View draws.
func (f *followUps) lines() int {
	switch {
	case len(f.list) == 0:
		return 0
	case f.focused:
		return 1 + min(len(f.list), 3)
	}
	return 1
}

// View is one line, or the list (three at a time) when focused, w cells wide.
func (f *followUps) view(title string, w int) []string {
	if len(f.list) == 0 {
		return nil
	}
	st, lang := f.sh.st, f.sh.lang
	one := func(fu store.FollowUp) string {
		from := shortDate(lang, fu.ObservedOn)
		if fu.Due.IsZero() {
			return lang.T(msgObsOpenFUNoDue, fu.Action, from)
		}
		return lang.T(msgObsOpenFUOne, fu.Action, shortDate(lang, fu.Due), from)
	}
	if !f.focused {
		s := title + " " + one(f.list[0])
		if n := len(f.list) - 1; n > 0 {
			s += lang.T(msgObsOpenMore, n)
		}
		if n := len(f.closing); n > 0 {
			s += lang.T(msgObsClosing, n)
		}
		return []string{st.cut(st.moved.Render("! ")+s, w)}
	}
	lines := []string{title}
	first := max(0, min(f.cur-1, len(f.list)-3))
	for i := first; i < len(f.list) && i < first+3; i++ {
		fu := f.list[i]
		s := one(fu)
		if note, ok := f.closing[fu.ID]; ok {
			s += "  " + st.info.Render(lang.T(msgObsWillClose, note))
		}
		mark := "  "
		if i == f.cur {
			mark = st.g.cursor + " "
		}
		lines = append(lines, st.cut(mark+st.text(s), w))
	}
	return lines
}

// View is the one line shown when the form draws the list elsewhere (see obsForm.layout).
func (f *followUps) View() string { return strings.Join(f.view(f.sh.T(msgObsOpenFU), 80), "\n") }

// closings are the follow-ups to close with the observation.
func (f *followUps) closings() []store.FollowUpClosing {
	var out []store.FollowUpClosing
	for _, fu := range f.list {
		if note, ok := f.closing[fu.ID]; ok {
			out = append(out, store.FollowUpClosing{ID: fu.ID, Note: note})
		}
	}
	return out
}

// followUpsMsg carries a teacher's open follow-ups from earlier observations.
type followUpsMsg struct {
	teacherID string
	list      []store.FollowUp
	err       error
}

// loadFollowUps reads teacher's open follow-ups, but those of observation self.
func loadFollowUps(sh *shared, teacher, self string) tea.Cmd {
	ctx, st := sh.ctx, sh.store
	return toTab(tabObservations, func() tea.Msg {
		list, err := st.OpenFollowUps(ctx, teacher)
		var earlier []store.FollowUp
		for _, f := range list {
			if self == "" || f.ObservationID != self {
				earlier = append(earlier, f)
			}
		}
		return followUpsMsg{teacherID: teacher, list: printable(earlier), err: err}
	})
}
