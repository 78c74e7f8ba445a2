package ui

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/store/review"
	"termbook/ui/i18n"
	"termbook/ui/report"
)

// The review's export words.
var (
	msgRvAskExport    = i18n.Msg{Zh: "导出到（.xlsx 工作簿、.csv 文件或文件夹）：", En: "Export to (.xlsx workbook, .csv file or a folder):"}
	msgRvDefaultFile  = i18n.Msg{Zh: "考核-%s.xlsx", En: "review-%s.xlsx"}
	msgRvExported     = i18n.Msg{Zh: "已导出到 %s。", En: "Wrote %s."}
	msgRvExportedDir  = i18n.Msg{Zh: "已写入 %d 个 CSV 文件到 %s。", En: "Wrote %d CSV files into %s."}
	msgRvObsBoth      = i18n.Msg{Zh: "听课与被听课", En: "lessons observed and observing"}
	msgRvCantWrite    = i18n.Msg{Zh: "无法写入“%s”：%s", En: "Cannot write %s: %s"}
	msgRvNoFolder     = i18n.Msg{Zh: "没有这个文件夹。", En: "there is no such folder."}
	msgRvNoPermission = i18n.Msg{Zh: "没有写入权限（U 盘是否写保护？）。", En: "no permission to write there (is the USB stick write-protected?)."}
	msgRvReading      = i18n.Msg{Zh: "正在读取本学期的记录…", En: "Reading the term's records…"}
	msgRvSheets       = i18n.Msg{Zh: "正在导出：已写入 %d / %d 张工作表…", En: "Exporting: wrote %d of %d sheets…"}
	msgRvPacking      = i18n.Msg{Zh: "正在导出：压缩、写入文件…", En: "Exporting: packing the file…"}
)

// drillList is the read-only list of the records behind a number.
type drillList struct {
	owner   string
	what    string
	rows    []string
	cur     int
	loading bool
	err     error
}

// drillMsg carries a drill-down's rows.
type drillMsg struct {
	drill *drillList
	rows  []string
	err   error
}

func (d *drillList) key(k keyMap, msg tea.KeyPressMsg) { k.moveIn(msg, &d.cur, len(d.rows)) }

func (d *drillList) view(sh *shared, w, h int) string {
	st := sh.st
	head := sh.T(msgRvDrillHead, d.owner, d.what, len(d.rows))
	lines := []string{st.bold.Render(st.cut(st.text(head), w)), st.dim.Render(st.rule(w))}
	switch {
	case d.loading:
		lines = append(lines, st.dim.Render(sh.T(msgLoading)))
	case d.err != nil:
		lines = append(lines, st.err.Render(st.cut(sh.lang.Error(d.err), w)))
	case len(d.rows) == 0:
		lines = append(lines, st.dim.Render(sh.T(msgRvNoRecords)))
	}
	rows := h - len(lines)
	top := firstShown(d.cur, rows, len(d.rows))
	for i := top; i < len(d.rows) && i < top+rows; i++ {
		lines = append(lines, st.pointed(st.cut(d.rows[i], w-2), i == d.cur))
	}
	return strings.Join(lines, "\n")
}

