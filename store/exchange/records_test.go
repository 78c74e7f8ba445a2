package exchange_test

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"termbook/store"
	"termbook/store/exchange"
	"termbook/store/storetest"
)

// theActivity is the base's one activity, with its proceedings.
func theActivity(t *testing.T, s *store.Store, b base) store.Activity {
	t.Helper()
	ctx := context.Background()
	acts, err := s.Activities(ctx, b.termID, store.Date{}, store.Date{})
	must(t, err)
	if len(acts) != 1 {
		t.Fatalf("%d activities, want the base's one", len(acts))
	}
	a, err := s.Activity(ctx, acts[0].ID)
	must(t, err)
	return a
}

// TestActivityRecordTravels: an activity with 参加人员 and 纪要 recorded (and the rest of its
// record) is exported, exchanged to the partner and back unchanged; the partner's edit of it
// comes back whole.
func TestActivityRecordTravels(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b, a, bb, clk, dir := pair(t)
	rec := store.Proceedings{
		ChairID: b.teachers[0], RecorderID: b.teachers[2], Attendees: []string{b.teachers[0], b.teachers[1], b.teachers[2]},
		Minutes: "一、学习新课标。\n二、研讨第三单元教学重难点。", Summary: "按计划完成，3人参加。",
		Files: []store.FileRef{{Path: "2026-09/签到表.jpg", Caption: "签到表"}, {Path: "2026-09/照片.jpg"}},
		Prep:  store.GroupPrep{LeadID: b.teachers[1], Unit: "第三单元", Draft: "初案", Discussion: "讨论意见", Revision: "复案"},
	}
	_, err := a.SetProceedings(ctx, theActivity(t, a, b).ID, rec)
	must(t, err)
	sent := theActivity(t, a, b)

	sum, err := exchange.Import(ctx, bb, exportTo(t, a, dir, "to-b", 1))
	must(t, err)
	if sum.Updated != 1 {
		t.Errorf("b imported %+v, want the activity updated", sum.MergeResult)
	}
	got := theActivity(t, bb, b)
	if !reflect.DeepEqual(got, sent) {
		t.Errorf("at the partner:\n got %+v\n%+v\nwant %+v\n%+v", got, got.Proceedings, sent, sent.Proceedings)
	}

	// The partner changes something else and sends its changes back: the activity is as it was.
	clk.advance(time.Minute)
	_, err = bb.CreateSchool(ctx, store.School{Name: "侯庄中学"})
	must(t, err)
	_, err = exchange.Import(ctx, a, exportTo(t, bb, dir, "to-a", 1))
	must(t, err)
	if back := theActivity(t, a, b); !reflect.DeepEqual(back, sent) {
		t.Errorf("back home the activity changed:\n got %+v\nwant %+v", back.Proceedings, sent.Proceedings)
	}
	if da, db := dump(t, a.Path()), dump(t, bb.Path()); da != db {
		t.Errorf("a and b differ:\n%s\n%s", da, db)
	}

	// The partner records one more attendee and a longer summary, and drops a photo: it all
	// comes back.
	clk.advance(time.Minute)
	edit := got.Proceedings
	edit.Attendees = append(edit.Attendees, b.teachers[3])
	edit.Summary += "会后整理了签到表。"
	edit.Files = edit.Files[:1]
	_, err = bb.SetProceedings(ctx, got.ID, *edit)
	must(t, err)
	_, err = exchange.Import(ctx, a, exportTo(t, bb, dir, "to-a", 2))
	must(t, err)
	back := theActivity(t, a, b).Proceedings
	if len(back.Attendees) != 4 || !strings.HasSuffix(back.Summary, "会后整理了签到表。") || len(back.Files) != 1 || back.Minutes != rec.Minutes {
		t.Errorf("the partner's edit came back as %+v", back)
	}
	if da, db := dump(t, a.Path()), dump(t, bb.Path()); da != db {
		t.Errorf("a and b differ after the edit:\n%s\n%s", da, db)
	}
}

// A record that refers to a teacher not received yet waits; so does an activity whose
// attendee or chair has not arrived.
func TestActivityRecordWaitsForItsTeachers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b, a, bb, clk, dir := pair(t)
	exportTo(t, a, dir, "to-b", 1) // the first export carries everything b already has
	clk.advance(time.Minute)
	newcomer, err := a.CreateTeacher(ctx, store.Teacher{SchoolID: b.schools[0], Name: "周文博"})
	must(t, err)
	teachersFile := exportTo(t, a, dir, "to-b", 2)
	clk.advance(time.Minute)
	_, err = a.SetProceedings(ctx, theActivity(t, a, b).ID, store.Proceedings{ChairID: newcomer.ID, Attendees: []string{newcomer.ID}, Minutes: "纪要"})
	must(t, err)
	recordFile := exportTo(t, a, dir, "to-b", 3)

	sum, err := exchange.Import(ctx, bb, recordFile) // the teacher's file is late
	must(t, err)
	if sum.Waiting != 1 {
		t.Errorf("import without the teacher: %+v, want the activity waiting", sum.MergeResult)
	}
	if got := theActivity(t, bb, b).Proceedings; got.Minutes != "" {
		t.Errorf("the activity was placed before its teacher: %+v", got)
	}
	_, err = exchange.Import(ctx, bb, teachersFile)
	must(t, err)
	if got := theActivity(t, bb, b).Proceedings; got.ChairID != newcomer.ID || got.Minutes != "纪要" || len(got.Attendees) != 1 {
		t.Errorf("after the teacher came: %+v", got)
	}
}

