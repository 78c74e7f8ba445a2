package ui

import (
	"context"
	"slices"
	"testing"

	"termbook/store"
	"termbook/ui/i18n"
)

// A retired activity type is not offered for a new activity, in the form or in quick add,
// but an activity of that type keeps it when edited.
func TestRetiredTypeNotOffered(t *testing.T) {
	s, _ := openStore(t)
	fixture(t, s)
	ctx := context.Background()
	m := newTest(t, s, i18n.Zh, false, 80, 24)
	a := m.sh.data.acts[0]
	ty := m.sh.data.typeByID[a.TypeID]
	ty.Active = false
	if _, err := s.UpdateActivityType(ctx, ty); err != nil {
		t.Fatal(err)
	}
	m = newTest(t, s, i18n.Zh, false, 80, 24)
	c := m.screens[tabCalendar].(*calendar)
	offers := func(f *form) bool {
		for _, ch := range f.field("type").in.(*choiceField).choices {
			if ch.value == ty.ID {
				return true
			}
		}
		return false
	}
	if offers(c.activityForm(store.Activity{})) {
		t.Errorf("a new activity is offered the retired type %s", ty.Name)
	}
	if !offers(c.activityForm(a)) {
		t.Errorf("an activity of the retired type %s is not offered its own type when edited", ty.Name)
	}
	if slices.ContainsFunc(c.quickContext(nil).Types, func(x store.ActivityType) bool { return x.ID == ty.ID }) {
		t.Errorf("quick add reads the retired type %s", ty.Name)
	}
}

// A new observation names the rubric it is scored with, also when opened again from its draft.
func TestObservationNamesItsRubric(t *testing.T) {
	s, _ := openStore(t)
	fixture(t, s)
	m := newTest(t, s, i18n.Zh, false, 80, 24)
	r, err := s.DefaultRubric(context.Background())
	if err != nil || r.ID == "" {
		t.Fatalf("default rubric %+v: %v", r, err)
	}
	var o store.Observation
	e := newObsForm(m.sh, store.Observation{}, r)
	if err := e.grid.Fill(&o); err != nil || o.RubricID != r.ID {
		t.Errorf("a new observation names rubric %q (%v), want %q", o.RubricID, err, r.ID)
	}
	d := store.Draft{Key: "form:observation:new", Form: draftObservation, Payload: e.payload()}
	fd, err := readDraft(d)
	if err != nil {
		t.Fatal(err)
	}
	back := newObsForm(m.sh, store.Observation{}, store.Rubric{Spec: store.DefaultRubricSpec()})
	back.restore(d, fd)
	o = store.Observation{}
	if err := back.grid.Fill(&o); err != nil || o.RubricID != r.ID {
		t.Errorf("from its draft the observation names rubric %q (%v), want %q", o.RubricID, err, r.ID)
	}
}
