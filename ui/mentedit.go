package ui

import (
	"errors"
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"termbook/store"
)

// Editing and deleting on the 师徒 screen. enter on a pair opens it in the pair form; → moves
// into the chosen pair's guidance log, where ↑↓ choose an entry and enter opens it in the
// guidance form. d deletes the pair or the entry (softly: it stays in the file, hidden) and
// u brings deletions back.

type guidanceLinksMsg struct {
	pair  store.MentorPair
	links []store.Observation
	edit  *store.Guidance // the entry to edit; nil for a new one
	draft *store.Draft    // a kept draft to fill the form from
	fd    formDraft
	err   error
}

// openGuidance loads what the guidance form of pair p needs: the observations it may link
// to and, to edit an entry, the entry (with the observation it links to, however old).
// editID names the entry; empty for a new one.
func (s *mentoring) openGuidance(p store.MentorPair, editID string, draft *store.Draft, fd formDraft) tea.Cmd {
	ctx, st := s.sh.ctx, s.sh.store
	return toTab(tabMentoring, func() tea.Msg {
		msg := guidanceLinksMsg{pair: p, draft: draft, fd: fd}
		msg.links, msg.err = st.Observations(ctx, store.ObservationFilter{PairID: p.ID, TermID: p.TermID, Limit: 20})
		if msg.err != nil || editID == "" {
			return msg
		}
		log, err := st.GuidanceLog(ctx, p.ID)
		if err != nil {
			msg.err = err
			return msg
		}
		i := slices.IndexFunc(log, func(g store.Guidance) bool { return g.ID == editID })
		if i < 0 {
			msg.err = store.ErrNotFound
			return msg
		}
		msg.edit = &log[i]
		if id := msg.edit.ObservationID; id != "" && !slices.ContainsFunc(msg.links, func(o store.Observation) bool { return o.ID == id }) {
			o, err := st.Observation(ctx, id)
			if err == nil {
				msg.links = append(msg.links, o)
			} else if !errors.Is(err, store.ErrNotFound) {
				msg.err = err
			}
		}
		return msg
	})
}

// deleteCurrent deletes the chosen guidance entry (in the log) or the chosen pair.
func (s *mentoring) deleteCurrent() tea.Cmd {
	if len(s.rows) == 0 {
		return nil
	}
	p := s.rows[s.cur].pair
	if !s.inLog {
		return softDelete(s.sh, tabMentoring, store.KindMentorPair, p.ID, p.ID, s.pairName(p))
	}
	if len(s.log) == 0 {
		return nil
	}
	g, l := s.log[s.logCur], s.sh.lang
	return softDelete(s.sh, tabMentoring, store.KindGuidance, g.ID, p.ID,
		l.Date(g.On)+" "+l.Form(g.Form)+" "+s.sh.st.cut(oneLine(g.Content), 20))
}

// pairName names a pair for the status line: "张三→王五 语文".
func (s *mentoring) pairName(p store.MentorPair) string {
	name := s.sh.teacher(p.MentorID).Name + s.sh.st.g.arrow + s.sh.teacher(p.MenteeID).Name
	if p.Subject != "" {
		name += " " + p.Subject
	}
	return name
}

// logKey handles a key while the guidance log has focus; false leaves it to the pairs.
func (s *mentoring) logKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	keys := s.sh.keys
	switch {
	case key.Matches(k, keys.Up):
		s.logCur = max(0, s.logCur-1)
	case key.Matches(k, keys.Down):
		s.logCur = max(0, min(len(s.log)-1, s.logCur+1))
	case key.Matches(k, keys.OutOfLog):
		s.inLog = false
	case key.Matches(k, keys.Edit):
		if len(s.log) == 0 {
			return nil, true
		}
		return s.openGuidance(s.rows[s.cur].pair, s.log[s.logCur].ID, nil, formDraft{}), true
	default:
		return nil, false
	}
	return nil, true
}
