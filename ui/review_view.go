package ui

import (
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"

	"termbook/store"
	"termbook/store/review"
	"termbook/ui/i18n"
	"termbook/ui/report"
)

// Drawing the review: the sections line, the owners with the open one's block of targets
// (each with a small bar), checklist and grade, the activities per month and type, and the
// legend.

// rvGlyphs are the review's marks and bar cells, Unicode or ASCII, chosen once.
type rvGlyphs struct {
	status          [4]string // by review.Status: overdue, behind, on track, met
	full, short, no string    // a bar's done, due-but-not-done and remaining cells
	eighths         []string  // partial cells, 1/8 to 7/8 (none in ASCII)
	item            map[store.EvidenceState]string
}

func newRvGlyphs(ascii bool) rvGlyphs {
	g := rvGlyphs{item: map[store.EvidenceState]string{store.Missing: "[ ]", store.HandedIn: "[+]", store.Checked: "[x]"}}
	if ascii {
		g.status = [4]string{"!", "v", "o", "*"}
		g.full, g.short, g.no = "#", "-", "."
		return g
	}
	g.status = [4]string{"!", "▼", "○", "●"}
	g.full, g.short, g.no = "█", "░", "·"
	g.eighths = []string{"▏", "▎", "▍", "▌", "▋", "▊", "▉"}
	return g
}

// bar draws actual against required in w cells, with what is due by today but not done
// shaded: ███▌░░····.
func (g rvGlyphs) bar(actual, expected, required, w int) string {
	if required <= 0 {
		required = max(actual, 1)
	}
	scale := float64(w) / float64(required)
	used := 0
	var b strings.Builder
	if g.eighths == nil {
		used = min(w, int(float64(actual)*scale+0.5))
		b.WriteString(strings.Repeat(g.full, used))
	} else {
		e := min(w*8, int(float64(actual)*scale*8+0.5))
		b.WriteString(strings.Repeat(g.full, e/8))
		used = e / 8
		if e%8 > 0 {
			b.WriteString(g.eighths[e%8-1])
			used++
		}
	}
	due := max(used, min(w, int(float64(expected)*scale+0.5)))
	b.WriteString(strings.Repeat(g.short, due-used))
	b.WriteString(strings.Repeat(g.no, w-due))
	return b.String()
}

// statusStyle colours a status; the mark and the word carry it without colour.
func (r *reviewScreen) statusStyle(s review.Status) lipgloss.Style {
	st := r.sh.st
	switch s {
	case review.Short:
		return st.over
	case review.Behind:
		return st.moved
	case review.Met:
		return st.done
	}
	return st.base
}

func (r *reviewScreen) view(w, h int) string {
	switch {
	case r.form != nil:
		return r.form.view(w, h)
	case r.handins != nil && r.handins.showing():
		return r.handins.view(w, h)
	case r.targets != nil:
		return r.targets.list.view(w, h)
	}
	if r.drill != nil {
		return r.drill.view(r.sh, w, h)
	}
	st, l := r.sh.st, r.sh.lang
	if r.err != nil {
		return st.err.Render(st.cut(l.Error(r.err), w))
	}
	if r.rev == nil {
		return st.dim.Render(r.sh.T(msgLoading))
	}
	title := st.text(report.ReviewTitle(l, *r.rev))
	if st.disp.ascii {
		title = asciiPunct.Replace(title) // the report's separators are marks too
	}
	lines := []string{st.bold.Render(st.cut(title, w)), r.sectionLine(w), st.dim.Render(st.rule(w))}
	legend := st.dim.Render(st.cut(r.legend(), w))
	rows := h - len(lines) - 1
	var body []string
	if r.sec == secActivities {
		body = r.activityLines(w, rows)
	} else {
		body = r.ownerLines(w, rows)
	}
	lines = append(lines, body...)
	for len(lines) < h-1 {
		lines = append(lines, "")
	}
	return strings.Join(append(lines, legend), "\n")
}

// sectionLine names the sections with their counts, the chosen one bracketed, and the
// order and filter on the right.
func (r *reviewScreen) sectionLine(w int) string {
	st, l := r.sh.st, r.sh.lang
	var parts []string
	for sec, m := range msgRvSections {
		label := l.T(m)
		if sec < secActivities {
			label += " " + strconv.Itoa(len(r.shown[sec]))
			bad := 0
			for _, i := range r.shown[sec] {
				if r.owners[sec][i].status <= review.Behind {
					bad++
				}
			}
			if bad > 0 {
				label += l.T(msgRvBehindN, bad)
			}
		}
		if sec == r.sec {
			parts = append(parts, st.tabOn.Render("["+label+"]"))
		} else {
			parts = append(parts, " "+label+" ")
		}
	}
	left := strings.Join(parts, "")
	right := l.T(msgRvByWorst)
	if r.byName {
		right = l.T(msgRvByName)
	}
	if r.filter != "" {
		right = l.T(msgRvFilter, r.filter) + "  " + right
	}
	right = st.dim.Render(st.text(right))
	if st.width(left)+st.width(right)+1 > w {
		return st.cut(left, w)
	}
	return left + strings.Repeat(" ", w-st.width(left)-st.width(right)) + right
}

