// Package i18n is termbook's message catalogue: every word a person sees, in 中文 and English,
// and the choice between them (--lang, else the locale). Messages are Msg values kept in this
// package's files, grouped by where they are shown; a test checks that each has both languages
// with the same format verbs.
package i18n

import (
	"fmt"
	"strings"
)

// Lang is a display language.
type Lang int

// The languages termbook speaks.
const (
	Zh Lang = iota // 中文 (the default)
	En             // English
)

// String is the --lang value: "zh" or "en".
func (l Lang) String() string {
	if l == En {
		return "en"
	}
	return "zh"
}

// Msg is one message in both languages. Either may hold fmt verbs; both must hold the same.
type Msg struct {
	Zh string
	En string
}

// T returns m in language l, formatted with args when there are any.
func (l Lang) T(m Msg, args ...any) string {
	s := m.Zh
	if l == En {
		s = m.En
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// Parse reads a --lang value or a locale name: "zh", "zh_CN.UTF-8", "zh-Hans", "en",
// "en_US.UTF-8" … It reports false for anything else (including "C" and "POSIX").
func Parse(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, ".@"); i >= 0 {
		s = s[:i]
	}
	switch {
	case s == "zh" || strings.HasPrefix(s, "zh_") || strings.HasPrefix(s, "zh-") || s == "chinese":
		return Zh, true
	case s == "en" || strings.HasPrefix(s, "en_") || strings.HasPrefix(s, "en-") || s == "english":
		return En, true
	}
	return Zh, false
}

// Detect chooses the language: the --lang flag when given, else the first of LC_ALL,
// LC_MESSAGES and LANG that names a language (getenv reads them), else the system's user
// locale (Windows), else 中文. A locale that is neither Chinese nor English gets English.
func Detect(flag string, getenv func(string) string) (Lang, error) {
	if flag != "" {
		l, ok := Parse(flag)
		if !ok {
			return Zh, fmt.Errorf("--lang %q: %w", flag, errUnknownLang)
		}
		return l, nil
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := getenv(name)
		if v == "" {
			continue
		}
		if l, ok := Parse(v); ok {
			return l, nil
		}
		if up := strings.ToUpper(v); up == "C" || up == "POSIX" || strings.HasPrefix(up, "C.") {
			break // no language chosen; ask the system
		}
		return En, nil
	}
	if l, ok := Parse(systemLocale()); ok {
		return l, nil
	}
	return Zh, nil
}

var errUnknownLang = fmt.Errorf("unknown language (use zh or en)")
