package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"termbook/store"
	"termbook/ui/i18n"
	"termbook/ui/quickadd"
)

// The calendar's words.
var (
	msgCalendar     = i18n.Msg{Zh: "日历", En: "Calendar"}
	msgStrip        = i18n.Msg{Zh: "各周", En: "Weeks"}
	msgLegend       = i18n.Msg{Zh: "%s完成 %s部分 %s计划 %s逾期", En: "%s done %s part %s planned %s overdue"}
	msgColDate      = i18n.Msg{Zh: "日期", En: "Date"}
	msgColTime      = i18n.Msg{Zh: "时间", En: "Time"}
	msgColType      = i18n.Msg{Zh: "类型", En: "Type"}
	msgColTitle     = i18n.Msg{Zh: "标题", En: "Title"}
	msgColSubject   = i18n.Msg{Zh: "学科", En: "Subject"}
	msgColHost      = i18n.Msg{Zh: "主讲", En: "Host"}
	msgColPlace     = i18n.Msg{Zh: "地点", En: "Place"}
	msgColStatus    = i18n.Msg{Zh: "状态", En: "Status"}
	msgNoActivities = i18n.Msg{Zh: "无活动", En: "nothing planned"}
	msgCount        = i18n.Msg{Zh: "完成 %d/%d", En: "done %d/%d"}
	msgCountOver    = i18n.Msg{Zh: "逾期 %d", En: "overdue %d"}
	msgAskDoneNote  = i18n.Msg{Zh: "完成备注（可不填）：", En: "Completion note (optional):"}
	msgAskPostpone  = i18n.Msg{Zh: "延期到：", En: "Postpone to:"}
	msgPostponeHint = i18n.Msg{Zh: "写周次（5、第五周、下周）、日期（11-3、下周二）或月份（11月），空格后可写原因。", En: "Write a week (5, w5, next-week), a date (11-3, tue) or a month (nov); a reason may follow a space."}
	msgAskCancel    = i18n.Msg{Zh: "取消原因（可不填）：", En: "Why cancelled (optional):"}
	msgAskQuickAdd  = i18n.Msg{Zh: "新建（空行回车打开表单）：", En: "New (empty line: the full form):"}
	msgQuickHint    = i18n.Msg{Zh: "例如：w3 公开课 语文 《春》 张三 @多媒体教室 周二 14:00，或 11月 联席会议 @侯庄小学", En: "For example: w3 open-lesson math \"Fractions\" zs @Room-2 tue 14:00, or nov joint-meeting"}
	msgNote         = i18n.Msg{Zh: "备注：%s", En: "Note: %s"}
	msgAskFilter    = i18n.Msg{Zh: "筛选：", En: "Filter:"}
	msgNoSelection  = i18n.Msg{Zh: "这一周没有活动可选。", En: "There is no activity here to act on."}
	msgFiltered     = i18n.Msg{Zh: "筛选：%s（esc 清除）", En: "Filter: %s (esc clears)"}
)

// calendar is the term as weeks (or months) with their activities.
type calendar struct {
	sh      *shared
	byMonth bool
	cur     int // the focused bucket (week or month)
	sel     int // the selected activity within it
	filter  filter

	buckets []bucket // rebuilt when data or filter change, not per keystroke
	pending string   // the activity a question on the input line is about
	form    *form
	menu    *presetMenu
	quick   *quickPick
	types   *catalog // the activity types, shown over the calendar
}

// bucket is one week or month of the calendar and the (filtered) activities listed in it.
type bucket struct {
	week  int         // 1-based, in the week view
	month store.Month // in the month view
	acts  []int       // indexes into sh.data.acts
}

func newCalendar(sh *shared) *calendar { return &calendar{sh: sh} }

func (c *calendar) title() i18n.Msg { return msgCalendar }

func (c *calendar) capturing() bool {
	return c.form != nil || c.menu != nil || c.quick != nil || c.types != nil
}

func (c *calendar) shortHelp() []key.Binding {
	k := c.sh.keys
	switch {
	case c.form != nil:
		return c.form.shortHelp()
	case c.types != nil:
		return c.types.shortHelp()
	case c.menu != nil, c.quick != nil:
		return []key.Binding{k.upDown, k.Submit, k.Leave}
	}
	// n and / stand on the input line; the rest are in ? help. What is here fits 80 columns
	// in either language.
	return []key.Binding{k.leftRight, k.Open, k.done, k.Record, k.Postpone}
}

