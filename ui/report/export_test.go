package report_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"termbook/store"
	"termbook/store/storetest"
	"termbook/ui/i18n"
	"termbook/ui/report"
	"termbook/ui/width"
)

func check[T any](t testing.TB) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// registers makes a term with one fully written observation and loads its registers.
func registers(t *testing.T) report.Registers {
	ctx := context.Background()
	s := check[*store.Store](t)(store.Open(ctx, t.TempDir()+"/report.db", store.Options{}))
	t.Cleanup(func() { s.Close() })
	term := check[store.Term](t)(s.CreateTerm(ctx, store.Term{Name: "2026—2027学年第一学期", Week1: storetest.Date("2026-08-31"), Weeks: 20}))
	a := check[store.School](t)(s.CreateSchool(ctx, store.School{Name: "定边第五小学", ShortName: "五小"}))
	b := check[store.School](t)(s.CreateSchool(ctx, store.School{Name: "侯庄小学"}))
	check[store.SchoolPair](t)(s.CreateSchoolPair(ctx, store.SchoolPair{SupportingID: a.ID, SupportedID: b.ID, AgreedOn: storetest.Date("2026-09-01"), CycleYears: 3}))
	mentor := check[store.Teacher](t)(s.CreateTeacher(ctx, store.Teacher{SchoolID: a.ID, Name: "王晓梅", Subjects: []string{"语文"}}))
	mentee := check[store.Teacher](t)(s.CreateTeacher(ctx, store.Teacher{SchoolID: b.ID, Name: "李小红", Subjects: []string{"语文"}}))
	pair := check[store.MentorPair](t)(s.CreateMentorPair(ctx, store.MentorPair{TermID: term.ID, MentorID: mentor.ID, MenteeID: mentee.ID, Subject: "语文", Goals: "站稳讲台"}))
	types := check[[]store.ActivityType](t)(s.ActivityTypes(ctx))
	other := check[store.Teacher](t)(s.CreateTeacher(ctx, store.Teacher{SchoolID: b.ID, Name: "周文博", Subjects: []string{"语文"}}))
	check[store.Teacher](t)(s.CreateTeacher(ctx, store.Teacher{SchoolID: b.ID, Name: "何静", Subjects: []string{"英语"}}))
	check[store.Activity](t)(s.CreateActivity(ctx, store.Activity{TermID: term.ID, TypeID: types[2].ID, Title: "《春》", Subject: "语文",
		HostID: mentor.ID, Place: "多媒体教室", Sched: store.InWeek(3), SchoolIDs: []string{a.ID, b.ID},
		Proceedings: &store.Proceedings{ChairID: mentor.ID, RecorderID: mentee.ID, Attendees: []string{mentee.ID},
			Minutes: "一、听课。\n二、评课。", Summary: "按计划完成。",
			Files: []store.FileRef{{Path: "2026-09/签到表.jpg", Caption: "签到表"}, {Path: "2026-09/照片.jpg"}}}}))
	check[store.Activity](t)(s.CreateActivity(ctx, store.Activity{TermID: term.ID, TypeID: types[1].ID, Title: "语文集体备课", Subject: "语文",
		Sched: store.InWeek(4), SchoolIDs: []string{b.ID}, Proceedings: &store.Proceedings{Attendees: []string{mentee.ID},
			Prep: store.GroupPrep{LeadID: other.ID, Unit: "第一单元", Draft: "初案全文", Discussion: "导入再简洁些", Revision: "复案全文"}}}))
	check[store.Observation](t)(s.CreateObservation(ctx, store.Observation{TermID: term.ID, SchoolID: a.ID, TeacherID: mentor.ID,
		ObserverID: mentee.ID, Subject: "语文", ClassName: "三年级(2)班", Topic: "《春》", LessonType: "新授", Kind: "公开课",
		On: storetest.Date("2026-09-16"), Period: 2, LessonNo: 1, Unit: "七年级上册第一单元", Scores: []float64{9, 14, 13, 18, 13, 14, 9},
		Texts: store.ObservationTexts{Process: "导入：播放春天的图片。\n朗读课文，圈画生字。", Comments: "导入自然，学生兴趣高。",
			Highlights: "朗读指导到位", Problems: "板书略乱", Suggestions: "板书提前设计", Overall: "朗读贯穿全课，目标达成"},
		FollowUp: store.FollowUp{Action: "下次听课看板书", Due: storetest.Date("2026-10-01")}}))
	check[store.Guidance](t)(s.CreateGuidance(ctx, store.Guidance{MentorPairID: pair.ID, On: storetest.Date("2026-09-17"), Form: store.FormReview,
		Content: "评《春》一课", Reflection: "板书要提前设计"}))
	return check[report.Registers](t)(report.Load(ctx, s, i18n.Zh, term, storetest.Date("2026-10-18")))
}

