package ui

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var cmds = []Command{{Key: "?", Help: "hint"}, {Key: "q", Help: "quit"}}

func TestLineText(t *testing.T) {
	tests := []struct {
		name  string
		input string
		want  Reply
	}{
		{"an answer keeps inner space", "docker run  -d nginx\n", Reply{Text: "docker run  -d nginx"}},
		{"CRLF line ending is dropped", "docker ps\r\n", Reply{Text: "docker ps"}},
		{"a command alone is a command", "?\n", Reply{Command: "?"}},
		{"a command with space around is a command", "  q \n", Reply{Command: "q"}},
		{"a command inside text is text", "q and more\n", Reply{Text: "q and more"}},
		{"an empty line is an empty answer", "\n", Reply{}},
		{"a last line without a line ending counts", "docker ps", Reply{Text: "docker ps"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			l := NewLine(strings.NewReader(tt.input), &out)
			got, err := l.Text(context.Background(), Question{Label: "answer", Commands: cmds})
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.True(t, strings.HasPrefix(out.String(), "answer (? hint · q quit)> "), out.String())
		})
	}
}

func TestLineChoose(t *testing.T) {
	choices := []string{"again", "hard", "good", "easy"}
	tests := []struct {
		name      string
		input     string
		def       string
		want      Reply
		corrected int // corrections written before the answer was read
	}{
		{"a number picks", "2\n", "", Reply{Picks: []int{1}}, 0},
		{"the text picks, in any case", "Easy\n", "", Reply{Picks: []int{3}}, 0},
		{"an empty line picks the default", "\n", "good", Reply{Picks: []int{2}}, 0},
		{"an empty line without default is corrected", "\n1\n", "", Reply{Picks: []int{0}}, 1},
		{"out of range is corrected", "0\n5\n4\n", "", Reply{Picks: []int{3}}, 2},
		{"unknown text is corrected", "perfect\ngood\n", "", Reply{Picks: []int{2}}, 1},
		{"a command", "q\n", "good", Reply{Command: "q"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			l := NewLine(strings.NewReader(tt.input), &out)
			got, err := l.Choose(context.Background(), Question{Label: "rate", Choices: choices, Default: tt.def, Compact: true, Commands: cmds})
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.corrected, strings.Count(out.String(), "type a number from 1 to 4"), out.String())
			assert.Contains(t, out.String(), "rate: 1 again · 2 hard · 3 good · 4 easy")
		})
	}
}

func TestLineChooseListsLongChoicesNumbered(t *testing.T) {
	var out bytes.Buffer
	l := NewLine(strings.NewReader("3\n"), &out)
	got, err := l.Choose(context.Background(), Question{Label: "pick one", Choices: []string{"Ctrl-C", "Ctrl-D", "Ctrl-P Ctrl-Q"}})
	require.NoError(t, err)
	assert.Equal(t, []int{2}, got.Picks)
	assert.Equal(t, "  1) Ctrl-C\n  2) Ctrl-D\n  3) Ctrl-P Ctrl-Q\npick one 1-3> 3\n", out.String())
}

func TestLinePick(t *testing.T) {
	choices := []string{"a", "b", "c", "d", "e"}
	tests := []struct {
		name    string
		input   string
		want    Reply
		problem string // the correction written first, if any
	}{
		{"numbers separated by spaces", "3 1\n", Reply{Picks: []int{0, 2}}, ""},
		{"numbers separated by commas", "4,2\n", Reply{Picks: []int{1, 3}}, ""},
		{"too few is corrected: no partial answer", "1\n1 2\n", Reply{Picks: []int{0, 1}}, "1 picked: pick exactly 2"},
		{"too many is corrected", "1 2 3\n2 5\n", Reply{Picks: []int{1, 4}}, "3 picked: pick exactly 2"},
		{"a repeat is corrected", "2 2\n2 3\n", Reply{Picks: []int{1, 2}}, "2 is there twice"},
		{"out of range is corrected", "1 9\n1 5\n", Reply{Picks: []int{0, 4}}, `"9" is not a choice`},
		{"a command", "?\n", Reply{Command: "?"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			l := NewLine(strings.NewReader(tt.input), &out)
			got, err := l.Pick(context.Background(), Question{Label: "pick", Choices: choices, N: 2, Commands: cmds})
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			if tt.problem != "" {
				assert.Contains(t, out.String(), tt.problem)
			} else {
				assert.NotContains(t, out.String(), "pick exactly")
			}
		})
	}
}

func TestLineRejectsImpossibleQuestions(t *testing.T) {
	l := NewLine(strings.NewReader("1\n"), io.Discard)
	_, err := l.Pick(context.Background(), Question{Choices: []string{"a"}, N: 2})
	assert.Error(t, err)
	_, err = l.Choose(context.Background(), Question{})
	assert.Error(t, err)
}

func TestLineEndOfInputIsEOF(t *testing.T) {
	l := NewLine(strings.NewReader("first\n"), io.Discard)
	r, err := l.Text(context.Background(), Question{Label: "answer"})
	require.NoError(t, err)
	assert.Equal(t, "first", r.Text)
	for range 2 { // and stays so
		_, err = l.Text(context.Background(), Question{Label: "answer"})
		assert.ErrorIs(t, err, io.EOF)
	}
}

func TestLineCancelledWhileWaitingKeepsTheLineForLater(t *testing.T) {
	pr, pw := io.Pipe()
	l := NewLine(pr, io.Discard)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		_, err := l.Text(ctx, Question{Label: "answer"})
		errc <- err
	}()
	cancel()
	select {
	case err := <-errc:
		assert.ErrorIs(t, err, context.Canceled)
	case <-time.After(5 * time.Second):
		t.Fatal("Text did not return when its context was cancelled")
	}
	go pw.Write([]byte("late answer\n"))
	r, err := l.Text(context.Background(), Question{Label: "answer"})
	require.NoError(t, err)
	assert.Equal(t, "late answer", r.Text)
}
