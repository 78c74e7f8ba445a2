package ui

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

// 材料台账 in the program: m on 师徒 or 考核 records a hand-in of the teacher the row means
// (a pair's mentee, or its mentor where the row is the mentor's), M shows that teacher's
// register (a pair's two teachers) where n adds, enter edits, c marks one checked, d deletes
// and u takes a change back. The term-end checklist is what these records say: handed in
// once one exists, checked once 查阅人 is filled in; the screen reads its counts again after
// every write.

var (
	msgHandinsTitle   = i18n.Msg{Zh: "材料台账：%s（%d 份）", En: "Hand-ins: %s (%d)"}
	msgHandinNew      = i18n.Msg{Zh: "登记上交材料", En: "Record a hand-in"}
	msgHandinEdit     = i18n.Msg{Zh: "上交材料：%s", En: "Hand-in: %s"}
	msgHandinTeacher  = i18n.Msg{Zh: "教师", En: "Teacher"}
	msgHandinKind     = i18n.Msg{Zh: "类别", En: "Kind"}
	msgHandinTitle    = i18n.Msg{Zh: "名称", En: "Title"}
	msgHandinOn       = i18n.Msg{Zh: "上交日期", En: "Handed in"}
	msgHandinBy       = i18n.Msg{Zh: "查阅人", En: "Checked by"}
	msgHandinGrade    = i18n.Msg{Zh: "等次", En: "Grade"}
	msgHandinFile     = i18n.Msg{Zh: "文件", En: "File"}
	msgHandinComment  = i18n.Msg{Zh: "评语", En: "Comment"}
	msgHandinFileHint = i18n.Msg{Zh: "可不填；文件须在 %s 里", En: "optional; the file must be in %s"}
	msgHandinNeedWho  = i18n.Msg{Zh: "请选择交材料的教师", En: "Choose the teacher who handed it in"}
	msgHandinNoKinds  = i18n.Msg{Zh: "还没有材料类别（termbook handin kinds add 名称）。", En: "There are no kinds of hand-in yet (termbook handin kinds add NAME)."}
	msgHandinSaved    = i18n.Msg{Zh: "已登记：%s", En: "Recorded: %s"}
	msgHandinChanged  = i18n.Msg{Zh: "已保存：%s", En: "Saved: %s"}
	msgHandinNotYet   = i18n.Msg{Zh: "未查阅", En: "not checked"}
	msgHandinByWas    = i18n.Msg{Zh: "记录为“%s”", En: "recorded as %s"}
	msgHandinNone     = i18n.Msg{Zh: "（还没有材料；按 n 登记）", En: "(none yet; n records one)"}
	msgHandinNote     = i18n.Msg{Zh: "有登记即“已交”，填了查阅人即“已查”；考核随之更新。", En: "Recorded is handed in; with who checked it, checked. The review follows."}
	msgHandinNoOwner  = i18n.Msg{Zh: "材料属于教师：请在师徒结对或教师一行上按 m。", En: "Hand-ins are a teacher's: press m on a mentor pair or a teacher."}
	msgHandinWhat     = i18n.Msg{Zh: "%s %s《%s》", En: "%s %s \"%s\""}
	msgHandinWhatBare = i18n.Msg{Zh: "%s %s", En: "%s %s"}
)

// handinDesk is the hand-ins of one or two teachers over a screen: their register, or only
// the form when m asked for a new one.
type handinDesk struct {
	sh    *shared
	tab   int
	who   []string          // the teachers shown; a new hand-in is the first one's
	kind  string            // the kind a new hand-in starts at ("" the first offered)
	roles map[string]string // teacher id → store.RoleMentor or RoleMentee in a pair of the term
	kinds []store.HandinKind
	rows  []store.Handin
	list  *catalog
	form  *form // the form m opened straight from the screen
	// formOnly: the desk was opened for a new hand-in's form alone (m), not the register.
	formOnly bool
	close    func()
	// draft, when set, is a kept draft the form opens from (formOnly).
	draft *store.Draft
	fd    formDraft
}

// handinsMsg carries the hand-ins and kinds read for a desk, after a write or to open it.
type handinsMsg struct {
	kinds   []store.HandinKind
	handins []store.Handin // the term's, with their comments
	focus   string
	status  string
	undo    *undoStep
	err     error
}

