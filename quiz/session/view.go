package session

import (
	"fmt"
	"slices"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// Now returns the session's current time.
func (s *Session) Now() time.Time { return s.cfg.Now() }

// Done returns the number of answers given in the session, undone ones
// left out.
func (s *Session) Done() int { return len(s.log) }

// Practice reports whether the session is a practice run (Config.Practice).
func (s *Session) Practice() bool { return s.cfg.Practice }

// Counts are the cards a session still has to ask, by what they are: new,
// in a learning step due within the session (Options.LearnAhead from now),
// and due reviews. The card being asked counts until it is answered; a new
// card answered and back in a learning step counts as learning, not as new.
type Counts struct {
	New, Learning, Review int
}

// Total is the sum of the counts.
func (c Counts) Total() int { return c.New + c.Learning + c.Review }

// Counts returns what is left at the current time.
func (s *Session) Counts() Counts {
	var c Counts
	for _, card := range s.queue {
		if st, ok := s.cfg.States[card.ID]; !ok || st.State == store.StateNew {
			c.New++
		} else {
			c.Review++
		}
	}
	by := s.cfg.Now().Add(s.cfg.LearnAhead)
	for _, card := range s.learning {
		if !s.cfg.States[card.ID].Due.After(by) {
			c.Learning++
		}
	}
	return c
}

// When says when a card next falls due, seen from now: "in 10 min",
// "in 3 h", "tomorrow", "in 4 days".
func (s *Session) When(due, now time.Time) string { return s.when(due, now) }

// when says when a card next falls due, seen from now.
func (s *Session) when(due, now time.Time) string {
	d := due.Sub(now)
	switch {
	case d < time.Hour:
		return fmt.Sprintf("in %d min", max(1, int(d.Round(time.Minute)/time.Minute)))
	}
	days := s.cfg.Calendar.Day(due).Sub(s.cfg.Calendar.Day(now))
	switch {
	case days <= 0:
		return fmt.Sprintf("in %d h", int(d.Round(time.Hour)/time.Hour))
	case days == 1:
		return "tomorrow"
	default:
		return fmt.Sprintf("in %d days", days)
	}
}

// Card returns the card with id, if the session's decks have it.
func (s *Session) Card(id string) (*deck.Card, bool) {
	c, ok := s.byID[id]
	return c, ok
}

// Missed returns the cards rated Again in the session, in the order first
// missed, each once; an answer undone is not counted.
func (s *Session) Missed() []string {
	var ids []string
	for _, r := range s.log {
		if r.Rating == int(fsrs.Again) && !slices.Contains(ids, r.CardID) {
			ids = append(ids, r.CardID)
		}
	}
	return ids
}

// Learning returns the number of cards of the decks in a learning or
// relearning step, and when the first of them is due (zero when none is).
func (s *Session) Learning() (int, time.Time) {
	n := 0
	var next time.Time
	for _, c := range s.cfg.Cards {
		st, ok := s.cfg.States[c.ID]
		if !ok || (st.State != store.StateLearning && st.State != store.StateRelearning) {
			continue
		}
		n++
		if next.IsZero() || st.Due.Before(next) {
			next = st.Due
		}
	}
	return n, next
}

// Carried returns how many cards the session still holds that are not new:
// due reviews not asked yet and cards in a learning step. Left for later,
// they are among the cards due tomorrow.
func (s *Session) Carried() int {
	n := len(s.learning)
	for _, card := range s.queue {
		if st, ok := s.cfg.States[card.ID]; ok && st.State != store.StateNew {
			n++
		}
	}
	return n
}
