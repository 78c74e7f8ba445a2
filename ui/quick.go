package ui

import (
	"errors"
	"maps"

	tea "charm.land/bubbletea/v2"

	"termbook/ui/quickadd"
)

// quickPick asks which teacher an ambiguous quick-add word means, then reads the line again
// with the answer.
type quickPick struct {
	p       *picker
	text    string            // the line as typed
	token   string            // the ambiguous word
	resolve map[string]string // earlier answers for the same line
}

func (q *quickPick) height() int       { return q.p.height() }
func (q *quickPick) view(w int) string { return q.p.view(w) }

// quickContext is what a quick-add line is read against: the term, today, the focused week
// (for a line without one, and for 周二), the active teachers, schools and types.
func (c *calendar) quickContext(resolve map[string]string) quickadd.Context {
	d := c.data()
	ctx := c.sh.whenContext(c.focusedWeek())
	ctx.Teachers, ctx.Schools, ctx.Types, ctx.Resolve = d.activeTeachers(), d.schools, d.activeTypes(""), resolve
	return ctx
}

// focusedWeek is the week in focus (0 in the month view).
func (c *calendar) focusedWeek() int {
	if c.cur < len(c.buckets) {
		return c.buckets[c.cur].week
	}
	return 0
}

// quickAdd reads a quick-add line and adds the activity. An ambiguous teacher opens the
// picker; any other problem is named on the status line and the line is offered again as
// typed, so nothing is lost.
func (c *calendar) quickAdd(text string, resolve map[string]string) tea.Cmd {
	a, err := quickadd.Parse(text, c.quickContext(resolve))
	var qe *quickadd.Error
	switch {
	case errors.As(err, &qe) && qe.Kind == quickadd.AmbiguousTeacher:
		c.quick = &quickPick{p: newPicker(c.sh, c.sh.T(msgPickWhich, qe.Token), qe.Candidates, false),
			text: text, token: qe.Token, resolve: resolve}
		return nil
	case qe != nil:
		c.sh.ask(askQuickAdd, c.sh.T(msgAskQuickAdd), text, false)
		return status(qe.Message(c.sh.lang), true)
	case err != nil:
		c.sh.ask(askQuickAdd, c.sh.T(msgAskQuickAdd), text, false)
		return status(c.sh.lang.Error(err), true)
	}
	return createActivity(c.sh, a, 0, 0)
}

// quickKey passes a key to the ambiguous-teacher picker.
func (c *calendar) quickKey(msg tea.KeyPressMsg) tea.Cmd {
	q := c.quick
	res, cmd := q.p.update(msg)
	switch res {
	case picked:
		c.quick = nil
		resolve := maps.Clone(q.resolve)
		if resolve == nil {
			resolve = map[string]string{}
		}
		resolve[q.token] = q.p.choice()
		return c.quickAdd(q.text, resolve)
	case pickGivenUp:
		c.quick = nil
		c.sh.ask(askQuickAdd, c.sh.T(msgAskQuickAdd), q.text, false)
	}
	return cmd
}
