// Package quickadd reads and writes the one-line quick-add syntax for activities, the same in
// the full-screen program and in `termbook add`:
//
//	w3 公开课 语文 《春》 张三 @多媒体教室 周二 14:00
//	11月 联席会议 @侯庄小学
//	2016-03-15 open-lesson math "Fractions" zs
//
// Words may come in any order. When: w3, 第3周, 第三周, 下周; 2016-03-15, 3/15, 3月15日;
// 今天, 明天, today, tomorrow; 周二, 星期二, tue (in the week given, else this week), 下周二;
// 11月, nov, 2016-11. A clock time: 14:00. An activity type by its Chinese name or English
// name or code (公开课, open-lesson, open_lesson); without one, the type is 其他. A subject
// (语文, math …, or any subject written #科目). A teacher by name, pinyin or pinyin initials
// (张三, zhangsan, zs), or name/school when two teachers share a name. @word names a school
// taking part when it is one, else the place; @"…" is always a place. Words that are none of
// these form the title; "…", “…” and 《…》 keep a title together (and "" inside "…" is a ").
// Without a title, the type's name is the title. A second type or subject word joins the
// title; two dates, times, teachers or places are an error.
package quickadd

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"termbook/store"
)

// Context is what a line is read against: the term the activity goes into, today (for 明天
// and 周二), and the teachers, schools and activity types words may name.
type Context struct {
	Term     store.Term
	Today    store.Date
	Teachers []store.Teacher      // the teachers a name may mean (pass the active ones)
	Schools  []store.School       // every live school (labels); only active ones may be named
	Types    []store.ActivityType // empty means store.BuiltinTypes()
	// Resolve answers an AmbiguousTeacher error: the word as typed → the chosen teacher's id.
	Resolve map[string]string
	// Week is the week a line without a week or date falls in, and the week 周二 refers to
	// (the screen's focused week); 0 means the week of Today.
	Week int
}

// Parse reads one quick-add line into an activity of c.Term. It fills TermID, TypeID, Title,
// Subject, HostID, Place, Time, Sched and SchoolIDs; the store validates the rest on save.
// A line it cannot read gives an *Error.
func Parse(text string, c Context) (store.Activity, error) {
	switch {
	case !utf8.ValidString(text):
		return store.Activity{}, &Error{Kind: BadText}
	case strings.TrimSpace(text) == "":
		return store.Activity{}, &Error{Kind: EmptyText}
	case c.Term.Weeks < 1:
		return store.Activity{}, &Error{Kind: NoTerm}
	}
	toks, err := tokenize(text)
	if err != nil {
		return store.Activity{}, err
	}
	p := newParser(c)
	for _, t := range toks {
		if err := p.add(t); err != nil {
			return store.Activity{}, err
		}
	}
	return p.finish()
}

// parser collects what the words of one line say.
type parser struct {
	c     Context
	types []store.ActivityType
	a     store.Activity

	anchor, weekday       when   // a date, week or month; a day of the week
	anchorRaw, weekdayRaw string // the words that gave them
	typ                   *store.ActivityType
	typeEn                bool // the type was written in English
	hasSubject            bool
	hostRaw, placeRaw     string
	timeRaw               string
	title                 []string
	quotedTitle           bool // a title word was quoted, so later bare words are less likely title
	anyDay                bool // a day outside the term is allowed (Day)
}

func newParser(c Context) *parser {
	p := &parser{c: c, types: c.Types}
	if len(p.types) == 0 {
		p.types = store.BuiltinTypes()
	}
	return p
}

// what a word means.
type what int

const (
	isTitle what = iota
	isWhen
	isTime
	isType
	isSubject
	isTeacher
	isSchool
	isPlace
)

type meaning struct {
	what    what
	when    when
	text    string // the time, subject, place or title
	typ     store.ActivityType
	typeEn  bool
	teacher store.Teacher
	school  store.School
}

// Times of day, compiled when a line is first read rather than at every start.
var (
	reTime     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{1,2})[:：](\d{2})$`) })
	reTimeLike = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\d+[:：]\d*$`) })
)

