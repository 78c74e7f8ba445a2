package store

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// partner is a second installation's side of a merge: change sets made of its own records,
// built in memory.
type partner struct {
	id  string
	now time.Time
}

func newPartner() *partner { return &partner{id: newID(), now: testNow} }

// record is one of the partner's records of table with its own columns set as given.
func (p *partner) record(table string, own map[string]any) tableRow {
	t, _ := syncTableNamed(table)
	at := p.now.UTC().Format(stamp)
	row := SyncRow{newID(), at, at, p.id, nil}
	for _, c := range t.columns()[nRecordCols:] {
		v, ok := own[c]
		if !ok {
			v = t.added[c] // what a version 1 record lacks is as a new one has it
		}
		row = append(row, v)
	}
	return tableRow{table, row}
}

// orphans are n teachers of a school that is never sent: each must wait.
func (p *partner) orphans(n int) []tableRow {
	school := newID()
	recs := make([]tableRow, n)
	for i := range recs {
		recs[i] = p.record("teachers", map[string]any{"school_id": school, "name": fmt.Sprintf("教师%d", i),
			"pinyin": "", "initials": "", "subjects": "", "grade": "", "rank": "", "post": "", "honour": "", "active": int64(1)})
	}
	return recs
}

// merge merges recs, sent by p, into s.
func (p *partner) merge(t testing.TB, s *Store, recs ...tableRow) MergeResult {
	t.Helper()
	res, err := s.Merge(context.Background(), &changeSet{h: ChangeHeader{From: p.id, Seen: map[string]string{}}, recs: recs})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestWaitingBounded: no more than the limit of records wait; the rest are given up and
// counted, and those kept are placed when what they wait for comes.
func TestWaitingBounded(t *testing.T) {
	s := MustOpen(t)
	s.maxWaiting = 100
	p := newPartner()
	orphans := p.orphans(150)
	res := p.merge(t, s, orphans...)
	if res.Waiting != 100 || res.LetGo != 50 || res.Added != 0 {
		t.Fatalf("150 orphans: %+v, want 100 waiting and 50 given up", res)
	}
	// The same file again changes nothing: the kept ones are there, the others still too many.
	if res := p.merge(t, s, orphans...); res.Waiting != 100 || res.LetGo != 50 {
		t.Errorf("again: %+v", res)
	}
	school := p.record("schools", map[string]any{"name": "三小", "short_name": "", "district": "", "active": int64(1)})
	school.row[colID] = orphans[0].row[nRecordCols] // the school the orphans name (school_id, the first own column)
	res = p.merge(t, s, school)
	if res.Added != 101 || res.Waiting != 0 || res.LetGo != 0 {
		t.Errorf("their school arrives: %+v, want the school and the 100 kept teachers added", res)
	}
	if n := count(t, s, "teachers"); n != 100 {
		t.Errorf("%d teachers, want 100", n)
	}
}

// TestWaitingExpires: a record that waited a school year in vain is given up at the next
// merge, one that waited less is kept.
func TestWaitingExpires(t *testing.T) {
	s := MustOpen(t)
	p := newPartner()
	p.merge(t, s, p.orphans(3)...)
	now := testNow.Add(MaxWaitingAge - time.Hour)
	s.Now = func() time.Time { return now }
	if res := p.merge(t, s); res.Waiting != 3 || res.LetGo != 0 {
		t.Errorf("within the year: %+v, want 3 still waiting", res)
	}
	now = testNow.Add(MaxWaitingAge + time.Hour)
	if res := p.merge(t, s); res.Waiting != 0 || res.LetGo != 3 {
		t.Errorf("after a year: %+v, want the 3 given up", res)
	}
}

// TestWaitingLetGoWhenInvalid: a record that waited, checked in full once its term has come,
// is given up if it does not fit the term, and the merge that brought the term goes on.
func TestWaitingLetGoWhenInvalid(t *testing.T) {
	f := newFixture(t)
	p := newPartner()
	term := p.record("terms", map[string]any{"name": "2027春", "week1": "2027-03-01", "weeks": int64(18)})
	activity := func(week int64) tableRow {
		first := MustDate("2027-03-01").AddDays(int(7 * (week - 1)))
		return p.record("activities", map[string]any{"term_id": term.row[colID], "type_id": f.types[TypeOpenLesson],
			"title": "公开课", "subject": "", "place": "", "at_time": "", "sched": "week", "week": week,
			"first_day": first.String(), "last_day": first.AddDays(6).String(), "status": "planned", "note": "",
			SchoolsColumn: []string{}})
	}
	fits, beyond := activity(3), activity(25) // a 30-week term could have a week 25; this one has 18
	if res := p.merge(t, f.s, fits, beyond); res.Waiting != 2 {
		t.Fatalf("activities before their term: %+v, want both waiting", res)
	}
	res := p.merge(t, f.s, term)
	if res.Added != 2 || res.LetGo != 1 || res.Waiting != 0 {
		t.Errorf("their term arrives: %+v, want the term and week 3 added, week 25 given up", res)
	}
}

// TestWaitingReadsOnlyWhatCame: a merge reads only the waiting records whose awaited record
// has come, so however many wait for what never comes, a small merge allocates as little as
// with a few waiting. (Reading every waiting record, as termbook once did, made a 24 KB
// import beside 600,000 waiting records take 850 MB.)
func TestWaitingReadsOnlyWhatCame(t *testing.T) {
	if testing.Short() {
		t.Skip("fills a database with waiting records")
	}
	allocs := func(waiting int) float64 {
		s := MustOpen(t)
		p := newPartner()
		p.merge(t, s, p.orphans(waiting)...)
		small := []tableRow{p.record("schools", map[string]any{"name": "三小", "short_name": "", "district": "", "active": int64(1)})}
		return testing.AllocsPerRun(5, func() { p.merge(t, s, small...) })
	}
	few, many := allocs(100), allocs(5000)
	t.Logf("allocations of a one-record merge: %.0f beside 100 waiting, %.0f beside 5,000", few, many)
	if many > few*1.2 {
		t.Errorf("a one-record merge allocates %.0f times as much beside 5,000 waiting records as beside 100", many/few)
	}
}
