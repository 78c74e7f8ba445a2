package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"termbook/store"
	"termbook/ui/i18n"
	"termbook/ui/quickadd"
)

var (
	msgUsageHandin = i18n.Msg{
		Zh: "add|check|list|delete|restore|kinds …    材料台账：add 教师 类别 [名称] 登记上交的材料；check 教师 [类别] --by 查阅人 记录查阅；list [教师] 列出本学期的材料；delete、restore 编号 删除或恢复；kinds [add 名称] 材料类别",
		En: "add|check|list|delete|restore|kinds …    hand-ins: add TEACHER KIND [TITLE] records one; check TEACHER [KIND] --by NAME records who checked them; list [TEACHER]; delete and restore REF; kinds [add NAME] the kinds of material"}
	msgHandinWhat      = i18n.Msg{Zh: "用法：termbook handin add 教师 类别 [名称] | check 教师 [类别] --by 查阅人 | list [教师] | delete 编号 | restore 编号 | kinds [add 名称]", En: "Usage: termbook handin add TEACHER KIND [TITLE] | check TEACHER [KIND] --by NAME | list [TEACHER] | delete REF | restore REF | kinds [add NAME]"}
	msgHandinAddWhat   = i18n.Msg{Zh: "请写出教师和材料类别，例如：termbook handin add 李春燕 教案 《观潮》", En: "Name the teacher and the kind, e.g. termbook handin add lcy lesson-plan \"Tides\""}
	msgFlagHandinDate  = i18n.Msg{Zh: "上交日期（默认今天）：2026-10-13、10/13、10月13日、今天、周二", En: "the day it was handed in (default today): 2026-10-13, 10/13, today, tue"}
	msgFlagCheckedBy   = i18n.Msg{Zh: "查阅人", En: "who checked it"}
	msgFlagCheckedOn   = i18n.Msg{Zh: "查阅日期（默认今天）", En: "the day it was checked (default today)"}
	msgFlagHandinGrade = i18n.Msg{Zh: "等次：优秀、良好、合格、不合格", En: "grade: excellent, good, pass, fail"}
	msgFlagComment     = i18n.Msg{Zh: "评语", En: "comment"}
	msgFlagHandinFile  = i18n.Msg{Zh: "文件（须在数据文件旁的 termbook-files 文件夹里）", En: "the file (it must be in the termbook-files folder beside the database)"}
	msgFlagHandinKind  = i18n.Msg{Zh: "只列出这一类材料", En: "list only this kind"}
	msgFlagUnchecked   = i18n.Msg{Zh: "只列出未查阅的", En: "list only those not checked yet"}
	msgFlagKindEn      = i18n.Msg{Zh: "英文名称", En: "English name"}
	msgFlagKindFor     = i18n.Msg{Zh: "列入谁的考核材料：all（每位教师）、mentor（师傅）、mentee（徒弟），默认不列入", En: "whose term-end checklist it is on: all, mentor or mentee (default: nobody's)"}
	msgNoTeacher       = i18n.Msg{Zh: "找不到教师“%s”：请写姓名、拼音或拼音首字母（如 张三、zhangsan、zs）。", En: `No teacher is called "%s": write a name, its pinyin or initials (张三, zhangsan, zs).`}
	msgPickTeacher     = i18n.Msg{Zh: "“%s”可能是：%s。请输入序号（直接回车取消）：", En: `"%s" could be: %s. Type a number (enter cancels): `}
	msgPickOne         = i18n.Msg{Zh: "%d %s（%s）", En: "%d %s (%s)"}
	msgPickCancelled   = i18n.Msg{Zh: "已取消，没有写入。", En: "Cancelled; nothing written."}
	msgNoKind          = i18n.Msg{Zh: "没有“%s”这类材料；可用：%s。", En: `There is no kind of hand-in "%s"; there are: %s.`}
	msgBadGrade        = i18n.Msg{Zh: "等次“%s”无效：请用 优秀、良好、合格 或 不合格。", En: `"%s" is not a grade: use excellent, good, pass or fail.`}
	msgBadChecklist    = i18n.Msg{Zh: "“%s”无效：--checklist 可以是 all、mentor、mentee 或 none。", En: `"%s" is not one of all, mentor, mentee or none for --checklist.`}
	msgHandinAdded     = i18n.Msg{Zh: "已登记：%s", En: "Recorded: %s"}
	msgHandinChecked   = i18n.Msg{Zh: "已记录查阅（%s）：%s", En: "Checked by %s: %s"}
	msgNothingToCheck  = i18n.Msg{Zh: "%[1]s在“%[2]s”没有未查阅的%[3]s。", En: "%[1]s has no %[3]s waiting to be checked in %[2]s."}
	msgHandinAny       = i18n.Msg{Zh: "材料", En: "hand-ins"}
	msgNeedChecker     = i18n.Msg{Zh: "请用 --by 写出查阅人。", En: "Name who checked them with --by."}
	msgHandinLine      = i18n.Msg{Zh: "%s %s%s（%s）%s", En: "%s %s%s (%s)%s"}
	msgHandinByLine    = i18n.Msg{Zh: "，查阅人 %s", En: ", checked by %s"}
	msgHandinNotYet    = i18n.Msg{Zh: "，未查阅", En: ", not checked yet"}
	msgHandinHead      = i18n.Msg{Zh: "%s 材料台账：%d 条", En: "%s hand-ins: %d"}
	msgHandinNone      = i18n.Msg{Zh: "%s 没有符合条件的材料。", En: "%s has no such hand-ins."}
	msgHandinCols      = i18n.Msg{Zh: "编号|日期|周次|教师|类别|名称|查阅人|等次", En: "Ref|Date|Week|Teacher|Kind|Title|Checked by|Grade"}
	msgNoRef           = i18n.Msg{Zh: "“%s”中没有编号为“%s”的材料（编号见 termbook handin list）。", En: `%s has no hand-in %s (termbook handin list shows the refs).`}
	msgManyRefs        = i18n.Msg{Zh: "编号“%s”对应 %d 条材料，请写全一些。", En: `%s matches %d hand-ins: write more of it.`}
	msgHandinDeleted   = i18n.Msg{Zh: "已删除：%s（可用 termbook handin restore %s 恢复）", En: "Deleted: %s (termbook handin restore %s brings it back)"}
	msgHandinRestored  = i18n.Msg{Zh: "已恢复：%s", En: "Restored: %s"}
	msgKindsCols       = i18n.Msg{Zh: "类别|英文名称|列入谁的考核材料", En: "Kind|English name|On whose checklist"}
	msgKindAdded       = i18n.Msg{Zh: "已添加材料类别“%s”。", En: "Added the kind %s."}
	msgKindRetired     = i18n.Msg{Zh: "已停用材料类别“%s”（已登记的材料不受影响）。", En: "Retired the kind %s (hand-ins already recorded keep it)."}
	msgChecklistFor    = map[store.Checklist]i18n.Msg{
		store.ChecklistNone:   {Zh: "—", En: "—"},
		store.ChecklistAll:    {Zh: "每位教师", En: "every teacher"},
		store.ChecklistMentor: {Zh: "师傅", En: "mentors"},
		store.ChecklistMentee: {Zh: "徒弟", En: "mentees"},
	}
)

