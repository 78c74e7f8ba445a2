package store

import (
	"context"
	"errors"
	"testing"
)

func TestDefaultTargets(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	targets, err := f.s.Targets(ctx, f.term.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := DefaultTargets(f.term.ID)
	if len(targets) != len(want) {
		t.Fatalf("%d targets, want %d", len(targets), len(want))
	}
	for i, tg := range targets {
		w := want[i]
		if tg.Title != w.Title || tg.Metric != w.Metric || tg.Required != w.Required || tg.Per != w.Per || tg.Scope != w.Scope ||
			tg.Counts != w.Counts || tg.KindID != w.KindID || tg.TypeID != w.TypeID || tg.BothSchools != w.BothSchools {
			t.Errorf("target %d = %+v, want %+v", i, tg, w)
		}
		if err := tg.Validate(); err != nil {
			t.Errorf("default target %s does not validate: %v", tg.Title, err)
		}
	}
}

// TestTargetsRefused checks every way a target can be wrong: each is refused with the field
// named, and nothing is written.
func TestTargetsRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	s := f.s
	targets, _ := s.Targets(ctx, f.term.ID)
	joint := targets[6] // 联席会议 ≥ 2 a term
	ok := Target{TermID: f.term.ID, Title: "听课", Scope: ScopeTeacher, Counts: CountObservationsMade, Required: 10, Per: PerTerm}
	refusedWrites(t, s, "targets", ok, func(tg Target) error { _, err := s.CreateTarget(ctx, tg); return err }, []refusal[Target]{
		{"a quota of -1", func(t *Target) { t.Required = -1 }, "required", OutOfRange},
		{"a quota too large", func(t *Target) { t.Required = MaxRequired + 1 }, "required", OutOfRange},
		{"no title", func(t *Target) { t.Title = "  " }, "title", Required},
		{"an unknown period", func(t *Target) { t.Per = "week" }, "per", BadValue},
		{"an unknown scope", func(t *Target) { t.Scope = "district" }, "scope", BadValue},
		{"unknown counts", func(t *Target) { t.Counts = "smiles" }, "counts", BadValue},
		{"a weight of 101", func(t *Target) { t.Weight = 101 }, "weight", OutOfRange},
		{"a negative weight", func(t *Target) { t.Weight = -5 }, "weight", OutOfRange},
		{"making up a term quota", func(t *Target) { t.MakeUp = true }, "make_up", DoesNotFit},
		{"making up a yearly quota", func(t *Target) { t.MakeUp, t.Per = true, PerYear }, "make_up", DoesNotFit},
		{"an unknown activity type", func(t *Target) { t.Counts, t.TypeID = CountActivities, "nope" }, "type", Unknown},
		{"an unknown hand-in kind", func(t *Target) { t.Counts, t.KindID = CountHandins, "nope" }, "kind", Unknown},
		{"hand-ins of no kind", func(t *Target) { t.Counts = CountHandins }, "kind", Required},
		{"a kind for observations", func(t *Target) { t.KindID = BuiltinHandinKindID(KindLessonPlan) }, "kind", DoesNotFit},
		{"a type for observations", func(t *Target) { t.TypeID = f.types[TypeOpenLesson] }, "type", DoesNotFit},
		{"observations of a school pair", func(t *Target) { t.Scope = ScopeSchoolPair }, "counts", DoesNotFit},
		{"observing the mentor for a teacher", func(t *Target) { t.Counts = CountObservesMentor }, "counts", DoesNotFit},
		{"both schools for a teacher", func(t *Target) { t.Counts, t.BothSchools = CountActivities, true }, "both_schools", DoesNotFit},
		{"a pair target for a 职称", func(t *Target) { t.Scope, t.AppliesTo = ScopeMentorPair, "新任教师" }, "applies_to", DoesNotFit},
		{"a school pair target for mentors", func(t *Target) {
			t.Scope, t.Counts, t.AppliesTo = ScopeSchoolPair, CountActivities, RoleMentor
		}, "applies_to", DoesNotFit},
		{"an unknown term", func(t *Target) { t.TermID = "nope" }, "term", Unknown},
		{"a rule that exists", func(t *Target) {
			t.Title, t.Scope, t.Counts, t.TypeID = "联席会议", ScopeSchoolPair, CountActivities, joint.TypeID
		}, "title", Duplicate},
		// The pairs' five default targets and this one: 20 × 5 + 1 > 100.
		{"weights over 100", func(t *Target) {
			t.Scope, t.AppliesTo, t.Weight = ScopeMentorPair, RoleMentor, 1
			for _, x := range targets[:5] {
				x.Weight = 20
				if _, err := s.UpdateTarget(ctx, x); err != nil {
					panic(err)
				}
			}
		}, "weights", OutOfRange},
	})

	// An update is refused alike, and leaves the target as it was.
	joint.Required = -1
	_, err := s.UpdateTarget(ctx, joint)
	wantField(t, err, "required", OutOfRange)
	joint.Required, joint.Weight = 2, 101
	_, err = s.UpdateTarget(ctx, joint)
	wantField(t, err, "weight", OutOfRange)
	if got, _ := s.Target(ctx, joint.ID); got.Required != 2 || got.Weight != 0 {
		t.Errorf("after refused updates: %+v", got)
	}
	joint.Record.ID = "nope"
	joint.Weight = 0
	if _, err := s.UpdateTarget(ctx, joint); !errors.Is(err, ErrNotFound) {
		t.Errorf("UpdateTarget(nope): %v", err)
	}
}

