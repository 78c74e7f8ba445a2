package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"

	"termbook/store"
	"termbook/store/sample"
	"termbook/ui"
)

// runTUI opens the database (for --demo, a fresh sample in a temporary file unless --db
// names one) and runs the full-screen program until the user quits.
func runTUI(ctx context.Context, m *Main) error {
	ui.Prepare()
	if m.demo {
		if m.db == "" {
			dir, err := os.MkdirTemp("", "termbook-demo-")
			if err != nil {
				return errors.New(m.lang.Error(err))
			}
			defer os.RemoveAll(dir)
			m.db = filepath.Join(dir, "demo.db")
		}
		if err := m.writeSample(ctx, 0); err != nil {
			return err
		}
	}
	s, err := m.openForTUI(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	// The day's check (see openForTUI) and backup start once the term is read, not beside
	// the start, where they would compete with it for the disk and the processor; Run calls
	// Loaded on its own goroutine.
	backedUp := func() {}
	loaded := func() {
		s.StartCheck()
		backedUp = m.startDailyBackup(ctx, s)
	}
	err = ui.Run(ctx, s, ui.Options{Lang: m.lang, ASCII: m.ascii, Getenv: m.env.getenv, Loaded: loaded})
	backedUp()
	return err
}

// writeSample writes the sample term (and `years` years of history) into the --db file.
func (m *Main) writeSample(ctx context.Context, years int) error {
	s, err := m.open(ctx, store.Options{})
	if err != nil {
		return err
	}
	if err := sample.Write(ctx, s, m.today(), years); err != nil {
		s.Close()
		if errors.Is(err, sample.ErrNotEmpty) {
			return errors.New(m.lang.T(msgSampleNotEmpty, s.Path()))
		}
		return errors.New(m.lang.Error(err))
	}
	return s.Close()
}
