package ui

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

var (
	msgRecordKeys = i18n.Msg{Zh: "ctrl+s 保存  esc 离开  tab 下一项", En: "ctrl+s save  esc leave  tab next"}
	msgChoiceKeys = i18n.Msg{Zh: "←→ 或数字选择", En: "←→ or a number to choose"}
)

// formField is one stop of a record form.
type formField interface {
	Focus() tea.Cmd
	Blur()
	Update(tea.Msg) tea.Cmd
	View() string
}

// formStop is a labelled field; a multi-line field keeps enter for new lines.
type formStop struct {
	label     i18n.Msg
	field     formField
	multiline bool
	hint      i18n.Msg // shown while the field has focus; zero for the form's keys
}

// recordForm is the frame the smaller record forms share (guidance, mentor pair): a column of
// labelled fields, tab order, ctrl+s, esc that asks only when something typed would be lost,
// and the draft kept while typing.
type recordForm struct {
	lang    i18n.Lang
	st      *styles
	title   string
	stops   []formStop
	focus   int
	w, h    int
	drafts  *draftKeeper
	initial string
	asking  bool
	saving  bool
	message string

	payload func() string
	// save checks the fields and returns the command that writes the record, or a sentence
	// saying what to fix and the stop to fix it at.
	save func() (tea.Cmd, int, error)
	// restore fills the fields from a draft's payload.
	restore func(payload string) error

	Done  bool
	Saved any // the saved record; nil when left without saving
}

// formSavedMsg reports a record form's write.
type formSavedMsg struct {
	rec any
	err error
}

func (f *recordForm) Init() tea.Cmd {
	if f.initial == "" {
		f.initial = f.payload()
	}
	f.drafts.Seen(f.payload())
	return f.setFocus(f.focus)
}

// Restore fills the form from a kept draft, which then counts as typed (leaving asks).
func (f *recordForm) Restore(d store.Draft) error {
	f.initial = f.payload()
	if err := f.restore(d.Payload); err != nil {
		return err
	}
	f.drafts.Seen(d.Payload)
	return nil
}

func (f *recordForm) setFocus(i int) tea.Cmd {
	f.stops[f.focus].field.Blur()
	f.focus = i
	return f.stops[i].field.Focus()
}

// Dirty reports whether leaving now would lose something typed.
func (f *recordForm) Dirty() bool { return f.payload() != f.initial }

func (f *recordForm) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case draftTickMsg:
		if msg.key == f.drafts.key {
			return f.drafts.Tick(f.payload())
		}
	case draftSavedMsg:
		if msg.err != nil && msg.key == f.drafts.key {
			f.message = f.lang.T(msgDraftFailed, f.lang.Error(msg.err))
		}
	case formSavedMsg:
		f.saving = false
		if msg.err != nil {
			f.message = f.lang.Error(msg.err)
			return nil
		}
		f.Done, f.Saved = true, msg.rec
	case tea.PasteMsg:
		if f.saving || f.asking {
			return nil
		}
		f.stops[f.focus].field.Update(msg)
		if a, ok := f.stops[f.focus].field.(*areaField); ok && a.cutShort > 0 {
			f.message = f.lang.T(msgCutShort, a.cutShort)
		}
		return f.drafts.Changed()
	case tea.KeyPressMsg:
		before := f.payload()
		cmd := f.key(msg)
		if !f.Done && f.payload() != before {
			return tea.Batch(cmd, f.drafts.Changed())
		}
		return cmd
	}
	return nil
}

