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

	tea "github.com/charmbracelet/bubbletea"

	"termbook/store"
	"termbook/ui/i18n"
)

// draftChildEnv names the database a re-executed test binary types into.
const draftChildEnv = "TERMBOOK_DRAFT_CHILD"

// harness runs one screen as a whole program, for the child process below. When told, it
// says on a writer when the editor has opened, so that the keys meant for the editor are sent
// only then (keys sent at once may be read as one).
type harness struct {
	s      *obsScreen
	opened io.Writer
}

func (h *harness) Init() tea.Cmd { return h.s.Init() }
func (h *harness) View() string  { return h.s.View() }
func (h *harness) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && k.Type == tea.KeyCtrlC {
		return h, tea.Quit
	}
	cmd := h.s.Update(msg)
	if h.opened != nil && h.s.editor != nil {
		io.WriteString(h.opened, "editor open\n")
		h.opened = nil
	}
	return h, cmd
}

// TestDraftChild is the child of TestDraftSurvivesKill: the observations screen run as a
// program reading keys from its standard input, until it is killed.
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
	env, err := loadObsEnv(ctx, st, i18n.Zh)
	if err != nil {
		t.Fatal(err)
	}
	env.draftDelay = 0
	p := tea.NewProgram(&harness{s: newObsScreen(env), opened: os.Stderr}, tea.WithInput(os.Stdin), tea.WithOutput(io.Discard))
	if _, err := p.Run(); err != nil {
		t.Fatal(err)
	}
}

func TestDraftSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	ctx := context.Background()
	path := t.TempDir() + "/drafts.db"
	env := obsTestEnvAt(t, path)

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
	// n: a new observation. Then, once the editor is open, the teacher and observer by
	// pinyin (enter takes each from the picker and moves on to the period), six tabs to the
	// first pane
	// (enter is a new line there), tab to the second.
	if _, err := io.WriteString(stdin, "n"); err != nil {
		t.Fatal(err)
	}
	if !waitForLine(stderr, "editor open") {
		t.Fatalf("the editor did not open; the child said:\n%s", out.String())
	}
	typed := "zhangsan\rlisi\r" + strings.Repeat("\t", 6) + "导入：出示春天的图片\r朗读课文\t节奏紧凑，朗读充分"
	if _, err := io.WriteString(stdin, typed); err != nil {
		t.Fatal(err)
	}

	// Wait for the draft to reach the file, then kill the child without warning.
	var found bool
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline) && !found; time.Sleep(100 * time.Millisecond) {
		ds, err := env.db.Drafts(ctx)
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

	// The next start offers the draft; enter restores it with the text intact.
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	env2, err := loadObsEnv(ctx, st, i18n.Zh)
	if err != nil {
		t.Fatal(err)
	}
	s := newObsScreen(env2)
	pump(s.Update, s.Init())
	if v := s.View(); !strings.Contains(v, "上次有未保存的内容") || !strings.Contains(v, "听课记录 张三") {
		t.Fatalf("no draft offered:\n%s", v)
	}
	pump(s.Update, s.Update(tea.KeyMsg{Type: tea.KeyEnter}))
	if s.editor == nil {
		t.Fatalf("enter did not restore the draft:\n%s", s.View())
	}
	e := s.editor
	if got, want := e.process.Value(), "导入：出示春天的图片\n朗读课文"; got != want {
		t.Errorf("教学过程实录 = %q, want %q", got, want)
	}
	if got, want := e.comments.Value(), "节奏紧凑，朗读充分"; got != want {
		t.Errorf("随堂点评 = %q, want %q", got, want)
	}
	if got := env2.teacher(e.teacher.Value()).Name; got != "张三" {
		t.Errorf("teacher = %q, want 张三", got)
	}
	// A restored draft counts as typed: esc asks before throwing it away.
	pump(s.Update, s.Update(tea.KeyMsg{Type: tea.KeyEsc}))
	if !e.asking {
		t.Error("esc on a restored draft did not ask")
	}
	pump(s.Update, s.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("y")}))
	if ds, _ := st.Drafts(ctx); len(ds) != 0 {
		t.Errorf("a discarded draft is still kept: %d", len(ds))
	}
}

// TestUIHarness runs the observations screen on a real terminal, for trying it by hand:
//
//	go test -c -o /tmp/uih ./ui && TERMBOOK_UI_HARNESS=/tmp/h.db /tmp/uih -test.run '^TestUIHarness$'
func TestUIHarness(t *testing.T) {
	path := os.Getenv("TERMBOOK_UI_HARNESS")
	if path == "" {
		t.Skip("for trying the screen by hand")
	}
	env := obsTestEnvAt(t, path)
	env.db.Now = time.Now
	env.today = env.db.Today()
	s := newObsScreen(env)
	if os.Getenv("TERMBOOK_UI_SCREEN") == "mentoring" {
		m := newMentScreen(env)
		if _, err := tea.NewProgram(mentHarness{m}, tea.WithAltScreen()).Run(); err != nil {
			t.Fatal(err)
		}
		return
	}
	if _, err := tea.NewProgram(&harness{s: s}, tea.WithAltScreen()).Run(); err != nil {
		t.Fatal(err)
	}
}

type mentHarness struct{ s *mentScreen }

func (h mentHarness) Init() tea.Cmd { return h.s.Init() }
func (h mentHarness) View() string  { return h.s.View() }
func (h mentHarness) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && k.Type == tea.KeyCtrlC {
		return h, tea.Quit
	}
	return h, h.s.Update(msg)
}

// waitForLine reads r until a line holding want (true) or the end (false).
func waitForLine(r io.Reader, want string) bool {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if strings.Contains(sc.Text(), want) {
			go io.Copy(io.Discard, r) // keep the child from blocking on a full pipe
			return true
		}
	}
	return false
}
