package store

import (
	"context"
	"database/sql"
	"fmt"
)

// MentorPair is a mentor and a mentee paired for a term (师徒结对).
type MentorPair struct {
	Record
	TermID   string
	MentorID string // 师傅
	MenteeID string // 徒弟
	Subject  string
	Goals    string
}

// Validate checks the pair.
func (p MentorPair) Validate() error {
	c := checker{record: "mentor_pair"}
	c.ref("term", p.TermID)
	c.ref("mentor", p.MentorID)
	c.ref("mentee", p.MenteeID)
	if p.MentorID != "" && p.MentorID == p.MenteeID {
		c.add(FieldError{Field: "mentee", Problem: Same})
	}
	c.text("subject", p.Subject, MaxName, false, false)
	c.text("goals", p.Goals, MaxNote, false, true)
	return c.err()
}

const mentorPairCols = "term_id, mentor_id, mentee_id, subject, goals, " + recordCols

func scanMentorPair(sc scanner) (MentorPair, error) {
	var p MentorPair
	rec, fill := recordDest(&p.Record)
	err := sc.Scan(append([]any{&p.TermID, &p.MentorID, &p.MenteeID, &p.Subject, &p.Goals}, rec...)...)
	fill()
	return p, err
}

// CreateMentorPair registers a mentor pair.
func (s *Store) CreateMentorPair(ctx context.Context, p MentorPair) (MentorPair, error) {
	p.Record = Record{}
	err := s.writeTx(ctx, func(tx *sql.Tx) error { return s.putMentorPair(ctx, tx, &p, true) })
	return p, err
}

// UpdateMentorPair saves a mentor pair.
func (s *Store) UpdateMentorPair(ctx context.Context, p MentorPair) (MentorPair, error) {
	if p.ID == "" {
		return p, fmt.Errorf("update mentor pair: %w", ErrNotFound)
	}
	err := s.writeTx(ctx, func(tx *sql.Tx) error { return s.putMentorPair(ctx, tx, &p, false) })
	return p, err
}

func (s *Store) putMentorPair(ctx context.Context, tx dbtx, p *MentorPair, insert bool) error {
	if err := p.Validate(); err != nil {
		return err
	}
	s.touch(&p.Record)
	for _, ref := range []struct{ table, field, id string }{
		{"terms", "term", p.TermID}, {"teachers", "mentor", p.MentorID}, {"teachers", "mentee", p.MenteeID},
	} {
		if err := mustExist(ctx, tx, ref.table, ref.field, ref.id); err != nil {
			return err
		}
	}
	return putRow(ctx, tx, insert, "mentor_pairs", []string{"term_id", "mentor_id", "mentee_id", "subject", "goals"},
		[]any{p.TermID, p.MentorID, p.MenteeID, p.Subject, p.Goals}, p.Record)
}

// MentorPair returns one mentor pair.
func (s *Store) MentorPair(ctx context.Context, id string) (MentorPair, error) {
	p, err := scanMentorPair(s.r.QueryRowContext(ctx, "SELECT "+mentorPairCols+" FROM mentor_pairs WHERE id = ?", id))
	return p, notFound("mentor pair", err)
}

// MentorPairs returns a term's live mentor pairs.
func (s *Store) MentorPairs(ctx context.Context, termID string) ([]MentorPair, error) {
	return queryAll(ctx, s.r, scanMentorPair, "SELECT "+mentorPairCols+" FROM mentor_pairs WHERE term_id = ? AND deleted_at IS NULL ORDER BY created_at", termID)
}

// GuidanceForm is how a mentor guided (指导形式).
type GuidanceForm string

// Guidance forms (SPEC §2): 备课, 听课, 评课, 谈话, 示范课, 其他.
const (
	FormPrep    GuidanceForm = "prep"
	FormObserve GuidanceForm = "observe"
	FormReview  GuidanceForm = "review"
	FormTalk    GuidanceForm = "talk"
	FormDemo    GuidanceForm = "demo"
	FormOther   GuidanceForm = "other"
)

