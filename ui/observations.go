package ui

import (
	"context"
	"errors"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
	"termbook/ui/quickadd"
)

var (
	msgObservations   = i18n.Msg{Zh: "听课", En: "Observations"}
	msgObsListEmpty   = i18n.Msg{Zh: "还没有听课记录。按 n 新建一条。", En: "No observations yet. Press n to record one."}
	msgObsListNone    = i18n.Msg{Zh: "没有符合筛选的听课记录。", En: "No observations match the filter."}
	msgObsAskFilter   = i18n.Msg{Zh: "筛选（教师、听:教师、徒:教师、学科、周次、类别、学校）：", En: "Filter (teacher, by:teacher, pair:mentee, subject, week, kind, school):"}
	msgObsFilterShown = i18n.Msg{Zh: "筛选：%s（%d条，esc 清除）", En: "Filter: %s (%d, esc clears)"}
	msgObsCount       = i18n.Msg{Zh: "本学期听课记录 %d 条", En: "%d observations this term"}
	msgObsRowBy       = i18n.Msg{Zh: "%s听", En: "by %s"}
	msgObsSaved       = i18n.Msg{Zh: "已保存：%s %s", En: "Saved: %s %s"}
	msgObsNoTerm      = i18n.Msg{Zh: "还没有学期：请先在日历中建立学期。", En: "There is no term yet: create one in the calendar first."}
	msgObsUnknownTok  = i18n.Msg{Zh: "“%s”不是教师、学科、周次、类别或学校", En: "%s is not a teacher, subject, week, kind or school"}
	msgObsAmbiguous   = i18n.Msg{Zh: "“%s”对应多位教师，请写全名或加上学校", En: "%s matches several teachers; write the whole name or add the school"}
	msgFilterTeacher  = i18n.Msg{Zh: "执教 %s", En: "teacher %s"}
	msgFilterObserver = i18n.Msg{Zh: "听课 %s", En: "observer %s"}
	msgFilterPair     = i18n.Msg{Zh: "师徒 %s", En: "pair of %s"}
)

// newObservationMsg opens a new observation of a calendar activity (a 公开课, 汇报课 …) with
// its header filled, on the 听课 tab.
type newObservationMsg struct{ activity store.Activity }

// observe opens a new observation of a calendar activity on the 听课 tab.
func observe(a store.Activity) tea.Cmd {
	return func() tea.Msg { return switchMsg{tab: tabObservations, msg: newObservationMsg{activity: a}} }
}

// observations is the 听课 screen: the term's observations newest first, filtered, and the
// observation or rubric form over it when one is open.
type observations struct {
	sh         *shared
	list       []store.Observation
	cur, top   int
	filter     obsFilter
	rubric     store.Rubric // the rubric new observations are scored with
	editor     *obsForm
	rubrics    *catalog       // the rubrics, shown over the list
	rubricList []store.Rubric // as last read, for the catalogue
	loaded     bool
	observer   string // the last observer, the default for a new observation
	focusID    string // the observation to select once the list is loaded
}

// obsFilter is the list's filter as typed, and as read.
type obsFilter struct {
	text  string
	by    store.ObservationFilter
	chips []string // what each word was read as, for the heading
}

func newObservations(sh *shared) screen { return &observations{sh: sh} }

func (s *observations) title() i18n.Msg { return msgObservations }

// capturing: keys are text while a form is open.
func (s *observations) capturing() bool { return s.shownForm() != nil || s.rubrics != nil }

func (s *observations) shownForm() *form {
	switch {
	case s.editor != nil:
		return s.editor.form
	case s.rubrics != nil:
		return s.rubrics.form
	}
	return nil
}

func (s *observations) shortHelp() []key.Binding {
	if s.rubrics != nil {
		return s.rubrics.shortHelp()
	}
	if f := s.shownForm(); f != nil {
		return f.shortHelp()
	}
	k := s.sh.keys
	return []key.Binding{k.upDown, k.New, k.Open, k.Delete, k.Undo, k.Filter, k.Rubric}
}

func (s *observations) fullHelp() [][]key.Binding {
	k := s.sh.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom},
		{k.New, k.Open, k.Delete, k.Undo, k.Filter, k.Clear, k.Rubric},
		{k.Save, k.Leave, k.NextField, k.NewLine, k.GradeMode},
	}
}

// obsListMsg carries the observations (for filter, as read) and the rubric.
type obsListMsg struct {
	list   []store.Observation
	rubric store.Rubric
	filter obsFilter
	err    error
}