func (c *calendar) fullHelp() [][]key.Binding {
	k := c.sh.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.Left, k.Right, k.Today, k.Top, k.Bottom, k.Month},
		{k.New, k.Open, k.Done, k.Record, k.Observe, k.Postpone, k.Cancel, k.Delete, k.Undo},
		{k.Filter, k.Preset, k.Clear, k.Types, k.NewTerm, k.SwitchTerm},
	}
}

func (c *calendar) data() *termData { return c.sh.data }

// selected returns the selected activity.
func (c *calendar) selected() (store.Activity, bool) {
	if c.cur >= len(c.buckets) {
		return store.Activity{}, false
	}
	b := c.buckets[c.cur]
	if c.sel >= len(b.acts) {
		return store.Activity{}, false
	}
	return c.data().acts[b.acts[c.sel]], true
}

func (c *calendar) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case loadedMsg:
		c.rebuild()
		c.goToday()
		return nil
	case changedMsg:
		if c.form != nil && !c.form.settled(msg.err) || msg.err != nil {
			return nil // a form's write refused stays on the form, its typing kept
		}
		c.rebuild()
		if msg.focus != "" {
			c.focus(msg.focus)
		}
		return nil
	case peopleMsg:
		c.rebuild()
		return nil
	case typesMsg:
		return c.typesChanged(msg)
	case activityReadMsg:
		if msg.err != nil {
			return status(c.sh.lang.Error(msg.err), true)
		}
		c.form = c.activityForm(msg.a)
		return nil
	case answerMsg:
		return c.answer(msg)
	case typingMsg:
		if msg.kind == askFilter {
			c.filter.text = msg.text
			c.rebuildKeep()
		}
		return nil
	case tea.KeyPressMsg:
		switch {
		case c.form != nil:
			return c.form.update(msg)
		case c.types != nil:
			return c.types.update(msg)
		case c.menu != nil:
			return c.menuKey(msg)
		case c.quick != nil:
			return c.quickKey(msg)
		}
		return c.key(msg)
	}
	if c.form != nil {
		return c.form.update(msg)
	}
	if c.types != nil {
		return c.types.update(msg)
	}
	return nil
}

func (c *calendar) key(msg tea.KeyPressMsg) tea.Cmd {
	k := c.sh.keys
	switch {
	case key.Matches(msg, k.Up):
		c.move(-1)
	case key.Matches(msg, k.Down):
		c.move(1)
	case key.Matches(msg, k.Left):
		c.setBucket(c.cur - 1)
	case key.Matches(msg, k.Right):
		c.setBucket(c.cur + 1)
	case key.Matches(msg, k.Today):
		c.goToday()
	case key.Matches(msg, k.Top):
		c.setBucket(0)
	case key.Matches(msg, k.Bottom):
		c.setBucket(len(c.buckets) - 1)
	case key.Matches(msg, k.Month):
		a, ok := c.selected()
		c.byMonth = !c.byMonth
		c.rebuild()
		if ok {
			c.focus(a.ID)
		} else {
			c.goToday()
		}
	case key.Matches(msg, k.New):
		c.sh.ask(askQuickAdd, c.sh.T(msgAskQuickAdd), "", false)
		return status(c.sh.T(msgQuickHint), false)
	case key.Matches(msg, k.Filter):
		return c.sh.ask(askFilter, c.sh.T(msgAskFilter), c.filter.text, true)
	case key.Matches(msg, k.Preset):
		c.menu = newPresetMenu(c.sh, c.filter)
	case key.Matches(msg, k.Clear):
		if !c.filter.empty() {
			c.filter = filter{}
			c.rebuildKeep()
		}
	case key.Matches(msg, k.Undo):
		return c.sh.takeBack(tabCalendar)
	case key.Matches(msg, k.Open):
		if a, ok := c.selected(); ok {
			return c.openForm(a)
		}
		return c.openNew()
	case key.Matches(msg, k.Observe):
		if a, ok := c.selected(); ok {
			return observe(a)
		}
		return status(c.sh.T(msgNoSelection), true)
	case key.Matches(msg, k.Types):
		c.openTypes()
	case key.Matches(msg, k.Record):
		if a, ok := c.selected(); ok {
			return c.openProceedings(a)
		}
		return status(c.sh.T(msgNoSelection), true)
	default:
		return c.actOn(msg)
	}
	return nil
}

