package ui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

// A catalogue is one of the school's own lists that the records pick from — the activity
// types (y on the calendar), the rubrics (r on 听课) — shown over its screen: ↑↓ move, n adds,
// enter edits, x retires or reinstates (a retired item stays on the records that have it and
// is no longer offered), u takes a change back, esc goes back to the screen.

var (
	msgCatRetired  = i18n.Msg{Zh: "已停用", En: "retired"}
	msgCatInUse    = i18n.Msg{Zh: "在用", En: "in use"}
	msgCatEmpty    = i18n.Msg{Zh: "（还没有）", En: "(none yet)"}
	msgCatNote     = i18n.Msg{Zh: "停用的不再供新记录选择，已有记录不变。", En: "A retired one is no longer offered; records that have it keep it."}
	msgTypesTitle  = i18n.Msg{Zh: "活动类型", En: "Activity types"}
	msgTypeNew     = i18n.Msg{Zh: "新建活动类型", En: "New activity type"}
	msgTypeEdit    = i18n.Msg{Zh: "活动类型：%s", En: "Activity type: %s"}
	msgTypeName    = i18n.Msg{Zh: "名称", En: "Name (Chinese)"}
	msgTypeNameEn  = i18n.Msg{Zh: "英文名称", En: "Name (English)"}
	msgTypeAdded   = i18n.Msg{Zh: "已添加活动类型：%s", En: "Activity type added: %s"}
	msgTypeSaved   = i18n.Msg{Zh: "已保存活动类型：%s", En: "Activity type saved: %s"}
	msgTypeRetired = i18n.Msg{Zh: "已停用活动类型：%s", En: "Activity type retired: %s"}
	msgTypeBack    = i18n.Msg{Zh: "已恢复活动类型：%s", En: "Activity type reinstated: %s"}
)

// catalogItem is one row of a catalogue: its cells and whether it is retired.
type catalogItem struct {
	id      string
	cells   []string
	widths  []int // the cells' widths; the last takes what is left
	retired bool
}

// catalog is a catalogue shown over its screen. Its owner gives it its items after each
// write and the forms that add and edit them.
type catalog struct {
	sh    *shared
	tab   int
	title i18n.Msg
	items []catalogItem
	cur   int
	form  *form

	newForm  func() *form
	editForm func(i int) *form
	toggle   func(i int) tea.Cmd // retires or reinstates item i; nil: nothing retires
	onClose  func()

	// A catalogue may say more under its list (note, else msgCatNote), name its keys on the
	// hint line (hints, else the usual ones) and take keys of its own first (own reports
	// whether the key was its own).
	note  i18n.Msg
	hints []key.Binding
	own   func(k tea.KeyPressMsg) (tea.Cmd, bool)
}

// setItems shows items, keeping the cursor on the item with id focus when given.
func (c *catalog) setItems(items []catalogItem, focus string) {
	c.items = items
	for i, it := range items {
		if focus != "" && it.id == focus {
			c.cur = i
		}
	}
	c.cur = max(0, min(c.cur, len(items)-1))
}

func (c *catalog) shortHelp() []key.Binding {
	if c.form != nil {
		return c.form.shortHelp()
	}
	if c.hints != nil {
		return c.hints
	}
	k := c.sh.keys
	return []key.Binding{k.upDown, k.New, k.Edit, k.Retire, k.Undo, k.Back}
}

func (c *catalog) update(msg tea.Msg) tea.Cmd {
	if c.form != nil {
		return c.form.update(msg)
	}
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	if c.own != nil {
		if cmd, ok := c.own(km); ok {
			return cmd
		}
	}
	k := c.sh.keys
	switch {
	case k.moveIn(km, &c.cur, len(c.items)):
	case key.Matches(km, k.New):
		c.open(c.newForm())
	case key.Matches(km, k.Edit) && len(c.items) > 0:
		c.open(c.editForm(c.cur))
	case key.Matches(km, k.Retire) && len(c.items) > 0 && c.toggle != nil:
		return c.toggle(c.cur)
	case key.Matches(km, k.Undo):
		return c.sh.takeBack(c.tab)
	case key.Matches(km, k.Back):
		c.onClose()
	}
	return nil
}

