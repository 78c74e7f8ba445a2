package ui

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

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
	msgObsLessonType   = i18n.Msg{Zh: "课型", En: "Type"}
	msgObsKind         = i18n.Msg{Zh: "类别", En: "Kind"}
	msgObsProcess      = i18n.Msg{Zh: "教学过程实录", En: "What happened"}
	msgObsComments     = i18n.Msg{Zh: "随堂点评", En: "Comments"}
	msgObsHighlights   = i18n.Msg{Zh: "亮点", En: "Strengths"}
	msgObsProblems     = i18n.Msg{Zh: "存在问题", En: "Problems"}
	msgObsSuggestions  = i18n.Msg{Zh: "改进建议", En: "Suggestions"}
	msgObsFollowUp     = i18n.Msg{Zh: "跟进事项", En: "Follow-up"}
	msgObsDue          = i18n.Msg{Zh: "期限", En: "Due"}
	msgObsOpenFU       = i18n.Msg{Zh: "待跟进", En: "Open follow-ups"}
	msgObsOpenFUOne    = i18n.Msg{Zh: "%s（%s前，%s听课）", En: "%s (due %s, from %s)"}
	msgObsOpenFUNoDue  = i18n.Msg{Zh: "%s（%s听课）", En: "%s (from %s)"}
	msgObsOpenMore     = i18n.Msg{Zh: " 等%d条", En: " and %d more"}
	msgObsWillClose    = i18n.Msg{Zh: "关闭：%s", En: "closing: %s"}
	msgObsClosing      = i18n.Msg{Zh: "，%d条保存时关闭", En: "; %d to close on save"}
	msgObsFUKeys       = i18n.Msg{Zh: "↑↓选择  c 关闭（写说明），再按 c 改回保留", En: "↑↓ choose  c close (with a note); c again keeps it open"}
	msgObsFUNote       = i18n.Msg{Zh: "关闭说明（enter 确定，esc 取消）：", En: "Closing note (enter to confirm, esc to cancel): "}
	msgObsGridKeys     = i18n.Msg{Zh: "填分后 空格/enter 下一项  ctrl+g 改为只评等级", En: "type a score, space/enter for the next  ctrl+g grades only"}
	msgObsGradeKeys    = i18n.Msg{Zh: "按 y优 l良 z中 c差（或 1-4）  ctrl+g 改为打分", En: "type y/l/z/c (or 1-4) for A-D  ctrl+g points"}
	msgObsPresetKeys   = i18n.Msg{Zh: "↑↓ 选常用值，也可直接输入；回车到下一个空栏", En: "↑↓ for common values, or type your own; enter goes to the next empty box"}
	msgObsAsk          = i18n.Msg{Zh: "放弃未保存的内容？ y 放弃  n 继续编辑", En: "Discard what you typed? y discard  n keep editing"}
	msgObsSaving       = i18n.Msg{Zh: "正在保存…", En: "Saving…"}
	msgObsNeedTeacher  = i18n.Msg{Zh: "请填写执教教师（姓名、拼音或首字母）", En: "Choose the teacher who taught (name, pinyin or initials)"}
	msgObsNeedObs      = i18n.Msg{Zh: "请填写听课人（姓名、拼音或首字母）", En: "Choose the observer (name, pinyin or initials)"}
	msgObsAmbiguous    = i18n.Msg{Zh: "“%s”对应多位教师，请用 ↑↓ 选一位", En: "%s matches several teachers; choose one with ↑↓"}
	msgObsSelf         = i18n.Msg{Zh: "听课人不能是执教教师本人", En: "The observer cannot be the teacher who taught"}
	msgObsBadPeriod    = i18n.Msg{Zh: "节次应是 0 到 12 的数字", En: "The period must be a number from 0 to 12"}
	msgObsWeek         = i18n.Msg{Zh: "第%d周", En: "week %d"}
	msgObsOutside      = i18n.Msg{Zh: "不在本学期", En: "outside the term"}
)

// obsEnv is what the observation screens need from the program: the store, the language,
// the current term and the people to choose from.
type obsEnv struct {
	sh       *shared
	st       *styles
	db       *store.Store
	lang     i18n.Lang
	term     store.Term
	teachers []store.Teacher
	schools  map[string]store.School
	today    store.Date
	rubric   store.Rubric // the rubric new observations are scored with
	ascii    bool         // draw rules and marks in ASCII only

	draftDelay time.Duration // how long typing may go unwritten; 0 for draftDelay
}

// bar is the vertical rule between the panes: a box-drawing line, or "|" when the program
// draws in ASCII (a terminal that shows box-drawing characters two cells wide).
func (env obsEnv) bar() string {
	if env.ascii {
		return "|"
	}
	return "│"
}

func (env obsEnv) teacher(id string) store.Teacher {
	for _, t := range env.teachers {
		if t.ID == id {
			return t
		}
	}
	return store.Teacher{}
}

// obsStop is one stop in the editor's tab order.
type obsStop int

