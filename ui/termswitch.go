package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

// Switching terms: S on the calendar lists the terms, newest first, and enter shows the one
// chosen; choosing the term around today goes back to following today.

var (
	msgSwitchTerm  = i18n.Msg{Zh: "切换学期（回车打开，Esc 返回）", En: "Switch term (enter opens, esc goes back)"}
	msgTermToday   = i18n.Msg{Zh: "（今天所在学期）", En: " (today's term)"}
	msgTermWeeksOf = i18n.Msg{Zh: "%s 起，%d 周", En: "from %s, %d weeks"}
	msgTermSwitch  = i18n.Msg{Zh: "正在查看：%s", En: "Showing %s"}
)

// termsMsg carries the terms for the switcher and the id of the one around today.
type termsMsg struct {
	terms []store.Term
	today string
	err   error
}

// loadTerms reads the terms to offer.
func loadTerms(sh *shared) tea.Cmd {
	ctx, s, today := sh.ctx, sh.store, sh.today
	return func() tea.Msg {
		terms, err := s.Terms(ctx)
		if err != nil {
			return termsMsg{err: err}
		}
		var id string
		if t, err := s.CurrentTerm(ctx, today); err == nil {
			id = t.ID
		}
		return termsMsg{terms: terms, today: id}
	}
}

// termMenu lists the terms; the cursor starts on the term showing.
type termMenu struct {
	sh    *shared
	terms []store.Term
	today string // the term around today
	cur   int
}

func newTermMenu(sh *shared, msg termsMsg) *termMenu {
	tm := &termMenu{sh: sh, terms: msg.terms, today: msg.today}
	for i, t := range msg.terms {
		if sh.data != nil && t.ID == sh.data.term.ID {
			tm.cur = i
		}
	}
	return tm
}

// switchTermKey moves in the term list; enter shows the term chosen.
func (m *Model) switchTermKey(msg tea.KeyPressMsg) tea.Cmd {
	tm, k := m.switching, m.sh.keys
	switch {
	case key.Matches(msg, k.Quit) && msg.String() == "ctrl+c":
		return m.quit()
	case key.Matches(msg, k.Leave):
		m.switching = nil
	case key.Matches(msg, k.Up):
		tm.cur = max(0, tm.cur-1)
	case key.Matches(msg, k.Down):
		tm.cur = min(len(tm.terms)-1, tm.cur+1)
	case key.Matches(msg, k.Top):
		tm.cur = 0
	case key.Matches(msg, k.Bottom):
		tm.cur = len(tm.terms) - 1
	case key.Matches(msg, k.Submit):
		t := tm.terms[tm.cur]
		m.switching = nil
		if m.sh.data != nil && t.ID == m.sh.data.term.ID {
			return nil
		}
		id := t.ID
		if id == tm.today {
			id = ""
		}
		// Undo steps belong to the term they were taken in.
		m.sh.termID, m.sh.undo = id, nil
		m.setStatus(m.sh.T(msgTermSwitch, t.Name), false)
		return load(m.sh)
	}
	return nil
}

func (tm *termMenu) view(w, h int) string {
	st, l := tm.sh.st, tm.sh.lang
	lines := []string{st.bold.Render(st.cut(l.T(msgSwitchTerm), w))}
	rows := h - 1
	top := max(0, min(tm.cur-rows/2, len(tm.terms)-rows))
	for i := top; i < len(tm.terms) && len(lines) < h; i++ {
		t := tm.terms[i]
		text := st.text(t.Name) + "  " + st.dim.Render(l.T(msgTermWeeksOf, t.Week1.String(), t.Weeks))
		if t.ID == tm.today {
			text += l.T(msgTermToday)
		}
		text = st.cut(text, w-2)
		if i == tm.cur {
			text = st.g.cursor + " " + st.sel.Render(text)
		} else {
			text = "  " + text
		}
		lines = append(lines, text)
	}
	return strings.Join(lines, "\n")
}
