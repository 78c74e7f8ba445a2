package sample

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode"

	"termbook/store"
	"termbook/store/storetest"
)

func openStore(t *testing.T) *store.Store {
	t.Helper()
	s := storetest.Create(t, filepath.Join(t.TempDir(), "sample.db"))
	t.Cleanup(func() { s.Close() })
	return s
}

func writeSample(t *testing.T, today string, years int) *store.Store {
	t.Helper()
	s := openStore(t)
	if err := Write(context.Background(), s, storetest.Date(today), years); err != nil {
		t.Fatalf("Write(%s, %d): %v", today, years, err)
	}
	return s
}

// samples are the sample term for each day the tests ask for, written once per test binary.
var samples = struct {
	sync.Mutex
	files map[string]*storetest.File
}{files: map[string]*storetest.File{}}

// sampleCopy opens a copy of the sample term written for today: for tests that read it, or
// write to it, without testing a Write of their own.
func sampleCopy(t *testing.T, today string) *store.Store {
	t.Helper()
	samples.Lock()
	f, ok := samples.files[today]
	if !ok {
		f = storetest.NewFile(func(tb storetest.TB, path string) {
			s := storetest.Create(tb, path)
			defer s.Close()
			if err := Write(context.Background(), s, storetest.Date(today), 0); err != nil {
				tb.Fatalf("Write(%s, 0): %v", today, err)
			}
		})
		samples.files[today] = f
	}
	samples.Unlock()
	path := filepath.Join(t.TempDir(), "sample.db")
	f.CopyTo(t, path)
	s, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestTermAround(t *testing.T) {
	t.Parallel()
	tests := []struct {
		today, week1 string
		weeks        int
		name         string
	}{
		{"2026-11-18", "2026-08-31", 22, "2026—2027学年第一学期"},
		{"2027-01-31", "2026-08-31", 22, "2026—2027学年第一学期"},
		{"2026-08-12", "2026-08-10", 25, "2026—2027学年第一学期"},
		{"2027-04-14", "2027-02-15", 24, "2026—2027学年第二学期"},
		{"2027-02-03", "2027-02-01", 26, "2026—2027学年第二学期"},
		{"2027-07-31", "2027-02-15", 24, "2026—2027学年第二学期"},
	}
	for _, tt := range tests {
		week1, weeks := TermAround(storetest.Date(tt.today))
		if week1.String() != tt.week1 || weeks != tt.weeks || termName(week1) != tt.name {
			t.Errorf("TermAround(%s) = %s, %d weeks, %s; want %s, %d, %s", tt.today, week1, weeks, termName(week1), tt.week1, tt.weeks, tt.name)
		}
	}
	// Every day of three years falls inside its sample term, which starts on a Monday.
	for d := storetest.Date("2026-01-01"); d.Before(storetest.Date("2029-01-01")); d = d.AddDays(1) {
		week1, weeks := TermAround(d)
		term := store.Term{Name: termName(week1), Week1: week1, Weeks: weeks}
		if err := term.Validate(); err != nil || !term.Contains(d) {
			t.Fatalf("TermAround(%s) = %s, %d weeks: contains %v, %v", d, week1, weeks, term.Contains(d), err)
		}
	}
}

// displayWidth counts wide characters as two cells.
func displayWidth(s string) int {
	w := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) || (r >= 0xff00 && r <= 0xffef) || (r >= 0x3000 && r <= 0x303f) {
			w += 2
		} else {
			w++
		}
	}
	return w
}

