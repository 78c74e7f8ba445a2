package ui

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
	"termbook/ui/quickadd"
)

// The inputs a form's fields are edited with. Each is one stop of its form's tab order; the
// form keeps tab, ctrl+s and esc for itself and hands every other key, and every paste, to
// the focused input, so while a text field has focus letters are text. A field that takes
// typed text marks its caret for the terminal's real cursor (caretMark).

// input is what a form field is edited with. Its value is a string (a teacher's id, a
// choice's value, a comma-separated list), which is what a draft keeps.
type input interface {
	Focus() tea.Cmd
	Blur()
	Update(msg tea.Msg) tea.Cmd
	View() string
	Value() string
	SetValue(v string)
}

// Inputs may also:
type (
	// sizer is given the width (and, for a pane, the height) the form lays it out in.
	sizer interface{ SetSize(w, h int) }
	// busyInput takes every key while it has a question of its own open (a picker, a note).
	busyInput interface{ busy() bool }
	// claimer uses keys the form would otherwise take: ↑/↓ inside a pane or a list.
	claimer interface{ claims(k tea.KeyPressMsg) bool }
	// stepper has stops of its own that tab visits before leaving it (the rubric's cells).
	stepper interface {
		step(forward bool) bool // moves within; false at the edge
		enter(forward bool)     // entering it by tab (forward) or shift+tab
	}
	// picker of a value: it says when a choice was just made, so the form moves on.
	chooser interface{ chose() bool }
	// complainer has a sentence for the person typing (what cannot be read, what was cut).
	complainer interface{ complaint() string }
	// hinter says what its keys are, on the message line, while it has focus.
	hinter interface{ hint() string }
	// overlayer draws a box of its own over the bottom of the form while it is open (a
	// picker), w cells wide; "" while it is closed.
	overlayer interface{ overlay(w int) string }
)

var (
	msgBadDay      = i18n.Msg{Zh: "日期写法：2026-09-15、9-15、9月15日、明天 或 周二", En: "write a date as 2026-09-15, 9-15, 9/15, tomorrow or tue"}
	msgTeacherFmt  = i18n.Msg{Zh: "%s（%s）", En: "%s (%s)"}
	msgChoiceHint  = i18n.Msg{Zh: "←→ 选择", En: "←→ choose"}
	msgSchoolHint  = i18n.Msg{Zh: "←→ 移动，空格勾选", En: "←→ move, space ticks"}
	msgNoSchools   = i18n.Msg{Zh: "（还没有学校）", En: "(no schools yet)"}
	msgDigitsOnly  = i18n.Msg{Zh: "这里只能填数字", En: "only digits here"}
	msgPickTeacher = i18n.Msg{Zh: "选择教师（输入姓名、拼音或首字母）：", En: "Choose a teacher (type a name, pinyin or initials):"}
	msgPickWhich   = i18n.Msg{Zh: "“%s”是哪一位？", En: "Which one is \"%s\"?"}
	msgNoTeacher   = i18n.Msg{Zh: "没有匹配的教师", En: "No teacher matches"}
	msgNoneChosen  = i18n.Msg{Zh: "（不指定）", En: "(none)"}
	msgCutShort    = i18n.Msg{Zh: "这一栏最多 %d 个字，末尾 %d 个字没有放进去。", En: "This field takes %d characters: the last %d were left out."}
)

// lineField is a one-line text input, optionally with presets that ↑/↓ cycle through
// (lesson types, observation kinds); anything else may be typed too.
type lineField struct {
	in      *lineInput
	presets []string
	// replace makes the first character typed after the field gains focus replace what it
	// shows (a prefilled date, period or name), as a form's selected default would.
	replace bool
	fresh   bool
	// digits allows only digits (full-width ones too, as an input method may send);
	// refused is then the last refusal's sentence.
	digits  bool
	refused bool
	lang    i18n.Lang
}

