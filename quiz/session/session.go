// Package session is the daily drill's model: it builds the queue of cards
// to ask, schedules each answered card with FSRS and commits every answer to
// the store before the next card appears. The drill's screen, which asks the
// cards and grades the answers, is ui.Drill.
//
// The package has no terminal and no clock of its own: the time comes from
// Config.Now, so tests drive weeks of reviews in milliseconds.
//
// # The queue
//
// A session starts with the review cards due now, lowest retrievability
// first, then new cards up to the day's allowance (Options.NewPerDay minus
// the new cards already introduced that learner's day), taken round-robin
// across the knowledge areas. Cards are interleaved so that two cards of one
// area do not follow each other when that can be avoided. Options.Areas,
// Options.Decks and Options.Limit narrow the queue.
//
// Cards in learning or relearning steps (1 and 10 minutes by default) are
// kept apart and come back within the session:
//
//  1. a learning card whose step is due comes before anything else;
//  2. else the next card of the queue;
//  3. else, when the queue is empty, the learning card due soonest, if it is
//     due within Options.LearnAhead (20 minutes by default, as in Anki), so
//     a card answered wrong at the end of a session is asked again before
//     it ends; the card just answered only when no other is waiting.
//
// Learning cards due later than that wait for the next drill.
//
// # Exam mode
//
// With Config.Exam set and the exam day not yet reached, new cards are
// paced to be all introduced ExamOptions.Buffer days before the exam (Pace),
// an interval that would reach the exam day below the exam target is
// shortened (fsrs.Scheduler.CapForExam; Preview and BeforeExam report it),
// and inside the buffer due cards come lowest retrievability on the exam
// day first. On the exam day and after it the session is plain FSRS.
package session

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/schedule"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// DefaultNewPerDay is how many new cards a learner's day introduces unless
// told otherwise.
const DefaultNewPerDay = 15

// DefaultLearnAhead is how far ahead a learning card is shown when nothing
// else is left, as Anki's "learn ahead limit".
const DefaultLearnAhead = 20 * time.Minute

// Store is what a session needs of the review store; *store.Store has it.
type Store interface {
	// ReviewFrom computes a review from the card's state as stored,
	// inside the write, and commits it; see store.Store.ReviewFrom.
	ReviewFrom(ctx context.Context, cardID string, compute func(before store.CardState) store.Review) (store.Review, error)
	UndoLast(ctx context.Context, sessionID string) (store.Review, error)
}

// Options select and size the queue.
type Options struct {
	// NewPerDay is how many new cards a learner's day may introduce in
	// all; 0 introduces none. The drill's --new defaults to
	// DefaultNewPerDay.
	NewPerDay int
	// Limit is the most cards a session asks, counting each card once; 0
	// means no limit.
	Limit int
	// Areas and Decks, when not empty, keep only the cards of these
	// knowledge areas and these decks.
	Areas []string
	Decks []string
	// Only, when not empty, asks exactly these cards, in this order,
	// whatever their state and due date (drill --missed).
	Only []string
	// LearnAhead is how early a learning card may be shown when nothing
	// else is left; 0 means DefaultLearnAhead.
	LearnAhead time.Duration
}

// Config is everything a session works with.
type Config struct {
	// ID names the session in the review log; undo reaches only its
	// reviews. It must be unique, see NewID.
	ID        string
	Store     Store
	Scheduler *fsrs.Scheduler
	// Calendar places the learner's days; it must agree with the
	// scheduler's DayStart and Location.
	Calendar store.Calendar
	Now      func() time.Time
	// Cards are every card of the decks, in deck order.
	Cards []*deck.Card
	// AreaOrder is the order of the knowledge areas (the blueprint's);
	// new cards are taken round-robin in it.
	AreaOrder []string
	// States are the cards' states from the store; cards absent are new.
	// The map is copied.
	States map[string]store.CardState
	// IntroducedToday is the number of new cards already introduced on
	// the learner's day of the session's start.
	IntroducedToday int
	// Practice asks without rescheduling: answers are graded and shown
	// but not written to the store, and no card comes back in a learning
	// step (drill --missed goes over cards already rescheduled).
	Practice bool
	// Exam turns on exam mode (see ExamOptions).
	Exam ExamOptions
	Options
}

// Session is one sitting of the drill. It is not safe for concurrent use.
type Session struct {
	cfg      Config
	start    time.Time
	byID     map[string]*deck.Card
	queue    []*deck.Card
	learning []*deck.Card // cards in (re)learning steps, by due time
	last     string       // the card answered last
	log      []store.Review
	planned  plan
	capped   map[string]bool // cards whose last rating the exam cap moved
}

