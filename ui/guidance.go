package ui

import (
	"context"
	"encoding/json"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

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
)

// guidanceDraft is a guidance form's content as kept in a draft.
type guidanceDraft struct {
	draftLabel
	Pair        string `json:"pair"`
	Date        string `json:"date"`
	Form        int    `json:"form"`
	Link        string `json:"link"`
	Content     string `json:"content"`
	Reflection  string `json:"reflection"`
	Observation string `json:"observation,omitempty"`
}

// newGuidanceForm opens a new guidance entry for pair p, or was, an entry of p, to edit;
// links lists the observations it may be linked to (the mentee's, newest first).
func newGuidanceForm(env obsEnv, p store.MentorPair, links []store.Observation, was *store.Guidance) *recordForm {
	lang := env.lang
	mentor, mentee := env.teacher(p.MentorID), env.teacher(p.MenteeID)
	date := newDateField(env.sh)
	date.SetDate(env.today)
	forms := store.GuidanceForms()
	form := &optionField{st: env.st}
	for _, fm := range forms {
		form.labels = append(form.labels, lang.Form(fm))
	}
	link := &optionField{st: env.st, labels: []string{lang.T(msgGuiNoLink)}}
	linkIDs := []string{""}
	for _, o := range links {
		link.labels = append(link.labels, lang.T(msgGuiObsLabel, lang.Date(o.On), env.teacher(o.TeacherID).Name, o.Topic))
		linkIDs = append(linkIDs, o.ID)
	}
	content, reflection := newAreaField(env.st, store.MaxLong), newAreaField(env.st, store.MaxLong)
	draftKey := "guidance:" + p.ID
	if was != nil {
		draftKey = "guidance_edit:" + was.ID
		date.SetDate(was.On)
		for i, fm := range forms {
			if fm == was.Form {
				form.cur = i
			}
		}
		for i, id := range linkIDs {
			if id == was.ObservationID {
				link.cur = i
			}
		}
		content.SetValue(was.Content)
		reflection.SetValue(was.Reflection)
	}
	f := &recordForm{
		lang:  lang,
		st:    env.st,
		title: lang.T(msgGuiTitle, mentor.Name, env.st.g.arrow, mentee.Name),
		stops: []formStop{
			{label: msgGuiDate, field: date},
			{label: msgGuiForm, field: form, hint: msgChoiceKeys},
			{label: msgGuiLink, field: link, hint: msgChoiceKeys},
			{label: msgGuiContent, field: content, multiline: true},
			{label: msgGuiReflection, field: reflection, multiline: true},
		},
		focus:  3,
		drafts: newDraftKeeper(env, draftKey, draftGuidance),
	}
	f.payload = func() string {
		d := guidanceDraft{Pair: p.ID, Date: date.Value(), Form: form.cur, Link: linkIDs[link.cur],
			Content: content.Value(), Reflection: reflection.Value()}
		d.Label = mentor.Name + env.st.g.arrow + mentee.Name
		b, _ := json.Marshal(d)
		return string(b)
	}
	f.save = func() (tea.Cmd, int, error) {
		on, err := date.Date()
		if err != nil {
			return nil, 0, err
		}
		g := store.Guidance{MentorPairID: p.ID, On: on, Form: forms[form.cur], ObservationID: linkIDs[link.cur],
			Content: content.Value(), Reflection: reflection.Value()}
		if g.Content == "" {
			return nil, 3, formError(lang.T(msgGuiNeedText))
		}
		st, drafts := env.db, f.drafts
		return func() tea.Msg {
			ctx := context.Background()
			var err error
			if was != nil {
				g.Record = was.Record
				g, err = st.UpdateGuidance(ctx, g)
			} else {
				g, err = st.CreateGuidance(ctx, g)
			}
			if err == nil {
				_ = drafts.forget(ctx)
			}
			return formSavedMsg{rec: g, err: err}
		}, 0, nil
	}
	// restore fills the form from a draft.
	f.restore = func(payload string) error {
		var d guidanceDraft
		if err := json.Unmarshal([]byte(payload), &d); err != nil {
			return err
		}
		date.SetValue(d.Date)
		form.cur = min(max(0, d.Form), len(forms)-1)
		for i, id := range linkIDs {
			if id == d.Link {
				link.cur = i
			}
		}
		content.SetValue(d.Content)
		reflection.SetValue(d.Reflection)
		return nil
	}
	return f
}

