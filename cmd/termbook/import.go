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
	"termbook/ui/width"
)

var (
	msgUsageImport    = i18n.Msg{Zh: "teachers|handins 文件 [--yes] [--dry-run]    导入教师名单或材料台账（CSV：UTF-8 或 GBK；或 XLSX）", En: "teachers|handins FILE [--yes] [--dry-run]    import a teacher list or a hand-in list (CSV in UTF-8 or GBK, or XLSX)"}
	msgFlagYes        = i18n.Msg{Zh: "不询问，直接导入", En: "import without asking"}
	msgFlagDryRun     = i18n.Msg{Zh: "只显示将要做什么，不写入", En: "only show what would be done; write nothing"}
	msgImportWhat     = i18n.Msg{Zh: "要导入什么？可以导入：teachers（教师名单）、handins（材料台账）。", En: "Import what? You can import: teachers, handins."}
	msgImportNeedFile = i18n.Msg{Zh: "请给出要导入的文件，例如：termbook import teachers 教师名单.xlsx", En: "Name the file to import, e.g. termbook import teachers teachers.xlsx"}
	msgImportHead     = i18n.Msg{Zh: "文件 %s（%s），%d 行教师：", En: "File %s (%s), %d teacher rows:"}
	msgImportRow      = i18n.Msg{Zh: "第%d行", En: "row %d"}
	msgImportCreate   = i18n.Msg{Zh: "新建", En: "new"}
	msgImportUpdate   = i18n.Msg{Zh: "更新", En: "update"}
	msgImportSame     = i18n.Msg{Zh: "不变", En: "same"}
	msgImportNewSch   = i18n.Msg{Zh: "将新建学校：%s", En: "New schools: %s"}
	msgImportSummary  = i18n.Msg{Zh: "将新建 %d 位、更新 %d 位教师，%d 位不变，新建 %d 所学校。", En: "%d teachers to add, %d to update, %d unchanged, %d new schools."}
	msgImportRowErr   = i18n.Msg{Zh: "第%d行：%s", En: "Row %d: %s"}
	msgImportDup      = i18n.Msg{Zh: "与第%d行是同一位教师（姓名和学校相同）。", En: "the same teacher as row %d (same name and school)."}
	msgImportFailed   = i18n.Msg{Zh: "有 %d 行有误，没有导入任何数据；请改正后再导入。", En: "%d rows are wrong, so nothing was imported; correct them and import again."}
	msgImportDry      = i18n.Msg{Zh: "试运行：没有写入。", En: "Dry run: nothing written."}
	msgImportAsk      = i18n.Msg{Zh: "确认导入？[y/N] ", En: "Import? [y/N] "}
	msgImportCancel   = i18n.Msg{Zh: "已取消，没有写入；要不询问直接导入，请加 --yes。", En: "Cancelled; nothing was written. To import without being asked, add --yes."}
	msgNotAsked       = i18n.Msg{Zh: "标准输入不是终端，无法询问是否导入，所以没有写入；要不询问直接导入，请加 --yes。", En: "Standard input is not a terminal, so nobody could be asked; nothing was written. To import without being asked, add --yes."}
	msgImportDone     = i18n.Msg{Zh: "已导入：新建 %d 位、更新 %d 位教师，新建 %d 所学校。", En: "Imported: %d teachers added, %d updated, %d new schools."}
	msgListSep        = i18n.Msg{Zh: "、", En: ", "}
	msgImportNothing  = i18n.Msg{Zh: "名单中的教师都已在册，没有需要写入的内容。", En: "Every teacher in the list is already there as given; nothing to write."}
	msgFieldList      = map[string]i18n.Msg{
		"subjects": {Zh: "学科", En: "subjects"},
		"grade":    {Zh: "年级", En: "grade"},
		"rank":     {Zh: "职称", En: "rank"},
		"post":     {Zh: "职务", En: "post"},
		"honour":   {Zh: "荣誉/骨干级别", En: "honour"},
		"active":   {Zh: "恢复在职", En: "reactivated"},
	}
)

