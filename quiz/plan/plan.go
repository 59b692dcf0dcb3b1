package plan

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/readiness"
	"github.com/dockdrill/dockdrill/quiz/schedule"
	"github.com/dockdrill/dockdrill/quiz/session"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// Defaults of Options.
const (
	// DefaultSecondsPerAnswer is the time an answer is assumed to take
	// while the learner has no history.
	DefaultSecondsPerAnswer = 8.0
	// DefaultFirstRight is the chance of knowing a new card on first
	// sight while the learner has no history of first sights.
	DefaultFirstRight = 0.5
	// DefaultRuns is how many times the learner's days are drawn.
	DefaultRuns = 10
)

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
	// FirstRight is the chance the learner answers a new card right on
	// first sight, from their history; 0 means DefaultFirstRight.
	FirstRight float64
	// Runs is how many times the days are drawn (0: DefaultRuns), from
	// Seed: the forecast is their mean.
	Runs int
	Seed uint64
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
	FirstRight       float64 `json:"first_sight_right"`
	Runs             int     `json:"runs"`
	Days             []Day   `json:"days"`
	Total            Day     `json:"total"`
	Areas            []Area  `json:"areas"`
	Overall          Area    `json:"overall"`
}

// Day is one day's forecast work, the mean over the runs.
type Day struct {
	Date    string  `json:"date,omitempty"`
	Reviews float64 `json:"reviews"` // answers to cards introduced before the day
	New     float64 `json:"new"`     // cards introduced
	Answers float64 `json:"answers"` // every answer, learning steps included
	Minutes float64 `json:"minutes"` // Answers at SecondsPerAnswer
}

// Area is the expected memory of one knowledge area on the exam day.
type Area struct {
	ID    string  `json:"id"`
	Cards int     `json:"cards"`
	Seen  float64 `json:"seen_by_exam"` // cards introduced by the exam day
	// Memory is the mean retrievability of the area's cards on the exam
	// day with the plan followed, a card never seen counting 0.
	Memory float64 `json:"memory"`
	// NoReviews is the same if no card were reviewed again from now:
	// readiness's memory (readiness.Project).
	NoReviews float64 `json:"memory_without_reviews"`
}

