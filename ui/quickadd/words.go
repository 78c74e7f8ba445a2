package quickadd

import (
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"termbook/ui/i18n"
)

// subjects maps each way of writing a school subject to the name it is stored under: the
// Chinese name, the English name (spaces as - or left out), and a few usual short forms.
var subjects = subjectNames()

func subjectNames() map[string]string {
	extra := map[string]string{
		"数学": "maths mathematics", "体育": "sport sports", "美术": "arts",
		"道德与法治": "道法 morality ethics", "信息技术": "信息 ict computing", "综合实践": "综合 practice",
		"劳动": "labor", "心理健康": "心理 psychology",
	}
	m := map[string]string{}
	for _, s := range i18n.Subjects() {
		en := strings.ToLower(s.En)
		for _, a := range append(strings.Fields(extra[s.Zh]), s.Zh, strings.ReplaceAll(en, " ", "-"), strings.ReplaceAll(en, " ", "")) {
			m[a] = s.Zh
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
var reInitials = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[b-df-hj-np-tv-z]{2,4}$`) })

// looksLikeTeacher reports whether an unrecognised word was most likely meant as a teacher.
func looksLikeTeacher(word string, afterTitle bool) bool {
	if reInitials().MatchString(word) {
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