// openDrill lists the records behind the line under the cursor: a target's observations,
// guidance entries, hand-ins or activities, or a month's or type's activities; on a
// checklist item, the register of the teacher's hand-ins.
func (r *reviewScreen) openDrill() tea.Cmd {
	sh, l := r.sh, r.sh.lang
	if r.sec == secActivities {
		rows := r.activityRows()
		if r.cur[r.sec] >= len(rows) || rows[r.cur[r.sec]].tally == nil {
			return status(sh.T(msgRvNoDrill), true)
		}
		a := rows[r.cur[r.sec]]
		label := l.MonthYear(a.tally.Month)
		keep := func(x store.Activity) bool { return x.First.MonthOf() == a.tally.Month }
		if !a.month {
			label = l.TypeName(a.tally.Type)
			keep = func(x store.Activity) bool { return x.TypeID == a.tally.Type.ID }
		}
		r.showDrill(l.T(msgRvSections[secActivities]), label, activityRowsOf(sh, keep))
		return nil
	}
	o, ok := r.owner(r.sec)
	if !ok {
		return nil
	}
	kind, j := r.line(o, r.sub[r.sec])
	d := sh.data
	if kind == rowOwner && o.scope == store.ScopeTeacher {
		// A teacher's own line: the lessons observed and observing, behind 听课 and 被听.
		dl := &drillList{owner: o.name, what: sh.T(msgRvObsBoth), loading: true}
		r.drill = dl
		ctx, s, termID, id := sh.ctx, sh.store, d.term.ID, o.teacherID
		return toTab(tabReview, func() tea.Msg {
			rows, err := drillRows(ctx, s, sh, d, termID, store.Target{Counts: countObservedOrObserving}, store.MentorPair{}, id)
			return drillMsg{drill: dl, rows: rows, err: err}
		})
	}
	if kind == rowItem {
		return r.openHandins(false) // a checklist item is the teacher's hand-ins: their register
	}
	if kind != rowTarget {
		return status(sh.T(msgRvNoDrill), true)
	}
	x := o.results[j]
	what := report.TargetName(l, x.Target)
	if x.Target.Counts == store.CountActivities {
		tg := x.Target
		keep := func(a store.Activity) bool {
			return a.Status == store.Done && (tg.TypeID == "" || a.TypeID == tg.TypeID) && a.HostID == o.teacherID
		}
		switch o.scope {
		case store.ScopeSchoolPair:
			keep = func(a store.Activity) bool {
				return a.Status == store.Done && (tg.TypeID == "" || a.TypeID == tg.TypeID) && countsForPair(d, a, o.schools, tg.BothSchools)
			}
		case store.ScopeMentorPair:
			who := o.pair.MenteeID
			if tg.AppliesTo == store.RoleMentor {
				who = o.pair.MentorID
			}
			keep = func(a store.Activity) bool {
				return a.Status == store.Done && (tg.TypeID == "" || a.TypeID == tg.TypeID) && a.HostID == who
			}
		}
		r.showDrill(o.name, what, activityRowsOf(sh, keep))
		return nil
	}
	dl := &drillList{owner: o.name, what: what, loading: true}
	r.drill = dl
	ctx, s, termID, p, teacherID := sh.ctx, sh.store, d.term.ID, o.pair, o.teacherID
	tg := x.Target
	return toTab(tabReview, func() tea.Msg {
		rows, err := drillRows(ctx, s, sh, d, termID, tg, p, teacherID)
		return drillMsg{drill: dl, rows: rows, err: err}
	})
}

func (r *reviewScreen) showDrill(owner, what string, rows []string) {
	r.drill = &drillList{owner: owner, what: what, rows: rows}
}

// countObservedOrObserving stands for a teacher's observations made and received.
const countObservedOrObserving store.Measure = "observed_or_observing"

// drillRows reads the term's records a mentor pair's or teacher's target counts (a pair's
// mentee's, or its mentor's when the target says so).
func drillRows(ctx context.Context, s *store.Store, sh *shared, d *termData, termID string, tg store.Target,
	p store.MentorPair, teacherID string) ([]string, error) {
	l, st := sh.lang, sh.st
	observations := func(f store.ObservationFilter) ([]string, error) {
		f.TermID = termID
		obs, err := s.Observations(ctx, f)
		if err != nil {
			return nil, err
		}
		obs = printable(obs)
		rows := make([]string, len(obs))
		for i, o := range obs {
			rows[i] = strings.Join([]string{st.fit(o.On.String(), 10), st.fit(l.WeekShort(o.Week), 4),
				st.fit(l.T(msgRvObsRow, teacherName(d, o.TeacherID), teacherName(d, o.ObserverID)), 28),
				st.fit(st.text(o.Subject), 6), st.text(o.Topic)}, " ")
		}
		return rows, nil
	}
	handins := func(who, kind string) ([]string, error) {
		hs, err := s.Handins(ctx, store.HandinFilter{TermID: termID, TeacherID: who, KindID: kind})
		if err != nil {
			return nil, err
		}
		hs = printable(hs)
		var rows []string
		for _, h := range hs {
			rows = append(rows, st.fit(h.On.String(), 10)+" "+st.fit(teacherName(d, h.TeacherID), 8)+" "+
				st.fit(st.text(h.CheckedBy), 8)+" "+st.text(h.Title))
		}
		return rows, nil
	}
	who := teacherID
	if p.ID != "" {
		who = p.MenteeID
		if tg.AppliesTo == store.RoleMentor {
			who = p.MentorID
		}
	}
	switch tg.Counts {
	case countObservedOrObserving:
		given, err := observations(store.ObservationFilter{ObserverID: teacherID})
		if err != nil {
			return nil, err
		}
		got, err := observations(store.ObservationFilter{TeacherID: teacherID})
		if err != nil {
			return nil, err
		}
		rows := append(given, got...)
		slices.SortStableFunc(rows, func(a, b string) int { return strings.Compare(b[:10], a[:10]) }) // newest first, by the date column
		return rows, nil
	case store.CountObservationsMade:
		return observations(store.ObservationFilter{ObserverID: who})
	case store.CountObservesMentor:
		return observations(store.ObservationFilter{ObserverID: p.MenteeID, TeacherID: p.MentorID})
	case store.CountObservationsReceived:
		return observations(store.ObservationFilter{TeacherID: who})
	case store.CountHandins:
		return handins(who, tg.KindID)
	case store.CountGuidance:
		if p.ID == "" {
			return nil, nil
		}
		log, err := s.GuidanceLog(ctx, p.ID)
		if err != nil {
			return nil, err
		}
		log = printable(log)
		rows := make([]string, len(log))
		for i, g := range log {
			rows[i] = st.fit(g.On.String(), 10) + " " + st.fit(l.Form(g.Form), 8) + " " + st.text(g.Content)
		}
		return rows, nil
	}
	return nil, nil
}

