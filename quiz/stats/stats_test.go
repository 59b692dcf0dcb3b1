package stats

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/schedule"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// Friday 27 November 2026, 09:00 UTC.
var now = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

var cal = store.Calendar{Rollover: store.DefaultRollover}

func openStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "dockdrill.db"))
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

func sched(t *testing.T) *fsrs.Scheduler {
	p := fsrs.DefaultParams()
	p.EnableFuzz = false
	s, err := fsrs.NewScheduler(p)
	require.NoError(t, err)
	return s
}

// inReview is a card in Review last reviewed at last with the given
// interval in days.
func inReview(last time.Time, interval int, stability float64) store.CardState {
	return store.CardState{Stability: stability, Difficulty: 5, State: store.StateReview,
		LastReview: last, Due: cal.Start(cal.Day(last).AddDays(interval)), Reps: 4}
}

// record logs a review of card at t with the state before it and after it.
func record(t *testing.T, s *store.Store, card string, at time.Time, rating int, before, after store.CardState) {
	t.Helper()
	_, err := s.RecordReview(context.Background(), store.Review{SessionID: "s", CardID: card, Time: at, Rating: rating,
		Verdict: store.VerdictSelf, Before: before, After: after})
	require.NoError(t, err)
}

func cards() ([]*deck.Card, []deck.Area) {
	areas := []deck.Area{{ID: "images", Title: "Images"}, {ID: "volumes", Title: "Volumes"}}
	var cs []*deck.Card
	for _, a := range areas {
		for i := range 3 {
			cs = append(cs, &deck.Card{ID: fmt.Sprintf("%s-%d", a.ID, i), Area: a.ID, Kind: deck.KindChoice})
		}
	}
	return cs, areas
}

func TestHeatmapCoversSixteenWeeksFromAMonday(t *testing.T) {
	s := openStore(t)
	day := func(n int) time.Time { return now.AddDate(0, 0, -n) }
	record(t, s, "images-0", day(0), store.Good, store.CardState{}, inReview(day(0), 1, 1))
	for range 3 {
		record(t, s, "images-1", day(1), store.Good, store.CardState{}, inReview(day(1), 1, 1))
	}
	record(t, s, "images-2", day(2).Add(-6*time.Hour), store.Good, store.CardState{}, inReview(day(2), 1, 1)) // 03:00: the day before
	record(t, s, "images-2", day(200), store.Good, store.CardState{}, inReview(day(200), 1, 1))               // before the heatmap

	cs, areas := cards()
	st, err := Compute(context.Background(), s, Options{Cards: cs, Areas: areas, Scheduler: sched(t), Calendar: cal, Now: now})
	require.NoError(t, err)
	h := st.Heatmap
	assert.Equal(t, 16, h.Weeks)
	assert.Equal(t, "2026-08-10", h.Start, "a Monday, 15 weeks before this week's")
	require.Len(t, h.Counts, 15*7+5, "Monday to Friday of this week")
	n := len(h.Counts)
	assert.Equal(t, 1, h.Counts[n-1])
	assert.Equal(t, 3, h.Counts[n-2])
	assert.Equal(t, 1, h.Counts[n-4], "a review at 03:00 counts for the learner's day before")
	assert.Equal(t, 5, h.Total)
	assert.Equal(t, 3, h.Active)
	assert.Equal(t, 3, h.Max)
	assert.Equal(t, 2, st.Streak, "today and yesterday")
	assert.Equal(t, []int{0, 2, 3, 4, 4}, []int{h.Level(0), h.Level(1), h.Level(2), h.Level(3), h.Level(9)})
}

