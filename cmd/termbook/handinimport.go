package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"termbook/store"
	"termbook/store/roster"
	"termbook/store/sheet"
	"termbook/ui/i18n"
	"termbook/ui/quickadd"
)

var (
	msgHandinImportHead = i18n.Msg{Zh: "文件 %s（%s），%d 行材料，导入“%s”：", En: "File %s (%s), %d hand-in rows, into %s:"}
	msgHandinSummary    = i18n.Msg{Zh: "将新登记 %d 条材料，补充 %d 条已登记的，%d 条不变。", En: "%d hand-ins to record, %d recorded ones to complete, %d unchanged."}
	msgHandinImported   = i18n.Msg{Zh: "已导入：新登记 %d 条材料，补充 %d 条。", En: "Imported: %d hand-ins recorded, %d completed."}
	msgHandinNothing    = i18n.Msg{Zh: "台账里的材料都已登记，没有需要写入的内容。", En: "Every hand-in in the list is already recorded as given; nothing to write."}
	msgHandinDupRow     = i18n.Msg{Zh: "与第%d行是同一份材料（教师、类别、日期和名称相同）。", En: "the same hand-in as row %d (same teacher, kind, day and title)."}
	msgHandinCreate     = i18n.Msg{Zh: "新登记", En: "new"}
	msgHandinUpdate     = i18n.Msg{Zh: "补充", En: "complete"}
)

// importHandins imports a hand-in list: `termbook import handins FILE`. Each row is read as
// `handin add` reads its words — the teacher as quick add names one (with the school column
// when there is one), the kind, the days — then the store plans it; the plan is shown, asked
// about, and written whole or not at all.
func (m *Main) importHandins(ctx context.Context, path, termName string, yes, dry bool) error {
	l := m.lang
	data, err := sheet.Load(path)
	if err != nil {
		return errors.New(m.fileProblem(path, err, handinList))
	}
	lines, enc, err := roster.ParseHandins(data)
	if err != nil {
		return errors.New(m.fileProblem(path, err, handinList))
	}
	h, err := m.openHandinBook(ctx, store.Options{ReadOnly: dry}, termName)
	if err != nil {
		return err
	}
	s := h.s
	defer s.Close()
	// Rows are read one by one; every wrong row is listed before anything is written.
	var rows []store.HandinRow
	var problems []string
	for _, line := range lines {
		x, err := h.row(line)
		if err != nil {
			problems = append(problems, l.T(msgImportRowErr, line.Line, err.Error()))
			continue
		}
		rows = append(rows, store.HandinRow{Line: line.Line, Handin: x})
	}
	plan, err := s.PlanHandinImport(ctx, rows)
	if err != nil {
		return errors.New(l.Error(err))
	}
	for _, e := range plan.Errors {
		problems = append(problems, m.handinRowProblem(e))
	}
	out := m.env.stdout
	fmt.Fprintln(out, l.T(msgHandinImportHead, path, enc, len(lines), h.term.Name))
	for _, hi := range plan.Handins {
		action := l.T(msgImportSame)
		switch hi.Action {
		case store.ImportCreate:
			action = l.T(msgHandinCreate)
		case store.ImportUpdate:
			action = l.T(msgHandinUpdate)
		}
		fmt.Fprintln(out, "  "+padCells(l.T(msgImportRow, hi.Line), 8)+padCells(action, 8)+h.describe(hi.Handin))
	}
	if len(problems) > 0 {
		for _, p := range problems {
			fmt.Fprintln(m.env.stderr, p)
		}
		return errors.New(l.T(msgImportFailed, len(problems)))
	}
	fmt.Fprintln(out, l.T(msgHandinSummary, plan.Count(store.ImportCreate), plan.Count(store.ImportUpdate), plan.Count(store.ImportSame)))
	if plan.Count(store.ImportCreate)+plan.Count(store.ImportUpdate) == 0 {
		fmt.Fprintln(out, l.T(msgHandinNothing))
		return nil
	}
	if dry {
		fmt.Fprintln(out, l.T(msgImportDry))
		return nil
	}
	if !yes {
		if err := m.confirm(l.T(msgImportAsk)); err != nil {
			return err
		}
	}
	done, err := s.ImportHandins(ctx, rows)
	if err != nil {
		for _, e := range done.Errors { // the database changed between preview and write
			fmt.Fprintln(m.env.stderr, m.handinRowProblem(e))
		}
		if len(done.Errors) > 0 {
			return errors.New(l.T(msgImportFailed, len(done.Errors)))
		}
		return errors.New(l.Error(err))
	}
	if err := s.Checkpoint(ctx); err != nil {
		return errors.New(l.Error(err))
	}
	fmt.Fprintln(out, l.T(msgHandinImported, done.Count(store.ImportCreate), done.Count(store.ImportUpdate)))
	return nil
}

// handinRowProblem is one sentence about one wrong row of a hand-in list.
func (m *Main) handinRowProblem(e store.RowError) string {
	if errors.Is(e.Err, store.ErrDuplicateRow) {
		return m.lang.T(msgImportRowErr, e.Line, m.lang.T(msgHandinDupRow, e.DupOf))
	}
	return m.rowProblem(e)
}

// row reads one line of a hand-in list into a hand-in of the term, or says what is wrong.
// A teacher the list names ambiguously is refused, never asked about: a list is read whole.
func (h *handinBook) row(line roster.HandinLine) (store.Handin, error) {
	l := h.m.lang
	word := line.Teacher
	if line.School != "" && !strings.Contains(word, "/") {
		word += "/" + line.School
	}
	t, err := quickadd.Teacher(word, h.quick())
	var qe *quickadd.Error
	switch {
	case errors.As(err, &qe) && qe.Kind == quickadd.UnknownTeacher:
		return store.Handin{}, errors.New(l.T(msgNoTeacher, word))
	case errors.As(err, &qe):
		return store.Handin{}, errors.New(qe.Message(l))
	}
	k, err := h.kind(line.Kind)
	if err != nil {
		return store.Handin{}, err
	}
	x := store.Handin{TermID: h.term.ID, TeacherID: t.ID, KindID: k.ID, Title: line.Title, CheckedBy: line.CheckedBy, Comment: line.Comment}
	if x.Title == "" {
		x.Title = k.Name
	}
	if strings.TrimSpace(line.Date) == "" {
		return x, errors.New(l.Error(&store.InvalidError{Record: "handin", Fields: []store.FieldError{{Field: "date", Problem: store.Required}}}))
	}
	if x.On, err = h.day(line.Date); err != nil {
		return x, err
	}
	if line.CheckedOn != "" {
		if x.CheckedOn, err = h.day(line.CheckedOn); err != nil {
			return x, err
		}
	}
	if x.Grade, err = h.grade(line.Grade); err != nil {
		return x, err
	}
	if line.File != "" {
		if x.File, err = h.s.FileRefFor(line.File); err != nil {
			return x, errors.New(l.Error(err))
		}
	}
	return x, nil
}
