package ui

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// keysTerminal is a Terminal fed keys through a pipe, drawing into a
// buffer 60 columns wide (no raw mode: the input is not a terminal).
func keysTerminal(t *testing.T) (*Terminal, io.Writer, *syncBuffer) {
	t.Helper()
	pr, pw := io.Pipe()
	t.Cleanup(func() { pw.Close() })
	out := &syncBuffer{}
	term := NewTerminal(pr, out, Scheme{})
	term.Width = func() int { return 60 }
	return term, pw, out
}

// answer runs fn in a goroutine and returns its reply once done.
func answer(t *testing.T, fn func() (Reply, error)) <-chan Reply {
	t.Helper()
	ch := make(chan Reply, 1)
	go func() {
		r, err := fn()
		assert.NoError(t, err)
		ch <- r
	}()
	return ch
}

func wait(t *testing.T, ch <-chan Reply) Reply {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(5 * time.Second):
		t.Fatal("no reply")
		return Reply{}
	}
}

func TestTerminalTextEditsAnAnswerInPlace(t *testing.T) {
	term, keys, _ := keysTerminal(t)
	ch := answer(t, func() (Reply, error) {
		return term.Text(context.Background(), Question{Label: "answer", Body: "List the volumes.", Required: true})
	})
	long := strings.Repeat("x", 110)
	// Type, go Home and insert, End and Backspace, Left and insert.
	_, err := io.WriteString(keys, "docker volume lss"+long+"\x1b[H>\x1b[F"+strings.Repeat("\x7f", 111)+"\x1b[D\x1b[D!\r")
	require.NoError(t, err)
	assert.Equal(t, ">docker volume !ls", wait(t, ch).Text)
}

func TestTerminalTextAsksAgainOnAnEmptyEnter(t *testing.T) {
	term, keys, out := keysTerminal(t)
	ch := answer(t, func() (Reply, error) {
		return term.Text(context.Background(), Question{Label: "answer", Required: true})
	})
	_, err := io.WriteString(keys, "\r")
	require.NoError(t, err)
	require.Eventually(t, func() bool { return strings.Contains(out.String(), "type an answer first") }, 5*time.Second, time.Millisecond)
	_, err = io.WriteString(keys, "docker ps\r")
	require.NoError(t, err)
	assert.Equal(t, "docker ps", wait(t, ch).Text)
}

func TestTerminalMenuKeys(t *testing.T) {
	cmds := []Command{{Key: "?", Help: "hint"}, {Key: "u", Help: "undo"}, {Key: "q", Help: "quit"}}
	choices := []string{"a", "b", "c", "d"}
	tests := []struct {
		name, keys string
		want       Reply
	}{
		{"a digit picks", "3", Reply{Picks: []int{2}}},
		{"arrows then Enter", "\x1b[B\x1b[B\x1b[A\r", Reply{Picks: []int{1}}},
		{"? alone", "?", Reply{Command: "?"}},
		{"u alone", "u", Reply{Command: "u"}},
		{"a digit past the choices is ignored", "9q", Reply{Command: "q"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			term, keys, _ := keysTerminal(t)
			ch := answer(t, func() (Reply, error) {
				return term.Choose(context.Background(), Question{Label: "pick one", Choices: choices, Commands: cmds})
			})
			_, err := io.WriteString(keys, tt.keys)
			require.NoError(t, err)
			assert.Equal(t, tt.want, wait(t, ch))
		})
	}
}

func TestTerminalRatingTakesOneKeyOrEnterOrSpace(t *testing.T) {
	for keys, want := range map[string]int{"1": 0, "4": 3, "\r": 2, " ": 2, "\x1b[D\r": 1} {
		term, in, out := keysTerminal(t)
		ch := answer(t, func() (Reply, error) {
			return term.Choose(context.Background(), Question{Label: "rate", Choices: Ratings, Default: "good", Compact: true,
				Details: []string{"10m", "1d", "3d", "8d"}})
		})
		_, err := io.WriteString(in, keys)
		require.NoError(t, err)
		assert.Equal(t, []int{want}, wait(t, ch).Picks, "%q", keys)
		assert.Contains(t, out.String(), "1 again 10m · 2 hard 1d · [3 good 3d] · 4 easy 8d")
	}
}