// widgetLimit is how many characters a field's widget takes. A field of text the store
// checks (a name, a title, a note, a pane: store.MaxName characters or more) takes whatever
// is typed or pasted, whole, and the save names the field, its length and its limit when it
// is too long: a widget that stopped at the limit would drop the rest of a paste. A short
// field of a fixed form (a period, a time, a date) stops at its length, as a box on a paper
// form does, and says how much it left out.
func widgetLimit(limit int) int {
	if limit >= store.MaxName {
		return 0
	}
	return limit
}

func newLineField(st *styles, width, limit int, presets ...string) *lineField {
	return &lineField{in: newLineInput(st.disp.mode, width, widgetLimit(limit)), presets: presets}
}

func (f *lineField) Focus() tea.Cmd {
	f.fresh = f.replace
	f.in.CursorEnd()
	return f.in.Focus()
}
func (f *lineField) Blur()         { f.in.Blur() }
func (f *lineField) Value() string { return strings.TrimSpace(f.in.Value()) }
func (f *lineField) SetValue(v string) {
	f.in.SetValue(v)
	if !f.in.Focused() {
		f.in.CursorStart() // show the start of what does not fit
	}
}

// SetSize fits the field to the width the form gives it.
func (f *lineField) SetSize(w, _ int) { f.in.SetWidth(w) }

func (f *lineField) claims(k tea.KeyPressMsg) bool {
	return len(f.presets) > 0 && (k.String() == "up" || k.String() == "down")
}

func (f *lineField) Update(msg tea.Msg) tea.Cmd {
	f.refused = false
	k, isKey := msg.(tea.KeyPressMsg)
	if isKey && f.claims(k) {
		i := slices.Index(f.presets, f.Value())
		if k.String() == "down" {
			i = (i + 1) % len(f.presets)
		} else {
			i = (i - 1 + len(f.presets)) % len(f.presets)
		}
		f.in.SetValue(f.presets[i])
		return nil
	}
	if f.digits && isKey && typed(k) {
		digits := []rune(k.Text)
		for i, r := range digits {
			if digits[i] = halfWidth(r); digits[i] < '0' || digits[i] > '9' {
				f.refused = true
				return nil
			}
		}
		msg = tea.KeyPressMsg{Code: k.Code, Text: string(digits)}
	}
	if f.fresh && (isKey && typed(k) || !isKey) {
		f.in.SetValue("")
	}
	f.fresh = false
	f.in.Update(msg)
	return nil
}

func (f *lineField) complaint() string {
	switch {
	case f.refused:
		return f.lang.T(msgDigitsOnly)
	case f.in.cutShort > 0:
		return f.lang.T(msgCutShort, f.in.limit, f.in.cutShort)
	}
	return ""
}

func (f *lineField) View() string { return f.in.View() }

// areaField is a multi-line text pane that wraps by display width and scrolls; the real
// cursor stands at its caret while it has focus.
type areaField struct {
	st *styles
	ta textarea.Model
}

func newAreaField(sh *shared, limit int) *areaField {
	st := sh.st
	ta := textarea.New()
	ta.Prompt = ""
	ta.ShowLineNumbers = false
	ta.CharLimit = widgetLimit(limit)
	ta.MaxHeight = 0 // any number of lines; the pane scrolls
	ta.MaxWidth = 0
	plain := textarea.StyleState{Base: st.base, Text: st.base, CursorLine: st.base, Placeholder: st.dim,
		Prompt: st.base, EndOfBuffer: st.base, LineNumber: st.dim, CursorLineNumber: st.dim}
	ta.SetStyles(textarea.Styles{Focused: plain, Blurred: plain, Cursor: textarea.CursorStyle{Shape: tea.CursorBlock, Blink: true}})
	ta.SetVirtualCursor(false)
	// ctrl+backspace deletes a word as in any Windows editor; v2 tells it from backspace.
	ta.KeyMap.DeleteWordBackward.SetKeys("alt+backspace", "ctrl+backspace", "ctrl+w")
	ta.Blur()
	return &areaField{st: st, ta: ta}
}

// Focus puts the caret at the end of the text, where notes go on; Blur shows the text from
// its start again.
func (f *areaField) Focus() tea.Cmd {
	f.ta.MoveToEnd()
	return f.ta.Focus()
}

