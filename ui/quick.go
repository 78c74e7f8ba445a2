package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"termbook/ui/i18n"
)

var msgQuickSoon = i18n.Msg{Zh: "快速添加尚未接入；空行回车可打开完整表单。", En: "Quick add is not wired yet; an empty line opens the full form."}

// quickPick asks which teacher an ambiguous quick-add name means.
type quickPick struct {
	p *picker
}

func (q *quickPick) height() int       { return q.p.height() }
func (q *quickPick) view(w int) string { return q.p.view(w) }

func (c *calendar) quickAdd(text string, resolve map[string]string) tea.Cmd {
	return status(c.sh.T(msgQuickSoon), true)
}

func (c *calendar) quickKey(msg tea.KeyMsg) tea.Cmd {
	c.quick = nil
	return nil
}
