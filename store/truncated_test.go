package store

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// A file cut short opens only for reading, even where the full check is skipped.
func TestOpenTruncatedFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "termbook.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 200; i++ {
		if _, err := s.CreateSchool(ctx, School{Name: "学校" + itoa(i)}); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
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
