// Package schedule binds the FSRS scheduler to the learner and the review
// store: the scheduler and the calendar of the learner's days, built in one
// place for every command, and the one conversion between the store's card
// state and the scheduler's card.
//
// The store knows nothing of FSRS and the scheduler nothing of the store;
// this package is where the two meet.
package schedule

import (
	"time"

	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// Default returns the scheduler the drill schedules with (FSRS-6 with its
// default parameters, fuzz on) in the learner's time zone loc, and the
// calendar of the learner's days that goes with it: a day starts at the
// scheduler's DayStart in loc. Every command that reads or writes the
// learner's progress builds its scheduler here, so they agree on days.
func Default(loc *time.Location) (*fsrs.Scheduler, store.Calendar, error) {
	s, cal, _, err := FromSettings(nil, loc)
	return s, cal, err
}

// Card turns a stored card state into the scheduler's card; the fields are
// the same.
func Card(s store.CardState) fsrs.Card {
	return fsrs.Card{
		Stability:  s.Stability,
		Difficulty: s.Difficulty,
		State:      fsrs.State(s.State),
		Step:       s.Step,
		Due:        s.Due,
		LastReview: s.LastReview,
		Reps:       s.Reps,
		Lapses:     s.Lapses,
	}
}

// State turns the scheduler's card into the state the store keeps for the
// card with the given id.
func State(id string, c fsrs.Card) store.CardState {
	return store.CardState{
		CardID:     id,
		Stability:  c.Stability,
		Difficulty: c.Difficulty,
		State:      int(c.State),
		Step:       c.Step,
		Due:        c.Due,
		LastReview: c.LastReview,
		Reps:       c.Reps,
		Lapses:     c.Lapses,
	}
}
