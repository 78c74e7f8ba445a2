package store

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The crash and two-writer tests run this test binary again as a child that writes schools
// through the store and prints "ack ID" after each write returns; TERMBOOK_TEST_CHILD switches
// a run into that mode.
const childEnv = "TERMBOOK_TEST_CHILD"

// TestChild is the child's body; it does nothing in an ordinary run.
func TestChild(t *testing.T) {
	spec := os.Getenv(childEnv)
	if spec == "" {
		t.Skip("runs only as a child of TestCrash, TestCrashWhileCreating and TestTwoWriters")
	}
	// spec is "path|tag|count"; count 0 writes until killed.
	parts := strings.Split(spec, "|")
	count, _ := strconv.Atoi(parts[2])
	ctx := context.Background()
	fmt.Println("opening")
	s, err := Open(ctx, parts[0], Options{})
	if err != nil {
		fmt.Printf("error open: %v\n", err)
		os.Exit(1)
	}
	fmt.Println("open")
	for i := 0; count == 0 || i < count; i++ {
		sc, err := s.CreateSchool(ctx, School{Name: fmt.Sprintf("%s-%d", parts[1], i), District: strings.Repeat("区", i%40)})
		if err != nil {
			fmt.Printf("error write %d: %v\n", i, err)
			os.Exit(1)
		}
		fmt.Printf("ack %s\n", sc.ID)
	}
	if err := s.Close(); err != nil {
		fmt.Printf("error close: %v\n", err)
		os.Exit(1)
	}
	fmt.Println("done")
	os.Exit(0)
}

// childRun is a writer child started on a file, and what it has said so far.
type childRun struct {
	cmd     *exec.Cmd
	opening chan struct{} // closed when it starts opening the file
	first   chan struct{} // closed at its first acknowledged write
	ended   chan struct{} // closed when its output has ended; the fields below are then final

	opened bool            // Open returned
	acked  map[string]bool // the schools it acknowledged
	done   bool            // it closed the store and finished
	errors []string        // the errors it printed
}

// startChild starts the writer child on path; count 0 writes until killed.
func startChild(t *testing.T, path, tag string, count int) *childRun {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+path+"|"+tag+"|"+strconv.Itoa(count))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &childRun{cmd: cmd, opening: make(chan struct{}), first: make(chan struct{}), ended: make(chan struct{}),
		acked: map[string]bool{}}
	go func() {
		defer close(c.ended)
		sc := bufio.NewScanner(out)
		for sc.Scan() { // a line cut short by the kill has no newline and is not returned whole
			switch l := sc.Text(); {
			case l == "opening":
				close(c.opening)
			case l == "open":
				c.opened = true
			case strings.HasPrefix(l, "ack "):
				if len(c.acked) == 0 {
					close(c.first)
				}
				c.acked[strings.TrimPrefix(l, "ack ")] = true
			case l == "done":
				c.done = true
			case strings.HasPrefix(l, "error"):
				c.errors = append(c.errors, l)
			}
		}
	}()
	return c
}

// await waits for ch, failing the test if the child ends first or takes more than a minute
// (a loaded machine can be slow, but not that slow).
func (c *childRun) await(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-c.ended:
		c.cmd.Wait()
		t.Fatalf("the child ended before %s: %v %v", what, c.cmd.ProcessState, c.errors)
	case <-time.After(time.Minute):
		c.kill()
		t.Fatalf("the child did not get to %s within a minute", what)
	}
}

// kill kills the child without warning and waits until it is gone and its output read.
func (c *childRun) kill() {
	c.cmd.Process.Kill()
	<-c.ended
	c.cmd.Wait()
}

// wait waits for the child to finish by itself, and fails the test if it did not finish well.
func (c *childRun) wait(t *testing.T, tag string) {
	<-c.ended
	if err := c.cmd.Wait(); err != nil || !c.done || len(c.errors) > 0 {
		t.Errorf("writer %s: %v, finished %v, errors %v", tag, err, c.done, c.errors)
	}
}