// refLen is how many characters of a hand-in's id the list shows as its ref: the end of a
// UUID v7, which is random.
const refLen = 6

// runHandin keeps the hand-ins register from the shell: `termbook handin add|check|list|
// delete|restore|kinds …`.
func runHandin(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("handin")
	termName := fs.String("term", "", m.lang.T(msgFlagTerm))
	f := handinFlags{
		date:      fs.String("date", "", m.lang.T(msgFlagHandinDate)),
		checkedBy: fs.String("checked-by", "", m.lang.T(msgFlagCheckedBy)),
		by:        fs.String("by", "", m.lang.T(msgFlagCheckedBy)),
		checkedOn: fs.String("checked-on", "", m.lang.T(msgFlagCheckedOn)),
		grade:     fs.String("grade", "", m.lang.T(msgFlagHandinGrade)),
		comment:   fs.String("comment", "", m.lang.T(msgFlagComment)),
		file:      fs.String("file", "", m.lang.T(msgFlagHandinFile)),
		kind:      fs.String("kind", "", m.lang.T(msgFlagHandinKind)),
		unchecked: fs.Bool("unchecked", false, m.lang.T(msgFlagUnchecked)),
		en:        fs.String("en", "", m.lang.T(msgFlagKindEn)),
		checklist: fs.String("checklist", "", m.lang.T(msgFlagKindFor)),
	}
	pos, err := m.parseArgs(fs, args, msgUsageHandin)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return errors.New(m.lang.T(msgHandinWhat))
	}
	verb, rest := pos[0], pos[1:]
	readOnly := verb == "list" || verb == "kinds" && len(rest) == 0
	h, err := m.openHandinBook(ctx, store.Options{ReadOnly: readOnly}, *termName)
	if err != nil {
		return err
	}
	defer h.s.Close()
	switch verb {
	case "add":
		return h.add(ctx, rest, f)
	case "check":
		return h.check(ctx, rest, f)
	case "list":
		return h.list(ctx, rest, f)
	case "delete", "restore":
		if len(rest) != 1 {
			return errors.New(m.lang.T(msgHandinWhat))
		}
		return h.deleteOrRestore(ctx, rest[0], verb == "delete")
	case "kinds":
		return h.kindsCmd(ctx, rest, f)
	}
	return errors.New(m.lang.T(msgHandinWhat))
}