// pairDraft is a mentor pair form's content as kept in a draft.
type pairDraft struct {
	draftLabel
	Mentor  string `json:"mentor"`
	Mentee  string `json:"mentee"`
	Subject string `json:"subject"`
	Goals   string `json:"goals"`
}

// newPairForm registers a mentor pair for the current term, or edits was.
func newPairForm(env obsEnv, was *store.MentorPair) *recordForm {
	lang := env.lang
	mentor := newPersonField(env.sh, lang.T(msgPickTeacher))
	mentee := newPersonField(env.sh, lang.T(msgPickTeacher))
	subject := newLineField(env.st, 13, store.MaxName)
	goals := newAreaField(env.st, store.MaxNote)
	draftKey := "mentor_pair:new"
	if was != nil {
		draftKey = "mentor_pair:" + was.ID
		mentor.Set(was.MentorID)
		mentee.Set(was.MenteeID)
		subject.SetValue(was.Subject)
		goals.SetValue(was.Goals)
	}
	f := &recordForm{
		lang:  lang,
		st:    env.st,
		title: lang.T(msgPairTitle, env.term.Name),
		stops: []formStop{
			{label: msgPairMentor, field: mentor, hint: msgPairTeachHint},
			{label: msgPairMentee, field: mentee, hint: msgPairTeachHint},
			{label: msgPairSubject, field: subject},
			{label: msgPairGoals, field: goals, multiline: true},
		},
		drafts: newDraftKeeper(env, draftKey, draftMentorPair),
	}
	f.payload = func() string {
		d := pairDraft{Mentor: mentor.Value(), Mentee: mentee.Value(), Subject: subject.Value(), Goals: goals.Value()}
		d.Label = env.teacher(d.Mentor).Name + env.st.g.arrow + env.teacher(d.Mentee).Name
		b, _ := json.Marshal(d)
		return string(b)
	}
	f.save = func() (tea.Cmd, int, error) {
		if mentor.Value() == "" {
			return nil, 0, formError(lang.T(msgPairNeed, lang.FieldName("mentor")))
		}
		if mentee.Value() == "" {
			return nil, 1, formError(lang.T(msgPairNeed, lang.FieldName("mentee")))
		}
		p := store.MentorPair{TermID: env.term.ID, MentorID: mentor.Value(), MenteeID: mentee.Value(),
			Subject: subject.Value(), Goals: goals.Value()}
		if p.Subject == "" {
			if t := env.teacher(p.MenteeID); len(t.Subjects) > 0 {
				p.Subject = t.Subjects[0]
			}
		}
		st, drafts := env.db, f.drafts
		return func() tea.Msg {
			ctx := context.Background()
			var err error
			if was != nil {
				p.Record, p.TermID = was.Record, was.TermID
				p, err = st.UpdateMentorPair(ctx, p)
			} else {
				p, err = st.CreateMentorPair(ctx, p)
			}
			if err == nil {
				_ = drafts.forget(ctx)
			}
			return formSavedMsg{rec: p, err: err}
		}, 0, nil
	}
	f.restore = func(payload string) error {
		var d pairDraft
		if err := json.Unmarshal([]byte(payload), &d); err != nil {
			return fmt.Errorf("mentor pair draft: %w", err)
		}
		mentor.Set(d.Mentor)
		mentee.Set(d.Mentee)
		subject.SetValue(d.Subject)
		goals.SetValue(d.Goals)
		return nil
	}
	return f
}
