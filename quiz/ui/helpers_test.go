package ui

import (
	"bytes"
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/internal/testio"
	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/session"
	"github.com/dockdrill/dockdrill/quiz/store"
	"github.com/stretchr/testify/require"
)

// t0 is a Friday morning, well after the learner's day starts at 04:00 UTC.
var t0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

var areaOrder = []string{"arch", "images", "dockerfile", "upload", "containers", "networks", "volumes"}

// clock is the tests' settable clock.
type clock = testio.Clock

func newClock(t time.Time) *clock { return testio.NewClock(t) }

// memStore is an in-memory session.Store that records reviews; undo takes
// the session's last one.
type memStore struct {
	reviews []store.Review
	nextID  int64
	seed    map[string]store.CardState // the states of cards not reviewed here
}

func (m *memStore) ReviewFrom(_ context.Context, id string, compute func(store.CardState) store.Review) (store.Review, error) {
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
		if r := m.reviews[i]; r.SessionID == sessionID {
			m.reviews = append(m.reviews[:i], m.reviews[i+1:]...)
			return r, nil
		}
	}
	return store.Review{}, store.ErrNothingToUndo
}

// config returns a session configuration over cs with an in-memory store
// and the clock c.
func config(t testing.TB, c *clock, cs []*deck.Card) session.Config {
	t.Helper()
	p := fsrs.DefaultParams()
	p.EnableFuzz = false
	sched, err := fsrs.NewScheduler(p)
	require.NoError(t, err)
	states := map[string]store.CardState{} // in the store too
	return session.Config{
		ID:        session.NewID(c.Now(), 1),
		Store:     &memStore{seed: states},
		Scheduler: sched,
		Calendar:  store.Calendar{Loc: time.UTC, Rollover: store.DefaultRollover},
		Now:       c.Now,
		Cards:     cs,
		AreaOrder: areaOrder,
		States:    states,
		Options:   session.Options{NewPerDay: session.DefaultNewPerDay},
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

// syncBuffer is a bytes.Buffer safe for one writer and a polling reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