// actOn handles the keys that change the selected activity.
func (c *calendar) actOn(msg tea.KeyPressMsg) tea.Cmd {
	k := c.sh.keys
	if !key.Matches(msg, k.Done, k.Postpone, k.Cancel, k.Delete) {
		return nil
	}
	a, ok := c.selected()
	if !ok {
		return status(c.sh.T(msgNoSelection), true)
	}
	c.pending = a.ID
	switch {
	case key.Matches(msg, k.Done):
		if a.Status == store.Done {
			return reopen(c.sh, a)
		}
		return c.sh.ask(askDoneNote, c.sh.T(msgAskDoneNote), "", false)
	case key.Matches(msg, k.Postpone):
		return tea.Batch(status(c.sh.T(msgPostponeHint), false), c.sh.ask(askPostpone, c.sh.T(msgAskPostpone), "", false))
	case key.Matches(msg, k.Cancel):
		if a.Status == store.Cancelled {
			return reopen(c.sh, a)
		}
		return c.sh.ask(askCancelNote, c.sh.T(msgAskCancel), "", false)
	default:
		return deleteActivity(c.sh, a)
	}
}

// answer acts on what was typed on the input line.
func (c *calendar) answer(msg answerMsg) tea.Cmd {
	if msg.kind == askFilter {
		if msg.cancelled {
			c.filter.text = ""
			c.rebuildKeep()
		}
		return nil
	}
	if msg.cancelled {
		return nil
	}
	if msg.kind == askQuickAdd {
		if strings.TrimSpace(msg.text) == "" {
			return c.openNew()
		}
		return c.quickAdd(msg.text, nil)
	}
	a, ok := c.byID(c.pending)
	if !ok {
		return nil
	}
	switch msg.kind {
	case askDoneNote:
		return markDone(c.sh, a, strings.TrimSpace(msg.text))
	case askCancelNote:
		return cancelActivity(c.sh, a, strings.TrimSpace(msg.text))
	case askPostpone:
		to, reason, err := quickadd.Schedule(msg.text, c.sh.whenContext(c.focusedWeek()))
		if err != nil {
			return tea.Batch(status(c.sh.whenError(err), true),
				c.sh.ask(askPostpone, c.sh.T(msgAskPostpone), msg.text, false))
		}
		return postpone(c.sh, a, to, reason)
	}
	return nil
}

func (c *calendar) byID(id string) (store.Activity, bool) {
	for _, a := range c.data().acts {
		if a.ID == id {
			return a, true
		}
	}
	return store.Activity{}, false
}

// move goes up or down one activity, into the next or previous bucket at the ends.
func (c *calendar) move(d int) {
	if len(c.buckets) == 0 {
		return
	}
	n := len(c.buckets[c.cur].acts)
	switch next := c.sel + d; {
	case next >= 0 && next < n:
		c.sel = next
	case next < 0 && c.cur > 0:
		c.cur--
		c.sel = max(0, len(c.buckets[c.cur].acts)-1)
	case next >= n && c.cur < len(c.buckets)-1:
		c.cur++
		c.sel = 0
	}
}

func (c *calendar) setBucket(i int) {
	c.cur = max(0, min(i, len(c.buckets)-1))
	c.sel = 0
}

// goToday focuses the bucket holding today (the term's first or last outside it).
func (c *calendar) goToday() {
	d := c.data()
	if d == nil {
		return
	}
	week := d.term.ClampWeek(c.sh.today)
	month := c.sh.today.MonthOf()
	best := 0
	for i, b := range c.buckets {
		if (!c.byMonth && b.week <= week) || (c.byMonth && !b.month.First().After(month.First())) {
			best = i
		}
	}
	c.setBucket(best)
}

// focus selects activity id, wherever it is listed.
func (c *calendar) focus(id string) {
	for i, b := range c.buckets {
		for j, ai := range b.acts {
			if c.data().acts[ai].ID == id {
				c.cur, c.sel = i, j
				return
			}
		}
	}
}

