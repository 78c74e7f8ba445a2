package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"termbook/store"
	"termbook/store/sheet"
	"termbook/ui/i18n"
	"termbook/ui/report"
)

var (
	msgUsageReport = i18n.Msg{
		Zh: "[--term 学期|--year 2025-2026] [-o 文件] | set …    上报材料：学期或学年的工作总结与数据，写成 .xlsx 或 .md（不写 -o 时输出到屏幕）；report set 保存 --unit 单位、--filled-by 填报人、--approved-by 审核人、--date 日期，--from 文件 读入开展情况、主要成效、存在问题、下步打算",
		En: "[--term NAME|--year 2025-2026] [-o FILE] | set …    the report that goes up: a term's or year's summary and figures, as .xlsx or .md (the terminal without -o); report set saves --unit, --filled-by, --approved-by, --date, and --from FILE reads the narrative (progress, results, problems, plans)"}
	msgFlagYear         = i18n.Msg{Zh: "学年，如 2025-2026（代替 --term）", En: "a school year, e.g. 2025-2026 (instead of --term)"}
	msgFlagReportOut    = i18n.Msg{Zh: "写入 .xlsx 或 .md 文件（默认以 Markdown 输出到屏幕）", En: "write a .xlsx or .md file (default: Markdown on the terminal)"}
	msgFlagUnit         = i18n.Msg{Zh: "单位", En: "the unit (school or office)"}
	msgFlagFilledBy     = i18n.Msg{Zh: "填报人", En: "who filled it in"}
	msgFlagApprovedBy   = i18n.Msg{Zh: "审核人", En: "who approved it"}
	msgFlagReportDate   = i18n.Msg{Zh: "日期（默认为生成当天）", En: "its date (default: the day it is written)"}
	msgFlagFrom         = i18n.Msg{Zh: "从文本文件读入各部分：每部分以小标题开头（开展情况、主要成效、存在问题、下步打算）", En: "read the sections from a text file, each under its heading (progress, results, problems, plans)"}
	msgReportWhat       = i18n.Msg{Zh: "用法：termbook report [--term 学期 | --year 2025-2026] [-o 文件] 或 termbook report set …", En: "Usage: termbook report [--term NAME | --year 2025-2026] [-o FILE] or termbook report set …"}
	msgTermAndYear      = i18n.Msg{Zh: "--term 和 --year 只能用一个。", En: "Use --term or --year, not both."}
	msgBadYear          = i18n.Msg{Zh: "学年“%s”无效：请写成 2025-2026。", En: `"%s" is not a school year: write it like 2025-2026.`}
	msgNoYearTerms      = i18n.Msg{Zh: "%s学年还没有学期。", En: "The school year %s has no terms."}
	msgYearTitle        = i18n.Msg{Zh: "%s学年", En: "School year %s"}
	msgReportExt        = i18n.Msg{Zh: "“%s”：上报材料只能写成 .xlsx 或 .md 文件。", En: "%s: the report is written as a .xlsx or .md file."}
	msgNothingToReport  = i18n.Msg{Zh: "没有要保存的内容：请写 --unit、--filled-by、--approved-by、--date 或 --from。", En: "Nothing to save: give --unit, --filled-by, --approved-by, --date or --from."}
	msgReportSaved      = i18n.Msg{Zh: "已保存“%s”的上报材料：%s。", En: "Saved the report of %s: %s."}
	msgReportSavedWhat  = i18n.Msg{Zh: "表头", En: "the header"}
	msgNarrativeNoHead  = i18n.Msg{Zh: "“%s”第 %d 行的文字不在任何小标题下：每部分请以“开展情况”“主要成效”“存在问题”“下步打算”之一开头。", En: "%s has text before any heading at line %d: begin each part with progress, results, problems or plans (开展情况, 主要成效, 存在问题, 下步打算)."}
	msgNarrativeBadHead = i18n.Msg{Zh: "“%s”第 %d 行的小标题“%s”不是开展情况、主要成效、存在问题或下步打算。", En: `%s line %d: the heading "%s" is not progress, results, problems or plans.`}
	msgNarrativeTwice   = i18n.Msg{Zh: "“%s”第 %d 行：“%s”出现了两次。", En: `%s line %d: "%s" appears twice.`}
	msgBadReportDate    = i18n.Msg{Zh: "日期“%s”无效：请写成 2027-01-15。", En: `"%s" is not a date: write it like 2027-01-15.`}
	msgNarrativeNotText = i18n.Msg{Zh: "“%s”不是文本文件（UTF-8 或 GBK 编码）。", En: "%s is not a text file (in UTF-8 or GBK)."}
	msgNarrativeEmpty   = i18n.Msg{Zh: "“%s”里没有任何部分：每部分请以小标题开头。", En: "%s has no part: begin each with its heading."}
)

