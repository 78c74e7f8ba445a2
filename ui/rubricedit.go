package ui

import (
	"context"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

var (
	msgRubTitle   = i18n.Msg{Zh: "评课量表：%s（满分 %s）", En: "Rubric: %s (out of %s)"}
	msgRubDims    = i18n.Msg{Zh: "评价维度        满分", En: "Dimension       Points"}
	msgRubBands   = i18n.Msg{Zh: "等级划分（得分率不低于）", En: "Grade bands (at least, in %)"}
	msgRubKeys    = i18n.Msg{Zh: "ctrl+s 保存  esc 离开  tab 下一格  ctrl+n 加一行  ctrl+d 删本行", En: "ctrl+s save  esc leave  tab next  ctrl+n add a row  ctrl+d delete the row"}
	msgRubNote    = i18n.Msg{Zh: "已有的听课记录保留原来的量表。", En: "Observations already scored keep the rubric they were scored with."}
	msgRubBadNum  = i18n.Msg{Zh: "“%s”应是数字：%s", En: "%s must be a number: %s"}
	msgRubLastDim = i18n.Msg{Zh: "量表至少要有一个维度", En: "A rubric needs at least one dimension"}
)

type rubricRow struct{ name, max *lineField }

// rubricEditor edits a rubric's dimensions, points and grade bands. Observations keep the
// copy they were scored with, so an edit only changes what new observations are scored on.
type rubricEditor struct {
	env     obsEnv
	rec     store.Rubric
	dims    []rubricRow
	bands   []rubricRow // grade name and lowest percentage
	focus   int         // index into cells()
	initial string
	asking  bool
	saving  bool
	message string
	w, h    int

	Done  bool
	Saved *store.Rubric
}

func newRubricEditor(env obsEnv, r store.Rubric) *rubricEditor {
	e := &rubricEditor{env: env, rec: r, w: 80, h: 20}
	for _, d := range r.Spec.Dimensions {
		e.dims = append(e.dims, e.row(d.Name, formatPoints(d.Max)))
	}
	for _, b := range r.Spec.Bands {
		row := e.row(b.Grade, formatPoints(b.Min))
		row.name.in.SetWidth(5)
		e.bands = append(e.bands, row)
	}
	e.initial = e.snapshot()
	return e
}

func (e *rubricEditor) row(name, num string) rubricRow {
	r := rubricRow{name: newLineField(e.env.st, 15, store.MaxName), max: newLineField(e.env.st, 6, 5)}
	r.name.SetValue(name)
	r.max.SetValue(num)
	r.max.replace = true
	return r
}

// cells is the tab order: each dimension's name and points, then each band's grade and
// threshold.
func (e *rubricEditor) cells() []*lineField {
	var cs []*lineField
	for _, r := range append(append([]rubricRow{}, e.dims...), e.bands...) {
		cs = append(cs, r.name, r.max)
	}
	return cs
}

func (e *rubricEditor) snapshot() string {
	var b strings.Builder
	for _, c := range e.cells() {
		b.WriteString(c.Value() + "\x00")
	}
	return b.String()
}

func (e *rubricEditor) Init() tea.Cmd { return e.setFocus(0) }

func (e *rubricEditor) SetSize(w, h int) { e.w, e.h = w, h }

func (e *rubricEditor) setFocus(i int) tea.Cmd {
	cs := e.cells()
	if e.focus < len(cs) {
		cs[e.focus].Blur()
	}
	e.focus = (i + len(cs)) % len(cs)
	return cs[e.focus].Focus()
}

type rubricSavedMsg struct {
	r   store.Rubric
	err error
}

func (e *rubricEditor) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case rubricSavedMsg:
		e.saving = false
		if msg.err != nil {
			e.message = e.env.lang.Error(msg.err)
			return nil
		}
		e.Done, e.Saved = true, &msg.r
		return nil
	case tea.KeyPressMsg:
		return e.key(msg)
	case tea.PasteMsg:
		if !e.saving && !e.asking {
			e.cells()[e.focus].Update(msg)
		}
	}
	return nil
}