func (m handinsMsg) failure() error { return m.err }

// rolesOf says, for each teacher in one of pairs, whether they are a mentor or a mentee.
func rolesOf(pairs []store.MentorPair) map[string]string {
	roles := map[string]string{}
	for _, p := range pairs {
		roles[p.MentorID] = store.RoleMentor
		if roles[p.MenteeID] == "" {
			roles[p.MenteeID] = store.RoleMentee
		}
	}
	return roles
}

// openHandinDesk makes the hand-ins desk of teachers who (who[0] preselected in a new one,
// at kind) on screen tab, and reads what it needs; its message opens the desk with only the
// form (formOnly, m) or the register (M). pairs are the term's mentor pairs, which say
// whose checklist a kind is on; close is how the screen forgets the desk.
func openHandinDesk(sh *shared, tab int, who []string, kind string, pairs []store.MentorPair, formOnly bool,
	close func()) (*handinDesk, tea.Cmd) {
	if err := sh.readOnly(); err != nil && formOnly {
		return nil, status(sh.lang.Error(err), true) // nothing could be recorded
	}
	d := &handinDesk{sh: sh, tab: tab, who: who, kind: kind, roles: rolesOf(pairs), formOnly: formOnly, close: close}
	return d, d.read("", "", nil)
}

// handinsRead takes hand-ins read for a screen's desk d; after a write the screen counts
// again with recount, so that its checklist and targets change at once (also after a write
// taken back when the desk is gone).
func handinsRead(d *handinDesk, msg handinsMsg, recount func() tea.Cmd) tea.Cmd {
	if d == nil {
		return recount()
	}
	cmd, again := d.loaded(msg)
	if again {
		return tea.Batch(cmd, recount())
	}
	return cmd
}

// read reads the kinds and the term's hand-ins, for the desk's screen.
func (d *handinDesk) read(focus, text string, undo *undoStep) tea.Cmd {
	ctx, s, termID := d.sh.ctx, d.sh.store, d.sh.data.term.ID
	return toTab(d.tab, func() tea.Msg { return readHandins(ctx, s, termID, focus, text, undo) })
}

func readHandins(ctx context.Context, s *store.Store, termID, focus, text string, undo *undoStep) handinsMsg {
	kinds, err := s.HandinKinds(ctx)
	if err != nil {
		return handinsMsg{err: err}
	}
	hs, err := s.TermHandins(ctx, termID)
	return handinsMsg{kinds: printable(kinds), handins: printable(hs), focus: focus, status: text, undo: undo, err: err}
}

// openForm opens the form for a new hand-in, or the one a kept draft was typed into (a
// hand-in since deleted opens as a new one).
func (d *handinDesk) openForm() tea.Cmd {
	h := store.Handin{TeacherID: d.who[0], KindID: d.kind, On: d.sh.today}
	found := true
	if d.draft != nil && d.fd.ID != "" {
		i := slices.IndexFunc(d.rows, func(x store.Handin) bool { return x.ID == d.fd.ID })
		if found = i >= 0; found {
			h = d.rows[i]
		}
	}
	d.form = d.handinForm(h)
	d.form.onClose = d.close
	if d.draft == nil {
		return nil
	}
	return d.form.reopen(*d.draft, d.fd, found)
}

// shownForm is the desk's form open, or nil.
func (d *handinDesk) shownForm() *form {
	switch {
	case d == nil:
		return nil
	case d.form != nil:
		return d.form
	case d.list != nil:
		return d.list.form
	}
	return nil
}

// showing reports whether the desk shows anything yet (its first read may be on its way).
func (d *handinDesk) showing() bool { return d.list != nil || d.form != nil }

func (d *handinDesk) shortHelp() []key.Binding {
	if d.form != nil {
		return d.form.shortHelp()
	}
	if d.list != nil {
		return d.list.shortHelp()
	}
	return nil
}

func (d *handinDesk) update(msg tea.Msg) tea.Cmd {
	if d.form != nil {
		return d.form.update(msg)
	}
	if d.list != nil {
		return d.list.update(msg)
	}
	return nil
}

func (d *handinDesk) view(w, h int) string {
	if d.form != nil {
		return d.form.view(w, h)
	}
	return d.list.view(w, h)
}

