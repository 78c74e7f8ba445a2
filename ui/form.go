package ui

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"termbook/store"
	"termbook/ui/i18n"
)

// Every form of the program is a form: labelled fields in a tab order, one focused; ctrl+s
// saves, esc leaves and asks only when something typed would be lost, and what is typed is
// kept as a draft a couple of seconds after it changes (drafts.go). Its owner builds the
// fields (formfields.go has the inputs), turns them into a record in save, and runs the store
// command; when the command's result comes, the owner closes the form, or hands it the
// error, which the form shows at the field it names.
//
// A form is laid out one field under another (a pane under its label, sharing the height
// left), or by a layout of its owner's (the observation form's two panes side by side).
//
// A new form takes a few lines:
//
//	f := newForm(sh, sh.T(msgNewTeacher))
//	f.text("name", msgPName, t.Name, store.MaxName)
//	f.choose("school", msgPSchool, schools, t.SchoolID)
//	f.save = func() (tea.Cmd, error) { … return writeTeacher(…), nil }
//	f.ready()
//	f.keep(draftTeacher, t.ID, "")
//
// and its screen keeps it in a field, passes it keys while it is open (capturing), draws it,
// and implements formHolder so that its drafts come back after a crash.

// Words every form shares.
var (
	msgLoseChanges  = i18n.Msg{Zh: "放弃已输入的内容？ y 放弃  n 继续编辑", En: "Discard what you typed? y discards, n goes back"}
	msgSaving       = i18n.Msg{Zh: "正在保存…", En: "Saving…"}
	msgFieldProblem = i18n.Msg{Zh: "%s：%s", En: "%s: %s"}
)

// field is one stop of a form.
type field struct {
	name   string // the store's field name: a save error naming it focuses it; drafts key by it
	label  string
	in     input
	hidden func() bool // hides the field (a schedule's other kinds)
	note   string      // dim text after the value
	hint   i18n.Msg    // the message line while the field has focus
	pane   bool        // a text pane: drawn under its label, several lines high
	// newLine makes enter start a new line (the long panes); elsewhere enter moves on and
	// shift+enter starts one.
	newLine bool
}

// value is the field's value as its input gives it.
func (fl *field) value() string { return fl.in.Value() }

// form is one form on the screen.
type form struct {
	sh     *shared
	title  string
	fields []*field
	focus  int
	w, h   int

	// layout, when set, draws the body (everything but the message line) in w×h cells.
	layout func(w, h int) []string
	// keys, when set, handles the form's own keys before the common ones (ctrl+g, ctrl+n …);
	// it reports whether the key was its own.
	keys func(k tea.KeyPressMsg) (tea.Cmd, bool)
	// hints are the form's own keys, for the hint line.
	hints []key.Binding
	// changed, when set, is told after every key or paste that changed a value (one field's
	// choices follow another's value).
	changed func()
	extra   []string // lines under the fields (an activity's history)

	// save checks the fields and returns the command that writes the record, or the error to
	// show (a fieldError or store.InvalidError focuses its field).
	save    func() (tea.Cmd, error)
	onClose func() // the owner forgets the form

	asking  bool   // "discard what you typed?"
	saving  bool   // the write is on its way
	problem string // the last save's error, or what the last key was refused for
	initial string // the values when opened: leaving asks only if they changed

	drafts *draftKeeper // nil when the form keeps no drafts
	draft  formDraft    // the draft's record and owner, and its label
	// labelDraft names a draft in the offer; nil uses the title or name typed.
	labelDraft func() string
}

func newForm(sh *shared, title string) *form { return &form{sh: sh, title: title} }

// add puts a field at the end of the tab order.
func (f *form) add(name string, label i18n.Msg, in input) *field {
	fl := &field{name: name, label: f.sh.T(label), in: in}
	f.fields = append(f.fields, fl)
	return fl
}

