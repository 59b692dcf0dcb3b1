package session

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/internal/testio"
	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/store"
	"github.com/stretchr/testify/require"
)

// t0 is a Friday morning, well after the learner's day starts at 04:00 UTC.
var t0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

var areaOrder = []string{"arch", "images", "dockerfile", "upload", "containers", "networks", "volumes"}

// clock is the tests' settable clock.
type clock = testio.Clock

func newClock(t time.Time) *clock { return testio.NewClock(t) }

// memStore is an in-memory Store with the real store's undo rules, for
// tests and simulations that need no disk.
type memStore struct {
	reviews []store.Review
	nextID  int64
	fail    error // returned by ReviewFrom when set
	// seed holds the states of cards not reviewed in this store.
	seed map[string]store.CardState
}

func (m *memStore) ReviewFrom(_ context.Context, id string, compute func(store.CardState) store.Review) (store.Review, error) {
	if m.fail != nil {
		return store.Review{}, m.fail
	}
	before, ok := m.seed[id]
	if !ok {
		before = store.CardState{CardID: id}
	}
	for _, r := range m.reviews {
		if r.CardID == id {
			before = r.After
		}
	}
	r := compute(before)
	m.nextID++
	r.ID, r.CardID, r.Before = m.nextID, id, before
	m.reviews = append(m.reviews, r)
	return r, nil
}

func (m *memStore) UndoLast(_ context.Context, sessionID string) (store.Review, error) {
	for i := len(m.reviews) - 1; i >= 0; i-- {
		r := m.reviews[i]
		if r.SessionID != sessionID {
			continue
		}
		for _, later := range m.reviews[i+1:] {
			if later.CardID == r.CardID {
				return store.Review{}, store.ErrUndoConflict
			}
		}
		m.reviews = append(m.reviews[:i], m.reviews[i+1:]...)
		return r, nil
	}
	return store.Review{}, store.ErrNothingToUndo
}

// card returns a command card of the area, numbered n.
func card(area string, n int) *deck.Card {
	return &deck.Card{
		ID: fmt.Sprintf("%s-%d", area, n), Area: area, Kind: deck.KindCommand, Deck: area,
		Prompt: fmt.Sprintf("Question %d of %s", n, area), Answer: "docker ps", Grade: deck.GradeDocker,
		Explain: "Because.",
	}
}

// cards returns n command cards of each area, area by area.
func cards(n int, areas ...string) []*deck.Card {
	var out []*deck.Card
	for _, a := range areas {
		for i := range n {
			out = append(out, card(a, i))
		}
	}
	return out
}

func scheduler(t testing.TB, fuzz bool) *fsrs.Scheduler {
	t.Helper()
	p := fsrs.DefaultParams()
	p.EnableFuzz = fuzz
	s, err := fsrs.NewScheduler(p)
	require.NoError(t, err)
	return s
}

// config returns a session configuration over cs with an in-memory store
// and the clock c.
func config(t testing.TB, c *clock, cs []*deck.Card) Config {
	// The store starts with the states the test gives the session.
	states := map[string]store.CardState{}
	return Config{
		ID:        NewID(c.Now(), 1),
		Store:     &memStore{seed: states},
		Scheduler: scheduler(t, false),
		Calendar:  store.Calendar{Loc: time.UTC, Rollover: store.DefaultRollover},
		Now:       c.Now,
		Cards:     cs,
		AreaOrder: areaOrder,
		States:    states,
		Options:   Options{NewPerDay: DefaultNewPerDay},
	}
}

// reviewState returns the state of a card in Review that was last
// reviewed days ago with the given stability, and is due now.
func reviewState(id string, now time.Time, daysAgo int, stability float64) store.CardState {
	return store.CardState{
		CardID: id, Stability: stability, Difficulty: 5, State: store.StateReview,
		LastReview: now.AddDate(0, 0, -daysAgo), Due: now.Add(-time.Hour), Reps: 3,
	}
}

// openStore opens a new store in a temporary directory.
func openStore(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "dockdrill.db"))
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

func ids(cs []*deck.Card) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

// drain answers every card the session asks with rating, advancing the
// clock by step per answer, and returns the ids in the order asked.
func drain(t testing.TB, s *Session, c *clock, rating fsrs.Rating, step time.Duration) []string {
	t.Helper()
	var asked []string
	for {
		next, ok := s.Next()
		if !ok {
			return asked
		}
		asked = append(asked, next.ID)
		_, err := s.Rate(context.Background(), next, Answer{Rating: rating, Verdict: store.VerdictSelf})
		require.NoError(t, err)
		c.Add(step)
		require.Less(t, len(asked), 10_000, "the session never ends")
	}
}