const (
	stopTeacher obsStop = iota
	stopObserver
	stopDate
	stopPeriod
	stopSubject
	stopClass
	stopTopic
	stopLessonType
	stopKind
	stopProcess
	stopComments
	stopScores
	stopHighlights
	stopProblems
	stopSuggestions
	stopFollowUp
	stopDue
	stopOpenFollowUps
	stopCount
)

// obsEditor is the two-pane observation editor (听课记录): the lesson's header, 教学过程实录 |
// 随堂点评 side by side, the rubric, the summary and one follow-up action, with the teacher's
// open follow-ups from earlier observations to close or keep.
type obsEditor struct {
	env   obsEnv
	rec   store.Observation // what is being edited; ID "" for a new one
	focus obsStop
	w, h  int

	summaryH int // lines each summary field shows

	teacher, observer                 *personField
	date                              *dateField
	period, subject, class, topic     *lineField
	lessonType, kind                  *lineField
	process, comments                 *areaField
	highlights, problems, suggestions *areaField // the summary: small panes of their own
	followUp                          *lineField
	due                               *dateField
	grid                              *rubricGrid
	openFU                            []store.FollowUp // the teacher's open follow-ups from earlier observations
	openFor                           string           // the teacher they were loaded for
	closing                           map[string]string
	fuCur                             int
	fuNote                            *lineInput
	noting                            bool // the closing note is being typed

	initial string // the payload when opened: leaving asks only if it changed
	drafts  *draftKeeper
	asking  bool // "discard what you typed?"
	saving  bool
	message string // the last problem, in the user's language

	// Done is set when the editor is finished; Saved holds the saved record (nil when left
	// without saving).
	Done  bool
	Saved *store.Observation
}

// obsDraft is the editor's content as kept in a draft.
type obsDraft struct {
	draftLabel
	ID          string            `json:"id,omitempty"`
	ActivityID  string            `json:"activity_id,omitempty"`
	FollowUpID  string            `json:"followup_id,omitempty"`
	Teacher     string            `json:"teacher"`
	Observer    string            `json:"observer"`
	Date        string            `json:"date"`
	Period      string            `json:"period"`
	Subject     string            `json:"subject"`
	Class       string            `json:"class"`
	Topic       string            `json:"topic"`
	LessonType  string            `json:"lesson_type"`
	Kind        string            `json:"kind"`
	Process     string            `json:"process"`
	Comments    string            `json:"comments"`
	Highlights  string            `json:"highlights"`
	Problems    string            `json:"problems"`
	Suggestions string            `json:"suggestions"`
	FollowUp    string            `json:"followup"`
	Due         string            `json:"due"`
	Rubric      store.RubricSpec  `json:"rubric"`
	GradeOnly   bool              `json:"grade_only"`
	Points      []string          `json:"points"`
	Grades      []string          `json:"grades"`
	Closing     map[string]string `json:"closing,omitempty"`
}

// newObsEditor opens o in the editor: a new observation when o.ID is "" (its header may be
// filled already, from a calendar activity), else an existing one loaded with its texts.
func newObsEditor(env obsEnv, o store.Observation) *obsEditor {
	lang := env.lang
	e := &obsEditor{env: env, rec: o, closing: map[string]string{}}
	e.teacher = newPersonField(env.sh, lang.T(msgObsPickTeacher))
	e.observer = newPersonField(env.sh, lang.T(msgObsPickObserver))
	e.date = newDateField(env.sh)
	e.period = newLineField(env.st, 3, 2)
	e.period.replace = true
	e.subject = newLineField(env.st, 7, store.MaxName)
	e.class = newLineField(env.st, 12, store.MaxName)
	e.topic = newLineField(env.st, 15, store.MaxShort)
	e.lessonType = newLineField(env.st, 5, store.MaxName, store.LessonTypes...)
	e.kind = newLineField(env.st, 7, store.MaxName, store.ObservationKinds...)
	e.process = newAreaField(env.st, store.MaxLong)
	e.comments = newAreaField(env.st, store.MaxLong)
	e.highlights = newAreaField(env.st, store.MaxNote)
	e.problems = newAreaField(env.st, store.MaxNote)
	e.suggestions = newAreaField(env.st, store.MaxNote)
	e.followUp = newLineField(env.st, 41, store.MaxNote)
	e.due = newDateField(env.sh)
	e.fuNote = newLineInput(env.st.disp.mode, 41, store.MaxNote)

	if len(o.Rubric.Dimensions) == 0 {
		o.Rubric = env.rubric.Spec
	}
	if len(o.Rubric.Dimensions) == 0 {
		o.Rubric = store.DefaultRubricSpec()
	}
	e.grid = newRubricGrid(lang, env.st, o.Rubric)
	e.grid.Load(o)
	if o.ID == "" && o.ObserverID == o.TeacherID {
		o.ObserverID = "" // the usual observer taught this one
	}
	e.teacher.Set(o.TeacherID)
	e.observer.Set(o.ObserverID)
	if o.On.IsZero() {
		o.On = env.today
	}
	e.date.SetDate(o.On)
	if o.Period > 0 {
		e.period.SetValue(strconv.Itoa(o.Period))
	}
	e.subject.SetValue(o.Subject)
	e.class.SetValue(o.ClassName)
	e.topic.SetValue(o.Topic)
	e.lessonType.SetValue(o.LessonType)
	e.kind.SetValue(o.Kind)
	e.process.SetValue(o.Texts.Process)
	e.comments.SetValue(o.Texts.Comments)
	e.highlights.SetValue(o.Texts.Highlights)
	e.problems.SetValue(o.Texts.Problems)
	e.suggestions.SetValue(o.Texts.Suggestions)
	e.followUp.SetValue(o.FollowUp.Action)
	e.due.SetDate(o.FollowUp.Due)

	key := "observation:new"
	if o.ID != "" {
		key = "observation:" + o.ID
	}
	e.drafts = newDraftKeeper(env, key, draftObservation)
	e.initial = e.payload()
	e.drafts.Seen(e.initial)
	// A lesson whose header is known starts at the record of what happens.
	switch {
	case o.TeacherID == "":
		e.focus = stopTeacher
	case o.ObserverID == "":
		e.focus = stopObserver
	default:
		e.focus = stopProcess
	}
	e.SetSize(80, 20)
	return e
}