// Compute forecasts the days from today up to the exam day (not
// included) as the drill schedules them: every card due answered on its
// day, the new cards introduced at the drill's pace, learning steps
// walked, the exam cap applied. Each review is answered right (Good) with
// the card's retrievability by the scheduler, wrong (Again) otherwise; a
// new card right on first sight with o.FirstRight. The days are drawn
// o.Runs times from o.Seed and averaged, so the forecast counts the
// relearning that lapses bring. Then the retrievability each card has on
// the exam day (readiness.ExamDayTime, readiness.Project), per area and
// overall, and the same without any further review: readiness's memory.
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
	if o.FirstRight <= 0 || o.FirstRight > 1 {
		o.FirstRight = DefaultFirstRight
	}
	if o.Runs <= 0 {
		o.Runs = DefaultRuns
	}
	start := make([]fsrs.Card, len(o.Cards))
	fresh := o.IntroducedToday
	for i, c := range o.Cards {
		if st, ok := o.States[c.ID]; ok && st.State != store.StateNew {
			start[i] = schedule.Card(st)
		} else {
			fresh++
		}
	}
	rep := &Report{
		Today: today.String(), ExamDay: o.Exam.Day.String(), DaysLeft: o.Exam.Day.Sub(today),
		Target: o.Exam.FSRS(o.Calendar).Target, SecondsPerAnswer: spa, MeasuredFrom: o.Answers,
		FirstRight: o.FirstRight, Runs: o.Runs,
	}
	e := newEngine(o.Scheduler, o.Calendar, o.Cards, o.AreaOrder, o.Exam, o.NewPerDay)
	rep.Buffer = e.examBuffer()
	rep.Pace = session.NewPace(fresh, today, o.Exam.Day, rep.Buffer)
	if rep.Pace.Active && !o.Exam.KeepNewPerDay {
		rep.NewBy = rep.Pace.By.String()
	}
	if rep.Pace.TooMany {
		byArea := map[string]int{}
		for i, c := range start {
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

	// The areas, in blueprint order, then any other of the cards.
	index := map[string]int{}
	for _, a := range o.AreaOrder {
		index[a] = len(rep.Areas)
		rep.Areas = append(rep.Areas, Area{ID: a})
	}
	for _, c := range o.Cards {
		if _, ok := index[c.Area]; !ok {
			index[c.Area] = len(rep.Areas)
			rep.Areas = append(rep.Areas, Area{ID: c.Area})
		}
	}
	rep.Overall.ID = "all"
	at := readiness.ExamDayTime(o.Calendar, o.Exam.Day)
	for _, c := range o.Cards {
		now := readiness.Project(o.Scheduler, o.States[c.ID], at)
		for _, x := range []*Area{&rep.Areas[index[c.Area]], &rep.Overall} {
			x.Cards++
			x.NoReviews += now
		}
	}

	for d := today; d.Before(o.Exam.Day); d = d.AddDays(1) {
		rep.Days = append(rep.Days, Day{Date: d.String()})
	}
	runs := float64(o.Runs)
	sums := make([]dayCount, len(rep.Days)) // summed over the runs, then averaged
	seen := make([]int, len(rep.Areas)+1)   // by area index; the last overall
	for run := range o.Runs {
		copy(e.state, start)
		l := &forecastLearner{sched: o.Scheduler, first: o.FirstRight,
			rng: rand.New(rand.NewPCG(o.Seed, uint64(run)))}
		for k := range rep.Days {
			d := today.AddDays(k)
			at, introduced := e.dayTime(d), 0
			if k == 0 {
				at, introduced = o.Now, o.IntroducedToday
			}
			dc := e.day(d, at, introduced, l)
			sums[k].reviews += dc.reviews
			sums[k].news += dc.news
			sums[k].answers += dc.answers
		}
		for i, c := range o.Cards {
			r := readiness.Project(o.Scheduler, schedule.State(c.ID, e.state[i]), at) / runs
			rep.Areas[index[c.Area]].Memory += r
			rep.Overall.Memory += r
			if e.state[i].State != fsrs.New {
				seen[index[c.Area]]++
				seen[len(rep.Areas)]++
			}
		}
	}
	for i := range rep.Areas {
		rep.Areas[i].Seen = float64(seen[i]) / runs
	}
	rep.Overall.Seen = float64(seen[len(rep.Areas)]) / runs
	for k := range rep.Days {
		day := &rep.Days[k]
		day.Reviews = float64(sums[k].reviews) / runs
		day.New = float64(sums[k].news) / runs
		day.Answers = float64(sums[k].answers) / runs
		day.Minutes = day.Answers * spa / 60
		rep.Total.Reviews += day.Reviews
		rep.Total.New += day.New
		rep.Total.Answers += day.Answers
		rep.Total.Minutes += day.Minutes
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

// forecastLearner answers as the scheduler expects: a review right with
// the card's retrievability, a step within the day right, a new card
// right with the learner's first-sight chance.
type forecastLearner struct {
	sched *fsrs.Scheduler
	first float64
	rng   *rand.Rand
}

func (l *forecastLearner) rate(_ int, c fsrs.Card, at time.Time) fsrs.Rating {
	p := l.first
	if c.State != fsrs.New {
		p = 1
		if l.sched.ElapsedDays(c.LastReview, at) > 0 {
			p = l.sched.Retrievability(c, at)
		}
	}
	if l.rng.Float64() < p {
		return fsrs.Good
	}
	return fsrs.Again
}

func (l *forecastLearner) rated(int, fsrs.Rating, time.Time) {}