// open shows form f over the list (none when f is nil).
func (c *catalog) open(f *form) {
	if f == nil {
		return
	}
	c.form = f
	f.onClose = func() { c.form = nil }
}

// settled takes the result of a write: a form's refusal stays on the form.
func (c *catalog) settled(err error) bool {
	if c.form != nil {
		return c.form.settled(err)
	}
	return err == nil
}

func (c *catalog) view(w, h int) string {
	if c.form != nil {
		return c.form.view(w, h)
	}
	st := c.sh.st
	lines := []string{st.bold.Render(st.cut(c.sh.T(c.title), w)), st.dim.Render(st.rule(w))}
	rows := h - len(lines) - 2
	if len(c.items) == 0 {
		lines = append(lines, st.dim.Render(c.sh.T(msgCatEmpty)))
	}
	top := max(0, min(c.cur-rows+1, len(c.items)-rows))
	for i := top; i < len(c.items) && i < top+rows; i++ {
		it := c.items[i]
		var cells []string
		used := 2
		for j, cell := range it.cells {
			cw := w - used
			if j < len(it.widths) && j < len(it.cells)-1 {
				cw = it.widths[j]
			}
			cells = append(cells, st.fit(st.text(cell), cw))
			used += cw + 1
		}
		line := strings.Join(cells, " ")
		switch {
		case i == c.cur:
			line = st.focus.Render(st.g.cursor) + " " + st.sel.Render(line)
		case it.retired:
			line = "  " + st.dim.Render(line)
		default:
			line = "  " + line
		}
		lines = append(lines, st.cut(line, w))
	}
	lines = st.block(strings.Join(lines, "\n"), w, h-1)
	note := c.note
	if note == (i18n.Msg{}) {
		note = msgCatNote
	}
	return strings.Join(append(lines, st.dim.Render(st.cut(c.sh.hint(note), w))), "\n")
}

// stateWord is "在用" or "已停用".
func (sh *shared) stateWord(active bool) string {
	if active {
		return sh.T(msgCatInUse)
	}
	return sh.T(msgCatRetired)
}

// The activity types.

// typesMsg carries the activity types after a write: the calendar takes them into the
// term's data, so that the activity form offers them at once.
type typesMsg struct {
	types  []store.ActivityType
	focus  string
	status string
	undo   *undoStep
	err    error
}

func (m typesMsg) failure() error { return m.err }

// openTypes shows the activity types over the calendar.
func (c *calendar) openTypes() {
	cat := &catalog{sh: c.sh, tab: tabCalendar, title: msgTypesTitle}
	cat.newForm = func() *form { return c.typeForm(cat, store.ActivityType{Active: true}) }
	cat.editForm = func(i int) *form { return c.typeForm(cat, c.data().typeByID[cat.items[i].id]) }
	cat.toggle = func(i int) tea.Cmd {
		t := c.data().typeByID[cat.items[i].id]
		t.Active = !t.Active
		what := msgTypeRetired
		if t.Active {
			what = msgTypeBack
		}
		return writeType(c.sh, t, what)
	}
	cat.onClose = func() { c.types = nil }
	c.types = cat
	c.listTypes("")
}

// listTypes shows the term's types in the catalogue, every one, retired ones too.
func (c *calendar) listTypes(focus string) {
	if c.types == nil {
		return
	}
	items := make([]catalogItem, len(c.data().types))
	for i, t := range c.data().types {
		items[i] = catalogItem{id: t.ID, cells: []string{t.Name, t.NameEn, c.sh.stateWord(t.Active)},
			widths: []int{16, 28}, retired: !t.Active}
	}
	c.types.setItems(items, focus)
}

