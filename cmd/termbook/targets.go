package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"termbook/store"
	"termbook/ui/i18n"
	"termbook/ui/report"
)

var (
	msgUsageTargets = i18n.Msg{
		Zh: "list|set|add|retire|restore [名称] [--term 学期]    考核细则：各项指标的要求、周期、适用对象、补足和权重",
		En: "list|set|add|retire|restore [NAME] [--term TERM]    the review's rules: each target's quota, period, whom it applies to, making up and weight"}
	msgTargetsWhat   = i18n.Msg{Zh: "用法：termbook targets list | set 名称 [--quota N] [--per 周期] … | add 名称 --counts 统计内容 --quota N … | retire 名称 | restore 名称", En: "Usage: termbook targets list | set NAME [--quota N] [--per PERIOD] … | add NAME --counts WHAT --quota N … | retire NAME | restore NAME"}
	msgFlagQuota     = i18n.Msg{Zh: "每个周期要求的数量", En: "how many each period asks for"}
	msgFlagPer       = i18n.Msg{Zh: "周期：每学期、每学年、每月、每两周（term、year、month、two-weeks）", En: "period: term, year, month, two-weeks (每学期, 每学年, 每月, 每两周)"}
	msgFlagFor       = i18n.Msg{Zh: "适用对象：师傅、徒弟，或某一职称、职务、荣誉（如 新任教师、行政）；师徒结对的指标写计谁的记录（师傅或徒弟）", En: "whom it applies to: mentor, mentee, or a rank, post or honour (新任教师, 行政); for a mentor pair, whose records count (mentor or mentee)"}
	msgFlagScope     = i18n.Msg{Zh: "对象：师徒结对、教师、校际结对（pair、teacher、school-pair）", En: "for: pair, teacher or school-pair (师徒结对, 教师, 校际结对)"}
	msgFlagCounts    = i18n.Msg{Zh: "统计内容：听课、上课被听、听师傅课、指导、材料（配 --kind）、活动（可配 --type）", En: "what is counted: observed, observed-by, observes-mentor, guidance, handins (with --kind), activities (--type optional)"}
	msgFlagTKind     = i18n.Msg{Zh: "统计哪类材料", En: "which kind of hand-in"}
	msgFlagTType     = i18n.Msg{Zh: "统计哪类活动（不写为任何类型）", En: "which activity type (none: any type)"}
	msgFlagMakeUp    = i18n.Msg{Zh: "允许补足（补听）：yes 或 no", En: "allow making up: yes or no"}
	msgFlagWeight    = i18n.Msg{Zh: "权重（0–100，计入得分）", En: "weight in the score (0–100)"}
	msgFlagBoth      = i18n.Msg{Zh: "活动须两校都参加：yes 或 no", En: "activities must name both schools: yes or no"}
	msgFlagNewTitle  = i18n.Msg{Zh: "改名为", En: "rename to"}
	msgNoTarget      = i18n.Msg{Zh: "“%s”没有名为“%s”的考核指标；现有：%s。", En: `%s has no target "%s"; there are: %s.`}
	msgManyTargets   = i18n.Msg{Zh: "“%s”有几条：%s；请用 --for 或 --scope 指定是哪一条。", En: `There are several "%s": %s; say which with --for or --scope.`}
	msgNoRetired     = i18n.Msg{Zh: "“%s”没有停用的“%s”。", En: `%s has no retired target "%s".`}
	msgBadNumber     = i18n.Msg{Zh: "--%s 要写一个整数（现在是“%s”）。", En: `--%s needs a whole number (it is "%s").`}
	msgBadYesNo      = i18n.Msg{Zh: "--%s 要写 yes 或 no（现在是“%s”）。", En: `--%s needs yes or no (it is "%s").`}
	msgBadPer        = i18n.Msg{Zh: "周期“%s”无效：请用 每学期、每学年、每月 或 每两周。", En: `"%s" is not a period: use term, year, month or two-weeks.`}
	msgBadScope      = i18n.Msg{Zh: "对象“%s”无效：请用 师徒结对、教师 或 校际结对。", En: `"%s" is not whom a target is for: use pair, teacher or school-pair.`}
	msgBadCounts     = i18n.Msg{Zh: "统计内容“%s”无效：请用 听课、上课被听、听师傅课、指导、材料 或 活动。", En: `"%s" is not what a target counts: use observed, observed-by, observes-mentor, guidance, handins or activities.`}
	msgNoType        = i18n.Msg{Zh: "没有“%s”这种活动类型；可用：%s。", En: `There is no activity type "%s"; there are: %s.`}
	msgNeedCounts    = i18n.Msg{Zh: "新指标“%s”要写明统计什么（--counts）和要求数量（--quota）。", En: `The new target "%s" needs what it counts (--counts) and its quota (--quota).`}
	msgNeedQuota     = i18n.Msg{Zh: "请用 --quota 写出“%s”的要求数量。", En: `Give the quota of "%s" with --quota.`}
	msgNothingToSet  = i18n.Msg{Zh: "没有要修改的内容：请写 --quota、--per、--for、--make-up、--weight 等。", En: "Nothing to change: give --quota, --per, --for, --make-up, --weight …"}
	msgTargetSet     = i18n.Msg{Zh: "已修改：%s", En: "Changed: %s"}
	msgTargetAdded   = i18n.Msg{Zh: "已添加：%s", En: "Added: %s"}
	msgTargetRetired = i18n.Msg{Zh: "已停用：%s（termbook targets restore 可恢复）", En: "Retired: %s (termbook targets restore brings it back)"}
	msgTargetBack    = i18n.Msg{Zh: "已恢复：%s", En: "Restored: %s"}
	msgTargetsHead   = i18n.Msg{Zh: "%s 考核细则：%d 项", En: "%s rules: %d targets"}
	msgTargetsCols   = i18n.Msg{Zh: "指标|对象|适用|统计|要求|补足|权重", En: "Target|For|Applies to|Counts|Quota|Making up|Weight"}
	msgTargetLine    = i18n.Msg{Zh: "%s（%s，%s）%s ≥%d", En: "%s (%s, %s) %s ≥%d"}
	msgWeightSum     = i18n.Msg{Zh: "权重合计：师徒结对 %d，教师 %d，校际结对 %d（满分 100；不足 100 时按比例折算）。", En: "Weights: mentor pairs %d, teachers %d, school pairs %d (out of 100; a smaller sum is scaled to 100)."}
	msgYes           = i18n.Msg{Zh: "允许", En: "yes"}
)

