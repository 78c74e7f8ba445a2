package ui

import (
	"bufio"
	"context"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

// draftChildEnv names the database a re-executed test binary types into.
const draftChildEnv = "TERMBOOK_DRAFT_CHILD"

// program wraps the whole program for the child process below: it gives it a window (its
// standard output is no terminal) and says on a writer when it has loaded and when the
// observation editor has opened, so that keys are sent only when they can be taken (keys
// sent at once may be read as one).
type program struct {
	m      *Model
	say    io.Writer
	ready  bool
	opened bool
}

func (p *program) Init() tea.Cmd {
	return tea.Batch(p.m.Init(), func() tea.Msg { return tea.WindowSizeMsg{Width: 80, Height: 24} })
}
func (p *program) View() tea.View { return p.m.View() }
func (p *program) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := p.m.Update(msg)
	if !p.ready && p.m.loaded && p.m.width > 0 {
		p.ready = true
		io.WriteString(p.say, "ready\n")
	}
	if obs := p.m.screens[tabObservations].(*observations); !p.opened && obs.editor != nil {
		p.opened = true
		io.WriteString(p.say, "editor open\n")
	}
	return p, cmd
}

// TestDraftChild is the child of TestDraftSurvivesKill: the whole program, reading keys from
// its standard input until it is killed.
func TestDraftChild(t *testing.T) {
	path := os.Getenv(draftChildEnv)
	if path == "" {
		t.Skip("run by TestDraftSurvivesKill")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Now = fixedClock
	m := New(ctx, st, Options{Lang: i18n.Zh, Today: today})
	m.sh.draftDelay = 100 * time.Millisecond // a real timer, but not the program's two seconds
	p := tea.NewProgram(&program{m: m, say: os.Stderr}, tea.WithInput(os.Stdin), tea.WithOutput(io.Discard))
	if _, err := p.Run(); err != nil {
		t.Fatal(err)
	}
}

func TestDraftSurvivesKill(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("starts a child process")
	}
	ctx := context.Background()
	path := t.TempDir() + "/drafts.db"
	parent, db := obsTestAt(t, path, i18n.Zh)

	child := exec.Command(os.Args[0], "-test.run=^TestDraftChild$", "-test.v")
	child.Env = append(os.Environ(), draftChildEnv+"="+path)
	var out strings.Builder
	child.Stdout = &out
	stderr, err := child.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdin, err := child.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	defer child.Process.Kill()
	// Once the program has loaded: 2 n, the 听课 tab and a new observation. Once the editor is
	// open, the teacher and the observer by pinyin (enter takes each from the picker and moves
	// on to the period), six tabs to the first pane (enter is a new line there), tab to the
	// second.
	lines := lineChan(stderr)
	if !waitForLine(lines, "ready") {
		t.Fatalf("the program did not start; it said:\n%s", out.String())
	}
	for _, k := range []string{"2", "n"} {
		if _, err := io.WriteString(stdin, k); err != nil {
			t.Fatal(err)
		}
		time.Sleep(100 * time.Millisecond) // two keys, not "2n" read as one
	}
	if !waitForLine(lines, "editor open") {
		t.Fatalf("the editor did not open; the child said:\n%s", out.String())
	}
	typed := "zhangsan\rlisi\r" + strings.Repeat("\t", 8) + "导入：出示春天的图片\r朗读课文\t节奏紧凑，朗读充分"
	if _, err := io.WriteString(stdin, typed); err != nil {
		t.Fatal(err)
	}

	// Wait for the draft to reach the file, then kill the child without warning.
	var found bool
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline) && !found; time.Sleep(100 * time.Millisecond) {
		ds, err := db.Drafts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range ds {
			found = found || strings.Contains(d.Payload, "节奏紧凑，朗读充分")
		}
	}
	if !found {
		t.Fatalf("no draft with the typed text was written; the child said:\n%s", out.String())
	}
	if err := child.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	child.Wait()

	// The next start offers the draft; enter restores it on the 听课 tab with the text intact.
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	st.Now = fixedClock
	m := newTest(t, st, i18n.Zh, false, 80, 24)
	if v := shown(t, m); !strings.Contains(v, "上次有未保存的内容") || !strings.Contains(v, "听课记录 张三") {
		t.Fatalf("no draft offered at start:\n%s", v)
	}
	press(t, m, "enter")
	e := m.screens[tabObservations].(*observations).editor
	if m.active != tabObservations || e == nil {
		t.Fatalf("enter did not restore the draft:\n%s", shown(t, m))
	}
	if got, want := e.process.Value(), "导入：出示春天的图片\n朗读课文"; got != want {
		t.Errorf("教学过程实录 = %q, want %q", got, want)
	}
	if got, want := e.comments.Value(), "节奏紧凑，朗读充分"; got != want {
		t.Errorf("随堂点评 = %q, want %q", got, want)
	}
	if got := parent.sh.teacher(e.teacher.Value()).Name; got != "张三" {
		t.Errorf("teacher = %q, want 张三", got)
	}
	if v := shown(t, m); !strings.Contains(v, "导入：出示春天的图片") || !strings.Contains(v, "节奏紧凑，朗读充分") {
		t.Errorf("the restored text is not on screen:\n%s", v)
	}
	// A restored draft counts as typed: esc asks before throwing it away.
	press(t, m, "esc")
	if !e.asking {
		t.Error("esc on a restored draft did not ask")
	}
	press(t, m, "y")
	if ds, _ := st.Drafts(ctx); len(ds) != 0 {
		t.Errorf("a discarded draft is still kept: %d", len(ds))
	}
}

// lineChan sends the lines read from r.
func lineChan(r io.Reader) <-chan string {
	ch := make(chan string)
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			ch <- sc.Text()
		}
		close(ch)
	}()
	return ch
}

// waitForLine waits, up to 20 seconds, for a line holding want.
func waitForLine(lines <-chan string, want string) bool {
	deadline := time.After(20 * time.Second)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				return false
			}
			if strings.Contains(l, want) {
				return true
			}
		case <-deadline:
			return false
		}
	}
}
