package main

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runDrillTTY is runDrillAsync with the streams flagged as terminals (they
// are pipes), for the mode chosen from TERM and NO_COLOR.
func runDrillTTY(t *testing.T, e *drillEnv, clock *testClock, args ...string) (*expecter, <-chan int) {
	t.Helper()
	pr, pw := io.Pipe()
	out := &syncBuffer{}
	app := &App{
		IO:     &IOStreams{In: pr, Out: out, ErrOut: &syncBuffer{}, InTTY: true, OutTTY: true},
		Now:    clock.Now,
		Getenv: func(k string) string { return e.env[k] },
	}
	code := make(chan int, 1)
	go func() { code <- Run(context.Background(), args, app) }()
	t.Cleanup(func() { pw.Close() })
	return &expecter{t: t, out: out, in: pw}, code
}

func TestDrillOnADumbTerminalIsLineModeWithoutColour(t *testing.T) {
	e := newDrillEnv(t, map[string]string{"cmds.toml": commandDeck(1)})
	e.env["TERM"] = "dumb"
	x, code := runDrillTTY(t, e, &testClock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}, "drill", "--decks", e.decks, "--deck", "cmds")
	x.expect("answer (? hint · u undo · q quit)> ")
	x.send("q")
	x.expect("streak")
	require.Equal(t, ExitOK, exitOf(t, code))
	assert.NotContains(t, x.out.String(), "\x1b[", "no colour, no cursor movement")
}

func TestDrillNoColorKeepsTheTerminalWithoutColour(t *testing.T) {
	e := newDrillEnv(t, map[string]string{"cmds.toml": commandDeck(1)})
	e.env["TERM"] = "xterm-256color"
	e.env["NO_COLOR"] = "1"
	x, code := runDrillTTY(t, e, &testClock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}, "drill", "--decks", e.decks, "--deck", "cmds")
	x.expect("answer [? u q]> ") // the terminal's line editor
	x.send("q")
	x.expect("streak")
	require.Equal(t, ExitOK, exitOf(t, code))
	assert.NotRegexp(t, `\x1b\[[0-9;]*m`, x.out.String(), "no colour")
}

// TestDrillMissedGoesOverTheMissedCardsWithoutRescheduling misses a card,
// finds it in the summary, then goes over it with drill --missed: graded,
// not written to the store. An empty answer is asked again, not graded.
func TestDrillMissedGoesOverTheMissedCardsWithoutRescheduling(t *testing.T) {
	e := newDrillEnv(t, map[string]string{"cmds.toml": commandDeck(2)})
	clock := &testClock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	x, _, code := runDrillAsync(t, e, clock, "drill", "--decks", e.decks, "--deck", "cmds")
	x.expect("Command 0: list the volumes.\nanswer (? hint · u undo · q quit)> ")
	x.send("")
	x.expect("type an answer (an empty line grades nothing), or ? u q")
	x.send("docker ps")
	x.expect("saved: again")
	x.expect("answer (? hint · u undo · q quit)> ")
	x.send("docker volume ls")
	x.expect("[good]")
	x.send("")
	x.expect("saved: good")
	x.expect("> ")
	x.send("q")
	summary := x.expect("streak")
	require.Equal(t, ExitOK, exitOf(t, code))
	assert.Contains(t, summary, "missed        1 card; go over them again now: dockdrill drill --missed\n  e2e-cmd-0  Command 0: list the volumes.\n")
	assert.Contains(t, summary, "learning      2 in learning, next in 1 min")
	require.Len(t, e.reviews(t), 2, "the empty Enter graded nothing")

	clock.Add(time.Minute)
	x, _, code = runDrillAsync(t, e, clock, "drill", "--decks", e.decks, "--deck", "cmds", "--missed")
	x.expect("Going over 1 card missed today, for practice: graded, not rescheduled.")
	card := x.expect("answer (? hint · q quit)> ")
	assert.Contains(t, card, "Command 0: list the volumes.")
	assert.Contains(t, card, "practice, not rescheduled")
	x.send("docker volume ls")
	x.expect("rate: 1 again · 2 hard · 3 good · 4 easy [good]")
	x.send("")
	x.expect("practised: good · not rescheduled")
	summary = x.expect("streak")
	require.Equal(t, ExitOK, exitOf(t, code))
	assert.Contains(t, summary, "practice      nothing was rescheduled")
	assert.Len(t, e.reviews(t), 2, "practice writes no review")
	assert.False(t, strings.Contains(summary, "--missed"), "no second --missed offered from a practice run")
}
