package main

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	"termbook/store"
)

// dbFile is the database's file name in the per-user folder and beside a portable executable.
const dbFile = "termbook.db"

// dbPath chooses the database: --db, else $TERMBOOK_DB, else termbook.db beside the
// executable when that file exists (a copy carried on a USB stick), else the per-user data
// folder, which is created if missing.
func (m *Main) dbPath() (string, error) {
	if m.db != "" {
		return m.db, nil
	}
	if p := m.env.getenv("TERMBOOK_DB"); p != "" {
		return p, nil
	}
	if m.env.exe != "" {
		beside := filepath.Join(filepath.Dir(m.env.exe), dbFile)
		if st, err := os.Stat(beside); err == nil && st.Mode().IsRegular() {
			return beside, nil
		}
	}
	dir, err := userDataDir(runtime.GOOS, m.env.getenv)
	if err != nil {
		return "", errors.New(m.lang.T(msgNoDataDir))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", errors.New(m.lang.T(msgCantMakeDir, dir))
	}
	return filepath.Join(dir, dbFile), nil
}

// userDataDir is the platform's per-user data folder for termbook: %LOCALAPPDATA%\termbook on
// Windows, ~/Library/Application Support/termbook on macOS, $XDG_DATA_HOME/termbook (default
// ~/.local/share/termbook) elsewhere.
func userDataDir(goos string, getenv func(string) string) (string, error) {
	switch goos {
	case "windows":
		for _, v := range []string{"LOCALAPPDATA", "APPDATA"} {
			if d := getenv(v); d != "" {
				return filepath.Join(d, "termbook"), nil
			}
		}
		return "", errors.New("no LOCALAPPDATA")
	case "darwin":
		if h := getenv("HOME"); h != "" {
			return filepath.Join(h, "Library", "Application Support", "termbook"), nil
		}
	default:
		if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
			return filepath.Join(d, "termbook"), nil
		}
		if h := getenv("HOME"); h != "" {
			return filepath.Join(h, ".local", "share", "termbook"), nil
		}
	}
	return "", errors.New("no home folder")
}

// openExisting opens the database like open, but refuses to create one: a command that
// reads or adds to the term has nothing to do in a new, empty file, and a mistyped --db
// should not leave one behind, nor turn an empty file into one.
func (m *Main) openExisting(ctx context.Context, opt store.Options) (*store.Store, error) {
	path, err := m.dbPath()
	if err != nil {
		return nil, err
	}
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errors.New(m.lang.T(msgNoDatabase, path))
	}
	if err == nil && st.Mode().IsRegular() && st.Size() == 0 {
		return nil, errors.New(m.lang.T(msgEmptyDatabase, path))
	}
	return m.open(ctx, opt)
}