// typeForm adds (t.ID "") or renames activity type t.
func (c *calendar) typeForm(cat *catalog, t store.ActivityType) *form {
	sh := c.sh
	f := newForm(sh, sh.titled(t.ID == "", msgTypeNew, msgTypeEdit, t.Name))
	f.text("name", msgTypeName, t.Name, store.MaxName)
	f.text("name_en", msgTypeNameEn, t.NameEn, store.MaxName)
	f.ready()
	f.save = func() (tea.Cmd, error) {
		u := t
		u.Name, u.NameEn = f.str("name"), f.str("name_en")
		if err := u.Validate(); err != nil {
			return nil, err
		}
		if t.ID == "" {
			return addType(sh, u), nil
		}
		return writeType(sh, u, msgTypeSaved), nil
	}
	return f
}

// addType writes a new type; u deletes it again.
func addType(sh *shared, t store.ActivityType) tea.Cmd {
	ctx, s, l := sh.ctx, sh.store, sh.lang
	return toTab(tabCalendar, func() tea.Msg {
		made, err := s.CreateActivityType(ctx, t)
		if err != nil {
			return typesMsg{err: err}
		}
		text := l.T(msgTypeAdded, made.Name)
		return readTypes(ctx, s, made.ID, text, &undoStep{tab: tabCalendar, what: text,
			back: func(ctx context.Context, s *store.Store) (tea.Msg, error) {
				if err := s.Delete(ctx, store.KindActivityType, made.ID); err != nil {
					return nil, err
				}
				return tabMsg{tab: tabCalendar, msg: readTypes(ctx, s, "", "", nil)}, nil
			}})
	})
}

// writeType saves a renamed, retired or reinstated type; u puts it back as it was.
func writeType(sh *shared, t store.ActivityType, what i18n.Msg) tea.Cmd {
	ctx, s, l := sh.ctx, sh.store, sh.lang
	return toTab(tabCalendar, func() tea.Msg {
		prev, err := s.ActivityType(ctx, t.ID)
		if err != nil {
			return typesMsg{err: err}
		}
		saved, err := s.UpdateActivityType(ctx, t)
		if err != nil {
			return typesMsg{err: err}
		}
		text := l.T(what, saved.Name)
		return readTypes(ctx, s, saved.ID, text, &undoStep{tab: tabCalendar, what: text,
			back: func(ctx context.Context, s *store.Store) (tea.Msg, error) {
				if _, err := s.UpdateActivityType(ctx, prev); err != nil {
					return nil, err
				}
				return tabMsg{tab: tabCalendar, msg: readTypes(ctx, s, prev.ID, "", nil)}, nil
			}})
	})
}

// readTypes reads every type after a write.
func readTypes(ctx context.Context, s *store.Store, focus, text string, undo *undoStep) typesMsg {
	types, err := s.ActivityTypes(ctx)
	return typesMsg{types: printable(types), focus: focus, status: text, undo: undo, err: err}
}

// setTypes takes the types read after a write.
func (d *termData) setTypes(types []store.ActivityType) {
	d.types = types
	d.typeByID = make(map[string]store.ActivityType, len(types))
	for _, ty := range types {
		d.typeByID[ty.ID] = ty
	}
}

// typesChanged takes the result of a write to the types.
func (c *calendar) typesChanged(msg typesMsg) tea.Cmd {
	if c.types != nil && !c.types.settled(msg.err) || msg.err != nil {
		if msg.err != nil && (c.types == nil || c.types.form == nil) {
			return status(c.sh.lang.Error(msg.err), true)
		}
		return nil
	}
	c.data().setTypes(msg.types)
	c.listTypes(msg.focus)
	c.rebuildKeep()
	if msg.undo != nil {
		c.sh.pushUndo(*msg.undo)
	}
	if msg.status != "" {
		return status(c.sh.T(msgUndoHint, msg.status), false)
	}
	return nil
}