// handinFlags are the flags of the handin subcommands.
type handinFlags struct {
	date, checkedBy, by, checkedOn, grade, comment, file, kind *string
	unchecked                                                  *bool
	en, checklist                                              *string
}

// handinBook is what the handin commands read against: the term, its teachers, schools and
// the kinds of hand-in.
type handinBook struct {
	m        *Main
	s        *store.Store
	term     store.Term
	teachers []store.Teacher // the active ones, for names
	byID     map[string]store.Teacher
	schools  []store.School
	kinds    []store.HandinKind
}

// openHandinBook opens the database with opt and reads the handin book of the term named
// (the current one for ""); the caller closes h.s.
func (m *Main) openHandinBook(ctx context.Context, opt store.Options, termName string) (*handinBook, error) {
	s, term, err := m.openTerm(ctx, opt, termName)
	if err != nil {
		return nil, err
	}
	h, err := m.handinBook(ctx, s, term)
	if err != nil {
		s.Close()
	}
	return h, err
}

func (m *Main) handinBook(ctx context.Context, s *store.Store, term store.Term) (*handinBook, error) {
	h := &handinBook{m: m, s: s, term: term, byID: map[string]store.Teacher{}}
	all, err := s.Teachers(ctx)
	if err == nil {
		h.schools, err = s.Schools(ctx)
	}
	if err == nil {
		h.kinds, err = s.HandinKinds(ctx)
	}
	if err != nil {
		return nil, errors.New(m.lang.Error(err))
	}
	for _, t := range all {
		h.byID[t.ID] = t
		if t.Active {
			h.teachers = append(h.teachers, t)
		}
	}
	return h, nil
}

// quick is the quick-add context names and days are read in.
func (h *handinBook) quick() quickadd.Context {
	return quickadd.Context{Term: h.term, Today: h.m.today(), Teachers: h.teachers, Schools: h.schools}
}