// newObsEditorFromDraft reopens an editor from a kept draft; the draft stays until the form
// is saved or discarded.
func newObsEditorFromDraft(env obsEnv, d store.Draft) (*obsEditor, error) {
	var p obsDraft
	if err := json.Unmarshal([]byte(d.Payload), &p); err != nil {
		return nil, err
	}
	o := store.Observation{ActivityID: p.ActivityID, Rubric: p.Rubric}
	o.ID = p.ID
	o.FollowUp.ID = p.FollowUpID
	e := newObsEditor(env, o)
	e.drafts = newDraftKeeper(env, d.Key, draftObservation)
	e.initial = "" // a restored draft always counts as typed
	e.apply(p)
	e.drafts.Seen(d.Payload)
	switch {
	case e.teacher.Value() == "":
		e.setFocus(stopTeacher)
	case e.observer.Value() == "":
		e.setFocus(stopObserver)
	default:
		e.setFocus(stopProcess) // back to the record, its cursor at the end of what was typed
	}
	return e, nil
}

// apply fills the fields from a draft payload.
func (e *obsEditor) apply(p obsDraft) {
	e.teacher.Set(p.Teacher)
	e.observer.Set(p.Observer)
	e.date.SetValue(p.Date)
	e.period.SetValue(p.Period)
	e.subject.SetValue(p.Subject)
	e.class.SetValue(p.Class)
	e.topic.SetValue(p.Topic)
	e.lessonType.SetValue(p.LessonType)
	e.kind.SetValue(p.Kind)
	e.process.SetValue(p.Process)
	e.comments.SetValue(p.Comments)
	e.highlights.SetValue(p.Highlights)
	e.problems.SetValue(p.Problems)
	e.suggestions.SetValue(p.Suggestions)
	e.followUp.SetValue(p.FollowUp)
	e.due.SetValue(p.Due)
	e.grid.gradeOnly = p.GradeOnly
	copy(e.grid.points, p.Points)
	copy(e.grid.grades, p.Grades)
	for id, note := range p.Closing {
		e.closing[id] = note
	}
}

// payload is the editor's content as JSON, for drafts and for "was anything typed?".
func (e *obsEditor) payload() string {
	p := obsDraft{
		ID: e.rec.ID, ActivityID: e.rec.ActivityID, FollowUpID: e.rec.FollowUp.ID,
		Teacher: e.teacher.Value(), Observer: e.observer.Value(), Date: e.date.Value(),
		Period: e.period.Value(), Subject: e.subject.Value(), Class: e.class.Value(), Topic: e.topic.Value(),
		LessonType: e.lessonType.Value(), Kind: e.kind.Value(),
		Process: e.process.Value(), Comments: e.comments.Value(), Highlights: e.highlights.Value(),
		Problems: e.problems.Value(), Suggestions: e.suggestions.Value(),
		FollowUp: e.followUp.Value(), Due: e.due.Value(),
		Rubric: e.grid.spec, GradeOnly: e.grid.gradeOnly, Points: e.grid.points, Grades: e.grid.grades,
		Closing: e.closing,
	}
	p.Label = e.label()
	b, _ := json.Marshal(p)
	return string(b)
}

// label names the record in a draft offer: "张三《春》".
func (e *obsEditor) label() string {
	name := e.env.teacher(e.teacher.Value()).Name
	topic := e.topic.Value()
	if topic != "" && !strings.HasPrefix(topic, "《") {
		topic = "《" + topic + "》"
	}
	return strings.TrimSpace(name + topic)
}

