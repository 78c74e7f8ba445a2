package exchange_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"pgregory.net/rapid"

	"termbook/store"
	"termbook/store/exchange"
	"termbook/store/storetest"
)

// TestExchangeConverges is the property that makes exchange safe: two installations start
// from one file, each makes random edits and deletions (with a clock that often stands
// still, so timestamps tie), and they send each other files that arrive in any order, some
// twice. Once every file has arrived and each side has sent the other what is left, both
// hold exactly the same records, texts and deletions.
func TestExchangeConverges(t *testing.T) {
	t.Parallel()
	b := makeBase(t, t.TempDir())
	rapid.Check(t, func(rt *rapid.T) {
		(&world{b: b}).run(rt, t.TempDir())
	})
}

// side is one installation in the property test.
type side struct {
	name    string
	s       *store.Store
	inbox   []string // files sent to it, not yet imported
	partner string   // the name it exports to the other under
	sent    int
}

type world struct {
	b     base
	clk   *clock
	sides [2]*side
	dir   string
	ids   map[store.Kind][]string // every id made on either side, for restores
}

func (w *world) run(rt *rapid.T, dir string) {
	ctx := context.Background()
	w.dir, w.clk, w.ids = dir, &clock{t: start.Add(time.Hour)}, map[store.Kind][]string{}
	w.sides[0] = &side{name: "a", s: copyDB(rt, w.b, filepath.Join(dir, "a.db"), w.clk, false), partner: "侯庄小学"}
	w.sides[1] = &side{name: "b", s: copyDB(rt, w.b, filepath.Join(dir, "b.db"), w.clk, true), partner: "定边第五小学"}
	defer w.sides[0].s.Close()
	defer w.sides[1].s.Close()

	pick := func(rt *rapid.T) (*side, *side) {
		i := rapid.IntRange(0, 1).Draw(rt, "side")
		return w.sides[i], w.sides[1-i]
	}
	rt.Repeat(map[string]func(*rapid.T){
		"tick": func(rt *rapid.T) {
			w.clk.advance(time.Duration(rapid.IntRange(0, 3).Draw(rt, "ms")) * time.Millisecond)
		},
		"edit": func(rt *rapid.T) {
			x, _ := pick(rt)
			w.edit(rt, ctx, x)
		},
		"export": func(rt *rapid.T) {
			x, y := pick(rt)
			x.sent++
			y.inbox = append(y.inbox, exportTo(rt, x.s, w.dir, x.name+"-"+x.partner, x.sent))
		},
		"deliver": func(rt *rapid.T) {
			_, y := pick(rt)
			if len(y.inbox) == 0 {
				rt.Skip("nothing to deliver")
			}
			i := rapid.IntRange(0, len(y.inbox)-1).Draw(rt, "file")
			w.importFile(rt, y, y.inbox[i], rapid.Bool().Draw(rt, "twice"))
			if rapid.IntRange(0, 3).Draw(rt, "keep") > 0 {
				y.inbox = append(y.inbox[:i], y.inbox[i+1:]...)
			}
		},
	})

	// Every file arrives in the end, in some order; then each side sends what is left.
	for _, y := range w.sides {
		for _, i := range rapid.Permutation(indexes(len(y.inbox))).Draw(rt, "order") {
			w.importFile(rt, y, y.inbox[i], false)
		}
	}
	for round := 0; round < 2; round++ {
		for _, x := range w.sides {
			y := w.other(x)
			x.sent++
			w.importFile(rt, y, exportTo(rt, x.s, w.dir, x.name+"-"+x.partner, x.sent), false)
		}
	}
	da, db := dump(rt, w.sides[0].s.Path()), dump(rt, w.sides[1].s.Path())
	if da != db {
		rt.Fatalf("the two installations differ:\n--- a\n%s\n--- b\n%s", da, db)
	}
	for _, x := range w.sides {
		if n := pending(rt, x.s.Path()); n != 0 {
			rt.Fatalf("%s: %d records still waiting", x.name, n)
		}
	}
}

