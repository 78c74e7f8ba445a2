package store

import (
	"errors"
	"fmt"
	"runtime"
	"syscall"
)

// diskErr marks an error from the file system with the store's error for it: a full disk as
// ErrDiskFull, anything else as ErrIO.
func diskErr(err error) error {
	if err == nil {
		return nil
	}
	var en syscall.Errno
	full := errors.Is(err, syscall.ENOSPC)
	if runtime.GOOS == "windows" && errors.As(err, &en) {
		full = full || en == 39 || en == 112 // ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL
	}
	if full {
		return fmt.Errorf("%w: %w", ErrDiskFull, err)
	}
	return fmt.Errorf("%w: %w", ErrIO, err)
}
