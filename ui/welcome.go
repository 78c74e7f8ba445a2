package ui

import (
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/store/sample"
	"termbook/ui/i18n"
)

// The welcome screen's words.
var (
	msgWelcome      = i18n.Msg{Zh: "欢迎使用 termbook 学期手册", En: "Welcome to termbook, the term handbook"}
	msgWelcomeEmpty = i18n.Msg{Zh: "这个数据文件还是空的。先建一个学期，或者载入示例数据看看。", En: "This database is empty. Create a term first, or load the sample to look around."}
	msgWelcomeNew   = i18n.Msg{Zh: "创建学期", En: "Create a term"}
	msgWelcomeDemo  = i18n.Msg{Zh: "载入示例数据", En: "Load the sample"}
	msgNewTerm      = i18n.Msg{Zh: "创建学期", En: "Create a term"}
	msgTermName     = i18n.Msg{Zh: "学期名称", En: "Term name"}
	msgTermWeek1    = i18n.Msg{Zh: "第1周的星期一", En: "Monday of week 1"}
	msgTermWeeks    = i18n.Msg{Zh: "周数", En: "Weeks"}
	msgFile         = i18n.Msg{Zh: "数据文件：%s", En: "Database: %s"}
	msgLoadingDemo  = i18n.Msg{Zh: "正在写入示例数据", En: "Writing the sample"}
	hChoose         = i18n.Msg{Zh: "选择", En: "choose"}
)

// welcome is shown while the database has no term: create one, or load the sample.
type welcome struct {
	sh   *shared
	cur  int
	form *form
	busy bool
}

func newWelcome(sh *shared) *welcome { return &welcome{sh: sh} }

func (w *welcome) capturing() bool { return w.form != nil }

func (w *welcome) shortHelp() []key.Binding {
	if w.form != nil {
		return w.form.shortHelp()
	}
	k := w.sh.keys
	return []key.Binding{k.upDown, key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter/1/2", w.sh.T(hChoose))), k.Quit}
}

func (w *welcome) update(msg tea.Msg) tea.Cmd {
	if w.form != nil {
		if e, ok := msg.(loadedMsg); ok && e.err != nil {
			w.form.failed(e.err)
			return nil
		}
		return w.form.update(msg)
	}
	km, ok := msg.(tea.KeyPressMsg)
	if !ok || w.busy {
		return nil
	}
	k := w.sh.keys
	switch {
	case key.Matches(km, k.Up), key.Matches(km, k.Down):
		w.cur = 1 - w.cur
	case km.String() == "1":
		w.cur = 0
		return w.choose()
	case km.String() == "2":
		w.cur = 1
		return w.choose()
	case key.Matches(km, k.Submit):
		return w.choose()
	}
	return nil
}

func (w *welcome) choose() tea.Cmd {
	if w.cur == 1 {
		w.busy = true
		ctx, s, today := w.sh.ctx, w.sh.store, w.sh.today
		return func() tea.Msg {
			if err := sample.Write(ctx, s, today, 0); err != nil {
				return loadedMsg{err: err}
			}
			d, err := readTerm(ctx, s, today, "")
			return loadedMsg{data: d, err: err}
		}
	}
	w.form = w.termForm()
	return nil
}

// termForm asks for the first term and its plan, suggesting the term around today.
func (w *welcome) termForm() *form {
	f := newTermForm(w.sh, nil)
	f.onClose = func() { w.form = nil }
	return f
}

// suggestWeek1 is the Monday on or after the first school day of the term around today.
func suggestWeek1(today store.Date) store.Date {
	y := today.Year
	start := store.Date{Year: y, Month: time.September, Day: 1}
	switch {
	case today.Month <= time.January:
		start.Year = y - 1
	case today.Month < time.August:
		start = store.Date{Year: y, Month: time.February, Day: 20}
	}
	for start.Weekday() != time.Monday {
		start = start.AddDays(1)
	}
	return start
}

// suggestTermName is "2026—2027学年第一学期" for a term starting at week1.
func suggestTermName(week1 store.Date) string {
	if week1.Month >= time.August {
		return strconv.Itoa(week1.Year) + "—" + strconv.Itoa(week1.Year+1) + "学年第一学期"
	}
	return strconv.Itoa(week1.Year-1) + "—" + strconv.Itoa(week1.Year) + "学年第二学期"
}

func (w *welcome) view(width, h int) string {
	if w.form != nil {
		return w.form.view(width, h)
	}
	st := w.sh.st
	lines := []string{"", st.bold.Render(st.cut(w.sh.T(msgWelcome), width)), "",
		st.cut(w.sh.T(msgWelcomeEmpty), width), ""}
	for i, m := range []i18n.Msg{msgWelcomeNew, msgWelcomeDemo} {
		item := "  " + strconv.Itoa(i+1) + "  " + w.sh.T(m) + "  "
		if i == w.cur {
			lines = append(lines, "  "+st.g.cursor+st.sel.Render(item))
		} else {
			lines = append(lines, "   "+item)
		}
	}
	lines = append(lines, "")
	if w.busy {
		lines = append(lines, st.dim.Render(w.sh.T(msgLoadingDemo)))
	}
	lines = append(lines, st.dim.Render(st.cut(w.sh.T(msgFile, w.sh.store.Path()), width)))
	return strings.Join(lines, "\n")
}