func TestTrueRetentionSplitsYoungAndMatureAsAnkiDoes(t *testing.T) {
	s := openStore(t)
	day := func(n int) time.Time { return now.AddDate(0, 0, -n) }
	young := inReview(day(40), 5, 5)
	mature := inReview(day(60), 21, 30)
	// Today: young passed, mature failed; a second review of the same
	// card the same day is not counted.
	record(t, s, "images-0", day(0), store.Hard, young, young)
	record(t, s, "images-0", day(0).Add(time.Hour), store.Again, young, young)
	record(t, s, "images-1", day(0), store.Again, mature, mature)
	// Yesterday: mature passed; a new card's first sight and a learning
	// step are not counted.
	record(t, s, "images-2", day(1), store.Easy, mature, mature)
	record(t, s, "volumes-0", day(1), store.Again, store.CardState{}, store.CardState{State: store.StateLearning, LastReview: day(1), Due: day(1).Add(time.Minute), Reps: 1})
	record(t, s, "volumes-0", day(1).Add(time.Hour), store.Good, store.CardState{State: store.StateLearning, LastReview: day(1), Reps: 1}, inReview(day(1), 1, 1))
	// Ten days ago: young failed. Forty days ago: young passed.
	record(t, s, "volumes-1", day(10), store.Again, young, young)
	record(t, s, "volumes-2", day(40), store.Good, young, young)

	cs, areas := cards()
	st, err := Compute(context.Background(), s, Options{Cards: cs, Areas: areas, Scheduler: sched(t), Calendar: cal, Now: now})
	require.NoError(t, err)
	want := []Retention{
		{"Today", "2026-11-27", "2026-11-27", Tally{1, 0}, Tally{0, 1}},
		{"Yesterday", "2026-11-26", "2026-11-26", Tally{}, Tally{1, 0}},
		{"Last week", "2026-11-21", "2026-11-27", Tally{1, 0}, Tally{1, 1}},
		{"Last month", "2026-10-29", "2026-11-27", Tally{1, 1}, Tally{1, 1}},
		{"Last year", "2025-11-28", "2026-11-27", Tally{2, 1}, Tally{1, 1}},
	}
	assert.Equal(t, want, st.Retention)
	assert.Equal(t, Tally{3, 2}, st.Retention[4].Total())
	assert.InDelta(t, 0.6, st.Retention[4].Total().Rate(), 1e-12)
}

func TestForecastAreasAndKnowledge(t *testing.T) {
	s := openStore(t)
	day := func(n int) time.Time { return now.AddDate(0, 0, n) }
	due := func(card string, last time.Time, interval int, stab float64) store.CardState {
		st := inReview(last, interval, stab)
		record(t, s, card, last, store.Good, store.CardState{}, st)
		return st
	}
	states := map[string]store.CardState{
		"images-0":  due("images-0", day(-10), 5, 5),   // 5 days overdue
		"images-1":  due("images-1", day(-3), 3, 3),    // due today
		"volumes-0": due("volumes-0", day(-1), 3, 3),   // due in 2 days
		"volumes-1": due("volumes-1", day(-2), 15, 20), // due in 13 days
		"volumes-2": due("volumes-2", day(-1), 15, 20), // due in 14 days: beyond the forecast
	}
	due("gone-0", day(-1), 1, 1) // no longer in any deck

	cs, areas := cards()
	sc := sched(t)
	st, err := Compute(context.Background(), s, Options{Cards: cs, Areas: areas, Scheduler: sc, Calendar: cal, Now: now})
	require.NoError(t, err)
	require.Len(t, st.Forecast.Days, 14)
	assert.Equal(t, "2026-11-27", st.Forecast.Days[0].Day)
	got := make([]int, 14)
	for i, d := range st.Forecast.Days {
		got[i] = d.Due
	}
	assert.Equal(t, []int{2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, got)
	assert.Equal(t, 1, st.Forecast.Overdue)

	r := func(id string) float64 { return sc.Retrievability(schedule.Card(states[id]), now) }
	require.Len(t, st.Areas, 2)
	assert.Equal(t, AreaMemory{ID: "images", Title: "Images", Cards: 3, Reviewed: 2, Mean: (r("images-0") + r("images-1")) / 2}, st.Areas[0])
	assert.Equal(t, 3, st.Areas[1].Reviewed)
	assert.InDelta(t, (r("volumes-0")+r("volumes-1")+r("volumes-2"))/3, st.Areas[1].Mean, 1e-12)
	assert.InDelta(t, r("images-0")+r("images-1")+r("volumes-0")+r("volumes-1")+r("volumes-2"), st.Knowledge, 1e-12)
	assert.Equal(t, 6, st.Cards)
	assert.Equal(t, 5, st.Reviewed, "the card no longer in a deck is left out")
}
