package quickadd

import (
	"strings"

	"termbook/store"
)

// Teacher finds the one teacher a word names, the way a quick-add line names its host: by
// name, pinyin or pinyin initials (张三, zhangsan, zs), or name/school when two share a name;
// c.Resolve answers a word asked about before. A word that names nobody gives an *Error of
// kind UnknownTeacher; one that names several, kind AmbiguousTeacher, with the candidates
// and how to write each of them alone.
func Teacher(word string, c Context) (store.Teacher, error) {
	p := newParser(c)
	word = strings.TrimSpace(word)
	if id, ok := c.Resolve[word]; ok {
		for _, t := range c.Teachers {
			if t.ID == id {
				return t, nil
			}
		}
	}
	found := p.teachers(word)
	switch len(found) {
	case 0:
		return store.Teacher{}, &Error{Kind: UnknownTeacher, Token: word}
	case 1:
		return found[0], nil
	}
	return store.Teacher{}, p.ambiguous(word, found)
}

// Day reads a day as a quick-add line writes one — 2026-10-13, 10/13, 10月13日, 今天, 周二
// (this week's), 下周二 — within c.Term. A word that is no day, or gives only a week or a
// month, is a BadDate *Error; a day outside the term, DateOutsideTerm.
func Day(word string, c Context) (store.Date, error) {
	p := newParser(c)
	raw := strings.TrimSpace(word)
	w, err := p.parseWhen(strings.ToLower(raw), raw)
	if err != nil {
		return store.Date{}, err
	}
	switch w.kind {
	case whenDay:
		return w.date, nil
	case whenWeekday, whenWeekAndDay:
		if w.kind == whenWeekday {
			w.week = p.thisWeek()
		}
		mon, _ := c.Term.WeekRange(w.week)
		d := mon.AddDays((int(w.weekday) + 6) % 7)
		if !c.Term.Contains(d) {
			return store.Date{}, &Error{Kind: DateOutsideTerm, Token: raw, First: c.Term.Start(), Last: c.Term.End()}
		}
		return d, nil
	}
	return store.Date{}, &Error{Kind: BadDate, Token: raw}
}
