package quickadd

import (
	"slices"

	"termbook/store"
)

// spellTeacher is a way of writing t that names t alone: the name, pinyin, initials, or
// name/school; "" when there is none.
func (p *parser) spellTeacher(t store.Teacher) string {
	tries := []string{t.Name, t.Pinyin, t.Initials}
	if i := slices.IndexFunc(p.c.Schools, func(s store.School) bool { return s.ID == t.SchoolID }); i >= 0 {
		s := p.c.Schools[i]
		for _, school := range []string{s.ShortName, s.Name} {
			if school != "" {
				tries = append(tries, t.Name+"/"+school, t.Pinyin+"/"+school)
			}
		}
	}
	bare := *p
	bare.c.Resolve = nil
	for _, w := range tries {
		if w == "" {
			continue
		}
		toks, err := tokenize(w)
		if err != nil || len(toks) != 1 || toks[0].prefix != 0 || toks[0].quoted {
			continue
		}
		if found := bare.teachers(w); len(found) != 1 || found[0].ID != t.ID {
			continue
		}
		if bare.readsAs(w, func(m meaning) bool { return m.what == isTeacher && m.teacher.ID == t.ID }) {
			return w
		}
	}
	return ""
}

// readsAs reports whether w is one word whose meaning satisfies ok.
func (p *parser) readsAs(w string, ok func(meaning) bool) bool {
	toks, err := tokenize(w)
	if err != nil || len(toks) != 1 {
		return false
	}
	m, err := p.mean(toks[0])
	return err == nil && ok(m)
}
