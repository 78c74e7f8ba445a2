package ui

import (
	"context"
	"strings"
	"testing"

	"termbook/store"
	"termbook/store/storetest"
	"termbook/ui/i18n"
)

// listData is how many records a list test's term has.
type listData int

const (
	noTerm     listData = iota // a new database: the welcome screen
	noRecords                  // a new term: no schools, teachers or activities
	oneOfEach                  // one of everything a list shows: every list one row long
	keptDrafts                 // a new term and one kept draft of each kind of form
)

// listFixture writes a term and, for oneOfEach, one activity, school pair, mentor pair,
// observation with an open follow-up and guidance entry. Lists of people hold the two
// schools and two teachers the pairs need.
func listFixture(t *testing.T, s *store.Store, d listData) {
	t.Helper()
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		noErr(t, err)
	}
	if d == noTerm {
		return
	}
	if d == keptDrafts {
		for _, form := range []string{draftObservation, draftGuidance, draftMentorPair, draftActivity, draftTeacher, draftSchool} {
			must(s.SaveDraft(ctx, store.Draft{Key: form + ":new", Form: form, Payload: "{}"}))
		}
	}
	term, err := s.CreateTerm(ctx, store.Term{Name: "2026—2027学年第一学期", Week1: storetest.Date("2026-09-07"), Weeks: 20})
	must(err)
	if d != oneOfEach {
		return
	}
	a, err := s.CreateSchool(ctx, store.School{Name: "定边第五小学", ShortName: "五小"})
	must(err)
	b, err := s.CreateSchool(ctx, store.School{Name: "侯庄小学"})
	must(err)
	_, err = s.CreateSchoolPair(ctx, store.SchoolPair{SupportingID: a.ID, SupportedID: b.ID, AgreedOn: storetest.Date("2026-09-01"), CycleYears: 3})
	must(err)
	mentor, err := s.CreateTeacher(ctx, store.Teacher{SchoolID: a.ID, Name: "王晓梅", Subjects: []string{"语文"}})
	must(err)
	mentee, err := s.CreateTeacher(ctx, store.Teacher{SchoolID: b.ID, Name: "李小红", Subjects: []string{"语文"}})
	must(err)
	pair, err := s.CreateMentorPair(ctx, store.MentorPair{TermID: term.ID, MentorID: mentor.ID, MenteeID: mentee.ID, Subject: "语文"})
	must(err)
	types, err := s.ActivityTypes(ctx)
	must(err)
	_, err = s.CreateActivity(ctx, store.Activity{TermID: term.ID, TypeID: types[2].ID, Title: "《春》", Subject: "语文",
		HostID: mentor.ID, Sched: store.OnDate(storetest.Date("2026-10-14"))})
	must(err)
	_, err = s.CreateObservation(ctx, store.Observation{TermID: term.ID, SchoolID: b.ID, TeacherID: mentee.ID, ObserverID: mentor.ID,
		Subject: "语文", Topic: "《春》", On: storetest.Date("2026-10-12"), Scores: []float64{9, 14, 13, 18, 13, 14, 9},
		FollowUp: store.FollowUp{Action: "下次听课看板书", Due: storetest.Date("2026-10-30")}})
	must(err)
	_, err = s.CreateGuidance(ctx, store.Guidance{MentorPairID: pair.ID, On: storetest.Date("2026-10-13"), Form: store.FormReview, Content: "评《春》一课"})
	must(err)
}

