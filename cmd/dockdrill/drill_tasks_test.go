package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/exercises/tasks"
	"github.com/dockdrill/dockdrill/quiz/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dueTasks makes the tasks ids due on the drill env's store, reviewed a
// week before testApp's now.
func dueTasks(t *testing.T, e *drillEnv, ids ...string) {
	t.Helper()
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	var rs []store.Review
	for i, id := range ids {
		at := at.Add(time.Duration(i) * time.Minute)
		rs = append(rs, store.Review{SessionID: "task-x", CardID: id, Time: at, Rating: store.Good, Verdict: store.VerdictRight,
			After: store.CardState{State: store.StateReview, Due: at.Add(72 * time.Hour), LastReview: at, Stability: 3, Difficulty: 5, Reps: 1}})
	}
	require.NoError(t, e.openStore(t).ImportReviews(context.Background(), rs))
}

// drillWithTasks runs a drill of the cmds deck with tasks on, each task's
// check passing at once: no Docker is asked.
func drillWithTasks(t *testing.T, e *drillEnv, input string) (string, error) {
	t.Helper()
	app, out, _ := testApp(t, input)
	app.Getenv = func(k string) string { return e.env[k] }
	f := newFactory(app)
	f.DecksDir = e.decks
	opts := &drillOptions{Factory: f, New: 20, Tasks: true, Decks: []string{"cmds", "tasks"},
		taskCheck: func(_ context.Context, c *deck.Card) []tasks.Result {
			return []tasks.Result{{Item: c.ID + " is done", OK: true}}
		}}
	err := runDrill(context.Background(), opts)
	return out.String(), err
}

// TestDrillMixesDueTasksAmongTheCards: with 6 cards and 2 due tasks, a task
// comes after the 2nd and after the 4th card, each done as dockdrill task
// does it (checked, rated, recorded), and the cards go on after it.
func TestDrillMixesDueTasksAmongTheCards(t *testing.T) {
	e := newDrillEnv(t, map[string]string{"cmds.toml": commandDeck(6)})
	dueTasks(t, e, "net-task-none", "vol-task-named-redis")
	card := "docker volume ls\n4\n" // the answer, then Easy: the card leaves the session
	check := "\n"                   // Enter checks the task
	input := card + card + check + card + card + check + card + card
	out, err := drillWithTasks(t, e, input)
	require.NoError(t, err, out)

	assert.Contains(t, out, "Tasks: 2 tasks due, one after every 2 cards (q in a task skips the tasks left).")
	first, second := strings.Index(out, "Task net-task-none (networks)"), strings.Index(out, "Task vol-task-named-redis (volumes)")
	require.True(t, first > 0 && second > first, out)
	assert.Equal(t, 2, strings.Count(out[:first], "Command "), "the first task after the 2nd card:\n%s", out)
	assert.Equal(t, 4, strings.Count(out[:second], "Command "), "the second after the 4th:\n%s", out)
	assert.Equal(t, 6, strings.Count(out, "saved: easy"), "every card was answered:\n%s", out)
	assert.Equal(t, 2, strings.Count(out, "Recorded: Easy (passed on the first check, under a minute)"), out)

	reviews := e.reviews(t)
	var got []string
	for _, r := range reviews {
		if r.SessionID != "task-x" && strings.Contains(r.CardID, "-task-") {
			got = append(got, r.CardID)
			assert.Equal(t, store.Easy, r.Rating)
		}
	}
	assert.Equal(t, []string{"net-task-none", "vol-task-named-redis"}, got, "both tasks reviewed, in the order done")
}

// TestDrillTasksLeftWhenTheCardsRunOutComeAfterTheLast, and q in a task
// skips the tasks after it.
func TestDrillTasksLeftWhenTheCardsRunOutComeAfterTheLast(t *testing.T) {
	e := newDrillEnv(t, map[string]string{"cmds.toml": commandDeck(1)})
	dueTasks(t, e, "net-task-none", "vol-task-named-redis", "ctr-task-read-only-rootfs")
	out, err := drillWithTasks(t, e, "docker volume ls\n4\n"+"\n"+"\n"+"q\n")
	require.NoError(t, err, out)
	assert.Contains(t, out, "Tasks: 3 tasks due, one after every card")
	assert.Less(t, strings.Index(out, "Command 0:"), strings.Index(out, "Task net-task-none"))
	assert.Contains(t, out, "Task vol-task-named-redis", "the second task comes after the last card")
	assert.Contains(t, out, "Task ctr-task-read-only-rootfs")
	assert.Contains(t, out, "Left before the task passed: nothing recorded.", "q leaves the third")
	assert.Equal(t, 2, strings.Count(out, "Recorded: Easy"), out)

	e2 := newDrillEnv(t, map[string]string{"cmds.toml": commandDeck(1)})
	dueTasks(t, e2, "net-task-none", "vol-task-named-redis")
	out, err = drillWithTasks(t, e2, "docker volume ls\n4\n"+"q\n")
	require.NoError(t, err, out)
	assert.Contains(t, out, "Tasks: 1 task skipped (q); the cards go on.")
	assert.NotContains(t, out, "Task vol-task-named-redis")
}

// TestDrillTasksWithNoCardDueComeAtOnce: no card due, the due task is
// still done.
func TestDrillTasksWithNoCardDueComeAtOnce(t *testing.T) {
	e := newDrillEnv(t, map[string]string{"cmds.toml": commandDeck(1)})
	dueTasks(t, e, "net-task-none")
	app, out, _ := testApp(t, "\n")
	app.Getenv = func(k string) string { return e.env[k] }
	f := newFactory(app)
	f.DecksDir = e.decks
	opts := &drillOptions{Factory: f, New: 0, NewSet: true, Tasks: true, Decks: []string{"cmds", "tasks"},
		taskCheck: func(context.Context, *deck.Card) []tasks.Result { return []tasks.Result{{Item: "done", OK: true}} }}
	require.NoError(t, runDrill(context.Background(), opts))
	assert.Contains(t, out.String(), "Tasks: 1 task due, no card is due, so they come now")
	assert.Contains(t, out.String(), "Recorded: Easy")
	assert.NotContains(t, out.String(), "Nothing to drill now.")
}

// TestDrillEndedWithQDoesNoMoreTasks: q at the last card's rating saves it
// and ends the drill; the task due after it is not started.
func TestDrillEndedWithQDoesNoMoreTasks(t *testing.T) {
	e := newDrillEnv(t, map[string]string{"cmds.toml": commandDeck(1)})
	dueTasks(t, e, "net-task-none")
	out, err := drillWithTasks(t, e, "docker volume ls\nq\n")
	require.NoError(t, err, out)
	assert.Contains(t, out, "saved: good")
	assert.NotContains(t, out, "Task net-task-none")
}
