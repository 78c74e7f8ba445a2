package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Report is what the office writes itself into the report that goes up to the district
// (上报材料) for a term or a school year: the header and the narrative sections. The figures
// are counted from the records when the report is written; only these words are kept.
type Report struct {
	Record
	TermID     string     // a term's report, or
	SchoolYear SchoolYear // a school year's (when TermID is "")
	Unit       string     // 单位
	FilledBy   string     // 填报人
	ApprovedBy string     // 审核人
	Dated      Date       // 日期; the day it is written when zero
	Narrative
}

// Narrative is a report's written sections, the ones a district expects.
type Narrative struct {
	Progress string // 开展情况
	Results  string // 主要成效
	Problems string // 存在问题
	Plans    string // 下步打算
}

// Section names one section of a narrative, for reading one from a file.
type Section string

// The narrative's sections, in the order a report prints them.
const (
	SectionProgress Section = "progress"
	SectionResults  Section = "results"
	SectionProblems Section = "problems"
	SectionPlans    Section = "plans"
)

// Sections lists the narrative's sections in order.
func Sections() []Section {
	return []Section{SectionProgress, SectionResults, SectionProblems, SectionPlans}
}

// Text returns one section's text.
func (n Narrative) Text(sec Section) string {
	switch sec {
	case SectionProgress:
		return n.Progress
	case SectionResults:
		return n.Results
	case SectionProblems:
		return n.Problems
	case SectionPlans:
		return n.Plans
	}
	return ""
}

// SetText sets one section's text.
func (n *Narrative) SetText(sec Section, text string) {
	switch sec {
	case SectionProgress:
		n.Progress = text
	case SectionResults:
		n.Results = text
	case SectionProblems:
		n.Problems = text
	case SectionPlans:
		n.Plans = text
	}
}

// Validate checks the report's fields.
func (r Report) Validate() error {
	c := checker{record: "report"}
	if r.TermID == "" && r.SchoolYear == 0 {
		c.add(FieldError{Field: "term", Problem: Required})
	}
	c.text("unit", r.Unit, MaxShort, false, false)
	c.text("filled_by", r.FilledBy, MaxName, false, false)
	c.text("approved_by", r.ApprovedBy, MaxName, false, false)
	c.date("date", r.Dated, false)
	for _, sec := range Sections() {
		c.text(string(sec), r.Text(sec), MaxLong, false, true)
	}
	return c.err()
}

const reportCols = "r.term_id, r.school_year, r.unit, r.filled_by, r.approved_by, r.dated, " +
	"COALESCE(x.progress, ''), COALESCE(x.results, ''), COALESCE(x.problems, ''), COALESCE(x.plans, ''), " +
	"r.id, r.created_at, r.updated_at, r.updated_by, r.deleted_at"

// reportReceivedCols are the columns scanReport reads, as an exchanged report names them.
const reportReceivedCols = "term_id, school_year, unit, filled_by, approved_by, dated, progress, results, problems, plans, " + recordCols

func scanReport(sc scanner) (Report, error) {
	var r Report
	var term sql.NullString
	var year string
	rec, fill := recordDest(&r.Record)
	err := sc.Scan(append([]any{&term, &year, &r.Unit, &r.FilledBy, &r.ApprovedBy, dateCol{&r.Dated},
		&r.Progress, &r.Results, &r.Problems, &r.Plans}, rec...)...)
	fill()
	r.TermID = term.String
	if err == nil && year != "" {
		if r.SchoolYear, err = ParseSchoolYear(year); err != nil {
			err = FieldError{Field: "school_year", Problem: BadValue, Value: shown(year)}
		}
	}
	return r, err
}

// reportWhere selects the live report of a term, or of a school year when termID is "".
func reportWhere(termID string, year SchoolYear) (string, any) {
	if termID != "" {
		return "r.term_id = ?", termID
	}
	return "r.school_year = ?", year.String()
}

// Report returns what the office has written for the report of term termID, or of school
// year y when termID is "": an empty Report (no id) for that term or year when nothing has
// been written yet.
func (s *Store) Report(ctx context.Context, termID string, y SchoolYear) (Report, error) {
	where, arg := reportWhere(termID, y)
	r, err := scanReport(s.r.QueryRowContext(ctx, "SELECT "+reportCols+
		" FROM reports r LEFT JOIN report_texts x ON x.report_id = r.id WHERE r.deleted_at IS NULL AND "+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		r = Report{TermID: termID}
		if termID == "" {
			r.SchoolYear = y
		}
		return r, nil
	}
	return r, notFound("report", err)
}

// SaveReport saves a report's header and narrative, in one transaction: the term's or school
// year's report is created on first save and replaced afterwards.
func (s *Store) SaveReport(ctx context.Context, r Report) (Report, error) {
	r.Unit, r.FilledBy, r.ApprovedBy = strings.TrimSpace(r.Unit), strings.TrimSpace(r.FilledBy), strings.TrimSpace(r.ApprovedBy)
	if r.TermID != "" {
		r.SchoolYear = 0
	}
	if err := r.Validate(); err != nil {
		return r, err
	}
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		if err := mustExist(ctx, tx, "terms", "term", r.TermID); err != nil {
			return err
		}
		where, arg := reportWhere(r.TermID, r.SchoolYear)
		var existing Record
		rec, fill := recordDest(&existing)
		err := tx.QueryRowContext(ctx, "SELECT r.id, r.created_at, r.updated_at, r.updated_by, r.deleted_at FROM reports r WHERE r.deleted_at IS NULL AND "+where, arg).Scan(rec...)
		insert := errors.Is(err, sql.ErrNoRows)
		if err != nil && !insert {
			return err
		}
		fill()
		r.Record = existing
		if insert {
			r.Record = Record{}
		}
		s.touch(&r.Record)
		year := ""
		if r.TermID == "" {
			year = r.SchoolYear.String()
		}
		if err := putRow(ctx, tx, insert, "reports", []string{"term_id", "school_year", "unit", "filled_by", "approved_by", "dated"},
			[]any{nullString(r.TermID), year, r.Unit, r.FilledBy, r.ApprovedBy, nullDate(r.Dated)}, r.Record); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO report_texts (report_id, progress, results, problems, plans) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (report_id) DO UPDATE SET progress = excluded.progress, results = excluded.results,
			problems = excluded.problems, plans = excluded.plans`, r.ID, r.Progress, r.Results, r.Problems, r.Plans)
		return err
	})
	if err != nil {
		return r, fmt.Errorf("save report: %w", err)
	}
	return r, nil
}