// text adds a one-line text field.
func (f *form) text(name string, label i18n.Msg, value string, limit int) *field {
	in := newLineField(f.sh.st, 0, limit)
	in.lang = f.sh.lang
	in.SetValue(value)
	return f.add(name, label, in)
}

// choose adds one of a few values.
func (f *form) choose(name string, label i18n.Msg, choices []choice, value string) *field {
	return f.add(name, label, newChoiceField(f.sh, choices, value))
}

// teacher adds a teacher chosen with the picker ("(none)" allowed).
func (f *form) teacher(name string, label i18n.Msg, id string) *field {
	in := newPersonField(f.sh, f.sh.T(msgPickTeacher), true)
	in.SetValue(id)
	fl := f.add(name, label, in)
	fl.hint = msgTeacherHint
	return fl
}

var msgTeacherHint = i18n.Msg{Zh: "回车或输入姓名选择", En: "enter or type a name to choose"}

// schools adds any of the schools, ticked.
func (f *form) schools(name string, label i18n.Msg, ids []string) *field {
	return f.add(name, label, newSchoolsField(f.sh, ids))
}

// pane adds a text pane of at most limit characters, where enter starts a new line.
func (f *form) pane(name string, label i18n.Msg, value string, limit int) *field {
	in := newAreaField(f.sh, limit)
	in.SetValue(value)
	fl := f.add(name, label, in)
	fl.pane, fl.newLine = true, true
	return fl
}

// field is the field called name, or nil.
func (f *form) field(name string) *field {
	for _, fl := range f.fields {
		if fl.name == name {
			return fl
		}
	}
	return nil
}

// str is the value of the field called name with the spaces around it trimmed.
func (f *form) str(name string) string { return strings.TrimSpace(f.field(name).value()) }

// titled is a form's title: newTitle for a record not yet written, else editTitle naming it.
func (sh *shared) titled(isNew bool, newTitle, editTitle i18n.Msg, name string) string {
	if isNew {
		return sh.T(newTitle)
	}
	return sh.T(editTitle, name)
}

// ready records the opening values and focuses the first field shown.
func (f *form) ready() {
	f.initial = f.valuesKey()
	f.setFocus(f.next(-1, 1))
}

func (f *form) values() map[string]string {
	v := make(map[string]string, len(f.fields))
	for _, fl := range f.fields {
		v[fl.name] = fl.value()
	}
	return v
}

