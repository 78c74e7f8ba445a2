package sample

import (
	"context"
	"strings"
	"testing"

	"termbook/store"
	"termbook/store/storetest"
)

// The sample shows what the program keeps: activities with their attendance, minutes and
// summary; 集体备课 with their 主备人, unit and drafts; a subject's own rubric and the 说课
// rubric in use; the printed form's 课时, 教材 and 总评. Its texts fit their lessons.
func TestSampleRecords(t *testing.T) {
	t.Parallel()
	for _, today := range []string{"2026-12-16", "2027-05-19"} {
		t.Run(today, func(t *testing.T) {
			ctx := context.Background()
			s := writeSample(t, today, 0)
			day := storetest.Date(today)
			term, err := s.CurrentTerm(ctx, day)
			if err != nil {
				t.Fatal(err)
			}
			acts, err := s.Activities(ctx, term.ID, store.Date{}, store.Date{})
			if err != nil {
				t.Fatal(err)
			}
			if err := s.LoadProceedings(ctx, acts); err != nil {
				t.Fatal(err)
			}
			roster, _ := s.Teachers(ctx)
			types, _ := s.ActivityTypes(ctx)
			code := map[string]string{}
			for _, ty := range types {
				code[ty.ID] = ty.Code
			}
			recorded, absent, preps, heldPreps := 0, 0, 0, 0
			for _, a := range acts {
				p := a.Proceedings
				if len(p.Attendees) > 0 {
					recorded++
					if a.Status != store.Done {
						t.Errorf("%q has attendance but is not done", a.Title)
					}
					if p.Minutes == "" || p.Summary == "" || p.ChairID == "" || p.RecorderID == "" {
						t.Errorf("%q is recorded without minutes, summary, chair or recorder: %+v", a.Title, p)
					}
					if strings.Contains(p.Minutes+p.Summary, "{") {
						t.Errorf("%q: a placeholder left in %q", a.Title, p.Minutes+p.Summary)
					}
					absent += len(a.Absentees(roster))
				}
				if code[a.TypeID] == store.TypeGroupPrep && p.Prep.LeadID != "" {
					preps++
					if p.Prep.Unit == "" || p.Prep.Draft == "" {
						t.Errorf("集体备课 %q without its unit or draft: %+v", a.Title, p.Prep)
					}
					if a.Status == store.Done && p.Prep.Discussion != "" && p.Prep.Revision != "" {
						heldPreps++
					}
					if a.Status != store.Done && (p.Prep.Discussion != "" || p.Prep.Revision != "") {
						t.Errorf("集体备课 %q not held yet has a discussion", a.Title)
					}
				}
			}
			if recorded < 5 || absent == 0 {
				t.Errorf("%d activities recorded, %d absences; want several, with someone absent", recorded, absent)
			}
			if preps != 2 || heldPreps == 0 {
				t.Errorf("%d 集体备课 with a 主备人, %d held with their discussion and revision", preps, heldPreps)
			}

			rubrics, _ := s.Rubrics(ctx)
			byName := map[string]store.Rubric{}
			for _, r := range rubrics {
				byName[r.Name] = r
			}
			talk, pe := byName["说课评价表"], byName["体育课堂教学评价表"]
			if talk.ID == "" || pe.Subject != "体育" || talk.Spec.Dimensions[0].Points == "" {
				t.Fatalf("rubrics %+v", rubrics)
			}
			obs, err := s.TermObservations(ctx, term.ID)
			if err != nil {
				t.Fatal(err)
			}
			talks := 0
			for _, o := range obs {
				switch {
				case o.Kind == "说课":
					talks++
					if o.RubricID != talk.ID {
						t.Errorf("a 说课 scored with %s", o.RubricID)
					}
				case o.Subject == "体育" && o.RubricID != pe.ID:
					t.Errorf("a PE lesson scored with %s", o.RubricID)
				case o.Subject != "体育" && o.RubricID != store.DefaultRubricID:
					t.Errorf("a %s lesson scored with %s", o.Subject, o.RubricID)
				}
				if o.Unit == "" || o.Texts.Overall == "" || (o.Kind != "说课" && o.LessonNo == 0) {
					t.Errorf("observation of %s lacks 课时 %d, 教材 %q or 总评 %q", o.Topic, o.LessonNo, o.Unit, o.Texts.Overall)
				}
				text := o.Texts.Process + o.Texts.Comments + o.Texts.Highlights + o.Texts.Problems + o.Texts.Suggestions + o.FollowUp.Action
				if o.Subject != "语文" && o.Subject != "英语" && strings.Contains(text, "朗读") {
					t.Errorf("a %s lesson praised for reading aloud: %s", o.Subject, text)
				}
				if o.Subject == "体育" && strings.Contains(text, "板书") {
					t.Errorf("a PE lesson with a blackboard: %s", text)
				}
			}
			if talks != 3 {
				t.Errorf("%d 说课 scored, want the contest's 3", talks)
			}
			pairs, _ := s.MentorPairs(ctx, term.ID)
			for _, p := range pairs {
				log, _ := s.GuidanceLog(ctx, p.ID)
				for _, g := range log {
					if p.Subject != "语文" && p.Subject != "英语" && strings.Contains(g.Content, "朗读") {
						t.Errorf("%s guidance about reading aloud: %s", p.Subject, g.Content)
					}
				}
			}
		})
	}
}
