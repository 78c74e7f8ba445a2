package ui

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

// The 师徒 screen's forms: a guidance entry (指导记录) and a mentor pair.

var (
	msgGuiTitle      = i18n.Msg{Zh: "指导记录：%s %s %s", En: "Guidance: %s %s %s"}
	msgGuiDate       = i18n.Msg{Zh: "日期", En: "Date"}
	msgGuiForm       = i18n.Msg{Zh: "形式", En: "Form"}
	msgGuiLink       = i18n.Msg{Zh: "关联听课", En: "Observation"}
	msgGuiContent    = i18n.Msg{Zh: "指导内容", En: "Guidance given"}
	msgGuiReflection = i18n.Msg{Zh: "徒弟体会", En: "Mentee's reflection"}
	msgGuiNoLink     = i18n.Msg{Zh: "无", En: "none"}
	msgGuiObsLabel   = i18n.Msg{Zh: "%s %s%s", En: "%s %s %s"}
	msgGuiNeedText   = i18n.Msg{Zh: "请填写指导内容", En: "Write what the guidance was"}
	msgPairTitle     = i18n.Msg{Zh: "师徒结对（%s）", En: "Mentor pair (%s)"}
	msgPairMentor    = i18n.Msg{Zh: "师傅", En: "Mentor"}
	msgPairMentee    = i18n.Msg{Zh: "徒弟", En: "Mentee"}
	msgPairSubject   = i18n.Msg{Zh: "学科", En: "Subject"}
	msgPairGoals     = i18n.Msg{Zh: "目标", En: "Goals"}
	msgPairNeed      = i18n.Msg{Zh: "请填写%s（姓名、拼音或首字母）", En: "Choose the %s (name, pinyin or initials)"}
	msgPairTeachHint = i18n.Msg{Zh: "输入姓名、拼音或首字母，↑↓ 在同名中选择", En: "type a name, pinyin or initials; ↑↓ among several"}
	msgChoiceKeys    = i18n.Msg{Zh: "←→ 或数字选择", En: "←→ or a number to choose"}
)

// recordSavedMsg reports a guidance entry or a mentor pair written.
type recordSavedMsg struct{ err error }

func (m recordSavedMsg) failure() error { return m.err }

// newGuidanceForm opens a new guidance entry for pair p, or was, an entry of p, to edit;
// links lists the observations it may be linked to (the mentee's, newest first).
func newGuidanceForm(sh *shared, p store.MentorPair, links []store.Observation, was *store.Guidance) *form {
	l := sh.lang
	mentor, mentee := sh.teacher(p.MentorID), sh.teacher(p.MenteeID)
	f := newForm(sh, l.T(msgGuiTitle, mentor.Name, sh.st.g.arrow, mentee.Name))
	var g store.Guidance
	if was != nil {
		g = *was
	} else {
		g = store.Guidance{MentorPairID: p.ID, On: sh.today, Form: store.GuidanceForms()[0]}
	}
	date := newDateField(sh)
	date.SetDate(g.On)
	f.add("date", msgGuiDate, date)
	var forms []choice
	for _, fm := range store.GuidanceForms() {
		forms = append(forms, choice{string(fm), l.Form(fm)})
	}
	f.choose("form", msgGuiForm, forms, string(g.Form)).hint = msgChoiceKeys
	linked := []choice{{"", l.T(msgGuiNoLink)}}
	for _, o := range links {
		linked = append(linked, choice{o.ID, l.T(msgGuiObsLabel, l.Date(o.On), sh.teacher(o.TeacherID).Name, o.Topic)})
	}
	f.choose("observation", msgGuiLink, linked, g.ObservationID).hint = msgChoiceKeys
	f.pane("content", msgGuiContent, g.Content, store.MaxLong)
	f.pane("reflection", msgGuiReflection, g.Reflection, store.MaxLong)
	f.save = func() (tea.Cmd, error) {
		on, err := date.Date()
		if err != nil {
			return nil, fieldError{field: "date", text: err.Error()}
		}
		e := g
		e.MentorPairID, e.On, e.Form = p.ID, on, store.GuidanceForm(f.field("form").value())
		e.ObservationID = f.field("observation").value()
		e.Content, e.Reflection = f.field("content").value(), f.field("reflection").value()
		if e.Content == "" {
			return nil, fieldError{field: "content", text: l.T(msgGuiNeedText), named: true}
		}
		return writeRecord(sh, func(ctx context.Context, s *store.Store) error {
			var err error
			if was != nil {
				_, err = s.UpdateGuidance(ctx, e)
			} else {
				_, err = s.CreateGuidance(ctx, e)
			}
			return err
		}), nil
	}
	f.labelDraft = func() string { return mentor.Name + sh.st.g.arrow + mentee.Name }
	f.ready()
	f.setFocus(3) // what the guidance was
	f.keep(draftGuidance, g.ID, p.ID)
	return f
}

// writeRecord runs one write of the 师徒 screen and reports it there.
func writeRecord(sh *shared, write func(ctx context.Context, s *store.Store) error) tea.Cmd {
	ctx, s := sh.ctx, sh.store
	return toTab(tabMentoring, func() tea.Msg { return recordSavedMsg{err: write(ctx, s)} })
}

// newPairForm registers a mentor pair for the term showing, or edits was.
func newPairForm(sh *shared, was *store.MentorPair) *form {
	l := sh.lang
	f := newForm(sh, l.T(msgPairTitle, sh.data.term.Name))
	var p store.MentorPair
	if was != nil {
		p = *was
	}
	person := func(name string, label i18n.Msg, id string) {
		in := newPersonField(sh, l.T(msgPickTeacher), false)
		in.SetValue(id)
		f.add(name, label, in).hint = msgPairTeachHint
	}
	person("mentor", msgPairMentor, p.MentorID)
	person("mentee", msgPairMentee, p.MenteeID)
	f.text("subject", msgPairSubject, p.Subject, store.MaxName)
	f.pane("goals", msgPairGoals, p.Goals, store.MaxNote)
	f.save = func() (tea.Cmd, error) {
		u := p
		u.MentorID, u.MenteeID = f.field("mentor").value(), f.field("mentee").value()
		u.Subject, u.Goals = f.field("subject").value(), f.field("goals").value()
		switch {
		case u.MentorID == "":
			return nil, fieldError{field: "mentor", text: l.T(msgPairNeed, l.FieldName("mentor")), named: true}
		case u.MenteeID == "":
			return nil, fieldError{field: "mentee", text: l.T(msgPairNeed, l.FieldName("mentee")), named: true}
		}
		if u.Subject == "" {
			if t := sh.teacher(u.MenteeID); len(t.Subjects) > 0 {
				u.Subject = t.Subjects[0]
			}
		}
		if was == nil {
			u.TermID = sh.data.term.ID
		}
		return writeRecord(sh, func(ctx context.Context, s *store.Store) error {
			var err error
			if was != nil {
				_, err = s.UpdateMentorPair(ctx, u)
			} else {
				_, err = s.CreateMentorPair(ctx, u)
			}
			return err
		}), nil
	}
	f.labelDraft = func() string {
		return sh.teacher(f.field("mentor").value()).Name + sh.st.g.arrow + sh.teacher(f.field("mentee").value()).Name
	}
	f.ready()
	f.keep(draftMentorPair, p.ID, "")
	return f
}
