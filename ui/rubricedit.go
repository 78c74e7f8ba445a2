package ui

import (
	"context"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

// The rubric form: a rubric's dimensions with their points, and its grade bands. Observations
// keep the copy they were scored with, so an edit only changes what new observations are
// scored on.

var (
	msgRubTitle   = i18n.Msg{Zh: "评课量表：%s（满分 %s）", En: "Rubric: %s (out of %s)"}
	msgRubDims    = i18n.Msg{Zh: "评价维度        满分", En: "Dimension       Points"}
	msgRubBands   = i18n.Msg{Zh: "等级划分（得分率不低于）", En: "Grade bands (at least, in %)"}
	msgRubNote    = i18n.Msg{Zh: "已有的听课记录保留原来的量表。", En: "Observations already scored keep the rubric they were scored with."}
	msgRubBadNum  = i18n.Msg{Zh: "应是数字：%s", En: "must be a number: %s"}
	msgRubLastDim = i18n.Msg{Zh: "量表至少要有一个维度", En: "A rubric needs at least one dimension"}
	msgRubDim     = i18n.Msg{Zh: "维度", En: "Dimension"}
	msgRubMax     = i18n.Msg{Zh: "满分", En: "Points"}
	msgRubGrade   = i18n.Msg{Zh: "等级", En: "Grade"}
	msgRubMin     = i18n.Msg{Zh: "得分率", En: "At least"}
)

// rubricSavedMsg reports a rubric written.
type rubricSavedMsg struct {
	r   store.Rubric
	err error
}

func (m rubricSavedMsg) failure() error { return m.err }

// rubricRows are the rubric form's rows: each a name and a number.
type rubricRows struct {
	sh    *shared
	f     *form
	rec   store.Rubric
	dims  [][2]*field
	bands [][2]*field
}

// newRubricForm edits rubric r. ctrl+n adds a dimension after the one with focus and ctrl+d
// deletes it.
func newRubricForm(sh *shared, r store.Rubric) *form {
	rr := &rubricRows{sh: sh, f: newForm(sh, r.Name), rec: r}
	for _, d := range r.Spec.Dimensions {
		rr.dims = append(rr.dims, rr.row("dim", msgRubDim, msgRubMax, d.Name, formatPoints(d.Max), 15))
	}
	for _, b := range r.Spec.Bands {
		rr.bands = append(rr.bands, rr.row("band", msgRubGrade, msgRubMin, b.Grade, formatPoints(b.Min), 5))
	}
	f := rr.f
	rr.refield()
	f.layout = rr.draw
	f.keys = rr.ownKeys
	f.hints = []key.Binding{sh.keys.AddRow, sh.keys.DeleteRow}
	f.save = rr.save
	f.ready()
	return f
}

func (rr *rubricRows) row(kind string, name, num i18n.Msg, text, value string, w int) [2]*field {
	n := newLineField(rr.sh.st, w, store.MaxName)
	n.SetValue(text)
	v := newLineField(rr.sh.st, 6, 5)
	v.SetValue(value)
	v.replace = true
	return [2]*field{{name: kind + "_name", label: rr.sh.T(name), in: n}, {name: kind + "_min", label: rr.sh.T(num), in: v}}
}

// refield makes the tab order: each dimension's name and points, then each band's grade
// and threshold.
func (rr *rubricRows) refield() {
	rr.f.fields = rr.f.fields[:0]
	for _, r := range append(append([][2]*field{}, rr.dims...), rr.bands...) {
		rr.f.fields = append(rr.f.fields, r[0], r[1])
	}
}

func (rr *rubricRows) ownKeys(k tea.KeyPressMsg) (tea.Cmd, bool) {
	keys, f := rr.sh.keys, rr.f
	onDim := f.focus/2 < len(rr.dims)
	switch {
	case key.Matches(k, keys.AddRow) && onDim:
		i := f.focus/2 + 1
		rr.dims = append(rr.dims[:i], append([][2]*field{rr.row("dim", msgRubDim, msgRubMax, "", "", 15)}, rr.dims[i:]...)...)
		rr.refield()
		return f.setFocus(2 * i), true
	case key.Matches(k, keys.DeleteRow) && onDim:
		if len(rr.dims) == 1 {
			f.problem = rr.sh.T(msgRubLastDim)
			return nil, true
		}
		i := f.focus / 2
		rr.dims = append(rr.dims[:i], rr.dims[i+1:]...)
		rr.refield()
		f.focus = 0
		return f.setFocus(2 * min(i, len(rr.dims)-1)), true
	case k.String() == "enter":
		return f.move(true), true // every cell is a box: enter goes to the next
	}
	return nil, false
}

// spec reads the rows into a rubric, or names the cell that is not a number.
func (rr *rubricRows) spec() (store.RubricSpec, error) {
	var sp store.RubricSpec
	num := func(fl *field) (float64, error) {
		v, err := strconv.ParseFloat(fl.value(), 64)
		if err != nil {
			return 0, fieldError{field: fl.name, text: rr.sh.T(msgRubBadNum, fl.value())}
		}
		return v, nil
	}
	for i, r := range rr.dims {
		max, err := num(r[1])
		if err != nil {
			rr.f.setFocus(2*i + 1)
			return sp, formError(rr.sh.T(msgFieldProblem, r[0].value(), err.Error()))
		}
		d := store.Dimension{Name: r[0].value(), Max: max}
		for _, old := range rr.rec.Spec.Dimensions {
			if old.Name == d.Name {
				d.NameEn = old.NameEn
			}
		}
		sp.Dimensions = append(sp.Dimensions, d)
	}
	for i, r := range rr.bands {
		min, err := num(r[1])
		if err != nil {
			rr.f.setFocus(2*(len(rr.dims)+i) + 1)
			return sp, formError(rr.sh.T(msgFieldProblem, r[0].value(), err.Error()))
		}
		sp.Bands = append(sp.Bands, store.Band{Grade: r[0].value(), Min: min})
	}
	return sp, nil
}

func (rr *rubricRows) save() (tea.Cmd, error) {
	sp, err := rr.spec()
	if err != nil {
		return nil, err
	}
	r := rr.rec
	r.Spec = sp
	if err := r.Validate(); err != nil {
		return nil, err
	}
	st := rr.sh.store
	return toTab(tabObservations, func() tea.Msg {
		r, err := st.UpdateRubric(context.Background(), r)
		return rubricSavedMsg{r: r, err: err}
	}), nil
}

// draw lays the dimensions out one a line, the bands on one line.
func (rr *rubricRows) draw(w, h int) []string {
	st, f := rr.sh.st, rr.f
	var full float64
	for _, r := range rr.dims {
		v, _ := strconv.ParseFloat(r[1].value(), 64)
		full += v
	}
	cell := func(fl *field) string {
		if fl == f.focused() {
			return st.focus.Render(st.g.cursor) + fl.in.View()
		}
		return " " + fl.in.View()
	}
	lines := []string{
		st.bold.Render(st.cut(st.text(rr.sh.T(msgRubTitle, rr.rec.Name, formatPoints(full))), w)),
		st.dim.Render(rr.sh.T(msgRubDims)),
	}
	for _, r := range rr.dims {
		lines = append(lines, cell(r[0])+" "+cell(r[1]))
	}
	lines = append(lines, st.dim.Render(rr.sh.T(msgRubBands)))
	var bands []string
	for _, r := range rr.bands {
		bands = append(bands, cell(r[0])+cell(r[1]))
	}
	return append(lines, st.cut(strings.Join(bands, "  "), w), st.dim.Render(rr.sh.T(msgRubNote)))
}