// valuesKey is every field's value in order, to tell whether any changed.
func (f *form) valuesKey() string {
	v := make([]string, len(f.fields))
	for i, fl := range f.fields {
		v[i] = fl.value()
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// dirty reports whether leaving now would lose something typed.
func (f *form) dirty() bool { return f.valuesKey() != f.initial }

func (f *form) visible(i int) bool { return f.fields[i].hidden == nil || !f.fields[i].hidden() }

// next is the index of the next visible field from i in direction d, wrapping around.
func (f *form) next(i, d int) int {
	n := len(f.fields)
	for range n {
		i = (i + d + n) % n
		if f.visible(i) {
			return i
		}
	}
	return max(0, i)
}

func (f *form) setFocus(i int) tea.Cmd {
	if len(f.fields) == 0 {
		return nil
	}
	f.fields[f.focus].in.Blur()
	f.focus = i
	return f.fields[i].in.Focus()
}

// focusField focuses the field called name, if there is one.
func (f *form) focusField(name string) tea.Cmd {
	for i, fl := range f.fields {
		if fl.name == name {
			return f.setFocus(i)
		}
	}
	return nil
}

// focused is the field with focus.
func (f *form) focused() *field { return f.fields[f.focus] }

// move goes to the next (or previous) stop: a field's own stops first (the rubric's cells).
func (f *form) move(forward bool) tea.Cmd {
	if s, ok := f.focused().in.(stepper); ok && s.step(forward) {
		return nil
	}
	d := 1
	if !forward {
		d = -1
	}
	cmd := f.setFocus(f.next(f.focus, d))
	if s, ok := f.focused().in.(stepper); ok {
		s.enter(forward)
	}
	return cmd
}

// onward is where enter goes from a one-line field, as in a paper form's next box: the next
// field still empty before the next pane, else that pane, else the next field.
func (f *form) onward() tea.Cmd {
	for i := f.focus + 1; i < len(f.fields); i++ {
		if !f.visible(i) {
			continue
		}
		if fl := f.fields[i]; fl.pane || fl.value() == "" && !isChoice(fl.in) {
			return f.setFocus(i)
		}
	}
	return f.move(true)
}

func isChoice(in input) bool {
	_, ok := in.(*choiceField)
	return ok
}

// update handles a key or a paste. Letters go to the focused field; ctrl+s, esc, tab,
// shift+tab, and ↑, ↓ and enter where the field does not use them, are the form's own.
func (f *form) update(msg tea.Msg) tea.Cmd {
	if f.saving || len(f.fields) == 0 {
		return nil
	}
	before := f.valuesKey()
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.PasteMsg:
		if f.asking {
			return nil
		}
		f.problem = ""
		cmd = f.focused().in.Update(msg)
		f.complain()
	case tea.KeyPressMsg:
		cmd = f.key(msg)
	default:
		return nil
	}
	if f.valuesKey() == before {
		return cmd
	}
	if f.changed != nil {
		f.changed()
	}
	if f.drafts != nil {
		cmd = tea.Batch(cmd, f.drafts.Changed())
	}
	return cmd
}

func (f *form) key(k tea.KeyPressMsg) tea.Cmd {
	if f.asking {
		if answerDiscard(&f.asking, k) {
			return f.leave()
		}
		return nil
	}
	f.problem = ""
	cur := f.focused()
	if b, ok := cur.in.(busyInput); ok && b.busy() {
		return f.edit(cur, k)
	}
	if f.keys != nil {
		if cmd, ok := f.keys(k); ok {
			return cmd
		}
	}
	claimed := false
	if c, ok := cur.in.(claimer); ok {
		claimed = c.claims(k)
	}
	keys := f.sh.keys
	switch {
	case key.Matches(k, keys.Save):
		return f.saveNow()
	case key.Matches(k, keys.Leave):
		if f.dirty() {
			f.asking = true
			return nil
		}
		return f.leave()
	// tab and shift+tab always move; ↓, ↑ and enter stay with a field that uses them (a
	// pane's lines, a list, a picker to open).
	case key.Matches(k, keys.NextField) && !claimed:
		return f.move(true)
	case key.Matches(k, keys.PrevField) && !claimed:
		return f.move(false)
	case key.Matches(k, keys.Submit) && !claimed && !cur.newLine:
		return f.onward()
	}
	return f.edit(cur, k)
}

// edit hands a key to the focused field; a teacher just picked moves on.
func (f *form) edit(cur *field, k tea.KeyPressMsg) tea.Cmd {
	cmd := cur.in.Update(k)
	f.complain()
	if c, ok := cur.in.(chooser); ok && c.chose() {
		return tea.Batch(cmd, f.onward())
	}
	return cmd
}

// complain shows what the focused field has to say about the last key or paste.
func (f *form) complain() {
	if c, ok := f.focused().in.(complainer); ok {
		if s := c.complaint(); s != "" {
			f.problem = s
		}
	}
}

// saveNow checks the fields and starts the write.
func (f *form) saveNow() tea.Cmd {
	cmd, err := f.save()
	if err != nil {
		f.failed(err)
		return nil
	}
	if cmd == nil {
		return nil
	}
	f.saving = true
	return f.forgetDraftAfter(cmd)
}

// failed shows why saving failed and focuses the field it names.
func (f *form) failed(err error) {
	f.saving = false
	f.problem = f.sh.lang.Error(err)
	name := ""
	var inv *store.InvalidError
	var fe fieldError
	switch {
	case errors.As(err, &fe):
		f.problem, name = fe.text, fe.field
	case errors.As(err, &inv) && len(inv.Fields) > 0:
		name = inv.Fields[0].Field
	case errors.As(err, new(formError)):
		f.problem = err.Error()
	}
	for i, fl := range f.fields {
		if name != "" && fl.name == name && f.visible(i) {
			f.setFocus(i)
			if fe.field != "" && !fe.named {
				f.problem = f.sh.T(msgFieldProblem, fl.label, fe.text)
			}
			break
		}
	}
}

// leave closes the form without saving and deletes its draft.
func (f *form) leave() tea.Cmd {
	if f.onClose != nil {
		f.onClose()
	}
	if f.drafts == nil {
		return nil
	}
	return f.drafts.Discard()
}

// close closes the form after its record was saved.
func (f *form) close() {
	if f.onClose != nil {
		f.onClose()
	}
}

// shortHelp is the hint line's keys while the form shows.
func (f *form) shortHelp() []key.Binding {
	k := f.sh.keys
	if b, ok := f.focused().in.(busyInput); ok && b.busy() {
		if _, ticks := b.(*attendeesField); ticks {
			return []key.Binding{k.upDown, k.Toggle, k.Submit}
		}
		return []key.Binding{k.upDown, k.Submit, k.Leave}
	}
	keys := []key.Binding{k.Save, k.Leave, k.NextField, k.PrevField}
	if cur := f.focused(); cur.pane && !cur.newLine {
		keys = append(keys, k.NewLine)
	}
	return append(keys, f.hints...)
}

// view draws the form in w×h cells: its body, the message line, and an open picker over
// the bottom.
func (f *form) view(w, h int) string {
	f.w, f.h = w, h
	st := f.sh.st
	// The message line grows to three lines for a sentence that needs them (a refused
	// file's whole path).
	msg := strings.Split(ansi.Wrap(st.disp.mode.Show(f.messageLine()), max(1, w), ""), "\n")
	msg = msg[:min(len(msg), 3, max(1, h/4))]
	var lines []string
	if f.layout != nil {
		lines = f.layout(w, h-len(msg))
	} else {
		lines = f.column(w, h-len(msg))
	}
	lines = st.block(strings.Join(lines, "\n"), w, h-len(msg))
	for _, l := range msg {
		lines = append(lines, st.cut(l, w))
	}
	if o, ok := f.focused().in.(overlayer); ok {
		if box := o.overlay(w); box != "" {
			boxLines := strings.Split(box, "\n")
			lines = append(lines[:max(0, len(lines)-len(boxLines))], boxLines...)
		}
	}
	return strings.Join(lines, "\n")
}

// messageLine is the form's last line: its question, the save on its way, what is wrong,
// or what the focused field needs to know.
func (f *form) messageLine() string {
	st := f.sh.st
	switch {
	case f.asking:
		return st.moved.Render(f.sh.T(msgLoseChanges))
	case f.saving:
		return f.sh.T(msgSaving)
	case f.problem != "":
		return st.err.Render(f.problem)
	}
	cur := f.focused()
	if c, ok := cur.in.(complainer); ok {
		if s := c.complaint(); s != "" {
			return st.err.Render(s)
		}
	}
	if h, ok := cur.in.(hinter); ok {
		return h.hint()
	}
	if cur.hint != (i18n.Msg{}) {
		return st.dim.Render(f.sh.hint(cur.hint))
	}
	return ""
}

// label is a field's label, in the focus style when it has focus.
func (f *form) label(fl *field) string {
	if fl == f.focused() {
		return f.sh.st.focus.Render(fl.label)
	}
	return f.sh.st.label.Render(fl.label)
}

// column lays the fields out one under another, labels lined up, a pane under its label
// taking its share of the lines left.
func (f *form) column(w, h int) []string {
	st := f.sh.st
	labelW, panes, rows := 0, 0, 0
	for i, fl := range f.fields {
		if !f.visible(i) {
			continue
		}
		labelW = max(labelW, st.width(fl.label))
		rows++
		if fl.pane {
			panes++
		}
	}
	valueW := max(10, w-labelW-4)
	lines := []string{st.bold.Render(st.cut(st.text(f.title), w)), st.dim.Render(st.rule(w))}
	paneH, folded := 0, false
	if panes > 0 {
		room := h - len(lines) - rows - 1 - len(f.extra)
		paneH = max(2, room/panes)
		// Panes that would not fit two lines each fold to one line, the start of their
		// text, and the focused pane takes the room the others leave.
		if folded = room/panes < 2; folded {
			paneH = max(2, room) // the folded panes' one line each is counted in rows
		}
	}
	for i, fl := range f.fields {
		if !f.visible(i) {
			continue
		}
		mark := "  "
		label := st.label.Render(st.fit(fl.label, labelW))
		if i == f.focus {
			mark = st.focus.Render(st.g.cursor) + " "
			label = st.focus.Render(st.fit(fl.label, labelW))
		}
		if fl.pane && folded && i != f.focus {
			lines = append(lines, mark+label+"  "+st.dim.Render(st.cut(st.text(firstLine(fl.value())), valueW)))
			continue
		}
		if fl.pane {
			if s, ok := fl.in.(sizer); ok {
				s.SetSize(w-4, paneH)
			}
			lines = append(lines, mark+label)
			for _, l := range strings.Split(fl.in.View(), "\n") {
				lines = append(lines, "    "+l)
			}
			continue
		}
		// A note (what the date typed means, when two fields go together) follows the
		// value, which gives it the room it needs.
		noteW := 0
		if fl.note != "" {
			noteW = 2 + st.width(fl.note)
		}
		if s, ok := fl.in.(sizer); ok {
			s.SetSize(max(10, valueW-noteW), 1)
		}
		value := fl.in.View()
		if fl.note != "" {
			value = strings.TrimRight(value, " ") + "  " + st.dim.Render(fl.note)
		}
		lines = append(lines, mark+label+"  "+st.cut(value, valueW))
	}
	lines = append(lines, st.dim.Render(st.rule(w)))
	for _, e := range f.extra {
		lines = append(lines, st.dim.Render(st.cut(e, w)))
	}
	return lines
}

// firstLine is the start of a text: its first line that is not blank, with "…" when more
// follows.
func firstLine(s string) string {
	var kept []string
	for l := range strings.SplitSeq(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			kept = append(kept, l)
		}
	}
	switch len(kept) {
	case 0:
		return ""
	case 1:
		return kept[0]
	}
	return kept[0] + " …"
}