// workbook writes the registers' workbook in language l and opens it again.
func workbook(t *testing.T, l i18n.Lang) *excelize.File {
	reg := registers(t)
	var buf bytes.Buffer
	if err := report.WriteXLSX(&buf, l, reg.Tables, reg.Observations); err != nil {
		t.Fatal(err)
	}
	f := check[*excelize.File](t)(excelize.OpenReader(&buf))
	t.Cleanup(func() { f.Close() })
	return f
}

func TestXLSXReadBack(t *testing.T) {
	t.Parallel()
	f := workbook(t, i18n.Zh)

	wantSheets := []string{"活动", "听课记录", "指导记录", "材料台账", "师徒结对", "校际结对", "考核项", "教师名册", "集体备课", "听课记录表"}
	if got := f.GetSheetList(); !slices.Equal(got, wantSheets) {
		t.Fatalf("sheets = %q, want %q", got, wantSheets)
	}

	cells := []struct{ sheet, cell, want string }{
		{"活动", "A1", "周次"},
		{"活动", "A2", "3"},
		{"活动", "B2", "第3周"},
		{"活动", "C2", "公开课"},
		{"活动", "D2", "《春》"},
		{"活动", "I2", "五小、侯庄小学"},
		{"活动", "J2", "逾期"},
		// 活动留痕: the chair, recorder, attendees, and the 语文 teacher of a school taking
		// part who was not there (not the 英语 teacher).
		{"活动", "M1", "主持人"},
		{"活动", "M2", "王晓梅"},
		{"活动", "N2", "李小红"},
		{"活动", "O1", "参加人员"},
		{"活动", "O2", "李小红"},
		{"活动", "P1", "缺席"},
		{"活动", "P2", "周文博"},
		{"活动", "Q1", "纪要"},
		{"活动", "Q2", "一、听课。\n二、评课。"},
		{"活动", "R2", "按计划完成。"},
		{"活动", "S2", "2026-09/签到表.jpg（签到表）\n2026-09/照片.jpg"},
		{"集体备课", "C2", "语文集体备课"},
		{"集体备课", "E1", "主备人"},
		{"集体备课", "E2", "周文博"},
		{"集体备课", "F2", "李小红"},
		{"集体备课", "G2", "第一单元"},
		{"集体备课", "H2", "初案全文"},
		{"集体备课", "I2", "导入再简洁些"},
		{"集体备课", "J2", "复案全文"},
		{"听课记录", "A2", "2026-09-16"},
		{"听课记录", "H1", "课时"},
		{"听课记录", "I1", "教材/单元"},
		{"听课记录", "L2", "王晓梅"},
		{"听课记录", "M2", "李小红"},
		{"听课记录", "N2", "默认评课量表"},
		{"听课记录", "O1", "教学目标"},
		{"听课记录", "O2", "9"},
		{"听课记录", "U1", "教师素养"},
		{"听课记录", "U2", "9"},
		{"听课记录", "V2", "90"},
		{"听课记录", "W2", "优"},
		{"听课记录", "Z2", "板书提前设计"},
		{"听课记录", "AB1", "跟进事项"},
		{"听课记录", "AB2", "下次听课看板书"},
		{"指导记录", "E2", "评课"},
		{"指导记录", "G2", "板书要提前设计"},
		{"师徒结对", "D2", "站稳讲台"},
		{"考核项", "A1", "教师"},
		{"考核项", "B1", "教案"},
		// Each teacher's list is by role: 读书笔记 for everybody, 教案 for a mentee, 书面总结 for a mentor.
		{"考核项", "A2", "何静"},
		{"考核项", "B2", ""},
		{"考核项", "C2", "未交"},
		{"考核项", "A3", "李小红（徒弟）"},
		{"考核项", "B3", "未交"},
		{"考核项", "A4", "王晓梅（师傅）"},
		{"考核项", "B4", ""},
		{"考核项", "F4", "未交"},
		{"材料台账", "E1", "类别"},
		{"教师名册", "E1", "职称"},
		{"教师名册", "G1", "荣誉/骨干级别"},
		// The paper form.
		{"听课记录表", "A1", "听 课 记 录 表"},
		{"听课记录表", "A2", "学校"},
		{"听课记录表", "B2", "五小"},
		{"听课记录表", "F2", "语文"},
		{"听课记录表", "H2", "三年级(2)班"},
		{"听课记录表", "B3", "《春》"},
		{"听课记录表", "F3", "王晓梅"},
		{"听课记录表", "A4", "教材/单元"},
		{"听课记录表", "B4", "七年级上册第一单元"},
		{"听课记录表", "G4", "课时"},
		{"听课记录表", "H4", "第1课时"},
		{"听课记录表", "F5", "2026-09-16（第3周） 第2节"},
		{"听课记录表", "B6", "李小红"},
		{"听课记录表", "F6", "优"},
		{"听课记录表", "A7", "教学过程实录"},
		{"听课记录表", "E7", "随堂点评"},
		{"听课记录表", "A8", "导入：播放春天的图片。\n朗读课文，圈画生字。"},
		{"听课记录表", "E8", "导入自然，学生兴趣高。"},
		{"听课记录表", "A9", "教学目标（10）"},
		{"听课记录表", "D9", "教学过程（20）"},
		{"听课记录表", "A10", "9"},
		{"听课记录表", "D10", "18"},
		{"听课记录表", "H9", "总分"},
		{"听课记录表", "H10", "90"},
		{"听课记录表", "A11", "亮点"},
		{"听课记录表", "B11", "朗读指导到位"},
		{"听课记录表", "B13", "板书提前设计"},
		{"听课记录表", "A14", "总评"},
		{"听课记录表", "B14", "朗读贯穿全课，目标达成"},
		{"听课记录表", "A15", "跟进事项"},
		{"听课记录表", "B15", "下次听课看板书"},
		{"听课记录表", "H15", "2026-10-01"},
		{"听课记录表", "A16", "听课人签名"},
		{"听课记录表", "B16", ""},
		{"听课记录表", "D16", "年　月　日"},
		{"听课记录表", "E16", "执教者签名"},
		{"听课记录表", "H16", "年　月　日"},
	}
	for _, c := range cells {
		if got := check[string](t)(f.GetCellValue(c.sheet, c.cell)); got != c.want {
			t.Errorf("%s!%s = %q, want %q", c.sheet, c.cell, got, c.want)
		}
	}

	for _, sheet := range wantSheets[:7] {
		panes := check[excelize.Panes](t)(f.GetPanes(sheet))
		if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
			t.Errorf("%s: panes %+v, want the header row frozen", sheet, panes)
		}
	}
	// A column of Chinese text is wide enough for it: 《春》 is 6 cells, its header 4.
	if w := check[float64](t)(f.GetColWidth("活动", "I")); w < float64(width.Narrow.String("五小、侯庄小学")) {
		t.Errorf("activities column I width %v, narrower than its text", w)
	}

	form := "听课记录表"
	merged := map[string]string{}
	for _, m := range check[[]excelize.MergeCell](t)(f.GetMergeCells(form)) {
		merged[m.GetStartAxis()] = m.GetEndAxis()
	}
	for from, to := range map[string]string{"A1": "H1", "B2": "D2", "B3": "D3", "F3": "H3", "B4": "F4", "F5": "H5", "A7": "D7", "E7": "H7",
		"A8": "D8", "E8": "H8", "B11": "H11", "B12": "H12", "B13": "H13", "B14": "H14", "B15": "F15", "B16": "C16", "F16": "G16"} {
		if merged[from] != to {
			t.Errorf("%s: merged %s:%s, want %s:%s", form, from, merged[from], from, to)
		}
	}
	if h := check[float64](t)(f.GetRowHeight(form, 16)); h < 36 {
		t.Errorf("the signature row is %v points high, too low to sign in", h)
	}
	// A4 portrait at the scale that fits the form's 1,052 points on a page (about 71 %),
	// not fitted to pages: fitting overrides the page breaks between forms.
	layout := check[excelize.PageLayoutOptions](t)(f.GetPageLayout(form))
	if layout.Size == nil || *layout.Size != 9 || *layout.Orientation != "portrait" || layout.AdjustTo == nil || *layout.AdjustTo < 60 || *layout.AdjustTo > 75 {
		t.Errorf("page layout %+v, want A4 portrait at the scale that fits the form", layout)
	}
	props := check[excelize.SheetPropsOptions](t)(f.GetSheetProps(form))
	if props.FitToPage != nil && *props.FitToPage {
		t.Errorf("sheet props %+v: fitted to pages, which drops the page breaks", props)
	}
	style := check[int](t)(f.GetCellStyle(form, "C7"))
	st := check[*excelize.Style](t)(f.GetStyle(style))
	if len(st.Border) != 4 || !st.Alignment.WrapText {
		t.Errorf("the process pane's cells have style %+v, want four borders and wrapping", st)
	}
}