func (r *reviewScreen) legend() string {
	g := r.g
	return r.sh.T(msgRvLegend, g.full, g.short, g.no, g.status[review.Met], g.status[review.OnTrack], g.status[review.Behind], g.status[review.Short])
}

// ownerLines draws the owners of the section, the one under the cursor open, scrolled so
// the cursor (and as much of its block as fits) shows. Only visible rows are drawn.
func (r *reviewScreen) ownerLines(w, rows int) []string {
	st, sec := r.sh.st, r.sec
	if len(r.owners[sec]) == 0 {
		return []string{st.dim.Render(r.sh.T(msgRvEmpty))}
	}
	if len(r.shown[sec]) == 0 {
		return []string{st.dim.Render(st.cut(r.sh.T(msgRvNoMatch, st.text(r.filter)), w))}
	}
	o, _ := r.owner(sec)
	n := len(r.shown[sec]) + r.blockLen(o) - 1
	cur := r.cur[sec] + r.sub[sec]
	blockEnd := r.cur[sec] + r.blockLen(o) - 1
	top := r.top[sec]
	if blockEnd >= top+rows {
		top = min(r.cur[sec], blockEnd-rows+1)
	}
	top = max(0, min(top, cur, n-rows))
	if cur >= top+rows {
		top = cur - rows + 1
	}
	r.top[sec] = top
	var out []string
	for i := top; i < n && i < top+rows; i++ {
		switch {
		case i < r.cur[sec]:
			out = append(out, r.ownerLine(&r.owners[sec][r.shown[sec][i]], w, false))
		case i <= blockEnd:
			out = append(out, r.blockLine(o, i-r.cur[sec], w, i == cur))
		default:
			j := i - r.blockLen(o) + 1
			out = append(out, r.ownerLine(&r.owners[sec][r.shown[sec][j]], w, false))
		}
	}
	return out
}

// row draws one line: the cursor mark, then segments each in its own style, or all reversed
// when selected (a style inside the reverse would end it).
func (r *reviewScreen) row(selected bool, w int, segs ...seg) string {
	st := r.sh.st
	var plain, styled strings.Builder
	for _, s := range segs {
		plain.WriteString(s.text)
		styled.WriteString(s.style.Render(s.text))
	}
	if selected {
		return st.g.cursor + " " + st.sel.Render(st.cut(plain.String(), w-2))
	}
	if st.width(plain.String()) > w-2 {
		return "  " + st.cut(plain.String(), w-2)
	}
	return "  " + styled.String()
}

// seg is a piece of a line in one style.
type seg struct {
	text  string
	style lipgloss.Style
}

func (r *reviewScreen) ownerLine(o *rvOwner, w int, selected bool) string {
	st, l := r.sh.st, r.sh.lang
	ss := r.statusStyle(o.status)
	nameW := 16
	if w >= 110 {
		nameW = 24
	}
	if o.detail == "" {
		nameW += 11 // a school pair: the name takes the detail's column too
	}
	segs := []seg{
		{r.g.status[o.status] + " ", ss},
		{st.fit(st.text(o.name), nameW) + " ", st.bold},
	}
	if o.detail != "" {
		segs = append(segs, seg{st.fit(st.text(o.detail), 10) + " ", st.base})
	}
	segs = append(segs, seg{st.fit(report.StatusWord(l, o.status), 9) + " ", ss})
	if o.checklist != nil {
		done := 0
		for _, e := range o.checklist {
			if e.State != store.Missing {
				done++
			}
		}
		segs = append(segs, seg{st.fit(l.T(msgRvChecked, done, len(o.checklist)), 14) + " ", st.base})
	}
	segs = append(segs, seg{l.T(msgRvGrade) + " ", st.dim}, r.gradeSeg(o, true))
	if o.scope == store.ScopeTeacher && w >= 110 {
		segs = append(segs, seg{"  " + l.T(msgRvGiven, o.given, o.received), st.dim})
	}
	return r.row(selected, w, segs...)
}