func (f *areaField) Blur() {
	f.ta.Blur()
	f.ta.MoveToBegin()
}

func (f *areaField) Value() string { return f.ta.Value() }
func (f *areaField) SetValue(v string) {
	f.ta.SetValue(v)
	if !f.ta.Focused() {
		f.ta.MoveToBegin()
	}
}

func (f *areaField) SetSize(w, h int) {
	f.ta.SetWidth(w)
	f.ta.SetHeight(max(1, h))
}

// claims ↑ and ↓, which move between the pane's lines.
func (f *areaField) claims(k tea.KeyPressMsg) bool { return k.String() == "up" || k.String() == "down" }

// Update handles a key or a paste; the new-line keys (shift+enter where the terminal tells
// it from enter, alt+enter, ctrl+j) start a line as enter does.
func (f *areaField) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "shift+enter", "alt+enter", "ctrl+j":
			msg = tea.KeyPressMsg{Code: tea.KeyEnter}
		}
	}
	var cmd tea.Cmd
	f.ta, cmd = f.ta.Update(msg)
	return cmd
}

// View is the pane's lines, the caret marked while it has focus.
func (f *areaField) View() string { return markCaret(f.ta.View(), f.ta.Cursor(), f.st.disp.mode) }

// personField is a teacher chosen with the program's picker: typing a name, its pinyin or
// its initials (张三, zhangsan, zs) opens the picker on what was typed, across every school;
// enter takes the highlighted teacher, never a silent guess.
type personField struct {
	sh        *shared
	title     string
	chosen    string
	picker    *picker
	focused   bool
	allowNone bool // the picker offers "(none)" first, to clear a choice
	picked    bool // a teacher was just picked: the form moves on
}

func newPersonField(sh *shared, title string, allowNone bool) *personField {
	return &personField{sh: sh, title: title, allowNone: allowNone}
}

func (f *personField) Focus() tea.Cmd     { f.focused = true; return nil }
func (f *personField) Blur()              { f.focused, f.picker = false, nil }
func (f *personField) Value() string      { return f.chosen }
func (f *personField) SetValue(id string) { f.chosen = id }
func (f *personField) busy() bool         { return f.picker != nil }

// chose reports, once, that a teacher was just picked.
func (f *personField) chose() bool {
	picked := f.picked
	f.picked = false
	return picked
}

func (f *personField) Update(msg tea.Msg) tea.Cmd {
	if p, ok := msg.(tea.PasteMsg); ok && f.picker != nil {
		f.picker.paste(p)
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
			f.chosen, f.picker, f.picked = f.picker.choice(), nil, true
		case pickGivenUp:
			f.picker = nil
		}
		return cmd
	}
	switch {
	case typed(km) || km.String() == "enter" || km.String() == "space":
		if f.sh.data == nil {
			return nil
		}
		f.picker = newPicker(f.sh, f.title, nil, f.allowNone)
		if typed(km) && km.String() != "space" {
			f.picker.query.SetValue(km.Text)
			f.picker.refilter()
		}
	case km.String() == "backspace" || km.String() == "ctrl+h" || km.String() == "delete":
		f.chosen = ""
	}
	return nil
}

// overlay is the open picker.
func (f *personField) overlay(w int) string {
	if f.picker == nil {
		return ""
	}
	return f.picker.view(w)
}

// claims enter, which opens the picker.
func (f *personField) claims(k tea.KeyPressMsg) bool { return k.String() == "enter" }

// View is the chosen teacher and school, or a dim "(none)". Typing a name opens the
// picker, so while the field has focus the caret stands at its start, where an input
// method's window then opens.
func (f *personField) View() string {
	st := f.sh.st
	caret := ""
	if f.focused && f.picker == nil {
		caret = caretMark
	}
	t, ok := f.sh.data.teacherByID[f.chosen]
	if !ok {
		return caret + st.dim.Render(f.sh.T(msgNoneChosen))
	}
	return caret + st.text(f.sh.T(msgTeacherFmt, t.Name, f.sh.data.schoolByID[t.SchoolID].Label()))
}

