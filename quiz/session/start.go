package session

import (
	"context"
	"crypto/rand"
	"encoding/binary"
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
// card of set, with a new random id, the areas in the blueprint's order, in
// exam mode when exam says so.
func Start(ctx context.Context, st Source, set *deck.Set, sched *fsrs.Scheduler, cal store.Calendar,
	now func() time.Time, color bool, exam ExamOptions, o Options) (*Session, error) {
	at := now()
	states, err := st.CardStates(ctx)
	if err != nil {
		return nil, err
	}
	today := cal.Day(at)
	introduced, err := st.CountIntroduced(ctx, cal.Start(today), cal.Start(today.AddDays(1)))
	if err != nil {
		return nil, err
	}
	var random [4]byte
	_, _ = rand.Read(random[:])
	return New(Config{
		ID:              NewID(at, binary.BigEndian.Uint32(random[:])),
		Store:           st,
		Scheduler:       sched,
		Calendar:        cal,
		Now:             now,
		Cards:           set.Cards(),
		AreaOrder:       set.Blueprint.AreaIDs(),
		States:          states,
		IntroducedToday: introduced,
		Color:           color,
		Exam:            exam,
		Options:         o,
	})
}
