package ui

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWrapBreaksAtWordsWithinTheWidth(t *testing.T) {
	text := "The Docker Engine is client-server. dockerd owns images, containers, networks and volumes and serves a REST API."
	for _, width := range []int{40, 60, 120} {
		got := Wrap(text, width, "  ")
		for _, l := range strings.Split(got, "\n") {
			assert.LessOrEqual(t, VisibleWidth(l), width, "%q", l)
		}
		assert.Equal(t, strings.Fields(text), strings.Fields(got), "no word is cut or lost at %d", width)
	}
	assert.Equal(t, "keeps\n  its lines", Wrap("keeps\nits lines", 40, "  "))
	assert.Equal(t, "no limit at width 0", Wrap("no limit at width 0", 0, "  "))
	assert.Equal(t, "one two three four five six seven eight\n  nine", Wrap("one two three four five six seven eight nine", 10, "  "), "a width under 40 counts as 40")
}

func TestWrapCutsAWordLongerThanTheLine(t *testing.T) {
	word := strings.Repeat("x", 50)
	got := Wrap(word+" y", 40, "")
	assert.Equal(t, strings.Repeat("x", 40)+"\n"+strings.Repeat("x", 10)+" y", got)
}

func TestHangIndentsUnderTheLabel(t *testing.T) {
	got := Hang("  explain: ", "dockerd owns images, containers, networks and volumes and serves a REST API on a socket.", 40)
	lines := strings.Split(got, "\n")
	assert.Greater(t, len(lines), 1)
	assert.True(t, strings.HasPrefix(lines[0], "  explain: dockerd"))
	for _, l := range lines[1:] {
		assert.True(t, strings.HasPrefix(l, strings.Repeat(" ", 11)), "%q", l)
	}
	for _, l := range lines {
		assert.LessOrEqual(t, VisibleWidth(l), 40, "%q", l)
	}
}

func TestTruncateEndsWithAnEllipsisAndClosesColour(t *testing.T) {
	assert.Equal(t, "abcd…", Truncate("abcdefgh", 5))
	assert.Equal(t, "abc", Truncate("abc", 5))
	got := Truncate(NewScheme(true).Red("abcdefgh"), 5)
	assert.Equal(t, 5, VisibleWidth(got))
	assert.True(t, strings.HasSuffix(got, "…\x1b[0m"), "%q", got)
}

func TestTableFitsTheWidth(t *testing.T) {
	tb := &Table{Head: []string{"OBJECTIVE", "TITLE", "QUESTIONS", "FROM"}, Right: []bool{false, false, true, false}}
	tb.Add("701.2", "Standard Components and Platforms for Software", "2", "your estimate: 50 %")
	tb.Add("702.1", "Container Usage", "7", "measured: 26 % a question")
	wide := tb.String()
	assert.Contains(t, wide, "Standard Components and Platforms for Software")

	for _, width := range []int{40, 60} {
		tb.Width = width
		got := tb.String()
		for _, l := range strings.Split(strings.TrimRight(got, "\n"), "\n") {
			assert.LessOrEqual(t, VisibleWidth(l), width, "%q at %d", l, width)
		}
		assert.Contains(t, got, "Standar", "the title is cut, not dropped, at %d", width)
		assert.Contains(t, got, "…", "the title is cut at %d", width)
		assert.Regexp(t, `(?m)^702\.1 +Contain.* +7 +measure`, got, "every row keeps its columns at %d", width)
	}
}

func TestDetectChoosesModeAndColour(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	assert.Equal(t, Mode{Interactive: true, Color: true, InputTTY: true}, Detect(true, true, env("TERM", "xterm")))
	assert.Equal(t, Mode{Interactive: true, Color: false, InputTTY: true}, Detect(true, true, env("TERM", "xterm", "NO_COLOR", "1")))
	assert.Equal(t, Mode{InputTTY: true}, Detect(true, true, env("TERM", "dumb")), "TERM=dumb: line mode, no colour")
	assert.Equal(t, Mode{Color: true}, Detect(false, true, env()), "input from a pipe: line mode")
	assert.Equal(t, Mode{InputTTY: true}, Detect(true, false, env()), "output to a pipe: line mode, no colour")

	// Line mode over a terminal's input does not echo the answer: the
	// terminal has shown it already (drill | tee showed every answer twice).
	var out strings.Builder
	p := NewPrompter(Detect(true, false, env()), strings.NewReader("docker ps\n"), &out)
	r, err := p.Text(context.Background(), Question{Label: "answer"})
	require.NoError(t, err)
	assert.Equal(t, "docker ps", r.Text)
	assert.Equal(t, "answer> ", out.String())
}
