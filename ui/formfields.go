package ui

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"

	"termbook/store"
	"termbook/ui/i18n"
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
	in      textinput.Model
	presets []string
	// replace makes the first character typed after the field gains focus replace what it
	// shows (a prefilled date, period or name), as a form's selected default would.
	replace bool
	fresh   bool
}

// widgetLimit is how many characters a field's widget takes. A field of text the store
// checks (a name, a title, a note, a pane: store.MaxName characters or more) takes whatever
// is typed or pasted, whole, and the save names the field when it is too long: a widget that
// stopped at the limit would drop the rest of a paste without a word. A short field of a
// fixed form (a period, a time, a date) stops at its length, as a box on a paper form does.
func widgetLimit(limit int) int {
	if limit >= store.MaxName {
		return 0
	}
	return limit
}

func newLineField(width, limit int, presets ...string) *lineField {
	in := textinput.New()
	in.Prompt = ""
	in.Width = width
	in.CharLimit = widgetLimit(limit)
	in.Cursor.SetMode(cursor.CursorStatic)
	return &lineField{in: in, presets: presets}
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
	if f.in.Focused() {
		f.in.CursorEnd()
	} else {
		f.in.CursorStart() // show the start of what does not fit
	}
}

func (f *lineField) Update(msg tea.KeyMsg) tea.Cmd {
	if len(f.presets) > 0 && (msg.Type == tea.KeyUp || msg.Type == tea.KeyDown) {
		i := -1
		for j, p := range f.presets {
			if p == f.Value() {
				i = j
			}
		}
		if msg.Type == tea.KeyDown {
			i = (i + 1) % len(f.presets)
		} else {
			i = (i - 1 + len(f.presets)) % len(f.presets)
		}
		f.SetValue(f.presets[i])
		return nil
	}
	if f.fresh && msg.Type == tea.KeyRunes {
		f.in.SetValue("")
	}
	f.fresh = false
	var cmd tea.Cmd
	f.in, cmd = f.in.Update(msg)
	return cmd
}

func (f *lineField) View() string { return f.in.View() }

// areaField is a multi-line text pane that wraps by display width and scrolls.
type areaField struct {
	ta textarea.Model
}

func newAreaField(limit int) *areaField {
	ta := textarea.New()
	ta.Prompt = ""
	ta.ShowLineNumbers = false
	ta.CharLimit = widgetLimit(limit)
	ta.MaxHeight = 0 // any number of lines; the pane scrolls
	ta.MaxWidth = 0
	ta.FocusedStyle.CursorLine = lipgloss.NewStyle()
	ta.BlurredStyle.CursorLine = lipgloss.NewStyle()
	ta.Cursor.SetMode(cursor.CursorStatic)
	ta.Blur()
	return &areaField{ta: ta}
}

func (f *areaField) Focus() tea.Cmd    { return f.ta.Focus() }
func (f *areaField) Blur()             { f.ta.Blur() }
func (f *areaField) Value() string     { return f.ta.Value() }
func (f *areaField) SetValue(v string) { f.ta.SetValue(v) }
func (f *areaField) SetSize(w, h int) {
	f.ta.SetWidth(w)
	f.ta.SetHeight(h)
}

func (f *areaField) Update(msg tea.KeyMsg) tea.Cmd {
	var cmd tea.Cmd
	f.ta, cmd = f.ta.Update(msg)
	return cmd
}

func (f *areaField) View() string { return f.ta.View() }

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

func (f *personField) Update(msg tea.KeyMsg) tea.Cmd {
	if f.picker != nil {
		res, cmd := f.picker.update(msg)
		switch res {
		case picked:
			f.chosen, f.picker, f.picked = f.picker.choice(), nil, true
		case pickGivenUp:
			f.picker = nil
		}
		return cmd
	}
	switch msg.Type {
	case tea.KeyRunes, tea.KeyEnter, tea.KeySpace:
		if f.sh.data == nil {
			return nil
		}
		f.picker = newPicker(f.sh, f.title, nil, false)
		if msg.Type == tea.KeyRunes {
			f.picker.query.SetValue(string(msg.Runes))
			f.picker.query.CursorEnd()
			f.picker.refilter()
		}
	case tea.KeyBackspace, tea.KeyDelete:
		f.chosen = ""
	}
	return nil
}

