package plan

import (
	"errors"
	"fmt"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/readiness"
	"github.com/dockdrill/dockdrill/quiz/session"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// DefaultSecondsPerAnswer is the time an answer is assumed to take while
// the learner has no history.
const DefaultSecondsPerAnswer = 8.0

// Options are the inputs of Compute.
type Options struct {
	Cards     []*deck.Card // every card of the decks, in deck order
	AreaOrder []string     // the blueprint's order of the knowledge areas
	Scheduler *fsrs.Scheduler
	Calendar  store.Calendar
	Now       time.Time
	// States are the cards' states from the store; cards absent are new.
	States map[string]store.CardState
	// IntroducedToday is the number of new cards introduced today.
	IntroducedToday int
	// Exam is the exam mode the drill runs in; Exam.Day is required.
	Exam session.ExamOptions
	// NewPerDay is the daily allowance when Exam.KeepNewPerDay.
	NewPerDay int
	// SecondsPerAnswer is the learner's median time per answer; 0 means
	// DefaultSecondsPerAnswer. Answers is the number of answers it was
	// measured over (0: none).
	SecondsPerAnswer float64
	Answers          int
}

// Report is the plan from today to the exam.
type Report struct {
	Today    string       `json:"today"`
	ExamDay  string       `json:"exam_date"`
	DaysLeft int          `json:"days_left"`
	Target   float64      `json:"exam_retention"`
	Buffer   int          `json:"exam_buffer_days"`
	Pace     session.Pace `json:"pace"`
	NewBy    string       `json:"new_cards_by,omitempty"` // the pace's last day, when active
	// SecondsPerAnswer is the time an answer is counted at; MeasuredFrom
	// is the number of the learner's answers it is the median of (0: the
	// default).
	SecondsPerAnswer float64 `json:"seconds_per_answer"`
	MeasuredFrom     int     `json:"seconds_measured_from_answers"`
	Days             []Day   `json:"days"`
	Total            Day     `json:"total"`
	Areas            []Area  `json:"areas"`
	Overall          Area    `json:"overall"`
}

// Day is one day's forecast work.
type Day struct {
	Date    string  `json:"date,omitempty"`
	Reviews int     `json:"reviews"` // answers to cards introduced before the day
	New     int     `json:"new"`     // cards introduced
	Answers int     `json:"answers"` // every answer, learning steps included
	Minutes float64 `json:"minutes"` // Answers at SecondsPerAnswer
}

// Area is the expected memory of one knowledge area on the exam day.
type Area struct {
	ID    string `json:"id"`
	Cards int    `json:"cards"`
	Seen  int    `json:"seen_by_exam"` // cards introduced by the exam day
	// Memory is the mean retrievability of the area's cards on the exam
	// day with the plan followed (every answer right), a card never seen
	// counting 0.
	Memory float64 `json:"memory"`
	// NoReviews is the same if no card were reviewed again from now:
	// readiness's memory (readiness.Project).
	NoReviews float64 `json:"memory_without_reviews"`
}

// Compute forecasts the days from today up to the exam day (not
// included): every card due answered on its day, right (Good), the new
// cards introduced by the drill's pace, learning steps walked, and the
// exam cap applied; then the retrievability each card has on the exam day
// (readiness.ExamDayTime), per area and overall.
func Compute(o Options) (*Report, error) {
	if !o.Exam.Set() {
		return nil, errors.New("no exam date")
	}
	today := o.Calendar.Day(o.Now)
	if o.Exam.Day.Before(today) {
		return nil, fmt.Errorf("the exam date %s is before today, %s", o.Exam.Day, today)
	}
	spa := o.SecondsPerAnswer
	if spa <= 0 {
		spa, o.Answers = DefaultSecondsPerAnswer, 0
	}
	e := newEngine(o.Scheduler, o.Calendar, o.Cards, o.AreaOrder, o.Exam, o.NewPerDay)
	for i, c := range o.Cards {
		if st, ok := o.States[c.ID]; ok && st.State != store.StateNew {
			e.state[i] = toFSRS(st)
		}
	}
	rep := &Report{
		Today: today.String(), ExamDay: o.Exam.Day.String(), DaysLeft: o.Exam.Day.Sub(today),
		Target: o.Exam.FSRS(o.Calendar).Target, Buffer: e.examBuffer(),
		SecondsPerAnswer: spa, MeasuredFrom: o.Answers,
	}
	fresh := o.IntroducedToday
	for _, c := range e.state {
		if c.State == fsrs.New {
			fresh++
		}
	}
	rep.Pace = session.NewPace(fresh, today, o.Exam.Day, e.examBuffer())
	if rep.Pace.TooMany {
		byArea := map[string]int{}
		for i, c := range e.state {
			if c.State == fsrs.New {
				byArea[o.Cards[i].Area]++
			}
		}
		var loads []session.AreaLoad
		for _, a := range o.AreaOrder {
			loads = append(loads, session.AreaLoad{Area: a, New: byArea[a], Weight: o.Exam.AreaWeights[a]})
		}
		rep.Pace.LeaveOut = session.LeaveOut(loads, o.IntroducedToday, rep.Pace.Days, session.MaxNewPerDay)
	}
	if rep.Pace.Active && !o.Exam.KeepNewPerDay {
		rep.NewBy = rep.Pace.By.String()
	}

	good := goodLearner{}
	for d := today; d.Before(o.Exam.Day); d = d.AddDays(1) {
		at, introduced := e.dayTime(d), 0
		if d == today {
			at, introduced = o.Now, o.IntroducedToday
		}
		dc := e.day(d, at, introduced, good)
		day := Day{Date: d.String(), Reviews: dc.reviews, New: dc.news, Answers: dc.answers,
			Minutes: float64(dc.answers) * spa / 60}
		rep.Days = append(rep.Days, day)
		rep.Total.Reviews += day.Reviews
		rep.Total.New += day.New
		rep.Total.Answers += day.Answers
		rep.Total.Minutes += day.Minutes
	}

	at := readiness.ExamDayTime(o.Calendar, o.Exam.Day)
	byArea := map[string]*Area{}
	for _, a := range o.AreaOrder {
		rep.Areas = append(rep.Areas, Area{ID: a})
	}
	for i := range rep.Areas {
		byArea[rep.Areas[i].ID] = &rep.Areas[i]
	}
	rep.Overall.ID = "all"
	for i, c := range o.Cards {
		a := byArea[c.Area]
		if a == nil {
			rep.Areas = append(rep.Areas, Area{ID: c.Area})
			for j := range rep.Areas {
				byArea[rep.Areas[j].ID] = &rep.Areas[j]
			}
			a = byArea[c.Area]
		}
		planned := readiness.Project(o.Scheduler, fromFSRS(c.ID, e.state[i]), at)
		now := readiness.Project(o.Scheduler, o.States[c.ID], at)
		for _, x := range []*Area{a, &rep.Overall} {
			x.Cards++
			if e.state[i].State != fsrs.New {
				x.Seen++
			}
			x.Memory += planned
			x.NoReviews += now
		}
	}
	for _, x := range append([]*Area{&rep.Overall}, ptrs(rep.Areas)...) {
		if x.Cards > 0 {
			x.Memory /= float64(x.Cards)
			x.NoReviews /= float64(x.Cards)
		}
	}
	return rep, nil
}

func ptrs(as []Area) []*Area {
	out := make([]*Area, len(as))
	for i := range as {
		out[i] = &as[i]
	}
	return out
}

// goodLearner answers every card right: Good.
type goodLearner struct{}

func (goodLearner) rate(int, fsrs.Card, time.Time) fsrs.Rating { return fsrs.Good }
func (goodLearner) rated(int, fsrs.Rating, time.Time)          {}