// addedInVersion2 are the columns version 2 added to the tables a version 1 file carries.
var addedInVersion2 = map[string][]string{
	"activity_types": {"active"},
	"rubrics":        {"subject", "active"},
	"observations":   {"lesson_no", "unit", "rubric_ref", "overall"},
	"activities": {"chair_id", "recorder_id", "minutes", "summary", "prep_lead_id", "prep_unit", "prep_draft",
		"prep_discussion", "prep_revision", store.AttendeesColumn, store.FilesColumn},
}

// asVersion1 rewrites an exchange file as a version 1 termbook wrote it: its format line says
// 1, and its tables lack the columns version 2 added.
func asVersion1(t *testing.T, in, out string) {
	t.Helper()
	f, err := os.Open(in)
	must(t, err)
	defer f.Close()
	zr, err := gzip.NewReader(f)
	must(t, err)
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	var lines []string
	var drop []int
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, `{"format"`):
			line = `{"format":"termbook-exchange","version":1}`
		case strings.HasPrefix(line, `{"table"`):
			var tl struct {
				Table   string   `json:"table"`
				Columns []string `json:"columns"`
			}
			must(t, json.Unmarshal([]byte(line), &tl))
			drop = drop[:0]
			var cols []string
			for i, c := range tl.Columns {
				if slices.Contains(addedInVersion2[tl.Table], c) {
					drop = append(drop, i)
				} else {
					cols = append(cols, c)
				}
			}
			b, _ := json.Marshal(map[string]any{"table": tl.Table, "columns": cols})
			line = string(b)
		case strings.HasPrefix(line, "["):
			var vals []json.RawMessage
			must(t, json.Unmarshal([]byte(line), &vals))
			var keep []json.RawMessage
			for i, v := range vals {
				if !slices.Contains(drop, i) {
					keep = append(keep, v)
				}
			}
			b, _ := json.Marshal(keep)
			line = string(b)
		case strings.HasPrefix(line, `{"sha256"`):
			continue
		}
		lines = append(lines, line)
	}
	must(t, sc.Err())
	must(t, os.WriteFile(out, exFile(t, lines[0], true, lines[1:]...), 0o644))
}

// TestVersion1FileImports: a file from a termbook before version 2 still imports; the new
// records take their defaults, and what the old file does not carry is kept as it is here.
func TestVersion1FileImports(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	b, a, bb, clk, dir := pair(t)
	// b recorded the meeting; a, still on the old termbook, renames it later and adds a type
	// and an observation.
	_, err := bb.SetProceedings(ctx, theActivity(t, bb, b).ID, store.Proceedings{Attendees: []string{b.teachers[0]}, Minutes: "b 的纪要"})
	must(t, err)
	clk.advance(time.Minute)
	act := theActivity(t, a, b)
	act.Title = "《春》（改）"
	act.Proceedings = nil
	_, err = a.UpdateActivity(ctx, act)
	must(t, err)
	ty, err := a.CreateActivityType(ctx, store.ActivityType{Name: "学术沙龙"})
	must(t, err)
	o, err := a.CreateObservation(ctx, store.Observation{TermID: b.termID, SchoolID: b.schools[0], TeacherID: b.teachers[2],
		ObserverID: b.teachers[0], On: storetest.Date("2026-09-22"), Scores: []float64{9, 13, 13, 18, 13, 13, 9}})
	must(t, err)
	current := exportTo(t, a, dir, "to-b", 1)
	old := filepath.Join(dir, "version1.tbx")
	asVersion1(t, current, old)

	sum, err := exchange.Import(ctx, bb, old)
	must(t, err)
	if sum.Added < 2 || sum.Updated != 1 {
		t.Errorf("imported %+v", sum.MergeResult)
	}
	got := theActivity(t, bb, b)
	if got.Title != "《春》（改）" || got.Proceedings.Minutes != "b 的纪要" || len(got.Proceedings.Attendees) != 1 {
		t.Errorf("the renamed activity: title %q, record %+v; want the new title and b's record kept", got.Title, got.Proceedings)
	}
	if gt, err := bb.ActivityType(ctx, ty.ID); err != nil || !gt.Active || gt.Name != "学术沙龙" {
		t.Errorf("the new type: %+v, %v", gt, err)
	}
	if go_, err := bb.Observation(ctx, o.ID); err != nil || go_.LessonNo != 0 || go_.Unit != "" || go_.RubricID != "" || go_.Total != o.Total {
		t.Errorf("the new observation: %+v, %v", go_, err)
	}
	// The same file again changes nothing.
	before := dump(t, bb.Path())
	again, err := exchange.Import(ctx, bb, old)
	must(t, err)
	if again.Added+again.Updated != 0 || dump(t, bb.Path()) != before {
		t.Errorf("the version 1 file imported twice: %+v", again.MergeResult)
	}
}
