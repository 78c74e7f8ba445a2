package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Dimension is one line of a rubric: a name, its maximum points and what earns them (评价要点).
type Dimension struct {
	Name   string  `json:"name"`
	NameEn string  `json:"name_en,omitempty"`
	Max    float64 `json:"max"`
	Points string  `json:"points,omitempty"` // 评价要点: what the observer looks for
}

// Band is a grade and the lowest total that earns it (优 ≥ 90 …).
type Band struct {
	Grade string  `json:"grade"` // 优, 良, 中, 差
	Min   float64 `json:"min"`
}

// Grade letters of the default bands, best first.
const (
	GradeExcellent = "优"
	GradeGood      = "良"
	GradeFair      = "中"
	GradePoor      = "差"
)

// RubricSpec is what a rubric scores: its dimensions and grade bands. An observation keeps a
// copy of the spec it was scored with, so later edits never change old records.
type RubricSpec struct {
	Dimensions []Dimension `json:"dimensions"`
	Bands      []Band      `json:"bands"` // best first; the last has Min 0
}

// Rubric is a named, editable 评课量表. An observation is scored with the rubric picked for
// it: by default its subject's own rubric, else the school's default (RubricFor). A retired
// rubric is not offered any more; observations keep the copy they were scored with whatever
// happens to the rubric later.
type Rubric struct {
	Record
	Name      string
	Subject   string // the subject whose observations it scores by default; "" for none
	Spec      RubricSpec
	IsDefault bool // the school's default: exactly one live rubric is
	Active    bool // false once retired

	// Full is the full marks the dimensions must add up to (满分), as the person editing the
	// rubric states them: saving refuses a rubric whose points add up to something else. It
	// is not stored; reading a rubric fills it with the sum.
	Full float64
}

// DefaultRubricSpec is the 100-point rubric of SPEC §2 with bands 优 ≥90, 良 80–89,
// 中 60–79, 差 <60.
func DefaultRubricSpec() RubricSpec {
	return RubricSpec{
		Dimensions: []Dimension{
			{Name: "教学目标", NameEn: "Objectives", Max: 10},
			{Name: "教学内容", NameEn: "Content", Max: 15},
			{Name: "教学方法与手段", NameEn: "Methods and media", Max: 15},
			{Name: "教学过程", NameEn: "Process", Max: 20},
			{Name: "学生活动", NameEn: "Student activity", Max: 15},
			{Name: "教学效果", NameEn: "Outcomes", Max: 15},
			{Name: "教师素养", NameEn: "Teacher's craft", Max: 10},
		},
		Bands: []Band{{GradeExcellent, 90}, {GradeGood, 80}, {GradeFair, 60}, {GradePoor, 0}},
	}
}

// Total is the sum of the dimensions' maximum points.
func (r RubricSpec) Total() float64 {
	var t float64
	for _, d := range r.Dimensions {
		t += d.Max
	}
	return t
}

// GradeFor returns the band a total falls in. Totals are compared as a share of the rubric's
// full marks scaled to 100, so bands mean the same on a 50-point rubric.
func (r RubricSpec) GradeFor(total float64) string {
	full := r.Total()
	if full <= 0 || len(r.Bands) == 0 {
		return ""
	}
	pct := total * 100 / full
	// Round away float noise (89.99999 is 90) before comparing with the band edges.
	pct = math.Round(pct*1000) / 1000
	for _, b := range r.Bands {
		if pct >= b.Min {
			return b.Grade
		}
	}
	return r.Bands[len(r.Bands)-1].Grade
}

// Validate checks dimensions and bands.
func (r RubricSpec) Validate() error {
	c := checker{record: "rubric"}
	if len(r.Dimensions) == 0 || len(r.Dimensions) > 20 {
		c.add(FieldError{Field: "dimensions", Problem: OutOfRange, Min: 1, Max: 20, Value: itoa(len(r.Dimensions))})
	}
	seen := map[string]bool{}
	for _, d := range r.Dimensions {
		c.text("dimension", d.Name, MaxName, true, false)
		if name := strings.TrimSpace(d.Name); name != "" && seen[name] {
			// Registers put each dimension's scores in the column of its name.
			c.add(FieldError{Field: "dimension", Problem: Duplicate, Value: name})
		} else {
			seen[name] = true
		}
		c.text("name_en", d.NameEn, MaxName, false, false)
		if d.Max <= 0 || d.Max > 100 || math.IsNaN(d.Max) {
			c.add(FieldError{Field: "max", Problem: OutOfRange, Min: 1, Max: 100, Value: fmt.Sprint(d.Max)})
		}
		c.text("points", d.Points, MaxNote, false, true)
	}
	if len(r.Bands) == 0 {
		c.add(FieldError{Field: "bands", Problem: Required})
	}
	for i, b := range r.Bands {
		c.text("band", b.Grade, 4, true, false)
		if b.Min < 0 || b.Min > 100 || (i > 0 && b.Min >= r.Bands[i-1].Min) {
			c.add(FieldError{Field: "band_min", Problem: OutOfRange, Min: 0, Max: 100, Value: fmt.Sprint(b.Min)})
		}
	}
	return c.err()
}

