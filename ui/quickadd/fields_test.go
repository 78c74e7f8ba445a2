package quickadd

import (
	"errors"
	"testing"

	"termbook/store"
	"termbook/store/storetest"
)

func TestSchedule(t *testing.T) {
	tests := []struct {
		text   string
		want   store.Schedule
		reason string
		kind   ErrorKind // 0: no error
	}{
		{"5", store.InWeek(5), "", 0},
		{"５", store.InWeek(5), "", 0},
		{"w5 与期中考试冲突", store.InWeek(5), "与期中考试冲突", 0},
		{"第五周", store.InWeek(5), "", 0},
		{"下周", store.InWeek(3), "", 0},
		{"第5周 周二", on("2026-10-06"), "", 0},
		{"下周二 老师病假", on("2026-09-22"), "老师病假", 0},
		{"11-3", on("2026-11-03"), "", 0},
		{"11月3日", on("2026-11-03"), "", 0},
		{"11月3", on("2026-11-03"), "", 0},
		{"2026-11-03", on("2026-11-03"), "", 0},
		{"2026．11．3", on("2026-11-03"), "", 0},
		{"1-5", on("2027-01-05"), "", 0},
		{"明天", on("2026-09-17"), "", 0},
		{"11月", store.InMonth(store.Month{Year: 2026, Month: 11}), "", 0},
		{"2026-12 合并", store.InMonth(store.Month{Year: 2026, Month: 12}), "合并", 0},
		{"25", store.Schedule{}, "", WeekOutOfRange},
		{"3-15", store.Schedule{}, "", DateOutsideTerm},
		{"2-30", store.Schedule{}, "", BadDate},
		{"下下周", store.Schedule{}, "", NotWhen},
		{"", store.Schedule{}, "", NotWhen},
		{"5 6", store.InWeek(5), "6", 0}, // a second number is the reason, not a second week
	}
	for _, tt := range tests {
		got, reason, err := Schedule(tt.text, fixture())
		var qe *Error
		switch {
		case tt.kind != 0 && (!errors.As(err, &qe) || qe.Kind != tt.kind):
			t.Errorf("Schedule(%q): err %v, want kind %d", tt.text, err, tt.kind)
		case tt.kind == 0 && err != nil:
			t.Errorf("Schedule(%q): %v", tt.text, err)
		case tt.kind == 0 && (got != tt.want || reason != tt.reason):
			t.Errorf("Schedule(%q) = %+v, %q; want %+v, %q", tt.text, got, reason, tt.want, tt.reason)
		}
	}
}

func TestWeekAndDay(t *testing.T) {
	for _, tt := range []struct {
		text string
		want int
		kind ErrorKind
	}{
		{"5", 5, 0}, {"w12", 12, 0}, {"第十二周", 12, 0}, {"本周", 2, 0}, {"21", 0, WeekOutOfRange}, {"11月", 0, NotWeek}, {"春", 0, NotWeek},
	} {
		got, err := Week(tt.text, fixture())
		var qe *Error
		if tt.kind != 0 && (!errors.As(err, &qe) || qe.Kind != tt.kind) || tt.kind == 0 && (err != nil || got != tt.want) {
			t.Errorf("Week(%q) = %d, %v; want %d, kind %d", tt.text, got, err, tt.want, tt.kind)
		}
	}
	for _, tt := range []struct {
		text string
		want string // "" for an error of kind
		kind ErrorKind
	}{
		{"2026-09-15", "2026-09-15", 0},
		{"9-15", "2026-09-15", 0},
		{"9月15日", "2026-09-15", 0},
		{"9/15", "2026-09-15", 0},
		{"今天", "2026-09-16", 0},
		{"周五", "2026-09-18", 0},
		{"下周一", "2026-09-21", 0},
		{"第3周 周二", "2026-09-22", 0},
		{"2024-05-01", "2024-05-01", 0}, // outside the term: an agreement signed long ago
		{"3-1", "2027-03-01", 0},        // after the term, in the year its months run into
		{"8-31", "2026-08-31", 0},
		{"2-30", "", BadDate},
		{"第3周", "", NotDay},
		{"11月", "", NotDay},
		{"春天", "", NotDay},
	} {
		got, err := Day(tt.text, fixture())
		var qe *Error
		if tt.kind != 0 && (!errors.As(err, &qe) || qe.Kind != tt.kind) || tt.kind == 0 && (err != nil || got.String() != tt.want) {
			t.Errorf("Day(%q) = %v, %v; want %s, kind %d", tt.text, got, err, tt.want, tt.kind)
		}
	}
	noTerm := Context{Today: storetest.Date("2027-02-10")}
	if d, err := Day("2-20", noTerm); err != nil || d.String() != "2027-02-20" {
		t.Errorf("Day without a term = %v, %v; want 2027-02-20", d, err)
	}
	if d, err := Day("下周一", noTerm); err != nil || d.String() != "2027-02-15" {
		t.Errorf("Day(下周一) without a term = %v, %v; want 2027-02-15", d, err)
	}
	if d, err := Day("  ", fixture()); err != nil || !d.IsZero() {
		t.Errorf("Day of nothing = %v, %v; want the zero date", d, err)
	}
}
