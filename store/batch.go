package store

import (
	"context"
	"database/sql"
	"sync"
)

// Batch writes many records in one immediate transaction: the sample's years of history, an
// import. Each method validates and derives exactly as the Store method of the same name does
// (they share the code), but every statement is prepared once for the whole batch, which is
// what makes a hundred thousand rows take seconds instead of minutes.
//
// A Batch is only valid inside the function given to Store.Batch.
type Batch struct {
	s   *Store
	ctx context.Context
	tx  *stmtCache
}

// Batch runs fn with a Batch in one immediate transaction and commits when fn returns nil;
// any error rolls back everything fn wrote. Callers writing a lot should call Checkpoint when
// all their batches are done.
func (s *Store) Batch(ctx context.Context, fn func(*Batch) error) error {
	return s.inWriteTx(ctx, func(_ *sql.Tx, c *stmtCache) error {
		return fn(&Batch{s: s, ctx: ctx, tx: c})
	})
}

// CreateSchool adds an active school, as Store.CreateSchool.
func (b *Batch) CreateSchool(sc School) (School, error) {
	sc.Record = Record{}
	sc.Active = true
	err := b.s.putSchool(b.ctx, b.tx, &sc)
	return sc, err
}

// CreateTeacher adds an active teacher, as Store.CreateTeacher.
func (b *Batch) CreateTeacher(t Teacher) (Teacher, error) {
	t.Record = Record{}
	t.Active = true
	err := b.s.putTeacher(b.ctx, b.tx, &t)
	return t, err
}

// CreateTerm adds a term and its targets, as Store.CreateTerm.
func (b *Batch) CreateTerm(t Term) (Term, error) {
	t.Record = Record{}
	err := b.s.createTerm(b.ctx, b.tx, &t)
	return t, err
}

// CreateSchoolPair adds a school pairing, as Store.CreateSchoolPair.
func (b *Batch) CreateSchoolPair(p SchoolPair) (SchoolPair, error) {
	p.Record = Record{}
	err := b.s.insertSchoolPair(b.ctx, b.tx, &p)
	return p, err
}

// CreateMentorPair adds a mentor pair, as Store.CreateMentorPair.
func (b *Batch) CreateMentorPair(p MentorPair) (MentorPair, error) {
	p.Record = Record{}
	err := b.s.putMentorPair(b.ctx, b.tx, &p, true)
	return p, err
}

// CreateActivity adds one activity, as Store.CreateActivity: its status, completion and
// series id are kept as given, so history can be written already done.
func (b *Batch) CreateActivity(a Activity) (Activity, error) {
	a.Record = Record{}
	b.s.touch(&a.Record)
	err := b.s.insertActivity(b.ctx, b.tx, &a)
	return a, err
}

// CreateWeekly makes one activity per week from week `from` to `to`, as Store.CreateWeekly.
func (b *Batch) CreateWeekly(a Activity, from, to int) ([]Activity, error) {
	return b.s.createWeekly(b.ctx, b.tx, a, from, to)
}

// MarkDone completes an activity, as Store.MarkDone.
func (b *Batch) MarkDone(id string, on Date, note string) (Activity, error) {
	return b.s.changeActivityTx(b.ctx, b.tx, id, markDone(on, note))
}

// SetProceedings saves an activity's proceedings, as Store.SetProceedings.
func (b *Batch) SetProceedings(id string, p Proceedings) (Activity, error) {
	return b.s.changeActivityTx(b.ctx, b.tx, id, func(a *Activity) { a.Proceedings = &p })
}

// CreateRubric adds a rubric, as Store.CreateRubric.
func (b *Batch) CreateRubric(r Rubric) (Rubric, error) {
	err := b.s.createRubric(b.ctx, b.tx, &r)
	return r, err
}

// Reopen sets a done or cancelled activity back to planned, as Store.Reopen.
func (b *Batch) Reopen(id string) (Activity, error) {
	return b.s.changeActivityTx(b.ctx, b.tx, id, reopen)
}

// Cancel cancels an activity, as Store.Cancel.
func (b *Batch) Cancel(id, note string) (Activity, error) {
	return b.s.changeActivityTx(b.ctx, b.tx, id, cancel(note))
}

// Postpone moves an activity and keeps where it was, as Store.Postpone.
func (b *Batch) Postpone(id string, to Schedule, reason string) (Activity, error) {
	return b.s.postpone(b.ctx, b.tx, id, to, reason)
}

// CreateObservation adds an observation with its texts and follow-up, as
// Store.CreateObservation.
func (b *Batch) CreateObservation(o Observation) (Observation, error) {
	o.Record, o.FollowUp.Record = Record{}, Record{}
	b.s.touch(&o.Record)
	err := b.s.writeObservation(b.ctx, b.tx, &o, true)
	return o, err
}

// CloseFollowUp closes a follow-up action, as Store.CloseFollowUp.
func (b *Batch) CloseFollowUp(id string, on Date, note string) error {
	return b.s.closeFollowUp(b.ctx, b.tx, id, on, note)
}

// CreateGuidance adds a guidance entry, as Store.CreateGuidance.
func (b *Batch) CreateGuidance(g Guidance) (Guidance, error) {
	g.Record = Record{}
	b.s.touch(&g.Record)
	err := b.s.writeGuidance(b.ctx, b.tx, &g, true)
	return g, err
}

