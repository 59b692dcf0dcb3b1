package ui

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/session"
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
func runScript(t *testing.T, cs []*deck.Card, input string) (string, []store.Review, *session.Session, error) {
	t.Helper()
	c := newClock(t0)
	cfg := config(t, c, cs)
	st := openStore(t)
	cfg.Store = st
	s, err := session.New(cfg)
	require.NoError(t, err)
	var out bytes.Buffer
	runErr := Drill(context.Background(), s, NewLine(strings.NewReader(input), &out), Scheme{})
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
	for _, want := range []string{"✘ wrong", "answer:  docker ps -a\n  also:    docker container ls --all", "why:     missing --all", "explain: ps lists containers.", "proof:   arch/TestPs", "saved: again · next in 1 min"} {
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
	s, err := session.New(cfg)
	require.NoError(t, err)
	pr, pw := io.Pipe()
	var out syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Drill(ctx, s, NewLine(pr, &out), Scheme{}) }()
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

func TestRunClozeTakesTheWholeLineAndSaysWhatToType(t *testing.T) {
	cloze := kindCards()[1]
	out, reviews, _, err := runScript(t, []*deck.Card{cloze}, "workdir /app\n\nq\n")
	require.NoError(t, err)
	require.Len(t, reviews, 1)
	assert.Equal(t, store.VerdictRight, reviews[0].Verdict, "the whole line with the blank filled in is right:\n%s", out)
	assert.Equal(t, strings.Count(out, "· cloze ·"), strings.Count(out, "what goes in ____ (or the whole line)"), "each time the card is asked its label says once what to type:\n%s", out)
}

func TestTheDrillSaysDueBeforeYourExam(t *testing.T) {
	c := newClock(t0)
	cs := []*deck.Card{{ID: "arch-0", Area: "arch", Kind: deck.KindCommand, Prompt: "Question 0 of arch",
		Answer: "docker ps", Grade: deck.GradeDocker, Explain: "Because."}}
	cfg := config(t, c, cs)
	p := fsrs.DefaultParams()
	p.EnableFuzz = false
	p.DesiredRetention = 0.75
	sched, err := fsrs.NewScheduler(p)
	require.NoError(t, err)
	cfg.Scheduler = sched
	cfg.States["arch-0"] = store.CardState{CardID: "arch-0", Stability: 10, Difficulty: 5, State: store.StateReview,
		LastReview: t0.AddDate(0, 0, -10), Due: t0.Add(-time.Hour), Reps: 3} // in the store too
	day, err := store.ParseDate("2027-01-26")
	require.NoError(t, err)
	cfg.Exam = session.ExamOptions{Day: day, Target: 0.9}
	s, err := session.New(cfg)
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, Drill(context.Background(), s, NewLine(strings.NewReader("docker ps\n\n"), &out), Scheme{}))
	assert.Regexp(t, `  due before your exam: hard, good, easy\nrate: `, out.String(), "said at the rating buttons")
	assert.Regexp(t, `saved: good · next in \d+ days · due before your exam\n`, out.String())

	// Without the exam the same answer says nothing of it.
	cfg.Exam = session.ExamOptions{}
	s, err = session.New(cfg)
	require.NoError(t, err)
	out.Reset()
	require.NoError(t, Drill(context.Background(), s, NewLine(strings.NewReader("docker ps\n\n"), &out), Scheme{}))
	assert.NotContains(t, out.String(), session.BeforeExamNote)
	assert.Contains(t, out.String(), "saved: good · next in")
}
