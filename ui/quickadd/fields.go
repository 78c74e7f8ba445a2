package quickadd

import (
	"strconv"
	"strings"
	"unicode"

	"termbook/store"
)

// The fields that say only when — a form's date, week and month, the postponement prompt,
// a filter's week — read what they are given with the same words as a quick-add line, so
// that 第三周, 下周二, 11月3日 and 明天 work wherever a day or a week is asked for. Alone in
// such a field a bare number is a week: 5 is 第5周.

// Schedule reads where an activity goes: a week, a day or a month, in one or two words
// (第5周 周二), as quick add reads them; a bare number is a week. What follows those words
// is returned as rest (a postponement's reason). A day or month must lie in the term.
func Schedule(text string, c Context) (sched store.Schedule, rest string, err error) {
	p := newParser(c)
	words := strings.Fields(text)
	used := 0
	for _, w := range words {
		when, err := p.fieldWhen(w, p.anchorRaw == "" && p.weekdayRaw == "")
		if err != nil {
			return store.Schedule{}, "", err
		}
		if when.kind == notWhen {
			break
		}
		if err := p.setWhen(when, w); err != nil {
			return store.Schedule{}, "", err
		}
		used++
	}
	if used == 0 {
		token := strings.TrimSpace(text)
		if len(words) > 0 {
			token = words[0]
		}
		return store.Schedule{}, "", &Error{Kind: NotWhen, Token: token}
	}
	sched, err = p.schedule()
	return sched, strings.Join(words[used:], " "), err
}

// Week reads a week of the term: 5, w5, 第5周, 第五周, 本周, 下周.
func Week(text string, c Context) (int, error) {
	word := strings.TrimSpace(text)
	p := newParser(c)
	w, err := p.fieldWhen(word, true)
	switch {
	case err != nil:
		return 0, err
	case w.kind != whenWeek:
		return 0, &Error{Kind: NotWeek, Token: word}
	}
	return w.week, nil
}

// Day reads a day: 2026-10-13, 10/13, 10月13日, 今天, 明天, 周二 (of the Context's week),
// 下周二, 第3周周二 written as two words. Unlike a schedule, a day need not lie in the term (an
// agreement signed years ago, the first Monday of the next term); a day and month without a
// year take the year the term gives that month. Empty text is the zero Date.
func Day(text string, c Context) (store.Date, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return store.Date{}, nil
	}
	if c.Term.Weeks < 1 {
		// No term yet (the first term's first Monday): the half-years around today stand
		// for it, so that 下周一 and 9-1 still mean the days nearest.
		monday := c.Today.AddDays(-((int(c.Today.Weekday()) + 6) % 7))
		c.Term = store.Term{Week1: monday.AddDays(-26 * 7), Weeks: 53}
	}
	p := newParser(c)
	p.anyDay = true
	for _, w := range strings.Fields(text) {
		when, err := p.fieldWhen(w, false)
		if err != nil {
			return store.Date{}, err
		}
		if when.kind == notWhen || when.kind == whenMonth {
			return store.Date{}, &Error{Kind: NotDay, Token: w}
		}
		if err := p.setWhen(when, w); err != nil {
			return store.Date{}, err
		}
	}
	if p.anchor.kind == whenWeek && p.weekdayRaw == "" {
		return store.Date{}, &Error{Kind: NotDay, Token: text}
	}
	sched, err := p.schedule()
	if err != nil {
		return store.Date{}, err
	}
	return sched.Date, nil
}

// TermDay reads a day as Day does, for a record that belongs to the term (a hand-in): a day
// outside c.Term is a DateOutsideTerm *Error, and empty text is no day.
func TermDay(text string, c Context) (store.Date, error) {
	d, err := Day(text, c)
	switch {
	case err != nil:
		return d, err
	case d.IsZero():
		return d, &Error{Kind: NotDay, Token: strings.TrimSpace(text)}
	case !c.Term.Contains(d):
		return store.Date{}, &Error{Kind: DateOutsideTerm, Token: strings.TrimSpace(text), First: c.Term.Start(), Last: c.Term.End()}
	}
	return d, nil
}

// fieldWhen reads one word of a field that says when; a bare number (full-width digits too,
// as an input method may send) is a week when bareWeek is set.
func (p *parser) fieldWhen(word string, bareWeek bool) (when, error) {
	word = strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + r - '０'
		case r == '．' || r == '。':
			return '.'
		case r == '－':
			return '-'
		case r == '／':
			return '/'
		}
		return unicode.ToLower(r)
	}, word)
	if n, err := strconv.Atoi(word); err == nil && bareWeek && len(word) <= 2 {
		return p.parseWhen("w"+strconv.Itoa(n), word)
	}
	return p.parseWhen(word, word)
}