// rebuild recomputes the buckets from the data and the filter.
func (c *calendar) rebuild() {
	d := c.data()
	if d == nil {
		c.buckets = nil
		return
	}
	t := d.term
	c.buckets = c.buckets[:0]
	index := map[int]int{}
	if c.byMonth {
		for i, m := range t.Months() {
			c.buckets = append(c.buckets, bucket{month: m})
			index[m.Year*100+int(m.Month)] = i
		}
	} else {
		for w := 1; w <= t.Weeks; w++ {
			c.buckets = append(c.buckets, bucket{week: w})
			index[w] = w - 1
		}
	}
	for i, a := range d.acts {
		if !c.filter.matches(c.sh, a) {
			continue
		}
		var k int
		if c.byMonth {
			m := monthOf(t, a)
			k = m.Year*100 + int(m.Month)
		} else {
			k = weekOf(t, a)
		}
		if bi, ok := index[k]; ok {
			c.buckets[bi].acts = append(c.buckets[bi].acts, i)
		}
	}
	c.buckets = c.filter.scopeBuckets(c.sh, c.buckets, c.byMonth)
	c.cur = max(0, min(c.cur, len(c.buckets)-1))
	if len(c.buckets) > 0 {
		c.sel = max(0, min(c.sel, len(c.buckets[c.cur].acts)-1))
	}
}

// rebuildKeep rebuilds and keeps the selection on the same activity when it is still shown.
func (c *calendar) rebuildKeep() {
	a, ok := c.selected()
	c.rebuild()
	if ok {
		c.focus(a.ID)
	}
}

// counts are a bucket's done, pending-in-time and overdue activities (cancelled ones left out).
func (c *calendar) counts(acts []store.Activity, idx []int) (done, open, over int) {
	var p store.Progress
	for _, i := range idx {
		p.Add(acts[i], c.sh.today)
	}
	return p.Done, p.OnTime, p.Overdue
}

func (c *calendar) view(w, h int) string {
	if c.form != nil {
		return c.form.view(w, h)
	}
	if c.types != nil {
		return c.types.view(w, h)
	}
	d := c.data()
	if d == nil {
		return ""
	}
	lines := []string{c.strip(w)}
	cols := c.columns(w)
	if c.filter.empty() {
		lines = append(lines, c.sh.st.dim.Render(c.header(cols)))
	} else {
		lines = append(lines, c.sh.st.info.Render(c.sh.st.cut(c.sh.T(msgFiltered, c.filter.describe(c.sh)), w)))
	}
	bodyH := h - len(lines)
	if c.menu != nil {
		return strings.Join(append(lines, c.menu.view(w, bodyH)), "\n")
	}
	if c.quick != nil {
		bodyH -= c.quick.height()
	}
	var details []string
	if detail := c.detail(w); detail != "" {
		details = append(details, detail)
	}
	if a, ok := c.selected(); ok {
		if rec := c.proceedingsLine(a); rec != "" {
			details = append(details, c.sh.st.dim.Render(c.sh.st.cut(c.sh.st.g.arrow+" "+c.sh.st.text(rec), w)))
		}
	}
	bodyH -= len(details)
	rows := c.rows(cols, w, bodyH)
	for len(rows) < bodyH && len(details) > 0 {
		rows = append(rows, "")
	}
	lines = append(lines, rows...)
	lines = append(lines, details...)
	if c.quick != nil {
		lines = append(lines, c.quick.view(w))
	}
	return strings.Join(lines, "\n")
}

// detail is the selected activity's line of what the columns leave out: its full title,
// schools and note.
func (c *calendar) detail(w int) string {
	a, ok := c.selected()
	if !ok {
		return ""
	}
	st, d := c.sh.st, c.data()
	parts := []string{st.text(a.Title)}
	var schools []string
	for _, id := range a.SchoolIDs {
		if s, ok := d.schoolByID[id]; ok {
			schools = append(schools, s.Label())
		}
	}
	if len(schools) > 0 {
		parts = append(parts, st.text(strings.Join(schools, "、")))
	}
	if a.Note != "" {
		parts = append(parts, c.sh.T(msgNote, st.text(a.Note)))
	}
	return st.dim.Render(st.cut(st.g.arrow+" "+strings.Join(parts, st.g.sep), w))
}