// formDraft is a form's content as kept in a draft: the record it edits ("" for a new one),
// the record it belongs to (a guidance entry's mentor pair), and each field's value by name.
type formDraft struct {
	Label  string            `json:"label"`
	ID     string            `json:"id,omitempty"`
	Parent string            `json:"parent,omitempty"`
	Values map[string]string `json:"values"`
}

// keep makes the form keep drafts of the record id (of kind, belonging to parent). A
// read-only database keeps none: it could not store them.
func (f *form) keep(kind, id, parent string) {
	if f.sh.readOnly() != nil {
		return
	}
	key := "form:" + kind + ":" + id
	if id == "" {
		key = "form:" + kind + ":new"
		if parent != "" {
			key += ":" + parent
		}
	}
	f.drafts = newDraftKeeper(f.sh, key, kind)
	f.draft = formDraft{ID: id, Parent: parent}
	f.drafts.Seen(f.payload())
}

// payload is the form's content as a draft's JSON.
func (f *form) payload() string {
	d := f.draft
	d.Values = f.values()
	d.Label = f.title
	switch {
	case f.labelDraft != nil:
		d.Label = f.labelDraft()
	case f.field("title") != nil:
		d.Label = f.str("title") // named by what was typed
	case f.field("name") != nil:
		d.Label = f.str("name")
	}
	b, _ := json.Marshal(d)
	return string(b)
}

