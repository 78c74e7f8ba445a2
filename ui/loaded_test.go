package ui

import (
	"context"
	"testing"

	"termbook/ui/i18n"
)

// Options.Loaded is called once, when the first load is in, and not again when the term is
// read again.
func TestLoadedCalledOnce(t *testing.T) {
	t.Parallel()
	s, _ := openStore(t)
	fixture(t, s)
	calls := 0
	m := newModel(context.Background(), s, Options{Lang: i18n.Zh, Today: today, Loaded: func() { calls++ }}, testStyles(false))
	if calls != 0 {
		t.Fatalf("Loaded called %d times before the term was read", calls)
	}
	run(t, m, m.Init())
	if calls != 1 || m.sh.data == nil {
		t.Fatalf("after the first load: Loaded called %d times, data %v; want once, with the term", calls, m.sh.data != nil)
	}
	run(t, m, load(m.sh))
	if calls != 1 {
		t.Errorf("Loaded called %d times after the term was read again, want once", calls)
	}
}
