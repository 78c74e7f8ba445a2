package ui

import (
	"context"
	"errors"
	"strings"

	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
	"termbook/ui/quickadd"
)

var (
	msgObsListEmpty   = i18n.Msg{Zh: "还没有听课记录。按 n 新建一条。", En: "No observations yet. Press n to record one."}
	msgObsListNone    = i18n.Msg{Zh: "没有符合筛选的听课记录。", En: "No observations match the filter."}
	msgObsListKeys    = i18n.Msg{Zh: "n 新建  enter 打开  d 删除  u 撤销  / 筛选  esc 清除筛选  r 评课量表", En: "n new  enter open  d delete  u undo  / filter  esc clear filter  r rubric"}
	msgObsRubricSaved = i18n.Msg{Zh: "评课量表已保存；新的听课记录按它评分。", En: "Rubric saved; new observations are scored with it."}
	msgObsFilter      = i18n.Msg{Zh: "筛选（教师、听:教师、徒:教师、学科、w3、类别、学校）：", En: "Filter (teacher, by:teacher, pair:mentee, subject, w3, kind, school): "}
	msgObsFilterShown = i18n.Msg{Zh: "筛选：%s（%d条）", En: "Filter: %s (%d)"}
	msgObsCount       = i18n.Msg{Zh: "本学期听课记录 %d 条", En: "%d observations this term"}
	msgObsRowBy       = i18n.Msg{Zh: "%s听", En: "by %s"}
	msgObsSaved       = i18n.Msg{Zh: "已保存：%s %s", En: "Saved: %s %s"}
	msgObsNoTerm      = i18n.Msg{Zh: "还没有学期：请先在日历中建立学期。", En: "There is no term yet: create one in the calendar first."}
	msgObsUnknownTok  = i18n.Msg{Zh: "“%s”不是教师、学科、周次、类别或学校", En: "%s is not a teacher, subject, week, kind or school"}
	msgFilterTeacher  = i18n.Msg{Zh: "执教 %s", En: "teacher %s"}
	msgFilterObserver = i18n.Msg{Zh: "听课 %s", En: "observer %s"}
	msgFilterPair     = i18n.Msg{Zh: "师徒 %s", En: "pair of %s"}
)

// newObservationMsg asks the observations screen to open a new observation of a calendar
// activity (a 公开课, 汇报课 …) with its header filled.
type newObservationMsg struct{ activity store.Activity }

// obsScreen is the 听课 screen: the term's observations newest first, filtered, and the
// editor over it when one is open.
type obsScreen struct {
	env      obsEnv
	types    map[string]store.ActivityType
	list     []store.Observation
	cur      int
	top      int
	filter   store.ObservationFilter
	chips    []string
	input    *lineInput
	editing  bool // the filter line has focus
	editor   *obsEditor
	rubric   *rubricEditor
	offer    draftOffer
	w, h     int
	embedded bool // a tab of the program: its hint and status lines speak for the screen
	loaded   bool
	observer string // the last observer, the default for a new observation
	focusID  string // the observation to select once the list is loaded
	undo     softDeletes
	statusLine
}

func newObsScreen(env obsEnv) *obsScreen {
	in := newLineInput(env.st.disp.mode, 51, store.MaxShort)
	return &obsScreen{env: env, input: in, offer: draftOffer{lang: env.lang, st: env.st, db: env.db}, w: 80, h: 20,
		undo: softDeletes{owner: obsOwner}}
}

type obsListMsg struct {
	list   []store.Observation
	types  []store.ActivityType
	rubric store.Rubric
	err    error
}

type obsOpenMsg struct {
	o   store.Observation
	err error
}

// Init loads the list and the drafts kept from last time.
func (s *obsScreen) Init() tea.Cmd { return tea.Batch(s.load(), loadDrafts(s.env.db)) }

func (s *obsScreen) load() tea.Cmd {
	st, f := s.env.db, s.filter
	f.TermID = s.env.term.ID
	return func() tea.Msg {
		ctx := context.Background()
		list, err := st.Observations(ctx, f)
		if err != nil {
			return obsListMsg{err: err}
		}
		types, err := st.ActivityTypes(ctx)
		if err != nil {
			return obsListMsg{err: err}
		}
		rubric, err := st.DefaultRubric(ctx)
		if errors.Is(err, store.ErrNotFound) {
			err = nil
		}
		return obsListMsg{list: list, types: types, rubric: rubric, err: err}
	}
}