// restore fills the form from a draft, which then counts as typed (leaving asks).
func (f *form) restore(d store.Draft, fd formDraft) {
	for _, fl := range f.fields {
		if v, ok := fd.Values[fl.name]; ok {
			fl.in.SetValue(v)
		}
	}
	f.initial = ""
	f.setFocus(f.focus)
	if f.drafts != nil {
		f.drafts.Seen(d.Payload)
	}
}

// reopen fills a form just built from its draft. A form for a record that is gone is a new
// one, and its old draft is deleted: the new form keeps its own.
func (f *form) reopen(d store.Draft, fd formDraft, found bool) tea.Cmd {
	f.restore(d, fd)
	if f.drafts == nil || found {
		return nil
	}
	f.problem = f.sh.T(msgDraftRecordGone)
	st, key := f.sh.store, d.Key
	f.drafts.last = ""
	return tea.Batch(f.drafts.Changed(), func() tea.Msg {
		return draftSavedMsg{key: key, err: st.DeleteDraft(context.Background(), key)}
	})
}

// readDraft reads a kept draft: a form's values by field name. Drafts written before the
// forms were one kept their fields at the top of the payload and named the record in the
// key; those read the same.
func readDraft(d store.Draft) (formDraft, error) {
	var fd formDraft
	if err := json.Unmarshal([]byte(d.Payload), &fd); err != nil {
		return fd, err
	}
	if fd.Values != nil {
		return fd, nil
	}
	var top map[string]any
	if err := json.Unmarshal([]byte(d.Payload), &top); err != nil {
		return fd, err
	}
	fd.Values = map[string]string{}
	for k, v := range top {
		if s, ok := v.(string); ok {
			fd.Values[k] = s
		}
	}
	if p, ok := fd.Values["pair"]; ok {
		fd.Parent = p
	}
	_, rest, _ := strings.Cut(d.Key, ":")
	if id, found := strings.CutPrefix(d.Key, "guidance_edit:"); found {
		fd.ID = id
	} else if fd.ID == "" && rest != "new" && !strings.HasPrefix(d.Key, "guidance:") {
		fd.ID = rest
	}
	return fd, nil
}