// mean says what one word means, without regard to the words before it.
func (p *parser) mean(t token) (meaning, error) {
	switch {
	case t.prefix == '#':
		return meaning{what: isSubject, text: strings.TrimSpace(t.text)}, nil
	case t.prefix == '@':
		place := strings.TrimSpace(t.text)
		if !t.quoted {
			if s, ok := p.school(place); ok {
				return meaning{what: isSchool, school: s}, nil
			}
		}
		return meaning{what: isPlace, text: place}, nil
	case t.quoted || strings.ContainsRune(t.text, '《'):
		return meaning{what: isTitle, text: t.text}, nil
	}
	word := strings.ToLower(t.text)
	w, err := p.parseWhen(word, t.raw)
	if err != nil {
		return meaning{}, err
	}
	if w.kind != notWhen {
		return meaning{what: isWhen, when: w}, nil
	}
	if m := reTime().FindStringSubmatch(word); m != nil {
		h, _ := strconv.Atoi(m[1])
		mm, _ := strconv.Atoi(m[2])
		if h > 23 || mm > 59 {
			return meaning{}, &Error{Kind: BadTime, Token: t.raw}
		}
		return meaning{what: isTime, text: fmt.Sprintf("%02d:%02d", h, mm)}, nil
	}
	if reTimeLike().MatchString(word) {
		return meaning{}, &Error{Kind: BadTime, Token: t.raw}
	}
	if typ, en, ok := p.typeOf(word); ok {
		return meaning{what: isType, typ: typ, typeEn: en}, nil
	}
	if s, ok := subjects[word]; ok {
		return meaning{what: isSubject, text: s}, nil
	}
	found := p.teachers(t.text)
	if len(found) > 1 {
		if id, ok := p.c.Resolve[t.text]; ok {
			if i := slices.IndexFunc(found, func(x store.Teacher) bool { return x.ID == id }); i >= 0 {
				found = found[i : i+1]
			}
		}
	}
	switch {
	case len(found) == 1:
		return meaning{what: isTeacher, teacher: found[0]}, nil
	case len(found) > 1:
		return meaning{}, p.ambiguous(t.text, found)
	case looksLikeTeacher(word, p.quotedTitle) || p.unknownSchool(t.text):
		return meaning{}, &Error{Kind: UnknownTeacher, Token: t.raw}
	}
	return meaning{what: isTitle, text: t.text}, nil
}

// add takes in one word.
func (p *parser) add(t token) error {
	m, err := p.mean(t)
	if err != nil {
		return err
	}
	switch m.what {
	case isWhen:
		return p.setWhen(m.when, t.raw)
	case isTime:
		if p.timeRaw != "" {
			return &Error{Kind: TwoTimes, Token: t.raw, Other: p.timeRaw}
		}
		p.timeRaw, p.a.Time = t.raw, m.text
	case isType:
		if p.typ != nil {
			p.title = append(p.title, t.text)
			break
		}
		p.typ, p.typeEn = &m.typ, m.typeEn
	case isSubject:
		if p.hasSubject {
			p.title = append(p.title, t.text)
			break
		}
		p.hasSubject, p.a.Subject = true, m.text
	case isTeacher:
		if p.hostRaw != "" {
			return &Error{Kind: TwoHosts, Token: t.raw, Other: p.hostRaw}
		}
		p.hostRaw, p.a.HostID = t.raw, m.teacher.ID
	case isSchool:
		if !slices.Contains(p.a.SchoolIDs, m.school.ID) {
			p.a.SchoolIDs = append(p.a.SchoolIDs, m.school.ID)
		}
	case isPlace:
		if p.placeRaw != "" {
			return &Error{Kind: TwoPlaces, Token: t.raw, Other: p.placeRaw}
		}
		p.placeRaw, p.a.Place = t.raw, m.text
	case isTitle:
		p.title = append(p.title, m.text)
		p.quotedTitle = p.quotedTitle || t.quoted || strings.ContainsRune(t.text, '《')
	}
	return nil
}

// setWhen records a schedule word; a line says when at most once (周二 may go with a week).
func (p *parser) setWhen(w when, raw string) error {
	two := func(other string) error { return &Error{Kind: TwoSchedules, Token: raw, Other: other} }
	switch w.kind {
	case whenWeekday:
		if p.weekdayRaw != "" {
			return two(p.weekdayRaw)
		}
		p.weekday, p.weekdayRaw = w, raw
		return nil
	case whenWeekAndDay:
		if p.weekdayRaw != "" {
			return two(p.weekdayRaw)
		}
		p.weekday, p.weekdayRaw = w, raw
	}
	if p.anchorRaw != "" {
		return two(p.anchorRaw)
	}
	p.anchor, p.anchorRaw = w, raw
	return nil
}

