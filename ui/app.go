// Package ui is termbook's full-screen program (Bubble Tea): the root model, its five
// screens, keys and styles.
package ui

import (
	"context"
	"fmt"

	"termbook/store"
	"termbook/ui/i18n"
)

// Options are the command line's choices for the program.
type Options struct {
	Lang   i18n.Lang
	ASCII  bool                // --ascii: borders and charts in ASCII only
	Getenv func(string) string // the environment (RUNEWIDTH_EASTASIAN, NO_COLOR …)
}

// Run runs the program on s until the user quits.
func Run(ctx context.Context, s *store.Store, opt Options) error {
	return fmt.Errorf("the full-screen program is not built yet")
}