func (e *rubricEditor) key(msg tea.KeyPressMsg) tea.Cmd {
	if e.saving {
		return nil
	}
	if e.asking {
		if answerDiscard(&e.asking, msg) {
			e.Done = true
		}
		return nil
	}
	e.message = ""
	onDim := e.focus/2 < len(e.dims)
	switch msg.String() {
	case "ctrl+s":
		return e.save()
	case "esc":
		if e.snapshot() != e.initial {
			e.asking = true
			return nil
		}
		e.Done = true
		return nil
	case "tab", "enter":
		return e.setFocus(e.focus + 1)
	case "shift+tab":
		return e.setFocus(e.focus - 1)
	case "ctrl+n":
		if onDim {
			i := e.focus/2 + 1
			e.dims = append(e.dims[:i], append([]rubricRow{e.row("", "")}, e.dims[i:]...)...)
			return e.setFocus(2 * i)
		}
	case "ctrl+d":
		if onDim {
			if len(e.dims) == 1 {
				e.message = e.env.lang.T(msgRubLastDim)
				return nil
			}
			i := e.focus / 2
			e.dims = append(e.dims[:i], e.dims[i+1:]...)
			e.focus = 0
			return e.setFocus(2 * min(i, len(e.dims)-1))
		}
	}
	return e.cells()[e.focus].Update(msg)
}

// spec reads the cells into a rubric spec, or names the cell that is not a number.
func (e *rubricEditor) spec() (store.RubricSpec, error) {
	lang := e.env.lang
	var sp store.RubricSpec
	num := func(f *lineField, field string) (float64, error) {
		v, err := strconv.ParseFloat(f.Value(), 64)
		if err != nil {
			return 0, formError(lang.T(msgRubBadNum, lang.FieldName(field), f.Value()))
		}
		return v, nil
	}
	for i, r := range e.dims {
		max, err := num(r.max, "max")
		if err != nil {
			e.setFocus(2*i + 1)
			return sp, err
		}
		d := store.Dimension{Name: r.name.Value(), Max: max}
		for _, old := range e.rec.Spec.Dimensions {
			if old.Name == d.Name {
				d.NameEn = old.NameEn
			}
		}
		sp.Dimensions = append(sp.Dimensions, d)
	}
	for i, r := range e.bands {
		min, err := num(r.max, "band_min")
		if err != nil {
			e.setFocus(2*(len(e.dims)+i) + 1)
			return sp, err
		}
		sp.Bands = append(sp.Bands, store.Band{Grade: r.name.Value(), Min: min})
	}
	return sp, nil
}

func (e *rubricEditor) save() tea.Cmd {
	sp, err := e.spec()
	if err != nil {
		e.message = err.Error()
		return nil
	}
	r := e.rec
	r.Spec = sp
	if err := r.Validate(); err != nil {
		e.message = e.env.lang.Error(err)
		return nil
	}
	e.saving = true
	st := e.env.db
	return func() tea.Msg {
		r, err := st.UpdateRubric(context.Background(), r)
		return rubricSavedMsg{r: r, err: err}
	}
}

func (e *rubricEditor) View() string {
	lang := e.env.lang
	var full float64
	for _, r := range e.dims {
		v, _ := strconv.ParseFloat(r.max.Value(), 64)
		full += v
	}
	lines := []string{
		e.env.st.bold.Render(lang.T(msgRubTitle, e.rec.Name, formatPoints(full))),
		e.env.st.dim.Render(lang.T(msgRubDims)),
	}
	cs := e.cells()
	cell := func(i int) string {
		v := cs[i].View()
		if i == e.focus {
			return e.env.st.focus.Render(">") + v
		}
		return " " + v
	}
	for i := range e.dims {
		lines = append(lines, cell(2*i)+" "+cell(2*i+1))
	}
	lines = append(lines, e.env.st.dim.Render(lang.T(msgRubBands)))
	var bands []string
	for i := range e.bands {
		j := 2 * (len(e.dims) + i)
		bands = append(bands, cell(j)+cell(j+1))
	}
	lines = append(lines, e.env.st.cut(strings.Join(bands, "  "), e.w), e.env.st.dim.Render(lang.T(msgRubNote)))
	msg := e.env.st.dim.Render(lang.T(msgRubKeys))
	switch {
	case e.asking:
		msg = e.env.st.moved.Render(lang.T(msgObsAsk))
	case e.message != "":
		msg = e.env.st.err.Render(e.message)
	}
	return strings.Join(append(lines, e.env.st.cut(msg, e.w)), "\n")
}
