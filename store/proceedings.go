package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"
)

// Proceedings are what an activity leaves behind (活动留痕), what the office shows an
// inspector: who chaired and who kept the record, who took part, the minutes and the summary,
// the photos and scanned sign-in sheets kept with it, and for a 集体备课 its lesson
// preparation. They live apart from the activity's row, so the calendar and the review never
// read them.
type Proceedings struct {
	ChairID    string   // 主持人
	RecorderID string   // 记录人
	Attendees  []string // 参加人员 (a 集体备课's 参与人): the teachers present, by id
	Minutes    string   // 纪要
	Summary    string   // 小结
	Files      []FileRef
	Prep       GroupPrep
}

// GroupPrep is a 集体备课's lesson preparation: who prepared the first draft, for which unit
// or lesson, the draft, what the group said about it, and the revised plan.
type GroupPrep struct {
	LeadID     string // 主备人
	Unit       string // 单元/课题
	Draft      string // 初案
	Discussion string // 讨论意见
	Revision   string // 复案
}

// FileRef is a file kept with an activity: a path inside the files folder beside the
// database (FilesDir), relative to it and written with "/", so that the folder can move with
// the database from machine to machine.
type FileRef struct {
	Path    string // 2026-10/签到表.jpg
	Caption string // 签到表, 活动照片 …
}

// Limits of an activity's proceedings.
const (
	MaxAttendees = 500
	MaxFiles     = 50
	MaxPath      = 260 // characters of a file reference
)

// IsZero reports whether nothing is recorded.
func (p Proceedings) IsZero() bool {
	return p.ChairID == "" && p.RecorderID == "" && len(p.Attendees) == 0 && p.Minutes == "" && p.Summary == "" &&
		len(p.Files) == 0 && p.Prep == GroupPrep{}
}

// Present is everyone recorded as there: the attendees, and whoever chaired, recorded or
// prepared the draft.
func (p Proceedings) Present() []string {
	ids := slices.Clone(p.Attendees)
	for _, id := range []string{p.ChairID, p.RecorderID, p.Prep.LeadID} {
		if id != "" && !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}

// Validate checks the texts and file references; that each teacher named is on the roster
// is checked when they are saved.
func (p Proceedings) Validate() error {
	c := checker{record: "activity"}
	p.check(&c)
	return c.err()
}

func (p Proceedings) check(c *checker) {
	if len(p.Attendees) > MaxAttendees {
		c.add(FieldError{Field: "attendees", Problem: OutOfRange, Max: MaxAttendees, Value: itoa(len(p.Attendees))})
	}
	c.text("minutes", p.Minutes, MaxLong, false, true)
	c.text("summary", p.Summary, MaxLong, false, true)
	c.text("prep_unit", p.Prep.Unit, MaxShort, false, false)
	c.text("prep_draft", p.Prep.Draft, MaxLong, false, true)
	c.text("prep_discussion", p.Prep.Discussion, MaxLong, false, true)
	c.text("prep_revision", p.Prep.Revision, MaxLong, false, true)
	if len(p.Files) > MaxFiles {
		c.add(FieldError{Field: "files", Problem: OutOfRange, Max: MaxFiles, Value: itoa(len(p.Files))})
	}
	seen := map[string]bool{}
	for _, f := range p.Files {
		checkFileRef(c, f.Path)
		if seen[f.Path] {
			c.add(FieldError{Field: "file", Problem: Duplicate, Value: f.Path})
		}
		seen[f.Path] = true
		c.text("caption", f.Caption, MaxShort, false, false)
	}
}

// Expected are the teachers expected at the activity, from roster: the active teachers of
// the schools taking part, of the activity's subject when it has one (the 语文组's meeting
// expects the 语文 teachers).
func (a Activity) Expected(roster []Teacher) []Teacher {
	var out []Teacher
	for _, t := range roster {
		if !t.Active || t.Deleted() || !slices.Contains(a.SchoolIDs, t.SchoolID) {
			continue
		}
		if a.Subject != "" && !slices.ContainsFunc(t.Subjects, func(s string) bool { return strings.EqualFold(s, a.Subject) }) {
			continue
		}
		out = append(out, t)
	}
	return out
}

// Absentees are the teachers expected at the activity who are not recorded as present (缺席),
// nor gave it. Until someone is recorded as present nobody is absent: the attendance is
// simply not taken yet.
func (a Activity) Absentees(roster []Teacher) []Teacher {
	if a.Proceedings == nil || len(a.Proceedings.Attendees) == 0 {
		return nil
	}
	present := append(a.Proceedings.Present(), a.HostID)
	var out []Teacher
	for _, t := range a.Expected(roster) {
		if !slices.Contains(present, t.ID) {
			out = append(out, t)
		}
	}
	return out
}

// checkProceedings checks what the store must look up: every teacher named is on the roster.
func checkProceedings(ctx context.Context, tx dbtx, p *Proceedings) error {
	if err := p.Validate(); err != nil {
		return err
	}
	p.Attendees = compactIDs(p.Attendees)
	for _, ref := range []struct{ field, id string }{
		{"chair", p.ChairID}, {"recorder", p.RecorderID}, {"prep_lead", p.Prep.LeadID},
	} {
		if err := mustExist(ctx, tx, "teachers", ref.field, ref.id); err != nil {
			return err
		}
	}
	for _, id := range p.Attendees {
		if err := mustExist(ctx, tx, "teachers", "attendees", id); err != nil {
			return err
		}
	}
	return nil
}

// compactIDs drops empty and repeated ids, keeping the first of each.
func compactIDs(ids []string) []string {
	var out []string
	for _, id := range ids {
		if id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// writeProceedings replaces an activity's proceedings; what is not recorded leaves no rows
// (a row of activity_records only while one of its own fields is filled, as a merge keeps it).
func writeProceedings(ctx context.Context, tx dbtx, activityID string, p Proceedings) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM activity_records WHERE activity_id = ?", activityID); err != nil {
		return err
	}
	if p.ChairID != "" || p.RecorderID != "" || p.Minutes != "" || p.Summary != "" || p.Prep != (GroupPrep{}) {
		if _, err := tx.ExecContext(ctx, "INSERT INTO activity_records (activity_id, "+proceedingsCols+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			activityID, nullString(p.ChairID), nullString(p.RecorderID), p.Minutes, p.Summary,
			nullString(p.Prep.LeadID), p.Prep.Unit, p.Prep.Draft, p.Prep.Discussion, p.Prep.Revision); err != nil {
			return err
		}
	}
	if err := setList(ctx, tx, attendeesList, activityID, p.Attendees); err != nil {
		return err
	}
	return setFiles(ctx, tx, activityID, p.Files)
}

// setFiles replaces the files kept with an activity, in their order.
func setFiles(ctx context.Context, tx dbtx, activityID string, files []FileRef) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM activity_files WHERE activity_id = ?", activityID); err != nil {
		return err
	}
	for i, f := range files {
		if _, err := tx.ExecContext(ctx, "INSERT INTO activity_files (activity_id, position, path, caption) VALUES (?, ?, ?, ?)",
			activityID, i+1, f.Path, f.Caption); err != nil {
			return err
		}
	}
	return nil
}

