package ui

import (
	"context"
	"io"
	"path/filepath"
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
// written: R on 考核 writes it, as `termbook report -o FILE` does.

var (
	msgRepTitle    = i18n.Msg{Zh: "上报材料：%s", En: "Report: %s"}
	msgRepUnit     = i18n.Msg{Zh: "单位", En: "Unit"}
	msgRepFilledBy = i18n.Msg{Zh: "填报人", En: "Filled in by"}
	msgRepApproved = i18n.Msg{Zh: "审核人", En: "Approved by"}
	msgRepDate     = i18n.Msg{Zh: "日期", En: "Date"}
	msgRepDateHint = i18n.Msg{Zh: "可不填：写出文件的那一天", En: "optional: the day the file is written"}
	msgRepSaved    = i18n.Msg{Zh: "已保存上报材料。按 R 写出文件（.xlsx 或 .md），或用 termbook report -o 文件", En: "Report saved. R writes the file (.xlsx or .md), as termbook report -o FILE does"}
	msgRepUndo     = i18n.Msg{Zh: "上报材料的修改", En: "the report's changes"}
	msgRepHint     = i18n.Msg{Zh: "数字在写出文件时统计：保存后在考核页按 R", En: "The figures are counted when the file is written: R on the review, once saved"}
	msgRepAskFile  = i18n.Msg{Zh: "上报材料写到（.xlsx 或 .md）：", En: "Write the report to (.xlsx or .md):"}
	msgRepFile     = i18n.Msg{Zh: "上报材料-%s.xlsx", En: "report-%s.xlsx"}
	msgRepExt      = i18n.Msg{Zh: "上报材料只能写成 .xlsx 或 .md 文件，不能写成“%s”。", En: "The report is written as an .xlsx or .md file, not as %s."}
	msgRepCounting = i18n.Msg{Zh: "正在统计本学期的数字…", En: "Counting the term's figures…"}
)

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

// askReportPath asks where to write the term's report, 上报材料-<term>.xlsx beside the
// database offered.
func askReportPath(sh *shared) tea.Cmd {
	return sh.ask(askReportFile, sh.T(msgRepAskFile), besideDatabase(sh, msgRepFile), false)
}

// writeReport writes the term's report to path, an .xlsx workbook or a Markdown file, in the
// background: the figures counted now, with what the office wrote (as `termbook report`).
func writeReport(sh *shared, path string) tea.Cmd {
	ctx, s, l, term, today := sh.ctx, sh.store, sh.lang, sh.data.term, sh.today
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".xlsx" && ext != ".md" {
		return status(l.T(msgRepExt, path), true)
	}
	return inBackground(func(say func(string)) tea.Msg {
		if err := store.CheckOutput(s.Path(), path); err != nil {
			return statusMsg{text: l.Error(err), isErr: true}
		}
		say(l.T(msgRepCounting))
		rep, err := s.Report(ctx, term.ID, 0)
		if err != nil {
			return cantWrite(l, path, err)
		}
		sum, err := report.LoadSummary(ctx, s, l, term.Name, []store.Term{term}, rep, today)
		if err != nil {
			return cantWrite(l, path, err)
		}
		write := func(w io.Writer) error { return report.WriteSummaryMarkdown(w, l, sum) }
		if ext == ".xlsx" {
			write = func(w io.Writer) error { return report.WriteSummaryXLSX(w, l, sum) }
		}
		if err := report.WriteFileFrom(path, write); err != nil {
			return cantWrite(l, path, err)
		}
		return statusMsg{text: l.T(msgRvExported, path)}
	})
}