func noErr(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// moves are the keys that move through a list, pressed on each list in turn.
var moves = []string{"j", "down", "j", "G", "k", "up", "k", "g", "home", "end", "pgdown", "pgup", "down", "up"}

// dataNames name the states in the subtests' names.
var dataNames = map[listData]string{noTerm: "no term", noRecords: "empty", oneOfEach: "one row", keptDrafts: "drafts"}

// TestEveryListEmptyFilteredOneRow moves through every list of every screen while it is
// empty, filtered down to nothing, and one row long, drawing the window after every key, then
// presses the keys that act on the selected row. A list must never index outside itself.
func TestEveryListEmptyFilteredOneRow(t *testing.T) {
	t.Parallel()
	lists := []struct {
		name string
		open []string   // the keys that show the list (and filter it)
		data []listData // the states to try it in; empty and one row if none
	}{
		{"welcome", nil, []listData{noTerm}},
		{"drafts kept from last time", nil, []listData{keptDrafts}},
		{"听课, drafts kept from last time", []string{"esc", "2"}, []listData{keptDrafts}},
		{"师徒, drafts kept from last time", []string{"esc", "3"}, []listData{keptDrafts}},
		{"听课 editor, open follow-ups", []string{"2", "n", "text:李小红", "enter", "shift+tab", "shift+tab"}, []listData{oneOfEach}},
		{"calendar, weeks", nil, nil},
		{"calendar, months", []string{"m"}, nil},
		{"calendar, filtered", []string{"/", "text:没有这样的活动", "enter"}, nil},
		{"calendar, presets", []string{"f"}, nil},
		{"term switcher", []string{"S"}, nil},
		{"听课", []string{"2"}, nil},
		{"听课, filtered", []string{"2", "/", "text:体育", "enter"}, nil},
		{"听课, rubric", []string{"2", "r"}, nil},
		{"师徒, pairs", []string{"3"}, nil},
		{"师徒, guidance log", []string{"3", "right"}, nil},
		{"考核, mentor pairs", []string{"4"}, nil},
		{"考核, teachers", []string{"4", "right"}, nil},
		{"考核, school pairs", []string{"4", "right", "right"}, nil},
		{"考核, activities", []string{"4", "right", "right", "right"}, nil},
		{"考核, filtered", []string{"4", "/", "text:没有这个人", "enter"}, nil},
		{"考核, records behind a target", []string{"4", "j", "enter"}, nil},
		{"名册, schools", []string{"5"}, nil},
		{"名册, teachers", []string{"5", "right"}, nil},
		{"名册, school pairs", []string{"5", "right", "right"}, nil},
		{"名册, find a teacher", []string{"5", "/"}, nil},
		{"名册, find nobody", []string{"5", "/", "text:没有这个人"}, nil},
		{"听课 editor, teacher picker", []string{"2", "n", "text:李"}, nil},
		{"听课 editor, teacher picker, nobody", []string{"2", "n", "text:没有这个人"}, nil},
	}
	for _, l := range lists {
		states := l.data
		if states == nil {
			states = []listData{noRecords, oneOfEach}
		}
		for _, d := range states {
			t.Run(l.name+"/"+dataNames[d], func(t *testing.T) {
				t.Parallel()
				s, _ := openStore(t)
				listFixture(t, s, d)
				m := newTest(t, s, i18n.Zh, false, 80, 24)
				// Move about; choose the last row and the first; act on the row, delete it
				// and move in what is left.
				var keys []string
				keys = append(append(keys, l.open...), moves...)
				keys = append(append(append(keys, "G", "enter", "esc", "esc"), l.open...), "g", "enter", "esc", "esc")
				keys = append(append(keys, l.open...), "x", "esc", "d", "j", "G", "enter", "esc", "u", "k", "esc")
				for i, k := range keys {
					pressDrawing(t, m, strings.Join(keys[:i+1], " "), k)
				}
			})
		}
	}
}

// pressDrawing presses one key and draws the window, failing the test, not the run, on a
// panic in either.
func pressDrawing(t *testing.T, m *Model, keys, k string) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("after %s: panic: %v", keys, r)
		}
	}()
	press(t, m, k)
	if v := m.View().Content; strings.Count(v, "\n") != m.height-1 {
		t.Fatalf("after %s: the window has %d lines, want %d", keys, strings.Count(v, "\n")+1, m.height)
	}
}