// proceedingsCols are the columns of an activity's row of activity_records: its
// proceedings but for the attendees and files.
const proceedingsCols = "chair_id, recorder_id, minutes, summary, prep_lead_id, prep_unit, prep_draft, prep_discussion, prep_revision"

// scanProceedings reads proceedingsCols, then into extra what a query selects after them.
func scanProceedings(sc scanner, extra ...any) (Proceedings, error) {
	var p Proceedings
	var chair, recorder, lead sql.NullString
	err := sc.Scan(append([]any{&chair, &recorder, &p.Minutes, &p.Summary,
		&lead, &p.Prep.Unit, &p.Prep.Draft, &p.Prep.Discussion, &p.Prep.Revision}, extra...)...)
	p.ChairID, p.RecorderID, p.Prep.LeadID = chair.String, recorder.String, lead.String
	return p, err
}

// loadProceedings fills the proceedings of acts in place: acts are the activities (aliased
// a) that where selects with args. Three queries whatever their number.
func loadProceedings(ctx context.Context, q querier, acts []Activity, where string, args ...any) error {
	idx := make(map[string]*Proceedings, len(acts))
	for i := range acts {
		acts[i].Proceedings = &Proceedings{}
		idx[acts[i].ID] = acts[i].Proceedings
	}
	from := func(table string) string {
		return " FROM activities a JOIN " + table + " x ON x.activity_id = a.id" + where
	}
	rows, err := q.QueryContext(ctx, "SELECT x."+strings.ReplaceAll(proceedingsCols, ", ", ", x.")+", x.activity_id"+from("activity_records"), args...)
	if err != nil {
		return mapErr(err)
	}
	err = scanRows(rows, func(rows *sql.Rows) error {
		var id string
		p, err := scanProceedings(rows, &id)
		if err != nil {
			return err
		}
		if dst := idx[id]; dst != nil {
			*dst = p
		}
		return nil
	})
	if err != nil {
		return err
	}
	rows, err = q.QueryContext(ctx, "SELECT x.activity_id, x.teacher_id"+from("activity_attendees")+" ORDER BY x.activity_id, x.teacher_id", args...)
	if err != nil {
		return mapErr(err)
	}
	err = scanRows(rows, func(rows *sql.Rows) error {
		var aid, tid string
		if err := rows.Scan(&aid, &tid); err != nil {
			return err
		}
		if dst := idx[aid]; dst != nil {
			dst.Attendees = append(dst.Attendees, tid)
		}
		return nil
	})
	if err != nil {
		return err
	}
	rows, err = q.QueryContext(ctx, "SELECT x.activity_id, x.path, x.caption"+from("activity_files")+" ORDER BY x.activity_id, x.position", args...)
	if err != nil {
		return mapErr(err)
	}
	return scanRows(rows, func(rows *sql.Rows) error {
		var aid string
		var f FileRef
		if err := rows.Scan(&aid, &f.Path, &f.Caption); err != nil {
			return err
		}
		if dst := idx[aid]; dst != nil {
			dst.Files = append(dst.Files, f)
		}
		return nil
	})
}

// LoadProceedings fills in the proceedings of activities read by a list (Activities), what
// the registers and the agenda print: three queries, whatever their number.
func (s *Store) LoadProceedings(ctx context.Context, acts []Activity) error {
	for start := 0; start < len(acts); start += 500 {
		part := acts[start:min(start+500, len(acts))]
		args := make([]any, len(part))
		for i, a := range part {
			args[i] = a.ID
		}
		if err := loadProceedings(ctx, s.r, part, " WHERE a.id IN ("+placeholders(len(part))+")", args...); err != nil {
			return err
		}
	}
	return nil
}

// SetProceedings saves an activity's proceedings, and only those, in one transaction: what
// the form that records a held activity saves.
func (s *Store) SetProceedings(ctx context.Context, activityID string, p Proceedings) (Activity, error) {
	return s.changeActivity(ctx, activityID, func(a *Activity) { a.Proceedings = &p })
}
