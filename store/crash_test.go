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
	"sync"
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
		t.Skip("runs only as a child of TestCrash and TestTwoWriters")
	}
	// spec is "path|tag|count"; count 0 writes until killed.
	parts := strings.Split(spec, "|")
	count, _ := strconv.Atoi(parts[2])
	ctx := context.Background()
	s, err := Open(ctx, parts[0], Options{})
	if err != nil {
		fmt.Printf("error open: %v\n", err)
		os.Exit(1)
	}
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

// child starts the writer child on path and returns it with its output's lines.
func child(t *testing.T, path, tag string, count int) (*exec.Cmd, <-chan string) {
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
	lines := make(chan string, 1024)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() { // a line cut short by the kill has no newline and is not returned whole
			lines <- sc.Text()
		}
	}()
	return cmd, lines
}

// acked collects the ids a child acknowledged and fails on any error it printed.
func acked(t *testing.T, lines <-chan string, into map[string]bool) (done bool) {
	t.Helper()
	for l := range lines {
		switch {
		case strings.HasPrefix(l, "ack "):
			into[strings.TrimPrefix(l, "ack ")] = true
		case l == "done":
			done = true
		case strings.HasPrefix(l, "error"):
			t.Errorf("child: %s", l)
		}
	}
	return done
}

// TestCrash kills a writing child at random moments (including while it opens and creates the
// file) and then checks that the file is whole and holds every write it acknowledged.
func TestCrash(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crash.db")
	rounds := 50
	if testing.Short() {
		rounds = 10
	}
	want := map[string]bool{}
	for r := range rounds {
		cmd, lines := child(t, path, fmt.Sprintf("r%d", r), 0)
		var mu sync.Mutex
		got := map[string]bool{}
		doneCh := make(chan struct{})
		go func() {
			mu.Lock()
			acked(t, lines, got)
			mu.Unlock()
			close(doneCh)
		}()
		time.Sleep(time.Duration(rand.IntN(60)) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
		<-doneCh
		for id := range got {
			want[id] = true
		}
	}
	t.Logf("%d rounds, %d acknowledged writes", rounds, len(want))
	if len(want) == 0 {
		t.Fatal("no child acknowledged a write: the kills came too early to test anything")
	}
	integrity(t, path)
	s := mustOpenAt(t, path, Options{})
	schools, err := s.Schools(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, sc := range schools {
		have[sc.ID] = true
	}
	for id := range want {
		if !have[id] {
			t.Errorf("acknowledged school %s is missing", id)
		}
	}
}

// TestTwoWriters has two programs each make 500 writes to one file at once: every write must
// land and neither may see an error (busy_timeout and immediate transactions make the second
// wait its turn).
func TestTwoWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "two.db")
	s := mustOpenAt(t, path, Options{}) // created first, so neither child races to create it
	s.Close()
	const each = 500
	var wg sync.WaitGroup
	results := make([]map[string]bool, 2)
	dones := make([]bool, 2)
	for i, tag := range []string{"a", "b"} {
		cmd, lines := child(t, path, tag, each)
		results[i] = map[string]bool{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			dones[i] = acked(t, lines, results[i])
			if err := cmd.Wait(); err != nil {
				t.Errorf("writer %s: %v", tag, err)
			}
		}()
	}
	wg.Wait()
	for i := range dones {
		if !dones[i] || len(results[i]) != each {
			t.Fatalf("writer %d finished=%v with %d acknowledged writes, want %d", i, dones[i], len(results[i]), each)
		}
	}
	integrity(t, path)
	s = mustOpenAt(t, path, Options{})
	schools, err := s.Schools(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(schools) != 2*each {
		t.Fatalf("%d schools in the file, want %d", len(schools), 2*each)
	}
}
