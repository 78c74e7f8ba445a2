package ui

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
	"termbook/ui/quickadd"
)

// The activity form's words.
var (
	msgNewActivity  = i18n.Msg{Zh: "新建活动", En: "New activity"}
	msgEditActivity = i18n.Msg{Zh: "活动：%s", En: "Activity: %s"}
	msgFType        = i18n.Msg{Zh: "类型", En: "Type"}
	msgFTitle       = i18n.Msg{Zh: "标题", En: "Title"}
	msgFSubject     = i18n.Msg{Zh: "学科", En: "Subject"}
	msgFHost        = i18n.Msg{Zh: "主讲/执教", En: "Host"}
	msgFPlace       = i18n.Msg{Zh: "地点", En: "Place"}
	msgFTime        = i18n.Msg{Zh: "时间（如 14:00）", En: "Time (14:00)"}
	msgFSched       = i18n.Msg{Zh: "安排方式", En: "Scheduled by"}
	msgFDate        = i18n.Msg{Zh: "日期（2026-11-03）", En: "Date (2026-11-03)"}
	msgFWeek        = i18n.Msg{Zh: "周次", En: "Week"}
	msgFMonth       = i18n.Msg{Zh: "月份（2026-11）", En: "Month (2026-11)"}
	msgFSchools     = i18n.Msg{Zh: "参与学校", En: "Schools"}
	msgFNote        = i18n.Msg{Zh: "备注", En: "Note"}
	msgFFrom        = i18n.Msg{Zh: "每周重复：从第几周", En: "Repeat weekly from week"}
	msgFTo          = i18n.Msg{Zh: "每周重复：到第几周", En: "Repeat weekly to week"}
	msgByDate       = i18n.Msg{Zh: "按日期", En: "by date"}
	msgByWeek       = i18n.Msg{Zh: "按周", En: "by week"}
	msgByMonth      = i18n.Msg{Zh: "按月", En: "by month"}
	msgStatusLine   = i18n.Msg{Zh: "状态：%s", En: "Status: %s"}
	msgDoneOn       = i18n.Msg{Zh: "状态：完成（%s）", En: "Status: done (%s)"}
	msgMoveLine     = i18n.Msg{Zh: "曾安排在 %s，于 %s 延期%s", En: "Was %s, postponed on %s%s"}
	msgMoveReason   = i18n.Msg{Zh: "：%s", En: ": %s"}
	msgRepeatHint   = i18n.Msg{Zh: "（两项都填才每周各建一项）", En: "(fill both to make one a week)"}
)

// openNew opens the form for a new activity in the focused week.
func (c *calendar) openNew() tea.Cmd {
	a := store.Activity{TermID: c.data().term.ID, Sched: store.InWeek(1)}
	if c.cur < len(c.buckets) {
		if b := c.buckets[c.cur]; b.week > 0 {
			a.Sched = store.InWeek(b.week)
		} else {
			a.Sched = store.InMonth(b.month)
		}
	}
	if types := c.data().activeTypes(""); len(types) > 0 {
		a.TypeID = types[0].ID
	}
	c.form = c.activityForm(a)
	return nil
}

// openForm opens the form for an existing activity; its history is read first.
func (c *calendar) openForm(a store.Activity) tea.Cmd {
	ctx, s := c.sh.ctx, c.sh.store
	return func() tea.Msg {
		full, err := s.Activity(ctx, a.ID)
		return activityReadMsg{a: printable(full), err: err}
	}
}

// activityReadMsg carries an activity read for its form, with its postponements.
type activityReadMsg struct {
	a   store.Activity
	err error
}

// activityForm builds the form for a (new when a.ID is "").
func (c *calendar) activityForm(a store.Activity) *form {
	sh, d, l := c.sh, c.data(), c.sh.lang
	f := newForm(sh, sh.titled(a.ID == "", msgNewActivity, msgEditActivity, a.Title))
	offered := d.activeTypes(a.TypeID)
	types := make([]choice, len(offered))
	for i, t := range offered {
		types[i] = choice{t.ID, l.TypeName(t)}
	}
	f.choose("type", msgFType, types, a.TypeID)
	f.text("title", msgFTitle, a.Title, store.MaxShort)
	f.text("subject", msgFSubject, a.Subject, store.MaxName)
	f.teacher("host", msgFHost, a.HostID)
	f.text("place", msgFPlace, a.Place, store.MaxShort)
	f.text("time", msgFTime, a.Time, 5)
	kind := f.choose("schedule", msgFSched, []choice{
		{string(store.ByDate), sh.T(msgByDate)}, {string(store.ByWeek), sh.T(msgByWeek)}, {string(store.ByMonth), sh.T(msgByMonth)},
	}, string(a.Sched.Kind))
	week := ""
	if a.Sched.Week > 0 {
		week = strconv.Itoa(a.Sched.Week)
	}
	f.text("date", msgFDate, a.Sched.Date.String(), maxWhenText).hidden = func() bool { return kind.value() != string(store.ByDate) }
	f.text("week", msgFWeek, week, maxWhenText).hidden = func() bool { return kind.value() != string(store.ByWeek) }
	f.text("month", msgFMonth, a.Sched.Month.String(), maxWhenText).hidden = func() bool { return kind.value() != string(store.ByMonth) }
	f.schools("schools", msgFSchools, a.SchoolIDs)
	if a.ID == "" {
		f.text("from_week", msgFFrom, "", maxWhenText)
		f.text("to_week", msgFTo, "", maxWhenText).note = sh.T(msgRepeatHint)
	} else {
		f.text("note", msgFNote, a.Note, store.MaxNote)
		f.extra = c.history(a)
		if rec := c.proceedingsLine(a); rec != "" {
			f.extra = append(f.extra, rec+"  "+sh.T(msgProcMore))
		}
	}
	f.ready()
	f.keep(draftActivity, a.ID, "")
	f.onClose = func() { c.form = nil }
	f.save = func() (tea.Cmd, error) {
		b, from, to, err := c.fromForm(f, a)
		if err != nil {
			return nil, err
		}
		if a.ID == "" {
			return createActivity(sh, b, from, to), nil
		}
		return updateActivity(sh, b), nil
	}
	return f
}

