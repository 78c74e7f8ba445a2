package store

import (
	"context"
	"testing"
)

func TestSmoke(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, t.TempDir()+"/x.db", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	term, err := s.CreateTerm(ctx, Term{Name: "t", Week1: MustDate("2026-08-31"), Weeks: 20})
	if err != nil {
		t.Fatal(err)
	}
	sc, err := s.CreateSchool(ctx, School{Name: "一小"})
	if err != nil {
		t.Fatal(err)
	}
	te, err := s.CreateTeacher(ctx, Teacher{SchoolID: sc.ID, Name: "张三"})
	if err != nil {
		t.Fatal(err)
	}
	types, _ := s.ActivityTypes(ctx)
	a, err := s.CreateActivity(ctx, Activity{TermID: term.ID, TypeID: types[2].ID, Title: "春", HostID: te.ID, Sched: InWeek(3), SchoolIDs: []string{sc.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Postpone(ctx, a.ID, InWeek(4), "雨"); err != nil {
		t.Fatal(err)
	}
	got, err := s.Activity(ctx, a.ID)
	if err != nil || len(got.Moves) != 1 || got.Sched.Week != 4 {
		t.Fatalf("%+v %v", got, err)
	}
	o, err := s.CreateObservation(ctx, Observation{TermID: term.ID, SchoolID: sc.ID, TeacherID: te.ID, ObserverID: te.ID, On: MustDate("2026-09-15"), Scores: []float64{10, 15, 15, 20, 15, 15, 0}, FollowUp: FollowUp{Action: "x"}})
	if err != nil {
		t.Fatal(err)
	}
	if o.Total != 90 || o.Grade != "优" || o.Week != 3 {
		t.Fatalf("%v %v %v", o.Total, o.Grade, o.Week)
	}
}

func TestBackupTo(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := Open(ctx, dir+"/x.db", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.CreateSchool(ctx, School{Name: "一小"}); err != nil {
		t.Fatal(err)
	}
	if err := s.BackupTo(ctx, dir+"/copy.db"); err != nil {
		t.Fatal(err)
	}
	c, err := Open(ctx, dir+"/copy.db", Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	got, err := c.Schools(ctx)
	if err != nil || len(got) != 1 || got[0].Name != "一小" {
		t.Fatalf("copy has %+v, %v", got, err)
	}
}