// setEnv takes the program's data after it was loaded or the people changed; an open editor
// keeps what it was opened with.
func (s *obsScreen) setEnv(env obsEnv) {
	s.env = env
	s.offer.lang, s.offer.st, s.offer.db = env.lang, env.st, env.db
}

// SetSize gives the screen its share of the terminal.
func (s *obsScreen) SetSize(w, h int) {
	if w == s.w && h == s.h {
		return
	}
	s.w, s.h = w, h
	s.input.SetWidth(max(11, w-29))
	if s.editor != nil {
		s.editor.SetSize(w, h)
	}
	if s.rubric != nil {
		s.rubric.SetSize(w, h)
	}
}

// Typing reports whether keys are text now (an editor or the filter line has focus), so the
// program keeps its own keys (q, 1–5 …) away.
func (s *obsScreen) Typing() bool {
	return s.editor != nil || s.rubric != nil || s.editing || s.offer.Active()
}

// Update handles a message for the screen.
func (s *obsScreen) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case obsListMsg:
		s.loaded = true
		if msg.err != nil {
			s.say(s.env.lang.Error(msg.err), true)
			return nil
		}
		s.list = msg.list
		s.env.rubric = msg.rubric
		s.types = map[string]store.ActivityType{}
		for _, t := range msg.types {
			s.types[t.ID] = t
		}
		if s.observer == "" && len(msg.list) > 0 && s.filter == (store.ObservationFilter{}) {
			s.observer = msg.list[0].ObserverID
			// An editor opened before the list came (from the calendar) gets the default too.
			if e := s.editor; e != nil && e.rec.ID == "" && e.observer.Value() == "" && !e.Dirty() && e.teacher.Value() != s.observer {
				e.observer.Set(s.observer)
				e.initial = e.payload()
				e.drafts.Seen(e.initial)
				if e.focus == stopObserver && e.teacher.Value() != "" {
					e.setFocus(stopProcess)
				}
			}
		}
		s.cur = min(s.cur, max(0, len(s.list)-1))
		for i, o := range s.list {
			if o.ID == s.focusID {
				s.cur = i
			}
		}
		s.focusID = ""
		return nil
	case draftsLoadedMsg:
		s.offer.drafts = nil
		for _, d := range msg.drafts {
			if d.Form == draftObservation {
				s.offer.drafts = append(s.offer.drafts, d)
			}
		}
		return nil
	case restoreDraftMsg:
		e, err := newObsEditorFromDraft(s.env, msg.draft)
		if err != nil {
			s.say(s.env.lang.Error(err), true)
			return nil
		}
		return s.open(e)
	case newObservationMsg:
		return s.open(newObsEditor(s.env, s.fromActivity(msg.activity)))
	case deletionMsg:
		if msg.owner == obsOwner {
			return s.deleted(msg)
		}
	case obsOpenMsg:
		if msg.err != nil {
			s.say(s.env.lang.Error(msg.err), true)
			return nil
		}
		return s.open(newObsEditor(s.env, msg.o))
	case tea.WindowSizeMsg:
		s.SetSize(msg.Width, msg.Height)
		return nil
	}
	if s.rubric != nil {
		cmd := s.rubric.Update(msg)
		if s.rubric.Done {
			if s.rubric.Saved != nil {
				s.env.rubric = *s.rubric.Saved
				s.say(s.env.lang.T(msgObsRubricSaved), false)
			}
			s.rubric = nil
		}
		return cmd
	}
	if s.editor != nil {
		cmd := s.editor.Update(msg)
		if s.editor.Done {
			saved := s.editor.Saved
			s.editor = nil
			if saved != nil {
				s.say(s.env.lang.T(msgObsSaved, s.env.teacher(saved.TeacherID).Name, saved.Topic), false)
				s.observer = saved.ObserverID
				s.focusID = saved.ID
			}
			return tea.Batch(cmd, s.load())
		}
		return cmd
	}
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return s.key(msg)
	case tea.PasteMsg:
		if s.editing {
			s.input.Update(msg)
		}
	}
	return nil
}

func (s *obsScreen) open(e *obsEditor) tea.Cmd {
	if s.env.term.ID == "" {
		s.say(s.env.lang.T(msgObsNoTerm), true)
		return nil
	}
	s.editor = e
	e.SetSize(s.w, s.h)
	return e.Init()
}

