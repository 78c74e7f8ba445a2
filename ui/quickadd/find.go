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