// strip is the completion strip: one cell per week, done, partly done, planned or overdue.
func (c *calendar) strip(w int) string {
	st, g := c.sh.st, c.sh.st.g
	d := c.data()
	perWeek := make([][]int, d.term.Weeks+1)
	for i, a := range d.acts {
		if wk := weekOf(d.term, a); wk >= 1 && wk <= d.term.Weeks {
			perWeek[wk] = append(perWeek[wk], i)
		}
	}
	focusWeek := 0
	if !c.byMonth && c.cur < len(c.buckets) {
		focusWeek = c.buckets[c.cur].week
	}
	todayWeek, _ := d.term.WeekOf(c.sh.today)
	var b strings.Builder
	b.WriteString(st.dim.Render(c.sh.T(msgStrip)) + " ")
	legend := " " + c.sh.T(msgLegend, g.stripDone, g.stripPart, g.stripPlanned, g.stripOverdue)
	step := 2 // a space between weeks where it fits, with the legend
	if c.sh.st.width(c.sh.T(msgStrip))+1+2*d.term.Weeks+c.sh.st.width(legend) > w {
		step = 1
	}
	for wk := 1; wk <= d.term.Weeks; wk++ {
		done, open, over := c.counts(d.acts, perWeek[wk])
		var cell string
		var sty lipgloss.Style
		switch {
		case done+open+over == 0:
			cell, sty = g.stripEmpty, st.dim
		case over > 0:
			cell, sty = g.stripOverdue, st.over
		case open == 0:
			cell, sty = g.stripDone, st.done
		case done > 0:
			cell, sty = g.stripPart, st.moved
		default:
			cell, sty = g.stripPlanned, st.base
		}
		if wk == focusWeek {
			sty = sty.Reverse(true)
		}
		if wk == todayWeek {
			sty = sty.Underline(true)
		}
		b.WriteString(sty.Render(cell))
		if step == 2 {
			b.WriteString(" ")
		}
	}
	line := b.String()
	if c.sh.st.width(line)+c.sh.st.width(legend) <= w {
		line += st.dim.Render(legend)
	}
	return line
}

// calColumns are the widths of the calendar's columns for one window width.
type calColumns struct {
	date, time, typ, title, subject, host, place, status int
}

func (c *calendar) columns(w int) calColumns {
	l := c.sh.lang
	cols := calColumns{time: 5, typ: 10, host: 8, place: 10}
	if l == i18n.En {
		cols.typ = 12 // English type names are longer than the Chinese ones
	}
	sample := store.Date{Year: 2026, Month: 12, Day: 23}
	cols.date = max(c.sh.st.width(l.Date(sample)), c.sh.st.width(l.T(msgInWeek)), c.sh.st.width(l.T(msgInMonth, l.Month(12))))
	for _, s := range []store.Status{store.Planned, store.Done, store.Postponed, store.Cancelled} {
		cols.status = max(cols.status, c.sh.st.width(l.Status(s)))
	}
	cols.status = max(cols.status, c.sh.st.width(l.Overdue()))
	extra := max(0, w-minWidth)
	if w >= 100 {
		cols.subject = 8
		extra -= cols.subject + 1
	}
	cols.typ += extra / 8
	cols.host += extra / 8
	cols.place += extra / 4
	fixed := 3 + cols.date + 1 + cols.time + 1 + cols.typ + 1 + cols.host + 1 + cols.place + 1 + cols.status + 1
	if cols.subject > 0 {
		fixed += cols.subject + 1
	}
	cols.title = max(8, w-fixed)
	return cols
}

// header is the column heading line.
func (c *calendar) header(cols calColumns) string {
	st := c.sh.st
	parts := []string{"   " + st.fit(c.sh.T(msgColDate), cols.date), st.fit(c.sh.T(msgColTime), cols.time),
		st.fit(c.sh.T(msgColType), cols.typ), st.fit(c.sh.T(msgColTitle), cols.title)}
	if cols.subject > 0 {
		parts = append(parts, st.fit(c.sh.T(msgColSubject), cols.subject))
	}
	parts = append(parts, st.fit(c.sh.T(msgColHost), cols.host), st.fit(c.sh.T(msgColPlace), cols.place),
		st.fit(c.sh.T(msgColStatus), cols.status))
	return strings.Join(parts, " ")
}

// line is one row of the calendar: a bucket's heading or one of its activities.
type line struct {
	bucket int
	act    int // index within the bucket, -1 for the heading
}

