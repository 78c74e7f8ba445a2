package ui

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"termbook/store"
)

// Editing and deleting on the 师徒 screen. enter on a pair opens it in the pair form; → moves
// into the chosen pair's guidance log, where ↑↓ choose an entry and enter opens it in the
// guidance form. d deletes the pair or the entry (softly: it stays in the file, hidden) and
// u brings deletions back, many steps deep.

// openGuidance loads what the guidance form of pair p needs: the observations it may link
// to and, to edit an entry, the entry (with the observation it links to, however old).
// editID names the entry; empty for a new one.
func (s *mentScreen) openGuidance(p store.MentorPair, editID string, draft *store.Draft) tea.Cmd {
	st := s.env.db
	return func() tea.Msg {
		ctx := context.Background()
		msg := guidanceLinksMsg{pair: p, draft: draft}
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
	}
}

// draftTarget reads which pair a guidance draft belongs to and, for an edit, which entry:
// the key is "guidance:PAIR" for a new entry and "guidance_edit:ENTRY" for an edit, whose
// pair is in the payload (keys are short).
func draftTarget(d store.Draft) (pairID, entryID string) {
	if id, ok := strings.CutPrefix(d.Key, "guidance_edit:"); ok {
		var g guidanceDraft
		if json.Unmarshal([]byte(d.Payload), &g) != nil {
			return "", ""
		}
		return g.Pair, id
	}
	return strings.TrimPrefix(d.Key, "guidance:"), ""
}

// deleteCurrent deletes the chosen guidance entry (in the log) or the chosen pair.
func (s *mentScreen) deleteCurrent() tea.Cmd {
	if len(s.rows) == 0 {
		return nil
	}
	p := s.rows[s.cur].pair
	step := deletion{kind: store.KindMentorPair, id: p.ID, focus: p.ID, what: s.pairName(p)}
	if s.inLog {
		if len(s.log) == 0 {
			return nil
		}
		g := s.log[s.logCur]
		step = deletion{kind: store.KindGuidance, id: g.ID, focus: p.ID,
			what: s.env.lang.Date(g.On) + " " + s.env.lang.Form(g.Form) + " " + s.env.st.cut(oneLine(g.Content), 20)}
	}
	return s.undo.remove(s.env.db, step)
}

// undoDelete restores the last pair or entry deleted.
func (s *mentScreen) undoDelete() tea.Cmd {
	cmd, ok := s.undo.undo(s.env.db)
	if !ok {
		s.say(s.env.lang.T(msgNoUndo), false)
	}
	return cmd
}

// deleted takes the result of a deletion or its undoing: the status line says what happened
// and the pairs and the log are read again.
func (s *mentScreen) deleted(msg deletionMsg) tea.Cmd {
	text, isErr, focus := s.undo.settle(s.env.lang, msg)
	s.say(text, isErr)
	if isErr {
		return nil
	}
	if focus != "" {
		s.focusPair = focus
	}
	return s.load()
}

// pairName names a pair for the status line: "张三→王五 语文".
func (s *mentScreen) pairName(p store.MentorPair) string {
	name := s.env.teacher(p.MentorID).Name + s.env.st.g.arrow + s.env.teacher(p.MenteeID).Name
	if p.Subject != "" {
		name += " " + p.Subject
	}
	return name
}

// logKey handles a key while the guidance log has focus; false leaves it to the pairs.
func (s *mentScreen) logKey(k tea.KeyPressMsg) (tea.Cmd, bool) {
	switch k.String() {
	case "up", "k":
		s.logCur = max(0, s.logCur-1)
	case "down", "j":
		s.logCur = min(len(s.log)-1, s.logCur+1)
	case "left", "h", "esc":
		s.inLog = false
	case "enter":
		if len(s.log) == 0 {
			return nil, true
		}
		return s.openGuidance(s.rows[s.cur].pair, s.log[s.logCur].ID, nil), true
	default:
		return nil, false
	}
	return nil, true
}
