package ui

import (
	"encoding/json"
	"strings"

	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

// The teacher's open follow-ups from earlier observations, shown in the observation form:
// one line while another field has focus, the list when it has. c closes the chosen one
// with a note (saved with the observation); c again keeps it open.

var (
	msgObsOpenFU      = i18n.Msg{Zh: "待跟进", En: "Open follow-ups"}
	msgObsOpenFUOne   = i18n.Msg{Zh: "%s（%s前，%s听课）", En: "%s (due %s, from %s)"}
	msgObsOpenFUNoDue = i18n.Msg{Zh: "%s（%s听课）", En: "%s (from %s)"}
	msgObsOpenMore    = i18n.Msg{Zh: " 等%d条", En: " and %d more"}
	msgObsWillClose   = i18n.Msg{Zh: "关闭：%s", En: "closing: %s"}
	msgObsClosing     = i18n.Msg{Zh: "，%d条保存时关闭", En: "; %d to close on save"}
	msgObsFUKeys      = i18n.Msg{Zh: "↑↓选择  c 关闭（写说明），再按 c 改回保留", En: "↑↓ choose  c close (with a note); c again keeps it open"}
	msgObsFUNote      = i18n.Msg{Zh: "关闭说明（enter 确定，esc 取消）：", En: "Closing note (enter to confirm, esc to cancel): "}
)

// followUps is the form input for the open follow-ups: its value is the closings chosen.
type followUps struct {
	sh      *shared
	list    []store.FollowUp
	closing map[string]string // follow-up id → closing note
	cur     int
	focused bool
	noting  bool // the closing note is being typed
	note    *lineInput
}

func newFollowUps(sh *shared) *followUps {
	return &followUps{sh: sh, closing: map[string]string{}, note: newLineInput(sh.st.disp.mode, 41, store.MaxNote)}
}

func (f *followUps) Focus() tea.Cmd { f.focused = true; return nil }
func (f *followUps) Blur()          { f.focused, f.noting = false, false; f.note.Blur() }
func (f *followUps) busy() bool     { return f.noting }

func (f *followUps) Value() string {
	if len(f.closing) == 0 {
		return ""
	}
	b, _ := json.Marshal(f.closing)
	return string(b)
}

func (f *followUps) SetValue(v string) {
	f.closing = map[string]string{}
	_ = json.Unmarshal([]byte(v), &f.closing)
}

// set shows the teacher's open follow-ups; closings of others are dropped.
func (f *followUps) set(list []store.FollowUp) {
	f.list, f.cur = list, 0
	for id := range f.closing {
		if !f.has(id) {
			delete(f.closing, id)
		}
	}
}

func (f *followUps) has(id string) bool {
	for _, fu := range f.list {
		if fu.ID == id {
			return true
		}
	}
	return false
}

// claims the keys that choose: ↑, ↓ and enter.
func (f *followUps) claims(k tea.KeyPressMsg) bool {
	switch k.String() {
	case "up", "down", "enter":
		return true
	}
	return false
}

func (f *followUps) Update(msg tea.Msg) tea.Cmd {
	if f.noting {
		if k, ok := msg.(tea.KeyPressMsg); ok {
			switch k.String() {
			case "enter":
				f.closing[f.list[f.cur].ID] = strings.TrimSpace(f.note.Value())
				f.noting = false
				return nil
			case "esc":
				f.noting = false
				return nil
			}
		}
		f.note.Update(msg)
		return nil
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || len(f.list) == 0 {
		return nil
	}
	switch k.String() {
	case "up", "k":
		f.cur = max(0, f.cur-1)
	case "down", "j":
		f.cur = min(len(f.list)-1, f.cur+1)
	case "c", "x", "enter", "space":
		id := f.list[f.cur].ID
		if _, ok := f.closing[id]; ok {
			delete(f.closing, id) // keep it open after all
			return nil
		}
		f.noting = true
		f.note.SetValue("")
		return f.note.Focus()
	}
	return nil
}

func (f *followUps) complaint() string {
	if f.note.cutShort > 0 {
		return f.sh.T(msgCutShort, f.note.cutShort)
	}
	return ""
}

// hint is the message line while the list has focus: its keys, or the closing note asked.
func (f *followUps) hint() string {
	if f.noting {
		return f.sh.T(msgObsFUNote) + f.note.View()
	}
	return f.sh.st.dim.Render(f.sh.T(msgObsFUKeys))
}

// lines is how many lines View draws.
func (f *followUps) lines() int {
	switch {
	case len(f.list) == 0:
		return 0
	case f.focused:
		return 1 + min(len(f.list), 3)
	}
	return 1
}

// View is one line, or the list (three at a time) when focused, w cells wide.
func (f *followUps) view(title string, w int) []string {
	if len(f.list) == 0 {
		return nil
	}
	st, lang := f.sh.st, f.sh.lang
	one := func(fu store.FollowUp) string {
		from := shortDate(lang, fu.ObservedOn)
		if fu.Due.IsZero() {
			return lang.T(msgObsOpenFUNoDue, fu.Action, from)
		}
		return lang.T(msgObsOpenFUOne, fu.Action, shortDate(lang, fu.Due), from)
	}
	if !f.focused {
		s := title + " " + one(f.list[0])
		if n := len(f.list) - 1; n > 0 {
			s += lang.T(msgObsOpenMore, n)
		}
		if n := len(f.closing); n > 0 {
			s += lang.T(msgObsClosing, n)
		}
		return []string{st.cut(st.moved.Render("! ")+s, w)}
	}
	lines := []string{title}
	first := max(0, min(f.cur-1, len(f.list)-3))
	for i := first; i < len(f.list) && i < first+3; i++ {
		fu := f.list[i]
		s := one(fu)
		if note, ok := f.closing[fu.ID]; ok {
			s += "  " + st.info.Render(lang.T(msgObsWillClose, note))
		}
		mark := "  "
		if i == f.cur {
			mark = st.g.cursor + " "
		}
		lines = append(lines, st.cut(mark+st.text(s), w))
	}
	return lines
}

// View is the one line shown when the form draws the list elsewhere (see obsForm.layout).
func (f *followUps) View() string { return strings.Join(f.view(f.sh.T(msgObsOpenFU), 80), "\n") }

// closings are the follow-ups to close with the observation.
func (f *followUps) closings() []store.FollowUpClosing {
	var out []store.FollowUpClosing
	for _, fu := range f.list {
		if note, ok := f.closing[fu.ID]; ok {
			out = append(out, store.FollowUpClosing{ID: fu.ID, Note: note})
		}
	}
	return out
}

// followUpsMsg carries a teacher's open follow-ups from earlier observations.
type followUpsMsg struct {
	teacherID string
	list      []store.FollowUp
	err       error
}

// loadFollowUps reads teacher's open follow-ups, but those of observation self.
func loadFollowUps(sh *shared, teacher, self string) tea.Cmd {
	ctx, st := sh.ctx, sh.store
	return toTab(tabObservations, func() tea.Msg {
		list, err := st.OpenFollowUps(ctx, teacher)
		var earlier []store.FollowUp
		for _, f := range list {
			if self == "" || f.ObservationID != self {
				earlier = append(earlier, f)
			}
		}
		return followUpsMsg{teacherID: teacher, list: earlier, err: err}
	})
}
