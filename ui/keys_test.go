package ui

import "testing"

func TestAnswerDiscard(t *testing.T) {
	t.Parallel()
	tests := []struct {
		key         string
		wantDiscard bool
		wantAsking  bool
	}{
		{"y", true, false},
		{"Y", true, false},
		{"enter", true, false},
		{"n", false, false},
		{"N", false, false},
		{"esc", false, false},
		{"x", false, true},
		{"ctrl+s", false, true},
	}
	for _, tt := range tests {
		asking := true
		if got := answerDiscard(&asking, keyMsg(tt.key)); got != tt.wantDiscard || asking != tt.wantAsking {
			t.Errorf("%s: discard %v, asking %v; want %v, %v", tt.key, got, asking, tt.wantDiscard, tt.wantAsking)
		}
	}
}