// blockLine draws line i of the open owner's block.
func (r *reviewScreen) blockLine(o *rvOwner, i, w int, selected bool) string {
	st, l := r.sh.st, r.sh.lang
	kind, j := r.line(o, i)
	labelW := 20
	if l == i18n.En {
		labelW = 30
	}
	switch kind {
	case rowOwner:
		return r.ownerLine(o, w, selected)
	case rowTarget:
		x := o.results[j]
		barW := 12
		if w >= 110 {
			barW = 24
		}
		label := report.TargetName(l, x.Target) + " " + report.PerName(l, x.Target.Per)
		nums := strconv.Itoa(x.Actual) + "/" + strconv.Itoa(x.Required)
		if x.Status != review.Met {
			nums += " " + l.T(msgRvDue, x.Expected)
		}
		ss := r.statusStyle(x.Status)
		segs := []seg{
			{"  " + st.fit(label, labelW) + " ", st.base},
			{r.g.bar(x.Actual, x.Expected, x.Required, barW) + " ", ss},
			{st.fit(nums, 11) + " ", st.base},
			{r.g.status[x.Status] + " " + st.fit(report.StatusWord(l, x.Status), 9), ss},
		}
		if x.Periodic() && w >= 110 {
			segs = append(segs, seg{" " + l.T(msgRvPeriods) + " " + r.periodStrip(x, r.sh.today), st.dim})
		}
		return r.row(selected, w, segs...)
	case rowItem:
		e := o.checklist[j]
		style := st.base
		switch e.State {
		case store.Missing:
			style = st.moved
		case store.Checked:
			style = st.done
		}
		return r.row(selected, w, seg{"  " + st.fit(l.KindName(e.Kind), labelW) + " ", st.base},
			seg{r.g.item[e.State] + " " + report.EvidenceCell(l, e), style})
	}
	return r.row(selected, w, seg{"  " + st.fit(l.T(msgRvGrade), labelW) + " ", st.base}, r.gradeSeg(o, false))
}

// gradeSeg shows an owner's term grade: the one a person gave, marked as given, else the one
// its score suggests (with the score unless short), else none.
func (r *reviewScreen) gradeSeg(o *rvOwner, short bool) seg {
	st, l := r.sh.st, r.sh.lang
	switch {
	case o.grade != "":
		return seg{l.T(msgRvGivenBy, l.TermGrade(o.grade)), st.bold}
	case o.scoring.Scored && short:
		return seg{l.T(msgRvSuggestedShort, l.TermGrade(o.scoring.Suggested)), st.base}
	case o.scoring.Scored:
		return seg{l.T(msgRvSuggested, l.TermGrade(o.scoring.Suggested), o.scoring.Score), st.base}
	}
	return seg{l.T(msgRvNoGrade), st.dim}
}

// periodStrip is one cell per period: met, short and ended, begun, or still to come.
func (r *reviewScreen) periodStrip(x review.Result, today store.Date) string {
	g := r.sh.st.g
	var b strings.Builder
	for _, p := range x.Periods {
		switch {
		case p.Met():
			b.WriteString(g.stripDone)
		case p.Ended:
			b.WriteString(g.stripOverdue)
		case p.Actual > 0:
			b.WriteString(g.stripPart)
		case !today.Before(p.First):
			b.WriteString(g.stripPlanned)
		default:
			b.WriteString(g.stripEmpty)
		}
	}
	return b.String()
}

func (r *reviewScreen) activityLines(w, rows int) []string {
	st, l := r.sh.st, r.sh.lang
	all := r.activityRows()
	cur := r.cur[secActivities]
	top := r.top[secActivities]
	top = max(0, min(top, cur))
	if cur >= top+rows {
		top = cur - rows + 1
	}
	r.top[secActivities] = top
	most := 1
	for _, a := range all {
		if a.tally != nil {
			most = max(most, a.tally.Planned)
		}
	}
	barW := 16
	if w >= 110 {
		barW = 36
	}
	labelW := 12
	if l == i18n.En {
		labelW = 16
		if w >= 110 {
			labelW = 24
		}
	}
	var out []string
	for i := top; i < len(all) && i < top+rows; i++ {
		a := all[i]
		if a.tally == nil {
			out = append(out, r.row(i == cur, w, seg{l.T(a.head), st.head}))
			continue
		}
		t := a.tally
		label := l.MonthYear(t.Month)
		if !a.month {
			label = l.TypeName(t.Type)
		}
		// Planned against the busiest row; done filled, overdue shaded.
		planned := int(float64(t.Planned)*float64(barW)/float64(most) + 0.5)
		bar := r.g.bar(t.Done, t.Done+t.Overdue, max(t.Planned, 1), max(planned, 1))
		segs := []seg{
			{"  " + st.fit(st.text(label), labelW) + " ", st.base},
			{st.fit(bar, barW) + " ", st.done},
			{st.fit(l.T(msgRvActNums, t.Done, t.Planned), 14) + " ", st.base},
		}
		if t.Overdue > 0 {
			segs = append(segs, seg{st.fit(l.T(msgRvActOver, t.Overdue), 10) + " ", st.over})
		}
		if t.Cancelled > 0 {
			segs = append(segs, seg{l.T(msgRvActCancel, t.Cancelled), st.dim})
		}
		out = append(out, r.row(i == cur, w, segs...))
	}
	return out
}
