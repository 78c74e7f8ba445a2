package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"termbook/store"
	"termbook/ui/i18n"
)

var (
	msgUsagePlan       = i18n.Msg{Zh: "list | apply 模板 | copy [--from 学期] [--term 学期] [--add]    套用学期计划模板，或复制上学期的计划", En: "list | apply TEMPLATE | copy [--from TERM] [--term TERM] [--add]    lay a plan template, or last term's plan, onto a term"}
	msgFlagPlanFrom    = i18n.Msg{Zh: "从这个学期复制（默认为上一个学期）", En: "copy from this term (default: the term before)"}
	msgFlagPlanAdd     = i18n.Msg{Zh: "学期里已有活动时也添加", En: "add even when the term already has activities"}
	msgPlanWhat        = i18n.Msg{Zh: "用法：termbook plan list | apply 模板 | copy [--from 学期]", En: "Usage: termbook plan list | apply TEMPLATE | copy [--from TERM]"}
	msgPlanNoTemplate  = i18n.Msg{Zh: "没有名为“%s”的模板；可用：%s。", En: "There is no template \"%s\"; there are: %s."}
	msgPlanNotEmpty    = i18n.Msg{Zh: "“%s”已有 %d 项活动；确要再添加，请加 --add。", En: "%s already has %d activities; to add more anyway, use --add."}
	msgPlanNoPrevious  = i18n.Msg{Zh: "“%s”之前没有学期可复制；请用 --from 指定。", En: "There is no term before %s to copy from; name one with --from."}
	msgPlanSameTerm    = i18n.Msg{Zh: "不能把学期复制到它自己。", En: "A term cannot be copied onto itself."}
	msgPlanApplied     = i18n.Msg{Zh: "已在“%s”添加 %d 项活动（模板：%s）。", En: "%s: %d activities added (template: %s)."}
	msgPlanCopied      = i18n.Msg{Zh: "已从“%s”复制 %d 项活动到“%s”。", En: "From %s, %d activities copied to %s."}
	msgPlanSkipped     = i18n.Msg{Zh: "%d 项因本学期没有对应的周或月份而略过。", En: "%d were skipped: this term has no such week or month."}
	msgPlanRetired     = i18n.Msg{Zh: "%d 项的活动类型已停用，没有添加。", En: "%d were left out: their activity type is retired."}
	msgPlanPairSchools = i18n.Msg{Zh: "结对活动的参与学校：%s。", En: "Pairing activities name: %s."}
	msgPlanNoPair      = i18n.Msg{Zh: "未登记唯一的校际结对，结对活动暂未指定学校。", En: "There is no single school pairing, so the pairing activities name no schools yet."}
	msgPlanTemplate    = map[string]i18n.Msg{
		"research-office": {Zh: "教研室学期工作安排：每周教研活动，第3周公开课，第4周汇报课，第11周说课比赛，第16周过关课", En: "the research office's term plan: weekly research meeting, week 3 open lessons, week 4 report lessons, week 11 lesson-talk contest, week 16 qualifying lessons"},
		"school-pairing":  {Zh: "结对帮扶月度安排：10月至次年6月每月的结对活动", En: "the school pairing's monthly schedule, October to June"},
	}
)

