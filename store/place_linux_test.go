package store

import "testing"

func TestPlaceOfType(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		magic uint32
		want  string
	}{
		{0xef53, "wal"},        // ext4
		{0x01021994, "wal"},    // tmpfs
		{0x9123683e, "wal"},    // btrfs
		{0x6969, "delete"},     // nfs
		{0xff534d42, "delete"}, // cifs
		{0xfe534d42, "delete"}, // smb2
		{0x65735546, "delete"}, // fuse (sshfs, ntfs-3g)
		{0x4d44, "delete"},     // vfat: a USB stick
		{0x2011bab0, "delete"}, // exfat
	} {
		if got := placeOfType(c.magic).Journal(); got != c.want {
			t.Errorf("file system %#x: journal %s, want %s", c.magic, got, c.want)
		}
	}
	if got := PlaceOf(t.TempDir() + "/x.db"); got.Journal() != "wal" {
		t.Errorf("the test's own folder: %+v", got)
	}
}