// The words each target flag may be written in, in either language.
var (
	perWords = map[string]store.Per{
		"term": store.PerTerm, "学期": store.PerTerm, "每学期": store.PerTerm,
		"year": store.PerYear, "学年": store.PerYear, "每学年": store.PerYear, "每年": store.PerYear,
		"month": store.PerMonth, "月": store.PerMonth, "每月": store.PerMonth,
		"two-weeks": store.PerTwoWeeks, "two_weeks": store.PerTwoWeeks, "fortnight": store.PerTwoWeeks,
		"两周": store.PerTwoWeeks, "每两周": store.PerTwoWeeks,
	}
	scopeWords = map[string]store.Scope{
		"pair": store.ScopeMentorPair, "mentor-pair": store.ScopeMentorPair, "师徒": store.ScopeMentorPair, "师徒结对": store.ScopeMentorPair,
		"teacher": store.ScopeTeacher, "教师": store.ScopeTeacher,
		"school-pair": store.ScopeSchoolPair, "校际": store.ScopeSchoolPair, "校际结对": store.ScopeSchoolPair, "学校": store.ScopeSchoolPair,
	}
	countsWords = map[string]store.Measure{
		"observed": store.CountObservationsMade, "听课": store.CountObservationsMade,
		"observed-by": store.CountObservationsReceived, "被听课": store.CountObservationsReceived, "上课被听": store.CountObservationsReceived,
		"observes-mentor": store.CountObservesMentor, "听师傅课": store.CountObservesMentor,
		"guidance": store.CountGuidance, "指导": store.CountGuidance, "指导记录": store.CountGuidance,
		"handins": store.CountHandins, "hand-ins": store.CountHandins, "材料": store.CountHandins, "交材料": store.CountHandins,
		"activities": store.CountActivities, "活动": store.CountActivities,
	}
	forWords = map[string]string{
		"": "", "all": "", "everyone": "", "全体": "", "全体教师": "", "所有": "",
		"mentor": store.RoleMentor, "mentors": store.RoleMentor, "师傅": store.RoleMentor,
		"mentee": store.RoleMentee, "mentees": store.RoleMentee, "徒弟": store.RoleMentee,
	}
)

