package ui

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
	"termbook/ui/quickadd"
)

// The fields the record forms (observation, guidance, mentor pair) are made of. Each is one
// stop in its form's tab order; the form keeps tab, ctrl+s and esc for itself and hands every
// other key to the focused field, so while a text field has focus letters are text.

var (
	msgBadDay     = i18n.Msg{Zh: "日期写法：2026-09-15、9-15 或 9月15日", En: "write a date as 2026-09-15, 9-15 or 9/15 (month first)"}
	msgTeacherFmt = i18n.Msg{Zh: "%s（%s）", En: "%s (%s)"}
)

// lineField is a one-line input, optionally with presets that ↑/↓ cycle through (lesson
// types, observation kinds); anything else may be typed too.
type lineField struct {
	in      *lineInput
	presets []string
	// replace makes the first character typed after the field gains focus replace what it
	// shows (a prefilled date, period or name), as a form's selected default would.
	replace bool
	fresh   bool
}

func newLineField(st *styles, width, limit int, presets ...string) *lineField {
	return &lineField{in: newLineInput(st.disp.mode, width, limit), presets: presets}
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

func (f *lineField) Update(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && len(f.presets) > 0 && (k.String() == "up" || k.String() == "down") {
		i := -1
		for j, p := range f.presets {
			if p == f.Value() {
				i = j
			}
		}
		if k.String() == "down" {
			i = (i + 1) % len(f.presets)
		} else {
			i = (i - 1 + len(f.presets)) % len(f.presets)
		}
		f.SetValue(f.presets[i])
		f.in.CursorEnd()
		return nil
	}
	if k, ok := msg.(tea.KeyPressMsg); f.fresh && (ok && typed(k) || !ok) {
		f.in.SetValue("")
	}
	f.fresh = false
	f.in.Update(msg)
	return nil
}

func (f *lineField) View() string { return f.in.View() }

// areaField is a multi-line text pane that wraps by display width and scrolls; the real
// cursor stands at its caret while it has focus.
type areaField struct {
	st *styles
	ta textarea.Model
	// cutShort counts the characters the last paste could not add (the length limit).
	cutShort int
}

func newAreaField(st *styles, limit int) *areaField {
	ta := textarea.New()
	ta.Prompt = ""
	ta.ShowLineNumbers = false
	ta.CharLimit = limit
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
	f.ta.SetHeight(h)
}

// Update handles a key or a paste; the new-line keys (shift+enter where the terminal tells
// it from enter, alt+enter, ctrl+j) start a line as enter does.
func (f *areaField) Update(msg tea.Msg) tea.Cmd {
	f.cutShort = 0
	switch k := msg.(type) {
	case tea.KeyPressMsg:
		switch k.String() {
		case "shift+enter", "alt+enter", "ctrl+j":
			msg = tea.KeyPressMsg{Code: tea.KeyEnter}
		}
	case tea.PasteMsg:
		before := len([]rune(f.ta.Value()))
		defer func() {
			want := len([]rune(strings.ReplaceAll(k.Content, "\r\n", "\n")))
			f.cutShort = max(0, want-(len([]rune(f.ta.Value()))-before))
		}()
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
	sh      *shared
	title   string
	chosen  string
	picker  *picker
	focused bool
	picked  bool // a teacher was just picked: the form moves on
}

func newPersonField(sh *shared, title string) *personField {
	return &personField{sh: sh, title: title}
}

func (f *personField) Focus() tea.Cmd { f.focused = true; return nil }
func (f *personField) Blur()          { f.focused, f.picker = false, nil }
func (f *personField) Value() string  { return f.chosen }
func (f *personField) Set(id string)  { f.chosen = id }

// Picking reports whether the picker is open (it then takes every key).
func (f *personField) Picking() bool { return f.picker != nil }

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
		f.picker = newPicker(f.sh, f.title, nil, false)
		if typed(km) && km.String() != "space" {
			f.picker.query.SetValue(km.Text)
			f.picker.refilter()
		}
	case km.String() == "backspace" || km.String() == "ctrl+h" || km.String() == "delete":
		f.chosen = ""
	}
	return nil
}

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

// PickerView draws the open picker w cells wide.
func (f *personField) PickerView(w int) string { return f.picker.view(w) }

// dateField is a day, written in any way quick add reads one: 2026-09-15, 9-15, 9/15,
// 9月15日, 今天, 明天, 周二, 下周二. A day written in words shows the date it means beside it.
type dateField struct {
	*lineField
	sh *shared
}

func newDateField(sh *shared) *dateField {
	tf := newLineField(sh.st, 11, maxWhenText)
	tf.replace = true
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

// formError is a sentence for the person filling a form, already in their language.
type formError string

func (e formError) Error() string { return string(e) }
