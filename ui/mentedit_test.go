package ui

import (
	"context"
	"strings"
	"testing"

	"termbook/store"
	"termbook/store/storetest"
	"termbook/ui/i18n"
)

func TestMentoringEditAndDeleteWithUndo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	mm, db := obsTest(t, i18n.Zh)
	zhang, wang := byName(t, mm, "张三"), byName(t, mm, "王五")
	p, err := db.CreateMentorPair(ctx, store.MentorPair{TermID: mm.sh.data.term.ID, MentorID: zhang.ID, MenteeID: wang.ID, Subject: "语文"})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []store.Guidance{
		{MentorPairID: p.ID, On: storetest.Date("2026-09-20"), Form: store.FormReview, Content: "评《春》的板书"},
		{MentorPairID: p.ID, On: storetest.Date("2026-09-10"), Form: store.FormPrep, Content: "一起备《秋天的雨》"},
	} {
		if _, err := db.CreateGuidance(ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	m := mentoringOf(mm)
	drive(t, mm, "3")
	press := func(script ...string) {
		t.Helper()
		drive(t, mm, script...)
	}
	logContents := func() []string {
		t.Helper()
		log, err := db.GuidanceLog(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, g := range log {
			out = append(out, g.Content)
		}
		return out
	}

	// → moves into the log, ↓ to the older entry, enter opens it to edit; the Chinese typed
	// is added to what was there and saved over the same entry.
	press("l", "<down>", "<enter>")
	if m.form == nil || !strings.Contains(shown(t, mm), "一起备《秋天的雨》") {
		t.Fatalf("enter on the second entry did not open it:\n%s", shown(t, mm))
	}
	press("，并试讲")
	// What is typed into an edit is kept as a draft of that entry (the key fits the store's
	// limit), and the draft reopens the same entry.
	kept := store.Draft{Key: m.form.drafts.key, Form: draftGuidance, Payload: m.form.payload()}
	if err := db.SaveDraft(ctx, kept); err != nil {
		t.Fatalf("the edit's draft is not kept: %v", err)
	}
	press("<esc>", "y")
	if m.form != nil {
		t.Fatalf("esc, y did not leave the form:\n%s", shown(t, mm))
	}
	fd, err := readDraft(kept)
	if err != nil {
		t.Fatal(err)
	}
	run(t, mm, m.restore(kept, fd))
	if m.form == nil || !strings.Contains(shown(t, mm), "一起备《秋天的雨》，并试讲") {
		t.Fatalf("the draft did not reopen the entry:\n%s", shown(t, mm))
	}
	press("<ctrl+s>")
	if m.form != nil {
		t.Fatalf("not saved:\n%s", shown(t, mm))
	}
	if got := logContents(); len(got) != 2 || got[1] != "一起备《秋天的雨》，并试讲" {
		t.Errorf("log after the edit = %q", got)
	}
	if v := shown(t, mm); !strings.Contains(v, "一起备《秋天的雨》，并试讲") {
		t.Errorf("the edit is not shown:\n%s", v)
	}

	// d deletes the chosen entry; u brings it back.
	press("l", "<up>", "d")
	if got := logContents(); len(got) != 1 || len(m.log) != 1 || m.log[0].Content != got[0] {
		t.Fatalf("after d the log is %q\n%s", got, shown(t, mm))
	}
	if !strings.HasPrefix(mm.status, "已删除：9月20日") || !strings.Contains(mm.status, "按 u 撤销") {
		t.Errorf("status after deleting an entry: %q", mm.status)
	}

	// enter on the pair opens it to edit; d deletes the pair; two u bring both back.
	press("<esc>", "<enter>")
	if m.form == nil {
		t.Fatalf("enter on the pair did not open it:\n%s", shown(t, mm))
	}
	press("<tab>", "<tab>", "<tab>", "三年成为骨干", "<ctrl+s>")
	if got, err := db.MentorPair(ctx, p.ID); err != nil || got.Goals != "三年成为骨干" || got.MenteeID != wang.ID || got.Subject != "语文" {
		t.Errorf("pair after the edit = %+v, %v", got, err)
	}
	press("d")
	if len(m.rows) != 0 || mm.status != "已删除：张三→王五 语文（按 u 撤销）" {
		t.Fatalf("after deleting the pair: %d rows, status %q", len(m.rows), mm.status)
	}
	press("u")
	if len(m.rows) != 1 || mm.status != "已撤销：已删除：张三→王五 语文" {
		t.Errorf("after one undo: %d rows, status %q", len(m.rows), mm.status)
	}
	press("u")
	if got := logContents(); len(got) != 2 || len(m.log) != 2 || !strings.Contains(shown(t, mm), "评《春》的板书") {
		t.Errorf("after two undos the log is %q\n%s", got, shown(t, mm))
	}
	press("u")
	if mm.status != "没有可以撤销的操作。" {
		t.Errorf("undo with nothing left: %q", mm.status)
	}
}
