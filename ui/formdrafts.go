package ui

import (
	"context"
	"encoding/json"
	"strings"

	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

// Drafts of the activity and people forms, kept by the same draftKeeper as the observation
// forms: typing is written a couple of seconds after it changes and once more when the
// program quits, and the next start offers it back. Saving the form or leaving it with esc
// deletes the draft.

// The forms that keep drafts here, as store.Draft.Form.
const (
	draftActivity = "activity"
	draftTeacher  = "teacher"
	draftSchool   = "school"
)

var (
	msgDraftFormAct    = i18n.Msg{Zh: "活动", En: "Activity"}
	msgDraftFormTch    = i18n.Msg{Zh: "教师", En: "Teacher"}
	msgDraftFormSch    = i18n.Msg{Zh: "学校", En: "School"}
	msgDraftRecordGone = i18n.Msg{Zh: "原记录已不在，按新记录打开。", En: "The record is gone; opened as a new one."}
)

// formDraftName names a draft of one of these forms, or "" for another kind.
func formDraftName(form string) i18n.Msg {
	switch form {
	case draftActivity:
		return msgDraftFormAct
	case draftTeacher:
		return msgDraftFormTch
	case draftSchool:
		return msgDraftFormSch
	}
	return i18n.Msg{}
}

// formDraft is a form's content as kept in a draft: the record it edits ("" for a new one)
// and each field's value by name.
type formDraft struct {
	draftLabel
	ID     string            `json:"id,omitempty"`
	Values map[string]string `json:"values"`
}

// keep makes the form keep drafts under its kind and record id; label names it in the offer.
// A read-only database keeps none: it could not store them.
func (f *form) keep(kind, id, label string) {
	if f.sh.readOnly() != nil {
		return
	}
	key := "form:" + kind + ":" + id
	if id == "" {
		key += "new"
	}
	f.drafts = &draftKeeper{db: f.sh.store, key: key, form: kind, delay: draftDelay, gate: &draftGate{}}
	f.draftID, f.draftLabel = id, label
	f.drafts.Seen(f.payload())
}

// payload is the form's content as JSON.
func (f *form) payload() string {
	d := formDraft{draftLabel: draftLabel{Label: f.draftLabel}, ID: f.draftID, Values: map[string]string{}}
	for _, fl := range f.fields {
		d.Values[fl.name] = fl.value()
		if d.Label == "" && (fl.name == "title" || fl.name == "name") {
			d.Label = strings.TrimSpace(fl.value()) // a new record is named by what was typed
		}
	}
	b, _ := json.Marshal(d)
	return string(b)
}

// restore fills the form from a draft; the form then counts as typed in.
func (f *form) restore(d formDraft) {
	for _, fl := range f.fields {
		v, ok := d.Values[fl.name]
		if !ok {
			continue
		}
		switch fl.kind {
		case textField:
			fl.input.SetValue(v)
		case choiceField:
			for i, c := range fl.choices {
				if c.value == v {
					fl.choice = i
				}
			}
		case teacherField:
			fl.teacher = v
		case schoolsField:
			fl.ticked = map[string]bool{}
			for id := range strings.SplitSeq(v, ",") {
				if id != "" {
					fl.ticked[id] = true
				}
			}
		}
	}
	f.initial = nil
	f.setFocus(f.focus)
}

// changed starts the draft delay after a key that may have changed the form.
func (f *form) changed() tea.Cmd {
	if f.drafts == nil {
		return nil
	}
	return f.drafts.Changed()
}

// leave closes the form without saving and deletes its draft.
func (f *form) leave() tea.Cmd {
	f.close()
	if f.drafts == nil {
		return nil
	}
	return f.drafts.Discard()
}

// saving wraps a save's command so that the draft is deleted once the record is saved.
func (f *form) saving(cmd tea.Cmd) tea.Cmd {
	if cmd == nil || f.drafts == nil {
		return cmd
	}
	k := f.drafts
	return func() tea.Msg {
		msg := cmd()
		var err error
		switch msg := msg.(type) {
		case changedMsg:
			err = msg.err
		case peopleMsg:
			err = msg.err
		}
		if err == nil {
			_ = k.forget(context.Background()) // at worst the next start offers a saved form's draft
		}
		return msg
	}
}

// formHolder is a screen that may have one of these forms open.
type formHolder interface {
	shownForm() *form
	restoreForm(d store.Draft, fd formDraft) tea.Cmd
}

func (c *calendar) shownForm() *form { return c.form }
func (p *people) shownForm() *form   { return p.form }

func (c *calendar) restoreForm(d store.Draft, fd formDraft) tea.Cmd {
	a, found := store.Activity{TermID: c.data().term.ID, Sched: store.InWeek(1)}, fd.ID == ""
	if !found {
		for _, x := range c.data().acts {
			if x.ID == fd.ID {
				a, found = x, true
			}
		}
	}
	c.form = c.activityForm(a)
	return c.form.reopen(d, fd, found)
}

func (p *people) restoreForm(d store.Draft, fd formDraft) tea.Cmd {
	data := p.sh.data
	switch d.Form {
	case draftTeacher:
		t, found := data.teacherByID[fd.ID]
		p.form = p.teacherForm(t)
		return p.form.reopen(d, fd, found || fd.ID == "")
	default:
		sc, found := data.schoolByID[fd.ID]
		p.form = p.schoolForm(sc)
		return p.form.reopen(d, fd, found || fd.ID == "")
	}
}

// reopen fills a form just built from its draft. A form for a record that is gone is a new
// one, and its old draft is deleted: the new form keeps its own.
func (f *form) reopen(d store.Draft, fd formDraft, found bool) tea.Cmd {
	f.restore(fd)
	if f.drafts == nil {
		return nil
	}
	if !found {
		f.problem = f.sh.T(msgDraftRecordGone)
		st, key := f.sh.store, d.Key
		f.drafts.last = ""
		return tea.Batch(f.drafts.Changed(), func() tea.Msg {
			return draftSavedMsg{key: key, err: st.DeleteDraft(context.Background(), key)}
		})
	}
	f.drafts.Seen(d.Payload)
	return nil
}

// formDraftsMsg carries the drafts of these forms found at start.
type formDraftsMsg struct {
	drafts []store.Draft
	err    error
}

func loadFormDrafts(st *store.Store) tea.Cmd {
	return func() tea.Msg {
		all, err := st.Drafts(context.Background())
		var mine []store.Draft
		for _, d := range all {
			if formDraftName(d.Form) != (i18n.Msg{}) {
				mine = append(mine, d)
			}
		}
		return formDraftsMsg{drafts: mine, err: err}
	}
}

// holders are the screens that may have a form open.
func (m *Model) holders() []formHolder {
	var hs []formHolder
	for _, s := range m.screens {
		if h, ok := s.(formHolder); ok {
			hs = append(hs, h)
		}
	}
	return hs
}

// formDraftMsg handles the draft messages of these forms; false for any other message.
func (m *Model) formDraftMsg(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case draftTickMsg:
		for _, h := range m.holders() {
			if f := h.shownForm(); f != nil && f.drafts != nil && f.drafts.key == msg.key {
				return f.drafts.Tick(f.payload()), true
			}
		}
	case draftSavedMsg:
		if !strings.HasPrefix(msg.key, "form:") {
			return nil, false
		}
		if msg.err != nil {
			m.setStatus(m.sh.T(msgDraftFailed, m.sh.lang.Error(msg.err)), true)
		}
		return nil, true
	case formDraftsMsg:
		if msg.err != nil {
			m.setStatus(m.sh.lang.Error(msg.err), true)
		}
		m.offer = draftOffer{lang: m.sh.lang, st: m.sh.st, db: m.sh.store, drafts: msg.drafts}
		return nil, true
	case restoreDraftMsg:
		var fd formDraft
		if formDraftName(msg.draft.Form) == (i18n.Msg{}) {
			return nil, false
		}
		if err := json.Unmarshal([]byte(msg.draft.Payload), &fd); err != nil {
			m.setStatus(m.sh.T(msgDraftFailed, err.Error()), true)
			return nil, true
		}
		if m.sh.data == nil {
			return nil, true
		}
		for i, s := range m.screens {
			_, cal := s.(*calendar)
			_, ppl := s.(*people)
			if h, ok := s.(formHolder); ok && (cal && msg.draft.Form == draftActivity || ppl && msg.draft.Form != draftActivity) {
				m.active = i
				return h.restoreForm(msg.draft, fd), true
			}
		}
		return nil, true
	}
	return nil, false
}

// quit writes the draft of every open form with typing in it, then quits: ctrl+c never
// loses what was typed.
func (m *Model) quit() tea.Cmd {
	var keep []*draftKeeper
	var payloads []string
	for _, h := range m.holders() {
		if f := h.shownForm(); f != nil && f.drafts != nil && f.dirty() && f.payload() != f.drafts.last {
			keep, payloads = append(keep, f.drafts), append(payloads, f.payload())
		}
	}
	if len(keep) == 0 {
		return tea.Quit
	}
	return func() tea.Msg {
		for i, k := range keep {
			k.gate.mu.Lock()
			if !k.gate.closed {
				_ = k.db.SaveDraft(context.Background(), store.Draft{Key: k.key, Form: k.form, Payload: payloads[i]})
			}
			k.gate.mu.Unlock()
		}
		return tea.QuitMsg{}
	}
}