// Dirty reports whether leaving now would lose something typed.
func (e *obsEditor) Dirty() bool { return e.payload() != e.initial }

// Init loads the teacher's open follow-ups.
func (e *obsEditor) Init() tea.Cmd {
	return tea.Batch(e.setFocus(e.focus), e.loadFollowUps())
}

// SetSize gives the editor its share of the screen.
func (e *obsEditor) SetSize(w, h int) {
	e.w, e.h = w, h
	paneW := (w - 3) / 2
	// Each summary field shows two lines at 80×24 and more on a taller screen, but gives
	// lines back (down to one) before the record of the lesson drops below minPane.
	e.summaryH = min(maxSummary, 2+max(0, h-20)/6)
	for e.summaryH > 1 && h-e.fixedHeight() < minPane {
		e.summaryH--
	}
	paneH := max(minPane, h-e.fixedHeight())
	e.process.SetSize(paneW, paneH)
	e.comments.SetSize(w-3-paneW, paneH)
	sw := max(10, w-e.summaryLabelWidth()-1)
	for _, f := range e.summary() {
		f.SetSize(sw, e.summaryH)
	}
	e.followUp.in.SetWidth(max(11, w-29))
	e.grid.width = w
}

// The fewest lines the two big panes and each summary field show.
const (
	minPane    = 3
	maxSummary = 4
)

// fixedHeight is every line but the panes' text: the header, open follow-ups, pane titles 1,
// the grid, the three summary fields, follow-up 1, message 1.
func (e *obsEditor) fixedHeight() int {
	n := len(e.header()) + 1 + strings.Count(e.grid.View(), "\n") + 1 + 3*e.summaryH + 1 + 1
	return n + e.followUpLines()
}

// summaryLabels name the summary fields, in their order on screen.
var summaryLabels = []i18n.Msg{msgObsHighlights, msgObsProblems, msgObsSuggestions}

// summary is the three summary fields, in their order on screen.
func (e *obsEditor) summary() []*areaField {
	return []*areaField{e.highlights, e.problems, e.suggestions}
}

// summaryLabelWidth is the widest summary label, so the three fields' text lines up.
func (e *obsEditor) summaryLabelWidth() int {
	n := 0
	for _, m := range summaryLabels {
		n = max(n, e.env.st.width(e.env.lang.T(m)))
	}
	return n
}

// header lays the lesson's fields out in as many lines as the width needs (two at 80
// columns in Chinese).
func (e *obsEditor) header() []string {
	lang := e.env.lang
	field := func(m i18n.Msg, s obsStop, v string) string {
		l := e.env.st.label.Render(lang.T(m))
		if e.focus == s {
			l = e.env.st.focus.Render(lang.T(m))
		}
		return l + " " + v
	}
	week := ""
	if d, err := e.date.Date(); err == nil && !d.IsZero() {
		if w, in := e.env.term.WeekOf(d); in {
			week = " " + lang.T(msgObsWeek, w)
		} else {
			week = " " + e.env.st.err.Render(lang.T(msgObsOutside))
		}
	}
	items := []string{
		field(msgObsTeacher, stopTeacher, e.teacher.View()),
		field(msgObsObserver, stopObserver, e.observer.View()),
		field(msgObsDate, stopDate, e.date.lineField.View()) + week,
		field(msgObsPeriod, stopPeriod, e.period.View()),
		"\n", // the lesson itself starts a line of its own
		field(msgObsSubject, stopSubject, e.subject.View()),
		field(msgObsClass, stopClass, e.class.View()),
		field(msgObsTopic, stopTopic, e.topic.View()),
		field(msgObsLessonType, stopLessonType, e.lessonType.View()),
		field(msgObsKind, stopKind, e.kind.View()),
	}
	var lines []string
	line := ""
	for _, it := range items {
		switch {
		case it == "\n":
			lines, line = append(lines, line), ""
		case line == "":
			line = it
		case e.env.st.width(line)+2+e.env.st.width(it) > e.w:
			lines, line = append(lines, line), it
		default:
			line += "  " + it
		}
	}
	lines = append(lines, line)
	for i, l := range lines {
		lines[i] = e.env.st.cut(l, e.w)
	}
	return lines
}

func (e *obsEditor) followUpLines() int {
	switch {
	case len(e.openFU) == 0:
		return 0
	case e.focus == stopOpenFollowUps:
		return 1 + min(len(e.openFU), 3)
	}
	return 1
}

type followUpsLoadedMsg struct {
	teacherID string
	list      []store.FollowUp
	err       error
}

func (e *obsEditor) loadFollowUps() tea.Cmd {
	id, st, self := e.teacher.Value(), e.env.db, e.rec.ID
	if id == "" || id == e.openFor {
		return nil
	}
	e.openFor = id
	return func() tea.Msg {
		list, err := st.OpenFollowUps(context.Background(), id)
		var earlier []store.FollowUp
		for _, f := range list {
			if self == "" || f.ObservationID != self {
				earlier = append(earlier, f)
			}
		}
		return followUpsLoadedMsg{teacherID: id, list: earlier, err: err}
	}
}