func (f *recordForm) key(msg tea.KeyPressMsg) tea.Cmd {
	if f.saving {
		return nil
	}
	if f.asking {
		if answerDiscard(&f.asking, msg) {
			f.Done = true
			return f.drafts.Discard()
		}
		return nil
	}
	f.message = ""
	if p, ok := f.stops[f.focus].field.(*personField); ok && (p.Picking() || typed(msg) || msg.String() == "enter") {
		cmd := p.Update(msg)
		if p.picked {
			p.picked = false
			return tea.Batch(cmd, f.setFocus((f.focus+1)%len(f.stops)))
		}
		return cmd
	}
	switch msg.String() {
	case "ctrl+s":
		cmd, stop, err := f.save()
		if err != nil {
			f.message = err.Error()
			return f.setFocus(stop)
		}
		f.saving = true
		return cmd
	case "esc":
		if f.Dirty() {
			f.asking = true
			return nil
		}
		f.Done = true
		return f.drafts.Discard()
	case "tab":
		return f.setFocus((f.focus + 1) % len(f.stops))
	case "shift+tab":
		return f.setFocus((f.focus + len(f.stops) - 1) % len(f.stops))
	case "enter":
		if !f.stops[f.focus].multiline {
			return f.setFocus((f.focus + 1) % len(f.stops))
		}
	}
	return f.stops[f.focus].field.Update(msg)
}

// View draws the title, the fields (multi-line ones under their label, sharing the height
// left) and the message line.
func (f *recordForm) View() string {
	lines := []string{f.st.bold.Render(f.title)}
	for i, s := range f.stops {
		label := f.st.label.Render(f.lang.T(s.label))
		if i == f.focus {
			label = f.st.focus.Render(f.lang.T(s.label))
		}
		if s.multiline {
			lines = append(lines, label, s.field.View())
		} else {
			lines = append(lines, f.st.cut(label+" "+s.field.View(), f.w))
		}
	}
	var msg string
	switch {
	case f.asking:
		msg = f.st.moved.Render(f.lang.T(msgObsAsk))
	case f.saving:
		msg = f.lang.T(msgObsSaving)
	case f.message != "":
		msg = f.st.err.Render(f.message)
	case f.stops[f.focus].hint != (i18n.Msg{}):
		msg = f.st.dim.Render(f.lang.T(f.stops[f.focus].hint))
	default:
		msg = f.st.dim.Render(f.lang.T(msgRecordKeys))
	}
	lines = append(lines, f.st.cut(msg, f.w))
	view := strings.Join(lines, "\n")
	if p, ok := f.stops[f.focus].field.(*personField); ok && p.Picking() {
		return overlayBottom(view, p.PickerView(f.w), f.h)
	}
	return view
}

// SetSize shares the height left by the one-line fields among the multi-line ones.
func (f *recordForm) SetSize(w, h int) {
	f.w, f.h = w, h
	var areas []*areaField
	fixed := 2 // title and message
	for _, s := range f.stops {
		if a, ok := s.field.(*areaField); ok {
			areas = append(areas, a)
			fixed++ // its label
		} else {
			fixed++
		}
	}
	if len(areas) == 0 {
		return
	}
	each := max(2, (h-fixed)/len(areas))
	for _, a := range areas {
		a.SetSize(w, each)
	}
}

// optionField is one of a few values, chosen with ←/→ (or ↑/↓), a number, or the first
// characters of its name.
type optionField struct {
	st      *styles
	labels  []string
	cur     int
	focused bool
}

func (c *optionField) Focus() tea.Cmd { c.focused = true; return nil }
func (c *optionField) Blur()          { c.focused = false }

func (c *optionField) Update(msg tea.Msg) tea.Cmd {
	n := len(c.labels)
	k, ok := msg.(tea.KeyPressMsg)
	if n == 0 || !ok {
		return nil
	}
	switch {
	case k.String() == "right" || k.String() == "down" || k.String() == "space":
		c.cur = (c.cur + 1) % n
	case k.String() == "left" || k.String() == "up":
		c.cur = (c.cur + n - 1) % n
	case typed(k):
		s := k.Text
		if i, err := strconv.Atoi(s); err == nil && i >= 1 && i <= n {
			c.cur = i - 1
			return nil
		}
		for i, l := range c.labels {
			if strings.HasPrefix(l, s) {
				c.cur = i
				return nil
			}
		}
	}
	return nil
}

func (c *optionField) View() string {
	if len(c.labels) == 0 {
		return ""
	}
	v := "< " + c.labels[c.cur] + " >"
	if c.focused {
		return c.st.sel.Render(v)
	}
	return v
}
