package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

// The filter's words.
var (
	msgScopeTerm   = i18n.Msg{Zh: "本学期", En: "this term"}
	msgScopeWeek   = i18n.Msg{Zh: "本周", En: "this week"}
	msgScopeMonth  = i18n.Msg{Zh: "本月", En: "this month"}
	msgPresets     = i18n.Msg{Zh: "筛选条件（回车选择，再选一次取消）", En: "Filter presets (enter chooses, again to drop)"}
	msgPresetScope = i18n.Msg{Zh: "范围", En: "Range"}
	msgPresetClear = i18n.Msg{Zh: "清除全部筛选", En: "Clear all filters"}
	msgByStatus    = i18n.Msg{Zh: "状态", En: "Status"}
	msgByType      = i18n.Msg{Zh: "类型", En: "Type"}
	msgBySchool    = i18n.Msg{Zh: "学校", En: "School"}
	msgBySubject   = i18n.Msg{Zh: "学科", En: "Subject"}
	msgByTeacher   = i18n.Msg{Zh: "教师", En: "Teacher"}
)

// scope limits the calendar to this week, this month or the whole term.
type scope int

const (
	scopeTerm scope = iota
	scopeWeek
	scopeMonth
)

// filter narrows the calendar. Zero fields match everything; text matches title, subject,
// place, note, type, host (by name, pinyin or initials) and schools.
type filter struct {
	scope     scope
	text      string
	status    string // a store.Status, or "overdue"
	typeID    string
	schoolID  string
	subject   string
	teacherID string
}

const statusOverdue = "overdue"

func (f filter) empty() bool { return f == filter{} }

func (f filter) matches(sh *shared, a store.Activity) bool {
	switch {
	case f.status == statusOverdue && !a.Overdue(sh.today),
		f.status != "" && f.status != statusOverdue && string(a.Status) != f.status,
		f.typeID != "" && a.TypeID != f.typeID,
		f.schoolID != "" && !slices.Contains(a.SchoolIDs, f.schoolID),
		f.subject != "" && a.Subject != f.subject,
		f.teacherID != "" && a.HostID != f.teacherID:
		return false
	}
	return f.text == "" || textMatches(sh, a, f.text)
}

func textMatches(sh *shared, a store.Activity, q string) bool {
	q = strings.ToLower(strings.TrimSpace(q))
	d := sh.data
	hay := []string{a.Title, a.Subject, a.Place, a.Note, a.Time}
	if ty, ok := d.typeByID[a.TypeID]; ok {
		hay = append(hay, ty.Name, ty.NameEn)
	}
	for _, id := range a.SchoolIDs {
		if s, ok := d.schoolByID[id]; ok {
			hay = append(hay, s.Name, s.ShortName)
		}
	}
	for _, h := range hay {
		if strings.Contains(strings.ToLower(h), q) {
			return true
		}
	}
	if t, ok := d.teacherByID[a.HostID]; ok {
		return strings.Contains(t.Name, q) || t.Match(q) != store.NoMatch
	}
	return false
}

// scopeBuckets keeps the buckets of this week or this month.
func (f filter) scopeBuckets(sh *shared, bs []bucket, byMonth bool) []bucket {
	if f.scope == scopeTerm {
		return bs
	}
	t, today := sh.data.term, sh.today
	week, month := t.ClampWeek(today), today.MonthOf()
	return slices.DeleteFunc(bs, func(b bucket) bool {
		switch {
		case byMonth:
			return b.month != month
		case f.scope == scopeWeek:
			return b.week != week
		default:
			return midweek(t, b.week).MonthOf() != month
		}
	})
}

// describe names the filter's parts for the status line.
func (f filter) describe(sh *shared) string {
	var parts []string
	l, d := sh.lang, sh.data
	switch f.scope {
	case scopeWeek:
		parts = append(parts, l.T(msgScopeWeek))
	case scopeMonth:
		parts = append(parts, l.T(msgScopeMonth))
	}
	if f.status == statusOverdue {
		parts = append(parts, l.Overdue())
	} else if f.status != "" {
		parts = append(parts, l.Status(store.Status(f.status)))
	}
	if ty, ok := d.typeByID[f.typeID]; ok {
		parts = append(parts, l.TypeName(ty))
	}
	if s, ok := d.schoolByID[f.schoolID]; ok {
		parts = append(parts, s.Label())
	}
	if f.subject != "" {
		parts = append(parts, f.subject)
	}
	if t, ok := d.teacherByID[f.teacherID]; ok {
		parts = append(parts, t.Name)
	}
	if f.text != "" {
		parts = append(parts, "\""+f.text+"\"")
	}
	return strings.Join(parts, sh.st.g.sep)
}

// preset is one choice of the preset menu: a group heading or a change to the filter.
type preset struct {
	group bool
	label string
	apply func(f *filter) // toggles its part of the filter
	on    func(f filter) bool
}