// runPlan lays a plan onto a term: `termbook plan list`, `termbook plan apply NAME`,
// `termbook plan copy [--from TERM]`, each with [--term TERM] [--add].
func runPlan(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("plan")
	termName := fs.String("term", "", m.lang.T(msgFlagTerm))
	fromName := fs.String("from", "", m.lang.T(msgFlagPlanFrom))
	add := fs.Bool("add", false, m.lang.T(msgFlagPlanAdd))
	pos, err := m.parseArgs(fs, args, msgUsagePlan)
	if err != nil {
		return err
	}
	l := m.lang
	if len(pos) == 1 && pos[0] == "list" {
		for _, tp := range store.PlanTemplates() {
			fmt.Fprintf(m.env.stdout, "%-16s %s\n", tp.Name, l.T(msgPlanTemplate[tp.Name]))
		}
		return nil
	}
	if len(pos) == 0 || !(pos[0] == "apply" && len(pos) == 2 || pos[0] == "copy" && len(pos) == 1) {
		return errors.New(l.T(msgPlanWhat))
	}
	var tp store.PlanTemplate
	if pos[0] == "apply" {
		var ok bool
		if tp, ok = store.PlanTemplateNamed(pos[1]); !ok {
			return errors.New(l.T(msgPlanNoTemplate, pos[1], templateNames()))
		}
	}
	s, term, err := m.openTerm(ctx, store.Options{}, *termName)
	if err != nil {
		return err
	}
	defer s.Close()
	if !*add {
		acts, err := s.Activities(ctx, term.ID, store.Date{}, store.Date{})
		if err != nil {
			return errors.New(l.Error(err))
		}
		if len(acts) > 0 {
			return errors.New(l.T(msgPlanNotEmpty, term.Name, len(acts)))
		}
	}

	var res store.PlanResult
	if pos[0] == "apply" {
		var schools []string
		if pairs, err := s.SchoolPairs(ctx); err == nil && len(pairs) == 1 {
			schools = []string{pairs[0].SupportingID, pairs[0].SupportedID}
		}
		if res, err = s.ApplyTemplate(ctx, term.ID, tp, schools); err != nil {
			return errors.New(l.Error(err))
		}
		fmt.Fprintln(m.env.stdout, l.T(msgPlanApplied, term.Name, len(res.Created), tp.Name))
		if tp.Name == "school-pairing" {
			m.printPairSchools(ctx, s, schools)
		}
	} else {
		from, err := m.previousTerm(ctx, s, term, *fromName)
		if err != nil {
			return err
		}
		if res, err = s.CopyPlan(ctx, from.ID, term.ID); err != nil {
			return errors.New(l.Error(err))
		}
		fmt.Fprintln(m.env.stdout, l.T(msgPlanCopied, from.Name, len(res.Created), term.Name))
	}
	if res.Retired > 0 {
		fmt.Fprintln(m.env.stdout, l.T(msgPlanRetired, res.Retired))
	}
	if res.Skipped > 0 {
		fmt.Fprintln(m.env.stdout, l.T(msgPlanSkipped, res.Skipped))
	}
	return nil
}

func (m *Main) previousTerm(ctx context.Context, s *store.Store, term store.Term, name string) (store.Term, error) {
	if name != "" {
		from, err := m.term(ctx, s, name)
		if err == nil && from.ID == term.ID {
			return from, errors.New(m.lang.T(msgPlanSameTerm))
		}
		return from, err
	}
	from, err := s.PreviousTerm(ctx, term)
	if errors.Is(err, store.ErrNotFound) {
		return from, errors.New(m.lang.T(msgPlanNoPrevious, term.Name))
	}
	if err != nil {
		return from, errors.New(m.lang.Error(err))
	}
	return from, nil
}

func (m *Main) printPairSchools(ctx context.Context, s *store.Store, ids []string) {
	if len(ids) == 0 {
		fmt.Fprintln(m.env.stdout, m.lang.T(msgPlanNoPair))
		return
	}
	var names []string
	for _, id := range ids {
		if sc, err := s.School(ctx, id); err == nil {
			names = append(names, sc.Label())
		}
	}
	fmt.Fprintln(m.env.stdout, m.lang.T(msgPlanPairSchools, joinList(m.lang, names)))
}

func joinList(l i18n.Lang, items []string) string { return strings.Join(items, l.T(msgListSep)) }

func templateNames() string {
	var names []string
	for _, tp := range store.PlanTemplates() {
		names = append(names, tp.Name)
	}
	return joinList(i18n.En, names)
}
