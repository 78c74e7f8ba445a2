package store

import (
	"strings"

	"golang.org/x/sys/windows"
)

func placeOf(dir string) Place {
	if strings.HasPrefix(dir, `\\`) && !strings.HasPrefix(dir, `\\?\`) && !strings.HasPrefix(dir, `\\.\`) {
		return Place{FileSystem: "network share", Network: true} // \\server\share\…
	}
	p16, err := windows.UTF16PtrFromString(dir)
	if err != nil {
		return Place{}
	}
	root := make([]uint16, windows.MAX_PATH+1)
	if err := windows.GetVolumePathName(p16, &root[0], uint32(len(root))); err != nil {
		return Place{}
	}
	switch windows.GetDriveType(&root[0]) {
	case windows.DRIVE_REMOTE:
		return Place{FileSystem: "remote drive", Network: true}
	case windows.DRIVE_REMOVABLE:
		return Place{FileSystem: "removable drive", Removable: true}
	}
	return Place{FileSystem: "local"}
}
