package ui

import (
	"context"
	"strings"
	"testing"

	"termbook/store"
)

func TestMentoringEditAndDeleteWithUndo(t *testing.T) {
	ctx := context.Background()
	env := obsTestEnv(t)
	zhang, wang := env.byName(t, "张三"), env.byName(t, "王五")
	p, err := env.db.CreateMentorPair(ctx, store.MentorPair{TermID: env.term.ID, MentorID: zhang.ID, MenteeID: wang.ID, Subject: "语文"})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []store.Guidance{
		{MentorPairID: p.ID, On: store.MustDate("2026-09-20"), Form: store.FormReview, Content: "评《春》的板书"},
		{MentorPairID: p.ID, On: store.MustDate("2026-09-10"), Form: store.FormPrep, Content: "一起备《秋天的雨》"},
	} {
		if _, err := env.db.CreateGuidance(ctx, g); err != nil {
			t.Fatal(err)
		}
	}
	m := newMentScreen(env)
	m.SetSize(80, 20)
	pump(m.Update, m.Init())
	press := func(script ...string) {
		t.Helper()
		for _, k := range keys(script...) {
			pump(m.Update, m.Update(k))
		}
	}
	logContents := func() []string {
		t.Helper()
		log, err := env.db.GuidanceLog(ctx, p.ID)
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
	if m.form == nil || !strings.Contains(plain(m.form.View()), "一起备《秋天的雨》") {
		t.Fatalf("enter on the second entry did not open it:\n%s", plain(m.View()))
	}
	press("，并试讲")
	// What is typed into an edit is kept as a draft of that entry (the key fits the store's
	// limit), and the draft reopens the same entry.
	kept := store.Draft{Key: m.form.drafts.key, Form: draftGuidance, Payload: m.form.payload()}
	if err := env.db.SaveDraft(ctx, kept); err != nil {
		t.Fatalf("the edit's draft is not kept: %v", err)
	}
	press("<esc>", "y")
	if m.form != nil {
		t.Fatalf("esc, y did not leave the form:\n%s", plain(m.View()))
	}
	pump(m.Update, m.OpenDraft(kept))
	if m.form == nil || !strings.Contains(plain(m.form.View()), "一起备《秋天的雨》，并试讲") {
		t.Fatalf("the draft did not reopen the entry:\n%s", plain(m.View()))
	}
	press("<ctrl+s>")
	if m.form != nil {
		t.Fatalf("not saved:\n%s", plain(m.View()))
	}
	if got := logContents(); len(got) != 2 || got[1] != "一起备《秋天的雨》，并试讲" {
		t.Errorf("log after the edit = %q", got)
	}
	if v := plain(m.View()); !strings.Contains(v, "一起备《秋天的雨》，并试讲") {
		t.Errorf("the edit is not shown:\n%s", v)
	}

	// d deletes the chosen entry; u brings it back.
	press("l", "<up>", "d")
	if got := logContents(); len(got) != 1 || len(m.log) != 1 || m.log[0].Content != got[0] {
		t.Fatalf("after d the log is %q\n%s", got, plain(m.View()))
	}
	if !strings.HasPrefix(m.message, "已删除：9月20日") || !strings.Contains(m.message, "按 u 撤销") {
		t.Errorf("status after deleting an entry: %q", m.message)
	}

	// enter on the pair opens it to edit; d deletes the pair; two u bring both back.
	press("<esc>", "<enter>")
	if m.form == nil {
		t.Fatalf("enter on the pair did not open it:\n%s", plain(m.View()))
	}
	press("<tab>", "<tab>", "<tab>", "三年成为骨干", "<ctrl+s>")
	if got, err := env.db.MentorPair(ctx, p.ID); err != nil || got.Goals != "三年成为骨干" || got.MenteeID != wang.ID || got.Subject != "语文" {
		t.Errorf("pair after the edit = %+v, %v", got, err)
	}
	press("d")
	if len(m.rows) != 0 || m.message != "已删除：张三→王五 语文（按 u 撤销）" {
		t.Fatalf("after deleting the pair: %d rows, status %q", len(m.rows), m.message)
	}
	press("u")
	if len(m.rows) != 1 || m.message != "已撤销：张三→王五 语文" {
		t.Errorf("after one undo: %d rows, status %q", len(m.rows), m.message)
	}
	press("u")
	if got := logContents(); len(got) != 2 || len(m.log) != 2 || !strings.Contains(plain(m.View()), "评《春》的板书") {
		t.Errorf("after two undos the log is %q\n%s", got, plain(m.View()))
	}
	press("u")
	if m.message != "没有可以撤销的操作。" {
		t.Errorf("undo with nothing left: %q", m.message)
	}
}