// teacher finds the teacher a word names, as quick add does. When it names several and
// stdin is a terminal, it asks which one; otherwise it refuses, naming them.
func (h *handinBook) teacher(word string) (store.Teacher, error) {
	l := h.m.lang
	t, err := quickadd.Teacher(word, h.quick())
	var qe *quickadd.Error
	if !errors.As(err, &qe) {
		return t, err
	}
	if qe.Kind == quickadd.UnknownTeacher {
		return t, errors.New(l.T(msgNoTeacher, word))
	}
	if !h.m.env.stdinTTY {
		return t, errors.New(qe.Message(l))
	}
	school := map[string]string{}
	for _, s := range h.schools {
		school[s.ID] = s.Label()
	}
	var opts []string
	for i, c := range qe.Candidates {
		opts = append(opts, l.T(msgPickOne, i+1, c.Name, school[c.SchoolID]))
	}
	fmt.Fprint(h.m.env.stdout, l.T(msgPickTeacher, word, strings.Join(opts, l.T(msgListSep))))
	line, _ := bufio.NewReader(h.m.env.stdin).ReadString('\n')
	n, perr := strconv.Atoi(strings.TrimSpace(line))
	if perr != nil || n < 1 || n > len(qe.Candidates) {
		return t, errors.New(l.T(msgPickCancelled))
	}
	return qe.Candidates[n-1], nil
}

// kind finds the kind a word names: its Chinese or English name, or its code.
func (h *handinBook) kind(word string) (store.HandinKind, error) {
	if k, ok := store.FindHandinKind(h.kinds, word); ok {
		return k, nil
	}
	return store.HandinKind{}, errors.New(h.m.lang.T(msgNoKind, word, nameList(h.m.lang, h.kinds, h.m.lang.KindName)))
}

// day reads a day flag, today when empty.
func (h *handinBook) day(word string) (store.Date, error) {
	if strings.TrimSpace(word) == "" {
		return h.m.today(), nil
	}
	d, err := quickadd.TermDay(word, h.quick())
	var qe *quickadd.Error
	if errors.As(err, &qe) {
		return d, errors.New(qe.Message(h.m.lang))
	}
	return d, err
}

// gradeWords are the words a grade may be written as.
var gradeWords = map[string]store.TermGradeValue{
	"优秀": store.Excellent, "优": store.Excellent, "excellent": store.Excellent,
	"良好": store.Good, "良": store.Good, "good": store.Good,
	"合格": store.Pass, "pass": store.Pass,
	"不合格": store.Fail, "fail": store.Fail,
}

func (h *handinBook) grade(word string) (store.TermGradeValue, error) {
	if word == "" {
		return "", nil
	}
	if g, ok := gradeWords[strings.ToLower(strings.TrimSpace(word))]; ok {
		return g, nil
	}
	return "", errors.New(h.m.lang.T(msgBadGrade, word))
}

// describe is one hand-in in a sentence: 李春燕 教案《观潮》（2026-10-12），查阅人 黄德明.
func (h *handinBook) describe(x store.Handin) string {
	l := h.m.lang
	kind := ""
	for _, k := range h.kinds {
		if k.ID == x.KindID {
			kind = l.KindName(k)
		}
	}
	title := ""
	if x.Title != "" && x.Title != kind {
		title = " " + x.Title
	}
	state := l.T(msgHandinNotYet)
	if x.Checked() {
		state = l.T(msgHandinByLine, x.CheckedBy)
	}
	return l.T(msgHandinLine, h.byID[x.TeacherID].Name, kind, title, x.On.String(), state)
}

