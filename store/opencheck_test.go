package store

import (
	"context"
	"errors"
	"os"
	"testing"
)

// A file cut short opens only for reading, even where the full check is skipped.
func TestOpenTruncatedFile(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := fileWithSchools(t, 200)
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, st.Size()-4096); err != nil {
		t.Fatal(err)
	}
	for _, opt := range []Options{{}, {ReadOnly: true}} {
		s, err := Open(ctx, path, opt)
		if err != nil {
			t.Fatalf("Open(%+v): %v", opt, err)
		}
		if !errors.Is(s.ReadOnlyReason(), ErrDamaged) {
			t.Errorf("Open(%+v) of a truncated file: read-only because %v, want ErrDamaged", opt, s.ReadOnlyReason())
		}
		s.Close()
	}
}

// CheckOnlyAfterCrash leaves out the full check of a file that was closed, and makes it when
// a write-ahead log was left behind.
func TestCheckOnlyAfterCrash(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := fileWithSchools(t, 50)
	damageLastPage(t, path)
	for _, tc := range []struct {
		name        string
		leftOpen    bool
		wantChecked bool
	}{{"closed", false, false}, {"left open", true, true}} {
		if tc.leftOpen {
			// A log whose header does not match the file is ignored by SQLite on open.
			if err := os.WriteFile(path+"-wal", []byte("not a log"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		s, err := Open(ctx, path, Options{CheckOnlyAfterCrash: true})
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if checked := errors.Is(s.ReadOnlyReason(), ErrDamaged); checked != tc.wantChecked {
			t.Errorf("%s: found the damage %v, want %v", tc.name, checked, tc.wantChecked)
		}
		s.Close()
	}
}