func TestCSVRoundTripsChinese(t *testing.T) {
	t.Parallel()
	reg := registers(t)
	for _, tb := range reg.Tables {
		var buf bytes.Buffer
		if err := report.WriteCSV(&buf, tb); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte{0xEF, 0xBB, 0xBF}) {
			t.Fatalf("%s: CSV does not start with the UTF-8 byte-order mark", tb.Name)
		}
		rows := check[[][]string](t)(csv.NewReader(bytes.NewReader(buf.Bytes()[3:])).ReadAll())
		if !slices.Equal(rows[0], tb.Header) || len(rows) != len(tb.Rows)+1 {
			t.Errorf("%s: read back %d rows with header %q", tb.Name, len(rows), rows[0])
		}
	}
	var buf bytes.Buffer
	check[int](t)(0, report.WriteCSV(&buf, reg.Tables[1]))
	rows := check[[][]string](t)(csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), report.BOM))).ReadAll())
	if rows[1][6] != "《春》" || rows[1][5] != "三年级(2)班" {
		t.Errorf("observation row read back as %q", rows[1])
	}
}

func TestTextAlignsByDisplayWidth(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	tb := report.Table{Header: []string{"姓名", "school", "n"}, Rows: [][]any{{"王晓梅", "五小", 3}, {"Li", "侯庄小学", 12}}}
	if err := report.WriteText(&buf, width.Narrow, tb); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	want := []string{
		"姓名    school    n",
		"------  --------  --",
		"王晓梅  五小      3",
		"Li      侯庄小学  12",
	}
	if !slices.Equal(lines, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	// Where the terminal draws “ ” two cells wide, the columns make room for them.
	quoted := report.Table{Header: []string{"课题", "n"}, Rows: [][]any{{"“春”", 1}, {"春", 2}}}
	for _, tt := range []struct {
		mode width.Mode
		want []string
	}{
		{width.Narrow, []string{"课题  n", "----  -", "“春”  1", "春    2"}},
		{width.Wide, []string{"课题    n", "------  -", "“春”  1", "春      2"}},
	} {
		buf.Reset()
		if err := report.WriteText(&buf, tt.mode, quoted); err != nil {
			t.Fatal(err)
		}
		if got := strings.Split(strings.TrimSpace(buf.String()), "\n"); !slices.Equal(got, tt.want) {
			t.Errorf("wide %v: got %q, want %q", tt.mode.IsWide(), got, tt.want)
		}
	}
}

// BenchmarkWriteXLSX writes a workbook of a register and 80, 800 or 3,000 observation forms
// (a term's worth for one school, for a district, for ten years' sample), each form made as
// it is written, and reports the heap's peak beside the allocations: the forms pass through
// a temporary file, so the peak should not grow with them.
func BenchmarkWriteXLSX(b *testing.B) {
	o := store.Observation{Subject: "语文", ClassName: "三年级(2)班", Topic: "《春》", LessonType: "新授", Kind: "公开课",
		On: storetest.Date("2026-09-16"), Week: 3, Period: 2, Rubric: store.DefaultRubricSpec(), Scores: []float64{9, 14, 13, 18, 13, 14, 9},
		Total: 90, Grade: "优", Texts: store.ObservationTexts{Process: strings.Repeat("导入：播放春天的图片。\n", 20), Comments: "导入自然。"}}
	tb := report.Table{Name: "活动", Header: []string{"周次", "内容"}}
	for i := range 1000 {
		tb.Rows = append(tb.Rows, []any{i % 20, "教研活动"})
	}
	for _, n := range []int{80, 800, 3000} {
		b.Run(fmt.Sprintf("forms=%d", n), func(b *testing.B) {
			forms := func(yield func(report.ObservationSheet, error) bool) {
				for i := range n {
					if !yield(report.ObservationSheet{Observation: o, School: "五小", Teacher: fmt.Sprintf("教师%d", i), Observer: "李小红"}, nil) {
						return
					}
				}
			}
			peak := watchHeap()
			for b.Loop() {
				wb := report.Workbook{Lang: i18n.Zh, Tables: []report.Table{tb}, Forms: forms, FormCount: n}
				if err := wb.Write(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MiB")
		})
	}
}

// watchHeap samples the heap's size (its objects, live or not yet collected) every
// millisecond until the returned function is called, which gives the largest size seen.
func watchHeap() (peak func() uint64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	runtime.GC()
	stop, done := make(chan struct{}), make(chan uint64)
	go func() {
		var most uint64
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			most = max(most, sample[0].Value.Uint64())
			select {
			case <-stop:
				done <- most
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 {
		close(stop)
		return <-done
	}
}

func TestWriteCSVFolder(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "导出", "csv") // a folder that is not there yet
	tables := []report.Table{
		{Name: "活动", Header: []string{"标题"}, Rows: [][]any{{"公开课"}}},
		{Name: "活动", Header: []string{"标题"}, Rows: [][]any{{"说课"}}},
		{Name: "教师", Header: []string{"姓名"}, Rows: [][]any{{"王晓梅"}}},
	}
	if err := report.WriteCSVFolder(dir, tables); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{"活动.csv": "公开课", "活动-2.csv": "说课", "教师.csv": "王晓梅"} {
		data, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		rows := check[[][]string](t)(csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), report.BOM))).ReadAll())
		if len(rows) != 2 || rows[1][0] != want {
			t.Errorf("%s read back as %q, want a header and %q", file, rows, want)
		}
	}
	if entries := check[[]os.DirEntry](t)(os.ReadDir(dir)); len(entries) != 3 {
		t.Errorf("the folder holds %d files, want 3 (no temporary files left)", len(entries))
	}
}

