package store

import (
	"context"
	"errors"
	"testing"
)

// A school renames and retires types, built-in ones too: old activities keep a retired type,
// new ones are refused it with the type's name, and the review still knows a renamed
// built-in by its code.
func TestActivityTypeRenameRetire(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	s := f.s
	salon, err := s.CreateActivityType(ctx, ActivityType{Name: "学术沙龙", NameEn: "Salon"})
	if err != nil {
		t.Fatal(err)
	}
	if !salon.Active {
		t.Error("a new type is not active")
	}
	old, err := s.CreateActivity(ctx, Activity{TermID: f.term.ID, TypeID: salon.ID, Title: "第一次沙龙", Sched: InWeek(3)})
	if err != nil {
		t.Fatal(err)
	}

	salon.Active = false
	if salon, err = s.UpdateActivityType(ctx, salon); err != nil {
		t.Fatal(err)
	}
	_, err = s.CreateActivity(ctx, Activity{TermID: f.term.ID, TypeID: salon.ID, Title: "第二次沙龙", Sched: InWeek(5)})
	wantField(t, err, "type", Retired)
	if ie := (*InvalidError)(nil); errors.As(err, &ie) && ie.Fields[0].Value != "学术沙龙" {
		t.Errorf("the refusal names %q, want the type's name", ie.Fields[0].Value)
	}
	// The old activity keeps its type through every change.
	if _, err := s.MarkDone(ctx, old.ID, MustDate("2026-09-16"), "12人参加"); err != nil {
		t.Errorf("marking an activity of a retired type done: %v", err)
	}
	got, err := s.Activity(ctx, old.ID)
	if err != nil {
		t.Fatal(err)
	}
	got.Title = "第一次学术沙龙"
	if _, err := s.UpdateActivity(ctx, got); err != nil {
		t.Errorf("editing an activity of a retired type: %v", err)
	}
	// But another activity cannot be moved onto it.
	other, err := s.CreateActivity(ctx, Activity{TermID: f.term.ID, TypeID: f.types[TypeLecture], Title: "讲座", Sched: InWeek(4)})
	if err != nil {
		t.Fatal(err)
	}
	other.TypeID = salon.ID
	_, err = s.UpdateActivity(ctx, other)
	wantField(t, err, "type", Retired)
	if count(t, s, "activities") != 2 {
		t.Errorf("%d activities, want the 2 made before the refusals", count(t, s, "activities"))
	}

	// A built-in type is renamed and retired too; it keeps its code.
	types, _ := s.ActivityTypes(ctx)
	var joint ActivityType
	for _, ty := range types {
		if ty.Code == TypeJointMeeting {
			joint = ty
		}
	}
	joint.Name, joint.NameEn, joint.Code = "两校联席会", "Joint council", "sneaky"
	joint, err = s.UpdateActivityType(ctx, joint)
	if err != nil || joint.Code != TypeJointMeeting {
		t.Fatalf("renaming a built-in: %+v, %v", joint, err)
	}
	if got, _ := s.ActivityType(ctx, joint.ID); got.Name != "两校联席会" || got.Code != TypeJointMeeting {
		t.Errorf("renamed built-in = %+v", got)
	}
	// Retired types are still listed (old activities name them), marked.
	types, _ = s.ActivityTypes(ctx)
	found := false
	for _, ty := range types {
		if ty.ID == salon.ID {
			found = !ty.Active
		}
	}
	if !found {
		t.Error("the retired type is not listed as retired")
	}
	// Reinstating it (the undo of retiring) offers it again.
	salon.Active = true
	if _, err := s.UpdateActivityType(ctx, salon); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateActivity(ctx, Activity{TermID: f.term.ID, TypeID: salon.ID, Title: "第二次沙龙", Sched: InWeek(5)}); err != nil {
		t.Errorf("an activity of the reinstated type: %v", err)
	}
}

func TestActivityTypeRefusals(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	s := f.s
	_, err := s.CreateActivityType(ctx, ActivityType{Name: "公开课"})
	wantField(t, err, "name", Duplicate)
	_, err = s.CreateActivityType(ctx, ActivityType{Name: "公开教学", NameEn: "open lesson"})
	wantField(t, err, "name_en", Duplicate)
	salon, err := s.CreateActivityType(ctx, ActivityType{Name: "学术沙龙"})
	if err != nil {
		t.Fatal(err)
	}
	sci, err := s.CreateActivityType(ctx, ActivityType{Name: "科技艺术节"})
	if err != nil {
		t.Fatal(err)
	}
	sci.Name = "学术沙龙"
	_, err = s.UpdateActivityType(ctx, sci)
	wantField(t, err, "name", Duplicate)
	if _, err := s.UpdateActivityType(ctx, ActivityType{Name: "x"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("UpdateActivityType without id: %v", err)
	}

	// Deleting: a built-in never, a used type not (retire it), an unused one of the school's yes.
	wantField(t, s.Delete(ctx, KindActivityType, f.types[TypeOther]), "type", IsBuiltin)
	a, err := s.CreateActivity(ctx, Activity{TermID: f.term.ID, TypeID: salon.ID, Title: "沙龙", Sched: InWeek(3)})
	if err != nil {
		t.Fatal(err)
	}
	// A deleted activity still counts: its undo must find its type.
	if err := s.Delete(ctx, KindActivity, a.ID); err != nil {
		t.Fatal(err)
	}
	wantField(t, s.Delete(ctx, KindActivityType, salon.ID), "type", InUse)
	if err := s.Delete(ctx, KindActivityType, sci.ID); err != nil {
		t.Fatal(err)
	}
	types, _ := s.ActivityTypes(ctx)
	for _, ty := range types {
		if ty.ID == sci.ID {
			t.Error("a deleted type is still listed")
		}
	}
	// While it is deleted its name is free; restoring it then would make two of a name.
	if _, err := s.CreateActivityType(ctx, ActivityType{Name: "科技艺术节"}); err != nil {
		t.Fatal(err)
	}
	wantField(t, s.Restore(ctx, KindActivityType, sci.ID), "name", Duplicate)
}

// A plan laid from a template or copied leaves out the items of a retired type.
func TestPlanSkipsRetiredTypes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	s := f.s
	talk, err := s.ActivityType(ctx, f.types[TypeTalkContest])
	if err != nil {
		t.Fatal(err)
	}
	talk.Active = false
	if _, err := s.UpdateActivityType(ctx, talk); err != nil {
		t.Fatal(err)
	}
	tp, _ := PlanTemplateNamed("research-office")
	res, err := s.ApplyTemplate(ctx, f.term.ID, tp, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Retired != 1 {
		t.Errorf("Retired = %d, want the 说课比赛", res.Retired)
	}
	for _, a := range res.Created {
		if a.TypeID == talk.ID {
			t.Errorf("created %q of the retired type", a.Title)
		}
	}
}
