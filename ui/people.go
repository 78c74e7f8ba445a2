package ui

import (
	"context"
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

// The People screen's words.
var (
	msgPeople        = i18n.Msg{Zh: "名册", En: "People"}
	msgSchoolsHead   = i18n.Msg{Zh: "学校", En: "Schools"}
	msgTeachersHead  = i18n.Msg{Zh: "教师（%d）", En: "Teachers (%d)"}
	msgNoSchoolsYet  = i18n.Msg{Zh: "还没有学校：按 N 新建。", En: "No schools yet: N adds one."}
	msgNoTeachersYet = i18n.Msg{Zh: "还没有教师：按 n 新建。", En: "No teachers yet: n adds one."}
	msgInactive      = i18n.Msg{Zh: "已停用", En: "inactive"}
	msgNewTeacher    = i18n.Msg{Zh: "新建教师", En: "New teacher"}
	msgEditTeacher   = i18n.Msg{Zh: "教师：%s", En: "Teacher: %s"}
	msgNewSchool     = i18n.Msg{Zh: "新建学校", En: "New school"}
	msgEditSchool    = i18n.Msg{Zh: "学校：%s", En: "School: %s"}
	msgPName         = i18n.Msg{Zh: "姓名", En: "Name"}
	msgPSchool       = i18n.Msg{Zh: "学校", En: "School"}
	msgPSubjects     = i18n.Msg{Zh: "学科（用逗号分开）", En: "Subjects (comma-separated)"}
	msgPGrade        = i18n.Msg{Zh: "年级", En: "Grade"}
	msgPRank         = i18n.Msg{Zh: "职称", En: "Rank"}
	msgPPost         = i18n.Msg{Zh: "职务", En: "Post"}
	msgPHonour       = i18n.Msg{Zh: "荣誉/骨干级别", En: "Honour"}
	msgSName         = i18n.Msg{Zh: "校名", En: "Name"}
	msgSShort        = i18n.Msg{Zh: "简称", En: "Short name"}
	msgSDistrict     = i18n.Msg{Zh: "区县", En: "District"}
	msgPSaved        = i18n.Msg{Zh: "已保存：%s", En: "Saved: %s"}
	msgPDeactivated  = i18n.Msg{Zh: "已停用：%s（记录保留，选择教师时不再列出）", En: "Deactivated: %s (records kept; left out of pickers)"}
	msgPActivated    = i18n.Msg{Zh: "已启用：%s", En: "Active again: %s"}
	msgSDeactivated  = i18n.Msg{Zh: "已停用：%s（记录保留，新建记录时不再列出）", En: "Deactivated: %s (records kept; not offered for new records)"}
	msgNeedSchool    = i18n.Msg{Zh: "请先新建一所学校（N）。", En: "Add a school first (N)."}
	msgAllInactive   = i18n.Msg{Zh: "学校都已停用：在学校上按 x 启用一所，或按 N 新建。", En: "Every school is inactive: x on a school makes it active, or N adds one."}
)

// peopleMsg carries the schools and teachers after a write to either.
type peopleMsg struct {
	schools  []store.School
	teachers []store.Teacher
	status   string
	focus    string
	err      error
	undo     *undoStep // how to take this write back
}

// people is the roster: schools and their teachers.
type people struct {
	sh      *shared
	pane    int // 0 schools, 1 teachers
	school  int
	teacher int
	form    *form
	find    *picker
	exch    exchanger
	pairs   []store.SchoolPair
	pair    int // the pair under the cursor
}

func newPeople(sh *shared) screen { return &people{sh: sh, pane: 1, exch: exchanger{sh: sh}} }

func (p *people) title() i18n.Msg { return msgPeople }

func (p *people) capturing() bool { return p.form != nil || p.find != nil }

func (p *people) shortHelp() []key.Binding {
	k := p.sh.keys
	switch {
	case p.form != nil:
		return p.form.shortHelp()
	case p.find != nil:
		return []key.Binding{k.upDown, k.Submit, k.Leave}
	}
	return []key.Binding{k.panes, k.upDown, k.New, k.NewSchool, k.Open, k.Deactivate, k.Undo, k.Find, k.ExchangeOut, k.ExchangeIn}
}

func (p *people) fullHelp() [][]key.Binding {
	k := p.sh.keys
	return [][]key.Binding{{k.panes, k.Up, k.Down, k.Top, k.Bottom}, {k.New, k.NewSchool, k.Open, k.Deactivate, k.Undo, k.Find}, {k.ExchangeOut, k.ExchangeIn}}
}

func (p *people) update(msg tea.Msg) tea.Cmd {
	if cmd, ok := p.pairsUpdate(msg); ok {
		return cmd
	}
	switch msg := msg.(type) {
	case peopleMsg:
		if p.form != nil && !p.form.settled(msg.err) || msg.err != nil {
			return nil // a form's write refused stays on the form, its typing kept
		}
		p.focusID(msg.focus)
		return nil
	case answerMsg:
		cmd, _ := p.exch.answer(msg)
		return cmd
	case tea.PasteMsg:
		if p.find != nil {
			p.find.paste(msg)
		}
		return formOr(p.form, msg, nil)
	case tea.KeyPressMsg:
		switch {
		case p.form != nil:
			return p.form.update(msg)
		case p.find != nil:
			res, cmd := p.find.update(msg)
			if res == picked {
				p.focusID(p.find.choice())
			}
			if res != picking {
				p.find = nil
			}
			return cmd
		}
		return p.key(msg)
	}
	return nil
}

func (p *people) focusID(id string) {
	d := p.sh.data
	for i, t := range d.teachers {
		if t.ID == id {
			p.pane, p.teacher = 1, i
		}
	}
	for i, s := range d.schools {
		if s.ID == id {
			p.pane, p.school = 0, i
		}
	}
	p.teacher = min(p.teacher, max(0, len(d.teachers)-1))
	p.school = min(p.school, max(0, len(d.schools)-1))
}

func (p *people) key(msg tea.KeyPressMsg) tea.Cmd {
	k, d := p.sh.keys, p.sh.data
	if cmd, ok := p.exch.key(msg); ok {
		return cmd
	}
	cur := &p.teacher
	n := len(d.teachers)
	if p.pane == 0 {
		cur, n = &p.school, len(d.schools)
	}
	if p.pane == panePairs {
		if cmd, ok := p.pairKey(msg); ok {
			return cmd
		}
	}
	switch {
	case k.moveIn(msg, cur, n):
	case key.Matches(msg, k.Left):
		p.nextPane(-1)
	case key.Matches(msg, k.Right):
		p.nextPane(1)
	case key.Matches(msg, k.NewSchool):
		p.form = p.schoolForm(store.School{})
	case key.Matches(msg, k.New):
		if p.pane == 0 {
			p.form = p.schoolForm(store.School{})
			return nil
		}
		offered := d.activeSchools()
		switch {
		case len(d.schools) == 0:
			return status(p.sh.T(msgNeedSchool), true)
		case len(offered) == 0:
			return status(p.sh.T(msgAllInactive), true)
		}
		t := store.Teacher{SchoolID: offered[0].ID}
		if p.school < len(d.schools) && d.schools[p.school].Active {
			t.SchoolID = d.schools[p.school].ID
		}
		p.form = p.teacherForm(t)
	case key.Matches(msg, k.Open):
		if p.pane == 0 && p.school < len(d.schools) {
			p.form = p.schoolForm(d.schools[p.school])
		} else if p.pane == 1 && p.teacher < len(d.teachers) {
			p.form = p.teacherForm(d.teachers[p.teacher])
		}
	case key.Matches(msg, k.Deactivate):
		// x deactivates, and x again makes active: the sentence says which.
		said := func(active bool, off i18n.Msg) i18n.Msg {
			if active {
				return msgPActivated
			}
			return off
		}
		if p.pane == 0 && p.school < len(d.schools) {
			sc := d.schools[p.school]
			sc.Active = !sc.Active
			return p.saveSchool(sc, said(sc.Active, msgSDeactivated))
		}
		if p.pane == 1 && p.teacher < len(d.teachers) {
			t := d.teachers[p.teacher]
			t.Active = !t.Active
			return p.saveTeacher(t, said(t.Active, msgPDeactivated))
		}
	case key.Matches(msg, k.Undo):
		return p.sh.takeBack(tabPeople)
	case key.Matches(msg, k.Find):
		p.find = newPicker(p.sh, p.sh.T(msgPickTeacher), d.teachers, false)
	}
	return nil
}

// writePeople runs one write and reads the schools and teachers back.
func (p *people) writePeople(done i18n.Msg, name string, write func(ctx context.Context, s *store.Store) (string, error)) tea.Cmd {
	ctx, s, l := p.sh.ctx, p.sh.store, p.sh.lang
	return func() tea.Msg {
		id, err := write(ctx, s)
		if err != nil {
			return peopleMsg{err: err}
		}
		msg := readPeople(ctx, s, id)
		msg.status = l.T(done, name)
		return msg
	}
}

func (p *people) saveTeacher(t store.Teacher, done i18n.Msg) tea.Cmd {
	var prev *store.Teacher
	if was, ok := p.sh.data.teacherByID[t.ID]; ok && t.ID != "" {
		prev = &was
	}
	return undoable(p.writeTeacher(t, done), store.KindTeacher, prev, putTeacherBack)
}

func (p *people) writeTeacher(t store.Teacher, done i18n.Msg) tea.Cmd {
	return p.writePeople(done, t.Name, func(ctx context.Context, s *store.Store) (string, error) {
		t, err := saveRecord(ctx, t.ID == "", t, s.CreateTeacher, s.UpdateTeacher)
		return t.ID, err
	})
}

func (p *people) teacherForm(t store.Teacher) *form {
	sh, d := p.sh, p.sh.data
	f := newForm(sh, sh.titled(t.ID == "", msgNewTeacher, msgEditTeacher, t.Name))
	f.text("name", msgPName, t.Name, store.MaxName)
	var schools []choice
	for _, s := range d.activeSchools(t.SchoolID) {
		schools = append(schools, choice{s.ID, s.Name})
	}
	f.choose("school", msgPSchool, schools, t.SchoolID)
	f.text("subjects", msgPSubjects, strings.Join(t.Subjects, ","), store.MaxShort)
	f.text("grade", msgPGrade, t.Grade, store.MaxName)
	f.text("rank", msgPRank, t.Rank, store.MaxName)
	f.text("post", msgPPost, t.Post, store.MaxName)
	f.text("honour", msgPHonour, t.Honour, store.MaxName)
	f.ready()
	f.keep(draftTeacher, t.ID, "")
	f.onClose = func() { p.form = nil }
	f.save = func() (tea.Cmd, error) {
		u := t
		u.Name = f.str("name")
		u.SchoolID = f.str("school")
		u.Subjects = splitSubjects(f.str("subjects"))
		u.Grade = f.str("grade")
		u.Rank = f.str("rank")
		u.Post = f.str("post")
		u.Honour = f.str("honour")
		if err := u.Validate(); err != nil {
			return nil, err
		}
		return p.saveTeacher(u, msgPSaved), nil
	}
	return f
}

// splitSubjects reads "语文，数学、英语" or "math, music".
func splitSubjects(s string) []string {
	s = strings.NewReplacer("，", ",", "、", ",", ";", ",", "；", ",").Replace(s)
	var out []string
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

func (p *people) schoolForm(sc store.School) *form {
	sh := p.sh
	f := newForm(sh, sh.titled(sc.ID == "", msgNewSchool, msgEditSchool, sc.Name))
	f.text("name", msgSName, sc.Name, store.MaxName)
	f.text("short_name", msgSShort, sc.ShortName, store.MaxName)
	f.text("district", msgSDistrict, sc.District, store.MaxName)
	f.ready()
	f.keep(draftSchool, sc.ID, "")
	f.onClose = func() { p.form = nil }
	f.save = func() (tea.Cmd, error) {
		u := sc
		u.Name = f.str("name")
		u.ShortName = f.str("short_name")
		u.District = f.str("district")
		if err := u.Validate(); err != nil {
			return nil, err
		}
		return p.saveSchool(u, msgPSaved), nil
	}
	return f
}

// saveSchool writes a school (new when it has no id) with a step to undo it.
func (p *people) saveSchool(sc store.School, done i18n.Msg) tea.Cmd {
	var prev *store.School
	if was, ok := p.sh.data.schoolByID[sc.ID]; ok && sc.ID != "" {
		prev = &was
	}
	return undoable(p.writePeople(done, sc.Name, func(ctx context.Context, s *store.Store) (string, error) {
		sc, err := saveRecord(ctx, sc.ID == "", sc, s.CreateSchool, s.UpdateSchool)
		return sc.ID, err
	}), store.KindSchool, prev, putSchoolBack)
}

func (p *people) view(w, h int) string {
	if p.form != nil {
		return p.form.view(w, h)
	}
	st, d, l := p.sh.st, p.sh.data, p.sh.lang
	head := func(text string, on bool) string {
		if on {
			return st.headOn.Render(text)
		}
		return st.head.Render(text)
	}
	lines := []string{head(p.sh.T(msgSchoolsHead), p.pane == 0)}
	if len(d.schools) == 0 {
		lines = append(lines, st.dim.Render("  "+p.sh.T(msgNoSchoolsYet)))
	}
	schoolRows := min(len(d.schools), max(2, (h-4)/3))
	top := firstShown(p.school, schoolRows, len(d.schools))
	for i := top; i < len(d.schools) && i < top+schoolRows; i++ {
		s := d.schools[i]
		state := ""
		if !s.Active {
			state = l.T(msgInactive)
		}
		row := st.fit(st.text(s.Name), 24) + " " + st.fit(st.text(s.ShortName), 10) + " " +
			st.fit(st.text(s.District), 16) + " " + st.fit(state, max(1, w-57))
		if !s.Active && !(p.pane == 0 && i == p.school) {
			row = st.dim.Render(row)
		}
		lines = append(lines, st.pointed(row, p.pane == 0 && i == p.school))
	}
	lines = append(lines, p.pairLines(w, max(1, (h-4)/6))...)
	lines = append(lines, "", head(p.sh.T(msgTeachersHead, len(d.teachers)), p.pane == 1))
	if len(d.teachers) == 0 {
		lines = append(lines, st.dim.Render("  "+p.sh.T(msgNoTeachersYet)))
	}
	rows := h - len(lines)
	if p.find != nil {
		rows -= p.find.height()
	}
	top = firstShown(p.teacher, rows, len(d.teachers))
	for i := top; i < len(d.teachers) && i < top+rows; i++ {
		t := d.teachers[i]
		school := ""
		if s, ok := d.schoolByID[t.SchoolID]; ok {
			school = s.Label()
		}
		state := ""
		if !t.Active {
			state = l.T(msgInactive)
		}
		row := st.fit(st.text(t.Name), 8) + " " + st.fit(st.text(school), 10) + " " +
			st.fit(st.text(strings.Join(t.Subjects, ",")), 12) + " " + st.fit(st.text(t.Grade), 8) + " " +
			st.fit(st.text(strings.Join(store.SplitWords(t.Rank+"、"+t.Post+"、"+t.Honour), "、")), 10) + " " + st.fit(t.Initials, 5) + " " + st.fit(state, max(1, w-2-60))
		if !t.Active && !(p.pane == 1 && i == p.teacher) {
			row = st.dim.Render(row)
		}
		lines = append(lines, st.pointed(row, p.pane == 1 && i == p.teacher))
	}
	if p.find != nil {
		lines = st.block(strings.Join(lines, "\n"), w, h-p.find.height())
		lines = append(lines, p.find.view(w))
	}
	return strings.Join(lines, "\n")
}

func (p *people) shownForm() *form { return p.form }

// restore opens the teacher or school form a draft was typed into.
func (p *people) restore(d store.Draft, fd formDraft) tea.Cmd {
	data := p.sh.data
	if d.Form == draftTeacher {
		t, found := data.teacherByID[fd.ID]
		p.form = p.teacherForm(t)
		return p.form.reopen(d, fd, found || fd.ID == "")
	}
	sc, found := data.schoolByID[fd.ID]
	p.form = p.schoolForm(sc)
	return p.form.reopen(d, fd, found || fd.ID == "")
}

// Undo on the People screen: every add, edit, deactivation and reactivation of a school or a
// teacher can be taken back. A step remembers the record as it was (or that it was new) and
// puts it back.

// undoable adds an undo step to what cmd writes. kind names the record written; prev is it
// as it was (nil for a new record, which undo deletes again).
func undoable[T any](cmd tea.Cmd, kind store.Kind, prev *T, update func(context.Context, *store.Store, T) (string, error)) tea.Cmd {
	return func() tea.Msg {
		msg := cmd()
		pm, ok := msg.(peopleMsg)
		if !ok || pm.err != nil {
			return msg
		}
		var back func(ctx context.Context, s *store.Store) (string, error)
		if prev == nil {
			id := pm.focus
			back = func(ctx context.Context, s *store.Store) (string, error) {
				err := s.Delete(ctx, kind, id)
				if errors.Is(err, store.ErrNotFound) {
					err = nil // already gone
				}
				return "", err
			}
		} else {
			was := *prev
			back = func(ctx context.Context, s *store.Store) (string, error) { return update(ctx, s, was) }
		}
		pm.undo = &undoStep{tab: tabPeople, what: pm.status, back: func(ctx context.Context, s *store.Store) (tea.Msg, error) {
			focus, err := back(ctx, s)
			if err != nil {
				return nil, err
			}
			return readPeople(ctx, s, focus), nil
		}}
		return pm
	}
}

// readPeople reads the schools and teachers after a write, to select focus.
func readPeople(ctx context.Context, s *store.Store, focus string) peopleMsg {
	schools, err := s.Schools(ctx)
	if err != nil {
		return peopleMsg{err: err}
	}
	teachers, err := s.Teachers(ctx)
	return peopleMsg{schools: schools, teachers: teachers, err: err, focus: focus}
}

func putTeacherBack(ctx context.Context, s *store.Store, t store.Teacher) (string, error) {
	_, err := s.UpdateTeacher(ctx, t)
	return t.ID, err
}

func putSchoolBack(ctx context.Context, s *store.Store, sc store.School) (string, error) {
	_, err := s.UpdateSchool(ctx, sc)
	return sc.ID, err
}