// TestCSVNeutralisesFormulas exports names a spreadsheet would run as formulas — typed here,
// or received from the partner school — and reads the CSV files back: each is text with a
// leading apostrophe, no cell starts a formula, and numbers are still numbers.
func TestCSVNeutralisesFormulas(t *testing.T) {
	ctx := context.Background()
	s := check[*store.Store](t)(store.Open(ctx, t.TempDir()+"/hostile.db", store.Options{}))
	t.Cleanup(func() { s.Close() })
	term := check[store.Term](t)(s.CreateTerm(ctx, store.Term{Name: "2026—2027学年第一学期", Week1: storetest.Date("2026-08-31"), Weeks: 20}))
	hostile := []string{`=HYPERLINK("http://x","y")`, "+1+2", "-2+3", "@SUM(1)"}
	school := check[store.School](t)(s.CreateSchool(ctx, store.School{Name: "=1+1"}))
	other := check[store.School](t)(s.CreateSchool(ctx, store.School{Name: "侯庄小学"}))
	check[store.SchoolPair](t)(s.CreateSchoolPair(ctx, store.SchoolPair{SupportingID: school.ID, SupportedID: other.ID, AgreedOn: storetest.Date("2026-09-01"), CycleYears: 3}))
	var teachers []store.Teacher
	for _, name := range hostile {
		teachers = append(teachers, check[store.Teacher](t)(s.CreateTeacher(ctx, store.Teacher{SchoolID: school.ID, Name: name})))
	}
	check[store.MentorPair](t)(s.CreateMentorPair(ctx, store.MentorPair{TermID: term.ID, MentorID: teachers[0].ID, MenteeID: teachers[1].ID, Goals: "@goals"}))
	types := check[[]store.ActivityType](t)(s.ActivityTypes(ctx))
	check[store.Activity](t)(s.CreateActivity(ctx, store.Activity{TermID: term.ID, TypeID: types[2].ID, Title: "=cmd|' /C calc'!A0",
		HostID: teachers[2].ID, Place: "+多媒体教室", Sched: store.InWeek(3)}))
	check[store.Observation](t)(s.CreateObservation(ctx, store.Observation{TermID: term.ID, SchoolID: school.ID, TeacherID: teachers[3].ID,
		ObserverID: teachers[0].ID, Topic: "-《春》", On: storetest.Date("2026-09-16"), Scores: []float64{9, 14, 13, 18, 13, 14, 9}}))
	reg := check[report.Registers](t)(report.Load(ctx, s, i18n.Zh, term, storetest.Date("2026-10-18")))

	dir := filepath.Join(t.TempDir(), "csv")
	if err := report.WriteCSVFolder(dir, append(reg.Tables, report.Table{Name: "更多", Header: []string{"文本", "数"},
		Rows: [][]any{{"\t=1+1", -1.5}, {"\r@A1", -3}, {"-", 0}}})); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	numbers := 0
	for _, e := range check[[]os.DirEntry](t)(os.ReadDir(dir)) {
		data := check[[]byte](t)(os.ReadFile(filepath.Join(dir, e.Name())))
		rows := check[[][]string](t)(csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), report.BOM))).ReadAll())
		for _, row := range rows {
			for _, cell := range row {
				if _, err := strconv.ParseFloat(cell, 64); err == nil {
					numbers++
					continue
				}
				if cell != "-" && cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("%s: cell %q starts a formula", e.Name(), cell)
				}
				seen[cell] = true
			}
		}
	}
	// With CRLF line ends, encoding/csv writes no carriage return inside a cell.
	for _, want := range append(hostile, "=1+1", "=cmd|' /C calc'!A0", "+多媒体教室", "-《春》", "\t=1+1", "@A1") {
		found := false
		for cell := range seen {
			if cell == "'"+want || strings.Contains(cell, want) && strings.HasPrefix(cell, "'") {
				found = true
			}
		}
		if !found {
			t.Errorf("%q was not exported as text", want)
		}
	}
	if !seen["-"] {
		t.Error("a lone dash was changed")
	}
	if numbers < 9 {
		t.Errorf("only %d number cells read back as numbers", numbers)
	}
}

