package store

import (
	"os"
	"path/filepath"
)

// Where the file lives decides how SQLite may keep its journal. The write-ahead log needs
// shared memory between the programs using the file, which a network file system cannot give,
// and a removable drive may be pulled out between a commit and a checkpoint; on both the
// rollback journal ("delete") is the safe choice. A local disk gets the write-ahead log, so
// readers never wait for a writer.

// Place describes the file system a database file lives on.
type Place struct {
	// FileSystem is what the system calls it ("ext4", "nfs", "msdos", "remote drive" …), or
	// "" when it could not be told.
	FileSystem string
	// Network is true on a network share (NFS, SMB/CIFS, a FUSE mount, a mapped drive).
	Network bool
	// Removable is true on a drive that can be pulled out: a USB stick's FAT, exFAT or NTFS,
	// or a drive Windows reports as removable.
	Removable bool
}

// Journal is the journal mode for a database in this place: "delete" on a network share or
// a removable drive, else "wal".
func (p Place) Journal() string {
	if p.Network || p.Removable {
		return "delete"
	}
	return "wal"
}

// PlaceOf tells where the database file at path lives, by the folder that holds it (the file
// may not exist yet). When the system cannot say, it reports a local disk.
func PlaceOf(path string) Place {
	dir := filepath.Dir(path)
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return placeOf(dir)
}

// markedReadOnly reports whether the file is marked read-only (no owner write permission; on
// Windows the read-only attribute).
func markedReadOnly(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.Mode().Perm()&0o200 == 0
}
