package ui

import (
	"errors"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

// Words every form shares.
var (
	msgLoseChanges  = i18n.Msg{Zh: "放弃已输入的内容？按 y 放弃，其他键继续编辑。", En: "Discard what you typed? y discards, any other key goes back."}
	msgChoiceHint   = i18n.Msg{Zh: "←→ 选择", En: "←→ choose"}
	msgTeacherHint  = i18n.Msg{Zh: "回车或输入姓名选择", En: "enter or type a name to choose"}
	msgSchoolsHint  = i18n.Msg{Zh: "←→ 移动，空格勾选", En: "←→ move, space ticks"}
	msgNoSchools    = i18n.Msg{Zh: "（还没有学校）", En: "(no schools yet)"}
	msgFieldProblem = i18n.Msg{Zh: "%s：%s", En: "%s: %s"}
)

// fieldKind is how a form field is edited.
type fieldKind int

const (
	textField    fieldKind = iota // typed text: letters are text
	choiceField                   // one of a few values, ←/→
	teacherField                  // a teacher, chosen with the picker
	schoolsField                  // any of the schools, ticked with space
)

// choice is one value of a choice field.
type choice struct {
	value string
	label string
}

// field is one line of a form.
type field struct {
	name    string // the store's field name, so validation errors focus it
	label   string
	kind    fieldKind
	input   *lineInput
	choices []choice
	choice  int
	teacher string          // teacherField: the chosen id
	ticked  map[string]bool // schoolsField
	offered []store.School  // schoolsField: the active schools and those ticked at the start
	at      int             // schoolsField: the school under the cursor
	hidden  func() bool     // hides the field (a schedule's other kinds)
	note    string          // dim text after the field
}

func (f *field) value() string {
	switch f.kind {
	case choiceField:
		return f.choices[f.choice].value
	case teacherField:
		return f.teacher
	case schoolsField:
		var ids []string
		for id, on := range f.ticked {
			if on {
				ids = append(ids, id)
			}
		}
		slices.Sort(ids)
		return strings.Join(ids, ",")
	}
	return f.input.Value()
}

// form is a full-screen form: labelled fields, one focused; ctrl+s saves, esc leaves and
// asks only when something typed would be lost. Its owner builds the fields, turns
// saved values into a record, and runs the store command.
type form struct {
	sh      *shared
	title   string
	fields  []*field
	focus   int
	picker  *picker
	asking  bool     // "discard what you typed?"
	initial []string // the values when opened, to know whether anything would be lost
	extra   []string // lines shown under the fields (an activity's history)
	problem string   // the last save's error
	save    func() tea.Cmd
	close   func()

	drafts     *draftKeeper // nil when the form keeps no drafts
	draftID    string       // the record a draft is of
	draftLabel string       // names the draft in the offer
}

func newForm(sh *shared, title string) *form { return &form{sh: sh, title: title} }

func (f *form) text(name string, label i18n.Msg, value string, limit int) *field {
	in := newLineInput(f.sh.st.disp.mode, 0, limit)
	in.SetValue(value)
	fl := &field{name: name, label: f.sh.T(label), kind: textField, input: in}
	f.fields = append(f.fields, fl)
	return fl
}

func (f *form) choose(name string, label i18n.Msg, choices []choice, value string) *field {
	fl := &field{name: name, label: f.sh.T(label), kind: choiceField, choices: choices}
	for i, c := range choices {
		if c.value == value {
			fl.choice = i
		}
	}
	f.fields = append(f.fields, fl)
	return fl
}

func (f *form) teacherPick(name string, label i18n.Msg, id string) *field {
	fl := &field{name: name, label: f.sh.T(label), kind: teacherField, teacher: id}
	f.fields = append(f.fields, fl)
	return fl
}

func (f *form) schools(name string, label i18n.Msg, ids []string) *field {
	fl := &field{name: name, label: f.sh.T(label), kind: schoolsField, ticked: map[string]bool{},
		offered: f.sh.data.activeSchools(ids...)}
	for _, id := range ids {
		fl.ticked[id] = true
	}
	f.fields = append(f.fields, fl)
	return fl
}

// ready records the opening values and focuses the first field.
func (f *form) ready() {
	f.initial = f.values()
	f.setFocus(0)
}

func (f *form) values() []string {
	v := make([]string, len(f.fields))
	for i, fl := range f.fields {
		v[i] = fl.value()
	}
	return v
}

func (f *form) dirty() bool { return !slices.Equal(f.initial, f.values()) }

func (f *form) field(name string) *field {
	for _, fl := range f.fields {
		if fl.name == name {
			return fl
		}
	}
	return nil
}

func (f *form) visible(i int) bool { return f.fields[i].hidden == nil || !f.fields[i].hidden() }

func (f *form) setFocus(i int) {
	if cur := f.fields[f.focus]; cur.kind == textField {
		cur.input.Blur()
	}
	f.focus = i
	if cur := f.fields[i]; cur.kind == textField {
		cur.input.Focus()
	}
}

func (f *form) step(d int) {
	for i := f.focus + d; i >= 0 && i < len(f.fields); i += d {
		if f.visible(i) {
			f.setFocus(i)
			return
		}
	}
}

// failed shows why saving failed and focuses the first field it names.
func (f *form) failed(err error) {
	f.problem = f.sh.lang.Error(err)
	name := ""
	var inv *store.InvalidError
	var fe fieldError
	switch {
	case errors.As(err, &fe):
		f.problem, name = fe.text, fe.field
	case errors.As(err, &inv) && len(inv.Fields) > 0:
		name = inv.Fields[0].Field
	}
	for i, fl := range f.fields {
		if name != "" && fl.name == name && f.visible(i) {
			f.setFocus(i)
			if fe.field != "" {
				f.problem = f.sh.T(msgFieldProblem, fl.label, fe.text)
			}
			break
		}
	}
}

// fieldError is a sentence about one field of a form, already in the user's language: saving
// shows it and focuses the field.
type fieldError struct{ field, text string }

func (e fieldError) Error() string { return e.text }

func (f *form) shortHelp() []key.Binding {
	k := f.sh.keys
	if f.picker != nil {
		return []key.Binding{k.upDown, k.Submit, k.Leave}
	}
	return []key.Binding{k.Save, k.Leave, k.NextField, k.PrevField}
}

// update handles a key or a paste. Letters go to the focused text field; only ctrl+s, esc,
// tab, shift+tab, ↑ and ↓ are the form's own.
func (f *form) update(msg tea.Msg) tea.Cmd {
	if p, ok := msg.(tea.PasteMsg); ok {
		if cur := f.fields[f.focus]; cur.kind == textField && f.picker == nil && !f.asking {
			cur.input.Update(p)
			return f.changed()
		}
		return nil
	}
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	if f.picker != nil {
		res, cmd := f.picker.update(km)
		switch res {
		case picked:
			f.fields[f.focus].teacher = f.picker.choice()
			f.picker = nil
			cmd = tea.Batch(cmd, f.changed())
		case pickGivenUp:
			f.picker = nil
		}
		return cmd
	}
	if f.asking {
		f.asking = false
		if km.String() == "y" || km.String() == "Y" {
			return f.leave()
		}
		return nil
	}
	k := f.sh.keys
	cur := f.fields[f.focus]
	switch {
	case key.Matches(km, k.Save):
		f.problem = ""
		return f.saving(f.save())
	case km.String() == "esc":
		if f.dirty() {
			f.asking = true
			return nil
		}
		return f.leave()
	case km.String() == "tab", km.String() == "down", km.String() == "enter" && cur.kind != teacherField:
		f.step(1)
		return nil
	case km.String() == "shift+tab", km.String() == "up":
		f.step(-1)
		return nil
	}
	return tea.Batch(f.edit(cur, km), f.changed())
}

// edit applies a key to the focused field.
func (f *form) edit(cur *field, km tea.KeyPressMsg) tea.Cmd {
	switch cur.kind {
	case textField:
		cur.input.Update(km)
		return nil
	case choiceField:
		switch km.String() {
		case "left":
			cur.choice = (cur.choice + len(cur.choices) - 1) % len(cur.choices)
		case "right", "space":
			cur.choice = (cur.choice + 1) % len(cur.choices)
		}
	case teacherField:
		switch {
		case km.String() == "enter" || km.String() == "space" || typed(km):
			f.picker = newPicker(f.sh, f.sh.T(msgPickTeacher), nil, true)
			if typed(km) {
				f.picker.query.SetValue(km.Text)
				f.picker.refilter()
			}
		case km.String() == "backspace" || km.String() == "ctrl+h" || km.String() == "delete":
			cur.teacher = ""
		}
	case schoolsField:
		n := len(cur.offered)
		switch {
		case n == 0:
		case km.String() == "left":
			cur.at = (cur.at + n - 1) % n
		case km.String() == "right":
			cur.at = (cur.at + 1) % n
		case km.String() == "space" || km.String() == "x":
			id := cur.offered[cur.at].ID
			cur.ticked[id] = !cur.ticked[id]
		}
	}
	return nil
}

// view draws the form: title, fields, extra lines, the last error, and the picker when open.
func (f *form) view(w, h int) string {
	st := f.sh.st
	labelW := 0
	for i, fl := range f.fields {
		if f.visible(i) {
			labelW = max(labelW, st.width(fl.label))
		}
	}
	valueW := max(10, w-labelW-4)
	lines := []string{st.bold.Render(st.cut(st.text(f.title), w)), st.dim.Render(st.rule(w))}
	for i, fl := range f.fields {
		if !f.visible(i) {
			continue
		}
		label := st.label.Render(st.fit(fl.label, labelW))
		mark := "  "
		if i == f.focus {
			label = st.focus.Render(st.fit(fl.label, labelW))
			mark = st.focus.Render(st.g.cursor) + " "
		}
		value := f.fieldView(fl, i == f.focus, valueW)
		if fl.note != "" {
			value = st.cut(value+"  "+st.dim.Render(fl.note), valueW)
		}
		lines = append(lines, mark+label+"  "+value)
	}
	lines = append(lines, st.dim.Render(st.rule(w)))
	for _, e := range f.extra {
		lines = append(lines, st.dim.Render(st.cut(e, w)))
	}
	switch {
	case f.asking:
		lines = append(lines, st.err.Render(st.cut(f.sh.T(msgLoseChanges), w)))
	case f.problem != "":
		lines = append(lines, st.err.Render(st.cut(f.problem, w)))
	}
	if f.picker != nil {
		ph := f.picker.height()
		lines = st.block(strings.Join(lines, "\n"), w, max(0, h-ph))
		lines = append(lines, f.picker.view(w))
	}
	return strings.Join(lines, "\n")
}

func (f *form) fieldView(fl *field, focused bool, w int) string {
	st, d := f.sh.st, f.sh.data
	switch fl.kind {
	case textField:
		fl.input.SetWidth(w)
		if !focused {
			return st.cut(st.text(fl.input.Value()), w)
		}
		return fl.input.View()
	case choiceField:
		s := fl.choices[fl.choice].label
		if focused {
			return st.sel.Render(s) + "  " + st.dim.Render(f.sh.hint(msgChoiceHint))
		}
		return s
	case teacherField:
		s := st.dim.Render(f.sh.T(msgNoneChosen))
		if t, ok := d.teacherByID[fl.teacher]; ok {
			s = st.text(t.Name)
			if sc, ok := d.schoolByID[t.SchoolID]; ok {
				s += " " + st.dim.Render(sc.Label())
			}
		}
		if focused {
			s += "  " + st.dim.Render(f.sh.hint(msgTeacherHint))
		}
		return st.cut(s, w)
	case schoolsField:
		if len(fl.offered) == 0 {
			return st.dim.Render(f.sh.T(msgNoSchools))
		}
		var parts []string
		for i, s := range fl.offered {
			box := st.g.uncheck
			if fl.ticked[s.ID] {
				box = st.g.check
			}
			p := box + " " + st.text(s.Label())
			if focused && i == fl.at {
				p = st.g.cursor + st.sel.Render(p)
			} else {
				p = " " + p
			}
			parts = append(parts, p)
		}
		s := strings.Join(parts, "  ")
		if focused {
			s += "  " + st.dim.Render(f.sh.hint(msgSchoolsHint))
		}
		return st.cut(s, w)
	}
	return ""
}