// schoolIDs is the ids of the schools in the file at path.
func schoolIDs(t *testing.T, path string) map[string]bool {
	t.Helper()
	s := mustOpenAt(t, path, Options{})
	defer s.Close()
	schools, err := s.Schools(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, sc := range schools {
		have[sc.ID] = true
	}
	return have
}

// TestCrash kills a writing child again and again, each time at a random moment within the
// first few writes after its first acknowledged one, then checks that the file is whole and
// holds every write any child acknowledged. Each child opens the file its killed predecessor
// left, write-ahead log and all. (A kill while a child creates the file is
// TestCrashWhileCreating.)
func TestCrash(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "crash.db")
	mustOpenAt(t, path, Options{}).Close()
	rounds := 20
	if testing.Short() {
		rounds = 10
	}
	want := map[string]bool{}
	for r := range rounds {
		c := startChild(t, path, fmt.Sprintf("r%d", r), 0)
		c.await(t, c.first, "its first acknowledged write")
		time.Sleep(rand.N(30 * time.Millisecond))
		c.kill()
		if len(c.errors) > 0 {
			t.Fatalf("round %d: the child said %v", r, c.errors)
		}
		for id := range c.acked {
			want[id] = true
		}
	}
	t.Logf("%d rounds, %d acknowledged writes", rounds, len(want))
	integrity(t, path)
	have := schoolIDs(t, path)
	for id := range want {
		if !have[id] {
			t.Errorf("acknowledged school %s is missing", id)
		}
	}
}

// TestCrashWhileCreating kills a child while it creates a new file: what is left must open
// as a termbook database (made anew if nothing was written), whole, holding every write the
// child acknowledged and taking new ones; never a file refused as another program's. The
// kills fall within the time creating a file takes here, measured first.
func TestCrashWhileCreating(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	dir := t.TempDir()
	began := time.Now()
	mustOpenAt(t, filepath.Join(dir, "timing.db"), Options{}).Close()
	creating := max(time.Since(began), time.Millisecond)
	const rounds = 10
	interrupted := 0
	for r := range rounds {
		path := filepath.Join(dir, fmt.Sprintf("new-%d.db", r))
		c := startChild(t, path, "c", 0)
		c.await(t, c.opening, "opening the file")
		time.Sleep(rand.N(creating))
		c.kill()
		if !c.opened {
			interrupted++
		}
		s, err := Open(ctx, path, Options{})
		if err != nil {
			t.Fatalf("round %d: after a kill while creating it, the file does not open: %v", r, err)
		}
		if _, err := s.CreateSchool(ctx, School{Name: "后来的学校"}); err != nil {
			t.Errorf("round %d: after a kill while creating it, the file takes no write: %v", r, err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		integrity(t, path)
		have := schoolIDs(t, path)
		for id := range c.acked {
			if !have[id] {
				t.Errorf("round %d: acknowledged school %s is missing", r, id)
			}
		}
	}
	t.Logf("%d of %d kills came before the file was open (creating it takes %v here)", interrupted, rounds, creating)
	if interrupted == 0 {
		t.Fatal("no kill came while the file was being created: nothing was tested")
	}
}

// TestTwoWriters has two programs each make 500 writes to one file at once: every write must
// land and neither may see an error (busy_timeout and immediate transactions make the second
// wait its turn).
func TestTwoWriters(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "two.db")
	mustOpenAt(t, path, Options{}).Close() // created first, so neither child races to create it
	const each = 500
	tags := []string{"a", "b"}
	var runs []*childRun
	for _, tag := range tags {
		runs = append(runs, startChild(t, path, tag, each))
	}
	for i, c := range runs {
		c.wait(t, tags[i])
		if len(c.acked) != each {
			t.Errorf("writer %s acknowledged %d writes, want %d", tags[i], len(c.acked), each)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	integrity(t, path)
	if have := schoolIDs(t, path); len(have) != 2*each {
		t.Fatalf("%d schools in the file, want %d", len(have), 2*each)
	}
}