// CreateHandin records a hand-in, as Store.CreateHandin.
func (b *Batch) CreateHandin(h Handin) (Handin, error) {
	h.Record = Record{}
	b.s.touch(&h.Record)
	err := b.s.writeHandin(b.ctx, b.tx, &h, true)
	return h, err
}

// Targets returns a term's live targets, as Store.Targets.
func (b *Batch) Targets(termID string) ([]Target, error) {
	return targetsOf(b.ctx, b.tx, termID)
}

// CreateTarget adds a target after the term's others, as Store.CreateTarget.
func (b *Batch) CreateTarget(t Target) (Target, error) {
	t.Record = Record{}
	err := b.s.createTarget(b.ctx, b.tx, &t)
	return t, err
}

// UpdateTarget saves a target, as Store.UpdateTarget.
func (b *Batch) UpdateTarget(t Target) (Target, error) {
	err := b.s.putTarget(b.ctx, b.tx, &t, false)
	return t, err
}

// SetTermGrade records a term grade, as Store.SetTermGrade.
func (b *Batch) SetTermGrade(g TermGrade) (TermGrade, error) {
	err := b.s.setTermGrade(b.ctx, b.tx, &g)
	return g, err
}

// dbtx is what the write helpers need from a transaction: a *sql.Tx for one change, or a
// Batch's statement cache.
type dbtx interface {
	querier
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// preparedStmts holds statements prepared once on a pool, by query text, for as long as the
// store is open. Statements are prepared per connection; database/sql prepares one again on
// another connection of the pool when it runs there.
type preparedStmts struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// maxPrepared bounds how many statements a store keeps prepared. Its SQL is built from fixed
// pieces, so it uses a few dozen; a query whose text varies with its arguments (an IN list)
// is prepared anew each time past the bound rather than kept for ever.
const maxPrepared = 256

// get returns the statement kept for q.
func (p *preparedStmts) get(q string) (*sql.Stmt, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	st, ok := p.m[q]
	return st, ok
}

// prepare returns the statement for q, prepared on db the first time it is asked for; nil
// and no error once maxPrepared statements are kept. It waits for a connection of db, with
// no lock held: a transaction on the writer's one connection may be asking for another.
func (p *preparedStmts) prepare(ctx context.Context, db *sql.DB, q string) (*sql.Stmt, error) {
	if st, ok := p.get(q); ok || p.full() {
		return st, nil
	}
	st, err := db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if kept, ok := p.m[q]; ok || len(p.m) >= maxPrepared {
		st.Close() // another caller was first, or filled the set
		return kept, nil
	}
	if p.m == nil {
		p.m = map[string]*sql.Stmt{}
	}
	p.m[q] = st
	return st, nil
}

func (p *preparedStmts) full() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.m) >= maxPrepared
}

// close closes every statement kept.
func (p *preparedStmts) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, st := range p.m {
		st.Close()
	}
	p.m = nil
}

// stmtCache runs a transaction's statements through statements prepared once per query
// text. The helpers build their SQL from fixed pieces, so a batch of any size uses a few
// dozen statements, and a merge runs the same few for every record. Those the store has
// kept prepared on its writer connection are used as they are; the others are prepared in
// the transaction and kept once it is over (the writer's one connection is the
// transaction's until then). So a merge of three records, one exchange file among many,
// parses none of the queries the last merge parsed: parsing them was most of what a small
// import cost.
type stmtCache struct {
	s     *Store
	tx    *sql.Tx
	stmts map[string]*sql.Stmt // by query, bound to tx
	fresh []string             // queries prepared in tx, to keep once it is over
}

// inWriteTx runs fn in one immediate transaction, as writeTx, with a statement cache, and
// then keeps the statements the transaction prepared for the next.
func (s *Store) inWriteTx(ctx context.Context, fn func(tx *sql.Tx, c *stmtCache) error) error {
	c := &stmtCache{s: s, stmts: map[string]*sql.Stmt{}}
	err := s.writeTx(ctx, func(tx *sql.Tx) error {
		c.tx = tx
		defer c.close()
		return fn(tx, c)
	})
	for _, q := range c.fresh {
		if _, perr := s.writes.prepare(ctx, s.w, q); perr != nil || ctx.Err() != nil {
			break // it is prepared again next time
		}
	}
	return err
}

func (c *stmtCache) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := c.stmts[query]; ok {
		return st, nil
	}
	var st *sql.Stmt
	if kept, ok := c.s.writes.get(query); ok {
		st = c.tx.StmtContext(ctx, kept)
	} else {
		var err error
		if st, err = c.tx.PrepareContext(ctx, query); err != nil {
			return nil, err
		}
		c.fresh = append(c.fresh, query)
	}
	c.stmts[query] = st
	return st, nil
}

func (c *stmtCache) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (c *stmtCache) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (c *stmtCache) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := c.stmt(ctx, query)
	if err != nil {
		// A *sql.Row cannot carry an error of our making; the unprepared query reports it.
		return c.tx.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

func (c *stmtCache) close() {
	for _, st := range c.stmts {
		st.Close()
	}
}