// MaxFull is the most full marks a rubric may have.
const MaxFull = 1000

// Validate checks the rubric: its name and subject, its spec, and that the dimensions' points
// add up to the full marks stated. The default rubric cannot be retired.
func (r Rubric) Validate() error {
	c := checker{record: "rubric"}
	c.text("name", r.Name, MaxShort, true, false)
	c.text("subject", r.Subject, MaxName, false, false)
	if r.Full <= 0 || r.Full > MaxFull || math.IsNaN(r.Full) {
		c.add(FieldError{Field: "full", Problem: OutOfRange, Min: 1, Max: MaxFull, Value: fmt.Sprint(r.Full)})
	} else if sum := r.Spec.Total(); len(r.Spec.Dimensions) > 0 && math.Abs(sum-r.Full) > 1e-9 {
		c.add(FieldError{Field: "full", Problem: Mismatch, Max: int(math.Round(r.Full)), Value: strconv.FormatFloat(sum, 'f', -1, 64)})
	}
	if r.IsDefault && !r.Active {
		c.add(FieldError{Field: "rubric", Problem: IsDefault, Value: r.Name})
	}
	if err := c.err(); err != nil {
		return err
	}
	return r.Spec.Validate()
}

// DefaultRubricName is the name of the rubric every database starts with.
const DefaultRubricName = "默认评课量表"

func (s *Store) seedDefaultRubric(ctx context.Context, tx dbtx) error {
	r := Rubric{Record: builtinRecord(DefaultRubricID), Name: DefaultRubricName, Spec: DefaultRubricSpec(), IsDefault: true, Active: true}
	// The columns subject and active come with a later migration; the default has neither.
	cols, args, err := rubricArgs(r)
	if err != nil {
		return err
	}
	return putRow(ctx, tx, true, "rubrics", cols[:3], args[:3], r.Record)
}

// rubricArgs are the stored columns of a rubric and their values.
func rubricArgs(r Rubric) ([]string, []any, error) {
	spec, err := json.Marshal(r.Spec)
	if err != nil {
		return nil, nil, err
	}
	return []string{"name", "spec", "is_default", "subject", "active"}, []any{r.Name, string(spec), r.IsDefault, r.Subject, r.Active}, nil
}

const rubricCols = "name, spec, is_default, subject, active, " + recordCols

func scanRubric(sc scanner) (Rubric, error) {
	var r Rubric
	var spec string
	rec, fill := recordDest(&r.Record)
	if err := sc.Scan(append([]any{&r.Name, &spec, &r.IsDefault, &r.Subject, &r.Active}, rec...)...); err != nil {
		return r, err
	}
	fill()
	if err := json.Unmarshal([]byte(spec), &r.Spec); err != nil {
		return r, fmt.Errorf("rubric %s: %w: %w", r.ID, ErrDamaged, FieldError{Field: "spec", Problem: BadValue, Value: shown(spec)})
	}
	r.Full = r.Spec.Total()
	return r, nil
}

// Rubrics returns the live rubrics, retired ones included: the default first, then the
// subjects' own by subject, then the rest by name. Pickers offer only the active ones.
func (s *Store) Rubrics(ctx context.Context) ([]Rubric, error) {
	return queryAll(ctx, s.r, scanRubric, "SELECT "+rubricCols+" FROM rubrics WHERE deleted_at IS NULL ORDER BY is_default DESC, subject = '', subject, name")
}

// Rubric returns one rubric, deleted or not.
func (s *Store) Rubric(ctx context.Context, id string) (Rubric, error) {
	r, err := scanRubric(s.r.QueryRowContext(ctx, "SELECT "+rubricCols+" FROM rubrics WHERE id = ?", id))
	return r, notFound("rubric", err)
}

// rubricForQuery finds the rubric a subject's observations are scored with by default: the
// subject's own active rubric, else the school's default. Should two paired schools each
// have made one for the subject, the later change wins, the same on both sides.
const rubricForQuery = "SELECT " + rubricCols + ` FROM rubrics WHERE deleted_at IS NULL
	AND ((active = 1 AND subject <> '' AND subject = ?) OR is_default = 1)
	ORDER BY is_default, updated_at DESC, id DESC LIMIT 1`

// RubricFor returns the rubric a new observation of subject is scored with unless another
// is picked: the subject's own rubric, else the school's default.
func (s *Store) RubricFor(ctx context.Context, subject string) (Rubric, error) {
	r, err := scanRubric(s.r.QueryRowContext(ctx, rubricForQuery, strings.TrimSpace(subject)))
	return r, notFound("rubric", err)
}