// finish settles the schedule, type and title.
func (p *parser) finish() (store.Activity, error) {
	a := p.a
	a.TermID = p.c.Term.ID
	sched, err := p.schedule()
	if err != nil {
		return store.Activity{}, err
	}
	a.Sched = sched
	typ := p.typ
	if typ == nil {
		i := slices.IndexFunc(p.types, func(t store.ActivityType) bool { return t.Code == store.TypeOther })
		if i < 0 {
			return store.Activity{}, &Error{Kind: NoType}
		}
		typ = &p.types[i]
	}
	a.TypeID = typ.ID
	a.Title = strings.TrimSpace(strings.Join(p.title, " "))
	if a.Title == "" {
		switch {
		case p.typ == nil:
			return store.Activity{}, &Error{Kind: EmptyTitle}
		case p.typeEn && typ.NameEn != "":
			a.Title = typ.NameEn
		default:
			a.Title = typ.Name
		}
	}
	return a, nil
}

// schedule combines the when-words: a date, a week, a month, a day of the week (of the week
// given or this week), or nothing (this week).
func (p *parser) schedule() (store.Schedule, error) {
	t := p.c.Term
	anchor := p.anchor
	if anchor.kind == notWhen {
		anchor = when{kind: whenWeek, week: min(max(p.thisWeek(), 1), t.Weeks)}
	}
	if p.weekdayRaw == "" || anchor.kind == whenWeekAndDay {
		switch anchor.kind {
		case whenDay:
			return store.OnDate(anchor.date), nil
		case whenMonth:
			return store.InMonth(anchor.month), nil
		case whenWeek:
			return store.InWeek(anchor.week), nil
		}
	}
	wd := p.weekday.weekday
	switch anchor.kind {
	case whenDay:
		if anchor.date.Weekday() != wd {
			return store.Schedule{}, &Error{Kind: TwoSchedules, Token: p.weekdayRaw, Other: p.anchorRaw}
		}
		return store.OnDate(anchor.date), nil
	case whenWeek, whenWeekAndDay:
		mon, _ := t.WeekRange(anchor.week)
		return store.OnDate(mon.AddDays((int(wd) + 6) % 7)), nil
	}
	return store.Schedule{}, &Error{Kind: TwoSchedules, Token: p.weekdayRaw, Other: p.anchorRaw}
}

// typeOf finds the activity type a word names: its Chinese name, its English name (spaces
// written as - or _ or left out) or its code.
func (p *parser) typeOf(word string) (store.ActivityType, bool, bool) {
	for _, t := range p.types {
		if word == strings.ToLower(t.Name) {
			return t, false, true
		}
	}
	for _, t := range p.types {
		en := strings.ToLower(t.NameEn)
		code := strings.ToLower(t.Code)
		for _, form := range []string{code, strings.ReplaceAll(code, "_", "-"),
			strings.ReplaceAll(en, " ", "-"), strings.ReplaceAll(en, " ", "_"), strings.ReplaceAll(en, " ", "")} {
			if form != "" && word == form {
				return t, true, true
			}
		}
	}
	return store.ActivityType{}, false, false
}

// school finds the active school a word names by its name or short name; a deactivated
// school is not offered for new activities.
func (p *parser) school(word string) (store.School, bool) {
	for _, s := range p.c.Schools {
		if s.Active && s.Name == word {
			return s, true
		}
	}
	for _, s := range p.c.Schools {
		if s.Active && s.ShortName != "" && s.ShortName == word {
			return s, true
		}
	}
	return store.School{}, false
}

// teachers returns the teachers a word names exactly (name, pinyin or initials; a prefix is
// not enough on a line where most words are something else). "name/school" narrows a name
// to one school.
func (p *parser) teachers(word string) []store.Teacher {
	all := p.c.Teachers
	if name, school, ok := cutLast(word, "/"); ok && name != "" {
		s, isSchool := p.school(school)
		if !isSchool {
			return nil
		}
		all = slices.DeleteFunc(slices.Clone(all), func(t store.Teacher) bool { return t.SchoolID != s.ID })
		word = name
	}
	found := store.FindTeachers(all, word)
	if len(found) > 0 && found[0].Match(word) == store.MatchPrefix {
		return nil
	}
	return found
}

// unknownSchool reports whether word is name/school for a teacher's name and a school that
// is not one, which is a teacher written wrongly rather than part of the title.
func (p *parser) unknownSchool(word string) bool {
	name, _, ok := cutLast(word, "/")
	return ok && name != "" && len(p.teachers(name)) > 0
}

func cutLast(s, sep string) (before, after string, found bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// ambiguous builds the error for a word that names several teachers, with the way to write
// each of them alone.
func (p *parser) ambiguous(word string, found []store.Teacher) error {
	e := &Error{Kind: AmbiguousTeacher, Token: word, Candidates: found, schools: map[string]string{}}
	for _, s := range p.c.Schools {
		e.schools[s.ID] = s.Label()
	}
	for _, t := range found {
		e.Spellings = append(e.Spellings, p.spellTeacher(t))
	}
	return e
}