type obsSavedMsg struct {
	o   store.Observation
	err error
}

func (e *obsEditor) field(s obsStop) interface {
	Focus() tea.Cmd
	Blur()
	Update(tea.Msg) tea.Cmd
} {
	switch s {
	case stopTeacher:
		return e.teacher
	case stopObserver:
		return e.observer
	case stopDate:
		return e.date
	case stopPeriod:
		return e.period
	case stopSubject:
		return e.subject
	case stopClass:
		return e.class
	case stopTopic:
		return e.topic
	case stopLessonType:
		return e.lessonType
	case stopKind:
		return e.kind
	case stopProcess:
		return e.process
	case stopComments:
		return e.comments
	case stopHighlights:
		return e.highlights
	case stopProblems:
		return e.problems
	case stopSuggestions:
		return e.suggestions
	case stopFollowUp:
		return e.followUp
	case stopDue:
		return e.due
	}
	return nil
}

func (e *obsEditor) setFocus(s obsStop) tea.Cmd {
	if f := e.field(e.focus); f != nil {
		f.Blur()
	}
	e.grid.focused = false
	e.focus = s
	var cmd tea.Cmd
	if f := e.field(s); f != nil {
		cmd = f.Focus()
	}
	if s == stopScores {
		e.grid.focused = true
	}
	e.SetSize(e.w, e.h)
	return cmd
}

// move goes to the next (or previous) stop; the grid's cells are stops of their own.
func (e *obsEditor) move(forward bool) tea.Cmd {
	if e.focus == stopScores {
		if forward && e.grid.Next() || !forward && e.grid.Prev() {
			return nil
		}
	}
	s := e.focus
	for {
		if forward {
			s = (s + 1) % stopCount
		} else {
			s = (s + stopCount - 1) % stopCount
		}
		if s != stopOpenFollowUps || len(e.openFU) > 0 {
			break
		}
	}
	if s == stopScores {
		if forward {
			e.grid.First()
		} else {
			e.grid.Last()
		}
	}
	return e.setFocus(s)
}

// onward is where enter goes from a header field: the next header field still empty, or the
// record of what happens when the header is complete. Tab still visits every field.
func (e *obsEditor) onward() tea.Cmd {
	if e.focus >= stopProcess {
		return e.move(true)
	}
	empty := map[obsStop]bool{
		stopTeacher: e.teacher.Value() == "", stopObserver: e.observer.Value() == "",
		stopDate: e.date.Value() == "", stopPeriod: e.period.Value() == "",
		stopSubject: e.subject.Value() == "", stopClass: e.class.Value() == "", stopTopic: e.topic.Value() == "",
		stopLessonType: e.lessonType.Value() == "", stopKind: e.kind.Value() == "",
	}
	for s := e.focus + 1; s < stopProcess; s++ {
		if empty[s] {
			return e.setFocus(s)
		}
	}
	return e.setFocus(stopProcess)
}

// Update handles a message while the editor is open.
func (e *obsEditor) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case followUpsLoadedMsg:
		if msg.err != nil {
			e.message = e.env.lang.Error(msg.err)
		} else if msg.teacherID == e.teacher.Value() {
			e.openFU, e.fuCur = msg.list, 0
			if len(e.closing) > 0 {
				for id := range e.closing {
					if !e.hasOpen(id) {
						delete(e.closing, id)
					}
				}
			}
			e.SetSize(e.w, e.h)
		}
		return nil
	case draftTickMsg:
		if msg.key == e.drafts.key {
			return e.drafts.Tick(e.payload())
		}
		return nil
	case draftSavedMsg:
		if msg.err != nil && msg.key == e.drafts.key {
			e.message = e.env.lang.T(msgDraftFailed, e.env.lang.Error(msg.err))
		}
		return nil
	case obsSavedMsg:
		e.saving = false
		if msg.err != nil {
			e.message = e.env.lang.Error(msg.err)
			return nil
		}
		e.Done, e.Saved = true, &msg.o
		return nil
	case tea.KeyPressMsg, tea.PasteMsg:
		before := e.payload()
		var cmd tea.Cmd
		if k, ok := msg.(tea.KeyPressMsg); ok {
			cmd = e.key(k)
		} else {
			e.paste(msg.(tea.PasteMsg))
		}
		e.SetSize(e.w, e.h) // a chosen teacher or a long word may change the header's lines
		if !e.Done && e.payload() != before {
			return tea.Batch(cmd, e.drafts.Changed())
		}
		return cmd
	}
	return nil
}

func (e *obsEditor) hasOpen(id string) bool {
	for _, f := range e.openFU {
		if f.ID == id {
			return true
		}
	}
	return false
}

