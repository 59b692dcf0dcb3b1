package session

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/prompt"
	"github.com/dockdrill/dockdrill/quiz/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// kindCards is one card of each kind, each in its own area, in the order a
// new session asks them (the blueprint's area order).
func kindCards() []*deck.Card {
	return []*deck.Card{
		{ID: "k-command", Area: "arch", Kind: deck.KindCommand, Prompt: "Show all containers.",
			Answer: "docker ps -a", Grade: deck.GradeDocker, Explain: "ps lists containers.", Hint: "-a is for all", Proof: "arch/TestPs"},
		{ID: "k-cloze", Area: "dockerfile", Kind: deck.KindCloze, Prompt: "FROM alpine\n____ /app",
			Answer: "WORKDIR", Grade: deck.GradeDockerfile, Explain: "WORKDIR sets the directory."},
		{ID: "k-choice", Area: "images", Kind: deck.KindChoice, Prompt: "Detach keys?",
			Choices: []string{"Ctrl-C", "Ctrl-P Ctrl-Q", "Ctrl-D", "Ctrl-X"}, Correct: []string{"Ctrl-P Ctrl-Q"}, Explain: "Ctrl-P Ctrl-Q detaches."},
		{ID: "k-multi", Area: "networks", Kind: deck.KindMulti, Prompt: "Which two drivers? (choose two)",
			Choices: []string{"bridge", "tap", "overlay", "vswitch"}, Correct: []string{"bridge", "overlay"}, Explain: "bridge and overlay ship with Docker."},
		{ID: "k-flash", Area: "volumes", Kind: deck.KindFlash, Prompt: "Name the mount types.",
			Answer: "volume, bind, tmpfs", Explain: "Three types.", Proof: "volumes/TestMounts"},
	}
}

// runScript runs a session over cs with the given input lines and returns
// its output, its error and the store's reviews.
func runScript(t *testing.T, cs []*deck.Card, input string) (string, []store.Review, *Session, error) {
	t.Helper()
	c := newClock(t0)
	cfg := config(t, c, cs)
	st := openStore(t)
	cfg.Store = st
	s, err := New(cfg)
	require.NoError(t, err)
	var out bytes.Buffer
	runErr := s.Run(context.Background(), prompt.NewLine(strings.NewReader(input), &out), &out)
	reviews, err := st.ReviewsSince(context.Background(), time.Time{})
	require.NoError(t, err)
	return out.String(), reviews, s, runErr
}

// choiceNumber finds the number a line-mode list gives to choice.
func choiceNumber(t *testing.T, out, choice string) string {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		if n, text, ok := strings.Cut(strings.TrimSpace(l), ") "); ok && text == choice {
			return n
		}
	}
	t.Fatalf("choice %q is not listed in:\n%s", choice, out)
	return ""
}

func TestRunGradesEachKind(t *testing.T) {
	cs := kindCards()
	// Choices are shuffled per card and repetition; a first run with no
	// answers shows their numbers.
	probe, _, _, _ := runScript(t, cs[2:3], "")
	detach := choiceNumber(t, probe, "Ctrl-P Ctrl-Q")
	probe, _, _, _ = runScript(t, cs[3:4], "")
	bridge, overlay, tap := choiceNumber(t, probe, "bridge"), choiceNumber(t, probe, "overlay"), choiceNumber(t, probe, "tap")

	input := strings.Join([]string{
		"docker container ls --all", "", // command: right, Good proposed and taken
		detach, "easy", // choice: right, changed to Easy
		"workdir", "hard", // cloze: right in any case, changed to Hard
		bridge + " " + tap,       // multi: one of two right is wrong
		"volumes and binds", "3", // flash: revealed, rated Good
		"q",
	}, "\n") + "\n"
	out, reviews, _, err := runScript(t, cs, input)
	require.NoError(t, err)
	_ = overlay
	multiTyped := "bridge; tap" // picks in the order shown
	if tap < bridge {
		multiTyped = "tap; bridge"
	}

	type row struct {
		card, typed, verdict string
		rating               int
	}
	var got []row
	for _, r := range reviews {
		got = append(got, row{r.CardID, r.Typed, r.Verdict, r.Rating})
	}
	assert.Equal(t, []row{
		{"k-command", "docker container ls --all", store.VerdictRight, 3},
		{"k-choice", "Ctrl-P Ctrl-Q", store.VerdictRight, 4},
		{"k-cloze", "workdir", store.VerdictRight, 2},
		{"k-multi", multiTyped, store.VerdictWrong, 1},
		{"k-flash", "volumes and binds", store.VerdictSelf, 3},
	}, got, out)

	assert.Contains(t, out, "✔ right — docker ps -a", "a right answer in another form shows the card's")
	assert.Contains(t, out, "answer:  bridge\n  answer:  overlay\n  not:     tap\n", "a wrong pick shows the right ones and the wrong one")
	assert.Contains(t, out, "answer:  volume, bind, tmpfs", "the flash card's answer is revealed")
	assert.Contains(t, out, "proof:   volumes/TestMounts", "a revealed flash card shows its proof")
	assert.Equal(t, 5, strings.Count(out, SavedPrefix), "each answer is confirmed")
}