// Answer is the learner's answer to one card, as rated.
type Answer struct {
	Rating  fsrs.Rating
	Typed   string        // what was typed or picked
	Verdict string        // store.VerdictRight, VerdictWrong or VerdictSelf
	Took    time.Duration // from the card's showing to the answer
}

// New builds the session's queue at cfg.Now().
func New(cfg Config) (*Session, error) {
	switch {
	case cfg.ID == "":
		return nil, errors.New("session: no id")
	case cfg.Store == nil || cfg.Scheduler == nil || cfg.Now == nil:
		return nil, errors.New("session: store, scheduler and clock are required")
	case cfg.NewPerDay < 0 || cfg.Limit < 0:
		return nil, errors.New("session: negative new-card allowance or limit")
	}
	if cfg.LearnAhead == 0 {
		cfg.LearnAhead = DefaultLearnAhead
	}
	states := make(map[string]store.CardState, len(cfg.States))
	for id, st := range cfg.States {
		states[id] = st
	}
	cfg.States = states
	s := &Session{cfg: cfg, start: cfg.Now(), byID: make(map[string]*deck.Card, len(cfg.Cards)), capped: map[string]bool{}}
	for _, c := range cfg.Cards {
		s.byID[c.ID] = c
	}
	s.planned = buildPlan(&s.cfg, s.start)
	s.queue = slices.Clone(s.planned.queue)
	s.learning = slices.Clone(s.planned.learning)
	return s, nil
}

// NewID returns a session id: the start time and 32 random bits from
// random, such as "20261127T090000.123Z-1a2b3c4d".
func NewID(start time.Time, random uint32) string {
	return fmt.Sprintf("%s-%08x", start.UTC().Format("20060102T150405.000Z"), random)
}

// ID returns the session's id.
func (s *Session) ID() string { return s.cfg.ID }

// Planned returns how many due review cards and new cards the session
// planned at its start, and how many cards in learning steps it holds.
func (s *Session) Planned() (due, new, learning int) {
	return s.planned.due, s.planned.new, len(s.planned.learning)
}

// State returns the card's current state; a card never reviewed has the
// zero state with its id.
func (s *Session) State(id string) store.CardState {
	st := s.cfg.States[id]
	st.CardID = id
	return st
}

// Next returns the card to ask at the current time, following the rule in
// the package documentation, and false when the session is over. It does
// not take the card off the queue; Rate does.
func (s *Session) Next() (*deck.Card, bool) {
	now := s.cfg.Now()
	if c := s.nextLearning(now); c != nil {
		return c, true
	}
	if len(s.queue) > 0 {
		return s.queue[0], true
	}
	if c := s.nextLearning(now.Add(s.cfg.LearnAhead)); c != nil {
		return c, true
	}
	return nil, false
}

// nextLearning returns the learning card due soonest by by, preferring one
// that was not answered last.
func (s *Session) nextLearning(by time.Time) *deck.Card {
	var best, again *deck.Card
	for _, c := range s.learning {
		if s.cfg.States[c.ID].Due.After(by) {
			continue
		}
		if c.ID == s.last {
			again = c
			continue
		}
		if best == nil || s.cfg.States[c.ID].Due.Before(s.cfg.States[best.ID].Due) {
			best = c
		}
	}
	if best == nil {
		return again
	}
	return best
}

// Remaining is the number of cards still to be asked, learning cards
// included; learning cards due later than the session can wait count too.
func (s *Session) Remaining() int { return len(s.queue) + len(s.learning) }

// Rate schedules the card with the answer at the current time and commits
// the review to the store. Only when the store has it does the session
// change: the card leaves the queue, and comes back later in the session
// if it is now in a learning step. The store write ignores ctx's
// cancellation: an answer given is never dropped halfway.
func (s *Session) Rate(ctx context.Context, c *deck.Card, a Answer) (store.Review, error) {
	if !a.Rating.Valid() {
		return store.Review{}, fmt.Errorf("session: invalid rating %d", a.Rating)
	}
	now := time.UnixMilli(s.cfg.Now().UnixMilli()).UTC() // the store's precision
	if s.cfg.Practice {
		before := s.State(c.ID)
		after := s.cfg.Scheduler.Review(schedule.Card(before), a.Rating, now, fsrs.FuzzSeed(c.ID, before.Reps))
		r := store.Review{
			SessionID: s.cfg.ID, CardID: c.ID, Time: now, Rating: int(a.Rating), Typed: a.Typed, Verdict: a.Verdict,
			Took: max(0, a.Took).Truncate(time.Millisecond), Before: before, After: schedule.State(c.ID, after), CardHash: CardHash(c),
		}
		s.remove(c.ID)
		s.last = c.ID
		s.log = append(s.log, r)
		return r, nil
	}
	// The card is scheduled from its state as stored when the write
	// begins: another drill may have rated it since this one read it.
	var capped bool
	r, err := s.cfg.Store.ReviewFrom(context.WithoutCancel(ctx), c.ID, func(before store.CardState) store.Review {
		var after fsrs.Card
		after, capped = s.cfg.Scheduler.ReviewForExam(schedule.Card(before), a.Rating, now, fsrs.FuzzSeed(c.ID, before.Reps), s.cfg.Exam.FSRS(s.cfg.Calendar))
		return store.Review{
			SessionID: s.cfg.ID,
			Time:      now,
			Rating:    int(a.Rating),
			Typed:     a.Typed,
			Verdict:   a.Verdict,
			Took:      max(0, a.Took).Truncate(time.Millisecond),
			After:     schedule.State(c.ID, after),
			CardHash:  CardHash(c),
		}
	})
	if err != nil {
		return store.Review{}, err
	}
	s.cfg.States[c.ID] = r.After
	s.capped[c.ID] = capped
	s.remove(c.ID)
	if r.After.State == store.StateLearning || r.After.State == store.StateRelearning {
		s.learning = append(s.learning, c)
	}
	s.last = c.ID
	s.log = append(s.log, r)
	return r, nil
}