func (e *obsEditor) key(msg tea.KeyPressMsg) tea.Cmd {
	if e.saving {
		return nil
	}
	if e.asking {
		if answerDiscard(&e.asking, msg) {
			e.Done = true
			return e.drafts.Discard()
		}
		return nil
	}
	if e.noting {
		return e.noteKey(msg)
	}
	e.message = ""
	if p := e.picking(); p != nil {
		return e.personKey(p, msg)
	}
	switch msg.String() {
	case "ctrl+s":
		return e.save()
	case "esc":
		if e.Dirty() {
			e.asking = true
			return nil
		}
		e.Done = true
		return e.drafts.Discard()
	case "tab":
		return e.move(true)
	case "shift+tab":
		return e.move(false)
	case "ctrl+g":
		e.grid.ToggleMode()
		return nil
	}
	switch e.focus {
	case stopScores:
		e.grid.Update(msg)
		e.message = e.grid.problem
		return nil
	case stopOpenFollowUps:
		return e.followUpKey(msg)
	}
	if e.focus == stopTeacher || e.focus == stopObserver {
		return e.personKey(e.field(e.focus).(*personField), msg)
	}
	if e.focus == stopPeriod && typed(msg) {
		digits := []rune(msg.Text) // an IME may send full-width digits
		for i, r := range digits {
			if digits[i] = halfWidth(r); digits[i] < '0' || digits[i] > '9' {
				e.message = e.env.lang.T(msgObsBadPeriod)
				return nil
			}
		}
		msg.Text = string(digits)
	}
	// enter in a one-line field moves on, as in a paper form's next box, and so it does in the
	// short summary fields, where shift+enter (alt+enter) starts a new line; in the record and
	// the comments enter starts a new line.
	if msg.String() == "enter" && !e.longPane(e.focus) {
		return e.onward()
	}
	return e.field(e.focus).Update(msg)
}

// longPane reports whether stop s is one of the two panes of running text, where enter
// starts a new line.
func (e *obsEditor) longPane(s obsStop) bool { return s == stopProcess || s == stopComments }

// paste puts pasted text into the focused text field, never into the form's keys; what the
// field's length cannot take is named on the message line.
func (e *obsEditor) paste(msg tea.PasteMsg) {
	if e.saving || e.asking {
		return
	}
	if e.noting {
		e.fuNote.Update(msg)
		e.sayCutShort(e.fuNote.cutShort)
		return
	}
	if p := e.picking(); p != nil {
		p.picker.paste(msg)
		return
	}
	switch f := e.field(e.focus).(type) {
	case *areaField:
		f.Update(msg)
		e.sayCutShort(f.cutShort)
	case *lineField:
		f.Update(msg)
		e.sayCutShort(f.in.cutShort)
	case *dateField:
		f.Update(msg)
	}
}

func (e *obsEditor) sayCutShort(n int) {
	if n > 0 {
		e.message = e.env.lang.T(msgCutShort, n)
	}
}

// picking is the person field whose picker is open, or nil.
func (e *obsEditor) picking() *personField {
	for _, f := range []*personField{e.teacher, e.observer} {
		if f.Picking() {
			return f
		}
	}
	return nil
}

// personKey hands a key to the teacher or observer field (and its picker); a teacher picked
// moves on to the next field, and a new teacher brings their subject and open follow-ups.
func (e *obsEditor) personKey(f *personField, msg tea.KeyPressMsg) tea.Cmd {
	before := e.teacher.Value()
	cmd := f.Update(msg)
	var cmds []tea.Cmd
	if e.teacher.Value() != before {
		e.openFU, e.closing = nil, map[string]string{}
		if t := e.env.teacher(e.teacher.Value()); t.ID != "" && e.subject.Value() == "" && len(t.Subjects) > 0 {
			e.subject.SetValue(t.Subjects[0])
		}
		cmds = append(cmds, e.loadFollowUps())
	}
	if f.picked {
		f.picked = false
		cmds = append(cmds, e.onward())
	}
	return tea.Batch(append(cmds, cmd)...)
}

func (e *obsEditor) followUpKey(msg tea.KeyPressMsg) tea.Cmd {
	if len(e.openFU) == 0 {
		return nil
	}
	switch msg.String() {
	case "up", "k":
		e.fuCur = max(0, e.fuCur-1)
	case "down", "j":
		e.fuCur = min(len(e.openFU)-1, e.fuCur+1)
	case "c", "x", "enter", "space":
		id := e.openFU[e.fuCur].ID
		if _, ok := e.closing[id]; ok {
			delete(e.closing, id) // keep it open after all
			return nil
		}
		e.noting = true
		e.fuNote.SetValue("")
		return e.fuNote.Focus()
	}
	return nil
}

func (e *obsEditor) noteKey(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "enter":
		e.closing[e.openFU[e.fuCur].ID] = strings.TrimSpace(e.fuNote.Value())
		e.noting = false
		e.fuNote.Blur()
		return nil
	case "esc":
		e.noting = false
		e.fuNote.Blur()
		return nil
	}
	e.fuNote.Update(msg)
	return nil
}