func TestWrite(t *testing.T) {
	t.Parallel()
	for _, today := range []string{"2026-11-18", "2027-04-14"} {
		t.Run(today, func(t *testing.T) {
			ctx := context.Background()
			day := storetest.Date(today)
			s := sampleCopy(t, today)
			term, err := s.CurrentTerm(ctx, day)
			if err != nil {
				t.Fatal(err)
			}
			if !term.Contains(day) {
				t.Fatalf("term %s (%s, %d weeks) does not contain %s", term.Name, term.Week1, term.Weeks, today)
			}
			types, _ := s.ActivityTypes(ctx)
			typeCode := map[string]string{}
			for _, ty := range types {
				typeCode[ty.ID] = ty.Code
			}
			acts, err := s.Activities(ctx, term.ID, store.Date{}, store.Date{})
			if err != nil {
				t.Fatal(err)
			}
			var done, overdue, postponed, cancelled, series int
			byWeek := map[int][]store.Activity{}
			for _, a := range acts {
				if err := a.Validate(term); err != nil {
					t.Errorf("activity %q does not validate: %v", a.Title, err)
				}
				if w := displayWidth(a.Title); w > 30 {
					t.Errorf("title %q is %d cells wide", a.Title, w)
				}
				switch {
				case a.Status == store.Done:
					done++
					if a.DoneOn.After(day) || !isSchoolDay(a.DoneOn) {
						t.Errorf("%q done on %s, not a past school day", a.Title, a.DoneOn)
					}
				case a.Status == store.Cancelled:
					cancelled++
					if a.Note == "" {
						t.Errorf("cancelled %q without a reason", a.Title)
					}
				case a.Status == store.Postponed:
					postponed++
					if a.Overdue(day) {
						t.Errorf("the postponed %q is already overdue (%s)", a.Title, a.Sched)
					}
					full, _ := s.Activity(ctx, a.ID)
					if len(full.Moves) == 0 || full.Moves[0].Reason == "" {
						t.Errorf("postponed %q has no history: %+v", a.Title, full.Moves)
					}
				}
				if a.Overdue(day) {
					overdue++
				}
				if a.Status != store.Done && a.Status != store.Cancelled && a.Last.Before(day) && !a.Overdue(day) {
					t.Errorf("%q is pending in the past but not overdue", a.Title)
				}
				if a.SeriesID != "" {
					series++
				}
				if w, ok := term.WeekOf(a.First); ok && a.Sched.Kind != store.ByMonth {
					byWeek[w] = append(byWeek[w], a)
				}
			}
			if done < 10 || overdue < 1 || postponed != 1 || cancelled < 1 || series < 20 {
				t.Errorf("done %d, overdue %d, postponed %d, cancelled %d, weekly %d", done, overdue, postponed, cancelled, series)
			}
			subjectsOf := func(w int, code string) string {
				var subs []string
				for _, a := range byWeek[w] {
					if typeCode[a.TypeID] == code {
						subs = append(subs, a.Subject)
					}
				}
				return strings.Join(subs, " ")
			}
			if got := subjectsOf(3, store.TypeOpenLesson); got != "语文 数学 音乐 体育" {
				t.Errorf("第3周 open lessons: %q", got)
			}
			for _, want := range []struct {
				week int
				code string
				n    int
			}{{4, store.TypeReportLesson, 4}, {11, store.TypeTalkContest, 1}, {16, store.TypeQualifying, 4}} {
				n := 0
				for _, a := range byWeek[want.week] {
					if typeCode[a.TypeID] == want.code {
						n++
					}
				}
				if n != want.n {
					t.Errorf("week %d has %d %s, want %d", want.week, n, want.code, want.n)
				}
			}
			months := map[store.SchedKind]int{}
			for _, a := range acts {
				if len(a.SchoolIDs) == 2 {
					months[a.Sched.Kind]++
				}
			}
			if months[store.ByDate] == 0 || months[store.ByWeek] == 0 || months[store.ByMonth] == 0 {
				t.Errorf("pairing activities by date/week/month: %v", months)
			}

			checkPeopleAndRecords(t, s, term, day)
		})
	}
}

