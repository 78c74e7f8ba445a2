package ui

import (
	"cmp"
	"encoding/json"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

var (
	msgOverMax      = i18n.Msg{Zh: "“%s”满分 %s 分，不能打 %s 分", En: "%s is out of %s points; %s is too many"}
	msgScoreDigits  = i18n.Msg{Zh: "评分只能填数字（可带一位小数）", En: "a score is a number (one decimal place at most)"}
	msgGradeKeys    = i18n.Msg{Zh: "等级请按 y优 l良 z中 c差，或 1-4", En: "type a grade: y/1 A, l/2 B, z/3 C, c/4 D"}
	msgTotal        = i18n.Msg{Zh: "合计 %s", En: "total %s"}
	msgUnscored     = i18n.Msg{Zh: "（%d项未评）", En: " (%d to score)"}
	msgIncomplete   = i18n.Msg{Zh: "“%s”还没有评分（也可全部留空，稍后再评）", En: "%s has no score yet (or leave every score empty and score later)"}
	msgGradeMode    = i18n.Msg{Zh: "只评等级", En: "grades only"}
	msgObsGridKeys  = i18n.Msg{Zh: "填分后 空格/enter 下一项  ctrl+g 改为只评等级", En: "type a score, space/enter for the next  ctrl+g grades only"}
	msgObsGradeKeys = i18n.Msg{Zh: "按 y优 l良 z中 c差（或 1-4）  ctrl+g 改为打分", En: "type y/l/z/c (or 1-4) for A-D  ctrl+g points"}
	msgRubTitle     = i18n.Msg{Zh: "评课量表：%s（满分 %s）", En: "Rubric: %s (out of %s)"}
	msgRubDims      = i18n.Msg{Zh: "评价维度         满分    评价要点", En: "Dimension        Points  What earns them"}
	msgRubName      = i18n.Msg{Zh: "名称", En: "Name"}
	msgRubSubject   = i18n.Msg{Zh: "学科", En: "Subject"}
	msgRubDefault   = i18n.Msg{Zh: "默认量表", En: "Default"}
	msgRubFull      = i18n.Msg{Zh: "满分", En: "Full marks"}
	msgRubPoints    = i18n.Msg{Zh: "评价要点", En: "What earns them"}
	msgRubYes       = i18n.Msg{Zh: "是", En: "yes"}
	msgRubNo        = i18n.Msg{Zh: "否", En: "no"}
	msgRubBands     = i18n.Msg{Zh: "等级划分（得分率不低于）", En: "Grade bands (at least, in %)"}
	msgRubNote      = i18n.Msg{Zh: "已有的听课记录保留原来的量表。", En: "Observations already scored keep the rubric they were scored with."}
	msgRubBadNum    = i18n.Msg{Zh: "应是数字：%s", En: "must be a number: %s"}
	msgRubLastDim   = i18n.Msg{Zh: "量表至少要有一个维度", En: "A rubric needs at least one dimension"}
	msgRubDim       = i18n.Msg{Zh: "维度", En: "Dimension"}
	msgRubMax       = i18n.Msg{Zh: "满分", En: "Points"}
	msgRubGrade     = i18n.Msg{Zh: "等级", En: "Grade"}
	msgRubMin       = i18n.Msg{Zh: "得分率", En: "At least"}
)

// gradeKeys are what a grade may be typed as in the grade-only mode: the letter of its pinyin,
// its rank, or the character itself (优 yōu, 良 liáng, 中 zhōng, 差 chà).
var gradeKeys = map[rune]string{
	'y': store.GradeExcellent, 'Y': store.GradeExcellent, '1': store.GradeExcellent, '优': store.GradeExcellent,
	'l': store.GradeGood, 'L': store.GradeGood, '2': store.GradeGood, '良': store.GradeGood,
	'z': store.GradeFair, 'Z': store.GradeFair, '3': store.GradeFair, '中': store.GradeFair,
	'c': store.GradePoor, 'C': store.GradePoor, '4': store.GradePoor, '差': store.GradePoor,
}

// rubricGrid scores an observation against its rubric: one cell per dimension, scores typed as
// numbers and bounded by the dimension's maximum, or one grade per dimension in the grade-only
// mode; the total and grade are shown as they change.
type rubricGrid struct {
	lang      i18n.Lang
	st        *styles
	spec      store.RubricSpec
	rubricID  string // the rubric spec was copied from, so the record says which one scored it
	gradeOnly bool
	points    []string // what was typed in each cell
	grades    []string // 优/良/中/差 per dimension, "" when not given
	cur       int
	focused   bool
	width     int
	problem   string // why the last key was refused; cleared by the next key
}

func newRubricGrid(lang i18n.Lang, st *styles, spec store.RubricSpec) *rubricGrid {
	n := len(spec.Dimensions)
	return &rubricGrid{lang: lang, st: st, spec: spec, points: make([]string, n), grades: make([]string, n), width: 80}
}

// Load shows an observation's scores.
func (g *rubricGrid) Load(o store.Observation) {
	g.rubricID, g.gradeOnly = o.RubricID, o.GradeOnly
	for i := range g.points {
		if !o.GradeOnly && i < len(o.Scores) {
			g.points[i] = formatPoints(o.Scores[i])
		}
		if o.GradeOnly && i < len(o.Grades) {
			g.grades[i] = o.Grades[i]
		}
	}
}

// Fill puts the scores into o. All empty means not scored yet; a partly scored rubric is an
// error naming the first dimension without a score.
func (g *rubricGrid) Fill(o *store.Observation) error {
	o.Rubric, o.RubricID, o.GradeOnly, o.Scores, o.Grades = g.spec, g.rubricID, g.gradeOnly, nil, nil
	filled, first := g.filled()
	if filled == 0 {
		return nil
	}
	if filled < len(g.spec.Dimensions) {
		return formError(g.lang.T(msgIncomplete, g.dimName(first)))
	}
	if g.gradeOnly {
		o.Grades = append([]string(nil), g.grades...)
	} else {
		o.Scores = make([]float64, len(g.points))
		for i, p := range g.points {
			o.Scores[i], _ = strconv.ParseFloat(strings.TrimSuffix(p, "."), 64)
		}
	}
	return nil
}

// filled counts the scored dimensions and returns the first one without a score.
func (g *rubricGrid) filled() (n, firstEmpty int) {
	firstEmpty = -1
	for i := range g.spec.Dimensions {
		v := g.points[i]
		if g.gradeOnly {
			v = g.grades[i]
		}
		if v != "" {
			n++
		} else if firstEmpty < 0 {
			firstEmpty = i
		}
	}
	return n, firstEmpty
}

// Result is the live total and grade; the grade is "" until every dimension is scored.
func (g *rubricGrid) Result() (total float64, grade string, missing int) {
	o := store.Observation{Rubric: g.spec, GradeOnly: g.gradeOnly}
	if g.gradeOnly {
		o.Grades = g.grades
	} else {
		o.Scores = make([]float64, len(g.points))
		for i, p := range g.points {
			o.Scores[i], _ = strconv.ParseFloat(strings.TrimSuffix(p, "."), 64)
		}
	}
	o.Score()
	n, _ := g.filled()
	missing = len(g.spec.Dimensions) - n
	if missing > 0 || n == 0 {
		return o.Total, "", missing
	}
	return o.Total, o.Grade, 0
}

func (g *rubricGrid) dimName(i int) string {
	d := g.spec.Dimensions[i]
	if g.lang == i18n.En && d.NameEn != "" {
		return d.NameEn
	}
	return d.Name
}

// ToggleMode switches between points and grades only; what was typed in the other mode stays.
func (g *rubricGrid) ToggleMode() { g.gradeOnly = !g.gradeOnly }

// The grid is a form's input: its cells are stops of their own, typed into.
func (g *rubricGrid) Focus() tea.Cmd { g.focused = true; return nil }
func (g *rubricGrid) Blur()          { g.focused = false }

// gridValue is what a draft keeps of the grid: the rubric scored with and what was typed in
// either mode.
type gridValue struct {
	Rubric    store.RubricSpec `json:"rubric"`
	RubricID  string           `json:"rubric_id,omitempty"`
	GradeOnly bool             `json:"grade_only"`
	Points    []string         `json:"points"`
	Grades    []string         `json:"grades"`
}

func (g *rubricGrid) Value() string {
	b, _ := json.Marshal(gridValue{Rubric: g.spec, RubricID: g.rubricID, GradeOnly: g.gradeOnly, Points: g.points, Grades: g.grades})
	return string(b)
}

// SetValue takes back what a draft kept; the rubric of the draft is the one scored on.
func (g *rubricGrid) SetValue(v string) {
	var gv gridValue
	if json.Unmarshal([]byte(v), &gv) != nil {
		return
	}
	if len(gv.Rubric.Dimensions) > 0 {
		*g = *newRubricGrid(g.lang, g.st, gv.Rubric)
		g.rubricID = gv.RubricID
	}
	g.gradeOnly = gv.GradeOnly
	copy(g.points, gv.Points)
	copy(g.grades, gv.Grades)
}

// enter puts the cursor on the first or last cell, entering the grid by tab or shift+tab.
func (g *rubricGrid) enter(forward bool) {
	g.cur = 0
	if !forward {
		g.cur = len(g.spec.Dimensions) - 1
	}
}

// step moves to the next or previous cell and reports false at the last or first one.
func (g *rubricGrid) step(forward bool) bool {
	if forward {
		return g.Next()
	}
	if g.cur == 0 {
		return false
	}
	g.cur--
	return true
}

// claims the keys that move between cells: enter, space, ← and →.
func (g *rubricGrid) claims(k tea.KeyPressMsg) bool {
	switch k.String() {
	case "enter", "space", "left", "right":
		return true
	}
	return false
}

func (g *rubricGrid) complaint() string { return g.problem }

// hint is how to score, in the mode the grid is in.
func (g *rubricGrid) hint() string {
	if g.gradeOnly {
		return g.st.dim.Render(g.lang.T(msgObsGradeKeys))
	}
	return g.st.dim.Render(g.lang.T(msgObsGridKeys))
}

// Next moves to the next cell and reports false at the last one.
func (g *rubricGrid) Next() bool {
	if g.cur+1 >= len(g.spec.Dimensions) {
		return false
	}
	g.cur++
	return true
}

// Update handles a key while the grid has focus.
func (g *rubricGrid) Update(m tea.Msg) tea.Cmd {
	g.problem = ""
	msg, ok := m.(tea.KeyPressMsg)
	if !ok || len(g.spec.Dimensions) == 0 {
		return nil
	}
	switch msg.String() {
	case "enter", "space", "right":
		g.Next()
	case "left":
		g.step(false)
	case "backspace", "ctrl+h":
		if g.gradeOnly {
			g.grades[g.cur] = ""
		} else if p := []rune(g.points[g.cur]); len(p) > 0 {
			g.points[g.cur] = string(p[:len(p)-1])
		}
	case "delete":
		g.points[g.cur], g.grades[g.cur] = "", ""
	default:
		if !typed(msg) {
			return nil
		}
		for _, r := range msg.Text {
			if !g.typeRune(r) {
				return nil
			}
		}
	}
	return nil
}

// typeRune applies one typed character and reports false when it was refused.
func (g *rubricGrid) typeRune(r rune) bool {
	if r == ' ' || r == '　' {
		g.Next()
		return true
	}
	if g.gradeOnly {
		grade, ok := gradeKeys[r]
		if !ok {
			g.problem = g.lang.T(msgGradeKeys)
			return false
		}
		g.grades[g.cur] = grade
		g.Next()
		return true
	}
	r = halfWidth(r)
	if (r < '0' || r > '9') && r != '.' {
		g.problem = g.lang.T(msgScoreDigits)
		return false
	}
	cand := g.points[g.cur] + string(r)
	if strings.HasPrefix(cand, ".") {
		cand = "0" + cand
	}
	whole, frac, dot := strings.Cut(cand, ".")
	if strings.Contains(frac, ".") || len(frac) > 1 || len(whole) > 3 {
		g.problem = g.lang.T(msgScoreDigits)
		return false
	}
	v, err := strconv.ParseFloat(whole+"."+frac+"0", 64)
	if !dot {
		v, err = strconv.ParseFloat(whole, 64)
	}
	if err != nil {
		g.problem = g.lang.T(msgScoreDigits)
		return false
	}
	d := g.spec.Dimensions[g.cur]
	if v > d.Max {
		g.problem = g.lang.T(msgOverMax, g.dimName(g.cur), formatPoints(d.Max), strings.TrimSuffix(cand, "."))
		return false
	}
	g.points[g.cur] = cand
	return true
}

// halfWidth turns the full-width digits and full stop an IME may send into ASCII.
func halfWidth(r rune) rune {
	switch {
	case r >= '０' && r <= '９':
		return '0' + (r - '０')
	case r == '．' || r == '。':
		return '.'
	}
	return r
}

// formatPoints shows 12 as "12" and 12.5 as "12.5".
func formatPoints(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// TotalLine is "合计 85.5 良", or the total so far and how many dimensions wait for a score.
func (g *rubricGrid) TotalLine() string {
	total, grade, missing := g.Result()
	n, _ := g.filled()
	shown := "-"
	if n > 0 {
		shown = formatPoints(total)
	}
	s := g.lang.T(msgTotal, shown)
	if grade != "" {
		s += " " + g.st.bold.Render(g.lang.GradeLetter(grade))
	} else if missing > 0 && missing < len(g.spec.Dimensions) {
		s += g.lang.T(msgUnscored, missing)
	}
	if g.gradeOnly {
		s += " " + g.st.dim.Render("["+g.lang.T(msgGradeMode)+"]")
	}
	return s
}

// View lays the dimensions out in as many columns as the width allows, the total after them.
func (g *rubricGrid) View() string {
	nameW := 0
	for i := range g.spec.Dimensions {
		nameW = max(nameW, g.st.width(g.dimName(i)))
	}
	cellW := nameW + 11 // name, space, 4-cell box, "/max", gap
	cols := max(1, g.width/cellW)
	var lines []string
	var line strings.Builder
	for i, d := range g.spec.Dimensions {
		if i > 0 && i%cols == 0 {
			lines = append(lines, strings.TrimRight(line.String(), " "))
			line.Reset()
		}
		val := g.points[i]
		if g.gradeOnly {
			val = g.lang.GradeLetter(g.grades[i])
		}
		box := g.st.padLeft(val, 4)
		if g.focused && i == g.cur {
			box = g.st.sel.Render(box) + caretMark // scores are typed, with an IME's digits too
		} else if val == "" {
			box = g.st.dim.Render("  __")
		}
		line.WriteString(g.st.pad(g.dimName(i), nameW) + " " + box)
		if !g.gradeOnly {
			line.WriteString(g.st.dim.Render("/" + g.st.pad(formatPoints(d.Max), 3)))
		} else {
			line.WriteString("    ")
		}
		line.WriteString("  ")
	}
	n := len(g.spec.Dimensions)
	if n%cols != 0 && (n%cols+1)*cellW <= g.width+2 {
		line.WriteString(g.TotalLine())
		lines = append(lines, line.String())
	} else {
		lines = append(lines, strings.TrimRight(line.String(), " "), g.TotalLine())
	}
	return strings.Join(lines, "\n")
}

// The rubric form: a rubric's name, subject and full marks, its dimensions with their points
// and what earns them (评价要点), and its grade bands. Observations keep the copy they were
// scored with, so an edit only changes what new observations are scored on.

// rubricRows are the rubric form's rows.
type rubricRows struct {
	sh    *shared
	f     *form
	rec   store.Rubric
	head  []*field    // name, subject, whether it is the default, full marks
	dims  [][3]*field // name, points, 评价要点
	bands [][2]*field // grade, threshold
}

// newRubricForm edits rubric r (a new one when r.ID is ""). ctrl+n adds a dimension after
// the one with focus and ctrl+d deletes it.
func newRubricForm(sh *shared, r store.Rubric) *form {
	rr := &rubricRows{sh: sh, f: newForm(sh, r.Name), rec: r}
	f := rr.f
	rr.head = []*field{
		f.text("name", msgRubName, r.Name, store.MaxShort),
		f.text("subject", msgRubSubject, r.Subject, store.MaxName),
		f.choose("default", msgRubDefault, []choice{{"no", sh.T(msgRubNo)}, {"yes", sh.T(msgRubYes)}}, map[bool]string{false: "no", true: "yes"}[r.IsDefault]),
		f.text("full", msgRubFull, formatPoints(r.Spec.Total()), 6),
	}
	rr.head[3].in.(*lineField).replace = true // typing replaces the number, as in the cells
	for _, d := range r.Spec.Dimensions {
		rr.dims = append(rr.dims, rr.dim(d))
	}
	for _, b := range r.Spec.Bands {
		n, v := rr.cells("band", msgRubGrade, msgRubMin, b.Grade, formatPoints(b.Min), 5)
		rr.bands = append(rr.bands, [2]*field{n, v})
	}
	rr.refield()
	f.layout = rr.draw
	f.keys = rr.ownKeys
	f.hints = []key.Binding{sh.keys.AddRow, sh.keys.DeleteRow}
	f.save = rr.save
	f.ready()
	return f
}

// cells are a row's name and number.
func (rr *rubricRows) cells(kind string, name, num i18n.Msg, text, value string, w int) (*field, *field) {
	n := newLineField(rr.sh.st, w, store.MaxName)
	n.SetValue(text)
	v := newLineField(rr.sh.st, 6, 5)
	v.SetValue(value)
	v.replace = true
	return &field{name: kind + "_name", label: rr.sh.T(name), in: n}, &field{name: kind + "_min", label: rr.sh.T(num), in: v}
}

// dim is a dimension's row: its name, points and 评价要点.
func (rr *rubricRows) dim(d store.Dimension) [3]*field {
	n, v := rr.cells("dim", msgRubDim, msgRubMax, d.Name, formatPoints(d.Max), 15)
	p := newLineField(rr.sh.st, 30, store.MaxNote)
	p.SetValue(d.Points)
	return [3]*field{n, v, {name: "points", label: rr.sh.T(msgRubPoints), in: p}}
}

// refield makes the tab order: the rubric's name, subject, default and full marks; each
// dimension's name, points and 评价要点; then each band's grade and threshold.
func (rr *rubricRows) refield() {
	rr.f.fields = append(rr.f.fields[:0], rr.head...)
	for _, r := range rr.dims {
		rr.f.fields = append(rr.f.fields, r[:]...)
	}
	for _, r := range rr.bands {
		rr.f.fields = append(rr.f.fields, r[:]...)
	}
}

// dimAt is the dimension whose row has focus, or -1.
func (rr *rubricRows) dimAt() int {
	i := rr.f.focus - len(rr.head)
	if i < 0 || i >= 3*len(rr.dims) {
		return -1
	}
	return i / 3
}

// focusDim focuses dimension i's name.
func (rr *rubricRows) focusDim(i int) tea.Cmd { return rr.f.setFocus(len(rr.head) + 3*i) }

func (rr *rubricRows) ownKeys(k tea.KeyPressMsg) (tea.Cmd, bool) {
	keys, f := rr.sh.keys, rr.f
	at := rr.dimAt()
	switch {
	case key.Matches(k, keys.AddRow) && at >= 0:
		i := at + 1
		rr.dims = append(rr.dims[:i], append([][3]*field{rr.dim(store.Dimension{})}, rr.dims[i:]...)...)
		rr.refield()
		return rr.focusDim(i), true
	case key.Matches(k, keys.DeleteRow) && at >= 0:
		if len(rr.dims) == 1 {
			f.problem = rr.sh.T(msgRubLastDim)
			return nil, true
		}
		rr.dims = append(rr.dims[:at], rr.dims[at+1:]...)
		rr.refield()
		f.focus = 0
		return rr.focusDim(min(at, len(rr.dims)-1)), true
	case k.String() == "enter" && f.focus >= len(rr.head):
		return f.move(true), true // every cell is a box: enter goes to the next
	}
	return nil, false
}

// number reads a cell as a number, or says which cell is not one (and focuses it).
func (rr *rubricRows) number(fl *field, row string) (float64, error) {
	v, err := strconv.ParseFloat(fl.value(), 64)
	if err != nil {
		for i, x := range rr.f.fields {
			if x == fl {
				rr.f.setFocus(i)
			}
		}
		return 0, formError(rr.sh.T(msgFieldProblem, row, rr.sh.T(msgRubBadNum, fl.value())))
	}
	return v, nil
}

// spec reads the rows into a rubric, or names the cell that is not a number.
func (rr *rubricRows) spec() (store.RubricSpec, error) {
	var sp store.RubricSpec
	for _, r := range rr.dims {
		max, err := rr.number(r[1], r[0].value())
		if err != nil {
			return sp, err
		}
		d := store.Dimension{Name: r[0].value(), Max: max, Points: r[2].value()}
		for _, old := range rr.rec.Spec.Dimensions {
			if old.Name == d.Name {
				d.NameEn = old.NameEn // kept, though not edited here
			}
		}
		sp.Dimensions = append(sp.Dimensions, d)
	}
	for _, r := range rr.bands {
		min, err := rr.number(r[1], r[0].value())
		if err != nil {
			return sp, err
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
	r.Name, r.Subject, r.IsDefault, r.Spec = rr.f.str("name"), rr.f.str("subject"), rr.f.str("default") == "yes", sp
	if r.Full, err = rr.number(rr.head[3], rr.head[3].label); err != nil {
		return nil, err
	}
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return writeRubric(rr.sh, rr.rec, r), nil
}

// draw lays out the rubric's name and subject, its default mark and full marks, the
// dimensions one a line, and the bands on one line.
func (rr *rubricRows) draw(w, h int) []string {
	st, f := rr.sh.st, rr.f
	var sum float64
	for _, r := range rr.dims {
		v, _ := strconv.ParseFloat(r[1].value(), 64)
		sum += v
	}
	cell := func(fl *field) string {
		if fl == f.focused() {
			return st.focus.Render(st.g.cursor) + fl.in.View()
		}
		return " " + fl.in.View()
	}
	labelled := func(fl *field, w int) string {
		if s, ok := fl.in.(sizer); ok {
			s.SetSize(w, 1)
		}
		return f.label(fl) + " " + cell(fl)
	}
	pointsW := max(10, w-15-6-5)
	for _, r := range rr.dims {
		r[2].in.(sizer).SetSize(pointsW, 1)
	}
	lines := []string{
		st.bold.Render(st.cut(st.text(rr.sh.T(msgRubTitle, cmp.Or(f.str("name"), "…"), formatPoints(sum))), w)),
		st.cut(labelled(rr.head[0], 24)+"  "+labelled(rr.head[1], 10), w),
		st.cut(labelled(rr.head[2], 0)+"  "+labelled(rr.head[3], 6), w),
		st.dim.Render(st.cut(rr.sh.T(msgRubDims), w)),
	}
	for _, r := range rr.dims {
		lines = append(lines, st.cut(cell(r[0])+" "+cell(r[1])+" "+cell(r[2]), w))
	}
	lines = append(lines, st.dim.Render(rr.sh.T(msgRubBands)))
	var bands []string
	for _, r := range rr.bands {
		bands = append(bands, cell(r[0])+cell(r[1]))
	}
	return append(lines, st.cut(strings.Join(bands, "  "), w), st.dim.Render(st.cut(rr.sh.T(msgRubNote), w)))
}
