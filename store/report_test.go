package store

import (
	"context"
	"strings"
	"testing"
)

func TestReports(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newFixture(t)
	s := f.s
	empty, err := s.Report(ctx, f.term.ID, 0)
	if err != nil || empty.ID != "" || empty.TermID != f.term.ID {
		t.Fatalf("an unwritten report = %+v, %v", empty, err)
	}
	r := empty
	r.Unit, r.FilledBy, r.ApprovedBy, r.Dated = "青山路小学教研室", "黄德明", "王校长", MustDate("2027-01-15")
	r.Progress = "本学期开展教研活动二十次。\n师徒结对五对。"
	r.Plans = "下学期继续……"
	first, err := s.SaveReport(ctx, r)
	if err != nil {
		t.Fatal(err)
	}
	first.Results = "新任教师汇报课全部合格。"
	second, err := s.SaveReport(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	if second.ID != first.ID {
		t.Error("saving again made a second report")
	}
	got, err := s.Report(ctx, f.term.ID, 0)
	if err != nil || got.ID != first.ID || got.Progress != r.Progress || got.Results != first.Results || got.Plans != r.Plans ||
		got.Unit != r.Unit || got.Dated != r.Dated || got.ApprovedBy != "王校长" {
		t.Errorf("read back: %+v, %v", got, err)
	}

	// A school year's report is its own.
	year, err := s.SaveReport(ctx, Report{SchoolYear: 2026, Unit: "青山路小学", Narrative: Narrative{Problems: "送教下乡次数偏少。"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Report(ctx, "", 2026); got.ID != year.ID || got.Problems != "送教下乡次数偏少。" || got.TermID != "" {
		t.Errorf("the year's report = %+v", got)
	}
	if got, _ := s.Report(ctx, "", 2025); got.ID != "" || got.SchoolYear != 2025 {
		t.Errorf("another year's report = %+v", got)
	}

	before := count(t, s, "reports")
	for _, tt := range []struct {
		name    string
		r       Report
		field   string
		problem Problem
	}{
		{"no term or year", Report{Unit: "x"}, "term", Required},
		{"an unknown term", Report{TermID: "nope"}, "term", Unknown},
		{"a narrative too long", Report{TermID: f.term.ID, Narrative: Narrative{Plans: strings.Repeat("字", MaxLong+1)}}, "plans", TooLong},
		{"a unit with a control character", Report{TermID: f.term.ID, Unit: "青山\x07"}, "unit", ControlChars},
		{"no such day", Report{TermID: f.term.ID, Dated: Date{2027, 2, 30}}, "date", BadDate},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.SaveReport(ctx, tt.r)
			wantField(t, err, tt.field, tt.problem)
		})
	}
	if got := count(t, s, "reports"); got != before {
		t.Errorf("%d reports written by refused calls", got-before)
	}
	if got, _ := s.Report(ctx, f.term.ID, 0); got.Progress != r.Progress {
		t.Error("a refused save changed the report")
	}
}

func TestNarrativeSections(t *testing.T) {
	t.Parallel()
	var n Narrative
	for i, sec := range Sections() {
		n.SetText(sec, strings.Repeat("x", i+1))
	}
	for i, sec := range Sections() {
		if got := n.Text(sec); len(got) != i+1 {
			t.Errorf("%s = %q", sec, got)
		}
	}
	if n.Progress != "x" || n.Plans != "xxxx" {
		t.Errorf("sections in the wrong fields: %+v", n)
	}
}
