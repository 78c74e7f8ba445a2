//go:build !windows

package i18n

// systemLocale has nothing beyond the environment to ask on Unix.
func systemLocale() string { return "" }
