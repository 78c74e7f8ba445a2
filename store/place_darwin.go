package store

import (
	"bytes"

	"golang.org/x/sys/unix"
)

func placeOf(dir string) Place {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return Place{}
	}
	name := string(bytes.TrimRight(st.Fstypename[:], "\x00"))
	p := Place{FileSystem: name}
	switch name {
	case "nfs", "smbfs", "afpfs", "webdav", "ftp", "macfuse", "osxfuse":
		p.Network = true
	case "msdos", "exfat", "ntfs":
		p.Removable = true
	}
	if st.Flags&unix.MNT_LOCAL == 0 {
		p.Network = true
	}
	return p
}
