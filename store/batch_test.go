package store

import (
	"context"
	"database/sql"
	"errors"
	"testing"
)

func TestBatchWritesLikeTheStore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := MustOpen(t)
	types, err := s.ActivityTypes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var (
		term         Term
		mentee       Teacher
		weekly       []Activity
		done, talk   Activity
		moved        Activity
		obs          Observation
		pair         MentorPair
		schoolPairID string
	)
	err = s.Batch(ctx, func(b *Batch) error {
		var err error
		if term, err = b.CreateTerm(Term{Name: "2026—2027学年第一学期", Week1: MustDate("2026-08-31"), Weeks: 20}); err != nil {
			return err
		}
		sc, err := b.CreateSchool(School{Name: "青山路小学"})
		if err != nil {
			return err
		}
		other, err := b.CreateSchool(School{Name: "柳河镇中心小学"})
		if err != nil {
			return err
		}
		sp, err := b.CreateSchoolPair(SchoolPair{SupportingID: sc.ID, SupportedID: other.ID, AgreedOn: MustDate("2025-10-14"), CycleYears: 3})
		if err != nil {
			return err
		}
		schoolPairID = sp.ID
		mentor, err := b.CreateTeacher(Teacher{SchoolID: sc.ID, Name: "陈秀梅", Subjects: []string{"语文"}})
		if err != nil {
			return err
		}
		if mentee, err = b.CreateTeacher(Teacher{SchoolID: other.ID, Name: "李春燕", Subjects: []string{"语文"}}); err != nil {
			return err
		}
		if pair, err = b.CreateMentorPair(MentorPair{TermID: term.ID, MentorID: mentor.ID, MenteeID: mentee.ID}); err != nil {
			return err
		}
		if weekly, err = b.CreateWeekly(Activity{TermID: term.ID, TypeID: types[0].ID, Title: "语文组教研活动",
			Sched: OnDate(MustDate("2026-09-09")), HostID: mentor.ID}, 2, 5); err != nil {
			return err
		}
		if done, err = b.CreateActivity(Activity{TermID: term.ID, TypeID: types[2].ID, Title: "公开课", Sched: InWeek(3),
			Status: Done, DoneOn: MustDate("2026-09-16"), Note: "已上", SchoolIDs: []string{sc.ID, other.ID}}); err != nil {
			return err
		}
		if _, err := b.MarkDone(weekly[0].ID, MustDate("2026-09-09"), "12人参加"); err != nil {
			return err
		}
		if _, err := b.Cancel(weekly[1].ID, "放假"); err != nil {
			return err
		}
		if _, err := b.MarkDone(weekly[2].ID, MustDate("2026-09-23"), ""); err != nil {
			return err
		}
		if _, err := b.Reopen(weekly[2].ID); err != nil {
			return err
		}
		if moved, err = b.Postpone(weekly[3].ID, OnDate(MustDate("2026-10-02")), "冲突"); err != nil {
			return err
		}
		if talk, err = b.CreateActivity(Activity{TermID: term.ID, TypeID: types[5].ID, Title: "说课比赛", Sched: InWeek(11)}); err != nil {
			return err
		}
		if obs, err = b.CreateObservation(Observation{TermID: term.ID, SchoolID: other.ID, TeacherID: mentee.ID, ObserverID: mentor.ID,
			On: MustDate("2026-09-16"), ActivityID: done.ID, Scores: []float64{9, 13, 13, 18, 13, 13, 9},
			Texts: ObservationTexts{Process: "导入"}, FollowUp: FollowUp{Action: "写反思", Due: MustDate("2026-09-30")}}); err != nil {
			return err
		}
		if err := b.CloseFollowUp(obs.FollowUp.ID, MustDate("2026-09-29"), "已交"); err != nil {
			return err
		}
		if _, err := b.CreateGuidance(Guidance{MentorPairID: pair.ID, On: MustDate("2026-09-17"), Form: FormReview,
			Content: "评课", ObservationID: obs.ID}); err != nil {
			return err
		}
		if _, err := b.CreateHandin(Handin{TermID: term.ID, TeacherID: mentee.ID, KindID: BuiltinHandinKindID(KindLessonPlan),
			On: MustDate("2026-09-20"), CheckedBy: "黄德明", Comment: "环节完整"}); err != nil {
			return err
		}
		_, err = b.SetTermGrade(TermGrade{TermID: term.ID, OwnerKind: ScopeSchoolPair, OwnerID: sp.ID, Grade: Good})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}

	if targets, _ := s.Targets(ctx, term.ID); len(targets) != len(DefaultTargets("")) {
		t.Errorf("a batch term has %d targets", len(targets))
	}
	if got, _ := s.Teacher(ctx, mentee.ID); got.Initials != "lcy" {
		t.Errorf("batch teacher initials = %q", got.Initials)
	}
	wantStatus := []Status{Done, Cancelled, Planned, Postponed}
	for i, a := range weekly {
		got, err := s.Activity(ctx, a.ID)
		if err != nil || got.Status != wantStatus[i] || got.SeriesID != weekly[0].SeriesID {
			t.Errorf("weekly %d = %s, %v; want %s", i, got.Status, err, wantStatus[i])
		}
	}
	if got, _ := s.Activity(ctx, moved.ID); len(got.Moves) != 1 || got.Moves[0].From != OnDate(MustDate("2026-09-30")) {
		t.Errorf("postponed in a batch: %+v", got.Moves)
	}
	if got, _ := s.Activity(ctx, done.ID); got.Status != Done || got.Note != "已上" || len(got.SchoolIDs) != 2 || got.First != MustDate("2026-09-14") {
		t.Errorf("done in a batch: %+v", got)
	}
	if talk.First != MustDate("2026-11-09") {
		t.Errorf("batch span = %v", talk.First)
	}
	got, _ := s.Observation(ctx, obs.ID)
	if got.Total != 88 || got.Grade != GradeGood || got.Week != 3 || got.Texts.Process != "导入" || got.FollowUp.Open() {
		t.Errorf("batch observation = total %v grade %q week %d, follow-up %+v", got.Total, got.Grade, got.Week, got.FollowUp)
	}
	if log, _ := s.GuidanceLog(ctx, pair.ID); len(log) != 1 || log[0].ObservationID != obs.ID {
		t.Errorf("batch guidance = %+v", log)
	}
	if hs, _ := s.Handins(ctx, HandinFilter{TermID: term.ID}); len(hs) != 1 || !hs[0].Checked() {
		t.Errorf("batch hand-ins = %+v", hs)
	} else if h, _ := s.Handin(ctx, hs[0].ID); h.Comment != "环节完整" {
		t.Errorf("batch hand-in comment = %q", h.Comment)
	}
	if gs, _ := s.TermGrades(ctx, term.ID); len(gs) != 1 || gs[0].OwnerID != schoolPairID {
		t.Errorf("batch grades = %+v", gs)
	}
}

func TestBatchIsAllOrNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := MustOpen(t)
	err := s.Batch(ctx, func(b *Batch) error {
		sc, err := b.CreateSchool(School{Name: "青山路小学"})
		if err != nil {
			return err
		}
		if _, err := b.CreateTeacher(Teacher{SchoolID: sc.ID, Name: "陈秀梅"}); err != nil {
			return err
		}
		_, err = b.CreateTeacher(Teacher{SchoolID: sc.ID, Name: ""})
		return err
	})
	wantField(t, err, "name", Required)
	if n, m := count(t, s, "schools"), count(t, s, "teachers"); n != 0 || m != 0 {
		t.Errorf("a failed batch left %d schools and %d teachers", n, m)
	}

	err = s.Batch(ctx, func(b *Batch) error {
		if _, err := b.CreateSchool(School{Name: "青山路小学"}); err != nil {
			return err
		}
		_, err := b.CreateSchool(School{Name: "青山路小学"})
		return err
	})
	if !errors.Is(err, ErrConflict) {
		t.Errorf("duplicate in a batch: %v, want ErrConflict", err)
	}
	if n := count(t, s, "schools"); n != 0 {
		t.Errorf("a failed batch left %d schools", n)
	}
	_, err = s.CreateSchool(context.Background(), School{Name: "青山路小学"})
	if err != nil {
		t.Errorf("the store after a failed batch: %v", err)
	}
}

// TestForeignKeyIsConflict checks that SQLite's own reference checks, the last line behind
// the store's Unknown field errors, come back as ErrConflict.
func TestForeignKeyIsConflict(t *testing.T) {
	t.Parallel()
	s := MustOpen(t)
	err := s.writeTx(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO teachers (id, school_id, name, created_at, updated_at, updated_by)
			VALUES ('t1', 'no-such-school', '陈秀梅', 'x', 'x', 'x')`)
		return err
	})
	if !errors.Is(err, ErrConflict) {
		t.Errorf("foreign key violation: %v, want ErrConflict", err)
	}
}

func benchmarkObservations(b *testing.B, batch bool) {
	ctx := context.Background()
	s := MustOpen(b)
	term, _ := s.CreateTerm(ctx, Term{Name: "t", Week1: MustDate("2026-08-31"), Weeks: 20})
	sc, _ := s.CreateSchool(ctx, School{Name: "青山路小学"})
	te, _ := s.CreateTeacher(ctx, Teacher{SchoolID: sc.ID, Name: "陈秀梅"})
	o := Observation{TermID: term.ID, SchoolID: sc.ID, TeacherID: te.ID, ObserverID: te.ID, On: MustDate("2026-09-16"),
		Scores: []float64{9, 13, 13, 18, 13, 13, 9}, Texts: ObservationTexts{Process: "一、导入\n教师出示图片。"}}
	b.ResetTimer()
	if batch {
		err := s.Batch(ctx, func(bt *Batch) error {
			for i := 0; i < b.N; i++ {
				if _, err := bt.CreateObservation(o); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		return
	}
	for i := 0; i < b.N; i++ {
		if _, err := s.CreateObservation(ctx, o); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCreateObservation(b *testing.B)      { benchmarkObservations(b, false) }
func BenchmarkBatchCreateObservation(b *testing.B) { benchmarkObservations(b, true) }