// Undo undoes the session's last review in the store, restores the card's
// state from before it and puts the card first in the queue. It returns
// the review undone, or the store's error: store.ErrNothingToUndo when the
// session has none left, store.ErrUndoConflict when another session has
// reviewed the card since.
func (s *Session) Undo(ctx context.Context) (store.Review, error) {
	if s.cfg.Practice {
		return store.Review{}, store.ErrNothingToUndo
	}
	r, err := s.cfg.Store.UndoLast(context.WithoutCancel(ctx), s.cfg.ID)
	if err != nil {
		return store.Review{}, err
	}
	if r.Before.State == store.StateNew && r.Before.Reps == 0 && r.Before.LastReview.IsZero() {
		delete(s.cfg.States, r.CardID)
	} else {
		s.cfg.States[r.CardID] = r.Before
	}
	s.remove(r.CardID)
	if c, ok := s.byID[r.CardID]; ok {
		s.queue = slices.Insert(s.queue, 0, c)
	}
	for i := len(s.log) - 1; i >= 0; i-- {
		if s.log[i].ID == r.ID {
			s.log = slices.Delete(s.log, i, i+1)
			break
		}
	}
	s.last = ""
	return r, nil
}

// remove takes the card off the queue and the learning cards.
func (s *Session) remove(id string) {
	match := func(c *deck.Card) bool { return c.ID == id }
	s.queue = slices.DeleteFunc(s.queue, match)
	s.learning = slices.DeleteFunc(s.learning, match)
}

// Summary sums up a session so far.
type Summary struct {
	Reviewed int           // answers, undone ones left out
	Passed   int           // answers rated Hard, Good or Easy
	Cards    int           // different cards answered
	New      int           // new cards introduced
	Took     time.Duration // answering time, summed over the answers
	Elapsed  time.Duration // from the session's start to now
	// Left is the number of cards not finished: still queued, or in a
	// learning step.
	Left int
	// DueTomorrow is the number of cards of the decks (all of them, not
	// only the session's) due by the end of the learner's next day.
	DueTomorrow int
}

// Summary returns the session's figures at the current time.
func (s *Session) Summary() Summary {
	now := s.cfg.Now()
	sum := Summary{Elapsed: now.Sub(s.start), Left: s.Remaining()}
	cards := make(map[string]bool)
	for _, r := range s.log {
		sum.Reviewed++
		if r.Passed() {
			sum.Passed++
		}
		if r.Before.State == store.StateNew {
			sum.New++
		}
		cards[r.CardID] = true
		sum.Took += r.Took
	}
	sum.Cards = len(cards)
	end := s.cfg.Calendar.Start(s.cfg.Calendar.Day(now).AddDays(2))
	for _, c := range s.cfg.Cards {
		if st, ok := s.cfg.States[c.ID]; ok && st.State != store.StateNew && st.Due.Before(end) {
			sum.DueTomorrow++
		}
	}
	return sum
}

// CardHash is a hash of what a card asks and accepts: its kind, prompt,
// answers, choices and correct choices. The review log keeps it, so a
// review of a card edited since can be told apart.
func CardHash(c *deck.Card) string {
	h := sha256.New()
	field := func(s string) {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
	}
	list := func(l []string) {
		field(fmt.Sprint(len(l)))
		for _, s := range l {
			field(s)
		}
	}
	field(string(c.Kind))
	field(c.Prompt)
	field(c.Answer)
	list(c.Accept)
	list(c.Choices)
	list(c.Correct)
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}
