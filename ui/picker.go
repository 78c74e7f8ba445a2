package ui

import (
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

// Words of the teacher picker.
var (
	msgPickTeacher = i18n.Msg{Zh: "选择教师（输入姓名、拼音或首字母）：", En: "Choose a teacher (type a name, pinyin or initials):"}
	msgPickWhich   = i18n.Msg{Zh: "“%s”是哪一位？", En: "Which one is \"%s\"?"}
	msgNoTeacher   = i18n.Msg{Zh: "没有匹配的教师", En: "No teacher matches"}
	msgNoneChosen  = i18n.Msg{Zh: "（不指定）", En: "(none)"}
)

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
func (p *picker) height() int { return 8 }

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
		items = append(items, st.fit(st.text(t.Name), 8)+" "+st.fit(st.text(school), 10)+" "+
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
