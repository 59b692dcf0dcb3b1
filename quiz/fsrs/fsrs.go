// Package fsrs schedules cards with FSRS-6, the scheduler of Anki since
// 23.10, following fsrs-rs and Anki where the public implementations differ
// (the rules and formulas: README.md in this directory):
//
//   - a passing answer on the same day as the last review never lowers
//     stability (the same-day increase is floored at 1 for Hard, Good, Easy);
//   - stability stays within [0.001, 36500] days, difficulty within [1, 10];
//   - when Hard, Good and Easy all schedule a card in days, their intervals
//     are strictly increasing, then capped at the maximum interval;
//   - elapsed days count the learner's day boundaries (04:00 local time by
//     default), not 24-hour periods; an answer in the same learner's day as
//     the last review uses the same-day formula;
//   - review intervals are rounded half to even, at least one day, and fall
//     due at the start of the learner's day; fuzz uses a per-card seed;
//   - float64 throughout, every formula evaluated as py-fsrs evaluates it
//     and every power correctly rounded, so results equal py-fsrs's to the
//     last bit where the rules agree.
//
// New cards walk the learning steps (1m, 10m by default) and lapsed cards
// the relearning steps (10m) before they are scheduled in days, as in
// py-fsrs; the memory state is updated on every answer, steps included.
//
// The package is pure: no I/O, no clock, no global state. Callers pass the
// time of each answer and keep the returned Card.
package fsrs

import (
	"fmt"
	"time"
)

// Rating is the learner's answer to a card. Again is the only failing
// rating; Hard is a pass.
type Rating int8

// The four ratings, numbered as in every FSRS implementation.
const (
	Again Rating = 1
	Hard  Rating = 2
	Good  Rating = 3
	Easy  Rating = 4
)

// Valid reports whether r is one of Again, Hard, Good, Easy.
func (r Rating) Valid() bool { return r >= Again && r <= Easy }

func (r Rating) String() string {
	switch r {
	case Again:
		return "Again"
	case Hard:
		return "Hard"
	case Good:
		return "Good"
	case Easy:
		return "Easy"
	}
	return fmt.Sprintf("Rating(%d)", int8(r))
}

// State is where a card is in its life: never answered, walking the learning
// steps, scheduled in days, or walking the relearning steps after a lapse.
type State int8

// The card states, numbered as in the FSRS optimizer's review_state column.
const (
	New        State = 0
	Learning   State = 1
	Review     State = 2
	Relearning State = 3
)

func (s State) String() string {
	switch s {
	case New:
		return "New"
	case Learning:
		return "Learning"
	case Review:
		return "Review"
	case Relearning:
		return "Relearning"
	}
	return fmt.Sprintf("State(%d)", int8(s))
}

// Card is the scheduling state of one card. The zero Card is a new card,
// due at once.
type Card struct {
	Stability  float64 // days for R to fall from 1 to 0.9; 0 while new
	Difficulty float64 // 1 (easiest) to 10; 0 while new
	State      State
	Step       int       // index into the (re)learning steps; 0 in Review
	Due        time.Time // when the card is next shown
	LastReview time.Time // zero for a new card
	Reps       int       // answers given
	Lapses     int       // Again answers given while in Review
}
