package ui

import (
	"cmp"
	"context"
	"errors"
	"slices"

	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

// termData is the current term and what the screens show about it, loaded once; after each
// write the model is updated from the write's result, never re-read per keystroke.
type termData struct {
	term     store.Term
	types    []store.ActivityType
	schools  []store.School
	teachers []store.Teacher
	acts     []store.Activity // live activities, in calendar order

	typeByID    map[string]store.ActivityType
	schoolByID  map[string]store.School
	teacherByID map[string]store.Teacher
}

// loadedMsg carries the loaded term; data is nil (and err nil) when there is no term yet.
type loadedMsg struct {
	data *termData
	err  error
}

// load reads the term showing (the one chosen, else the one around today) and everything
// the screens show about it.
func load(sh *shared) tea.Cmd {
	ctx, s, today, id := sh.ctx, sh.store, sh.today, sh.termID
	return func() tea.Msg {
		d, err := readTerm(ctx, s, today, id)
		return loadedMsg{data: d, err: err}
	}
}

// started runs cmd now, in a goroutine of its own, and returns a command that gives its
// message once it is there.
func started(cmd tea.Cmd) tea.Cmd {
	msg := make(chan tea.Msg, 1)
	go func() { msg <- cmd() }()
	return func() tea.Msg { return <-msg }
}

// readTerm reads term id, or the term around today when id is empty.
func readTerm(ctx context.Context, s *store.Store, today store.Date, id string) (*termData, error) {
	var t store.Term
	var err error
	if id != "" {
		t, err = s.Term(ctx, id)
	} else {
		t, err = s.CurrentTerm(ctx, today)
	}
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	d := &termData{term: printable(t)}
	if d.types, err = s.ActivityTypes(ctx); err != nil {
		return nil, err
	}
	d.types = printable(d.types)
	schools, err := s.Schools(ctx)
	if err != nil {
		return nil, err
	}
	teachers, err := s.Teachers(ctx)
	if err != nil {
		return nil, err
	}
	d.setPeople(schools, teachers)
	if d.acts, err = s.Activities(ctx, t.ID, store.Date{}, store.Date{}); err != nil {
		return nil, err
	}
	if err = s.LoadProceedings(ctx, d.acts); err != nil {
		return nil, err
	}
	d.acts = printable(d.acts)
	d.setTypes(d.types)
	return d, nil
}

func (d *termData) setPeople(schools []store.School, teachers []store.Teacher) {
	d.schools, d.teachers = printable(schools), printable(teachers)
	d.schoolByID = make(map[string]store.School, len(d.schools))
	for _, s := range d.schools {
		d.schoolByID[s.ID] = s
	}
	d.teacherByID = make(map[string]store.Teacher, len(d.teachers))
	for _, t := range d.teachers {
		d.teacherByID[t.ID] = t
	}
}

// teacher is the teacher with id, or the zero Teacher.
func (sh *shared) teacher(id string) store.Teacher {
	if sh.data == nil {
		return store.Teacher{}
	}
	return sh.data.teacherByID[id]
}

// activeTeachers are the teachers offered by pickers: active ones at a school that is not
// deactivated.
func (d *termData) activeTeachers() []store.Teacher {
	out := make([]store.Teacher, 0, len(d.teachers))
	for _, t := range d.teachers {
		if sc, ok := d.schoolByID[t.SchoolID]; t.Active && (!ok || sc.Active) {
			out = append(out, t)
		}
	}
	return out
}

// activeTypes are the activity types offered for new activities: the ones not retired, and
// keep (the type of an activity being edited) even if it is.
func (d *termData) activeTypes(keep string) []store.ActivityType {
	out := make([]store.ActivityType, 0, len(d.types))
	for _, t := range d.types {
		if t.Active || t.ID == keep {
			out = append(out, t)
		}
	}
	return out
}

// activeSchools are the schools offered for new records: the active ones, and any of keep
// (the schools a record being edited already names), in name order.
func (d *termData) activeSchools(keep ...string) []store.School {
	out := make([]store.School, 0, len(d.schools))
	for _, s := range d.schools {
		if s.Active || slices.Contains(keep, s.ID) {
			out = append(out, s)
		}
	}
	return out
}

// changedMsg reports activities written: their new state (deleted ones leave the calendar),
// ids that no longer exist for the calendar, the step that undoes the write, and a sentence
// for the status line.
type changedMsg struct {
	changed []store.Activity
	removed []string
	undo    *undoStep
	status  string
	focus   string // the activity to select afterwards
	err     error
}

// apply updates the loaded activities after a write, keeping calendar order.
func (d *termData) apply(msg changedMsg) {
	gone := make(map[string]bool, len(msg.removed)+len(msg.changed))
	for _, id := range msg.removed {
		gone[id] = true
	}
	// A write that did not touch the record (a status, a schedule) keeps the one loaded.
	kept := map[string]*store.Proceedings{}
	for _, a := range d.acts {
		if a.Proceedings != nil {
			kept[a.ID] = a.Proceedings
		}
	}
	for _, a := range msg.changed {
		gone[a.ID] = true
	}
	d.acts = slices.DeleteFunc(d.acts, func(a store.Activity) bool { return gone[a.ID] })
	for _, a := range printable(msg.changed) {
		if !a.Deleted() && a.TermID == d.term.ID {
			a.Moves = nil // lists do not carry the history; the form reads it
			if a.Proceedings == nil {
				a.Proceedings = kept[a.ID]
			}
			d.acts = append(d.acts, a)
		}
	}
	slices.SortStableFunc(d.acts, calendarOrder)
}

// calendarOrder is the store's list order: first day, schedule kind, time, title.
func calendarOrder(a, b store.Activity) int {
	return cmp.Or(a.First.Compare(b.First), cmp.Compare(a.Sched.Kind, b.Sched.Kind),
		cmp.Compare(a.Time, b.Time), cmp.Compare(a.Title, b.Title))
}

var (
	msgMarkedDone = i18n.Msg{Zh: "已完成：%s", En: "Done: %s"}
	msgReopened   = i18n.Msg{Zh: "已改回计划：%s", En: "Back to planned: %s"}
	msgPostponed  = i18n.Msg{Zh: "已延期到%s：%s", En: "Postponed to %s: %s"}
	msgCancelled  = i18n.Msg{Zh: "已取消：%s", En: "Cancelled: %s"}
	msgDeleted    = i18n.Msg{Zh: "已删除：%s", En: "Deleted: %s"}
	msgCreated    = i18n.Msg{Zh: "已添加：%s", En: "Added: %s"}
	msgCreatedN   = i18n.Msg{Zh: "已添加 %d 项：%s", En: "Added %d: %s"}
	msgSaved      = i18n.Msg{Zh: "已保存：%s", En: "Saved: %s"}
)

// change runs one write on activity id: it reads the activity as it is (with its
// postponements, for the undo), applies write, and reports the result.
func change(sh *shared, id string, what i18n.Msg, args func(store.Activity) []any,
	write func(ctx context.Context, s *store.Store) (store.Activity, error)) tea.Cmd {
	ctx, s, l := sh.ctx, sh.store, sh.lang
	return func() tea.Msg {
		prev, err := s.Activity(ctx, id)
		if err != nil {
			return changedMsg{err: err}
		}
		after, err := write(ctx, s)
		if err != nil {
			return changedMsg{err: err}
		}
		text := l.T(what, args(after)...)
		return changedMsg{changed: []store.Activity{after}, focus: after.ID, status: text,
			undo: revertActivities(text, []store.Activity{prev}, nil)}
	}
}

// markDone completes an activity today with a note.
func markDone(sh *shared, a store.Activity, note string) tea.Cmd {
	day := sh.today
	return change(sh, a.ID, msgMarkedDone, titleArg, func(ctx context.Context, s *store.Store) (store.Activity, error) {
		return s.MarkDone(ctx, a.ID, day, note)
	})
}

// reopen sets a done or cancelled activity back to planned.
func reopen(sh *shared, a store.Activity) tea.Cmd {
	return change(sh, a.ID, msgReopened, titleArg, func(ctx context.Context, s *store.Store) (store.Activity, error) {
		return s.Reopen(ctx, a.ID)
	})
}

// postpone moves an activity to another schedule, keeping the history.
func postpone(sh *shared, a store.Activity, to store.Schedule, reason string) tea.Cmd {
	where := schedText(sh.lang, to)
	return change(sh, a.ID, msgPostponed, func(b store.Activity) []any { return []any{where, b.Title} },
		func(ctx context.Context, s *store.Store) (store.Activity, error) {
			return s.Postpone(ctx, a.ID, to, reason)
		})
}

// cancelActivity cancels an activity with an optional note.
func cancelActivity(sh *shared, a store.Activity, note string) tea.Cmd {
	return change(sh, a.ID, msgCancelled, titleArg, func(ctx context.Context, s *store.Store) (store.Activity, error) {
		return s.Cancel(ctx, a.ID, note)
	})
}

// deleteActivity soft-deletes an activity. The status line says u takes it back; the undo's
// own message names only the deletion.
func deleteActivity(sh *shared, a store.Activity) tea.Cmd {
	del := change(sh, a.ID, msgDeleted, titleArg, func(ctx context.Context, s *store.Store) (store.Activity, error) {
		if err := s.Delete(ctx, store.KindActivity, a.ID); err != nil {
			return a, err
		}
		return s.Activity(ctx, a.ID)
	})
	l := sh.lang
	return func() tea.Msg {
		m := del()
		if c, ok := m.(changedMsg); ok && c.err == nil {
			c.status = l.T(msgUndoHint, c.status)
			return c
		}
		return m
	}
}

// updateActivity saves an edited activity.
func updateActivity(sh *shared, a store.Activity) tea.Cmd {
	return change(sh, a.ID, msgSaved, titleArg, func(ctx context.Context, s *store.Store) (store.Activity, error) {
		return s.UpdateActivity(ctx, a)
	})
}

func titleArg(a store.Activity) []any { return []any{a.Title} }

// createActivity adds one activity, or one a week from week `from` to `to` when from > 0.
func createActivity(sh *shared, a store.Activity, from, to int) tea.Cmd {
	ctx, s, l := sh.ctx, sh.store, sh.lang
	return func() tea.Msg {
		var made []store.Activity
		if from > 0 {
			var err error
			if made, err = s.CreateWeekly(ctx, a, from, to); err != nil {
				return changedMsg{err: err}
			}
		} else {
			b, err := s.CreateActivity(ctx, a)
			if err != nil {
				return changedMsg{err: err}
			}
			made = []store.Activity{b}
		}
		text := l.T(msgCreated, a.Title)
		if len(made) > 1 {
			text = l.T(msgCreatedN, len(made), a.Title)
		}
		ids := make([]string, len(made))
		for i, b := range made {
			ids[i] = b.ID
		}
		return changedMsg{changed: made, focus: made[0].ID, status: text, undo: revertActivities(text, nil, ids)}
	}
}

// revertActivities is the step that takes back a change to activities: prev are put back
// exactly as they were (status, schedule, note, postponements, deletion) and created are
// deleted again, in one transaction.
func revertActivities(what string, prev []store.Activity, created []string) *undoStep {
	return &undoStep{tab: tabCalendar, what: what, back: func(ctx context.Context, s *store.Store) (tea.Msg, error) {
		back, err := s.RevertActivities(ctx, prev, created)
		if err != nil {
			return nil, err
		}
		out := changedMsg{changed: back, removed: created}
		if len(back) > 0 {
			out.focus = back[len(back)-1].ID
		}
		return out, nil
	}}
}