func checkPeopleAndRecords(t *testing.T, s *store.Store, term store.Term, day store.Date) {
	ctx := context.Background()
	schools, _ := s.Schools(ctx)
	pairs, _ := s.SchoolPairs(ctx)
	teachers, _ := s.Teachers(ctx)
	if len(schools) != 2 || len(pairs) != 1 || len(teachers) != 12 {
		t.Errorf("%d schools, %d school pairs, %d teachers; want 2, 1, 12", len(schools), len(pairs), len(teachers))
	}
	if got := store.FindTeachers(teachers, "wl"); len(got) != 2 {
		t.Errorf(`"wl" matches %d teachers, want two (an ambiguity to show)`, len(got))
	}
	titles := map[string]bool{}
	for _, te := range teachers {
		for _, tag := range te.Tags() {
			titles[tag] = true
		}
		if te.Grade == "" || len(te.Subjects) == 0 {
			t.Errorf("teacher %s lacks grade or subject", te.Name)
		}
	}
	for _, want := range []string{"骨干教师", "学科带头人", "教学能手", "新任教师", "高级教师", "教研室主任"} {
		if !titles[want] {
			t.Errorf("no teacher is a %s", want)
		}
	}
	mps, _ := s.MentorPairs(ctx, term.ID)
	if len(mps) != 5 {
		t.Fatalf("%d mentor pairs, want 5", len(mps))
	}
	obs, err := s.Observations(ctx, store.ObservationFilter{TermID: term.ID})
	if err != nil || len(obs) < 30 {
		t.Fatalf("%d observations, %v", len(obs), err)
	}
	openFollowUps := 0
	for _, o := range obs {
		if o.On.After(day) || o.Grade == "" || o.Total <= 0 {
			t.Errorf("observation on %s: total %v grade %q", o.On, o.Total, o.Grade)
		}
		full, err := s.Observation(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := full.Validate(term); err != nil {
			t.Errorf("observation does not validate: %v", err)
		}
		if full.Texts.Process == "" || full.Texts.Comments == "" || full.Texts.Highlights == "" {
			t.Errorf("observation %s lacks texts", o.ID)
		}
		if full.FollowUp.Open() {
			openFollowUps++
		}
	}
	if openFollowUps == 0 {
		t.Error("no open follow-up actions")
	}
	// Mentees observe their mentors: the pair that is behind has fewer than the rest.
	observed := map[string]int{}
	for _, p := range mps {
		list, _ := s.Observations(ctx, store.ObservationFilter{TermID: term.ID, TeacherID: p.MentorID, ObserverID: p.MenteeID})
		observed[p.ID] = len(list)
		log, _ := s.GuidanceLog(ctx, p.ID)
		if len(log) == 0 {
			t.Errorf("pair %s has no guidance", p.ID)
		}
		for _, g := range log {
			if g.Content == "" || g.Reflection == "" || g.On.After(day) {
				t.Errorf("guidance %+v", g)
			}
		}
	}
	counts := make([]int, 0, len(observed))
	for _, n := range observed {
		counts = append(counts, n)
	}
	sort.Ints(counts)
	if counts[0] >= counts[len(counts)-1] {
		t.Errorf("every pair is equally on track: %v", counts)
	}
	handins, _ := s.Handins(ctx, store.HandinFilter{TermID: term.ID})
	kinds, checked := map[string]int{}, 0
	for _, h := range handins {
		kinds[h.KindID]++
		if h.Checked() {
			checked++
			if h.CheckedOn.After(day) || h.CheckedOn.Before(h.On) {
				t.Errorf("hand-in of %s checked on %s", h.On, h.CheckedOn)
			}
		}
		if err := h.Validate(); err != nil {
			t.Errorf("hand-in does not validate: %v", err)
		}
	}
	if kinds[store.BuiltinHandinKindID(store.KindLessonPlan)] == 0 || kinds[store.BuiltinHandinKindID(store.KindReadingNotes)] == 0 ||
		kinds[store.BuiltinHandinKindID(store.KindDemoPlan)] == 0 {
		t.Errorf("hand-ins by kind: %v", kinds)
	}
	if checked == 0 || checked == len(handins) {
		t.Errorf("%d of %d hand-ins checked; want some checked and some not yet", checked, len(handins))
	}
}

// summary is the content of a sample without its ids, for comparing two runs.
func summary(t *testing.T, s *store.Store) string {
	ctx := context.Background()
	var b strings.Builder
	terms, _ := s.Terms(ctx)
	for _, term := range terms {
		fmt.Fprintln(&b, term.Name, term.Week1, term.Weeks)
		acts, err := s.Activities(ctx, term.ID, store.Date{}, store.Date{})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range acts {
			fmt.Fprintln(&b, a.Title, a.Sched, a.Status, a.DoneOn, a.Note, a.Time, a.Place)
		}
		obs, _ := s.Observations(ctx, store.ObservationFilter{TermID: term.ID})
		for _, o := range obs {
			fmt.Fprintln(&b, o.On, o.Topic, o.Total, o.Grade, o.ClassName, o.Period)
		}
	}
	teachers, _ := s.Teachers(ctx)
	for _, te := range teachers {
		fmt.Fprintln(&b, te.Name, te.Subjects, te.Grade, te.Rank, te.Post, te.Honour)
	}
	return b.String()
}

func TestWriteRefusesATermbookWithTerms(t *testing.T) {
	t.Parallel()
	s := sampleCopy(t, "2026-11-18")
	err := Write(context.Background(), s, storetest.Date("2026-11-18"), 0)
	if !errors.Is(err, ErrNotEmpty) {
		t.Errorf("a second Write: %v, want ErrNotEmpty", err)
	}
	if terms, _ := s.Terms(context.Background()); len(terms) != 1 {
		t.Errorf("%d terms after a refused Write", len(terms))
	}
}

func TestWriteIsDeterministic(t *testing.T) {
	t.Parallel()
	for _, today := range []string{"2026-11-18", "2027-04-14"} {
		// The shared copy came from a Write of its own, in another file.
		a := summary(t, sampleCopy(t, today))
		b := summary(t, writeSample(t, today, 0))
		if a != b {
			t.Errorf("two samples for %s differ", today)
		}
		if len(a) < 2000 {
			t.Errorf("summary too short to mean anything: %d bytes", len(a))
		}
	}
}

// TestWriteHistory writes the sample with a year of history twice: the two must be the same
// (as TestWriteIsDeterministic checks for the sample alone), and hold terms of a realistic
// size.
func TestWriteHistory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a year of history")
	}
	t.Parallel()
	ctx := context.Background()
	s, again := openStore(t), openStore(t)
	day := storetest.Date("2026-11-18")
	written := make(chan error, 1)
	go func() { written <- Write(ctx, again, day, 1) }() // on the other core
	err := Write(ctx, s, day, 1)
	if err := errors.Join(err, <-written); err != nil {
		t.Fatal(err)
	}
	if summary(t, s) != summary(t, again) {
		t.Error("two samples with a year of history differ")
	}
	terms, _ := s.Terms(ctx)
	if len(terms) != 3 {
		t.Fatalf("%d terms, want the sample term and two of history", len(terms))
	}
	schools, _ := s.Schools(ctx)
	teachers, _ := s.Teachers(ctx)
	if len(schools) != 6 || len(teachers) != 300 {
		t.Errorf("%d schools and %d teachers, want 6 and 300", len(schools), len(teachers))
	}
	for i, term := range terms[1:] {
		if end := term.End(); !end.Before(terms[i].Week1) {
			t.Errorf("term %s ends %s, after the next one starts", term.Name, end)
		}
		acts, _ := s.Activities(ctx, term.ID, store.Date{}, store.Date{})
		obs, _ := s.Observations(ctx, store.ObservationFilter{TermID: term.ID})
		pairs, _ := s.MentorPairs(ctx, term.ID)
		guidance := 0
		for _, p := range pairs {
			log, _ := s.GuidanceLog(ctx, p.ID)
			guidance += len(log)
		}
		if len(acts) < 850 || len(acts) > 1150 || len(obs) < 2900 || len(obs) > 3100 || guidance < 900 || guidance > 1100 {
			t.Errorf("%s: %d activities, %d observations, %d guidance entries; want about 1000, 3000, 1000",
				term.Name, len(acts), len(obs), guidance)
		}
		for _, a := range acts {
			if err := a.Validate(term); err != nil {
				t.Fatalf("%s: %v", a.Title, err)
			}
		}
		full, _ := s.Observation(ctx, obs[len(obs)/2].ID)
		if n := len([]rune(full.Texts.Process + full.Texts.Comments)); n < 300 {
			t.Errorf("history observation texts are %d characters, want a realistic length", n)
		}
	}
}

func benchmarkWrite(b *testing.B, years int) {
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := store.Open(context.Background(), filepath.Join(b.TempDir(), "sample.db"), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := Write(context.Background(), s, storetest.Date("2026-11-18"), years); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

// BenchmarkWrite is the sample term alone, as --demo writes it at every start.
func BenchmarkWrite(b *testing.B) { benchmarkWrite(b, 0) }

// BenchmarkWriteYear is one year of history: ten of them must take under a minute.
func BenchmarkWriteYear(b *testing.B) { benchmarkWrite(b, 1) }