// history is an activity's status and postponements, for the form.
func (c *calendar) history(a store.Activity) []string {
	l := c.sh.lang
	var out []string
	if a.Status == store.Done {
		out = append(out, l.T(msgDoneOn, l.Date(a.DoneOn)))
	} else {
		out = append(out, l.T(msgStatusLine, l.Status(a.Status)))
	}
	for _, m := range a.Moves {
		reason := ""
		if m.Reason != "" {
			reason = l.T(msgMoveReason, m.Reason)
		}
		out = append(out, l.T(msgMoveLine, schedText(l, m.From), l.Date(store.DateOf(m.CreatedAt.Local())), reason))
	}
	return out
}

// fromForm reads the form into a copy of a, with the weekly repetition's weeks (0 for none).
func (c *calendar) fromForm(f *form, a store.Activity) (b store.Activity, from, to int, err error) {
	b = a
	b.TypeID = f.str("type")
	b.Title = f.str("title")
	b.Subject = f.str("subject")
	b.HostID = f.str("host")
	b.Place = f.str("place")
	b.Time = f.str("time")
	if ids := f.str("schools"); ids != "" {
		b.SchoolIDs = strings.Split(ids, ",")
	} else {
		b.SchoolIDs = nil
	}
	if n := f.field("note"); n != nil {
		b.Note = strings.TrimSpace(n.value())
	}
	// Each when-field reads the words quick add reads: 2026-11-03, 11月3日, 下周二; 5,
	// 第五周; 11月.
	when := c.sh.whenContext(c.focusedWeek())
	wrong := func(field string, err error) error { return fieldError{field: field, text: c.sh.whenError(err)} }
	switch store.SchedKind(f.str("schedule")) {
	case store.ByDate:
		d, err := quickadd.Day(f.str("date"), when)
		if err == nil && d.IsZero() {
			err = &quickadd.Error{Kind: quickadd.NotDay}
		}
		if err != nil {
			return b, 0, 0, wrong("date", err)
		}
		b.Sched = store.OnDate(d)
	case store.ByWeek:
		n, err := quickadd.Week(f.str("week"), when)
		if err != nil {
			return b, 0, 0, wrong("week", err)
		}
		b.Sched = store.InWeek(n)
	case store.ByMonth:
		v := f.str("month")
		sc, _, err := quickadd.Schedule(v, when)
		if err == nil && sc.Kind != store.ByMonth {
			err = &quickadd.Error{Kind: quickadd.BadMonth, Token: strings.TrimSpace(v)}
		}
		if err != nil {
			return b, 0, 0, wrong("month", err)
		}
		b.Sched = sc
	}
	if fw := f.field("from_week"); fw != nil {
		fv, tv := strings.TrimSpace(fw.value()), f.str("to_week")
		if fv != "" || tv != "" {
			if from, err = quickadd.Week(fv, when); err != nil {
				return b, 0, 0, wrong("from_week", err)
			}
			if to, err = quickadd.Week(tv, when); err != nil {
				return b, 0, 0, wrong("to_week", err)
			}
		}
	}
	return b, from, to, nil
}

func (c *calendar) shownForm() *form { return c.form }

// restore opens the activity form a draft was typed into.
func (c *calendar) restore(d store.Draft, fd formDraft) tea.Cmd {
	a, found := store.Activity{TermID: c.data().term.ID, Sched: store.InWeek(1)}, fd.ID == ""
	if !found {
		for _, x := range c.data().acts {
			if x.ID == fd.ID {
				a, found = x, true
			}
		}
	}
	if d.Form == draftProceedings {
		return c.restoreProceedings(d, fd, a, found)
	}
	c.form = c.activityForm(a)
	return c.form.reopen(d, fd, found)
}