func (w *world) other(x *side) *side {
	if x == w.sides[0] {
		return w.sides[1]
	}
	return w.sides[0]
}

// importFile reads a file and merges it into y; twice means at once again, which must
// change nothing. (It skips the backup Import takes, which only costs time here.)
func (w *world) importFile(rt *rapid.T, y *side, path string, twice bool) {
	ctx := context.Background()
	merge := func() store.MergeResult {
		sum, err := exchange.MergeFile(ctx, y.s, path)
		if err != nil {
			rt.Fatalf("import %s into %s: %v", path, y.name, err)
		}
		return sum.MergeResult
	}
	merge()
	if !twice {
		return
	}
	before := dump(rt, y.s.Path())
	if res := merge(); res.Added != 0 || res.Updated != 0 || res.Conflicts != 0 {
		rt.Fatalf("importing %s again: %+v, want everything unchanged", path, res)
	}
	if after := dump(rt, y.s.Path()); after != before {
		rt.Fatalf("importing %s again changed the database", path)
	}
}

func indexes(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

var (
	schoolNames  = []string{"一小", "二小", "五小", "侯庄小学"}
	teacherNames = []string{"王晓梅", "李娜", "张三", "赵敏", "刘洋", "陈静"}
	words        = []string{"导入", "节奏好", "板书清楚", "提问有层次", "", "小组合作"}
)

// edit makes one random change on x through the store, as a person would.
func (w *world) edit(rt *rapid.T, ctx context.Context, x *side) {
	s := x.s
	op := rapid.IntRange(0, 14).Draw(rt, "op")
	word := func(label string) string { return rapid.SampledFrom(words).Draw(rt, label) }
	var err error
	switch op {
	case 0:
		var sc store.School
		sc, err = s.CreateSchool(ctx, store.School{Name: rapid.SampledFrom(schoolNames).Draw(rt, "school")})
		w.ids[store.KindSchool] = append(w.ids[store.KindSchool], sc.ID)
	case 1:
		list, _ := s.Schools(ctx)
		if len(list) == 0 {
			return
		}
		sc := rapid.SampledFrom(list).Draw(rt, "school")
		sc.District = word("district")
		_, err = s.UpdateSchool(ctx, sc)
	case 2:
		schools, _ := s.Schools(ctx)
		if len(schools) == 0 {
			return
		}
		var te store.Teacher
		te, err = s.CreateTeacher(ctx, store.Teacher{SchoolID: rapid.SampledFrom(schools).Draw(rt, "school").ID,
			Name: rapid.SampledFrom(teacherNames).Draw(rt, "name")})
		w.ids[store.KindTeacher] = append(w.ids[store.KindTeacher], te.ID)
	case 3:
		list, _ := s.Teachers(ctx)
		if len(list) == 0 {
			return
		}
		te := rapid.SampledFrom(list).Draw(rt, "teacher")
		te.Rank, te.Post, te.Honour = word("rank"), word("post"), word("honour")
		te.Active = rapid.Bool().Draw(rt, "active")
		_, err = s.UpdateTeacher(ctx, te)
	case 4:
		kind := rapid.SampledFrom([]store.Kind{store.KindSchool, store.KindTeacher, store.KindActivity, store.KindObservation, store.KindGuidance}).Draw(rt, "kind")
		ids := w.liveIDs(ctx, s, kind)
		if len(ids) == 0 {
			return
		}
		err = s.Delete(ctx, kind, rapid.SampledFrom(ids).Draw(rt, "id"))
	case 5:
		kind := rapid.SampledFrom([]store.Kind{store.KindSchool, store.KindTeacher, store.KindActivity, store.KindObservation}).Draw(rt, "kind")
		ids := append(w.ids[kind], w.liveIDs(ctx, s, kind)...)
		if len(ids) == 0 {
			return
		}
		err = s.Restore(ctx, kind, rapid.SampledFrom(ids).Draw(rt, "id"))
	case 6:
		types, _ := s.ActivityTypes(ctx)
		schools, _ := s.Schools(ctx)
		var ids []string
		for _, sc := range schools {
			if rapid.Bool().Draw(rt, "takes part") {
				ids = append(ids, sc.ID)
			}
		}
		var a store.Activity
		a, err = s.CreateActivity(ctx, store.Activity{TermID: w.b.termID, TypeID: rapid.SampledFrom(types).Draw(rt, "type").ID,
			Title: word("title") + "课", Sched: store.InWeek(rapid.IntRange(1, 20).Draw(rt, "week")), SchoolIDs: ids})
		w.ids[store.KindActivity] = append(w.ids[store.KindActivity], a.ID)
	case 7:
		acts, _ := s.Activities(ctx, w.b.termID, store.Date{}, store.Date{})
		if len(acts) == 0 {
			return
		}
		a := rapid.SampledFrom(acts).Draw(rt, "activity")
		switch rapid.IntRange(0, 3).Draw(rt, "how") {
		case 0:
			_, err = s.MarkDone(ctx, a.ID, storetest.Date("2026-09-20"), word("note"))
		case 1:
			_, err = s.Postpone(ctx, a.ID, store.InWeek(rapid.IntRange(1, 20).Draw(rt, "week")), word("reason"))
		case 2:
			_, err = s.Cancel(ctx, a.ID, word("note"))
		default:
			a.Place = word("place")
			a.SchoolIDs = a.SchoolIDs[:rapid.IntRange(0, len(a.SchoolIDs)).Draw(rt, "keep")]
			_, err = s.UpdateActivity(ctx, a)
		}
	case 8:
		teachers, _ := s.Teachers(ctx)
		schools, _ := s.Schools(ctx)
		if len(teachers) < 2 || len(schools) == 0 {
			return
		}
		var o store.Observation
		o, err = s.CreateObservation(ctx, store.Observation{TermID: w.b.termID, SchoolID: rapid.SampledFrom(schools).Draw(rt, "school").ID,
			TeacherID: rapid.SampledFrom(teachers).Draw(rt, "teacher").ID, ObserverID: rapid.SampledFrom(teachers).Draw(rt, "observer").ID,
			On: storetest.Date("2026-09-22"), Texts: store.ObservationTexts{Process: word("process"), Comments: word("comments")},
			FollowUp: store.FollowUp{Action: word("action")}})
		w.ids[store.KindObservation] = append(w.ids[store.KindObservation], o.ID)
	case 9:
		list, _ := s.Observations(ctx, store.ObservationFilter{TermID: w.b.termID})
		if len(list) == 0 {
			return
		}
		o, gerr := s.Observation(ctx, rapid.SampledFrom(list).Draw(rt, "observation").ID)
		if gerr != nil {
			rt.Fatal(gerr)
		}
		o.Texts.Comments = word("comments")
		o.Texts.Suggestions = word("suggestions")
		if rapid.Bool().Draw(rt, "follow-up") {
			o.FollowUp.Action = word("action") + "跟进"
		}
		_, err = s.UpdateObservation(ctx, o)
	case 10:
		log, _ := s.GuidanceLog(ctx, w.b.pairID)
		if len(log) == 0 || rapid.Bool().Draw(rt, "new") {
			_, err = s.CreateGuidance(ctx, store.Guidance{MentorPairID: w.b.pairID, On: storetest.Date("2026-09-23"),
				Form: store.FormTalk, Content: word("content") + "谈话"})
		} else {
			g := rapid.SampledFrom(log).Draw(rt, "guidance")
			g.Reflection = word("reflection")
			_, err = s.UpdateGuidance(ctx, g)
		}
	case 11:
		list, _ := s.Handins(ctx, store.HandinFilter{TermID: w.b.termID})
		if len(list) == 0 || rapid.Bool().Draw(rt, "new") {
			kind := rapid.SampledFrom(store.BuiltinHandinKinds()).Draw(rt, "kind")
			_, err = s.CreateHandin(ctx, store.Handin{TermID: w.b.termID, TeacherID: rapid.SampledFrom(w.b.teachers).Draw(rt, "teacher"),
				KindID: kind.ID, Title: word("title"), On: storetest.Date("2026-09-24"), Comment: word("comment")})
		} else {
			h := rapid.SampledFrom(list).Draw(rt, "hand-in")
			h.CheckedBy, h.Grade = word("checker"), rapid.SampledFrom([]store.TermGradeValue{"", store.Good, store.Pass}).Draw(rt, "grade")
			_, err = s.UpdateHandin(ctx, h)
		}
	case 12:
		_, err = s.SetTermGrade(ctx, store.TermGrade{TermID: w.b.termID, OwnerKind: store.ScopeTeacher,
			OwnerID: rapid.SampledFrom(w.b.teachers).Draw(rt, "teacher"),
			Grade:   rapid.SampledFrom([]store.TermGradeValue{store.Excellent, store.Good, store.Pass}).Draw(rt, "grade")})
	case 13:
		targets, _ := s.Targets(ctx, w.b.termID)
		if len(targets) == 0 {
			return
		}
		tg := rapid.SampledFrom(targets).Draw(rt, "target")
		tg.Required = rapid.IntRange(0, 10).Draw(rt, "required")
		tg.Weight = rapid.IntRange(0, 20).Draw(rt, "weight")
		_, err = s.UpdateTarget(ctx, tg)
	case 14:
		// What an activity left behind: who came, the minutes, a file, sometimes cleared.
		acts, _ := s.Activities(ctx, w.b.termID, store.Date{}, store.Date{})
		teachers, _ := s.Teachers(ctx)
		if len(acts) == 0 || len(teachers) == 0 {
			return
		}
		var p store.Proceedings
		if rapid.IntRange(0, 4).Draw(rt, "clear") > 0 {
			for _, te := range teachers {
				if rapid.Bool().Draw(rt, "came") {
					p.Attendees = append(p.Attendees, te.ID)
				}
			}
			p.ChairID = rapid.SampledFrom(teachers).Draw(rt, "chair").ID
			p.Minutes, p.Summary = word("minutes"), word("summary")
			if rapid.Bool().Draw(rt, "file") {
				p.Files = []store.FileRef{{Path: "2026-09/" + word("file") + ".jpg", Caption: word("caption")}}
			}
			if rapid.Bool().Draw(rt, "prep") {
				p.Prep = store.GroupPrep{LeadID: rapid.SampledFrom(teachers).Draw(rt, "lead").ID, Draft: word("draft")}
			}
		}
		_, err = s.SetProceedings(ctx, rapid.SampledFrom(acts).Draw(rt, "activity").ID, p)
	}
	// A person's change may be refused (a duplicate name, a deleted reference); anything
	// else is a failure.
	if err != nil && !errors.Is(err, store.ErrConflict) && !errors.Is(err, store.ErrInvalid) && !errors.Is(err, store.ErrNotFound) {
		rt.Fatalf("%s: op %d: %v", x.name, op, err)
	}
}

// liveIDs lists the live records of a kind on s.
func (w *world) liveIDs(ctx context.Context, s *store.Store, kind store.Kind) []string {
	var ids []string
	switch kind {
	case store.KindSchool:
		list, _ := s.Schools(ctx)
		for _, r := range list {
			ids = append(ids, r.ID)
		}
	case store.KindTeacher:
		list, _ := s.Teachers(ctx)
		for _, r := range list {
			ids = append(ids, r.ID)
		}
	case store.KindActivity:
		list, _ := s.Activities(ctx, w.b.termID, store.Date{}, store.Date{})
		for _, r := range list {
			ids = append(ids, r.ID)
		}
	case store.KindObservation:
		list, _ := s.Observations(ctx, store.ObservationFilter{TermID: w.b.termID})
		for _, r := range list {
			ids = append(ids, r.ID)
		}
	case store.KindGuidance:
		list, _ := s.GuidanceLog(ctx, w.b.pairID)
		for _, r := range list {
			ids = append(ids, r.ID)
		}
	default:
		panic(fmt.Sprint("no list for ", kind))
	}
	return ids
}