// fromActivity is a new observation of a calendar activity: its school, subject, teacher,
// topic, type and day (for an activity planned only by week or month, today when today
// falls in it, else its first day).
func (s *obsScreen) fromActivity(a store.Activity) store.Observation {
	kind := s.types[a.TypeID].Name
	if sh := s.env.sh; sh != nil && sh.data != nil {
		kind = sh.data.typeByID[a.TypeID].Name
	}
	o := store.Observation{ActivityID: a.ID, TeacherID: a.HostID, ObserverID: s.observer, Subject: a.Subject,
		Topic: lessonTitle(a.Title), Kind: kind}
	if a.HostID != "" {
		o.SchoolID = s.env.teacher(a.HostID).SchoolID
	}
	today := s.env.today
	switch {
	case a.Sched.Kind == store.ByDate:
		o.On = a.Sched.Date
	case !today.Before(a.First) && !a.Last.Before(today):
		o.On = today
	default:
		o.On = a.First
	}
	return o
}

func (s *obsScreen) key(k tea.KeyPressMsg) tea.Cmd {
	if s.offer.Active() {
		return s.offer.Update(k)
	}
	if s.editing {
		switch k.String() {
		case "enter":
			s.editing = false
			s.input.Blur()
			return s.applyFilter(s.input.Value())
		case "esc":
			s.editing = false
			s.input.Blur()
			return nil
		}
		s.input.Update(k)
		return nil
	}
	s.say("", false)
	switch k.String() {
	case "up", "k":
		s.cur = max(0, s.cur-1)
	case "down", "j":
		s.cur = min(len(s.list)-1, s.cur+1)
	case "g", "home":
		s.cur = 0
	case "G", "end":
		s.cur = max(0, len(s.list)-1)
	case "n":
		return s.open(newObsEditor(s.env, store.Observation{ObserverID: s.observer}))
	case "enter":
		if len(s.list) == 0 {
			return nil
		}
		id, st := s.list[s.cur].ID, s.env.db
		return func() tea.Msg {
			o, err := st.Observation(context.Background(), id)
			return obsOpenMsg{o: o, err: err}
		}
	case "d":
		return s.deleteCurrent()
	case "u":
		return s.undoDelete()
	case "r":
		if s.env.rubric.ID == "" {
			return nil
		}
		s.rubric = newRubricEditor(s.env, s.env.rubric)
		s.rubric.SetSize(s.w, s.h)
		return s.rubric.Init()
	case "/":
		s.editing = true
		return s.input.Focus()
	case "esc":
		if s.filter != (store.ObservationFilter{}) {
			s.input.SetValue("")
			return s.applyFilter("")
		}
	}
	return nil
}

// applyFilter reads the filter line: each word narrows the list.
func (s *obsScreen) applyFilter(text string) tea.Cmd {
	f, chips, err := s.parseFilter(text)
	if err != nil {
		s.say(err.Error(), true)
		return nil
	}
	s.filter, s.chips, s.cur, s.top = f, chips, 0, 0
	return s.load()
}

// parseFilter reads words such as 张三, 听:李四, 徒:王五, 语文, w3, 公开课, 五小.
func (s *obsScreen) parseFilter(text string) (store.ObservationFilter, []string, error) {
	lang := s.env.lang
	var f store.ObservationFilter
	var chips []string
	pickTeacher := func(q string) (store.Teacher, error) {
		found := store.FindTeachers(s.env.teachers, q)
		switch len(found) {
		case 1:
			return found[0], nil
		case 0:
			return store.Teacher{}, formError(lang.T(msgObsUnknownTok, q))
		}
		return store.Teacher{}, formError(lang.T(msgObsAmbiguous, q))
	}
	for _, w := range strings.Fields(text) {
		if q, ok := cutAnyPrefix(w, "听:", "听：", "by:"); ok {
			t, err := pickTeacher(q)
			if err != nil {
				return f, nil, err
			}
			f.ObserverID = t.ID
			chips = append(chips, lang.T(msgFilterObserver, t.Name))
			continue
		}
		if q, ok := cutAnyPrefix(w, "徒:", "徒：", "pair:"); ok {
			t, err := pickTeacher(q)
			if err != nil {
				return f, nil, err
			}
			pairs, err := s.env.db.MentorPairs(context.Background(), s.env.term.ID)
			if err != nil {
				return f, nil, formError(lang.Error(err))
			}
			for _, p := range pairs {
				if p.MenteeID == t.ID {
					f.PairID = p.ID
				}
			}
			if f.PairID == "" {
				return f, nil, formError(lang.T(msgObsUnknownTok, w))
			}
			chips = append(chips, lang.T(msgFilterPair, t.Name))
			continue
		}
		if n, err := quickadd.Week(w, s.env.sh.whenContext(0)); err == nil {
			f.Week = n
			chips = append(chips, lang.Week(n))
			continue
		}
		if isKind(w) {
			f.Kind = w
			chips = append(chips, w)
			continue
		}
		if sc, ok := s.school(w); ok {
			f.SchoolID = sc.ID
			chips = append(chips, sc.Label())
			continue
		}
		if found := store.FindTeachers(s.env.teachers, w); len(found) > 0 {
			t, err := pickTeacher(w)
			if err != nil {
				return f, nil, err
			}
			f.TeacherID = t.ID
			chips = append(chips, lang.T(msgFilterTeacher, t.Name))
			continue
		}
		f.Subject = w
		chips = append(chips, w)
	}
	return f, chips, nil
}