// rows draws the visible rows: the focused bucket's heading at the top where possible, the
// selected activity always in view.
func (c *calendar) rows(cols calColumns, w, h int) []string {
	if h <= 0 {
		return nil
	}
	var all []line
	headAt, selAt := 0, 0
	for bi, b := range c.buckets {
		if bi == c.cur {
			headAt = len(all)
			selAt = len(all) + 1 + c.sel
		}
		all = append(all, line{bi, -1})
		for j := range b.acts {
			all = append(all, line{bi, j})
		}
	}
	top := headAt
	if selAt >= top+h {
		top = selAt - h + 1
	}
	top = max(0, min(top, len(all)-h))
	end := min(len(all), top+h)
	out := make([]string, 0, h)
	for _, ln := range all[top:end] {
		if ln.act < 0 {
			out = append(out, c.heading(c.buckets[ln.bucket], ln.bucket == c.cur, w))
		} else {
			out = append(out, c.row(cols, c.buckets[ln.bucket].acts[ln.act], ln.bucket == c.cur && ln.act == c.sel, w))
		}
	}
	return out
}

// heading is a week's or month's line: its name, dates and progress.
func (c *calendar) heading(b bucket, focused bool, w int) string {
	st, l, d := c.sh.st, c.sh.lang, c.data()
	var name, dates string
	if c.byMonth {
		name = l.MonthYear(b.month)
	} else {
		name = l.Week(b.week)
		from, to := d.term.WeekRange(b.week)
		dates = rangeText(l, from, to)
	}
	done, open, over := c.counts(d.acts, b.acts)
	var info string
	switch {
	case len(b.acts) == 0:
		info = st.dim.Render(c.sh.T(msgNoActivities))
	default:
		info = st.dim.Render(c.sh.T(msgCount, done, done+open+over))
		if over > 0 {
			info += "  " + st.over.Render(c.sh.T(msgCountOver, over))
		}
	}
	hs, lead := st.head, ""
	if focused {
		hs = st.headOn
		if len(b.acts) == 0 {
			lead = st.g.cursor + " " // nothing to select: the heading carries the cursor
		}
	}
	s := lead + hs.Render(name)
	if dates != "" {
		s += "  " + st.dim.Render(dates)
	}
	return st.cut(s+"  "+info, w)
}

// row is one activity: mark, date, time, type, title, subject, host, place, status.
func (c *calendar) row(cols calColumns, i int, selected bool, w int) string {
	st, l, d := c.sh.st, c.sh.lang, c.data()
	a := d.acts[i]
	mark, word, sty := c.statusMark(a)
	host := ""
	if t, ok := d.teacherByID[a.HostID]; ok {
		host = t.Name
	}
	typ := ""
	if ty, ok := d.typeByID[a.TypeID]; ok {
		typ = l.TypeName(ty)
	}
	day := dayColumn(l, a.Sched)
	if c.byMonth && a.Sched.Kind == store.ByWeek {
		day = l.Week(a.Sched.Week) // in a month, "this week" would not say which
	}
	title := st.text(a.Title)
	if a.Proceedings != nil && !a.Proceedings.IsZero() {
		title = st.g.recorded + " " + title // something is recorded (活动留痕)
	}
	cells := []string{st.fit(day, cols.date), st.fit(a.Time, cols.time), st.fit(st.text(typ), cols.typ),
		st.fit(title, cols.title)}
	if cols.subject > 0 {
		cells = append(cells, st.fit(st.text(a.Subject), cols.subject))
	}
	cells = append(cells, st.fit(st.text(host), cols.host), st.fit(st.text(a.Place), cols.place))
	body := strings.Join(cells, " ")
	cursor := " "
	if selected {
		cursor = st.g.cursor
		return st.cut(cursor+st.sel.Render(mark+" "+body+" "+st.fit(word, cols.status)), w)
	}
	return st.cut(cursor+sty.Render(mark)+" "+body+" "+sty.Render(st.fit(word, cols.status)), w)
}

// statusMark is an activity's mark, status word and their style.
func (c *calendar) statusMark(a store.Activity) (mark, word string, sty lipgloss.Style) {
	st, g, l := c.sh.st, c.sh.st.g, c.sh.lang
	switch {
	case a.Status == store.Done:
		return g.done, l.Status(a.Status), st.done
	case a.Status == store.Cancelled:
		return g.cancelled, l.Status(a.Status), st.gone
	case a.Overdue(c.sh.today):
		return g.overdue, l.Overdue(), st.over
	case a.Status == store.Postponed:
		return g.postponed, l.Status(a.Status), st.moved
	}
	return g.planned, l.Status(a.Status), st.dim
}