// DefaultRubric returns the rubric new observations are scored with.
func (s *Store) DefaultRubric(ctx context.Context) (Rubric, error) {
	r, err := scanRubric(s.r.QueryRowContext(ctx, "SELECT "+rubricCols+" FROM rubrics WHERE deleted_at IS NULL ORDER BY is_default DESC, created_at LIMIT 1"))
	return r, notFound("default rubric", err)
}

// CreateRubric adds a rubric, active; when IsDefault is set it becomes the only default.
func (s *Store) CreateRubric(ctx context.Context, r Rubric) (Rubric, error) {
	err := s.writeTx(ctx, func(tx *sql.Tx) error { return s.createRubric(ctx, tx, &r) })
	return r, err
}

func (s *Store) createRubric(ctx context.Context, tx dbtx, r *Rubric) error {
	r.Record, r.Active = Record{}, true
	if err := r.Validate(); err != nil {
		return err
	}
	cols, args, err := rubricArgs(*r)
	if err != nil {
		return err
	}
	s.touch(&r.Record)
	if err := uniqueRubric(ctx, tx, *r); err != nil {
		return err
	}
	if err := s.clearDefaultRubric(ctx, tx, *r); err != nil {
		return err
	}
	return putRow(ctx, tx, true, "rubrics", cols, args, r.Record)
}

// uniqueRubric refuses a name another live rubric has, and a subject another live, active
// rubric is already the subject's own for: a subject has one rubric its observations are
// scored with by default.
func uniqueRubric(ctx context.Context, tx dbtx, r Rubric) error {
	var other string
	err := tx.QueryRowContext(ctx, "SELECT name FROM rubrics WHERE deleted_at IS NULL AND id <> ? AND name = ?", r.ID, strings.TrimSpace(r.Name)).Scan(&other)
	if err == nil {
		return &InvalidError{Record: "rubric", Fields: []FieldError{{Field: "name", Problem: Duplicate, Value: other}}}
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if strings.TrimSpace(r.Subject) == "" || !r.Active {
		return nil
	}
	err = tx.QueryRowContext(ctx, "SELECT name FROM rubrics WHERE deleted_at IS NULL AND active = 1 AND id <> ? AND subject = ?",
		r.ID, strings.TrimSpace(r.Subject)).Scan(&other)
	if err == nil {
		return &InvalidError{Record: "rubric", Fields: []FieldError{{Field: "subject", Problem: Duplicate, Value: other}}}
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	return err
}

// rubricDeletable refuses to delete the default rubric: new observations need one.
func rubricDeletable(ctx context.Context, tx dbtx, id string) error {
	var name string
	var isDefault bool
	if err := tx.QueryRowContext(ctx, "SELECT name, is_default FROM rubrics WHERE id = ?", id).Scan(&name, &isDefault); err != nil {
		return notFound("rubric", err)
	}
	if isDefault {
		return &InvalidError{Record: "rubric", Fields: []FieldError{{Field: "rubric", Problem: IsDefault, Value: name}}}
	}
	return nil
}

// clearDefaultRubric takes the default mark off every other rubric when r is to be the
// default, so there is only ever one.
func (s *Store) clearDefaultRubric(ctx context.Context, tx dbtx, r Rubric) error {
	if !r.IsDefault {
		return nil
	}
	_, err := tx.ExecContext(ctx, "UPDATE rubrics SET is_default = 0, updated_at = ?, updated_by = ? WHERE is_default = 1 AND id <> ?",
		fmtStamp(r.UpdatedAt), s.installID, r.ID)
	return err
}

// UpdateRubric saves a rubric's name, subject, spec, default mark and whether it is retired:
// an edit, a rename, a retirement, or the undo of any of them. Observations already scored
// keep their copy. The default stays the default until another is made the default.
func (s *Store) UpdateRubric(ctx context.Context, r Rubric) (Rubric, error) {
	if r.ID == "" {
		return r, fmt.Errorf("update rubric: %w", ErrNotFound)
	}
	if err := r.Validate(); err != nil {
		return r, err
	}
	cols, args, err := rubricArgs(r)
	if err != nil {
		return r, err
	}
	err = s.writeTx(ctx, func(tx *sql.Tx) error {
		old, err := scanRubric(tx.QueryRowContext(ctx, "SELECT "+rubricCols+" FROM rubrics WHERE id = ? AND deleted_at IS NULL", r.ID))
		if err != nil {
			return notFound("rubric", err)
		}
		if old.IsDefault && !r.IsDefault {
			return &InvalidError{Record: "rubric", Fields: []FieldError{{Field: "rubric", Problem: IsDefault, Value: old.Name}}}
		}
		if err := uniqueRubric(ctx, tx, r); err != nil {
			return err
		}
		r.CreatedAt = old.CreatedAt
		s.touch(&r.Record)
		if err := s.clearDefaultRubric(ctx, tx, r); err != nil {
			return err
		}
		return putRow(ctx, tx, false, "rubrics", cols, args, r.Record)
	})
	return r, err
}
