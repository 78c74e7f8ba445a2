package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"termbook/store"
	"termbook/ui/i18n"
	"termbook/ui/quickadd"
)

var (
	msgUsageAdd = i18n.Msg{Zh: `"<一行活动>"    添加一项活动，如 "w3 公开课 语文 《春》 张三 周二 14:00"`,
		En: `"<quick add text>"    add an activity, e.g. "w3 open-lesson math Fractions zs tue 14:00"`}
	msgNeedText = i18n.Msg{Zh: `请写出要添加的活动，例如：termbook add "w3 公开课 语文 《春》 张三 周二 14:00"。`, En: `Say what to add, for example: termbook add "w3 open-lesson math Fractions zs tue 14:00".`}
	msgAdded    = i18n.Msg{Zh: "已添加：%s", En: "Added: %s"}
)

// runAdd adds one activity from a quick-add line: `termbook add "w3 公开课 语文 《春》 张三"`.
// The words may also come unquoted, as separate arguments.
func runAdd(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("add")
	words, err := m.parseArgs(fs, args, msgUsageAdd)
	if err != nil {
		return err
	}
	text := strings.Join(words, " ")
	if strings.TrimSpace(text) == "" {
		return errors.New(m.lang.T(msgNeedText))
	}
	s, err := m.openExisting(ctx, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	bk, err := m.loadBook(ctx, s)
	if err != nil {
		return err
	}
	var active []store.Teacher
	for _, t := range bk.teacherList {
		if t.Active {
			active = append(active, t)
		}
	}
	today := m.today()
	a, err := quickadd.Parse(text, quickadd.Context{
		Term: bk.term, Today: today, Teachers: active, Schools: bk.schoolList, Types: bk.typeList,
	})
	var qe *quickadd.Error
	if errors.As(err, &qe) {
		return errors.New(qe.Message(m.lang))
	}
	if err != nil {
		return errors.New(m.lang.Error(err))
	}
	if a, err = s.CreateActivity(ctx, a); err != nil {
		return errors.New(m.lang.Error(err))
	}
	words = words[:0]
	for _, c := range bk.cells(m.lang, a, today, false)[:7] {
		if c != "" {
			words = append(words, c)
		}
	}
	fmt.Fprintln(m.env.stdout, m.lang.T(msgAdded, strings.Join(words, "  ")))
	return nil
}