// GuidanceForms lists the forms in display order.
func GuidanceForms() []GuidanceForm {
	return []GuidanceForm{FormPrep, FormObserve, FormReview, FormTalk, FormDemo, FormOther}
}

// Guidance is one entry of a mentor pair's guidance log (指导记录).
type Guidance struct {
	Record
	MentorPairID  string
	On            Date
	Form          GuidanceForm
	Content       string
	Reflection    string // 徒弟体会
	ObservationID string // optional link to an observation
}

// Validate checks the entry.
func (g Guidance) Validate() error {
	c := checker{record: "guidance"}
	c.ref("mentor_pair", g.MentorPairID)
	c.date("date", g.On, true)
	c.oneOf("form", string(g.Form), "prep", "observe", "review", "talk", "demo", "other")
	c.text("content", g.Content, MaxLong, true, true)
	c.text("reflection", g.Reflection, MaxLong, false, true)
	return c.err()
}

func (s *Store) writeGuidance(ctx context.Context, tx dbtx, g *Guidance, insert bool) error {
	if err := g.Validate(); err != nil {
		return err
	}
	if err := mustExist(ctx, tx, "mentor_pairs", "mentor_pair", g.MentorPairID); err != nil {
		return err
	}
	if err := mustExist(ctx, tx, "observations", "observation", g.ObservationID); err != nil {
		return err
	}
	if err := putRow(ctx, tx, insert, "guidance", []string{"mentor_pair_id", "given_on", "form", "observation_id"},
		[]any{g.MentorPairID, g.On.String(), string(g.Form), nullString(g.ObservationID)}, g.Record); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO guidance_texts (guidance_id, content, reflection) VALUES (?, ?, ?)
		ON CONFLICT (guidance_id) DO UPDATE SET content = excluded.content, reflection = excluded.reflection`,
		g.ID, g.Content, g.Reflection)
	return err
}

// CreateGuidance adds a guidance entry.
func (s *Store) CreateGuidance(ctx context.Context, g Guidance) (Guidance, error) {
	g.Record = Record{}
	s.touch(&g.Record)
	err := s.writeTx(ctx, func(tx *sql.Tx) error { return s.writeGuidance(ctx, tx, &g, true) })
	return g, err
}

// UpdateGuidance saves a guidance entry.
func (s *Store) UpdateGuidance(ctx context.Context, g Guidance) (Guidance, error) {
	if g.ID == "" {
		return g, fmt.Errorf("update guidance: %w", ErrNotFound)
	}
	s.touch(&g.Record)
	err := s.writeTx(ctx, func(tx *sql.Tx) error { return s.writeGuidance(ctx, tx, &g, false) })
	return g, err
}

// guidanceTextCols are the columns scanGuidanceTexts reads: the row's and its texts'.
const guidanceTextCols = "mentor_pair_id, given_on, form, observation_id, content, reflection, " + recordCols

// scanGuidanceTexts scans guidanceTextCols.
func scanGuidanceTexts(sc scanner) (Guidance, error) {
	var g Guidance
	var obs sql.NullString
	rec, fill := recordDest(&g.Record)
	err := sc.Scan(append([]any{&g.MentorPairID, dateCol{&g.On}, &g.Form, &obs, &g.Content, &g.Reflection}, rec...)...)
	fill()
	g.ObservationID = obs.String
	return g, err
}

// GuidanceLog returns a mentor pair's live guidance entries with their texts, newest first.
func (s *Store) GuidanceLog(ctx context.Context, pairID string) ([]Guidance, error) {
	return queryAll(ctx, s.r, scanGuidanceTexts, `SELECT g.mentor_pair_id, g.given_on, g.form, g.observation_id, COALESCE(t.content, ''), COALESCE(t.reflection, ''),
		g.id, g.created_at, g.updated_at, g.updated_by, g.deleted_at
		FROM guidance g LEFT JOIN guidance_texts t ON t.guidance_id = g.id
		WHERE g.mentor_pair_id = ? AND g.deleted_at IS NULL ORDER BY g.given_on DESC, g.id DESC`, pairID)
}
