//go:build unix

package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// asOrdinaryUser runs the calling test as an ordinary user, to whom file permissions apply:
// run by root, it runs the test again in a child process as nobody and reports true, and
// the caller returns (the child's result is the test's). It skips when that cannot be done.
func asOrdinaryUser(t *testing.T) (ranInChild bool) {
	t.Helper()
	if os.Geteuid() != 0 {
		return false
	}
	dir, err := os.MkdirTemp("", "termbook-nobody-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	bin := filepath.Join(dir, "termbook.test")
	src, err := os.Open(os.Args[0])
	if err != nil {
		t.Skip("cannot read the test binary:", err)
	}
	defer src.Close()
	dst, err := os.OpenFile(bin, os.O_CREATE|os.O_WRONLY, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	dst.Close()
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run=^"+t.Name()+"$", "-test.count=1", "-test.v")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "HOME="+dir, "TMPDIR=/tmp")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	out, err := cmd.CombinedOutput()
	if err != nil && strings.Contains(err.Error(), "operation not permitted") {
		t.Skip("cannot run as nobody:", err)
	}
	if err != nil || !strings.Contains(string(out), "--- PASS: "+t.Name()) {
		t.Fatalf("as nobody: %v\n%s", err, out)
	}
	return true
}

// TestFIFOAndDeviceRefused: --db naming a named pipe or a device is refused at once, and
// nothing is created beside it (a pipe used to hang the program, deaf to Ctrl-C).
func TestFIFOAndDeviceRefused(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe.db")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	for _, c := range []struct{ db, cmd string }{{fifo, "agenda"}, {fifo, "check"}, {fifo, "add"}, {os.DevNull, "add"}, {os.DevNull, "backup"}} {
		done := make(chan error, 1)
		go func() {
			args := []string{"--lang", "en", "--db", c.db, c.cmd}
			if c.cmd == "add" {
				args = append(args, "w3 公开课 测试")
			}
			done <- run(context.Background(), args, newTestEnv(t).env)
		}()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), "is not a termbook database; it was left untouched") {
				t.Errorf("%s on %s: %v", c.cmd, c.db, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s on %s still waits after 10 s", c.cmd, c.db)
		}
		for _, suffix := range []string{"-journal", "-wal", "-shm", "-holder"} {
			if _, err := os.Stat(c.db + suffix); err == nil {
				os.Remove(c.db + suffix)
				t.Errorf("%s on %s made %s", c.cmd, c.db, c.db+suffix)
			}
		}
	}
}

// TestReadOnlyFileLeavesWritableLogs: reading a file marked read-only (0444) leaves its
// write-ahead log and shared memory read-only beside it, as SQLite makes them; once the file
// is made writable again, termbook writes to it.
func TestReadOnlyFileLeavesWritableLogs(t *testing.T) {
	if asOrdinaryUser(t) {
		return
	}
	db := sampleDB(t)
	if err := os.Chmod(db, 0o444); err != nil {
		t.Fatal(err)
	}
	te := newTestEnv(t)
	te.mustRun(t, "--db", db, "agenda")
	if err := os.Chmod(db, 0o644); err != nil {
		t.Fatal(err)
	}
	te.mustRun(t, "--db", db, "add", "w3 公开课 测试课")
}

// TestReadOnlyFolderReadable: a database in write-ahead-log mode in a folder that cannot be
// written (a write-protected stick) is read, and an add says the file is read-only.
func TestReadOnlyFolderReadable(t *testing.T) {
	if asOrdinaryUser(t) {
		return
	}
	db := sampleDB(t)
	if err := os.Chmod(filepath.Dir(db), 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(filepath.Dir(db), 0o755) })
	te := newTestEnv(t)
	if out := te.mustRun(t, "--lang", "en", "--db", db, "agenda"); !strings.Contains(out, "week") {
		t.Errorf("agenda in a read-only folder:\n%s", out)
	}
	te.mustRun(t, "--db", db, "check")
	if _, err := te.run(t, "--lang", "en", "--db", db, "add", "w3 公开课 测试课"); err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("add in a read-only folder: %v", err)
	}
}

// TestRestoreKeepsMode: the restored file has the permissions of the one it replaced.
func TestRestoreKeepsMode(t *testing.T) {
	db := sampleDB(t)
	good := filepath.Join(t.TempDir(), "good.db")
	te := newTestEnv(t)
	te.mustRun(t, "--db", db, "backup", "-o", good)
	if err := os.Chmod(db, 0o664); err != nil {
		t.Fatal(err)
	}
	te.mustRun(t, "--db", db, "restore", good)
	if st, err := os.Stat(db); err != nil || st.Mode().Perm() != 0o664 {
		t.Errorf("after the restore: %v, %v; want 0664", st.Mode(), err)
	}
}
