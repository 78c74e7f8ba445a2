package i18n

// subjects are the school subjects termbook knows by name, in the order they are listed.
// A subject is stored by its Chinese name; a school may use others, which are shown as they
// are.
var subjects = []Msg{
	{"语文", "Chinese"},
	{"数学", "Math"},
	{"英语", "English"},
	{"音乐", "Music"},
	{"体育", "PE"},
	{"美术", "Art"},
	{"科学", "Science"},
	{"道德与法治", "Morality and Law"},
	{"信息技术", "IT"},
	{"物理", "Physics"},
	{"化学", "Chemistry"},
	{"生物", "Biology"},
	{"历史", "History"},
	{"地理", "Geography"},
	{"政治", "Politics"},
	{"综合实践", "Practical Activities"},
	{"劳动", "Labour"},
	{"书法", "Calligraphy"},
	{"心理健康", "Mental Health"},
}

// Subjects lists the known subjects, each in both languages; the Chinese name is the one
// stored.
func Subjects() []Msg { return subjects[:len(subjects):len(subjects)] }

// Subject shows a stored subject in the language: "数学" is "Math" in English. Subjects
// termbook does not know are shown as stored.
func (l Lang) Subject(s string) string {
	for _, m := range subjects {
		if m.Zh == s {
			return l.T(m)
		}
	}
	return s
}
