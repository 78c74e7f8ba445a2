package store_test

import (
	"math"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"termbook/store"
	"termbook/store/storetest"
	"termbook/ui/i18n"
)

// Bad input of any kind must come back as a field error that reads as one clear sentence in
// both languages; these fuzz tests feed the parsers and validators arbitrary input. Their seed
// corpora are in testdata/fuzz; `.ci/fuzz` runs each for a few seconds, FUZZTIME=10m longer.

// sentence fails the test unless err reads as one clear line in both languages.
func sentence(t *testing.T, err error) {
	t.Helper()
	for _, l := range []i18n.Lang{i18n.Zh, i18n.En} {
		msg := l.Error(err)
		if msg == "" || strings.ContainsAny(msg, "\n\r") || strings.Contains(msg, "%!") || !utf8.ValidString(msg) {
			t.Fatalf("message for %v in %s is not one clear line: %q", err, l, msg)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-11-28", "2026-02-29", "2024-02-29", "0000-01-01", "2026-1-5", "2026-11-28T00:00:00Z", "", "２０２６-11-28", "2026-11-31"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := store.ParseDate(s)
		if err != nil {
			return
		}
		if got := d.String(); got != s && !d.IsZero() {
			t.Fatalf("ParseDate(%q) = %v, which prints as %q", s, d, got)
		}
		if back, err := store.ParseDate(d.String()); err == nil && back != d {
			t.Fatalf("ParseDate round trip: %q → %v → %v", s, d, back)
		}
	})
}

func FuzzParseMonth(f *testing.F) {
	for _, s := range []string{"2026-11", "2026-13", "2026-00", "2026-1", "11月", "", "9999-12"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := store.ParseMonth(s)
		if err != nil {
			return
		}
		if m.Month < 1 || m.Month > 12 || m.String() != s {
			t.Fatalf("ParseMonth(%q) = %+v, printed %q", s, m, m.String())
		}
		if m.Last().Before(m.First()) || m.Next().First().Sub(m.Last()) != 1 {
			t.Fatalf("month %v: first %v last %v next %v", m, m.First(), m.Last(), m.Next())
		}
	})
}

// FuzzSchedule validates an activity scheduled by an arbitrary date, week or month against a
// term: a valid schedule lies inside the term, an invalid one is a field error.
func FuzzSchedule(f *testing.F) {
	f.Add("2026-08-31", 20, "week", "", 3, "")
	f.Add("2026-08-31", 20, "date", "2026-09-15", 0, "")
	f.Add("2026-08-31", 20, "month", "", 0, "2026-11")
	f.Add("2026-08-31", 20, "month", "", 0, "2027-07")
	f.Add("2026-08-31", 20, "week", "", 21, "")
	f.Add("2026-08-31", 20, "date", "2027-02-30", 0, "")
	f.Add("2026-08-31", 20, "", "", 0, "")
	f.Fuzz(func(t *testing.T, week1 string, weeks int, kind, date string, week int, month string) {
		w1, err := store.ParseDate(week1)
		if err != nil {
			return
		}
		term := store.Term{Name: "学期", Week1: w1, Weeks: weeks}
		if term.Validate() != nil {
			return
		}
		d, _ := store.ParseDate(date)
		m, _ := store.ParseMonth(month)
		a := store.Activity{TypeID: "t", Title: "教研活动", Status: store.Planned,
			Sched: store.Schedule{Kind: store.SchedKind(kind), Date: d, Week: week, Month: m}}
		err = a.Validate(term)
		if err != nil {
			sentence(t, err)
			return
		}
		first, last := a.Sched.Span(term)
		if last.Before(term.Start()) || first.After(term.End()) {
			t.Fatalf("valid schedule %v spans %v..%v, outside the term %v..%v", a.Sched, first, last, term.Start(), term.End())
		}
		if a.Sched.Kind == store.ByWeek && (week < 1 || week > weeks) {
			t.Fatalf("week %d accepted in a %d-week term", week, weeks)
		}
	})
}

// FuzzScores validates an observation with arbitrary scores against the default rubric: valid
// scores are each within their dimension's points, and the total within the rubric's.
func FuzzScores(f *testing.F) {
	f.Add(10.0, 15.0, 15.0, 20.0, 15.0, 15.0, 10.0, 7)
	f.Add(-1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 7)
	f.Add(math.NaN(), 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 3)
	f.Add(math.Inf(1), 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1)
	f.Add(10.5, 15.0, 15.0, 20.0, 15.0, 15.0, 10.0, 8)
	f.Fuzz(func(t *testing.T, a, b, c, d, e, g, h float64, n int) {
		all := []float64{a, b, c, d, e, g, h, a + b}
		if n < 0 || n > len(all) {
			n = len(all)
		}
		term := store.Term{Name: "学期", Week1: storetest.Date("2026-08-31"), Weeks: 20}
		o := store.Observation{SchoolID: "s", TeacherID: "t", ObserverID: "o", On: storetest.Date("2026-09-15"),
			Rubric: store.DefaultRubricSpec(), Scores: all[:n]}
		err := o.Validate(term)
		if err != nil {
			sentence(t, err)
			return
		}
		if n > len(o.Rubric.Dimensions) {
			t.Fatalf("%d scores accepted for %d dimensions", n, len(o.Rubric.Dimensions))
		}
		for i, s := range o.Scores {
			if !(s >= 0 && s <= o.Rubric.Dimensions[i].Max) {
				t.Fatalf("score %v accepted for %s (max %v)", s, o.Rubric.Dimensions[i].Name, o.Rubric.Dimensions[i].Max)
			}
		}
		o.Score()
		if o.Total < 0 || o.Total > 100 || math.IsNaN(o.Total) {
			t.Fatalf("total %v from valid scores %v", o.Total, o.Scores)
		}
	})
}

// FuzzText validates typed text (a school's name, an observation's free-text pane): what is
// accepted is valid UTF-8, within the limit, without control characters; what is refused
// gets a sentence naming the field.
func FuzzText(f *testing.F) {
	for _, s := range []string{"定边第五小学", "", "  ", "a\x00b", "\xff\xfe", "一\n二", "tab\there", strings.Repeat("长", 41), "\u2028", "e\u0301", "\x1b[31mred"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := store.School{Name: s}.Validate()
		if err == nil {
			if !utf8.ValidString(s) || utf8.RuneCountInString(s) > store.MaxName || strings.TrimSpace(s) == "" ||
				strings.ContainsFunc(s, unicode.IsControl) {
				t.Fatalf("school name %q accepted", s)
			}
		} else {
			sentence(t, err)
			if msg := i18n.En.Error(err); !strings.Contains(msg, "name") {
				t.Fatalf("message %q does not name the field", msg)
			}
		}
		term := store.Term{Name: "学期", Week1: storetest.Date("2026-08-31"), Weeks: 20}
		o := store.Observation{SchoolID: "s", TeacherID: "t", ObserverID: "o", On: storetest.Date("2026-09-15"),
			Rubric: store.DefaultRubricSpec(), Texts: store.ObservationTexts{Process: s}}
		if err := o.Validate(term); err != nil {
			sentence(t, err)
		} else if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }) {
			t.Fatalf("lesson record %q accepted", s)
		}
	})
}
