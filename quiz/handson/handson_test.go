package handson

import (
	"bufio"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/exercises/lab/provision"
	"github.com/dockdrill/dockdrill/exercises/tasks"
	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// clock advances by step at each reading.
func clock(step time.Duration) func() time.Time {
	t := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	return func() time.Time { t = t.Add(step); return t }
}

// checks returns a checker that fails until its n-th call.
func checks(passAt int) func(context.Context) []tasks.Result {
	n := 0
	return func(context.Context) []tasks.Result {
		n++
		if n >= passAt {
			return []tasks.Result{{Item: "dd-web is running", OK: true}}
		}
		return []tasks.Result{{Item: "dd-web is running", Reason: "there is no container named dd-web"}}
	}
}

func TestRunRatesByWhatHappened(t *testing.T) {
	card := &deck.Card{ID: "ctr-task-x", Kind: deck.KindTask, Solution: "docker run -d --name dd-web nginx:alpine", Explain: "because"}
	for _, tc := range []struct {
		name   string
		input  string
		passAt int
		step   time.Duration
		want   fsrs.Rating
	}{
		{"first check passes quickly: Easy", "\n", 1, time.Second, fsrs.Easy},
		{"first check passes slowly: Good", "\n", 1, 2 * time.Minute, fsrs.Good},
		{"passes after a failed check: Hard", "\n\n", 2, time.Second, fsrs.Hard},
		{"solution shown first: Again", "s\n\n", 1, time.Second, fsrs.Again},
		{"left before passing: nothing", "\nq\n", 5, time.Second, 0},
		{"input ends before passing: nothing", "\n", 5, time.Second, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out strings.Builder
			o, err := Run(t.Context(), Config{Card: card, Check: checks(tc.passAt), In: NewLines(bufio.NewReader(strings.NewReader(tc.input))), Out: &out, Now: clock(tc.step)})
			require.NoError(t, err)
			assert.Equal(t, tc.want, o.Rating(), out.String())
		})
	}
}

func TestRunPrintsItemsAndTheSolution(t *testing.T) {
	card := &deck.Card{ID: "ctr-task-x", Kind: deck.KindTask, Solution: "docker run -d --name dd-web nginx:alpine", Explain: "because"}
	var out strings.Builder
	_, err := Run(t.Context(), Config{Card: card, Check: checks(2), In: NewLines(bufio.NewReader(strings.NewReader("\n\n"))), Out: &out, Now: clock(time.Second)})
	require.NoError(t, err)
	assert.Contains(t, out.String(), "✗ dd-web is running\n      there is no container named dd-web")
	assert.Contains(t, out.String(), "✓ dd-web is running")
	assert.Contains(t, out.String(), "docker run -d --name dd-web nginx:alpine", "the solution follows a passed task")
}

func TestNextTakesTheDueTaskFirstThenANewOne(t *testing.T) {
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	a, b, c := &deck.Card{ID: "a"}, &deck.Card{ID: "b"}, &deck.Card{ID: "c"}
	cards := []*deck.Card{a, b, c}
	states := map[string]store.CardState{
		"a": {State: store.StateReview, Due: now.Add(time.Hour)},
		"b": {State: store.StateReview, Due: now.Add(-time.Hour)},
	}
	got, ok := Next(cards, states, now)
	assert.True(t, ok)
	assert.Equal(t, "b", got.ID, "the due task")
	delete(states, "b")
	got, ok = Next(cards, states, now)
	assert.True(t, ok)
	assert.Equal(t, "b", got.ID, "then the first new task")
	states["b"] = store.CardState{State: store.StateReview, Due: now.Add(2 * time.Hour)}
	states["c"] = store.CardState{State: store.StateReview, Due: now.Add(3 * time.Hour)}
	got, ok = Next(cards, states, now)
	assert.False(t, ok, "nothing due, nothing new")
	assert.Equal(t, "a", got.ID, "the one due first")
	assert.Empty(t, Due(cards, states, now))
}

func TestRecordSchedulesTheTask(t *testing.T) {
	st, err := store.Open(t.Context(), t.TempDir()+"/dd.db")
	require.NoError(t, err)
	defer st.Close()
	sched, err := fsrs.NewScheduler(fsrs.DefaultParams())
	require.NoError(t, err)
	card := &deck.Card{ID: "vol-task-x", Kind: deck.KindTask}
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	r, ok, err := Record(t.Context(), st, sched, card, Outcome{Checks: 2, Passed: true, Took: 3 * time.Minute}, "task-1", now)
	require.NoError(t, err)
	require.True(t, ok)
	assert.Equal(t, int(fsrs.Hard), r.Rating)
	states, err := st.CardStates(t.Context())
	require.NoError(t, err)
	assert.True(t, states["vol-task-x"].Due.After(now))

	_, ok, err = Record(t.Context(), st, sched, card, Outcome{Checks: 1, Quit: true}, "task-1", now)
	require.NoError(t, err)
	assert.False(t, ok, "an unfinished task records nothing")
}

func TestRunEndsWhenTheContextDoesWhileWaitingForALine(t *testing.T) {
	card := &deck.Card{ID: "ctr-task-x", Kind: deck.KindTask}
	in, typing := io.Pipe()
	defer typing.Close()
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		_, err := Run(ctx, Config{Card: card, Check: checks(1), In: NewLines(bufio.NewReader(in)), Out: io.Discard, Now: clock(time.Second)})
		done <- err
	}()
	cancel() // Ctrl-C while nothing is typed
	select {
	case err := <-done:
		assert.ErrorIs(t, err, context.Canceled)
	case <-time.After(10 * time.Second):
		t.Fatal("Run still waits for a line after its context ended")
	}
}

func TestDueIsEarliestFirst(t *testing.T) {
	now := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	a, b, c, d := &deck.Card{ID: "a"}, &deck.Card{ID: "b"}, &deck.Card{ID: "c"}, &deck.Card{ID: "d"}
	states := map[string]store.CardState{
		"a": {State: store.StateReview, Due: now.Add(-time.Hour)},
		"b": {State: store.StateReview, Due: now.Add(-48 * time.Hour)},
		"c": {State: store.StateReview, Due: now.Add(time.Hour)}, // later
		// d: new, never due
	}
	assert.Equal(t, []*deck.Card{b, a}, Due([]*deck.Card{a, b, c, d}, states, now))
}

func TestTaskRolesAreTheImagesTheSolutionNamesAndNeverTheDaemonByDefault(t *testing.T) {
	tests := []struct {
		name string
		card deck.Card
		want []provision.Role
	}{
		{"busybox named", deck.Card{Solution: "docker run -d --name dd-web busybox:1.36 sleep 600"}, []provision.Role{provision.Shell}},
		{"nothing named", deck.Card{Solution: "docker volume create dd-data"}, nil},
		{"registry needed", deck.Card{Solution: "docker push $DD_REGISTRY/dd-box:1", Needs: []string{deck.NeedRegistry}}, []provision.Role{provision.Registry}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, taskRoles(tt.card))
		})
	}
}