func TestTerminalPickTogglesWithDigits(t *testing.T) {
	term, keys, out := keysTerminal(t)
	ch := answer(t, func() (Reply, error) {
		return term.Pick(context.Background(), Question{Label: "pick", Choices: []string{"a", "b", "c", "d"}, N: 2})
	})
	_, err := io.WriteString(keys, "1\r") // one marked: not yet
	require.NoError(t, err)
	require.Eventually(t, func() bool { return strings.Contains(out.String(), "1 ticked; tick exactly 2") }, 5*time.Second, time.Millisecond)
	_, err = io.WriteString(keys, "31\x1b[B \r") // 3 on, 1 off (the cursor on it), down to 2, space marks it
	require.NoError(t, err)
	assert.Equal(t, []int{1, 2}, wait(t, ch).Picks)
}

func TestTerminalDrawsNothingWiderThanTheTerminal(t *testing.T) {
	term, keys, out := keysTerminal(t)
	ch := answer(t, func() (Reply, error) {
		return term.Text(context.Background(), Question{Label: "answer", Body: strings.Repeat("a long question ", 20),
			Commands: []Command{{Key: "?", Help: "hint"}}})
	})
	_, err := io.WriteString(keys, strings.Repeat("y", 150)+"\r")
	require.NoError(t, err)
	wait(t, ch)
	for _, l := range strings.Split(StripANSI(strings.ReplaceAll(out.String(), "\r", "\n")), "\n") {
		assert.LessOrEqual(t, VisibleWidth(l), 60, "%q", l)
	}
}

func TestEveryBuiltinCardHasAHint(t *testing.T) {
	set, err := deck.Load(deck.LoadOptions{})
	require.NoError(t, err)
	n := 0
	for _, c := range set.Cards() {
		h := Hint(c)
		assert.NotEmpty(t, h, c.ID)
		if c.Answer != "" {
			assert.NotContains(t, h, c.Answer, "%s: a derived hint does not give the answer away", c.ID)
		}
		n++
	}
	assert.Greater(t, n, 100)
}

func TestDerivedHints(t *testing.T) {
	tests := []struct {
		card deck.Card
		want string
	}{
		{deck.Card{Kind: deck.KindCommand, Answer: "docker volume create pgdata"}, `It starts "docker volume …", 4 words in all.`},
		{deck.Card{Kind: deck.KindCommand, Answer: "docker ps"}, `It starts "docker …", 2 words in all.`},
		{deck.Card{Kind: deck.KindCloze, Answer: "WORKDIR"}, "1 word: W… (7)."},
		{deck.Card{Kind: deck.KindChoice, Choices: []string{"aa", "b", "ccc", "dddd"}, Correct: []string{"aa"}}, `Not "b" and not "ccc".`},
		{deck.Card{Kind: deck.KindMulti, Choices: []string{"a", "bb", "c"}, Correct: []string{"a", "c"}}, `2 are right; not "bb".`},
		{deck.Card{Kind: deck.KindCommand, Hint: "its own"}, "its own"},
		{deck.Card{Kind: deck.KindCloze, Answer: "@"}, "One character: a symbol, not a letter or a digit."},
		{deck.Card{Kind: deck.KindCloze, Answer: "D"}, "One character: a capital letter."},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Hint(&tt.card))
	}
}

func TestTerminalKeepsKeysTypedAheadForTheNextQuestion(t *testing.T) {
	term, keys, _ := keysTerminal(t)
	go io.WriteString(keys, "24") // a pick, then the rating, in one read
	r, err := term.Choose(context.Background(), Question{Label: "pick one", Choices: []string{"a", "b", "c"}})
	require.NoError(t, err)
	assert.Equal(t, []int{1}, r.Picks)
	r, err = term.Choose(context.Background(), Question{Label: "rate", Choices: Ratings, Compact: true})
	require.NoError(t, err)
	assert.Equal(t, []int{3}, r.Picks)
}