// TestWorkbookProgress: a streamed workbook tells its progress sheet by sheet and once more
// when packed, and a form source that fails ends the workbook with its error.
func TestWorkbookProgress(t *testing.T) {
	reg := registers(t)
	forms := slices.Repeat(reg.Observations, 5)
	var steps []report.Progress
	wb := report.Workbook{Lang: i18n.En, Tables: reg.Tables, Forms: report.FormsOf(forms), FormCount: len(forms),
		Progress: func(p report.Progress) { steps = append(steps, p) }}
	var buf bytes.Buffer
	if err := wb.Write(&buf); err != nil {
		t.Fatal(err)
	}
	total := len(reg.Tables) + len(forms) + 1
	if len(steps) != total {
		t.Fatalf("%d progress reports, want one per sheet and one for packing: %d", len(steps), total)
	}
	for i, p := range steps {
		if p.Done != i+1 || p.Total != total {
			t.Errorf("report %d = %+v, want %d of %d", i, p, i+1, total)
		}
	}
	file := bytes.Clone(buf.Bytes())
	f := check[*excelize.File](t)(excelize.OpenReader(&buf))
	defer f.Close()
	if n := len(f.GetSheetList()); n != len(reg.Tables)+1 {
		t.Errorf("%d sheets, want the %d tables and one of forms", n, len(reg.Tables))
	}
	// The forms, 16 rows each, follow one another, each after a page break of its own.
	const sheet = "Observation forms"
	for i := range forms {
		top := 16*i + 1
		if got := check[string](t)(f.GetCellValue(sheet, fmt.Sprintf("A%d", top))); got != "Lesson Observation Record" {
			t.Errorf("form %d's row %d reads %q, want its title", i+1, top, got)
		}
		if got := check[string](t)(f.GetCellValue(sheet, fmt.Sprintf("B%d", top+2))); got != "《春》" {
			t.Errorf("form %d's topic reads %q", i+1, got)
		}
	}
	if got, want := rowBreaks(t, file, len(reg.Tables)+1), []int{16, 32, 48, 64}; !slices.Equal(got, want) {
		t.Errorf("page breaks after rows %v, want %v: one before every form but the first", got, want)
	}

	broken := errors.New("disk read failed")
	wb.Forms = func(yield func(report.ObservationSheet, error) bool) {
		if yield(forms[0], nil) {
			yield(report.ObservationSheet{}, broken)
		}
	}
	if err := wb.Write(io.Discard); !errors.Is(err, broken) {
		t.Errorf("a failing form source gives %v, want its error", err)
	}
}

