package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"termbook/store"
	"termbook/ui/i18n"
)

var (
	msgUsageRubrics   = i18n.Msg{Zh: "[list|show|add|rename|subject|default|retire…] 名称 …    评课量表的维度、满分和评价要点：列出、查看、添加、改名、设为学科量表或默认量表、停用、恢复、删除。例如：add 说课评价表 --full 100 \"说教材:25:目标具体\" …", En: "[list|show|add|rename|subject|default|retire…] NAME …    rubrics with their dimensions, points and what earns them: list, show, add, rename, make a subject's or the default, retire, reinstate, delete. For example: add Talk --full 100 \"Content:25:clear aims\" …"}
	msgFlagFull       = i18n.Msg{Zh: "add 的满分：各维度满分之和必须等于它；维度写作 \"说教材:25:评价要点\"", En: "full marks for add: the dimensions' points must add up to it; a dimension is written \"Objectives:25:what earns them\""}
	msgFlagRubSubject = i18n.Msg{Zh: "这个学科的听课默认用它评分", En: "the subject whose observations it scores by default"}
	msgFlagRubDefault = i18n.Msg{Zh: "设为全校默认量表", En: "make it the school's default"}
	msgRubricsWhat    = i18n.Msg{Zh: "用法：termbook rubrics [list] | show 名称 | add 名称 \"维度:满分[:评价要点]\"… --full 满分 | rename | subject | default | retire | reinstate | delete 名称", En: "Usage: termbook rubrics [list] | show NAME | add NAME \"DIMENSION:POINTS[:WHAT EARNS THEM]\"… --full POINTS | rename | subject | default | retire | reinstate | delete NAME"}
	msgNoSuchRubric   = i18n.Msg{Zh: "没有名为“%s”的评课量表。", En: "There is no rubric named %s."}
	msgBadDimension   = i18n.Msg{Zh: "“%s”不是“维度:满分[:评价要点]”的写法，例如 \"说教材:25:目标具体、可检测\"。", En: "%s is not written DIMENSION:POINTS[:WHAT EARNS THEM], e.g. \"Objectives:25:clear and measurable\"."}
	msgRubricSaved    = i18n.Msg{Zh: "评课量表“%s”已保存（满分 %s，%d 个维度）。", En: "Rubric %s saved (%s points, %d dimensions)."}
	msgRubricRetired  = i18n.Msg{Zh: "评课量表“%s”已停用：已评的听课记录保留它，新的听课不再使用。", En: "Rubric %s is retired: observations scored with it keep it, new ones cannot take it."}
	msgRubricDeleted  = i18n.Msg{Zh: "已删除评课量表“%s”；已评的听课记录保留原来的量表。", En: "Rubric %s deleted; observations scored with it keep it."}
	msgColRubName     = i18n.Msg{Zh: "名称", En: "Name"}
	msgColRubSubject  = i18n.Msg{Zh: "学科", En: "Subject"}
	msgColRubFull     = i18n.Msg{Zh: "满分", En: "Points"}
	msgColRubDims     = i18n.Msg{Zh: "维度", En: "Dimensions"}
	msgColRubState    = i18n.Msg{Zh: "状态", En: "State"}
	msgRubDefault     = i18n.Msg{Zh: "默认", En: "default"}
	msgRubOff         = i18n.Msg{Zh: "已停用", En: "retired"}
	msgRubBandsLine   = i18n.Msg{Zh: "等级：%s", En: "Grades: %s"}
	msgRubBand        = i18n.Msg{Zh: "%s ≥%s%%", En: "%s ≥%s%%"}
	msgRubHead        = i18n.Msg{Zh: "%s（满分 %s）", En: "%s (%s points)"}
	msgRubForSubject  = i18n.Msg{Zh: "%s的听课默认用它评分。", En: "It scores %s observations by default."}
	msgColRubPoints   = i18n.Msg{Zh: "评价要点", En: "What earns the points"}
)