// loaded takes the desk's read: the first opens the form (formOnly) or the register; a
// write's closes its form or leaves it showing the refusal. It reports whether the screen
// should count again.
func (d *handinDesk) loaded(msg handinsMsg) (tea.Cmd, bool) {
	opening := d.kinds == nil
	open := d.form
	if d.list != nil {
		open = d.list.form
	}
	if msg.err != nil {
		if open != nil {
			open.failed(msg.err)
			return nil, false
		}
		if opening {
			d.close()
		}
		return status(d.sh.lang.Error(msg.err), true), false
	}
	if open != nil && open.saving {
		open.close()
	}
	d.kinds = msg.kinds
	d.rows = d.rows[:0]
	for _, h := range msg.handins {
		if slices.Contains(d.who, h.TeacherID) {
			d.rows = append(d.rows, h)
		}
	}
	slices.SortStableFunc(d.rows, func(a, b store.Handin) int { return cmp.Compare(b.On.String(), a.On.String()) })
	if opening {
		if len(d.kinds) == 0 {
			d.close()
			return status(d.sh.T(msgHandinNoKinds), true), false
		}
		if d.formOnly {
			return d.openForm(), false
		}
		d.openList()
	}
	if d.list != nil {
		d.list.title = i18n.Msg{Zh: d.listTitle(), En: d.listTitle()}
		d.list.setItems(d.items(), msg.focus)
		d.list.note = msgHandinNote
		if len(d.rows) == 0 {
			d.list.note = msgHandinNone
		}
	}
	if msg.undo != nil {
		d.sh.pushUndo(*msg.undo)
	}
	if msg.status != "" {
		return status(d.sh.T(msgUndoHint, msg.status), false), true
	}
	return nil, !opening
}

func (d *handinDesk) listTitle() string {
	names := make([]string, len(d.who))
	for i, id := range d.who {
		names[i] = d.sh.teacher(id).Name
	}
	return d.sh.T(msgHandinsTitle, strings.Join(names, "、"), len(d.rows))
}

// openList shows the register: the teachers' hand-ins, newest first.
func (d *handinDesk) openList() {
	k := d.sh.keys
	c := &catalog{sh: d.sh, tab: d.tab, note: msgHandinNote,
		hints: []key.Binding{k.upDown, k.New, k.Edit, k.Check, k.Delete, k.Undo, k.Back}}
	c.newForm = func() *form {
		return d.handinForm(store.Handin{TeacherID: d.who[0], KindID: d.kind, On: d.sh.today})
	}
	c.editForm = func(i int) *form { return d.handinForm(d.rows[i]) }
	c.own = func(km tea.KeyPressMsg) (tea.Cmd, bool) {
		switch {
		case key.Matches(km, k.Check) && len(d.rows) > 0:
			f := d.handinForm(d.rows[c.cur])
			c.open(f)
			return f.focusField("checked_by"), true
		case key.Matches(km, k.Delete) && len(d.rows) > 0:
			h := d.rows[c.cur]
			return d.remove(h), true
		}
		return nil, false
	}
	c.onClose = d.close
	d.list = c
}

// items are the register's rows: date, teacher, kind, title, who checked it, grade.
func (d *handinDesk) items() []catalogItem {
	l := d.sh.lang
	kindW := 10
	if l == i18n.En {
		kindW = 18 // Lesson plan, Teaching reflection …
	}
	items := make([]catalogItem, len(d.rows))
	for i, h := range d.rows {
		by := l.T(msgHandinNotYet)
		if h.Checked() {
			by = h.CheckedBy
		}
		grade := ""
		if h.Grade != "" {
			grade = l.TermGrade(h.Grade)
		}
		items[i] = catalogItem{id: h.ID, cells: []string{h.On.String(), d.sh.teacher(h.TeacherID).Name, d.kindName(h.KindID),
			h.Title, by, grade}, widths: []int{10, 8, kindW, 24 - (kindW - 10), 8}}
	}
	return items
}

func (d *handinDesk) kindName(id string) string {
	for _, k := range d.kinds {
		if k.ID == id {
			return d.sh.lang.KindName(k)
		}
	}
	return "-"
}