// build turns the fields into an observation, or says in one sentence what must be fixed
// (and moves the focus there).
func (e *obsEditor) build() (store.Observation, error) {
	lang := e.env.lang
	o := e.rec
	o.TermID = e.env.term.ID
	fail := func(s obsStop, m string) (store.Observation, error) {
		e.setFocus(s)
		return o, formError(m)
	}
	for _, tf := range []struct {
		f    *personField
		stop obsStop
		need i18n.Msg
	}{{e.teacher, stopTeacher, msgObsNeedTeacher}, {e.observer, stopObserver, msgObsNeedObs}} {
		if tf.f.Value() == "" {
			return fail(tf.stop, lang.T(tf.need))
		}
	}
	o.TeacherID, o.ObserverID = e.teacher.Value(), e.observer.Value()
	if o.TeacherID == o.ObserverID {
		return fail(stopObserver, lang.T(msgObsSelf))
	}
	o.SchoolID = e.env.teacher(o.TeacherID).SchoolID
	var err error
	if o.On, err = e.date.Date(); err != nil {
		return fail(stopDate, err.Error())
	}
	o.Period = 0
	if p := e.period.Value(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > 12 {
			return fail(stopPeriod, lang.T(msgObsBadPeriod))
		}
		o.Period = n
	}
	o.Subject, o.ClassName, o.Topic = e.subject.Value(), e.class.Value(), e.topic.Value()
	o.LessonType, o.Kind = e.lessonType.Value(), e.kind.Value()
	o.Texts = store.ObservationTexts{
		Process: e.process.Value(), Comments: e.comments.Value(),
		// A summary is a cell in the registers: a last enter adds no empty line there.
		Highlights: strings.TrimSpace(e.highlights.Value()), Problems: strings.TrimSpace(e.problems.Value()),
		Suggestions: strings.TrimSpace(e.suggestions.Value()),
	}
	o.FollowUp.Action = e.followUp.Value()
	if o.FollowUp.Due, err = e.due.Date(); err != nil {
		return fail(stopDue, err.Error())
	}
	if err := e.grid.Fill(&o); err != nil {
		_, first := e.grid.filled()
		e.grid.cur = first
		return fail(stopScores, err.Error())
	}
	o.Closing = nil
	for _, f := range e.openFU {
		if note, ok := e.closing[f.ID]; ok {
			o.Closing = append(o.Closing, store.FollowUpClosing{ID: f.ID, Note: note})
		}
	}
	return o, nil
}

func (e *obsEditor) save() tea.Cmd {
	o, err := e.build()
	if err != nil {
		e.message = err.Error()
		return nil
	}
	e.saving = true
	st, drafts := e.env.db, e.drafts
	return func() tea.Msg {
		ctx := context.Background()
		var err error
		if o.ID == "" {
			o, err = st.CreateObservation(ctx, o)
		} else {
			o, err = st.UpdateObservation(ctx, o)
		}
		if err == nil {
			// The record is saved; a draft left behind would only offer it again.
			_ = drafts.forget(ctx)
		}
		return obsSavedMsg{o: o, err: err}
	}
}

// View draws the editor in its w×h share of the screen.
func (e *obsEditor) View() string {
	lang := e.env.lang
	label := func(m i18n.Msg, s obsStop) string {
		if e.focus == s {
			return e.env.st.focus.Render(lang.T(m))
		}
		return e.env.st.label.Render(lang.T(m))
	}
	field := func(m i18n.Msg, s obsStop, v string) string { return label(m, s) + " " + v }
	var lines []string
	focusAt := 0 // the line of the focused field, kept in sight on a screen too short
	mark := func(s obsStop) {
		if e.focus == s {
			focusAt = len(lines)
		}
	}
	lines = append(lines, e.header()...)
	mark(stopOpenFollowUps)
	lines = append(lines, e.followUpView()...)

	paneW := (e.w - 3) / 2
	mark(stopProcess)
	mark(stopComments)
	lines = append(lines, e.env.st.pad(label(msgObsProcess, stopProcess), paneW)+" "+e.env.bar()+" "+label(msgObsComments, stopComments))
	// The panes are cut and padded in the program's width mode, the measure the text areas
	// wrap by, so typed “quotes” or dashes never push the rule aside.
	left, right := strings.Split(e.process.View(), "\n"), strings.Split(e.comments.View(), "\n")
	for i := 0; i < e.process.ta.Height(); i++ {
		var l, r string
		if i < len(left) {
			l = left[i]
		}
		if i < len(right) {
			r = right[i]
		}
		lines = append(lines, e.env.st.fit(l, paneW)+" "+e.env.bar()+" "+r)
	}
	mark(stopScores)
	lines = append(lines, strings.Split(e.grid.View(), "\n")...)
	// The summary fields wrap beside their labels: 亮点 / 存在问题 / 改进建议.
	lw := e.summaryLabelWidth()
	for i, f := range e.summary() {
		title := e.env.st.pad(label(summaryLabels[i], stopHighlights+obsStop(i)), lw)
		mark(stopHighlights + obsStop(i))
		for j, l := range strings.Split(f.View(), "\n") {
			if j > 0 {
				title = strings.Repeat(" ", lw)
			}
			lines = append(lines, title+" "+l)
		}
	}
	mark(stopFollowUp)
	mark(stopDue)
	lines = append(lines,
		e.env.st.cut(field(msgObsFollowUp, stopFollowUp, e.followUp.View())+"  "+field(msgObsDue, stopDue, e.due.lineField.View()), e.w))
	if n := e.h - 1; n > 0 && len(lines) > n {
		// Too short a screen for everything: the body scrolls to keep the focused field in
		// sight.
		first := min(max(0, focusAt-n/2), len(lines)-n)
		lines = lines[first : first+n]
	}
	lines = append(lines, e.env.st.cut(e.messageLine(), e.w))
	view := strings.Join(lines, "\n")
	if p := e.picking(); p != nil {
		return overlayBottom(view, p.PickerView(e.w), e.h)
	}
	return view
}