// runRubrics lists and edits the rubrics (评课量表); see msgUsageRubrics.
func runRubrics(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("rubrics")
	full := fs.Float64("full", 0, m.lang.T(msgFlagFull))
	subject := fs.String("subject", "", m.lang.T(msgFlagRubSubject))
	asDefault := fs.Bool("default", false, m.lang.T(msgFlagRubDefault))
	pos, err := m.parseArgs(fs, args, msgUsageRubrics)
	if err != nil {
		return err
	}
	l := m.lang
	verb, ok := verbOf(pos, map[string]int{"list": 1, "show": 2, "add": -3, "rename": 3, "subject": 3, "default": 2,
		"retire": 2, "reinstate": 2, "delete": 2})
	if !ok {
		return errors.New(l.T(msgRubricsWhat))
	}
	var spec store.RubricSpec
	if verb == "add" {
		if spec, err = m.dimensions(pos[2:]); err != nil {
			return err
		}
	}
	s, err := m.openExisting(ctx, store.Options{ReadOnly: verb == "list" || verb == "show"})
	if err != nil {
		return err
	}
	defer s.Close()
	rubrics, err := s.Rubrics(ctx)
	if err != nil {
		return errors.New(l.Error(err))
	}
	switch verb {
	case "list":
		tb := newTable(m.env.getenv)
		tb.add(l.T(msgColRubName), l.T(msgColRubSubject), l.T(msgColRubFull), l.T(msgColRubDims), l.T(msgColRubState))
		for _, r := range rubrics {
			var state []string
			if r.IsDefault {
				state = append(state, l.T(msgRubDefault))
			}
			if !r.Active {
				state = append(state, l.T(msgRubOff))
			}
			tb.add(r.Name, l.Subject(r.Subject), points(r.Full), strconv.Itoa(len(r.Spec.Dimensions)), strings.Join(state, " · "))
		}
		return tb.write(m.env.stdout)
	case "add":
		r, err := s.CreateRubric(ctx, store.Rubric{Name: pos[1], Subject: *subject, Full: *full, IsDefault: *asDefault, Spec: spec})
		if err != nil {
			return errors.New(l.Error(err))
		}
		fmt.Fprintln(m.env.stdout, l.T(msgRubricSaved, r.Name, points(r.Full), len(r.Spec.Dimensions)))
		return nil
	}
	r, ok := rubricNamed(rubrics, pos[1])
	if !ok {
		return errors.New(l.T(msgNoSuchRubric, pos[1]))
	}
	done := l.T(msgRubricSaved, r.Name, points(r.Full), len(r.Spec.Dimensions))
	switch verb {
	case "show":
		m.showRubric(r)
		return nil
	case "delete":
		if err := s.Delete(ctx, store.KindRubric, r.ID); err != nil {
			return errors.New(l.Error(err))
		}
		fmt.Fprintln(m.env.stdout, l.T(msgRubricDeleted, r.Name))
		return nil
	case "rename":
		r.Name = pos[2]
		done = l.T(msgRubricSaved, r.Name, points(r.Full), len(r.Spec.Dimensions))
	case "subject":
		r.Subject = pos[2]
	case "default":
		r.IsDefault = true
	case "retire":
		r.Active, done = false, l.T(msgRubricRetired, r.Name)
	case "reinstate":
		r.Active = true
	}
	if _, err := s.UpdateRubric(ctx, r); err != nil {
		return errors.New(l.Error(err))
	}
	fmt.Fprintln(m.env.stdout, done)
	return nil
}

// dimensions reads "说教材:25:目标具体" arguments (a full-width colon does as well) into a
// spec with the default grade bands.
func (m *Main) dimensions(args []string) (store.RubricSpec, error) {
	spec := store.RubricSpec{Bands: store.DefaultRubricSpec().Bands}
	for _, a := range args {
		parts := strings.SplitN(strings.ReplaceAll(a, "：", ":"), ":", 3)
		if len(parts) < 2 {
			return spec, errors.New(m.lang.T(msgBadDimension, a))
		}
		max, err := strconv.ParseFloat(strings.TrimSpace(parts[1]), 64)
		if err != nil {
			return spec, errors.New(m.lang.T(msgBadDimension, a))
		}
		d := store.Dimension{Name: strings.TrimSpace(parts[0]), Max: max}
		if len(parts) == 3 {
			d.Points = strings.TrimSpace(parts[2])
		}
		spec.Dimensions = append(spec.Dimensions, d)
	}
	return spec, nil
}

// showRubric prints a rubric's dimensions with their points and 评价要点, and its grades.
func (m *Main) showRubric(r store.Rubric) {
	l := m.lang
	tb := newTable(m.env.getenv)
	tb.add(l.T(msgColRubDims), l.T(msgColRubFull), l.T(msgColRubPoints))
	for _, d := range r.Spec.Dimensions {
		tb.add(d.Name, points(d.Max), d.Points)
	}
	fmt.Fprintln(m.env.stdout, l.T(msgRubHead, r.Name, points(r.Full)))
	if r.Subject != "" {
		fmt.Fprintln(m.env.stdout, l.T(msgRubForSubject, l.Subject(r.Subject)))
	}
	fmt.Fprintln(m.env.stdout)
	tb.write(m.env.stdout)
	var bands []string
	for _, b := range r.Spec.Bands {
		bands = append(bands, l.T(msgRubBand, b.Grade, points(b.Min)))
	}
	fmt.Fprintln(m.env.stdout)
	fmt.Fprintln(m.env.stdout, l.T(msgRubBandsLine, strings.Join(bands, "  ")))
}

func rubricNamed(rubrics []store.Rubric, name string) (store.Rubric, bool) {
	for _, r := range rubrics {
		if r.Name == strings.TrimSpace(name) {
			return r, true
		}
	}
	return store.Rubric{}, false
}

// points writes a number of points without a needless ".0".
func points(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