type obsOpenMsg struct {
	o     store.Observation
	draft *store.Draft // a draft of it to fill the form from
	err   error
}

// load reads the list for filter f (its words read against the term's teachers and mentor
// pairs, in the command), and the rubric.
func (s *observations) load(f obsFilter) tea.Cmd {
	d := s.sh.data
	if d == nil {
		return nil
	}
	ctx, st, l, when := s.sh.ctx, s.sh.store, s.sh.lang, s.sh.whenContext(0)
	term, teachers, schools := d.term, d.teachers, d.schools
	return toTab(tabObservations, func() tea.Msg {
		if f.text != "" {
			var err error
			if f.by, f.chips, err = readObsFilter(ctx, st, l, when, term, teachers, schools, f.text); err != nil {
				return obsListMsg{filter: f, err: err}
			}
		}
		by := f.by
		by.TermID = term.ID
		list, err := st.Observations(ctx, by)
		if err != nil {
			return obsListMsg{filter: f, err: err}
		}
		rubric, err := st.DefaultRubric(ctx)
		if errors.Is(err, store.ErrNotFound) {
			err = nil
		}
		return obsListMsg{list: printable(list), rubric: printable(rubric), filter: f, err: err}
	})
}

func (s *observations) reload() tea.Cmd { return s.load(s.filter) }

// reloadAt reads the list again and selects the observation focus once it comes.
func (s *observations) reloadAt(focus string) tea.Cmd {
	if focus != "" {
		s.focusID = focus
	}
	return s.reload()
}

func (s *observations) update(msg tea.Msg) tea.Cmd {
	if cmd, ok := s.sh.deletion(msg, s.reloadAt); ok {
		return cmd
	}
	switch msg := msg.(type) {
	case loadedMsg, peopleMsg, shownMsg:
		return s.reload()
	case obsListMsg:
		return s.listed(msg)
	case newObservationMsg:
		return s.open(s.fromActivity(msg.activity), nil)
	case obsOpenMsg:
		if msg.err != nil {
			return status(s.sh.lang.Error(msg.err), true)
		}
		return s.open(msg.o, msg.draft)
	case obsSavedMsg:
		return s.saved(msg)
	case rubricsMsg:
		return s.rubricsRead(msg)
	case answerMsg:
		if msg.kind != askObsFilter {
			return nil
		}
		if msg.cancelled {
			return nil
		}
		return s.load(obsFilter{text: strings.TrimSpace(msg.text)})
	case followUpsMsg:
		if s.editor != nil {
			return s.editor.update(msg)
		}
		return nil
	case tea.KeyPressMsg, tea.PasteMsg:
		if s.editor != nil {
			return s.editor.update(msg)
		}
		if s.rubrics != nil {
			return s.rubrics.update(msg)
		}
		return formOr(nil, msg, s.key)
	}
	return nil
}

// listed takes a list read: a filter that could not be read is asked again as typed.
func (s *observations) listed(msg obsListMsg) tea.Cmd {
	s.loaded = true
	if msg.err != nil {
		if msg.filter.text != s.filter.text {
			s.sh.ask(askObsFilter, s.sh.T(msgObsAskFilter), msg.filter.text, false)
		}
		return status(s.sh.lang.Error(msg.err), true)
	}
	if msg.filter.text != s.filter.text {
		s.cur, s.top = 0, 0
	}
	s.list, s.rubric, s.filter = msg.list, msg.rubric, msg.filter
	if s.observer == "" && len(msg.list) > 0 && s.filter.text == "" {
		s.observer = msg.list[0].ObserverID
		// A form opened before the list came (from the calendar) gets the default too.
		if e := s.editor; e != nil && e.rec.ID == "" && e.observer.Value() == "" && !e.dirty() && e.teacher.Value() != s.observer {
			e.observer.SetValue(s.observer)
			e.initial = e.valuesKey()
			if e.drafts != nil {
				e.drafts.Seen(e.payload())
			}
			if e.focused().name == "observer" && e.teacher.Value() != "" {
				e.focusOn("process")
			}
		}
	}
	s.cur = min(s.cur, max(0, len(s.list)-1))
	if i := slices.IndexFunc(s.list, func(o store.Observation) bool { return o.ID == s.focusID }); i >= 0 {
		s.cur = i
	}
	s.focusID = ""
	return nil
}

