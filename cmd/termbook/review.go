package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime/debug"

	"termbook/store"
	"termbook/store/review"
	"termbook/ui/i18n"
	"termbook/ui/report"
	"termbook/ui/width"
)

var (
	msgUsageReview   = i18n.Msg{Zh: "[--term 学期] [--format text|md|csv|xlsx] [-o 文件]    期末考核：各项指标完成情况", En: "[--term NAME] [--format text|md|csv|xlsx] [-o FILE]    the term-end review"}
	msgUsageExport   = i18n.Msg{Zh: "[--term 学期] --format xlsx|csv -o 文件或文件夹    导出活动、听课、指导、结对和考核项登记表", En: "[--term NAME] --format xlsx|csv -o FILE|FOLDER    export the registers"}
	msgFlagTerm      = i18n.Msg{Zh: "学期名称（默认为当前学期）", En: "term name (default: the current term)"}
	msgFlagFormat    = i18n.Msg{Zh: "输出格式：%s", En: "output format: %s"}
	msgFlagOut       = i18n.Msg{Zh: "写入此文件（默认输出到屏幕）", En: "write to this file (default: the terminal)"}
	msgFlagOutDir    = i18n.Msg{Zh: "xlsx：写入此文件；csv：写入此文件夹（每个登记表一个文件）", En: "xlsx: write this file; csv: write into this folder (one file per register)"}
	msgBadFormat     = i18n.Msg{Zh: "不支持的格式“%s”：请用 %s。", En: "Unknown format \"%s\": use %s."}
	msgNeedOut       = i18n.Msg{Zh: "%s 格式要写入文件：请用 -o 指定。", En: "The %s format needs a file: name it with -o."}
	msgNoSuchTerm    = i18n.Msg{Zh: "没有名为“%s”的学期。", En: "There is no term named \"%s\"."}
	msgCantWrite     = i18n.Msg{Zh: "无法写入“%s”：%v", En: "Cannot write %s: %v"}
	msgWroteFile     = i18n.Msg{Zh: "已写入 %s。", En: "Wrote %s."}
	msgWritingSheets = i18n.Msg{Zh: "已写入 %d / %d 张工作表…", En: "Wrote %d of %d sheets…"}
	msgPacking       = i18n.Msg{Zh: "正在压缩、写入文件…", En: "Packing the file…"}
	msgWroteFolder   = i18n.Msg{Zh: "已在 %s 写入 %d 个 CSV 文件。", En: "Wrote into %s: %d CSV files."}
	msgReviewLegend  = i18n.Msg{Zh: "“实际/要求”；进度落后：低于截至今日应完成数（还来得及）；未达标：某一周期已结束而数量不足；补：短缺的周期由之后补足。", En: "\"actual/required\"; behind: below what is due by today (there is still time); not met: a period ended short of its quota; made up: a short period covered later."}
)

// runReview prints the term-end review: `termbook review [--term NAME] [--format F] [-o FILE]`.
func runReview(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("review")
	termName := fs.String("term", "", m.lang.T(msgFlagTerm))
	format := fs.String("format", "text", m.lang.T(msgFlagFormat, "text, md, csv, xlsx"))
	out := fs.String("o", "", m.lang.T(msgFlagOut))
	if err := m.parse(fs, args, msgUsageReview); err != nil {
		return err
	}
	switch *format {
	case "text", "md", "csv":
	case "xlsx":
		if *out == "" {
			return errors.New(m.lang.T(msgNeedOut, "xlsx"))
		}
	default:
		return errors.New(m.lang.T(msgBadFormat, *format, "text, md, csv, xlsx"))
	}
	if err := m.checkOutput(*out); err != nil {
		return err
	}
	s, term, err := m.openTerm(ctx, store.Options{ReadOnly: true}, *termName)
	if err != nil {
		return err
	}
	defer s.Close()
	r, err := review.Compute(ctx, s, term, m.today())
	if err != nil {
		return errors.New(m.lang.Error(err))
	}
	l := m.lang
	var buf bytes.Buffer
	switch *format {
	case "text":
		// On a terminal narrower than the tables the review is laid out to fit; a pipe or
		// a file gets the full tables.
		if width := m.termWidth(); *out == "" && width > 0 {
			err = writeReviewFit(&buf, newTable(m.env.getenv), width, l, r)
			break
		}
		fmt.Fprintf(&buf, "%s\n%s\n\n", report.ReviewTitle(l, r), l.T(msgReviewLegend))
		err = report.WriteText(&buf, width.Detect(m.env.getenv), report.ReviewTables(l, r)...)
	case "md":
		fmt.Fprintf(&buf, "# %s\n\n%s\n\n", report.ReviewTitle(l, r), l.T(msgReviewLegend))
		err = report.WriteMarkdown(&buf, report.ReviewTables(l, r)...)
	case "csv":
		err = report.WriteCSV(&buf, report.ReviewFlat(l, r))
	case "xlsx":
		tables := append([]report.Table{report.ReviewFlat(l, r)}, report.ReviewTables(l, r)...)
		err = report.WriteXLSX(&buf, l, tables, nil)
	}
	if err != nil {
		return err
	}
	return m.output(*out, buf.Bytes())
}

