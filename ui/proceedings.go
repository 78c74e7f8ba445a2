package ui

import (
	"context"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

// 活动留痕: what an activity left behind, recorded from its row on the calendar with r right
// after the meeting — who chaired and who kept the record, who came (the teachers expected
// and not ticked are the absentees), the minutes and the summary, the files kept with it, and
// for a 集体备课 its lesson preparation. The form edits these alone (store.SetProceedings),
// so it never disturbs the activity's schedule or status; u takes it back as any other
// calendar edit.

var (
	msgProcTitle      = i18n.Msg{Zh: "活动留痕：%s", En: "Record of: %s"}
	msgProcChair      = i18n.Msg{Zh: "主持人", En: "Chaired by"}
	msgProcRecorder   = i18n.Msg{Zh: "记录人", En: "Recorded by"}
	msgProcAttendees  = i18n.Msg{Zh: "参加人员", En: "Present"}
	msgProcMembers    = i18n.Msg{Zh: "参与人", En: "Taking part"}
	msgProcMinutes    = i18n.Msg{Zh: "纪要", En: "Minutes"}
	msgProcSummary    = i18n.Msg{Zh: "小结", En: "Summary"}
	msgProcLead       = i18n.Msg{Zh: "主备人", En: "Lead preparer"}
	msgProcUnit       = i18n.Msg{Zh: "单元/课题", En: "Unit/lesson"}
	msgProcDraft      = i18n.Msg{Zh: "初案", En: "First draft"}
	msgProcDiscussion = i18n.Msg{Zh: "讨论意见", En: "Discussion"}
	msgProcRevision   = i18n.Msg{Zh: "复案", En: "Revised plan"}
	msgProcFiles      = i18n.Msg{Zh: "文件", En: "Files"}
	msgProcFilesHint  = i18n.Msg{Zh: "每行一个文件，在 %s 里的路径；“｜”后可写说明，如 2026-10/签到表.jpg｜签到表", En: "One file a line, its path in %s; a caption may follow \"|\": 2026-10/sign-in.jpg|sign-in sheet"}
	msgProcSaved      = i18n.Msg{Zh: "已保存活动留痕：%s", En: "Record saved: %s"}
	msgProcPresent    = i18n.Msg{Zh: "到 %d 人", En: "%d present"}
	msgProcOf         = i18n.Msg{Zh: "到 %d/%d 人", En: "%d of %d present"}
	msgProcAbsent     = i18n.Msg{Zh: "缺席 %d 人：%s", En: "%d absent: %s"}
	msgProcNobody     = i18n.Msg{Zh: "（未记录）", En: "(not taken)"}
	msgProcPick       = i18n.Msg{Zh: "%s：输入姓名或拼音回车勾选，空格勾选/取消，ctrl+a 全部应到", En: "%s: type a name and enter, or space, to tick; ctrl+a: all expected"}
	msgProcFieldHint  = i18n.Msg{Zh: "回车勾选参加人员；未勾选的应到人员算缺席", En: "enter to tick who came; the expected not ticked are absent"}
	msgProcDetail     = i18n.Msg{Zh: "留痕：%s", En: "Record: %s"}
	msgProcChairIs    = i18n.Msg{Zh: "主持 %s", En: "chair %s"}
	msgProcMinutesIs  = i18n.Msg{Zh: "纪要 %s", En: "minutes %s"}
	msgProcFilesN     = i18n.Msg{Zh: "文件 %d 个", En: "%d files"}
	msgProcMore       = i18n.Msg{Zh: "（在日历上按 r 修改）", En: "(r on the calendar edits it)"}
	msgProcGone       = i18n.Msg{Zh: "这份留痕草稿的活动已不在，草稿已丢弃。", En: "The activity of this unsaved record is gone; the draft was dropped."}
)

// The proceedings form's field names are the store's, so that a refusal focuses its field.
const (
	procChair, procRecorder, procAttendees = "chair", "recorder", "attendees"
	procMinutes, procSummary, procFiles    = "minutes", "summary", "file"
	procLead, procUnit                     = "prep_lead", "prep_unit"
	procDraft, procDiscuss, procRevise     = "prep_draft", "prep_discussion", "prep_revision"
)

// openProceedings opens the record of activity a, as loaded with the term: no read needed.
func (c *calendar) openProceedings(a store.Activity) tea.Cmd {
	c.form = c.proceedingsForm(a)
	return nil
}

// restoreProceedings reopens a record's form from its draft; the draft of an activity
// since deleted has nowhere to go and is dropped.
func (c *calendar) restoreProceedings(d store.Draft, fd formDraft, a store.Activity, found bool) tea.Cmd {
	if !found {
		ctx, s := c.sh.ctx, c.sh.store
		return tea.Batch(status(c.sh.T(msgProcGone), true), func() tea.Msg {
			return draftSavedMsg{key: d.Key, err: s.DeleteDraft(ctx, d.Key)}
		})
	}
	c.form = c.proceedingsForm(a)
	return c.form.reopen(d, fd, true)
}

// isGroupPrep reports whether a is a 集体备课, which records its lesson preparation too.
func (d *termData) isGroupPrep(a store.Activity) bool {
	return d.typeByID[a.TypeID].Code == store.TypeGroupPrep
}

// proceedingsForm builds the form recording what activity a left behind.
func (c *calendar) proceedingsForm(a store.Activity) *form {
	sh, d := c.sh, c.data()
	p := store.Proceedings{}
	if a.Proceedings != nil {
		p = *a.Proceedings
	}
	prep := d.isGroupPrep(a)
	f := newForm(sh, sh.T(msgProcTitle, a.Title))
	f.teacher(procChair, msgProcChair, p.ChairID)
	f.teacher(procRecorder, msgProcRecorder, p.RecorderID)
	who := msgProcAttendees
	if prep {
		who = msgProcMembers
		f.teacher(procLead, msgProcLead, p.Prep.LeadID)
		f.text(procUnit, msgProcUnit, p.Prep.Unit, store.MaxShort)
	}
	people := newAttendeesField(sh, a, who)
	// The chair, the recorder and the lead preparer count as present as they are chosen.
	people.others = func() []string {
		ids := []string{f.str(procChair), f.str(procRecorder)}
		if prep {
			ids = append(ids, f.str(procLead))
		}
		return ids
	}
	people.SetValue(strings.Join(p.Attendees, ","))
	f.add(procAttendees, who, people).hint = msgProcFieldHint
	if prep {
		f.pane(procDraft, msgProcDraft, p.Prep.Draft, store.MaxLong)
		f.pane(procDiscuss, msgProcDiscussion, p.Prep.Discussion, store.MaxLong)
		f.pane(procRevise, msgProcRevision, p.Prep.Revision, store.MaxLong)
	}
	f.pane(procMinutes, msgProcMinutes, p.Minutes, store.MaxLong)
	f.pane(procSummary, msgProcSummary, p.Summary, store.MaxLong)
	files := f.pane(procFiles, msgProcFiles, filesText(p.Files), store.MaxFiles*(store.MaxPath+store.MaxShort+1))
	where := sh.T(msgProcFilesHint, sh.store.FilesDir()) // a hint is a message; this one names the folder
	files.hint = i18n.Msg{Zh: where, En: where}
	f.ready()
	f.keep(draftProceedings, a.ID, "")
	f.labelDraft = func() string { return a.Title }
	f.onClose = func() { c.form = nil }
	f.save = func() (tea.Cmd, error) {
		q := store.Proceedings{
			ChairID: f.str(procChair), RecorderID: f.str(procRecorder),
			Minutes: strings.TrimSpace(f.field(procMinutes).value()), Summary: strings.TrimSpace(f.field(procSummary).value()),
		}
		if ids := f.str(procAttendees); ids != "" {
			q.Attendees = strings.Split(ids, ",")
		}
		if prep {
			q.Prep = store.GroupPrep{LeadID: f.str(procLead), Unit: f.str(procUnit),
				Draft:      strings.TrimSpace(f.field(procDraft).value()),
				Discussion: strings.TrimSpace(f.field(procDiscuss).value()),
				Revision:   strings.TrimSpace(f.field(procRevise).value())}
		}
		if err := q.Validate(); err != nil {
			return nil, err
		}
		return saveProceedings(sh, a, q, f.field(procFiles).value(), p.Files), nil
	}
	return f
}

// filesText is the files as the form shows them: one a line, "path｜caption".
func filesText(files []store.FileRef) string {
	lines := make([]string, len(files))
	for i, fr := range files {
		lines[i] = fr.Path
		if fr.Caption != "" {
			lines[i] += "｜" + fr.Caption
		}
	}
	return strings.Join(lines, "\n")
}

// saveProceedings writes the record of a: the files typed (text, one a line) become
// references inside the files folder — a path already stored stays as it is, one typed must
// name a file in the folder — then everything is saved in one transaction, which u takes
// back.
func saveProceedings(sh *shared, a store.Activity, p store.Proceedings, text string, had []store.FileRef) tea.Cmd {
	resolve := func(s *store.Store) error {
		for line := range strings.SplitSeq(text, "\n") {
			path, caption, _ := strings.Cut(strings.ReplaceAll(line, "｜", "|"), "|")
			path, caption = strings.TrimSpace(path), strings.TrimSpace(caption)
			if path == "" {
				continue
			}
			if !slices.ContainsFunc(had, func(fr store.FileRef) bool { return fr.Path == path }) {
				ref, err := s.FileRefFor(path)
				if err != nil {
					return err
				}
				path = ref
			}
			p.Files = append(p.Files, store.FileRef{Path: path, Caption: caption})
		}
		return nil
	}
	return change(sh, a.ID, msgProcSaved, titleArg, func(ctx context.Context, s *store.Store) (store.Activity, error) {
		if err := resolve(s); err != nil {
			return a, err
		}
		return s.SetProceedings(ctx, a.ID, p)
	})
}

// proceedingsLine is the calendar's line about a's record: who chaired, who came, the start
// of the minutes, the files; "" when nothing is recorded.
func (c *calendar) proceedingsLine(a store.Activity) string {
	if a.Proceedings == nil || a.Proceedings.IsZero() {
		return ""
	}
	p, l, d := a.Proceedings, c.sh.lang, c.data()
	var parts []string
	if t, ok := d.teacherByID[p.ChairID]; ok {
		parts = append(parts, l.T(msgProcChairIs, t.Name))
	}
	if p.Prep.Unit != "" {
		parts = append(parts, p.Prep.Unit)
	}
	if len(p.Attendees) > 0 {
		parts = append(parts, attendance(l, d, a, p.Attendees, nil))
	}
	if p.Minutes != "" {
		parts = append(parts, l.T(msgProcMinutesIs, firstLine(p.Minutes)))
	}
	if len(p.Files) > 0 {
		parts = append(parts, l.T(msgProcFilesN, len(p.Files)))
	}
	return l.T(msgProcDetail, strings.Join(parts, c.sh.st.g.sep))
}

// attendance says how many of those expected at a came, and who did not: ids are those
// ticked, others who chaired, recorded or prepared (present too).
func attendance(l i18n.Lang, d *termData, a store.Activity, ids, others []string) string {
	if len(ids) == 0 {
		return l.T(msgProcNobody)
	}
	p := store.Proceedings{Attendees: ids}
	if a.Proceedings != nil {
		p = *a.Proceedings
		p.Attendees = ids
	}
	if others != nil {
		p.ChairID, p.RecorderID, p.Prep.LeadID = "", "", ""
		p.Attendees = append(slices.Clone(ids), others...)
	}
	b := a
	b.Proceedings = &p
	expected := a.Expected(d.teachers)
	if len(expected) == 0 {
		return l.T(msgProcPresent, len(p.Present()))
	}
	absent := b.Absentees(d.teachers)
	s := l.T(msgProcOf, len(expected)-len(absent), len(expected))
	if len(absent) > 0 {
		names := make([]string, len(absent))
		for i, t := range absent {
			names[i] = t.Name
		}
		s += "  " + l.T(msgProcAbsent, len(names), strings.Join(names, "、"))
	}
	return s
}

// attendeesField is the teachers present at an activity, ticked in a list that offers
// first those expected (the schools' teachers of its subject), then everyone else; typing
// finds a name, its pinyin or initials. Its value is their ids, comma separated.
type attendeesField struct {
	sh      *shared
	act     store.Activity
	label   i18n.Msg // 参加人员, or a 集体备课's 参与人
	ticked  ticks
	picker  *picker
	focused bool
	others  func() []string // the other teachers present as the form stands (the chair …)
}

func newAttendeesField(sh *shared, a store.Activity, label i18n.Msg) *attendeesField {
	return &attendeesField{sh: sh, act: a, label: label, ticked: ticks{}}
}

func (f *attendeesField) Focus() tea.Cmd { f.focused = true; return nil }
func (f *attendeesField) Blur()          { f.focused, f.picker = false, nil }
func (f *attendeesField) busy() bool     { return f.picker != nil }

func (f *attendeesField) Value() string     { return f.ticked.value() }
func (f *attendeesField) SetValue(v string) { f.ticked = readTicks(v) }

// candidates are those expected first, then the other active teachers, then anyone ticked
// who is neither (a teacher since deactivated).
func (f *attendeesField) candidates() []store.Teacher {
	d := f.sh.data
	out := f.act.Expected(d.teachers)
	for _, t := range d.activeTeachers() {
		if !slices.ContainsFunc(out, func(x store.Teacher) bool { return x.ID == t.ID }) {
			out = append(out, t)
		}
	}
	for _, t := range d.teachers {
		if f.ticked[t.ID] && !slices.ContainsFunc(out, func(x store.Teacher) bool { return x.ID == t.ID }) {
			out = append(out, t)
		}
	}
	return out
}

// claims enter, which opens the list.
func (f *attendeesField) claims(k tea.KeyPressMsg) bool { return k.String() == "enter" }

func (f *attendeesField) Update(msg tea.Msg) tea.Cmd {
	if p, ok := msg.(tea.PasteMsg); ok && f.picker != nil {
		f.picker.paste(p)
		return nil
	}
	km, ok := msg.(tea.KeyPressMsg)
	if !ok || f.sh.data == nil {
		return nil
	}
	if f.picker == nil {
		if typed(km) || km.String() == "enter" || km.String() == "space" {
			f.picker = newPicker(f.sh, f.sh.T(msgProcPick, f.sh.T(f.label)), f.candidates(), false)
			f.picker.ticked, f.picker.tall = f.ticked, 12
			if typed(km) && km.String() != "space" {
				f.picker.query.SetValue(km.Text)
				f.picker.refilter()
			}
		}
		return nil
	}
	switch km.String() {
	case "space":
		if id := f.picker.choice(); id != "" {
			f.ticked[id] = !f.ticked[id]
		}
		return nil
	case "ctrl+a":
		for _, t := range f.act.Expected(f.sh.data.teachers) {
			f.ticked[t.ID] = true
		}
		return nil
	case "enter":
		// A name typed and enter ticks the teacher found, ready for the next name; enter
		// on an empty line is done.
		if strings.TrimSpace(f.picker.query.Value()) == "" {
			f.picker = nil
		} else if id := f.picker.choice(); id != "" {
			f.ticked[id] = true
			f.picker.query.SetValue("")
			f.picker.refilter()
		}
		return nil
	case "esc":
		f.picker = nil
		return nil
	}
	_, cmd := f.picker.update(km)
	return cmd
}

// View is how many of those expected came and who is absent; the caret stands at its start,
// where typing a name opens the list.
func (f *attendeesField) View() string {
	caret := ""
	if f.focused && f.picker == nil {
		caret = caretMark
	}
	var ids, others []string
	if v := f.Value(); v != "" {
		ids = strings.Split(v, ",")
	}
	if f.others != nil {
		for _, id := range f.others() {
			if id != "" {
				others = append(others, id)
			}
		}
	}
	return caret + f.sh.st.text(attendance(f.sh.lang, f.sh.data, f.act, ids, others))
}

// overlay is the open list.
func (f *attendeesField) overlay(w int) string {
	if f.picker == nil {
		return ""
	}
	return f.picker.view(w)
}