// forgetDraftAfter deletes the form's draft once cmd has saved the record.
func (f *form) forgetDraftAfter(cmd tea.Cmd) tea.Cmd {
	if f.drafts == nil {
		return cmd
	}
	k := f.drafts
	return func() tea.Msg {
		msg := cmd()
		if r, ok := msg.(saveResult); !ok || r.failure() == nil {
			_ = k.forget(context.Background()) // at worst the next start offers a saved form's draft
		}
		return msg
	}
}

// saveRecord writes rec, a new record when isNew, else over the record it is.
func saveRecord[T any](ctx context.Context, isNew bool, rec T, create, update func(context.Context, T) (T, error)) (T, error) {
	if isNew {
		return create(ctx, rec)
	}
	return update(ctx, rec)
}

// settled takes the result of the form's write: an error stays on the form to be put
// right (false), else the form closes (true).
func (f *form) settled(err error) bool {
	if err != nil {
		f.failed(err)
		return false
	}
	f.close()
	return true
}

// saveResult is the message a form's write answers with.
type saveResult interface{ failure() error }

func (m changedMsg) failure() error { return m.err }
func (m peopleMsg) failure() error  { return m.err }
func (m pairsMsg) failure() error   { return m.err }
func (m startedMsg) failure() error { return m.err }
func (m tabMsg) failure() error {
	if r, ok := m.msg.(saveResult); ok {
		return r.failure()
	}
	return nil
}