// kindChoices are the kinds offered for teacher id: those on the checklist of their role
// (and every teacher's) first, then the rest.
func (d *handinDesk) kindChoices(id string) []choice {
	role := d.roles[id]
	first, rest := []choice{}, []choice{}
	for _, k := range d.kinds {
		c := choice{k.ID, d.sh.lang.KindName(k)}
		if k.Checklist == store.ChecklistAll || k.Checklist != store.ChecklistNone && string(k.Checklist) == role {
			first = append(first, c)
		} else {
			rest = append(rest, c)
		}
	}
	return append(first, rest...)
}

// what names a hand-in on the status line: 张伟 教案《春》.
func (d *handinDesk) what(h store.Handin) string {
	name, kind := d.sh.teacher(h.TeacherID).Name, d.kindName(h.KindID)
	switch {
	case h.Title == "":
		return d.sh.T(msgHandinWhatBare, name, kind)
	case strings.HasPrefix(h.Title, "《"): // 张伟 教案《春》
		return d.sh.T(msgHandinWhatBare, name, kind) + h.Title
	case strings.Contains(h.Title, "《"): // 张伟 教案 教案《春》, not 《教案《春》》
		return d.sh.T(msgHandinWhatBare, name, kind) + " " + h.Title
	}
	return d.sh.T(msgHandinWhat, name, kind, h.Title)
}

// handinForm records a new hand-in (h.ID "") or edits h.
func (d *handinDesk) handinForm(h store.Handin) *form {
	sh, l := d.sh, d.sh.lang
	isNew := h.ID == ""
	f := newForm(sh, sh.titled(isNew, msgHandinNew, msgHandinEdit, d.what(h)))
	who := newPersonField(sh, l.T(msgPickTeacher), false)
	who.SetValue(h.TeacherID)
	f.add("teacher", msgHandinTeacher, who).hint = msgTeacherHint
	kinds := newChoiceField(sh, d.kindChoices(h.TeacherID), h.KindID)
	f.add("kind", msgHandinKind, kinds).hint = msgChoiceKeys
	// The kinds the chosen teacher's role hands in come first, as the teacher changes; a
	// kind not chosen by hand moves to the first of them.
	teacher, chosen := h.TeacherID, kinds.Value()
	f.changed = func() {
		if who.Value() != teacher {
			teacher = who.Value()
			kinds.setChoices(d.kindChoices(teacher), kinds.Value() != chosen || !isNew)
			chosen = kinds.Value()
		}
	}
	f.text("title", msgHandinTitle, h.Title, store.MaxShort)
	on := newDateField(sh)
	on.SetDate(h.On)
	f.add("date", msgHandinOn, on)
	checker := newPersonField(sh, l.T(msgPickTeacher), true)
	checker.SetValue(teacherNamed(sh.data, h.CheckedBy))
	by := f.add("checked_by", msgHandinBy, checker)
	by.hint = msgTeacherHint
	if h.CheckedBy != "" && checker.Value() == "" {
		by.note = l.T(msgHandinByWas, h.CheckedBy) // no one on the roster: kept unless one is picked
	}
	grades := []choice{{"", l.T(msgNoneChosen)}}
	for _, g := range []store.TermGradeValue{store.Excellent, store.Good, store.Pass, store.Fail} {
		grades = append(grades, choice{string(g), l.TermGrade(g)})
	}
	f.choose("grade", msgHandinGrade, grades, string(h.Grade)).hint = msgChoiceKeys
	file := f.text("file", msgHandinFile, h.File, store.MaxPath)
	where := sh.T(msgHandinFileHint, sh.store.FilesDir())
	file.hint = i18n.Msg{Zh: where, En: where}
	f.pane("comment", msgHandinComment, h.Comment, store.MaxNote)
	f.ready()
	if isNew && h.TeacherID != "" {
		f.focusField("title") // teacher, kind and day are chosen: what is left to say is its title
	}
	f.keep(draftHandin, h.ID, "")
	f.labelDraft = func() string {
		return d.what(store.Handin{TeacherID: f.str("teacher"), KindID: f.str("kind"), Title: f.str("title")})
	}
	f.save = func() (tea.Cmd, error) {
		u := h
		u.TermID, u.TeacherID, u.KindID = sh.data.term.ID, f.str("teacher"), f.str("kind")
		if u.TeacherID == "" {
			return nil, fieldError{field: "teacher", text: l.T(msgHandinNeedWho), named: true}
		}
		var err error
		if u.On, err = on.Date(); err != nil || u.On.IsZero() {
			return nil, fieldError{field: "date", text: l.T(msgBadDay)}
		}
		u.Title, u.Grade = f.str("title"), store.TermGradeValue(f.str("grade"))
		u.Comment = strings.TrimSpace(f.field("comment").value())
		// 查阅人 is a name: the one picked, or the name recorded when it is no one on the
		// roster and was left as it was.
		if id := f.str("checked_by"); id != "" || h.CheckedBy == "" || teacherNamed(sh.data, h.CheckedBy) != "" {
			u.CheckedBy = sh.teacher(id).Name
		}
		u.CheckedOn = h.CheckedOn
		switch {
		case u.CheckedBy == "":
			u.CheckedOn = store.Date{}
		case u.CheckedOn.IsZero() || u.CheckedOn.Before(u.On):
			u.CheckedOn = u.On
			if u.On.Before(sh.today) {
				u.CheckedOn = sh.today
			}
		}
		typed := f.str("file")
		u.File = typed
		if typed != h.File {
			u.File = ""
		}
		if err := u.Validate(); err != nil {
			return nil, err
		}
		return d.write(h, u, typed), nil
	}
	return f
}