// rowBreaks reads the manual page breaks of the n-th sheet of an XLSX file: the rows they
// follow.
func rowBreaks(t *testing.T, file []byte, n int) []int {
	t.Helper()
	zr := check[*zip.Reader](t)(zip.NewReader(bytes.NewReader(file), int64(len(file))))
	r := check[fs.File](t)(zr.Open(fmt.Sprintf("xl/worksheets/sheet%d.xml", n)))
	defer r.Close()
	var ws struct {
		Breaks []struct {
			ID  int  `xml:"id,attr"`
			Man bool `xml:"man,attr"`
		} `xml:"rowBreaks>brk"`
	}
	if err := xml.NewDecoder(r).Decode(&ws); err != nil {
		t.Fatal(err)
	}
	var rows []int
	for _, b := range ws.Breaks {
		if b.Man {
			rows = append(rows, b.ID)
		}
	}
	return rows
}

// TestFormLabelsWrap: a label longer than its cell (English words are) wraps, and its row is
// tall enough to show every line instead of cutting the second off.
func TestFormLabelsWrap(t *testing.T) {
	t.Parallel()
	f := workbook(t, i18n.En)
	const form = "Observation forms"
	if got := check[string](t)(f.GetCellValue(form, "A4")); got != "Textbook, unit" {
		t.Fatalf("%s!A4 = %q, want the label of the unit", form, got)
	}
	for row, lines := range map[int]int{2: 1, 4: 2, 16: 2} {
		if h := check[float64](t)(f.GetRowHeight(form, row)); h < float64(lines)*16 {
			t.Errorf("row %d is %v points high, want room for %d lines", row, h, lines)
		}
	}
}
