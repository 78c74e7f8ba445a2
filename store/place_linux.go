package store

import "golang.org/x/sys/unix"

// Linux names a file system by the magic number statfs reports (see statfs(2) and
// linux/magic.h).
var linuxFileSystems = map[uint32]Place{
	0x6969:     {FileSystem: "nfs", Network: true},
	0x517b:     {FileSystem: "smb", Network: true},
	0xff534d42: {FileSystem: "cifs", Network: true},
	0xfe534d42: {FileSystem: "smb2", Network: true},
	0x65735546: {FileSystem: "fuse", Network: true}, // sshfs, fuseblk (ntfs-3g on a stick) …
	0x01021997: {FileSystem: "9p", Network: true},
	0x5346414f: {FileSystem: "afs", Network: true},
	0x00c36400: {FileSystem: "ceph", Network: true},
	0x73757245: {FileSystem: "coda", Network: true},
	0x564c:     {FileSystem: "ncp", Network: true},
	0x4d44:     {FileSystem: "vfat", Removable: true},
	0x2011bab0: {FileSystem: "exfat", Removable: true},
	0x5346544e: {FileSystem: "ntfs", Removable: true},
}

func placeOf(dir string) Place {
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		return Place{}
	}
	return placeOfType(uint32(st.Type))
}

func placeOfType(magic uint32) Place {
	if p, ok := linuxFileSystems[magic]; ok {
		return p
	}
	return Place{FileSystem: "local"}
}