// open opens the observation form on o, filled from draft when there is one.
func (s *observations) open(o store.Observation, draft *store.Draft) tea.Cmd {
	if s.sh.data == nil {
		return status(s.sh.T(msgObsNoTerm), true)
	}
	e := newObsForm(s.sh, o, s.rubric)
	e.onClose = func() { s.editor = nil }
	s.editor = e
	if draft != nil {
		fd, err := readDraft(*draft)
		if err != nil {
			return status(s.sh.lang.Error(err), true)
		}
		e.restore(*draft, fd)
		switch {
		case e.teacher.Value() == "":
			e.focusOn("teacher")
		case e.observer.Value() == "":
			e.focusOn("observer")
		default:
			e.focusOn("process") // back to the record, its caret at the end of what was typed
		}
	}
	return e.teacherChanged()
}

// saved closes the form of a saved observation and selects it in the list.
func (s *observations) saved(msg obsSavedMsg) tea.Cmd {
	if s.editor == nil || !s.editor.settled(msg.err) {
		return nil
	}
	s.observer, s.focusID = msg.o.ObserverID, msg.o.ID
	return tea.Batch(status(s.sh.T(msgObsSaved, s.sh.teacher(msg.o.TeacherID).Name, msg.o.Topic), false), s.reload())
}

// restore opens the form a draft was typed into: a new observation at once, an existing one
// once it is read again.
func (s *observations) restore(d store.Draft, fd formDraft) tea.Cmd {
	if fd.ID == "" {
		return s.open(store.Observation{ActivityID: fd.Parent}, &d)
	}
	ctx, st := s.sh.ctx, s.sh.store
	return toTab(tabObservations, func() tea.Msg {
		o, err := st.Observation(ctx, fd.ID)
		if errors.Is(err, store.ErrNotFound) {
			return obsOpenMsg{o: store.Observation{}, draft: &d} // the record is gone: a new one
		}
		return obsOpenMsg{o: printable(o), draft: &d, err: err}
	})
}

