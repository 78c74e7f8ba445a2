package ui

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"termbook/store"
	"termbook/ui/i18n"
)

// Drafts: whatever is typed into a form that is not yet saved is written to the database a
// couple of seconds after it changes (and every couple of seconds while typing goes on), so a
// crash, a power cut or a closed window loses at most that much. The next start offers the
// drafts back; saving or discarding the form deletes its draft.

// draftDelay is how long typing may go unwritten.
const draftDelay = 2 * time.Second

// Draft forms: the kinds of form that keep drafts.
const (
	draftObservation = "observation"
	draftGuidance    = "guidance"
	draftMentorPair  = "mentor_pair"
)

var (
	msgDraftOffer   = i18n.Msg{Zh: "上次有未保存的内容：", En: "Unsaved work from last time:"}
	msgDraftKeys    = i18n.Msg{Zh: "enter 恢复  d 丢弃  esc 稍后", En: "enter restore  d discard  esc later"}
	msgDraftFailed  = i18n.Msg{Zh: "草稿没有保存：%s", En: "The draft was not saved: %s"}
	msgDraftAt      = i18n.Msg{Zh: "%s（%s）", En: "%s (%s)"}
	msgDraftFormObs = i18n.Msg{Zh: "听课记录", En: "Observation"}
	msgDraftFormGui = i18n.Msg{Zh: "指导记录", En: "Guidance"}
	msgDraftFormMP  = i18n.Msg{Zh: "师徒结对", En: "Mentor pair"}
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

// newDraftKeeper keeps the drafts of one form under key; env.draftDelay, when set, replaces
// the usual delay (a negative one keeps no drafts while typing, for tests of other things).
func newDraftKeeper(env obsEnv, key, form string) *draftKeeper {
	delay := draftDelay
	if env.draftDelay != 0 {
		delay = env.draftDelay
	}
	return &draftKeeper{db: env.db, key: key, form: form, delay: delay, gate: &draftGate{}}
}

// Changed is called after every key that may have changed the form: it starts the delay
// unless one is running.
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

// draftLabel is what every draft payload carries for the offer to name it.
type draftLabel struct {
	Label string `json:"label"`
}

// draftsLoadedMsg carries the drafts found at start.
type draftsLoadedMsg struct {
	drafts []store.Draft
	err    error
}

func loadDrafts(st *store.Store) tea.Cmd {
	return func() tea.Msg {
		ds, err := st.Drafts(context.Background())
		return draftsLoadedMsg{drafts: ds, err: err}
	}
}

// restoreDraftMsg asks the screen that owns a draft's form to open it from the draft.
type restoreDraftMsg struct{ draft store.Draft }

// draftOffer shows the drafts kept from last time and lets the person restore or discard
// each.
type draftOffer struct {
	lang   i18n.Lang
	st     *styles
	db     *store.Store
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
	switch msg.String() {
	case "up", "k":
		o.cur = max(0, o.cur-1)
	case "down", "j":
		o.cur = min(len(o.drafts)-1, o.cur+1)
	case "enter", "r":
		d := o.drafts[o.cur]
		o.remove()
		return func() tea.Msg { return restoreDraftMsg{draft: d} }
	case "d", "x":
		key, st := o.drafts[o.cur].Key, o.db
		o.remove()
		return func() tea.Msg {
			return draftSavedMsg{key: key, err: st.DeleteDraft(context.Background(), key)}
		}
	case "esc":
		o.drafts = nil
	}
	return nil
}

func (o *draftOffer) remove() {
	o.drafts = append(o.drafts[:o.cur], o.drafts[o.cur+1:]...)
	o.cur = min(o.cur, max(0, len(o.drafts)-1))
}

func (o *draftOffer) View() string {
	var b strings.Builder
	b.WriteString(o.st.bold.Render(o.lang.T(msgDraftOffer)) + "\n")
	for i, d := range o.drafts {
		mark := "  "
		if i == o.cur {
			mark = "> "
		}
		line := mark + o.st.text(o.lang.T(msgDraftAt, draftName(o.lang, d), d.UpdatedAt.Local().Format("01-02 15:04")))
		if i == o.cur {
			line = o.st.sel.Render(line)
		}
		b.WriteString(line + "\n")
	}
	b.WriteString(o.st.dim.Render(o.lang.T(msgDraftKeys)))
	return b.String()
}

// draftName is "听课记录 张三《春》".
func draftName(lang i18n.Lang, d store.Draft) string {
	name := d.Form
	switch d.Form {
	case draftObservation:
		name = lang.T(msgDraftFormObs)
	case draftGuidance:
		name = lang.T(msgDraftFormGui)
	case draftMentorPair:
		name = lang.T(msgDraftFormMP)
	default:
		if m := formDraftName(d.Form); m != (i18n.Msg{}) {
			name = lang.T(m)
		}
	}
	var l draftLabel
	if json.Unmarshal([]byte(d.Payload), &l) == nil && l.Label != "" {
		name += " " + l.Label
	}
	return name
}
