//go:build !unix && !windows

package store

// processAlive cannot tell on this system, so a holder is taken to be running.
func processAlive(int) bool { return true }