// runImport imports a list: `termbook import teachers FILE [--yes] [--dry-run]`. It shows what
// it would do, asks, then writes everything or nothing.
func runImport(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("import")
	yes := fs.Bool("yes", false, m.lang.T(msgFlagYes))
	dry := fs.Bool("dry-run", false, m.lang.T(msgFlagDryRun))
	termName := fs.String("term", "", m.lang.T(msgFlagTerm))
	pos, err := m.parseArgs(fs, args, msgUsageImport)
	if err != nil {
		return err
	}
	if len(pos) == 0 || pos[0] != "teachers" && pos[0] != "handins" {
		return errors.New(m.lang.T(msgImportWhat))
	}
	if len(pos) != 2 {
		return errors.New(m.lang.T(msgImportNeedFile))
	}
	if pos[0] == "handins" {
		return m.importHandins(ctx, pos[1], *termName, *yes, *dry)
	}
	path := pos[1]
	data, err := sheet.Load(path)
	if err != nil {
		return errors.New(m.fileProblem(path, err, teacherList))
	}
	rows, enc, err := roster.Parse(data)
	if err != nil {
		return errors.New(m.fileProblem(path, err, teacherList))
	}

	opt := store.Options{ReadOnly: *dry}
	s, err := m.openExisting(ctx, opt)
	if err != nil {
		return err
	}
	defer s.Close()
	plan, err := s.PlanTeacherImport(ctx, rows)
	if err != nil {
		return errors.New(m.lang.Error(err))
	}
	l, out := m.lang, m.env.stdout
	fmt.Fprintln(out, l.T(msgImportHead, path, enc, len(rows)))
	m.printPlan(plan)
	if len(plan.Errors) > 0 {
		for _, e := range plan.Errors {
			fmt.Fprintln(m.env.stderr, m.rowProblem(e))
		}
		return errors.New(l.T(msgImportFailed, len(plan.Errors)))
	}
	if plan.Count(store.ImportCreate)+plan.Count(store.ImportUpdate) == 0 {
		fmt.Fprintln(out, l.T(msgImportNothing))
		return nil
	}
	if *dry {
		fmt.Fprintln(out, l.T(msgImportDry))
		return nil
	}
	if !*yes {
		if err := m.confirm(l.T(msgImportAsk)); err != nil {
			return err
		}
	}
	done, err := s.ImportTeachers(ctx, rows)
	if err != nil {
		if len(done.Errors) > 0 { // the file and the database changed between preview and write
			for _, e := range done.Errors {
				fmt.Fprintln(m.env.stderr, m.rowProblem(e))
			}
			return errors.New(l.T(msgImportFailed, len(done.Errors)))
		}
		return errors.New(l.Error(err))
	}
	if err := s.Checkpoint(ctx); err != nil {
		return errors.New(l.Error(err))
	}
	fmt.Fprintln(out, l.T(msgImportDone, done.Count(store.ImportCreate), done.Count(store.ImportUpdate), len(done.NewSchools)))
	return nil
}

// printPlan shows the preview: a line per row and the schools to be created.
func (m *Main) printPlan(plan store.ImportPlan) {
	l, out := m.lang, m.env.stdout
	for _, t := range plan.Teachers {
		var action, detail string
		switch t.Action {
		case store.ImportCreate:
			action = l.T(msgImportCreate)
			detail = strings.Join(nonEmpty(strings.Join(t.Teacher.Subjects, "、"), t.Teacher.Grade, t.Teacher.Rank, t.Teacher.Post, t.Teacher.Honour), " ")
		case store.ImportUpdate:
			action = l.T(msgImportUpdate)
			var fields []string
			for _, f := range t.Changed {
				fields = append(fields, l.T(msgFieldList[f]))
			}
			detail = strings.Join(fields, l.T(msgListSep))
		default:
			action = l.T(msgImportSame)
		}
		line := "  " + padCells(l.T(msgImportRow, t.Row.Line), 8) + padCells(action, 8) + fmt.Sprintf("%s（%s）", t.Row.Name, t.Row.School)
		if detail != "" {
			line += "  " + detail
		}
		fmt.Fprintln(out, line)
	}
	if len(plan.NewSchools) > 0 {
		fmt.Fprintln(out, l.T(msgImportNewSch, strings.Join(plan.NewSchools, "、")))
	}
	if len(plan.Errors) == 0 {
		fmt.Fprintln(out, l.T(msgImportSummary, plan.Count(store.ImportCreate), plan.Count(store.ImportUpdate),
			plan.Count(store.ImportSame), len(plan.NewSchools)))
	}
}

// padCells pads s with spaces to n terminal cells (a Chinese character takes two), one
// space at least.
func padCells(s string, n int) string { return width.Narrow.Pad(s, n-1) + " " }

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// rowProblem is one sentence about one wrong row.
func (m *Main) rowProblem(e store.RowError) string {
	if errors.Is(e.Err, store.ErrDuplicateRow) {
		return m.lang.T(msgImportRowErr, e.Line, m.lang.T(msgImportDup, e.DupOf))
	}
	return m.lang.T(msgImportRowErr, e.Line, m.lang.Error(e.Err))
}

// confirm asks a yes-or-no question on the terminal; anything but a yes cancels, and so
// does a standard input that is not a terminal (a script, a pipe), where nobody can answer.
// A cancel is an error naming --yes, so that a script can tell it from the work done.
func (m *Main) confirm(question string) error {
	if !m.env.stdinTTY {
		return errors.New(m.lang.T(msgNotAsked))
	}
	fmt.Fprint(m.env.stdout, question)
	if !m.yes() {
		return errors.New(m.lang.T(msgImportCancel))
	}
	return nil
}
