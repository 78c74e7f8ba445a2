// Package storetest is what the tests of several packages share about the store. Nothing in
// the program imports it.
package storetest

import "termbook/store"

// Date is the day s, written "2006-01-02" as a literal in a test; it panics on a bad one, so a
// mistyped date stops the test instead of becoming the zero Date.
func Date(s string) store.Date {
	d, err := store.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}
