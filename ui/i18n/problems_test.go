package i18n

import (
	"strings"
	"testing"

	"termbook/store"
)

// Each refusal of the school's own types, rubrics and activity records reads as one sentence
// naming what is wrong, in both languages.
func TestRecordProblems(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		record string
		field  store.FieldError
		zh, en string
	}{
		{"activity", store.FieldError{Field: "type", Problem: store.Retired, Value: "学术沙龙"},
			"活动类型“学术沙龙”已停用，不能用于新记录。", "the activity type 学术沙龙 is retired and cannot be used for new records."},
		{"activity_type", store.FieldError{Field: "type", Problem: store.InUse, Value: "3"},
			"这个活动类型还用在 3 项记录上，不能删除，可以停用。", "that activity type is still used by 3 records: retire it instead of deleting it."},
		{"activity_type", store.FieldError{Field: "type", Problem: store.IsBuiltin, Value: "公开课"},
			"活动类型“公开课”是内置的，不能删除，可以改名或停用。", "the activity type 公开课 is built in: rename or retire it instead of deleting it."},
		{"activity_type", store.FieldError{Field: "name", Problem: store.Duplicate, Value: "公开课"},
			"“类型名称”重复：已有“公开课”。", "type name is taken: 公开课 already exists."},
		{"rubric", store.FieldError{Field: "full", Problem: store.Mismatch, Value: "95", Max: 100},
			"各维度满分合计 95，与“满分” 100 不符。", "the dimensions' points add up to 95, not to the full marks of 100."},
		{"rubric", store.FieldError{Field: "dimension", Problem: store.Required},
			"“维度名称”不能为空。", "dimension name is required."},
		{"rubric", store.FieldError{Field: "rubric", Problem: store.IsDefault, Value: "默认评课量表"},
			"“默认评课量表”是默认的评课量表，不能停用或删除；请先把另一个量表设为默认。", "默认评课量表 is the default rubric: make another the default before retiring or deleting it."},
		{"activity", store.FieldError{Field: "attendees", Problem: store.Unknown, Value: "x"},
			"“参加人员”指向的记录不存在。", "attendees names a record that does not exist."},
		{"activity", store.FieldError{Field: "minutes", Problem: store.TooLong, Max: store.MaxLong},
			"“纪要”太长（最多 50000 个字）。", "minutes is too long (at most 50000 characters)."},
		{"activity", store.FieldError{Field: "file", Problem: store.Outside, Value: "/tmp/1.jpg", Other: "/d/termbook-files"},
			"文件“/tmp/1.jpg”不在数据文件夹 /d/termbook-files 里；请先把它放进去，或用 termbook files add 复制进去。",
			"the file /tmp/1.jpg is outside the data folder /d/termbook-files: put it there first, or copy it in with termbook files add."},
		{"activity", store.FieldError{Field: "file", Problem: store.Outside, Value: "../a.jpg"},
			"文件“../a.jpg”不在数据文件旁的文件夹里。", "the file ../a.jpg is outside the folder beside the database."},
		{"activity", store.FieldError{Field: "file", Problem: store.NoFile, Value: "a.jpg"},
			"没有文件“a.jpg”。", "there is no file a.jpg."},
		{"observation", store.FieldError{Field: "lesson_no", Problem: store.OutOfRange, Min: 0, Max: 20, Value: "21"},
			"“课时”应在 0 到 20 之间（现在是 21）。", "lesson of the topic must be from 0 to 20 (it is 21)."},
	} {
		err := &store.InvalidError{Record: tc.record, Fields: []store.FieldError{tc.field}}
		if got := Zh.Error(err); got != tc.zh {
			t.Errorf("Zh: %s\n got %s\nwant %s", tc.field.Problem, got, tc.zh)
		}
		if got := En.Error(err); got != tc.en {
			t.Errorf("En: %s\n got %s\nwant %s", tc.field.Problem, got, tc.en)
		}
		if strings.Contains(Zh.Error(err)+En.Error(err), "%!") {
			t.Errorf("%s: a format verb without its value", tc.field.Problem)
		}
	}
}