// presetMenu lists the filter presets: range, status, type, school, subject, teacher.
type presetMenu struct {
	sh      *shared
	items   []preset
	cur     int
	current filter
}

func newPresetMenu(sh *shared, f filter) *presetMenu {
	l, d := sh.lang, sh.data
	m := &presetMenu{sh: sh, current: f}
	add := func(label string, on func(filter) bool, apply func(*filter)) {
		m.items = append(m.items, preset{label: label, on: on, apply: apply})
	}
	group := func(msg i18n.Msg) { m.items = append(m.items, preset{group: true, label: l.T(msg)}) }
	field := func(get func(*filter) *string, v string) (func(filter) bool, func(*filter)) {
		return func(f filter) bool { return *get(&f) == v }, func(f *filter) {
			if p := get(f); *p == v {
				*p = ""
			} else {
				*p = v
			}
		}
	}
	add(l.T(msgPresetClear), func(filter) bool { return false }, func(f *filter) { *f = filter{} })
	group(msgPresetScope)
	for _, s := range []struct {
		sc  scope
		msg i18n.Msg
	}{{scopeWeek, msgScopeWeek}, {scopeMonth, msgScopeMonth}, {scopeTerm, msgScopeTerm}} {
		add(l.T(s.msg), func(f filter) bool { return f.scope == s.sc }, func(f *filter) { f.scope = s.sc })
	}
	group(msgByStatus)
	for _, s := range []store.Status{store.Planned, store.Done, store.Postponed, store.Cancelled} {
		on, apply := field(func(f *filter) *string { return &f.status }, string(s))
		add(l.Status(s), on, apply)
	}
	on, apply := field(func(f *filter) *string { return &f.status }, statusOverdue)
	add(l.Overdue(), on, apply)
	group(msgByType)
	for _, t := range d.types {
		on, apply := field(func(f *filter) *string { return &f.typeID }, t.ID)
		add(l.TypeName(t), on, apply)
	}
	group(msgBySchool)
	for _, s := range d.schools {
		on, apply := field(func(f *filter) *string { return &f.schoolID }, s.ID)
		add(s.Name, on, apply)
	}
	var subjects, hosts []string
	for _, a := range d.acts {
		if a.Subject != "" && !slices.Contains(subjects, a.Subject) {
			subjects = append(subjects, a.Subject)
		}
		if a.HostID != "" && !slices.Contains(hosts, a.HostID) {
			hosts = append(hosts, a.HostID)
		}
	}
	slices.Sort(subjects)
	group(msgBySubject)
	for _, s := range subjects {
		on, apply := field(func(f *filter) *string { return &f.subject }, s)
		add(s, on, apply)
	}
	group(msgByTeacher)
	for _, t := range d.teachers {
		if slices.Contains(hosts, t.ID) {
			on, apply := field(func(f *filter) *string { return &f.teacherID }, t.ID)
			add(t.Name, on, apply)
		}
	}
	m.cur = 0
	return m
}

// menuKey moves in the preset menu and applies a choice.
func (c *calendar) menuKey(msg tea.KeyPressMsg) tea.Cmd {
	m, k := c.menu, c.sh.keys
	switch {
	case key.Matches(msg, k.Leave):
		c.menu = nil
	case key.Matches(msg, k.Up):
		m.step(-1)
	case key.Matches(msg, k.Down):
		m.step(1)
	case key.Matches(msg, k.Top):
		m.cur = 0
	case key.Matches(msg, k.Bottom):
		// The last choice, not a heading left empty (no teacher hosts an activity yet).
		m.cur = len(m.items)
		m.step(-1)
	case key.Matches(msg, k.Submit, k.Toggle):
		m.items[m.cur].apply(&c.filter)
		c.menu = nil
		c.rebuildKeep()
	}
	return nil
}

func (m *presetMenu) step(d int) {
	for i := m.cur + d; i >= 0 && i < len(m.items); i += d {
		if !m.items[i].group {
			m.cur = i
			return
		}
	}
}

func (m *presetMenu) view(w, h int) string {
	st := m.sh.st
	lines := []string{st.bold.Render(m.sh.T(msgPresets))}
	rows := h - 1
	top := max(0, min(m.cur-rows/2, len(m.items)-rows))
	for i := top; i < len(m.items) && len(lines) < h; i++ {
		it := m.items[i]
		switch {
		case it.group:
			lines = append(lines, st.head.Render(st.cut(it.label, w)))
		default:
			mark := st.g.uncheck
			if it.on(m.current) {
				mark = st.g.check
			}
			text := mark + " " + st.cut(st.text(it.label), w-6)
			if i == m.cur {
				text = st.g.cursor + " " + st.sel.Render(text)
			} else {
				text = "  " + text
			}
			lines = append(lines, text)
		}
	}
	return strings.Join(lines, "\n")
}
