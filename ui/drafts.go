package ui

import (
	"context"
	"strings"
	"sync"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

// Drafts: whatever is typed into a form that is not yet saved is written to the database a
// couple of seconds after it changes (and every couple of seconds while typing goes on), and
// once more when the program quits, so a crash, a power cut or a closed window loses at most
// that much. The next start offers the drafts back, and the screen whose form a draft belongs
// to opens it; saving the form or leaving it with esc deletes its draft.

// draftDelay is how long typing may go unwritten.
const draftDelay = 2 * time.Second

// The forms that keep drafts, as store.Draft.Form.
const (
	draftActivity    = "activity"
	draftTeacher     = "teacher"
	draftSchool      = "school"
	draftObservation = "observation"
	draftGuidance    = "guidance"
	draftMentorPair  = "mentor_pair"
	draftProceedings = "proceedings"
	draftReport      = "report"
	draftHandin      = "handin" // comes back on 考核, whichever screen it was typed on
)

// draftTabs is the screen each kind of draft is restored on.
var draftTabs = map[string]int{
	draftActivity: tabCalendar, draftTeacher: tabPeople, draftSchool: tabPeople,
	draftObservation: tabObservations, draftGuidance: tabMentoring, draftMentorPair: tabMentoring,
	draftProceedings: tabCalendar, draftReport: tabReview, draftHandin: tabReview,
}

var draftNames = map[string]i18n.Msg{
	draftActivity:    {Zh: "活动", En: "Activity"},
	draftTeacher:     {Zh: "教师", En: "Teacher"},
	draftSchool:      {Zh: "学校", En: "School"},
	draftObservation: {Zh: "听课记录", En: "Observation"},
	draftGuidance:    {Zh: "指导记录", En: "Guidance"},
	draftMentorPair:  {Zh: "师徒结对", En: "Mentor pair"},
	draftProceedings: {Zh: "活动留痕", En: "Activity record"},
	draftReport:      {Zh: "上报材料", En: "Report"},
	draftHandin:      {Zh: "上交材料", En: "Hand-in"},
}

var (
	msgDraftOffer      = i18n.Msg{Zh: "上次有未保存的内容：", En: "Unsaved work from last time:"}
	msgDraftFailed     = i18n.Msg{Zh: "草稿没有保存：%s", En: "The draft was not saved: %s"}
	msgDraftAt         = i18n.Msg{Zh: "%s（%s）", En: "%s (%s)"}
	msgDraftRecordGone = i18n.Msg{Zh: "原记录已不在，按新记录打开。", En: "The record is gone; opened as a new one."}
	msgDraftsAt        = i18n.Msg{Zh: "有上次未保存的内容，可恢复或丢弃。", En: "There is unsaved work from last time: restore or discard it."}
	hRestore           = i18n.Msg{Zh: "恢复", En: "restore"}
	hDiscard           = i18n.Msg{Zh: "丢弃", En: "discard"}
	hLater             = i18n.Msg{Zh: "稍后", En: "later"}
)

// draftTickMsg says a form's draft delay has passed.
type draftTickMsg struct{ key string }

// draftSavedMsg reports a draft write; err is shown, the typing is kept either way.
type draftSavedMsg struct {
	key string
	err error
}

// draftKeeper writes one open form's draft. Writes run in tea.Cmds, which Bubble Tea may run
// concurrently: the gate makes sure no draft write lands after the form was saved or
// discarded, which would bring a finished form back at the next start.
type draftKeeper struct {
	db      *store.Store
	key     string
	form    string
	delay   time.Duration
	pending bool   // a tick is on its way
	last    string // the payload last written (or loaded)
	gate    *draftGate
}

type draftGate struct {
	mu     sync.Mutex
	closed bool
}

// newDraftKeeper keeps the drafts of one form under key, written sh.draftDelay after typing
// (a negative delay keeps none while typing).
func newDraftKeeper(sh *shared, key, form string) *draftKeeper {
	return &draftKeeper{db: sh.store, key: key, form: form, delay: sh.draftDelay, gate: &draftGate{}}
}

// Changed is called after every key that changed the form: it starts the delay unless one
// is running.
func (k *draftKeeper) Changed() tea.Cmd {
	if k.pending || k.delay < 0 {
		return nil
	}
	k.pending = true
	key := k.key
	return tea.Tick(k.delay, func(time.Time) tea.Msg { return draftTickMsg{key: key} })
}

// Tick writes payload if it differs from what was written last.
func (k *draftKeeper) Tick(payload string) tea.Cmd {
	k.pending = false
	if payload == k.last {
		return nil
	}
	k.last = payload
	return k.write(payload)
}

func (k *draftKeeper) write(payload string) tea.Cmd {
	st, gate, d := k.db, k.gate, store.Draft{Key: k.key, Form: k.form, Payload: payload}
	return func() tea.Msg {
		gate.mu.Lock()
		defer gate.mu.Unlock()
		if gate.closed {
			return nil
		}
		return draftSavedMsg{key: d.Key, err: st.SaveDraft(context.Background(), d)}
	}
}

// Seen records a payload as already written (a restored draft, a loaded record).
func (k *draftKeeper) Seen(payload string) { k.last = payload }

// forget deletes the draft and refuses later writes; for use inside a save's tea.Cmd once the
// record is saved.
func (k *draftKeeper) forget(ctx context.Context) error {
	k.gate.mu.Lock()
	defer k.gate.mu.Unlock()
	k.gate.closed = true
	return k.db.DeleteDraft(ctx, k.key)
}

// Discard deletes the draft of a form left without saving.
func (k *draftKeeper) Discard() tea.Cmd {
	return func() tea.Msg {
		return draftSavedMsg{key: k.key, err: k.forget(context.Background())}
	}
}

// draftsMsg carries the drafts found at start.
type draftsMsg struct {
	drafts []store.Draft
	err    error
}

func loadDrafts(st *store.Store) tea.Cmd {
	return func() tea.Msg {
		ds, err := st.Drafts(context.Background())
		return draftsMsg{drafts: printableDrafts(ds), err: err}
	}
}

// restoreDraftMsg asks the screen that owns a draft's form to open it from the draft.
type restoreDraftMsg struct{ draft store.Draft }

// formHolder is a screen whose forms keep drafts.
type formHolder interface {
	shownForm() *form                            // the form open, or nil
	restore(d store.Draft, fd formDraft) tea.Cmd // opens the form a draft was typed into
}

// draftOffer shows the drafts kept from last time and lets the person restore or discard
// each.
type draftOffer struct {
	sh     *shared
	drafts []store.Draft
	cur    int
}

// Active reports whether there is something to offer.
func (o *draftOffer) Active() bool { return len(o.drafts) > 0 }

// Update handles a key while the offer is shown.
func (o *draftOffer) Update(msg tea.KeyPressMsg) tea.Cmd {
	if len(o.drafts) == 0 {
		return nil
	}
	k := o.sh.keys
	switch {
	case k.moveIn(msg, &o.cur, len(o.drafts)):
	case key.Matches(msg, k.Restore):
		d := o.drafts[o.cur]
		o.remove()
		return func() tea.Msg { return restoreDraftMsg{draft: d} }
	case key.Matches(msg, k.Discard):
		dk, st := o.drafts[o.cur].Key, o.sh.store
		o.remove()
		return func() tea.Msg {
			return draftSavedMsg{key: dk, err: st.DeleteDraft(context.Background(), dk)}
		}
	case key.Matches(msg, k.Later):
		o.drafts = nil
	}
	return nil
}

func (o *draftOffer) remove() {
	o.drafts = append(o.drafts[:o.cur], o.drafts[o.cur+1:]...)
	o.cur = min(o.cur, max(0, len(o.drafts)-1))
}

func (o *draftOffer) View() string {
	st, l := o.sh.st, o.sh.lang
	var b strings.Builder
	b.WriteString(st.bold.Render(l.T(msgDraftOffer)) + "\n")
	for i, d := range o.drafts {
		mark := "  "
		if i == o.cur {
			mark = st.g.cursor + " "
		}
		line := mark + st.text(l.T(msgDraftAt, draftName(l, d), d.UpdatedAt.Local().Format("01-02 15:04")))
		if i == o.cur {
			line = st.sel.Render(line)
		}
		b.WriteString(line + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// draftName is "听课记录 张三《春》".
func draftName(lang i18n.Lang, d store.Draft) string {
	name := d.Form
	if m, ok := draftNames[d.Form]; ok {
		name = lang.T(m)
	}
	if fd, err := readDraft(d); err == nil && fd.Label != "" {
		name += " " + fd.Label
	}
	return name
}

// holders are the screens whose forms keep drafts.
func (m *Model) holders() []formHolder {
	var hs []formHolder
	for _, s := range m.screens {
		if h, ok := s.(formHolder); ok {
			hs = append(hs, h)
		}
	}
	return hs
}

// draftMsg handles the drafts' messages; false for any other message.
func (m *Model) draftMsg(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case draftTickMsg:
		for _, h := range m.holders() {
			if f := h.shownForm(); f != nil && f.drafts != nil && f.drafts.key == msg.key {
				return f.drafts.Tick(f.payload()), true
			}
		}
		return nil, true
	case draftSavedMsg:
		if msg.err != nil {
			m.setStatus(m.sh.T(msgDraftFailed, m.sh.lang.Error(msg.err)), true)
		}
		return nil, true
	case draftsMsg:
		if msg.err != nil {
			m.setStatus(m.sh.lang.Error(msg.err), true)
		}
		m.offer = draftOffer{sh: m.sh, drafts: msg.drafts}
		if m.offer.Active() {
			m.setStatus(m.sh.T(msgDraftsAt), false)
		}
		return nil, true
	case restoreDraftMsg:
		fd, err := readDraft(msg.draft)
		if err != nil {
			m.setStatus(m.sh.T(msgDraftFailed, err.Error()), true)
			return nil, true
		}
		tab, ok := draftTabs[msg.draft.Form]
		h, isHolder := m.screens[tab].(formHolder)
		if !ok || !isHolder || m.sh.data == nil {
			return nil, true
		}
		return tea.Batch(m.switchTo(tab), h.restore(msg.draft, fd)), true
	}
	return nil, false
}

// quit writes the draft of every open form with typing in it, then quits: ctrl+c never
// loses what was typed.
func (m *Model) quit() tea.Cmd {
	var keep []tea.Cmd
	for _, h := range m.holders() {
		if f := h.shownForm(); f != nil && f.drafts != nil && f.dirty() && f.payload() != f.drafts.last {
			keep = append(keep, f.drafts.write(f.payload()))
		}
	}
	if len(keep) == 0 {
		return tea.Quit
	}
	return func() tea.Msg {
		for _, write := range keep {
			write()
		}
		return tea.QuitMsg{}
	}
}