func TestTargetRulesAndWeights(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	s := f.s
	// One rule for every teacher and a narrower one: the rule weighs as its heaviest target,
	// so 50 and 60 on one rule with 40 on reading notes is 100, allowed.
	for _, tg := range []Target{
		{Title: "听课", Required: 10, Weight: 50},
		{Title: "听课", AppliesTo: "新任教师", Required: 20, Weight: 60},
	} {
		tg.TermID, tg.Scope, tg.Counts, tg.Per = f.term.ID, ScopeTeacher, CountObservationsMade, PerTerm
		if _, err := s.CreateTarget(ctx, tg); err != nil {
			t.Fatal(err)
		}
	}
	targets, _ := s.Targets(ctx, f.term.ID)
	reading := targets[5]
	reading.Weight = 40
	if _, err := s.UpdateTarget(ctx, reading); err != nil {
		t.Fatalf("weights adding up to 100: %v", err)
	}
	reading.Weight = 41
	_, err := s.UpdateTarget(ctx, reading)
	wantField(t, err, "weights", OutOfRange)
	var ie *InvalidError
	if errors.As(err, &ie) && ie.Fields[0].Value != "101" {
		t.Errorf("the sum named is %q, want 101", ie.Fields[0].Value)
	}

	// Retire and bring back: a retired target frees its rule and its weight.
	narrow := targets[len(targets)-1]
	if narrow.AppliesTo != "新任教师" || narrow.Pos != len(targets) {
		t.Fatalf("the last target is %+v", narrow)
	}
	if err := s.Delete(ctx, KindTarget, narrow.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.Targets(ctx, f.term.ID); len(list) != len(targets)-1 {
		t.Errorf("%d targets after retiring one", len(list))
	}
	reading.Weight = 50
	if _, err := s.UpdateTarget(ctx, reading); err != nil {
		t.Errorf("with the heavier target retired: %v", err)
	}
	if retired, _ := s.RetiredTargets(ctx, f.term.ID); len(retired) != 1 || retired[0].ID != narrow.ID {
		t.Errorf("RetiredTargets() = %+v", retired)
	}
	// Brought back, it would weigh 60 beside reading notes' 50: refused, still retired.
	_, err = s.RestoreTarget(ctx, narrow.ID)
	wantField(t, err, "weights", OutOfRange)
	reading.Weight = 40
	if _, err := s.UpdateTarget(ctx, reading); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RestoreTarget(ctx, narrow.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Target(ctx, narrow.ID); got.Deleted() {
		t.Error("the target is still retired")
	}
	if _, err := s.RestoreTarget(ctx, narrow.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("restoring a live target: %v", err)
	}
}

// TestNewTermCopiesTargets checks that a term starts with the school's rules as the term
// before it left them, whichever way it is made.
func TestNewTermCopiesTargets(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	s := f.s
	targets, _ := s.Targets(ctx, f.term.ID)
	joint := targets[6]
	joint.Required, joint.Weight = 1, 30
	if _, err := s.UpdateTarget(ctx, joint); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete(ctx, KindTarget, targets[1].ID); err != nil { // 听师傅课 retired
		t.Fatal(err)
	}
	own, err := s.CreateTarget(ctx, Target{TermID: f.term.ID, Title: "听课", Scope: ScopeTeacher, AppliesTo: "新任教师",
		Counts: CountObservationsMade, Required: 20, Per: PerTerm})
	if err != nil {
		t.Fatal(err)
	}
	started, _, err := s.StartTerm(ctx, Term{Name: "2026—2027学年第二学期", Week1: MustDate("2027-02-22"), Weeks: 20}, "", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	created, err := s.CreateTerm(ctx, Term{Name: "2027—2028学年第一学期", Week1: MustDate("2027-08-30"), Weeks: 20})
	if err != nil {
		t.Fatal(err)
	}
	for _, term := range []Term{started, created} {
		got, _ := s.Targets(ctx, term.ID)
		if len(got) != len(targets) {
			t.Fatalf("%s has %d targets, want %d", term.Name, len(got), len(targets))
		}
		byTitle := map[string]Target{}
		for _, tg := range got {
			byTitle[tg.Title] = tg
			if tg.TermID != term.ID || tg.ID == "" {
				t.Errorf("%s: copied target %+v", term.Name, tg)
			}
		}
		if j := byTitle["联席会议"]; j.Required != 1 || j.Weight != 30 || j.ID == joint.ID {
			t.Errorf("%s: 联席会议 = %+v, want 1 a term weighing 30", term.Name, j)
		}
		if _, ok := byTitle["听师傅课"]; ok {
			t.Errorf("%s: the retired target came back", term.Name)
		}
		if o := byTitle["听课"]; o.AppliesTo != own.AppliesTo || o.Required != 20 {
			t.Errorf("%s: the school's own target = %+v", term.Name, o)
		}
	}
	// A term before every other starts from the defaults.
	first, err := s.CreateTerm(ctx, Term{Name: "2025—2026学年第二学期", Week1: MustDate("2026-02-23"), Weeks: 20})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Targets(ctx, first.ID); len(got) != len(DefaultTargets("")) || got[6].Required != 2 {
		t.Errorf("the earliest term's targets = %+v", got)
	}
}

func TestSchoolYear(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in   string
		want SchoolYear
		ok   bool
	}{
		{"2025-2026", 2025, true}, {"2025—2026", 2025, true}, {" 2025-2026学年 ", 2025, true},
		{"2025-2027", 0, false}, {"2025", 0, false}, {"二〇二五", 0, false},
	} {
		got, err := ParseSchoolYear(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseSchoolYear(%q) = %v, %v", tt.in, got, err)
		}
	}
	if y := SchoolYearOf(MustDate("2026-02-23")); y.String() != "2025-2026" || y.First() != MustDate("2025-08-01") || y.Last() != MustDate("2026-07-31") {
		t.Errorf("the school year of a spring day: %s %s..%s", y, y.First(), y.Last())
	}
	if y := (Term{Week1: MustDate("2026-08-31")}).SchoolYear(); y != 2026 {
		t.Errorf("an autumn term's year: %v", y)
	}
	ctx := context.Background()
	f := newFixture(t)
	if _, err := f.s.CreateTerm(ctx, Term{Name: "春", Week1: MustDate("2027-02-22"), Weeks: 20}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.CreateTerm(ctx, Term{Name: "下一年", Week1: MustDate("2027-08-30"), Weeks: 20}); err != nil {
		t.Fatal(err)
	}
	terms, err := f.s.TermsOfYear(ctx, 2026)
	if err != nil || len(terms) != 2 || terms[0].ID != f.term.ID || terms[1].Name != "春" {
		t.Errorf("TermsOfYear(2026-2027) = %+v, %v", terms, err)
	}
}