// runExport writes the term's registers: `termbook export [--term NAME] --format xlsx|csv -o PATH`.
// XLSX is one workbook; CSV is a folder with one file per register, because a CSV file holds
// one table and a folder keeps the set together.
func runExport(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("export")
	termName := fs.String("term", "", m.lang.T(msgFlagTerm))
	format := fs.String("format", "", m.lang.T(msgFlagFormat, "xlsx, csv"))
	out := fs.String("o", "", m.lang.T(msgFlagOutDir))
	if err := m.parse(fs, args, msgUsageExport); err != nil {
		return err
	}
	if *format != "xlsx" && *format != "csv" {
		return errors.New(m.lang.T(msgBadFormat, *format, "xlsx, csv"))
	}
	if *out == "" {
		return errors.New(m.lang.T(msgNeedOut, *format))
	}
	if err := m.checkOutput(*out); err != nil {
		return err
	}
	s, term, err := m.openTerm(ctx, store.Options{ReadOnly: true}, *termName)
	if err != nil {
		return err
	}
	defer s.Close()
	reg, err := report.Load(ctx, s, m.lang, term, m.today())
	if err != nil {
		return errors.New(m.lang.Error(err))
	}
	if *format == "xlsx" {
		return m.writeWorkbook(*out, report.Workbook{Lang: m.lang, Tables: reg.Tables,
			Forms: report.FormsOf(reg.Observations), FormCount: len(reg.Observations)})
	}
	if err := report.WriteCSVFolder(*out, reg.Tables); err != nil {
		return errors.New(m.lang.T(msgCantWrite, *out, err))
	}
	fmt.Fprintln(m.env.stdout, m.lang.T(msgWroteFolder, *out, len(reg.Tables)))
	return nil
}

// workbookMemory is the soft limit on the Go heap while a workbook is written.
const workbookMemory = 64 << 20

// writeWorkbook writes wb into the file path, whole or not at all, streamed as it is laid
// out; on a terminal it says how far it has come while that takes more than a second.
func (m *Main) writeWorkbook(path string, wb report.Workbook) error {
	p := m.progress()
	wb.Progress = func(at report.Progress) {
		p.show(func() string {
			if at.Done >= at.Total-1 {
				return m.lang.T(msgPacking)
			}
			return m.lang.T(msgWritingSheets, at.Done, at.Total-1)
		})
	}
	// A term's workbook keeps about 50 MB live at its largest (excelize holds up to 16 MB of
	// a sheet before it spills to its temporary file, and every register's XML until the
	// file is packed), and the collector would let the heap grow to twice that. A soft limit
	// keeps the rest of an office PC's memory for others: a third less peak memory for about
	// a tenth more CPU on the ten-year sample's largest term.
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(workbookMemory))
	err := report.WriteFileFrom(path, wb.Write)
	p.end()
	if err != nil {
		return errors.New(m.lang.T(msgCantWrite, path, err))
	}
	fmt.Fprintln(m.env.stderr, m.lang.T(msgWroteFile, path))
	return nil
}

// openTerm opens the database with opt at the term a command is about.
func (m *Main) openTerm(ctx context.Context, opt store.Options, name string) (*store.Store, store.Term, error) {
	s, err := m.openExisting(ctx, opt)
	if err != nil {
		return nil, store.Term{}, err
	}
	term, err := m.term(ctx, s, name)
	if err != nil {
		s.Close()
		return nil, term, err
	}
	return s, term, nil
}

// term finds the term a command is about: the named one, else the current one.
func (m *Main) term(ctx context.Context, s *store.Store, name string) (store.Term, error) {
	if name != "" {
		t, err := s.TermByName(ctx, name)
		if errors.Is(err, store.ErrNotFound) {
			return t, errors.New(m.lang.T(msgNoSuchTerm, name))
		}
		if err != nil {
			return t, errors.New(m.lang.Error(err))
		}
		return t, nil
	}
	t, err := s.CurrentTerm(ctx, m.today())
	if errors.Is(err, store.ErrNotFound) {
		return t, errors.New(m.lang.T(msgNoTerm))
	}
	if err != nil {
		return t, errors.New(m.lang.Error(err))
	}
	return t, nil
}

// checkOutput refuses a file or folder to write that is the database, one of the files beside
// it or its backup folder (store.CheckOutput), before anything is read or written.
func (m *Main) checkOutput(out string) error {
	if out == "" {
		return nil
	}
	path, err := m.dbPath()
	if err != nil {
		return err
	}
	if err := store.CheckOutput(path, out); err != nil {
		return errors.New(m.lang.Error(err))
	}
	return nil
}

// output writes data to the file path (whole or not at all), or to stdout when path is "".
func (m *Main) output(path string, data []byte) error {
	if path == "" {
		_, err := m.env.stdout.Write(data)
		return err
	}
	if err := report.WriteFile(path, data); err != nil {
		return errors.New(m.lang.T(msgCantWrite, path, err))
	}
	fmt.Fprintln(m.env.stderr, m.lang.T(msgWroteFile, path))
	return nil
}

// termWidth is the width of the terminal stdout is, or 0 when it is not one.
func (m *Main) termWidth() int {
	if m.env.width == nil {
		return 0
	}
	return m.env.width()
}