func cutAnyPrefix(s string, prefixes ...string) (string, bool) {
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(s, p); ok && rest != "" {
			return rest, true
		}
	}
	return "", false
}

func isKind(w string) bool {
	for _, k := range store.ObservationKinds {
		if k == w {
			return true
		}
	}
	return false
}

func (s *obsScreen) school(w string) (store.School, bool) {
	for _, sc := range s.env.schools {
		if sc.Name == w || sc.ShortName == w {
			return sc, true
		}
	}
	return store.School{}, false
}

// View draws the editor when one is open, else the list.
func (s *obsScreen) View() string {
	if s.rubric != nil {
		return s.rubric.View()
	}
	if s.editor != nil {
		return s.editor.View()
	}
	lang := s.env.lang
	var lines []string
	switch {
	case s.editing:
		lines = append(lines, s.env.st.cut(lang.T(msgObsFilter)+s.input.View(), s.w))
	case len(s.chips) > 0:
		lines = append(lines, s.env.st.cut(lang.T(msgObsFilterShown, strings.Join(s.chips, " · "), len(s.list)), s.w))
	default:
		lines = append(lines, s.env.st.cut(s.env.st.bold.Render(lang.T(msgObsCount, len(s.list))), s.w))
	}
	if s.offer.Active() {
		lines = append(lines, s.offer.View())
	}
	rows := s.h - len(lines) - 1
	if s.embedded {
		rows++
	}
	if s.loaded && len(s.list) == 0 {
		if len(s.chips) > 0 {
			lines = append(lines, lang.T(msgObsListNone))
		} else {
			lines = append(lines, lang.T(msgObsListEmpty))
		}
	}
	if s.cur < s.top {
		s.top = s.cur
	}
	if rows > 0 && s.cur >= s.top+rows {
		s.top = s.cur - rows + 1
	}
	for i := s.top; i < len(s.list) && i < s.top+rows; i++ {
		row := s.row(s.list[i])
		if i == s.cur {
			row = s.env.st.sel.Render(s.env.st.pad(row, s.w))
		}
		lines = append(lines, row)
	}
	if s.embedded {
		return strings.Join(lines, "\n")
	}
	return s.frame(s.env.st, lines, lang.T(msgObsListKeys), s.w, s.h)
}

// row is one observation in the list, cut to the width.
func (s *obsScreen) row(o store.Observation) string {
	lang := s.env.lang
	t := s.env.teacher(o.TeacherID)
	topic := o.Topic
	if topic != "" && !strings.HasPrefix(topic, "《") {
		topic = "《" + topic + "》"
	}
	score := "      "
	if o.Grade != "" {
		score = s.env.st.padLeft(formatPoints(o.Total), 5) + " " + lang.GradeLetter(o.Grade)
	}
	cols := []string{
		s.env.st.pad(lang.Date(o.On), 12),
		s.env.st.pad(lang.WeekShort(o.Week), 4),
		s.env.st.pad(lang.T(msgTeacherFmt, t.Name, s.env.schools[o.SchoolID].Label()), 12),
		s.env.st.pad(o.Subject, 4),
		score,
		s.env.st.pad(o.Kind, 6),
		s.env.st.pad(lang.T(msgObsRowBy, s.env.teacher(o.ObserverID).Name), 8),
		topic,
	}
	return s.env.st.cut(strings.Join(cols, " "), s.w)
}

// lessonTitle is the lesson's title in an activity's: "《秋天的雨》" of "语文公开课《秋天的雨》",
// or the whole title when it names no lesson.
func lessonTitle(title string) string {
	if i := strings.Index(title, "《"); i >= 0 {
		if j := strings.Index(title[i:], "》"); j >= 0 {
			return title[i : i+j+len("》")]
		}
	}
	return title
}