// overlayBottom draws box over the last lines of a view h lines high.
func overlayBottom(view, box string, h int) string {
	lines := strings.Split(view, "\n")
	boxLines := strings.Split(box, "\n")
	keep := max(0, min(len(lines), h-len(boxLines)))
	return strings.Join(append(lines[:keep], boxLines...), "\n")
}

// messageLine is the editor's last line: a question, a problem, or what the focused field
// needs to know.
func (e *obsEditor) messageLine() string {
	lang := e.env.lang
	switch {
	case e.asking:
		return e.env.st.moved.Render(lang.T(msgObsAsk))
	case e.saving:
		return lang.T(msgObsSaving)
	case e.noting:
		return lang.T(msgObsFUNote) + e.fuNote.View()
	case e.message != "":
		return e.env.st.err.Render(e.message)
	}
	switch e.focus {
	case stopTeacher, stopObserver:
		return e.env.st.dim.Render(lang.T(msgObsPersonKeys))
	case stopDate, stopDue:
		f := e.date
		if e.focus == stopDue {
			f = e.due
		}
		if _, err := f.Date(); err != nil {
			return e.env.st.err.Render(lang.T(msgBadDay))
		}
	case stopScores:
		if e.grid.gradeOnly {
			return e.env.st.dim.Render(lang.T(msgObsGradeKeys))
		}
		return e.env.st.dim.Render(lang.T(msgObsGridKeys))
	case stopLessonType, stopKind:
		return e.env.st.dim.Render(lang.T(msgObsPresetKeys))
	case stopOpenFollowUps:
		return e.env.st.dim.Render(lang.T(msgObsFUKeys))
	}
	return "" // the program's hint line names the form's keys
}

// followUpView shows the teacher's open follow-ups: one line, or the list when focused.
func (e *obsEditor) followUpView() []string {
	if len(e.openFU) == 0 {
		return nil
	}
	lang := e.env.lang
	one := func(f store.FollowUp) string {
		from := shortDate(lang, f.ObservedOn)
		if f.Due.IsZero() {
			return lang.T(msgObsOpenFUNoDue, f.Action, from)
		}
		return lang.T(msgObsOpenFUOne, f.Action, shortDate(lang, f.Due), from)
	}
	title := e.label2(lang.T(msgObsOpenFU), e.focus == stopOpenFollowUps) + " "
	if e.focus != stopOpenFollowUps {
		s := title + one(e.openFU[0])
		if n := len(e.openFU) - 1; n > 0 {
			s += lang.T(msgObsOpenMore, n)
		}
		if n := len(e.closing); n > 0 {
			s += lang.T(msgObsClosing, n)
		}
		return []string{e.env.st.cut(e.env.st.moved.Render("! ")+s, e.w)}
	}
	lines := []string{title}
	first := max(0, min(e.fuCur-1, len(e.openFU)-3))
	for i := first; i < len(e.openFU) && i < first+3; i++ {
		f := e.openFU[i]
		s := one(f)
		if note, ok := e.closing[f.ID]; ok {
			s += "  " + e.env.st.info.Render(lang.T(msgObsWillClose, note))
		}
		mark := "  "
		if i == e.fuCur {
			mark = "> "
		}
		lines = append(lines, e.env.st.cut(mark+s, e.w))
	}
	return lines
}

func (e *obsEditor) label2(s string, focused bool) string {
	if focused {
		return e.env.st.focus.Render(s)
	}
	return e.env.st.label.Render(s)
}

// shortDate is "9月24日" or "24 Sep": a day without its weekday, for narrow places.
func shortDate(lang i18n.Lang, d store.Date) string {
	return lang.T(msgShortDate, int(d.Month), d.Day, d.Month.String()[:3])
}

var msgShortDate = i18n.Msg{Zh: "%[1]d月%[2]d日", En: "%[2]d %[3]s"}