// countsForPair reports whether a done activity counts for a school pair: it names both
// schools, or one of them when both are not asked for or it is a joint meeting or outreach
// teaching (as the tally counts).
func countsForPair(d *termData, a store.Activity, schools [2]string, both bool) bool {
	n := 0
	for _, id := range schools {
		if slices.Contains(a.SchoolIDs, id) {
			n++
		}
	}
	code := d.typeByID[a.TypeID].Code
	if !both || code == store.TypeJointMeeting || code == store.TypeOutreach {
		return n >= 1
	}
	return n == 2
}

// activityRowsOf lists the term's activities that keep accepts, in calendar order.
func activityRowsOf(sh *shared, keep func(store.Activity) bool) []string {
	st, l, d := sh.st, sh.lang, sh.data
	typeW := 10
	if l == i18n.En {
		typeW = 18
	}
	var rows []string
	for _, a := range d.acts {
		if !keep(a) {
			continue
		}
		state := l.Status(a.Status)
		if a.Overdue(sh.today) {
			state = l.Overdue()
		}
		rows = append(rows, st.fit(schedText(l, a.Sched), 14)+" "+st.fit(l.TypeName(d.typeByID[a.TypeID]), typeW)+" "+
			st.fit(state, 9)+" "+st.text(a.Title))
	}
	return rows
}

// defaultExportPath is 考核-<term>.xlsx beside the database.
func defaultExportPath(sh *shared) string { return besideDatabase(sh, msgRvDefaultFile) }

// besideDatabase is the file named by file (with the term's name for %s) in the database's
// folder.
func besideDatabase(sh *shared, file i18n.Msg) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) {
			return '-'
		}
		return r
	}, sh.data.term.Name)
	return filepath.Join(filepath.Dir(sh.store.Path()), sh.T(file, name))
}

// exportReview writes the review and the term's registers: an .xlsx workbook (the review,
// the registers and a 听课记录表 per observation), a .csv file (the review, a row per
// target), or else a folder of CSV files, one per table. A term's workbook takes seconds: it
// is streamed into the file, and the status line says how far it has come.
func exportReview(sh *shared, rev review.Review, path string) tea.Cmd {
	ctx, s, l := sh.ctx, sh.store, sh.lang
	return inBackground(func(say func(string)) tea.Msg {
		fail := func(err error) tea.Msg { return cantWrite(l, path, err) }
		if err := store.CheckOutput(s.Path(), path); err != nil {
			return statusMsg{text: l.Error(err), isErr: true}
		}
		flat := report.ReviewFlat(l, rev)
		if strings.EqualFold(filepath.Ext(path), ".csv") {
			var buf bytes.Buffer
			if err := report.WriteCSV(&buf, flat); err != nil {
				return fail(err)
			}
			if err := report.WriteFile(path, buf.Bytes()); err != nil {
				return fail(err)
			}
			return statusMsg{text: l.T(msgRvExported, path)}
		}
		say(l.T(msgRvReading))
		reg, err := report.Load(ctx, s, l, rev.Term, rev.Today)
		if err != nil {
			return fail(err)
		}
		tables := append(append([]report.Table{flat}, report.ReviewTables(l, rev)...), reg.Tables...)
		if strings.EqualFold(filepath.Ext(path), ".xlsx") {
			wb := report.Workbook{Lang: l, Tables: tables, Forms: report.FormsOf(reg.Observations), FormCount: len(reg.Observations),
				Progress: func(at report.Progress) {
					if at.Done >= at.Total-1 {
						say(l.T(msgRvPacking))
					} else {
						say(l.T(msgRvSheets, at.Done, at.Total-1))
					}
				}}
			if err := report.WriteFileFrom(path, wb.Write); err != nil {
				return fail(err)
			}
			return statusMsg{text: l.T(msgRvExported, path)}
		}
		if err := report.WriteCSVFolder(path, tables); err != nil {
			return fail(err)
		}
		return statusMsg{text: l.T(msgRvExportedDir, len(tables), path)}
	})
}

// cantWrite says why the file at path could not be written.
func cantWrite(l i18n.Lang, path string, err error) tea.Msg {
	why := l.Error(err)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		why = l.T(msgRvNoFolder)
	case errors.Is(err, fs.ErrPermission):
		why = l.T(msgRvNoPermission)
	}
	return statusMsg{text: l.T(msgRvCantWrite, path, why), isErr: true}
}

func teacherName(d *termData, id string) string {
	if t, ok := d.teacherByID[id]; ok {
		return t.Name
	}
	return "-"
}
