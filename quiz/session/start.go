package session

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"slices"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// Source is what Start reads from the review store, besides what a session
// writes to it; *store.Store has it.
type Source interface {
	Store
	CardStates(ctx context.Context) (map[string]store.CardState, error)
	CountIntroduced(ctx context.Context, from, to time.Time) (int, error)
}

// Start reads the cards' states and the number of new cards already
// introduced on the learner's day from st, and builds a session over every
// card of set with the rest of cfg (its scheduler, calendar, clock, exam
// mode and options): a new random id, st as its store, the areas in the
// blueprint's order.
func Start(ctx context.Context, st Source, set *deck.Set, cfg Config) (*Session, error) {
	at := cfg.Now()
	states, err := st.CardStates(ctx)
	if err != nil {
		return nil, err
	}
	today := cfg.Calendar.Day(at)
	introduced, err := st.CountIntroduced(ctx, cfg.Calendar.Start(today), cfg.Calendar.Start(today.AddDays(1)))
	if err != nil {
		return nil, err
	}
	var random [4]byte
	_, _ = rand.Read(random[:])
	cfg.ID = NewID(at, binary.BigEndian.Uint32(random[:]))
	cfg.Store = st
	cfg.Cards = set.Cards()
	cfg.AreaOrder = set.Blueprint.AreaIDs()
	cfg.States = states
	cfg.IntroducedToday = introduced
	return New(cfg)
}

// Reviews is what MissedToday reads of the review store; *store.Store has
// it.
type Reviews interface {
	ReviewsSince(ctx context.Context, since time.Time) ([]store.Review, error)
}

// MissedToday returns the cards rated Again on the learner's day of now, in
// the order first missed: what drill --missed goes over.
func MissedToday(ctx context.Context, st Reviews, cal store.Calendar, now time.Time) ([]string, error) {
	reviews, err := st.ReviewsSince(ctx, cal.Start(cal.Day(now)))
	if err != nil {
		return nil, err
	}
	var ids []string
	for _, r := range reviews {
		if r.Rating == int(fsrs.Again) && !slices.Contains(ids, r.CardID) {
			ids = append(ids, r.CardID)
		}
	}
	return ids, nil
}
