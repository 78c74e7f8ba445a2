package quickadd

import (
	"fmt"
	"slices"
	"strings"

	"termbook/store"
)

// format writes an activity as one quick-add line that Parse, given the same Context, reads
// back to the same activity (when, type, subject, title, teacher, place, schools, time): the
// round trip by which TestParse and FuzzQuickAdd check Parse. A teacher no spelling singles
// out (two of the same name at one school) is written by name and needs Context.Resolve to
// read back.
func format(a store.Activity, c Context) string {
	p := newParser(c)
	var words []string
	switch a.Sched.Kind {
	case store.ByDate:
		words = append(words, a.Sched.Date.String())
	case store.ByWeek:
		words = append(words, fmt.Sprintf("w%d", a.Sched.Week))
	case store.ByMonth:
		words = append(words, a.Sched.Month.String())
	}
	if i := slices.IndexFunc(p.types, func(t store.ActivityType) bool { return t.ID == a.TypeID }); i >= 0 {
		words = append(words, p.spellType(p.types[i]))
	}
	if a.Subject != "" {
		words = append(words, p.spell(func(m meaning) bool { return m.what == isSubject && m.text == a.Subject },
			a.Subject, "#"+a.Subject, "#"+quote(a.Subject)))
	}
	if a.Title != "" {
		words = append(words, p.spell(func(m meaning) bool { return m.what == isTitle && m.text == a.Title },
			a.Title, quote(a.Title)))
	}
	if a.HostID != "" {
		if i := slices.IndexFunc(c.Teachers, func(t store.Teacher) bool { return t.ID == a.HostID }); i >= 0 {
			t := c.Teachers[i]
			if s := p.spellTeacher(t); s != "" {
				words = append(words, s)
			} else {
				words = append(words, t.Name)
			}
		}
	}
	if a.Place != "" {
		words = append(words, p.spell(func(m meaning) bool { return m.what == isPlace && m.text == a.Place },
			"@"+a.Place, "@"+quote(a.Place)))
	}
	for _, id := range a.SchoolIDs {
		if i := slices.IndexFunc(c.Schools, func(s store.School) bool { return s.ID == id }); i >= 0 {
			s := c.Schools[i]
			isIt := func(m meaning) bool { return m.what == isSchool && m.school.ID == id }
			for _, w := range []string{"@" + s.ShortName, "@" + s.Name} {
				if p.readsAs(w, isIt) {
					words = append(words, w)
					break
				}
			}
		}
	}
	if a.Time != "" {
		words = append(words, a.Time)
	}
	return strings.Join(words, " ")
}

// spell returns the first of tries that reads back as ok, else the last one.
func (p *parser) spell(ok func(meaning) bool, tries ...string) string {
	for _, w := range tries {
		if p.readsAs(w, ok) {
			return w
		}
	}
	return tries[len(tries)-1]
}

// spellType is the shortest name of t that reads back as t: its Chinese name, else its code.
func (p *parser) spellType(t store.ActivityType) string {
	isIt := func(m meaning) bool { return m.what == isType && m.typ.ID == t.ID }
	for _, w := range []string{t.Name, strings.ReplaceAll(t.Code, "_", "-"), strings.ReplaceAll(strings.ToLower(t.NameEn), " ", "-")} {
		if w != "" && p.readsAs(w, isIt) {
			return w
		}
	}
	return t.Name
}
