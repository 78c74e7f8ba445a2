package ui

import (
	"strings"
	"testing"
)

func TestStatusLineFrame(t *testing.T) {
	st := newStyles(display{}, true)
	tests := []struct {
		name    string
		say     string
		isErr   bool
		w, h    int
		wantEnd string
	}{
		{"the keys when there is nothing to say", "", false, 40, 5, st.dim.Render("n 新增")},
		{"a sentence instead of the keys", "已保存。", false, 40, 5, st.info.Render("已保存。")},
		{"a problem, in the error style", "无法保存", true, 40, 5, st.err.Render("无法保存")},
		{"cut to the width", "", false, 3, 4, st.dim.Render("n " + st.g.ellipsis)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l statusLine
			l.say(tt.say, tt.isErr)
			got := strings.Split(l.frame(st, []string{"一", "二"}, "n 新增", tt.w, tt.h), "\n")
			if len(got) != tt.h {
				t.Fatalf("%d lines, want %d: %q", len(got), tt.h, got)
			}
			if got[0] != "一" || got[1] != "二" || got[tt.h-2] != "" {
				t.Errorf("body = %q, want the two lines then blank ones", got[:tt.h-1])
			}
			if end := got[tt.h-1]; end != tt.wantEnd {
				t.Errorf("last line = %q, want %q", end, tt.wantEnd)
			}
		})
	}
	var l statusLine
	l.say("一句话", true)
	if text, isErr := l.takeMessage(); text != "一句话" || !isErr {
		t.Errorf("takeMessage = %q, %v", text, isErr)
	}
	if text, isErr := l.takeMessage(); text != "" || isErr {
		t.Errorf("takeMessage again = %q, %v; want it cleared", text, isErr)
	}
}
