package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

// The rubrics (r on 听课): a catalogue of the school's 评课量表 — one per subject, a 说课 one —
// each added, renamed, given a subject or made the default, retired or reinstated, and its
// dimensions edited in the rubric form.

var (
	msgRubricsTitle = i18n.Msg{Zh: "评课量表", En: "Rubrics"}
	msgRubricOutOf  = i18n.Msg{Zh: "满分 %s", En: "out of %s"}
	msgRubricIsDef  = i18n.Msg{Zh: "默认", En: "default"}
	msgRubricAdded  = i18n.Msg{Zh: "已添加评课量表：%s", En: "Rubric added: %s"}
	msgRubricSaved  = i18n.Msg{Zh: "已保存评课量表：%s；新的听课记录按它评分", En: "Rubric saved: %s; new observations are scored with it"}
	msgRubricOff    = i18n.Msg{Zh: "已停用评课量表：%s", En: "Rubric retired: %s"}
	msgRubricOn     = i18n.Msg{Zh: "已恢复评课量表：%s", En: "Rubric reinstated: %s"}
)

// rubricsMsg carries the rubrics, read when the list opens and after each write.
type rubricsMsg struct {
	list   []store.Rubric
	focus  string
	status string
	undo   *undoStep
	err    error
}

func (m rubricsMsg) failure() error { return m.err }

// readRubrics reads every rubric (retired ones too).
func readRubrics(ctx context.Context, s *store.Store, focus, text string, undo *undoStep) rubricsMsg {
	list, err := s.Rubrics(ctx)
	return rubricsMsg{list: printable(list), focus: focus, status: text, undo: undo, err: err}
}

// openRubrics reads the rubrics for their list.
func (s *observations) openRubrics() tea.Cmd {
	ctx, st := s.sh.ctx, s.sh.store
	cat := &catalog{sh: s.sh, tab: tabObservations, title: msgRubricsTitle}
	cat.newForm = func() *form {
		return newRubricForm(s.sh, store.Rubric{Name: "", Spec: store.DefaultRubricSpec(), Active: true})
	}
	cat.editForm = func(i int) *form { return newRubricForm(s.sh, s.rubricList[i]) }
	cat.toggle = func(i int) tea.Cmd {
		r := s.rubricList[i]
		r.Active, r.Full = !r.Active, r.Spec.Total()
		return writeRubric(s.sh, s.rubricList[i], r)
	}
	cat.onClose = func() { s.rubrics = nil }
	s.rubrics = cat
	return toTab(tabObservations, func() tea.Msg { return readRubrics(ctx, st, "", "", nil) })
}

// rubricsRead takes the rubrics read, or the result of a write.
func (s *observations) rubricsRead(msg rubricsMsg) tea.Cmd {
	if s.rubrics != nil && !s.rubrics.settled(msg.err) || msg.err != nil {
		if msg.err != nil && (s.rubrics == nil || s.rubrics.form == nil) {
			return status(s.sh.lang.Error(msg.err), true)
		}
		return nil
	}
	s.rubricList = msg.list
	if s.rubrics != nil {
		items := make([]catalogItem, len(msg.list))
		for i, r := range msg.list {
			def := ""
			if r.IsDefault {
				def = s.sh.T(msgRubricIsDef)
			}
			items[i] = catalogItem{id: r.ID, retired: !r.Active, widths: []int{24, 8, 10, 6},
				cells: []string{r.Name, r.Subject, s.sh.T(msgRubricOutOf, formatPoints(r.Spec.Total())), def, s.sh.stateWord(r.Active)}}
		}
		s.rubrics.setItems(items, msg.focus)
	}
	if msg.undo != nil {
		s.sh.pushUndo(*msg.undo)
	}
	cmds := []tea.Cmd{s.reload()} // the default rubric may have changed
	if msg.status != "" {
		cmds = append(cmds, status(s.sh.T(msgUndoHint, msg.status), false))
	}
	return tea.Batch(cmds...)
}

// writeRubric saves r, which was prev (a new rubric when prev.ID is ""); u puts it back, or
// deletes a new one. A rubric made the default hands the mark back to the one that had it.
func writeRubric(sh *shared, prev, r store.Rubric) tea.Cmd {
	ctx, s, l := sh.ctx, sh.store, sh.lang
	return toTab(tabObservations, func() tea.Msg {
		if prev.ID == "" {
			made, err := s.CreateRubric(ctx, r)
			if err != nil {
				return rubricsMsg{err: err}
			}
			text := l.T(msgRubricAdded, made.Name)
			return readRubrics(ctx, s, made.ID, text, &undoStep{tab: tabObservations, what: text,
				back: func(ctx context.Context, s *store.Store) (tea.Msg, error) {
					if err := s.Delete(ctx, store.KindRubric, made.ID); err != nil {
						return nil, err
					}
					return tabMsg{tab: tabObservations, msg: readRubrics(ctx, s, "", "", nil)}, nil
				}})
		}
		oldDefault, err := s.DefaultRubric(ctx)
		if err != nil {
			return rubricsMsg{err: err}
		}
		saved, err := s.UpdateRubric(ctx, r)
		if err != nil {
			return rubricsMsg{err: err}
		}
		what := msgRubricSaved
		switch {
		case prev.Active && !r.Active:
			what = msgRubricOff
		case !prev.Active && r.Active:
			what = msgRubricOn
		}
		text := l.T(what, saved.Name)
		prev.Full = prev.Spec.Total()
		return readRubrics(ctx, s, saved.ID, text, &undoStep{tab: tabObservations, what: text,
			back: func(ctx context.Context, s *store.Store) (tea.Msg, error) {
				if oldDefault.ID != prev.ID && r.IsDefault && !prev.IsDefault {
					oldDefault.Full = oldDefault.Spec.Total()
					if _, err := s.UpdateRubric(ctx, oldDefault); err != nil {
						return nil, err
					}
				}
				if _, err := s.UpdateRubric(ctx, prev); err != nil {
					return nil, err
				}
				return tabMsg{tab: tabObservations, msg: readRubrics(ctx, s, prev.ID, "", nil)}, nil
			}})
	})
}
