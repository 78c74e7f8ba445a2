package ui

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"termbook/store"
	"termbook/ui/i18n"
)

// The read-only lists' words.
var (
	msgObservations = i18n.Msg{Zh: "听课", En: "Observations"}
	msgMentoring    = i18n.Msg{Zh: "师徒", En: "Mentoring"}
)

// listScreen is a read-only list of one kind of record for the term: it loads its rows when
// the term is loaded and when its tab is shown after a write, then only scrolls.
type listScreen struct {
	sh    *shared
	name  i18n.Msg
	head  i18n.Msg
	empty i18n.Msg
	read  func(ctx context.Context, s *store.Store, sh *shared, d *termData) ([]string, error)
	rows  []string
	cur   int
	stale bool
	err   error
}

// listMsg carries one list's rows.
type listMsg struct {
	list *listScreen
	rows []string
	err  error
}

func (ls *listScreen) title() i18n.Msg { return ls.name }
func (ls *listScreen) capturing() bool { return false }
func (ls *listScreen) shortHelp() []key.Binding {
	return []key.Binding{ls.sh.keys.upDown}
}
func (ls *listScreen) fullHelp() [][]key.Binding {
	k := ls.sh.keys
	return [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom}}
}

func (ls *listScreen) reload() tea.Cmd {
	if ls.sh.data == nil {
		return nil
	}
	ctx, s, sh, d := ls.sh.ctx, ls.sh.store, ls.sh, ls.sh.data
	ls.stale = false
	return func() tea.Msg {
		rows, err := ls.read(ctx, s, sh, d)
		return listMsg{list: ls, rows: rows, err: err}
	}
}

func (ls *listScreen) update(msg tea.Msg) tea.Cmd {
	k := ls.sh.keys
	switch msg := msg.(type) {
	case loadedMsg:
		return ls.reload()
	case changedMsg, peopleMsg:
		ls.stale = true
	case shownMsg:
		if ls.stale {
			return ls.reload()
		}
	case listMsg:
		if msg.list == ls {
			ls.rows, ls.err = msg.rows, msg.err
			ls.cur = min(ls.cur, max(0, len(ls.rows)-1))
		}
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, k.Up):
			ls.cur = max(0, ls.cur-1)
		case key.Matches(msg, k.Down):
			ls.cur = min(len(ls.rows)-1, ls.cur+1)
		case key.Matches(msg, k.Top):
			ls.cur = 0
		case key.Matches(msg, k.Bottom):
			ls.cur = max(0, len(ls.rows)-1)
		}
	}
	return nil
}

func (ls *listScreen) view(w, h int) string {
	st := ls.sh.st
	lines := []string{st.bold.Render(ls.sh.T(ls.head)), st.dim.Render(st.rule(w))}
	switch {
	case ls.err != nil:
		lines = append(lines, st.err.Render(st.cut(ls.sh.lang.Error(ls.err), w)))
	case len(ls.rows) == 0:
		lines = append(lines, st.dim.Render(ls.sh.T(ls.empty)))
	}
	rows := h - len(lines)
	top := max(0, min(ls.cur-rows+1, len(ls.rows)-rows))
	for i := top; i < len(ls.rows) && i < top+rows; i++ {
		r := st.fit(ls.rows[i], w-2)
		if i == ls.cur {
			lines = append(lines, st.g.cursor+" "+st.sel.Render(r))
		} else {
			lines = append(lines, "  "+r)
		}
	}
	return strings.Join(lines, "\n")
}