// dateField is a day, written in any way quick add reads one: 2026-09-15, 9-15, 9/15,
// 9月15日, 今天, 明天, 周二, 下周二. A day written in words shows the date it means beside it.
type dateField struct {
	*lineField
	sh *shared
}

func newDateField(sh *shared) *dateField {
	tf := newLineField(sh.st, 11, maxWhenText)
	tf.replace, tf.lang = true, sh.lang
	return &dateField{lineField: tf, sh: sh}
}

// Date is the day typed, the zero Date when empty, or the sentence saying why it cannot be
// read.
func (f *dateField) Date() (store.Date, error) {
	d, err := quickadd.Day(f.Value(), f.sh.whenContext(0))
	var qe *quickadd.Error
	if errors.As(err, &qe) {
		return d, formError(qe.Message(f.sh.lang))
	}
	return d, err
}

// SetDate shows a day.
func (f *dateField) SetDate(d store.Date) { f.SetValue(d.String()) }

func (f *dateField) complaint() string {
	if _, err := f.Date(); err != nil {
		return f.sh.T(msgBadDay)
	}
	return f.lineField.complaint()
}

func (f *dateField) View() string {
	v := f.lineField.View()
	switch d, err := f.Date(); {
	case err != nil:
		v += " " + f.sh.st.err.Render(f.sh.T(msgBadDay))
	case !d.IsZero() && f.Value() != d.String():
		v += " " + f.sh.st.dim.Render(f.sh.st.g.arrow+" "+f.sh.lang.Date(d))
	}
	return v
}

// choice is one value of a choice field.
type choice struct {
	value string
	label string
}

// choiceField is one of a few values, chosen with ←/→ (or space), a number, or the first
// characters of its name.
type choiceField struct {
	sh      *shared
	choices []choice
	cur     int
	focused bool
}

func newChoiceField(sh *shared, choices []choice, value string) *choiceField {
	c := &choiceField{sh: sh, choices: choices}
	c.SetValue(value)
	return c
}

func (c *choiceField) Focus() tea.Cmd { c.focused = true; return nil }
func (c *choiceField) Blur()          { c.focused = false }

// setChoices offers cs instead, the value chosen kept when keep and it is among them, else
// the first.
func (c *choiceField) setChoices(cs []choice, keep bool) {
	v := c.Value()
	c.choices, c.cur = cs, 0
	if keep {
		c.SetValue(v)
	}
}

func (c *choiceField) Value() string {
	if len(c.choices) == 0 {
		return ""
	}
	return c.choices[c.cur].value
}

func (c *choiceField) SetValue(v string) {
	for i, ch := range c.choices {
		if ch.value == v {
			c.cur = i
		}
	}
}

func (c *choiceField) Update(msg tea.Msg) tea.Cmd {
	n := len(c.choices)
	k, ok := msg.(tea.KeyPressMsg)
	if n == 0 || !ok {
		return nil
	}
	switch {
	case k.String() == "right" || k.String() == "space":
		c.cur = (c.cur + 1) % n
	case k.String() == "left":
		c.cur = (c.cur + n - 1) % n
	case typed(k):
		if i, err := strconv.Atoi(k.Text); err == nil && i >= 1 && i <= n {
			c.cur = i - 1
			return nil
		}
		for i, ch := range c.choices {
			if strings.HasPrefix(ch.label, k.Text) {
				c.cur = i
				return nil
			}
		}
	}
	return nil
}

func (c *choiceField) View() string {
	if len(c.choices) == 0 {
		return ""
	}
	st := c.sh.st
	label := st.text(c.choices[c.cur].label)
	if c.focused {
		return st.sel.Render(label) + "  " + st.dim.Render(c.sh.hint(msgChoiceHint))
	}
	return label
}

// schoolsField is any of the schools, ticked with space: its value is their ids, comma
// separated.
type schoolsField struct {
	sh      *shared
	ticked  ticks
	offered []store.School // the active schools and those ticked at the start
	at      int            // the school under the cursor
	focused bool
}

