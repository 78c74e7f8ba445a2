package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"termbook/store"
	"termbook/store/storetest"
)

func TestPlanCommand(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 9, 10, 10, 0, 0, 0, time.Local)
	db := filepath.Join(t.TempDir(), "p.db")
	s := openDB(t, db, store.Options{})
	last, _ := s.CreateTerm(ctx, store.Term{Name: "上学期", Week1: storetest.Date("2026-02-23"), Weeks: 19})
	s.CreateTerm(ctx, store.Term{Name: "本学期", Week1: storetest.Date("2026-08-31"), Weeks: 20})
	a, _ := s.CreateSchool(ctx, store.School{Name: "一小"})
	b, _ := s.CreateSchool(ctx, store.School{Name: "二小"})
	s.CreateSchoolPair(ctx, store.SchoolPair{SupportingID: a.ID, SupportedID: b.ID, AgreedOn: storetest.Date("2026-03-01"), CycleYears: 3})
	types, _ := s.ActivityTypes(ctx)
	s.CreateActivity(ctx, store.Activity{TermID: last.ID, TypeID: types[2].ID, Title: "《春》", Sched: store.OnDate(storetest.Date("2026-03-10"))})
	s.Close()

	out, err := runAt(t, now, "", "--db", db, "--lang", "zh", "plan", "list")
	if err != nil || !strings.Contains(out, "research-office") || !strings.Contains(out, "school-pairing") {
		t.Errorf("plan list: %v\n%s", err, out)
	}
	out, err = runAt(t, now, "", "--db", db, "--lang", "zh", "plan", "apply", "research-office")
	if err != nil || !strings.Contains(out, "已在“本学期”添加 27 项活动") {
		t.Errorf("apply: %v\n%s", err, out)
	}
	// The term now has activities: another template needs --add.
	if _, err := runAt(t, now, "", "--db", db, "--lang", "zh", "plan", "apply", "school-pairing"); err == nil || !strings.Contains(err.Error(), "--add") {
		t.Errorf("apply onto a planned term: %v, want a request for --add", err)
	}
	out, err = runAt(t, now, "", "--db", db, "--lang", "zh", "plan", "apply", "school-pairing", "--add")
	if err != nil || !strings.Contains(out, "添加 6 项活动") || !strings.Contains(out, "略过") || !strings.Contains(out, "一小、二小") {
		t.Errorf("apply pairing: %v\n%s", err, out)
	}
	out, err = runAt(t, now, "", "--db", db, "--lang", "zh", "plan", "copy", "--add")
	if err != nil || !strings.Contains(out, "已从“上学期”复制 1 项活动到“本学期”") {
		t.Errorf("copy: %v\n%s", err, out)
	}
	if _, err := runAt(t, now, "", "--db", db, "plan", "apply", "nonesuch"); err == nil || !strings.Contains(err.Error(), "research-office") {
		t.Errorf("unknown template: %v", err)
	}
	if _, err := runAt(t, now, "", "--db", db, "plan", "copy", "--term", "上学期"); err == nil {
		t.Errorf("copy onto the first term: no error")
	}

	s, _ = store.Open(ctx, db, store.Options{ReadOnly: true})
	defer s.Close()
	term, _ := s.TermByName(ctx, "本学期")
	acts, _ := s.Activities(ctx, term.ID, store.Date{}, store.Date{})
	if len(acts) != 27+6+1 {
		t.Errorf("本学期 has %d activities, want 34", len(acts))
	}
	for _, a := range acts {
		if a.Title == "《春》" && a.Sched.String() != "2026-09-15" { // Tuesday of week 3
			t.Errorf("《春》 copied to %s, want 2026-09-15", a.Sched)
		}
	}
}