// targetFlags are the flags of the targets subcommands; "" is a flag not given.
type targetFlags struct {
	quota, per, forWho, scope, counts, kind, typ, makeUp, weight, both, title *string
}

// runTargets edits the school's rules for the review: `termbook targets list|set|add|retire|
// restore …`. Every change is one transaction; a wrong value is refused with one sentence and
// nothing is written.
func runTargets(ctx context.Context, m *Main, args []string) error {
	fs := m.flagSet("targets")
	termName := fs.String("term", "", m.lang.T(msgFlagTerm))
	f := targetFlags{
		quota: fs.String("quota", "", m.lang.T(msgFlagQuota)), per: fs.String("per", "", m.lang.T(msgFlagPer)),
		forWho: fs.String("for", "", m.lang.T(msgFlagFor)), scope: fs.String("scope", "", m.lang.T(msgFlagScope)),
		counts: fs.String("counts", "", m.lang.T(msgFlagCounts)), kind: fs.String("kind", "", m.lang.T(msgFlagTKind)),
		typ: fs.String("type", "", m.lang.T(msgFlagTType)), makeUp: fs.String("make-up", "", m.lang.T(msgFlagMakeUp)),
		weight: fs.String("weight", "", m.lang.T(msgFlagWeight)), both: fs.String("both-schools", "", m.lang.T(msgFlagBoth)),
		title: fs.String("title", "", m.lang.T(msgFlagNewTitle)),
	}
	pos, err := m.parseArgs(fs, args, msgUsageTargets)
	if err != nil {
		return err
	}
	if len(pos) == 0 || pos[0] == "list" && len(pos) != 1 || pos[0] != "list" && len(pos) != 2 {
		return errors.New(m.lang.T(msgTargetsWhat))
	}
	s, term, err := m.openTerm(ctx, store.Options{ReadOnly: pos[0] == "list"}, *termName)
	if err != nil {
		return err
	}
	defer s.Close()
	r := &rules{m: m, s: s, term: term}
	if err := r.load(ctx); err != nil {
		return err
	}
	switch pos[0] {
	case "list":
		return r.list()
	case "set":
		return r.set(ctx, pos[1], f)
	case "add":
		return r.add(ctx, pos[1], f)
	case "retire":
		return r.retire(ctx, pos[1], f)
	case "restore":
		return r.restore(ctx, pos[1], f)
	}
	return errors.New(m.lang.T(msgTargetsWhat))
}

// rules is a term's targets with what they name, for the targets command.
type rules struct {
	m       *Main
	s       *store.Store
	term    store.Term
	targets []store.Target
	types   []store.ActivityType
	kinds   []store.HandinKind
}

func (r *rules) load(ctx context.Context) error {
	var err error
	if r.targets, err = r.s.Targets(ctx, r.term.ID); err == nil {
		if r.types, err = r.s.ActivityTypes(ctx); err == nil {
			r.kinds, err = r.s.HandinKinds(ctx)
		}
	}
	if err != nil {
		return errors.New(r.m.lang.Error(err))
	}
	return nil
}

