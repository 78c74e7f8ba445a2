package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"termbook/store"
	"termbook/ui/i18n"
)

var (
	msgUsageRecord = i18n.Msg{Zh: "活动 [--chair 教师] [--present 教师,…] [--minutes 文字] …    记下活动的主持人、记录人、参加人员、纪要、小结和数据文件夹里的照片、签到表；活动写 id 或本学期的标题", En: "ACTIVITY [--chair T] [--present T,…] [--minutes TEXT] …    record an activity's chair, recorder, who came, minutes, summary and the photos and sign-in sheets in the data folder; the activity is its id or its title this term"}
	msgUsageFiles  = i18n.Msg{Zh: "add 文件… [--into 文件夹]    把照片、签到表复制进数据文件旁的文件夹", En: "add FILE… [--into FOLDER]    copy photos and sign-in sheets into the folder beside the database"}

	msgFlagChair    = i18n.Msg{Zh: "主持人", En: "who chaired it"}
	msgFlagRecorder = i18n.Msg{Zh: "记录人", En: "who kept the record"}
	msgFlagPresent  = i18n.Msg{Zh: "参加人员，用逗号或顿号分开（姓名、拼音或首字母）", En: "who came, separated by commas (names, pinyin or initials)"}
	msgFlagMinutes  = i18n.Msg{Zh: "纪要", En: "the minutes"}
	msgFlagMinFile  = i18n.Msg{Zh: "从文本文件（UTF-8）读纪要", En: "read the minutes from a text file (UTF-8)"}
	msgFlagSummary  = i18n.Msg{Zh: "小结", En: "the summary"}
	msgFlagFile     = i18n.Msg{Zh: "数据文件夹里的照片或签到表，可加“=说明”；可写多次", En: "a photo or sign-in sheet in the data folder, with an optional =CAPTION; may be repeated"}
	msgFlagRecWeek  = i18n.Msg{Zh: "活动在本学期第 N 周（按标题找活动时）", En: "the activity is in week N (when naming it by title)"}
	msgFlagInto     = i18n.Msg{Zh: "数据文件夹里的子文件夹，例如 2026-10（默认为本月）", En: "a folder inside the data folder, e.g. 2026-10 (default: this month)"}

	msgRecordWhat      = i18n.Msg{Zh: "请写出要记录的活动：它的 id（termbook agenda --json 列出），或本学期里它的标题。", En: "Name the activity to record: its id (termbook agenda --json lists them), or its title in this term."}
	msgNoSuchActivity  = i18n.Msg{Zh: "本学期没有“%s”这项活动。", En: "There is no activity %s in this term."}
	msgManyActivities  = i18n.Msg{Zh: "“%s”有 %d 项活动；请用 --week 或 id 指明是哪一项。", En: "%s names %d activities; name the week with --week, or give the id."}
	msgNoSuchTeacher   = i18n.Msg{Zh: "找不到教师“%s”。", En: "No teacher is called %s."}
	msgTeacherAmbig    = i18n.Msg{Zh: "“%s”可能是这几位教师：%s；请写得更具体些。", En: "%s could be any of these teachers: %s; be more specific."}
	msgMinutesTwice    = i18n.Msg{Zh: "--minutes 和 --minutes-file 只能用一个。", En: "Use --minutes or --minutes-file, not both."}
	msgCantReadMinutes = i18n.Msg{Zh: "读不了纪要文件“%s”：%v。", En: "Cannot read the minutes file %s: %v."}
	msgRecorded        = i18n.Msg{Zh: "已记录“%s”：%d 人参加，%d 人缺席，%d 个文件。", En: "Recorded %s: %d came, %d absent, %d files."}
	msgAbsentList      = i18n.Msg{Zh: "缺席：%s。", En: "Absent: %s."}
	msgFilesWhat       = i18n.Msg{Zh: "用法：termbook files add 文件… [--into 文件夹]", En: "Usage: termbook files add FILE… [--into FOLDER]"}
	msgFileAdded       = i18n.Msg{Zh: "%s → %s", En: "%s → %s"}
)

