package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
)

// Dimension is one line of a rubric: a name and its maximum points.
type Dimension struct {
	Name   string  `json:"name"`
	NameEn string  `json:"name_en,omitempty"`
	Max    float64 `json:"max"`
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

// Rubric is a named, editable 评课量表.
type Rubric struct {
	Record
	Name      string
	Spec      RubricSpec
	IsDefault bool
}

// DefaultRubricSpec is the 100-point rubric of SPEC §2 with bands 优 ≥90, 良 80–89,
// 中 60–79, 差 <60.
func DefaultRubricSpec() RubricSpec {
	return RubricSpec{
		Dimensions: []Dimension{
			{"教学目标", "Objectives", 10},
			{"教学内容", "Content", 15},
			{"教学方法与手段", "Methods and media", 15},
			{"教学过程", "Process", 20},
			{"学生活动", "Student activity", 15},
			{"教学效果", "Outcomes", 15},
			{"教师素养", "Teacher's craft", 10},
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
	for _, d := range r.Dimensions {
		c.text("dimension", d.Name, MaxName, true, false)
		if d.Max <= 0 || d.Max > 100 {
			c.add(FieldError{Field: "max", Problem: OutOfRange, Min: 1, Max: 100, Value: fmt.Sprint(d.Max)})
		}
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

// Validate checks the rubric.
func (r Rubric) Validate() error {
	c := checker{record: "rubric"}
	c.text("name", r.Name, MaxShort, true, false)
	if err := c.err(); err != nil {
		return err
	}
	return r.Spec.Validate()
}

func (s *Store) seedDefaultRubric(ctx context.Context, tx dbtx) error {
	r := Rubric{Record: builtinRecord(DefaultRubricID), Name: "默认评课量表", Spec: DefaultRubricSpec(), IsDefault: true}
	return insertRubric(ctx, tx, r)
}

func insertRubric(ctx context.Context, tx dbtx, r Rubric) error {
	spec, err := json.Marshal(r.Spec)
	if err != nil {
		return err
	}
	return putRow(ctx, tx, true, "rubrics", []string{"name", "spec", "is_default"}, []any{r.Name, string(spec), r.IsDefault}, r.Record)
}

const rubricCols = "name, spec, is_default, " + recordCols

func scanRubric(sc scanner) (Rubric, error) {
	var r Rubric
	var spec string
	rec, fill := recordDest(&r.Record)
	if err := sc.Scan(append([]any{&r.Name, &spec, &r.IsDefault}, rec...)...); err != nil {
		return r, err
	}
	fill()
	if err := json.Unmarshal([]byte(spec), &r.Spec); err != nil {
		return r, fmt.Errorf("rubric %s: %w: %w", r.ID, ErrDamaged, FieldError{Field: "spec", Problem: BadValue, Value: shown(spec)})
	}
	return r, nil
}

// Rubrics returns the live rubrics, the default first.
func (s *Store) Rubrics(ctx context.Context) ([]Rubric, error) {
	return queryAll(ctx, s.r, scanRubric, "SELECT "+rubricCols+" FROM rubrics WHERE deleted_at IS NULL ORDER BY is_default DESC, name")
}

// DefaultRubric returns the rubric new observations are scored with.
func (s *Store) DefaultRubric(ctx context.Context) (Rubric, error) {
	r, err := scanRubric(s.r.QueryRowContext(ctx, "SELECT "+rubricCols+" FROM rubrics WHERE deleted_at IS NULL ORDER BY is_default DESC, created_at LIMIT 1"))
	return r, notFound("default rubric", err)
}

// CreateRubric adds a rubric; when IsDefault is set it becomes the only default.
func (s *Store) CreateRubric(ctx context.Context, r Rubric) (Rubric, error) {
	r.Record = Record{}
	if err := r.Validate(); err != nil {
		return r, err
	}
	s.touch(&r.Record)
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		if err := s.clearDefaultRubric(ctx, tx, r); err != nil {
			return err
		}
		return insertRubric(ctx, tx, r)
	})
	return r, err
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

// UpdateRubric saves a rubric's name and spec. Observations already scored keep their copy.
func (s *Store) UpdateRubric(ctx context.Context, r Rubric) (Rubric, error) {
	if r.ID == "" {
		return r, fmt.Errorf("update rubric: %w", ErrNotFound)
	}
	if err := r.Validate(); err != nil {
		return r, err
	}
	spec, err := json.Marshal(r.Spec)
	if err != nil {
		return r, err
	}
	s.touch(&r.Record)
	err = s.writeTx(ctx, func(tx *sql.Tx) error {
		if err := s.clearDefaultRubric(ctx, tx, r); err != nil {
			return err
		}
		return putRow(ctx, tx, false, "rubrics", []string{"name", "spec", "is_default"}, []any{r.Name, string(spec), r.IsDefault}, r.Record)
	})
	return r, err
}