// add records one hand-in: `handin add TEACHER KIND [TITLE…]`.
func (h *handinBook) add(ctx context.Context, args []string, f handinFlags) error {
	l := h.m.lang
	if len(args) < 2 {
		return errors.New(l.T(msgHandinAddWhat))
	}
	t, err := h.teacher(args[0])
	if err != nil {
		return err
	}
	k, err := h.kind(args[1])
	if err != nil {
		return err
	}
	x := store.Handin{TermID: h.term.ID, TeacherID: t.ID, KindID: k.ID, Title: strings.Join(args[2:], " "),
		CheckedBy: *f.checkedBy, Comment: *f.comment}
	if x.Title == "" {
		x.Title = k.Name
	}
	if x.On, err = h.day(*f.date); err != nil {
		return err
	}
	if *f.checkedOn != "" || x.CheckedBy != "" {
		if x.CheckedOn, err = h.day(*f.checkedOn); err != nil {
			return err
		}
	}
	if x.Grade, err = h.grade(*f.grade); err != nil {
		return err
	}
	if *f.file != "" {
		if x.File, err = h.s.FileRefFor(*f.file); err != nil {
			return errors.New(l.Error(err))
		}
	}
	if x, err = h.s.CreateHandin(ctx, x); err != nil {
		return errors.New(l.Error(err))
	}
	fmt.Fprintln(h.m.env.stdout, l.T(msgHandinAdded, h.describe(x)))
	return nil
}