// narrativeText is what `termbook report set --from` reads, for the sentences about its file.
var narrativeText = listKind{what: i18n.Msg{Zh: "总结文字", En: "a report's text"}}

// sectionWords are the headings a narrative file may use for each section.
var sectionWords = map[string]store.Section{
	"开展情况": store.SectionProgress, "工作开展情况": store.SectionProgress, "基本情况": store.SectionProgress, "progress": store.SectionProgress,
	"主要成效": store.SectionResults, "成效": store.SectionResults, "取得的成效": store.SectionResults, "results": store.SectionResults,
	"存在问题": store.SectionProblems, "存在的问题": store.SectionProblems, "问题": store.SectionProblems, "problems": store.SectionProblems,
	"下步打算": store.SectionPlans, "下一步打算": store.SectionPlans, "下步工作打算": store.SectionPlans, "今后打算": store.SectionPlans,
	"plans": store.SectionPlans, "next steps": store.SectionPlans,
}

// reHeading is a heading line (compiled when first used, not at every start): "## 一、开展情况", "二、主要成效：", "3. problems", "【存在问题】".
var reHeading = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\s*(#{1,6}\s*)?(?:[一二三四五六七八九十]+[、.．]|\d+[、.．)）]|[（(][一二三四五六七八九十\d]+[)）])?\s*[【\[]?([^】\]：:]{1,12})[】\]]?\s*[：:]?\s*$`)
})

// runReport writes the report that goes up, for a term or a school year; `report set` saves
// its header and narrative.
func runReport(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("report")
	termName := fs.String("term", "", m.lang.T(msgFlagTerm))
	yearName := fs.String("year", "", m.lang.T(msgFlagYear))
	out := fs.String("o", "", m.lang.T(msgFlagReportOut))
	unit := fs.String("unit", "", m.lang.T(msgFlagUnit))
	filledBy := fs.String("filled-by", "", m.lang.T(msgFlagFilledBy))
	approvedBy := fs.String("approved-by", "", m.lang.T(msgFlagApprovedBy))
	date := fs.String("date", "", m.lang.T(msgFlagReportDate))
	from := fs.String("from", "", m.lang.T(msgFlagFrom))
	pos, err := m.parseArgs(fs, args, msgUsageReport)
	if err != nil {
		return err
	}
	l := m.lang
	set := len(pos) == 1 && pos[0] == "set"
	if len(pos) > 0 && !set {
		return errors.New(l.T(msgReportWhat))
	}
	if *termName != "" && *yearName != "" {
		return errors.New(l.T(msgTermAndYear))
	}
	format := ""
	if !set && *out != "" {
		// The database's own files first: that is what is wrong with -o termbook.db.
		if err := m.checkOutput(*out); err != nil {
			return err
		}
		switch strings.ToLower(filepath.Ext(*out)) {
		case ".xlsx":
			format = "xlsx"
		case ".md":
			format = "md"
		default:
			return errors.New(l.T(msgReportExt, *out))
		}
	}
	var year store.SchoolYear
	if *yearName != "" {
		if year, err = store.ParseSchoolYear(*yearName); err != nil {
			return errors.New(l.T(msgBadYear, *yearName))
		}
	}
	// The narrative file is read before the database is opened: a wrong file changes nothing.
	var narrative map[store.Section]string
	if set && *from != "" {
		if narrative, err = m.readNarrative(*from); err != nil {
			return err
		}
	}
	s, err := m.openExisting(ctx, store.Options{ReadOnly: !set})
	if err != nil {
		return err
	}
	defer s.Close()

	var terms []store.Term
	var title string
	var rep store.Report
	if *yearName != "" {
		if terms, err = s.TermsOfYear(ctx, year); err != nil {
			return errors.New(l.Error(err))
		}
		if len(terms) == 0 {
			return errors.New(l.T(msgNoYearTerms, year))
		}
		title = l.T(msgYearTitle, year)
		rep, err = s.Report(ctx, "", year)
	} else {
		var t store.Term
		if t, err = m.term(ctx, s, *termName); err != nil {
			return err
		}
		terms, title = []store.Term{t}, t.Name
		rep, err = s.Report(ctx, t.ID, 0)
	}
	if err != nil {
		return errors.New(l.Error(err))
	}
	if set {
		return m.saveReport(ctx, s, rep, title, reportChange{unit: *unit, filledBy: *filledBy, approvedBy: *approvedBy,
			date: *date, narrative: narrative})
	}
	sum, err := report.LoadSummary(ctx, s, l, title, terms, rep, m.today())
	if err != nil {
		return errors.New(l.Error(err))
	}
	var buf bytes.Buffer
	if format == "xlsx" {
		err = report.WriteSummaryXLSX(&buf, l, sum)
	} else {
		err = report.WriteSummaryMarkdown(&buf, l, sum)
	}
	if err != nil {
		return err
	}
	return m.output(*out, buf.Bytes())
}