// describe is a target in a line: 交教案（师徒结对，计徒弟的）每学期 ≥3.
func (r *rules) describe(t store.Target) string {
	l := r.m.lang
	return l.T(msgTargetLine, report.TargetName(l, t), l.ScopeName(t.Scope), r.appliesTo(t), report.PerName(l, t.Per), t.Required)
}

// appliesTo says whom a target applies to, or for a pair whose records it counts.
func (r *rules) appliesTo(t store.Target) string { return r.m.lang.AppliesTo(t) }

// countsText says what a target counts: 听课, 材料：教案, 活动：联席会议（两校参加）.
func (r *rules) countsText(t store.Target) string { return r.m.lang.Counts(t, r.kinds, r.types) }

func (r *rules) list() error {
	l, out := r.m.lang, r.m.env.stdout
	fmt.Fprintln(out, l.T(msgTargetsHead, r.term.Name, len(r.targets)))
	tb := newTable(r.m.env.getenv)
	tb.add(strings.Split(l.T(msgTargetsCols), "|")...)
	sums := map[store.Scope]map[string]int{}
	for _, t := range r.targets {
		makeUp, weight := "", ""
		if t.MakeUp {
			makeUp = l.T(msgYes)
		}
		if t.Weight > 0 {
			weight = strconv.Itoa(t.Weight)
		}
		tb.add(report.TargetName(l, t), l.ScopeName(t.Scope), r.appliesTo(t), r.countsText(t),
			fmt.Sprintf("≥%d %s", t.Required, report.PerName(l, t.Per)), makeUp, weight)
		if sums[t.Scope] == nil {
			sums[t.Scope] = map[string]int{}
		}
		sums[t.Scope][t.Title] = max(sums[t.Scope][t.Title], t.Weight)
	}
	if err := tb.write(out); err != nil {
		return err
	}
	total := func(sc store.Scope) int {
		n := 0
		for _, w := range sums[sc] {
			n += w
		}
		return n
	}
	fmt.Fprintln(out, l.T(msgWeightSum, total(store.ScopeMentorPair), total(store.ScopeTeacher), total(store.ScopeSchoolPair)))
	return nil
}

// find picks the target a name (its title, its English name or its built-in code) and the
// --for and --scope flags mean, among list.
func (r *rules) find(list []store.Target, name string, f targetFlags, missing i18n.Msg) (store.Target, error) {
	l := r.m.lang
	var found []store.Target
	for _, t := range list {
		if strings.EqualFold(t.Title, name) || strings.EqualFold(report.TargetName(i18n.En, t), name) || string(t.Metric) == name && name != "" {
			found = append(found, t)
		}
	}
	if *f.scope != "" {
		sc, err := r.scope(*f.scope)
		if err != nil {
			return store.Target{}, err
		}
		found = filter(found, func(t store.Target) bool { return t.Scope == sc })
	}
	if *f.forWho != "" || len(found) > 1 {
		who := r.forWho(*f.forWho)
		if narrowed := filter(found, func(t store.Target) bool { return t.AppliesTo == who }); len(narrowed) > 0 || *f.forWho != "" {
			found = narrowed
		}
	}
	// The latest of several retired alike is the one to bring back.
	seen := map[[2]string]bool{}
	found = filter(found, func(t store.Target) bool {
		k := [2]string{string(t.Scope), t.AppliesTo}
		dup := seen[k]
		seen[k] = true
		return !dup
	})
	switch len(found) {
	case 0:
		if missing == msgNoRetired {
			return store.Target{}, errors.New(l.T(missing, r.term.Name, name))
		}
		var names []string
		seen := map[string]bool{}
		for _, t := range r.targets {
			if n := report.TargetName(l, t); !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
		}
		return store.Target{}, errors.New(l.T(missing, r.term.Name, name, strings.Join(names, l.T(msgListSep))))
	case 1:
		return found[0], nil
	}
	var which []string
	for _, t := range found {
		which = append(which, l.ScopeName(t.Scope)+" "+r.appliesTo(t))
	}
	return store.Target{}, errors.New(l.T(msgManyTargets, name, strings.Join(which, l.T(msgListSep))))
}

