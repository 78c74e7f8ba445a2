package quickadd

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// subjects maps each way of writing a school subject to the name it is stored under.
var subjects = subjectNames()

func subjectNames() map[string]string {
	m := map[string]string{}
	for _, s := range []struct {
		name    string
		aliases string
	}{
		{"语文", "chinese"},
		{"数学", "math maths mathematics"},
		{"英语", "english"},
		{"音乐", "music"},
		{"体育", "pe sport sports"},
		{"美术", "art arts"},
		{"科学", "science"},
		{"道德与法治", "道法 morality ethics"},
		{"信息技术", "信息 it ict computing"},
		{"物理", "physics"},
		{"化学", "chemistry"},
		{"生物", "biology"},
		{"历史", "history"},
		{"地理", "geography"},
		{"政治", "politics"},
		{"综合实践", "综合 practice"},
		{"劳动", "labour labor"},
		{"书法", "calligraphy"},
		{"心理健康", "心理 psychology"},
	} {
		m[s.name] = s.name
		for _, a := range strings.Fields(s.aliases) {
			m[a] = s.name
		}
	}
	return m
}

// surnames are common Chinese family names. After an explicit (quoted) title, a short Han
// word starting with one of them is taken to mean a teacher, so a misspelt name is reported
// instead of silently joining the title.
const surnames = "王李张刘陈杨黄赵吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程" +
	"苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵" +
	"万钱严覃武戴莫孔汤"

// reInitials is a word that can only be a person's pinyin initials: two to four lower-case
// letters without a vowel (zs, lxm, wjh).
var reInitials = regexp.MustCompile(`^[b-df-hj-np-tv-z]{2,4}$`)

// looksLikeTeacher reports whether an unrecognised word was most likely meant as a teacher.
func looksLikeTeacher(word string, afterTitle bool) bool {
	if reInitials.MatchString(word) {
		return true
	}
	n := utf8.RuneCountInString(word)
	first, _ := utf8.DecodeRuneInString(word)
	return afterTitle && n >= 2 && n <= 3 && strings.ContainsRune(surnames, first) && isHan(word)
}

func isHan(s string) bool {
	for _, r := range s {
		if r < 0x4e00 || r > 0x9fff {
			return false
		}
	}
	return true
}