// View is the chosen teacher and school, or a dim "(none)".
func (f *personField) View() string {
	st := f.sh.st
	t, ok := f.sh.data.teacherByID[f.chosen]
	if !ok {
		return st.dim.Render(f.sh.T(msgNoneChosen))
	}
	return st.text(f.sh.T(msgTeacherFmt, t.Name, f.sh.data.schoolByID[t.SchoolID].Label()))
}

// PickerView draws the open picker w cells wide.
func (f *personField) PickerView(w int) string { return f.picker.view(w) }

// dateField is a day typed as 2026-09-15, 9-15, 9/15, 9.15 or 9月15日; the year defaults to
// the term's.
type dateField struct {
	*lineField
	lang i18n.Lang
	st   *styles
	year func(month time.Month) int
}

func newDateField(lang i18n.Lang, st *styles, year func(time.Month) int) *dateField {
	tf := newLineField(10, 16)
	tf.replace = true
	return &dateField{lineField: tf, lang: lang, st: st, year: year}
}

// Date is the day typed, the zero Date when empty; ok is false when it cannot be read.
func (f *dateField) Date() (d store.Date, ok bool) {
	return parseDay(f.Value(), f.year)
}

// SetDate shows a day.
func (f *dateField) SetDate(d store.Date) { f.SetValue(d.String()) }

func (f *dateField) View() string {
	v := f.lineField.View()
	if _, ok := f.Date(); !ok {
		v += " " + f.st.err.Render(f.lang.T(msgBadDay))
	}
	return v
}

// parseDay reads a day as people write it; year gives the year of a month when it is left out.
func parseDay(s string, year func(time.Month) int) (store.Date, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return store.Date{}, true
	}
	s = strings.NewReplacer("年", "-", "月", "-", "日", "", "号", "", "/", "-", ".", "-", "．", "-", "－", "-").Replace(s)
	s = strings.TrimSuffix(s, "-")
	parts := strings.Split(s, "-")
	nums := make([]int, len(parts))
	for i, p := range parts {
		n, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil {
			return store.Date{}, false
		}
		nums[i] = n
	}
	var d store.Date
	switch len(nums) {
	case 3:
		d = store.Date{Year: nums[0], Month: time.Month(nums[1]), Day: nums[2]}
	case 2:
		d = store.Date{Month: time.Month(nums[0]), Day: nums[1]}
		if d.Month < 1 || d.Month > 12 {
			return store.Date{}, false
		}
		d.Year = year(d.Month)
	default:
		return store.Date{}, false
	}
	if !d.Valid() {
		return store.Date{}, false
	}
	return d, true
}

// termYear returns, for a month, the year it falls in within term t (an autumn term runs from
// September into January).
func termYear(t store.Term) func(time.Month) int {
	return func(m time.Month) int {
		start := t.Start()
		if m < start.Month {
			return start.Year + 1
		}
		return start.Year
	}
}

// padRight pads s with spaces to w display cells (by the width mode the program chose).
func padRight(s string, w int) string {
	if n := runewidth.StringWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// padLeft right-aligns s in w display cells.
func padLeft(s string, w int) string {
	if n := runewidth.StringWidth(s); n < w {
		return strings.Repeat(" ", w-n) + s
	}
	return s
}

// padStyled pads a string that may carry colour codes to w cells.
func padStyled(s string, w int) string {
	if n := lipgloss.Width(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// formError is a sentence for the person filling a form, already in their language.
type formError string

func (e formError) Error() string { return string(e) }

// padPane pads a line of a text area (which may carry the cursor's colour codes) to w cells
// as go-runewidth counts them, the measure the text area wrapped it by.
func padPane(line string, w int) string {
	if n := runewidth.StringWidth(ansi.Strip(line)); n < w {
		return line + strings.Repeat(" ", w-n)
	}
	return line
}