func filter(list []store.Target, keep func(store.Target) bool) []store.Target {
	var out []store.Target
	for _, t := range list {
		if keep(t) {
			out = append(out, t)
		}
	}
	return out
}

func (r *rules) scope(word string) (store.Scope, error) {
	if sc, ok := scopeWords[strings.ToLower(strings.TrimSpace(word))]; ok {
		return sc, nil
	}
	return "", errors.New(r.m.lang.T(msgBadScope, word))
}

// forWho reads --for: a role, everybody, or a 职称, 职务 or 荣誉 as written.
func (r *rules) forWho(word string) string {
	w := strings.TrimSpace(word)
	if who, ok := forWords[strings.ToLower(w)]; ok {
		return who
	}
	return w
}

// apply sets on t the fields the flags give and reports whether any was given.
func (r *rules) apply(t *store.Target, f targetFlags) (bool, error) {
	l := r.m.lang
	changed := false
	num := func(name, v string, into *int) error {
		if v == "" {
			return nil
		}
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return errors.New(l.T(msgBadNumber, name, v))
		}
		*into, changed = n, true
		return nil
	}
	yesNo := func(name, v string, into *bool) error {
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "":
			return nil
		case "yes", "y", "true", "是", "允许":
			*into = true
		case "no", "n", "false", "否", "不允许":
			*into = false
		default:
			return errors.New(l.T(msgBadYesNo, name, v))
		}
		changed = true
		return nil
	}
	if err := num("quota", *f.quota, &t.Required); err != nil {
		return false, err
	}
	if err := num("weight", *f.weight, &t.Weight); err != nil {
		return false, err
	}
	if err := yesNo("make-up", *f.makeUp, &t.MakeUp); err != nil {
		return false, err
	}
	if err := yesNo("both-schools", *f.both, &t.BothSchools); err != nil {
		return false, err
	}
	if *f.per != "" {
		p, ok := perWords[strings.ToLower(strings.TrimSpace(*f.per))]
		if !ok {
			return false, errors.New(l.T(msgBadPer, *f.per))
		}
		t.Per, changed = p, true
	}
	if *f.title != "" {
		t.Title, changed = strings.TrimSpace(*f.title), true
		t.Metric = "" // renamed, it is the school's own
	}
	if *f.kind != "" {
		k, ok := store.FindHandinKind(r.kinds, *f.kind)
		if !ok {
			return false, errors.New(l.T(msgNoKind, *f.kind, nameList(l, r.kinds, l.KindName)))
		}
		t.KindID, changed = k.ID, true
	}
	if *f.typ != "" {
		ty, ok := findType(r.types, *f.typ)
		if !ok {
			return false, errors.New(l.T(msgNoType, *f.typ, nameList(l, r.types, l.TypeName)))
		}
		t.TypeID, changed = ty.ID, true
	}
	return changed, nil
}

// nameList names each of list, as "教案、读书笔记、…".
func nameList[T any](l i18n.Lang, list []T, name func(T) string) string {
	names := make([]string, len(list))
	for i, x := range list {
		names[i] = name(x)
	}
	return strings.Join(names, l.T(msgListSep))
}

// findType finds the activity type a word names: its Chinese or English name or its code.
func findType(types []store.ActivityType, word string) (store.ActivityType, bool) {
	w := strings.ToLower(strings.TrimSpace(word))
	for _, ty := range types {
		if w != "" && (w == strings.ToLower(ty.Name) || w == strings.ToLower(ty.NameEn) || ty.Code != "" && (w == ty.Code || w == strings.ReplaceAll(ty.Code, "_", "-"))) {
			return ty, true
		}
	}
	return store.ActivityType{}, false
}