// stringList is a flag that may be given more than once.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// runRecord records what an activity left behind (活动留痕): `termbook record ACTIVITY …`.
// Only the fields given change; the rest of the record stays as it was.
func runRecord(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("record")
	chair := fs.String("chair", "", m.lang.T(msgFlagChair))
	recorder := fs.String("recorder", "", m.lang.T(msgFlagRecorder))
	present := fs.String("present", "", m.lang.T(msgFlagPresent))
	minutes := fs.String("minutes", "", m.lang.T(msgFlagMinutes))
	minutesFile := fs.String("minutes-file", "", m.lang.T(msgFlagMinFile))
	summary := fs.String("summary", "", m.lang.T(msgFlagSummary))
	week := fs.Int("week", 0, m.lang.T(msgFlagRecWeek))
	var files stringList
	fs.Var(&files, "file", m.lang.T(msgFlagFile))
	pos, err := m.parseArgs(fs, args, msgUsageRecord)
	if err != nil {
		return err
	}
	l := m.lang
	if len(pos) != 1 {
		return errors.New(l.T(msgRecordWhat))
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if given["minutes"] && given["minutes-file"] {
		return errors.New(l.T(msgMinutesTwice))
	}
	if given["minutes-file"] {
		b, err := os.ReadFile(*minutesFile)
		if err != nil {
			return errors.New(l.T(msgCantReadMinutes, *minutesFile, err))
		}
		*minutes, given["minutes"] = strings.TrimRight(string(b), "\r\n"), true
	}
	s, err := m.openExisting(ctx, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	term, err := m.term(ctx, s, "")
	if err != nil {
		return err
	}
	a, err := m.activityNamed(ctx, s, term, pos[0], *week)
	if err != nil {
		return err
	}
	teachers, err := s.Teachers(ctx)
	if err != nil {
		return errors.New(l.Error(err))
	}
	p := *a.Proceedings
	for _, f := range []struct {
		name string
		into *string
		word string
	}{{"chair", &p.ChairID, *chair}, {"recorder", &p.RecorderID, *recorder}} {
		if !given[f.name] {
			continue
		}
		if *f.into, err = m.teacherNamed(teachers, f.word); err != nil {
			return err
		}
	}
	if given["present"] {
		p.Attendees = nil
		for _, w := range strings.FieldsFunc(*present, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
			id, err := m.teacherNamed(teachers, w)
			if err != nil {
				return err
			}
			p.Attendees = append(p.Attendees, id)
		}
	}
	if given["minutes"] {
		p.Minutes = *minutes
	}
	if given["summary"] {
		p.Summary = *summary
	}
	if len(files) > 0 {
		p.Files = nil
		for _, f := range files {
			path, caption, _ := strings.Cut(f, "=")
			ref, err := s.FileRefFor(path)
			if err != nil {
				return errors.New(l.Error(err))
			}
			p.Files = append(p.Files, store.FileRef{Path: ref, Caption: caption})
		}
	}
	if a, err = s.SetProceedings(ctx, a.ID, p); err != nil {
		return errors.New(l.Error(err))
	}
	absent := a.Absentees(teachers)
	fmt.Fprintln(m.env.stdout, l.T(msgRecorded, a.Title, len(p.Attendees), len(absent), len(p.Files)))
	if len(absent) > 0 {
		names := make([]string, len(absent))
		for i, t := range absent {
			names[i] = t.Name
		}
		fmt.Fprintln(m.env.stdout, l.T(msgAbsentList, strings.Join(names, l.T(msgSchoolSep))))
	}
	return nil
}

// activityNamed finds an activity of term by its id, or by its title (in week, when given).
func (m *Main) activityNamed(ctx context.Context, s *store.Store, term store.Term, word string, week int) (store.Activity, error) {
	l := m.lang
	if a, err := s.Activity(ctx, word); err == nil && a.TermID == term.ID && !a.Deleted() {
		return a, nil
	}
	from, to := store.Date{}, store.Date{}
	if week > 0 {
		from, to = term.WeekRange(week)
	}
	acts, err := s.Activities(ctx, term.ID, from, to)
	if err != nil {
		return store.Activity{}, errors.New(l.Error(err))
	}
	var found []store.Activity
	for _, a := range acts {
		if a.Title == strings.TrimSpace(word) {
			found = append(found, a)
		}
	}
	switch len(found) {
	case 0:
		return store.Activity{}, errors.New(l.T(msgNoSuchActivity, word))
	case 1:
		a, err := s.Activity(ctx, found[0].ID)
		if err != nil {
			return a, errors.New(l.Error(err))
		}
		return a, nil
	}
	return store.Activity{}, errors.New(l.T(msgManyActivities, word, len(found)))
}

// teacherNamed finds the one teacher a word names: a name, its pinyin or its initials.
func (m *Main) teacherNamed(teachers []store.Teacher, word string) (string, error) {
	word = strings.TrimSpace(word)
	if word == "" {
		return "", nil
	}
	found := store.FindTeachers(teachers, word)
	switch len(found) {
	case 0:
		return "", errors.New(m.lang.T(msgNoSuchTeacher, word))
	case 1:
		return found[0].ID, nil
	}
	names := make([]string, len(found))
	for i, t := range found {
		names[i] = t.Name
	}
	return "", errors.New(m.lang.T(msgTeacherAmbig, word, strings.Join(names, m.lang.T(msgSchoolSep))))
}

// runFiles copies files into the folder beside the database: `termbook files add FILE…`.
func runFiles(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("files")
	into := fs.String("into", "", m.lang.T(msgFlagInto))
	pos, err := m.parseArgs(fs, args, msgUsageFiles)
	if err != nil {
		return err
	}
	l := m.lang
	if len(pos) < 2 || pos[0] != "add" {
		return errors.New(l.T(msgFilesWhat))
	}
	s, err := m.openExisting(ctx, store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer s.Close()
	if *into == "" {
		*into = m.today().MonthOf().String()
	}
	for _, f := range pos[1:] {
		ref, err := s.AddFile(f, *into)
		if err != nil {
			return errors.New(l.Error(err))
		}
		fmt.Fprintln(m.env.stdout, l.T(msgFileAdded, f, ref))
	}
	return nil
}