func newSchoolsField(sh *shared, ids []string) *schoolsField {
	f := &schoolsField{sh: sh, offered: sh.data.activeSchools(ids...)}
	f.SetValue(strings.Join(ids, ","))
	return f
}

func (f *schoolsField) Focus() tea.Cmd { f.focused = true; return nil }
func (f *schoolsField) Blur()          { f.focused = false }

func (f *schoolsField) Value() string     { return f.ticked.value() }
func (f *schoolsField) SetValue(v string) { f.ticked = readTicks(v) }

// ticks are the ids ticked in a list; as a field's value, sorted and comma separated.
type ticks map[string]bool

func (t ticks) value() string {
	var ids []string
	for id, on := range t {
		if on {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return strings.Join(ids, ",")
}

// readTicks reads a value of ticks.
func readTicks(v string) ticks {
	t := ticks{}
	for id := range strings.SplitSeq(v, ",") {
		if id != "" {
			t[id] = true
		}
	}
	return t
}

func (f *schoolsField) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	n := len(f.offered)
	if !ok || n == 0 {
		return nil
	}
	switch k.String() {
	case "left":
		f.at = (f.at + n - 1) % n
	case "right":
		f.at = (f.at + 1) % n
	case "space", "x":
		id := f.offered[f.at].ID
		f.ticked[id] = !f.ticked[id]
	}
	return nil
}

func (f *schoolsField) View() string {
	st := f.sh.st
	if len(f.offered) == 0 {
		return st.dim.Render(f.sh.T(msgNoSchools))
	}
	var parts []string
	for i, s := range f.offered {
		box := st.g.uncheck
		if f.ticked[s.ID] {
			box = st.g.check
		}
		p := box + " " + st.text(s.Label())
		if f.focused && i == f.at {
			p = st.g.cursor + st.sel.Render(p)
		} else {
			p = " " + p
		}
		parts = append(parts, p)
	}
	s := strings.Join(parts, "  ")
	if f.focused {
		s += "  " + st.dim.Render(f.sh.hint(msgSchoolHint))
	}
	return s
}

// formError is a sentence for the person filling a form, already in their language.
type formError string

func (e formError) Error() string { return string(e) }

// fieldError is a sentence about one field of a form, already in the user's language: saving
// shows it, after the field's label unless it names the field itself, and focuses the field.
type fieldError struct {
	field, text string
	named       bool
}

func (e fieldError) Error() string { return e.text }

// Words of the teacher picker.

// picker chooses a teacher by type-ahead across every school: by name, by pinyin or by
// pinyin initials (张三 = zhangsan = zs). It is a component, not a screen: its owner passes
// it keys and draws it, and it answers with pick(). Letters typed are always the query.
type picker struct {
	sh        *shared
	title     string
	all       []store.Teacher // the candidates
	query     *lineInput
	matches   []store.Teacher
	cur       int
	allowNone bool // offer "(none)" first, to clear a choice
	// ticked, when set, makes the picker a list of boxes to tick (the teachers present).
	ticked map[string]bool
	tall   int // lines drawn, when more than the usual 8
}

// newPicker offers the active teachers; fixed candidates (an ambiguous name) are offered
// as they are, with the query empty.
func newPicker(sh *shared, title string, candidates []store.Teacher, allowNone bool) *picker {
	if candidates == nil {
		candidates = sh.data.activeTeachers()
	}
	p := &picker{sh: sh, title: title, all: candidates, query: newLineInput(sh.st.disp.mode, 0, store.MaxName), allowNone: allowNone}
	p.query.Focus()
	p.refilter()
	return p
}

// pickResult is what a key did to the picker.
type pickResult int

const (
	picking pickResult = iota
	picked
	pickGivenUp
)

// update handles a key; on picked, choice() is the teacher ("" for none).
func (p *picker) update(msg tea.KeyPressMsg) (pickResult, tea.Cmd) {
	switch msg.String() {
	case "esc":
		return pickGivenUp, nil
	case "enter":
		if p.count() == 0 {
			return picking, nil
		}
		return picked, nil
	case "up", "shift+tab":
		p.cur = max(0, p.cur-1)
		return picking, nil
	case "down", "tab":
		p.cur = min(p.count()-1, p.cur+1)
		return picking, nil
	}
	p.edit(msg)
	return picking, nil
}

// paste takes pasted text into the query.
func (p *picker) paste(msg tea.PasteMsg) { p.edit(msg) }

func (p *picker) edit(msg tea.Msg) {
	before := p.query.Value()
	p.query.Update(msg)
	if p.query.Value() != before {
		p.refilter()
	}
}

// count is the number of rows offered, "(none)" included.
func (p *picker) count() int {
	if p.allowNone {
		return len(p.matches) + 1
	}
	return len(p.matches)
}

// choice is the chosen teacher's id, "" for none.
func (p *picker) choice() string {
	i := p.cur
	if p.allowNone {
		i--
	}
	if i < 0 || i >= len(p.matches) {
		return ""
	}
	return p.matches[i].ID
}

// refilter keeps the teachers the query names, closest matches first: exact name, pinyin,
// initials, then prefixes and names containing the query.
func (p *picker) refilter() {
	q := strings.TrimSpace(p.query.Value())
	p.matches = p.matches[:0]
	type scored struct {
		t    store.Teacher
		kind store.MatchKind
	}
	var found []scored
	for _, t := range p.all {
		if q == "" {
			found = append(found, scored{t, store.MatchPrefix})
			continue
		}
		k := t.Match(q)
		if k == store.NoMatch && strings.Contains(strings.ToLower(t.Name), strings.ToLower(q)) {
			k = store.MatchPrefix + 1
		}
		if k != store.NoMatch {
			found = append(found, scored{t, k})
		}
	}
	slices.SortStableFunc(found, func(a, b scored) int { return int(a.kind) - int(b.kind) })
	for _, f := range found {
		p.matches = append(p.matches, f.t)
	}
	p.cur = 0
	if p.allowNone && q != "" && len(p.matches) > 0 {
		p.cur = 1
	}
}

// height is how many lines view draws.
func (p *picker) height() int {
	if p.tall > 0 {
		return p.tall
	}
	return 8
}

// view draws the picker in a box: its question, the query and the matches, w cells wide.
func (p *picker) view(w int) string {
	st, l, d := p.sh.st, p.sh.lang, p.sh.data
	inner := w - 4
	p.query.SetWidth(inner - 2)
	lines := []string{st.bold.Render(st.cut(st.text(p.title), inner)), "> " + p.query.View()}
	rows := p.height() - 4
	var items []string
	if p.allowNone {
		items = append(items, st.dim.Render(l.T(msgNoneChosen)))
	}
	for _, t := range p.matches {
		school := ""
		if s, ok := d.schoolByID[t.SchoolID]; ok {
			school = s.Label()
		}
		box := ""
		if p.ticked != nil {
			box = st.g.uncheck + " "
			if p.ticked[t.ID] {
				box = st.g.check + " "
			}
		}
		items = append(items, box+st.fit(st.text(t.Name), 8)+" "+st.fit(st.text(school), 10)+" "+
			st.fit(strings.Join(t.Subjects, ","), 10)+" "+st.dim.Render(t.Pinyin+" "+t.Initials))
	}
	if len(items) == 0 {
		items = append(items, st.dim.Render(l.T(msgNoTeacher)))
	}
	top := max(0, min(p.cur-rows+1, len(items)-rows))
	for i := top; i < len(items) && i < top+rows; i++ {
		text := st.cut(items[i], inner-2)
		if i == p.cur && p.count() > 0 {
			text = st.sel.Render(st.fit(st.g.cursor+" "+text, inner))
		} else {
			text = "  " + text
		}
		lines = append(lines, text)
	}
	for len(lines) < rows+2 {
		lines = append(lines, "")
	}
	return st.box.Width(w - 2).Render(strings.Join(lines, "\n"))
}
