package plan

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/store"
)

func builtin(t testing.TB) *deck.Set {
	t.Helper()
	set, err := deck.Load(deck.LoadOptions{})
	require.NoError(t, err)
	return set
}

func simOpts(t testing.TB, mode string, days int, learners int, seed uint64) SimOptions {
	set := builtin(t)
	start, _ := store.ParseDate("2026-12-01")
	return SimOptions{Blueprint: set.Blueprint, Cards: set.Cards(), Params: fsrs.DefaultParams(),
		Start: start, ExamDay: start.AddDays(days), Mode: mode, Learners: learners, Seed: seed}
}

func TestSimulateIsDeterministicForASeed(t *testing.T) {
	a, err := Simulate(simOpts(t, ModeExam, 14, 3, 7))
	require.NoError(t, err)
	b, err := Simulate(simOpts(t, ModeExam, 14, 3, 7))
	require.NoError(t, err)
	require.Equal(t, a, b)
	c, err := Simulate(simOpts(t, ModeExam, 14, 3, 8))
	require.NoError(t, err)
	require.NotEqual(t, a.Memory, c.Memory, "another seed, other learners")
	t.Logf("%+v", a)
}