// check records who checked a teacher's hand-ins not checked yet, of one kind or all:
// `handin check TEACHER [KIND] --by NAME`.
func (h *handinBook) check(ctx context.Context, args []string, f handinFlags) error {
	l := h.m.lang
	if len(args) < 1 || len(args) > 2 {
		return errors.New(l.T(msgHandinWhat))
	}
	by := strings.TrimSpace(*f.by + *f.checkedBy)
	if by == "" {
		return errors.New(l.T(msgNeedChecker))
	}
	t, err := h.teacher(args[0])
	if err != nil {
		return err
	}
	filter := store.HandinFilter{TermID: h.term.ID, TeacherID: t.ID}
	what := l.T(msgHandinAny)
	if len(args) == 2 {
		k, err := h.kind(args[1])
		if err != nil {
			return err
		}
		filter.KindID, what = k.ID, l.KindName(k)
	}
	c := store.HandinCheck{By: by, Comment: *f.comment}
	if c.On, err = h.day(firstNonEmpty(*f.checkedOn, *f.date)); err != nil {
		return err
	}
	if c.Grade, err = h.grade(*f.grade); err != nil {
		return err
	}
	list, err := h.s.Handins(ctx, filter)
	if err != nil {
		return errors.New(l.Error(err))
	}
	var ids []string
	for _, x := range list {
		if !x.Checked() {
			ids = append(ids, x.ID)
		}
	}
	if len(ids) == 0 {
		return errors.New(l.T(msgNothingToCheck, t.Name, h.term.Name, what))
	}
	done, err := h.s.CheckHandins(ctx, ids, c)
	if err != nil {
		return errors.New(l.Error(err))
	}
	for _, x := range done {
		fmt.Fprintln(h.m.env.stdout, l.T(msgHandinChecked, by, h.describe(x)))
	}
	return nil
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// list prints the term's hand-ins, of one teacher when named: `handin list [TEACHER]`.
func (h *handinBook) list(ctx context.Context, args []string, f handinFlags) error {
	l := h.m.lang
	if len(args) > 1 {
		return errors.New(l.T(msgHandinWhat))
	}
	filter := store.HandinFilter{TermID: h.term.ID}
	if len(args) == 1 {
		t, err := h.teacher(args[0])
		if err != nil {
			return err
		}
		filter.TeacherID = t.ID
	}
	if *f.kind != "" {
		k, err := h.kind(*f.kind)
		if err != nil {
			return err
		}
		filter.KindID = k.ID
	}
	list, err := h.s.Handins(ctx, filter)
	if err != nil {
		return errors.New(l.Error(err))
	}
	kinds := map[string]string{}
	for _, k := range h.kinds {
		kinds[k.ID] = l.KindName(k)
	}
	tb := newTable(h.m.env.getenv)
	tb.add(strings.Split(l.T(msgHandinCols), "|")...)
	n := 0
	for _, x := range list {
		if *f.unchecked && x.Checked() {
			continue
		}
		n++
		week := ""
		if w, ok := h.term.WeekOf(x.On); ok {
			week = l.WeekShort(w)
		}
		grade := ""
		if x.Grade != "" {
			grade = l.TermGrade(x.Grade)
		}
		tb.add(ref(x.ID), x.On.String(), week, h.byID[x.TeacherID].Name, kinds[x.KindID], x.Title, x.CheckedBy, grade)
	}
	out := h.m.env.stdout
	if n == 0 {
		fmt.Fprintln(out, l.T(msgHandinNone, h.term.Name))
		return nil
	}
	fmt.Fprintln(out, l.T(msgHandinHead, h.term.Name, n))
	return tb.write(out)
}

// ref is the short ref the list shows for a hand-in.
func ref(id string) string { return id[max(0, len(id)-refLen):] }

// deleteOrRestore deletes a hand-in (softly: restore brings it back) or restores one.
func (h *handinBook) deleteOrRestore(ctx context.Context, r string, del bool) error {
	l := h.m.lang
	list, err := h.s.Handins(ctx, store.HandinFilter{TermID: h.term.ID, WithDeleted: true})
	if err != nil {
		return errors.New(l.Error(err))
	}
	var found []store.Handin
	for _, x := range list {
		if strings.HasSuffix(x.ID, strings.ToLower(strings.TrimSpace(r))) && len(strings.TrimSpace(r)) >= 4 && x.Deleted() != del {
			found = append(found, x)
		}
	}
	switch {
	case len(found) == 0:
		return errors.New(l.T(msgNoRef, h.term.Name, r))
	case len(found) > 1:
		return errors.New(l.T(msgManyRefs, r, len(found)))
	}
	x := found[0]
	if del {
		if err := h.s.Delete(ctx, store.KindHandin, x.ID); err != nil {
			return errors.New(l.Error(err))
		}
		fmt.Fprintln(h.m.env.stdout, l.T(msgHandinDeleted, h.describe(x), ref(x.ID)))
		return nil
	}
	if err := h.s.Restore(ctx, store.KindHandin, x.ID); err != nil {
		return errors.New(l.Error(err))
	}
	fmt.Fprintln(h.m.env.stdout, l.T(msgHandinRestored, h.describe(x)))
	return nil
}

// kindsCmd lists the kinds of hand-in, adds a school's own or retires one:
// `handin kinds`, `handin kinds add NAME [--en …] [--checklist …]`, `handin kinds retire NAME`.
func (h *handinBook) kindsCmd(ctx context.Context, args []string, f handinFlags) error {
	l, out := h.m.lang, h.m.env.stdout
	if len(args) == 0 {
		tb := newTable(h.m.env.getenv)
		tb.add(strings.Split(l.T(msgKindsCols), "|")...)
		for _, k := range h.kinds {
			tb.add(k.Name, k.NameEn, l.T(msgChecklistFor[k.Checklist]))
		}
		return tb.write(out)
	}
	if len(args) != 2 || args[0] != "add" && args[0] != "retire" {
		return errors.New(l.T(msgHandinWhat))
	}
	if args[0] == "retire" {
		k, err := h.kind(args[1])
		if err != nil {
			return err
		}
		if err := h.s.Delete(ctx, store.KindHandinKind, k.ID); err != nil {
			return errors.New(l.Error(err))
		}
		fmt.Fprintln(out, l.T(msgKindRetired, k.Name))
		return nil
	}
	k := store.HandinKind{Name: strings.TrimSpace(args[1]), NameEn: strings.TrimSpace(*f.en)}
	switch c := strings.ToLower(strings.TrimSpace(*f.checklist)); c {
	case "", "none":
	case "all", "mentor", "mentee":
		k.Checklist = store.Checklist(c)
	default:
		return errors.New(l.T(msgBadChecklist, *f.checklist))
	}
	if _, err := h.s.CreateHandinKind(ctx, k); err != nil {
		return errors.New(l.Error(err))
	}
	fmt.Fprintln(out, l.T(msgKindAdded, k.Name))
	return nil
}
