// Package storetest is what the tests of several packages share about the store. Nothing in
// the program imports it.
package storetest

import (
	"context"
	"os"
	"path/filepath"
	"sync"

	"termbook/store"
)

// Date is the day s, written "2006-01-02" as a literal in a test; it panics on a bad one, so a
// mistyped date stops the test instead of becoming the zero Date.
func Date(s string) store.Date {
	d, err := store.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// TB is what these helpers use of a test or benchmark: *testing.T and *testing.B have it.
type TB interface {
	Helper()
	Fatal(args ...any)
	Fatalf(format string, args ...any)
}

// File is a database that costs more to write than a test wants to spend on it each time
// (a new file runs every migration; a sample writes hundreds of records): written once per
// test binary, on the first CopyTo, and copied for every test that asks.
type File struct {
	write func(tb TB, path string)
	once  sync.Once
	data  []byte
}

// NewFile is the database write makes at path, which it leaves closed.
func NewFile(write func(tb TB, path string)) *File { return &File{write: write} }

// CopyTo writes a copy of the file at path, creating the folder if needed.
func (f *File) CopyTo(tb TB, path string) {
	tb.Helper()
	f.once.Do(func() {
		dir, err := os.MkdirTemp("", "termbook-test-")
		if err != nil {
			tb.Fatal(err)
		}
		defer os.RemoveAll(dir)
		src := filepath.Join(dir, "termbook.db")
		f.write(tb, src)
		if f.data, err = os.ReadFile(src); err != nil {
			tb.Fatal(err)
		}
	})
	if f.data == nil {
		tb.Fatal("the shared test database could not be written (see the first test that asked for it)")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, f.data, 0o644); err != nil {
		tb.Fatal(err)
	}
}

var empty = NewFile(func(tb TB, path string) {
	s, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	if err := s.Close(); err != nil {
		tb.Fatal(err)
	}
})

// Create opens a new, empty database at path, as store.Open creates one, without running
// every migration again: it is a copy of one created once per test binary, given an
// installation id of its own as every new file has. Tests of creating a file call store.Open
// on a path where there is none.
func Create(tb TB, path string) *store.Store {
	tb.Helper()
	empty.CopyTo(tb, path)
	ctx := context.Background()
	s, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	if err := s.Reidentify(ctx); err != nil {
		s.Close()
		tb.Fatal(err)
	}
	return s
}

// MemoryDir returns a new temporary folder, removed when the test ends, in memory where the
// system keeps one for the purpose (/dev/shm on Linux); elsewhere it is t.TempDir(). It is
// for tests that commit thousands of small transactions and test nothing of what reaches the
// disk: on a disk each commit waits for its sync, and on a busy machine those waits are most
// of such a test's time and vary tenfold from run to run.
func MemoryDir(t interface {
	TB
	TempDir() string
	Cleanup(func())
}) string {
	t.Helper()
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		if dir, err := os.MkdirTemp("/dev/shm", "termbook-test-"); err == nil {
			t.Cleanup(func() { os.RemoveAll(dir) })
			return dir
		}
	}
	return t.TempDir()
}
