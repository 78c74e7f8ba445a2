package ui

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
	"termbook/ui/report"
)

// 上报材料 in the program: r on 考核 opens what the office writes itself into the term's report
// to the district — the header (单位, 填报人, 审核人, 日期) and the four sections a district
// expects — kept as a draft while typed like every form, saved in one transaction
// (store.SaveReport), u taking the save back. The figures are counted when the file is
// written, which `termbook report` does; the status line says how.

var (
	msgRepTitle    = i18n.Msg{Zh: "上报材料：%s", En: "Report: %s"}
	msgRepUnit     = i18n.Msg{Zh: "单位", En: "Unit"}
	msgRepFilledBy = i18n.Msg{Zh: "填报人", En: "Filled in by"}
	msgRepApproved = i18n.Msg{Zh: "审核人", En: "Approved by"}
	msgRepDate     = i18n.Msg{Zh: "日期", En: "Date"}
	msgRepDateHint = i18n.Msg{Zh: "可不填：写出文件的那一天", En: "optional: the day the file is written"}
	msgRepSaved    = i18n.Msg{Zh: "已保存上报材料。写出文件：termbook report -o 上报材料.xlsx（或 .md）", En: "Report saved. Write the file with: termbook report -o report.xlsx (or .md)"}
	msgRepUndo     = i18n.Msg{Zh: "上报材料的修改", En: "the report's changes"}
	msgRepHint     = i18n.Msg{Zh: "数字在写出文件时统计：termbook report -o 上报材料.xlsx", En: "The figures are counted when the file is written: termbook report -o report.xlsx"}
)

// draftReport is the report form's kind of draft.
const draftReport = "report"

// reportMsg carries the term's report, read to open its form (from a draft when draft is
// set), or saved (saved, with the step that takes the save back).
type reportMsg struct {
	rep   store.Report
	draft *store.Draft
	fd    formDraft
	saved bool
	undo  *undoStep
	err   error
}

func (m reportMsg) failure() error { return m.err }

// openReport reads the term's report for its form.
func openReport(sh *shared, draft *store.Draft, fd formDraft) tea.Cmd {
	return sh.readTerm(tabReview, func(ctx context.Context, s *store.Store, t store.Term, _ store.Date) tea.Msg {
		rep, err := s.Report(ctx, t.ID, 0)
		return reportMsg{rep: printable(rep), draft: draft, fd: fd, err: err}
	})
}

// reportForm is the term's report header and narrative.
func reportForm(sh *shared, rep store.Report) *form {
	f := newForm(sh, sh.T(msgRepTitle, sh.data.term.Name))
	f.text("unit", msgRepUnit, rep.Unit, store.MaxShort)
	f.text("filled_by", msgRepFilledBy, rep.FilledBy, store.MaxName)
	f.text("approved_by", msgRepApproved, rep.ApprovedBy, store.MaxName)
	dated := newDateField(sh)
	if !rep.Dated.IsZero() {
		dated.SetDate(rep.Dated)
	}
	f.add("date", msgRepDate, dated).hint = msgRepDateHint
	for _, sec := range store.Sections() {
		f.pane(string(sec), i18n.Msg{Zh: report.SectionTitle(i18n.Zh, sec), En: report.SectionTitle(i18n.En, sec)},
			rep.Text(sec), store.MaxLong).hint = msgRepHint
	}
	f.ready()
	f.keep(draftReport, rep.ID, sh.data.term.ID)
	f.labelDraft = func() string { return sh.data.term.Name }
	f.save = func() (tea.Cmd, error) {
		u := rep
		u.TermID = sh.data.term.ID
		u.Unit, u.FilledBy, u.ApprovedBy = f.str("unit"), f.str("filled_by"), f.str("approved_by")
		var err error
		if u.Dated, err = dated.Date(); err != nil {
			return nil, fieldError{field: "date", text: sh.T(msgBadDay)}
		}
		for _, sec := range store.Sections() {
			u.SetText(sec, strings.TrimSpace(f.field(string(sec)).value()))
		}
		if err := u.Validate(); err != nil {
			return nil, err
		}
		return saveReport(sh, rep, u), nil
	}
	return f
}

// saveReport saves u over was (the report as it was read, perhaps nothing yet); u puts was
// back.
func saveReport(sh *shared, was, u store.Report) tea.Cmd {
	ctx, s, what := sh.ctx, sh.store, sh.T(msgRepUndo)
	return toTab(tabReview, func() tea.Msg {
		saved, err := s.SaveReport(ctx, u)
		if err != nil {
			return reportMsg{err: err}
		}
		return reportMsg{rep: saved, saved: true, undo: &undoStep{tab: tabReview, what: what,
			back: func(ctx context.Context, s *store.Store) (tea.Msg, error) {
				_, err := s.SaveReport(ctx, was)
				return nil, err
			}}}
	})
}