func TestRunWrongTypedAnswerShowsAnswerReasonsExplainAndProof(t *testing.T) {
	out, reviews, _, err := runScript(t, kindCards()[:1], "docker ps\nq\n")
	require.NoError(t, err)
	require.Len(t, reviews, 1)
	assert.Equal(t, 1, reviews[0].Rating)
	assert.Equal(t, store.VerdictWrong, reviews[0].Verdict)
	for _, want := range []string{"✘ wrong", "answer:  docker container ls --all", "why:     missing --all", "explain: ps lists containers.", "proof:   arch/TestPs", "saved: again · next in 1 min"} {
		assert.Contains(t, out, want)
	}
}

func TestRunHintThenRightProposesHard(t *testing.T) {
	out, reviews, _, err := runScript(t, kindCards()[:1], "?\ndocker ps -a\n\nq\n")
	require.NoError(t, err)
	assert.Contains(t, out, "hint: -a is for all")
	assert.Contains(t, out, "[hard]")
	require.Len(t, reviews, 1)
	assert.Equal(t, 2, reviews[0].Rating)
}

func TestRunQuitAtTheRatingSavesTheProposal(t *testing.T) {
	out, reviews, s, err := runScript(t, kindCards()[:2], "docker ps -a\nq\n")
	require.NoError(t, err)
	require.Len(t, reviews, 1)
	assert.Equal(t, 3, reviews[0].Rating)
	assert.Contains(t, out, "saved: good")
	assert.Equal(t, 2, s.Remaining(), "the other card, and the learning one")
}

func TestRunUndoAsksTheCardAgain(t *testing.T) {
	out, reviews, s, err := runScript(t, kindCards()[:2], "docker ps\nu\ndocker ps -a\n\nu\nu\nu\nq\n")
	require.NoError(t, err)
	assert.Contains(t, out, "undone: k-command (again); it is asked again")
	assert.Contains(t, out, "nothing to undo in this session")
	assert.Empty(t, reviews, "both answers were undone")
	assert.Zero(t, s.Summary().Reviewed)
	assert.Equal(t, 3, strings.Count(out, "Show all containers."), "asked, asked again after each undo")
}

func TestRunEndOfInputEndsTheSession(t *testing.T) {
	_, reviews, _, err := runScript(t, kindCards(), "docker ps -a\n\n")
	assert.NoError(t, err)
	assert.Len(t, reviews, 1)
}

func TestRunCancelledReturnsTheContextsErrorWithAnswersSaved(t *testing.T) {
	c := newClock(t0)
	cfg := config(t, c, kindCards())
	ms := &memStore{}
	cfg.Store = ms
	s, err := New(cfg)
	require.NoError(t, err)
	pr, pw := io.Pipe()
	var out syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx, prompt.NewLine(pr, &out), &out) }()
	_, err = io.WriteString(pw, "docker ps -a\n\n")
	require.NoError(t, err)
	require.Eventually(t, func() bool { return strings.Contains(out.String(), SavedPrefix) }, 5*time.Second, time.Millisecond)
	cancel()
	select {
	case err := <-done:
		assert.ErrorIs(t, err, context.Canceled)
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return when cancelled")
	}
	assert.Len(t, ms.reviews, 1)
}
