package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"termbook/store"
)

// TestOutputNeverOverwritesDatabase names the database, the files beside it and its backup
// folder, spelt every way a person might, as the output of every command that writes a file:
// each is refused with one sentence, and the database and its backups stay as they were.
func TestOutputNeverOverwritesDatabase(t *testing.T) {
	db := sampleDB(t)
	dir := filepath.Dir(db)
	if _, err := runArgs(t, "--db", db, "backup"); err != nil {
		t.Fatal(err)
	}
	backups, err := store.Backups(db)
	if err != nil || len(backups) != 1 {
		t.Fatalf("backups: %v, %v", backups, err)
	}
	link := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(db, link); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.db")
	if err := os.Link(db, hard); err != nil {
		t.Fatal(err)
	}
	linkedDir := filepath.Join(t.TempDir(), "folder")
	if err := os.Symlink(dir, linkedDir); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	before, _ := os.ReadFile(db)
	backupBefore, _ := os.ReadFile(backups[0].Path)

	targets := []struct{ name, path, want string }{
		{"itself", db, "is the database itself"},
		{"relative", "termbook.db", "is the database itself"},
		{"dotted", filepath.Join(dir, "..", filepath.Base(dir), ".", "termbook.db"), "is the database itself"},
		{"symlink", link, "is the database itself"},
		{"hard link", hard, "is the database itself"},
		{"through a linked folder", filepath.Join(linkedDir, "termbook.db"), "is the database itself"},
		{"journal", "termbook.db-journal", "one of the database's own files"},
		{"wal", db + "-wal", "one of the database's own files"},
		{"shm", filepath.Join(linkedDir, "termbook.db-shm"), "one of the database's own files"},
		{"holder", "./termbook.db-holder", "one of the database's own files"},
		{"backup folder", store.BackupDir(db), "in the database's backup folder"},
		{"a backup", backups[0].Path, "in the database's backup folder"},
		{"in the backup folder", filepath.Join("termbook-backups", "review.xlsx"), "in the database's backup folder"},
	}
	commands := [][]string{
		{"review", "--format", "xlsx", "-o"},
		{"review", "--format", "csv", "-o"},
		{"review", "-o"},
		{"export", "--format", "xlsx", "-o"},
		{"export", "--format", "csv", "-o"},
		{"exchange", "export", "-o"},
		{"exchange", "export", "--partner", "侯庄小学", "-o"},
		{"backup", "-o"},
	}
	for _, c := range commands {
		for _, tg := range targets {
			args := append(append([]string{"--lang", "en", "--db", db}, c...), tg.path)
			_, err := runArgs(t, args...)
			if err == nil || !strings.Contains(err.Error(), tg.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("%s to the %s: %v, want one sentence saying %q", strings.Join(c, " "), tg.name, err, tg.want)
			}
		}
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(after, before) {
		t.Error("the database changed")
	}
	if after, _ := os.ReadFile(backups[0].Path); !bytes.Equal(after, backupBefore) {
		t.Error("the backup changed")
	}
	for _, suffix := range []string{"-journal", "-wal", "-shm", "-holder"} {
		if _, err := os.Stat(db + suffix); err == nil {
			t.Errorf("%s was written", filepath.Base(db+suffix))
		}
	}
	if entries, _ := os.ReadDir(store.BackupDir(db)); len(entries) != 1 {
		t.Errorf("the backup folder holds %d files, want the one backup", len(entries))
	}
	// A file beside the database is fine.
	if err := run(t.Context(), []string{"--db", db, "review", "--format", "csv", "-o", "termbook.db.csv"}, newTestEnv(t).env); err != nil {
		t.Errorf("review beside the database: %v", err)
	}
}
