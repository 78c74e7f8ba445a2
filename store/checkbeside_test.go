package store

import (
	"context"
	"errors"
	"os"
	"testing"
)

// CheckBeside opens a file at once and checks it beside the caller: the first write starts
// the check if StartCheck has not and waits for it, so a damaged file is refused before
// anything is written to it, and a sound one is written as usual.
func TestCheckBeside(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, tc := range []struct {
		name    string
		damaged bool
		start   bool // StartCheck before the write
	}{{"sound", false, true}, {"damaged", true, true}, {"damaged, not started", true, false}} {
		path := fileWithSchools(t, 50)
		if tc.damaged {
			damageLastPage(t, path)
		}
		s, err := Open(ctx, path, Options{CheckBeside: true})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if tc.start {
			s.StartCheck()
		}
		_, err = s.CreateSchool(ctx, School{Name: "新学校"})
		if refused := errors.Is(err, ErrReadOnly); refused != tc.damaged {
			t.Errorf("%s: a write right after the open gives %v; want it refused: %v", tc.name, err, tc.damaged)
		}
		if found := errors.Is(s.ReadOnlyReason(), ErrDamaged); found != tc.damaged {
			t.Errorf("%s: ReadOnlyReason %v, want the damage found: %v", tc.name, s.ReadOnlyReason(), tc.damaged)
		}
		if marked := markedDamaged(path); marked != tc.damaged {
			t.Errorf("%s: damage noted beside the file: %v, want %v", tc.name, marked, tc.damaged)
		}
		s.Close()
	}
}

// damageLastPage overwrites the last page of the database at path: the full check reads it,
// opening does not.
func damageLastPage(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(b) - 4096; i < len(b); i++ {
		b[i] = 0xa5
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
