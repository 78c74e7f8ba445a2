package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestDiskFull lets SQLite run out of room (PRAGMA max_page_count stands in for the disk): the
// write fails with ErrDiskFull, and the file keeps everything it had, whole.
func TestDiskFull(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.db")
	s := mustOpenAt(t, path, Options{})
	fill(t, s)
	if err := s.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	var pages int
	if err := s.w.QueryRow("PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages+2)); err != nil {
		t.Fatal(err)
	}
	before := dump(t, path)

	terms, _ := s.Terms(ctx)
	schools, _ := s.Schools(ctx)
	teachers, _ := s.Teachers(ctx)
	big := strings.Repeat("课堂实录。", MaxLong/5)
	_, err := s.CreateObservation(ctx, Observation{TermID: terms[0].ID, SchoolID: schools[0].ID, TeacherID: teachers[0].ID,
		ObserverID: teachers[0].ID, On: MustDate("2026-09-16"), Texts: ObservationTexts{Process: big, Comments: big}})
	if !errors.Is(err, ErrDiskFull) {
		t.Fatalf("write on a full disk = %v, want ErrDiskFull", err)
	}
	s.Close()
	if got := dump(t, path); !reflect.DeepEqual(got, before) {
		t.Fatal("the failed write changed the file")
	}
	integrity(t, path)
}

// TestDiskFullTmpfs fills a real, tiny file system (a tmpfs, which needs root to mount).
func TestDiskFullTmpfs(t *testing.T) {
	t.Parallel()
	if os.Geteuid() != 0 {
		t.Skip("mounting a tmpfs needs root")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
	ctx := context.Background()
	path := filepath.Join(dir, "x.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i := 0; ; i++ {
		sc, err := s.CreateSchool(ctx, School{Name: fmt.Sprintf("学校 %d", i), District: strings.Repeat("区", 30)})
		if err != nil {
			if !errors.Is(err, ErrDiskFull) {
				t.Fatalf("write %d on a full disk = %v, want ErrDiskFull", i, err)
			}
			break
		}
		ids = append(ids, sc.ID)
		if i > 100000 {
			t.Fatal("the disk never filled")
		}
	}
	t.Logf("%d writes before the disk was full", len(ids))
	s.Close() // the checkpoint may fail for want of room; the log keeps the writes
	s = mustOpenAt(t, path, Options{ReadOnly: true})
	for _, id := range ids {
		if _, err := s.School(ctx, id); err != nil {
			t.Fatalf("school %s written before the disk filled: %v", id, err)
		}
	}
	if faults, err := s.Check(ctx); err != nil || len(faults) > 0 {
		t.Fatalf("Check = %v, %v", faults, err)
	}
}

// TestReadOnlyFile opens a file marked read-only: reading works, writing says so.
func TestReadOnlyFile(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.db")
	s := mustOpenAt(t, path, Options{})
	fill(t, s)
	s.Close()
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	s = mustOpenAt(t, path, Options{})
	if !errors.Is(s.ReadOnlyReason(), ErrReadOnly) {
		t.Fatalf("ReadOnlyReason = %v, want ErrReadOnly", s.ReadOnlyReason())
	}
	if got, err := s.Schools(ctx); err != nil || len(got) != 1 {
		t.Fatalf("reading: %v, %v", got, err)
	}
	if _, err := s.CreateSchool(ctx, School{Name: "二小"}); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("write = %v, want ErrReadOnly", err)
	}
	s.Close()
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatal("the read-only file changed")
	}
}