// teacherNamed is the id of the first teacher called name, or "".
func teacherNamed(d *termData, name string) string {
	if name = strings.TrimSpace(name); name == "" {
		return ""
	}
	for _, t := range d.teachers {
		if t.Name == name {
			return t.ID
		}
	}
	return ""
}

// write saves u (a new hand-in when was has no id) in one store call: a file typed anew is
// first turned into its reference inside the files folder (a path outside is refused). u
// takes it back: deletes the new one, or puts was back.
func (d *handinDesk) write(was, u store.Handin, file string) tea.Cmd {
	ctx, s, l, tab, termID := d.sh.ctx, d.sh.store, d.sh.lang, d.tab, d.sh.data.term.ID
	what := d.what(u)
	return toTab(tab, func() tea.Msg {
		if file != "" && file != was.File {
			ref, err := s.FileRefFor(file)
			if err != nil {
				return handinsMsg{err: err}
			}
			u.File = ref
		}
		saved, err := saveRecord(ctx, was.ID == "", u, s.CreateHandin, s.UpdateHandin)
		if err != nil {
			return handinsMsg{err: err}
		}
		text := l.T(msgHandinChanged, what)
		back := func(ctx context.Context, s *store.Store) (tea.Msg, error) {
			_, err := s.UpdateHandin(ctx, was)
			return tabMsg{tab: tab, msg: readHandins(ctx, s, termID, was.ID, "", nil)}, err
		}
		if was.ID == "" {
			text = l.T(msgHandinSaved, what)
			back = func(ctx context.Context, s *store.Store) (tea.Msg, error) {
				err := s.Delete(ctx, store.KindHandin, saved.ID)
				return tabMsg{tab: tab, msg: readHandins(ctx, s, termID, "", "", nil)}, err
			}
		}
		return readHandins(ctx, s, termID, saved.ID, text, &undoStep{tab: tab, what: text, back: back})
	})
}

// remove deletes hand-in h (it stays in the file, hidden); u brings it back.
func (d *handinDesk) remove(h store.Handin) tea.Cmd {
	ctx, s, l, tab, termID := d.sh.ctx, d.sh.store, d.sh.lang, d.tab, d.sh.data.term.ID
	text := l.T(msgDeleted, d.what(h))
	return toTab(tab, func() tea.Msg {
		if err := s.Delete(ctx, store.KindHandin, h.ID); err != nil {
			return handinsMsg{err: err}
		}
		return readHandins(ctx, s, termID, "", text, &undoStep{tab: tab, what: text,
			back: func(ctx context.Context, s *store.Store) (tea.Msg, error) {
				err := s.Restore(ctx, store.KindHandin, h.ID)
				return tabMsg{tab: tab, msg: readHandins(ctx, s, termID, h.ID, "", nil)}, err
			}})
	})
}