// fromActivity is a new observation of a calendar activity: its school, subject, teacher,
// topic, type and day (for an activity planned only by week or month, today when today
// falls in it, else its first day).
func (s *observations) fromActivity(a store.Activity) store.Observation {
	o := store.Observation{ActivityID: a.ID, TeacherID: a.HostID, ObserverID: s.observer, Subject: a.Subject,
		Topic: lessonTitle(a.Title), Kind: s.sh.data.typeByID[a.TypeID].Name, SchoolID: s.sh.teacher(a.HostID).SchoolID}
	today := s.sh.today
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

func (s *observations) key(k tea.KeyPressMsg) tea.Cmd {
	keys := s.sh.keys
	switch {
	case keys.moveIn(k, &s.cur, len(s.list)):
	case key.Matches(k, keys.New):
		return s.open(store.Observation{ObserverID: s.observer}, nil)
	case key.Matches(k, keys.Open):
		if len(s.list) == 0 {
			return nil
		}
		ctx, id, st := s.sh.ctx, s.list[s.cur].ID, s.sh.store
		return toTab(tabObservations, func() tea.Msg {
			o, err := st.Observation(ctx, id)
			return obsOpenMsg{o: printable(o), err: err}
		})
	case key.Matches(k, keys.Delete):
		if len(s.list) == 0 {
			return nil
		}
		o := s.list[s.cur]
		return softDelete(s.sh, tabObservations, store.KindObservation, o.ID, o.ID, s.obsName(o))
	case key.Matches(k, keys.Undo):
		return s.sh.takeBack(tabObservations)
	case key.Matches(k, keys.Rubric):
		return s.openRubrics()
	case key.Matches(k, keys.Filter):
		return s.sh.ask(askObsFilter, s.sh.T(msgObsAskFilter), s.filter.text, false)
	case key.Matches(k, keys.Clear):
		if s.filter.text != "" {
			return s.load(obsFilter{})
		}
	}
	return nil
}

// obsName names an observation for the status line: the teacher, the day and the lesson.
func (s *observations) obsName(o store.Observation) string {
	name := s.sh.teacher(o.TeacherID).Name + " " + s.sh.lang.Date(o.On)
	if o.Topic != "" {
		name += " " + o.Topic
	}
	return name
}

// readObsFilter reads the filter's words: 张三, 听:李四, 徒:王五, 语文, 第三周, 公开课, 五小.
// Each narrows the list; chips say what each was read as.
func readObsFilter(ctx context.Context, st *store.Store, l i18n.Lang, when quickadd.Context, term store.Term,
	teachers []store.Teacher, schools []store.School, text string) (store.ObservationFilter, []string, error) {
	var f store.ObservationFilter
	var chips []string
	// named reads q as one teacher, applies it with set, and names it in chips.
	named := func(q string, chip i18n.Msg, set func(store.Teacher) error) error {
		found := store.FindTeachers(teachers, q)
		switch {
		case len(found) == 0:
			return formError(l.T(msgObsUnknownTok, q))
		case len(found) > 1:
			return formError(l.T(msgObsAmbiguous, q))
		}
		if err := set(found[0]); err != nil {
			return err
		}
		chips = append(chips, l.T(chip, found[0].Name))
		return nil
	}
	for _, w := range strings.Fields(text) {
		var err error
		observer, isObserver := cutAnyPrefix(w, "听:", "听：", "by:")
		mentee, isMentee := cutAnyPrefix(w, "徒:", "徒：", "pair:")
		week, weekErr := quickadd.Week(w, when)
		school := slices.IndexFunc(schools, func(sc store.School) bool { return sc.Name == w || sc.ShortName == w })
		switch {
		case isObserver:
			err = named(observer, msgFilterObserver, func(t store.Teacher) error { f.ObserverID = t.ID; return nil })
		case isMentee:
			err = named(mentee, msgFilterPair, func(t store.Teacher) error {
				pairs, err := st.MentorPairs(ctx, term.ID)
				if i := slices.IndexFunc(pairs, func(p store.MentorPair) bool { return p.MenteeID == t.ID }); err == nil && i >= 0 {
					f.PairID = pairs[i].ID
				} else if err == nil {
					err = formError(l.T(msgObsUnknownTok, w))
				}
				return err
			})
		case weekErr == nil:
			f.Week = week
			chips = append(chips, l.Week(week))
		case slices.Contains(store.ObservationKinds, w):
			f.Kind = w
			chips = append(chips, w)
		case school >= 0:
			f.SchoolID = schools[school].ID
			chips = append(chips, schools[school].Label())
		case len(store.FindTeachers(teachers, w)) > 0:
			err = named(w, msgFilterTeacher, func(t store.Teacher) error { f.TeacherID = t.ID; return nil })
		default:
			f.Subject = w
			chips = append(chips, w)
		}
		if err != nil {
			return f, nil, err
		}
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

// view draws the form when one is open, else the list.
func (s *observations) view(w, h int) string {
	if s.rubrics != nil {
		return s.rubrics.view(w, h)
	}
	if f := s.shownForm(); f != nil {
		return f.view(w, h)
	}
	st, l := s.sh.st, s.sh.lang
	var lines []string
	if s.filter.text != "" {
		lines = append(lines, st.info.Render(st.cut(l.T(msgObsFilterShown, strings.Join(s.filter.chips, st.g.sep), len(s.list)), w)))
	} else {
		lines = append(lines, st.bold.Render(st.cut(l.T(msgObsCount, len(s.list)), w)))
	}
	rows := h - len(lines)
	if s.loaded && len(s.list) == 0 {
		if s.filter.text != "" {
			lines = append(lines, l.T(msgObsListNone))
		} else {
			lines = append(lines, l.T(msgObsListEmpty))
		}
	}
	s.top = min(s.top, s.cur)
	if rows > 0 && s.cur >= s.top+rows {
		s.top = s.cur - rows + 1
	}
	for i := s.top; i < len(s.list) && i < s.top+rows; i++ {
		row := s.row(s.list[i], w)
		if i == s.cur {
			row = st.sel.Render(st.pad(row, w))
		}
		lines = append(lines, row)
	}
	return strings.Join(lines, "\n")
}

// row is one observation in the list, cut to the width.
func (s *observations) row(o store.Observation, w int) string {
	st, l, d := s.sh.st, s.sh.lang, s.sh.data
	score := "      "
	if o.Grade != "" {
		score = st.padLeft(formatPoints(o.Total), 5) + " " + l.GradeLetter(o.Grade)
	}
	cols := []string{
		st.pad(l.Date(o.On), 12),
		st.pad(l.WeekShort(o.Week), 4),
		st.pad(st.text(l.T(msgTeacherFmt, s.sh.teacher(o.TeacherID).Name, d.schoolByID[o.SchoolID].Label())), 12),
		st.pad(st.text(o.Subject), 4),
		score,
		st.pad(st.text(o.Kind), 6),
		st.pad(st.text(l.T(msgObsRowBy, s.sh.teacher(o.ObserverID).Name)), 8),
		st.text(bookTitle(o.Topic)),
	}
	return st.cut(strings.Join(cols, " "), w)
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
