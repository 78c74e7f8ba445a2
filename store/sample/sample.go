// Package sample writes termbook's sample data: one complete term in the spirit of a real
// pairing plan, placed around a given day, plus optional years of generated history.
package sample

import (
	"context"
	"time"

	"termbook/store"
)

// Write adds the sample term around today (and `years` years of history) to s.
func Write(ctx context.Context, s *store.Store, today store.Date, years int) error {
	week1 := termStart(today)
	term, err := s.CreateTerm(ctx, store.Term{Name: termName(week1), Week1: week1, Weeks: 20})
	if err != nil {
		return err
	}
	a, err := s.CreateSchool(ctx, store.School{Name: "定边第五小学", ShortName: "五小"})
	if err != nil {
		return err
	}
	types, err := s.ActivityTypes(ctx)
	if err != nil {
		return err
	}
	t, err := s.CreateTeacher(ctx, store.Teacher{SchoolID: a.ID, Name: "王晓梅", Subjects: []string{"语文"}})
	if err != nil {
		return err
	}
	_, err = s.CreateActivity(ctx, store.Activity{TermID: term.ID, TypeID: types[2].ID, Title: "《春》", Subject: "语文", HostID: t.ID, Sched: store.InWeek(3)})
	return err
}

// termStart is the Monday of 第1周 of the term around today: the autumn term from
// September, the spring term from late February.
func termStart(today store.Date) store.Date {
	y := today.Year
	var start store.Date
	switch {
	case today.Month >= time.August:
		start = store.Date{Year: y, Month: time.September, Day: 1}
	case today.Month <= time.January:
		start = store.Date{Year: y - 1, Month: time.September, Day: 1}
	default:
		start = store.Date{Year: y, Month: time.February, Day: 20}
	}
	for start.Weekday() != time.Monday {
		start = start.AddDays(1)
	}
	return start
}

func termName(week1 store.Date) string {
	if week1.Month >= time.August {
		return itoa(week1.Year) + "—" + itoa(week1.Year+1) + "学年第一学期"
	}
	return itoa(week1.Year-1) + "—" + itoa(week1.Year) + "学年第二学期"
}

func itoa(n int) string { return time.Date(n, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006") }
