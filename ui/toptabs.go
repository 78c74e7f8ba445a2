package ui

import (
	"strings"

	"termbook/ui/i18n"
)

// The top line at narrow widths: when the term's name would not fit whole, the tabs take
// their short names and today's week drops "today"; then the week takes its short form.
// Only then is the name cut.

// shortTitles are the tabs' names for narrow windows; a tab not listed keeps its name.
var shortTitles = map[i18n.Msg]i18n.Msg{
	msgCalendar:     {Zh: "日历", En: "Cal"},
	msgObservations: {Zh: "听课", En: "Obs"},
	msgMentoring:    {Zh: "师徒", En: "Mentor"},
	msgPeople:       {Zh: "名册", En: "People"},
}

// topLine is the term's name, today's week and the tabs (and the read-only mark).
func (m *Model) topLine(w int) string {
	st := m.sh.st
	var line string
	for level := range 3 {
		right := m.tabs(level > 0)
		if m.sh.readOnly() != nil {
			right = st.err.Render(m.sh.T(msgReadOnlyMark)) + " " + right
		}
		room := w - st.width(right) - 1
		if room < 8 {
			line = st.cut(right, w)
			continue
		}
		left, whole := m.termAndWeek(room, level)
		line = left + strings.Repeat(" ", max(0, w-st.width(left)-st.width(right))) + right
		if whole || m.sh.data == nil {
			break
		}
	}
	return line
}

// tabs are the tab labels, the active one bracketed.
func (m *Model) tabs(short bool) string {
	st := m.sh.st
	var b strings.Builder
	for i, s := range m.screens {
		title := s.title()
		if t, ok := shortTitles[title]; ok && short {
			title = t
		}
		label := string(rune('1'+i)) + " " + m.sh.T(title)
		if i == m.active && m.welcome == nil {
			// Brackets as well as reverse: NO_COLOR drops every attribute.
			b.WriteString(st.tabOn.Render("[" + label + "]"))
		} else {
			b.WriteString(st.tab.Render(" " + label + " "))
		}
	}
	return b.String()
}

// termAndWeek is the term's name and today's week in room cells, shorter at each level;
// whole reports that the name was not cut.
func (m *Model) termAndWeek(room, level int) (left string, whole bool) {
	st, d := m.sh.st, m.sh.data
	if d == nil {
		return "", true
	}
	week := m.todayWeek(level == 2)
	if level == 0 {
		week = m.sh.T(msgToday, week)
	}
	week = st.today.Render(week)
	// Today's week matters more than the term's name: the name gives way first.
	name := st.text(d.term.Name)
	switch n := room - st.width(week) - 2; {
	case n >= st.width(name):
		return st.title.Render(name) + "  " + week, true
	case n >= 6:
		return st.title.Render(st.cut(name, n)) + "  " + week, false
	}
	return st.cut(week, room), false
}