// reportChange is what `report set` was given; "" leaves a field as it is.
type reportChange struct {
	unit, filledBy, approvedBy, date string
	narrative                        map[store.Section]string
}

// saveReport saves the header fields and narrative sections given, in one transaction.
func (m *Main) saveReport(ctx context.Context, s *store.Store, rep store.Report, title string, c reportChange) error {
	l := m.lang
	var what []string
	for _, f := range []struct {
		v    string
		into *string
	}{{c.unit, &rep.Unit}, {c.filledBy, &rep.FilledBy}, {c.approvedBy, &rep.ApprovedBy}} {
		if f.v != "" {
			*f.into = strings.TrimSpace(f.v)
		}
	}
	if c.unit+c.filledBy+c.approvedBy != "" {
		what = append(what, l.T(msgReportSavedWhat))
	}
	if c.date != "" {
		d, err := m.reportDate(c.date)
		if err != nil {
			return err
		}
		rep.Dated = d
		if len(what) == 0 {
			what = append(what, l.T(msgReportSavedWhat))
		}
	}
	for _, sec := range store.Sections() {
		if text, ok := c.narrative[sec]; ok {
			rep.SetText(sec, text)
			what = append(what, report.SectionTitle(l, sec))
		}
	}
	if len(what) == 0 {
		return errors.New(l.T(msgNothingToReport))
	}
	if _, err := s.SaveReport(ctx, rep); err != nil {
		return errors.New(l.Error(err))
	}
	fmt.Fprintln(m.env.stdout, l.T(msgReportSaved, title, strings.Join(what, l.T(msgListSep))))
	return nil
}

// reportDate reads a report's date: 2027-01-15, or 今天 (today). It may fall after the term,
// as reports are written when it is over.
func (m *Main) reportDate(word string) (store.Date, error) {
	w := strings.ToLower(strings.TrimSpace(word))
	if w == "今天" || w == "today" {
		return m.today(), nil
	}
	d, err := store.ParseDate(w)
	if err != nil || !d.Valid() {
		return store.Date{}, errors.New(m.lang.T(msgBadReportDate, word))
	}
	return d, nil
}

// readNarrative reads a text file of narrative sections, each under its heading.
func (m *Main) readNarrative(path string) (map[store.Section]string, error) {
	l := m.lang
	data, err := sheet.Load(path)
	if err != nil {
		return nil, errors.New(m.fileProblem(path, err, narrativeText))
	}
	text, _, err := sheet.Text(data)
	if err != nil {
		return nil, errors.New(l.T(msgNarrativeNotText, path))
	}
	out := map[store.Section]string{}
	seen := map[store.Section]bool{}
	var cur store.Section
	var body []string
	flush := func() {
		if cur != "" {
			out[cur] = strings.TrimSpace(strings.Join(body, "\n"))
		}
	}
	for i, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		if h := reHeading().FindStringSubmatch(line); h != nil {
			word := strings.ToLower(strings.TrimSpace(h[2]))
			sec, ok := sectionWords[word]
			switch {
			case ok && seen[sec]:
				return nil, errors.New(l.T(msgNarrativeTwice, path, i+1, strings.TrimSpace(h[2])))
			case ok:
				flush()
				cur, body, seen[sec] = sec, nil, true
				continue
			case h[1] != "":
				return nil, errors.New(l.T(msgNarrativeBadHead, path, i+1, strings.TrimSpace(h[2])))
			}
		}
		if cur == "" {
			if strings.TrimSpace(line) != "" {
				return nil, errors.New(l.T(msgNarrativeNoHead, path, i+1))
			}
			continue
		}
		body = append(body, strings.TrimRight(line, " \t"))
	}
	flush()
	if len(out) == 0 {
		return nil, errors.New(l.T(msgNarrativeEmpty, path))
	}
	return out, nil
}
