// Package plan looks ahead to the exam day: Compute forecasts the learner's
// days from today to the exam under the drill's schedule (exam mode's pace
// and cap, see session.ExamOptions) and the memory expected on the exam
// day, and Simulate drills simulated learners over the decks to measure
// what a schedule reaches.
//
// Both run the drill's rules day by day: every card due that day is
// answered, then the day's new cards, taken round-robin across the
// knowledge areas as the session takes them, each card walking its learning
// steps within the day. The package is pure: no store, no clock.
package plan

import (
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/session"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// learner gives the ratings of a day's answers.
type learner interface {
	// rate returns the rating of card i shown at at, with state c.
	rate(i int, c fsrs.Card, at time.Time) fsrs.Rating
	// rated is told each rating given, after the schedule took it.
	rated(i int, r fsrs.Rating, at time.Time)
}

// engine runs a learner's days under the drill's schedule.
type engine struct {
	sched *fsrs.Scheduler
	cal   store.Calendar
	cards []*deck.Card
	areas []string
	exam  session.ExamOptions // zero: plain FSRS
	fexam fsrs.Exam
	// newPerDay is the day's allowance without exam mode, or with
	// exam.KeepNewPerDay.
	newPerDay int
	state     []fsrs.Card // by card; State New means never seen
	drillHour time.Duration
}

func newEngine(sched *fsrs.Scheduler, cal store.Calendar, cards []*deck.Card, areas []string, exam session.ExamOptions, newPerDay int) *engine {
	return &engine{
		sched: sched, cal: cal, cards: cards, areas: areas, exam: exam, fexam: exam.FSRS(cal),
		newPerDay: newPerDay, state: make([]fsrs.Card, len(cards)), drillHour: 5 * time.Hour,
	}
}

// dayCount is what one day of drilling took.
type dayCount struct {
	reviews int // answers to cards introduced before the day, relearning steps included
	relearn int // of reviews, the answers in relearning steps (after a lapse)
	news    int // cards introduced
	answers int // every answer, learning steps included
}

// day runs the learner's day of date, starting at at (today: now; later
// days: drillHour after the day starts), with introduced new cards already
// introduced that day before at.
func (e *engine) day(date store.Date, at time.Time, introduced int, l learner) dayCount {
	var dc dayCount
	end := e.cal.Start(date.AddDays(1))
	dayNo := e.sched.DayNumber(at)
	var fresh []*deck.Card
	index := make(map[*deck.Card]int)
	for i, c := range e.state {
		switch {
		case c.State == fsrs.New:
			fresh = append(fresh, e.cards[i])
			index[e.cards[i]] = i
		case c.State == fsrs.Learning || c.State == fsrs.Relearning || e.sched.DayNumber(c.Due) <= dayNo:
			n, re := e.work(i, at, end, l)
			dc.reviews += n
			dc.relearn += re
			dc.answers += n
		}
	}
	allow := e.newPerDay
	if e.exam.Set() && !e.exam.KeepNewPerDay {
		if p := session.NewPace(len(fresh)+introduced, date, e.exam.Day, e.examBuffer()); p.Active {
			allow = p.PerDay
		}
	}
	for _, c := range session.RoundRobin(fresh, e.areas, allow-introduced) {
		dc.news++
		n, _ := e.work(index[c], at, end, l)
		dc.answers += n
	}
	return dc
}

func (e *engine) examBuffer() int {
	switch {
	case e.exam.Buffer == 0:
		return session.DefaultExamBuffer
	case e.exam.Buffer < 0:
		return 0
	}
	return e.exam.Buffer
}

// work answers card i at at, and again at each learning step due before
// end, and returns the number of answers and how many of them were
// relearning steps.
func (e *engine) work(i int, at, end time.Time, l learner) (n, relearn int) {
	id := e.cards[i].ID
	for {
		c := e.state[i]
		if c.State == fsrs.Relearning {
			relearn++
		}
		r := l.rate(i, c, at)
		next, _ := e.sched.ReviewForExam(c, r, at, fsrs.FuzzSeed(id, c.Reps), e.fexam)
		e.state[i] = next
		l.rated(i, r, at)
		n++
		if next.State == fsrs.Review || !next.Due.Before(end) || n > 20 {
			return n, relearn
		}
		at = next.Due
	}
}

// dayTime is when the learner drills on a day after today.
func (e *engine) dayTime(d store.Date) time.Time {
	return e.cal.Start(d).Add(e.drillHour)
}