// set changes one target: `targets set NAME [--for X] --quota N …`.
func (r *rules) set(ctx context.Context, name string, f targetFlags) error {
	l := r.m.lang
	t, err := r.find(r.targets, name, f, msgNoTarget)
	if err != nil {
		return err
	}
	// --for names the target here; it is not changed.
	changed, err := r.apply(&t, f)
	if err != nil {
		return err
	}
	if !changed {
		return errors.New(l.T(msgNothingToSet))
	}
	if t, err = r.s.UpdateTarget(ctx, t); err != nil {
		return errors.New(l.Error(err))
	}
	fmt.Fprintln(r.m.env.stdout, l.T(msgTargetSet, r.describe(t)))
	return nil
}

// add adds a target: a new rule (`--counts` says what it counts), or, for a title that
// exists, the same rule for another group (`targets add 听课 --for 新任教师 --quota 20`).
func (r *rules) add(ctx context.Context, name string, f targetFlags) error {
	l := r.m.lang
	t := store.Target{TermID: r.term.ID, Title: strings.TrimSpace(name), Per: store.PerTerm, Scope: store.ScopeTeacher}
	base := filter(r.targets, func(x store.Target) bool {
		return strings.EqualFold(x.Title, name) || strings.EqualFold(report.TargetName(i18n.En, x), name)
	})
	if *f.scope != "" {
		sc, err := r.scope(*f.scope)
		if err != nil {
			return err
		}
		base = filter(base, func(x store.Target) bool { return x.Scope == sc })
		t.Scope = sc
	}
	switch {
	case *f.counts != "":
		c, ok := countsWords[strings.ToLower(strings.TrimSpace(*f.counts))]
		if !ok {
			return errors.New(l.T(msgBadCounts, *f.counts))
		}
		t.Counts = c
		if t.Scope == store.ScopeMentorPair {
			t.AppliesTo = store.RoleMentee
		}
	case len(base) > 0:
		// Another group's target of a rule that exists: it counts what the rule counts.
		b := base[0]
		t = store.Target{TermID: r.term.ID, Title: b.Title, Metric: b.Metric, Scope: b.Scope, AppliesTo: b.AppliesTo,
			Counts: b.Counts, TypeID: b.TypeID, KindID: b.KindID, BothSchools: b.BothSchools, Per: b.Per, MakeUp: b.MakeUp, Weight: b.Weight}
	default:
		return errors.New(l.T(msgNeedCounts, name))
	}
	if *f.quota == "" {
		return errors.New(l.T(msgNeedQuota, name))
	}
	if *f.forWho != "" {
		t.AppliesTo = r.forWho(*f.forWho)
	}
	if _, err := r.apply(&t, f); err != nil {
		return err
	}
	t, err := r.s.CreateTarget(ctx, t)
	if err != nil {
		return errors.New(l.Error(err))
	}
	fmt.Fprintln(r.m.env.stdout, l.T(msgTargetAdded, r.describe(t)))
	return nil
}

// retire retires a target (softly: restore brings it back).
func (r *rules) retire(ctx context.Context, name string, f targetFlags) error {
	l := r.m.lang
	t, err := r.find(r.targets, name, f, msgNoTarget)
	if err != nil {
		return err
	}
	if err := r.s.Delete(ctx, store.KindTarget, t.ID); err != nil {
		return errors.New(l.Error(err))
	}
	fmt.Fprintln(r.m.env.stdout, l.T(msgTargetRetired, r.describe(t)))
	return nil
}

// restore brings back the latest retired target of that name.
func (r *rules) restore(ctx context.Context, name string, f targetFlags) error {
	l := r.m.lang
	retired, err := r.s.RetiredTargets(ctx, r.term.ID)
	if err != nil {
		return errors.New(l.Error(err))
	}
	t, err := r.find(retired, name, f, msgNoRetired)
	if err != nil {
		return err
	}
	if t, err = r.s.RestoreTarget(ctx, t.ID); err != nil {
		return errors.New(l.Error(err))
	}
	fmt.Fprintln(r.m.env.stdout, l.T(msgTargetBack, r.describe(t)))
	return nil
}
