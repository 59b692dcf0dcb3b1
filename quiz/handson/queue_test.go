package handson

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTaskSpacingSpreadsTheTasksOverTheSession(t *testing.T) {
	for _, tc := range []struct{ cards, tasks, every int }{
		{20, 2, 6}, // after the 6th and the 12th card
		{6, 2, 2},
		{40, 1, 20}, // in the middle
		{3, 5, 1},   // more tasks than cards: one after each, the rest at the end
		{0, 2, 1},
	} {
		assert.Equal(t, tc.every, Spacing(tc.cards, tc.tasks), "%d cards, %d tasks", tc.cards, tc.tasks)
	}
}

func TestQueueDoesATaskEveryEveryAnswersAndQSkipsTheRest(t *testing.T) {
	a, b, c := &deck.Card{ID: "a"}, &deck.Card{ID: "b"}, &deck.Card{ID: "c"}
	var done []string
	do := func(_ context.Context, c *deck.Card, _ LineReader, _ io.Writer) (Outcome, error) {
		done = append(done, c.ID)
		return Outcome{Quit: c.ID == "b"}, nil
	}
	closed := false
	q := NewQueue([]*deck.Card{a, b, c}, do, func() { closed = true })
	var out strings.Builder
	q.Start(nil, &out, 8) // 8 cards, 3 tasks: one after every 2
	require.Equal(t, 2, q.Every)
	for answered := 1; answered <= 3; answered++ {
		require.NoError(t, q.Between(context.Background(), answered, false))
	}
	assert.Equal(t, []string{"a"}, done)
	require.NoError(t, q.Between(context.Background(), 4, false))
	assert.Equal(t, []string{"a", "b"}, done, "the second task comes after the 4th answer")
	assert.Contains(t, out.String(), "Tasks: 1 task skipped (q); the cards go on.\n")
	assert.False(t, q.Pending())
	require.NoError(t, q.Between(context.Background(), 8, true))
	assert.Equal(t, []string{"a", "b"}, done, "q in a task skips the tasks after it")
	q.Close()
	assert.True(t, closed)
}

func TestFilterTakesTheAreasAndDecksGiven(t *testing.T) {
	a := &deck.Card{ID: "a", Area: "vol", Deck: "x"}
	b := &deck.Card{ID: "b", Area: "net", Deck: "x"}
	c := &deck.Card{ID: "c", Area: "vol", Deck: "y"}
	all := []*deck.Card{a, b, c}
	assert.Equal(t, all, Filter(all, nil, nil))
	assert.Equal(t, []*deck.Card{a, c}, Filter(all, []string{"vol"}, nil))
	assert.Equal(t, []*deck.Card{a}, Filter(all, []string{"vol"}, []string{"x"}))
}

func TestListSaysWhenEachTaskIsDue(t *testing.T) {
	now := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
	a, b, c := &deck.Card{ID: "a"}, &deck.Card{ID: "b"}, &deck.Card{ID: "c"}
	states := map[string]store.CardState{
		"a": {State: store.StateReview, Due: now.Add(-time.Hour)},
		"b": {State: store.StateReview, Due: now.Add(26 * time.Hour)},
	}
	var when []string
	for _, l := range List([]*deck.Card{a, b, c}, states, now) {
		when = append(when, l.Card.ID+" "+l.When)
	}
	assert.Equal(t, []string{"a due now", "b due 2026-12-03 14:00", "c new"}, when)
}

func TestCheckOnOff(t *testing.T) {
	for in, want := range map[string]string{"on": "on", "YES": "on", "1": "on", "off": "off", "False": "off", "0": "off"} {
		got, err := CheckOnOff(SettingDrillTasks, in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	_, err := CheckOnOff(SettingDrillTasks, "maybe")
	assert.EqualError(t, err, `drill.tasks: "maybe" is not on or off`)
}
