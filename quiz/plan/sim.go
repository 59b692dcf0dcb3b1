package plan

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/exam"
	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/readiness"
	"github.com/dockdrill/dockdrill/quiz/schedule"
	"github.com/dockdrill/dockdrill/quiz/session"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// The simulation's modes.
const (
	ModePlain = "plain" // FSRS alone, session.DefaultNewPerDay new cards a day
	ModeExam  = "exam"  // exam mode: pace, cap, last days by R(exam day)
)

// Defaults of SimOptions.
const (
	DefaultLearners      = 50
	DefaultSpread        = 0.15 // sd of the log of each true weight's factor
	DefaultReadinessSims = 2000
)

// SimOptions are the inputs of Simulate.
type SimOptions struct {
	Blueprint *deck.Blueprint
	Cards     []*deck.Card // the decks' cards, in deck order
	// Params are the scheduler's settings (the learner's drill); their
	// weights are also the mean of the learners' true memory.
	Params  fsrs.Params
	Start   store.Date // the first day drilled
	ExamDay store.Date // drilled up to the day before
	Mode    string     // ModePlain or ModeExam
	// Exam sets exam mode's target and buffer (Day is ExamDay).
	Exam session.ExamOptions
	// NewPerDay is plain mode's allowance; 0 means session.DefaultNewPerDay.
	NewPerDay int
	Learners  int     // 0 means DefaultLearners
	Seed      uint64  // the same seed gives the same report
	Spread    float64 // 0 means DefaultSpread
	Sims      int     // readiness's simulated exams per learner; 0 means DefaultReadinessSims
}

// SimReport is what the simulated learners did and reached.
type SimReport struct {
	Mode     string  `json:"mode"`
	Start    string  `json:"start"`
	ExamDay  string  `json:"exam_date"`
	Days     int     `json:"days"`
	Learners int     `json:"learners"`
	Seed     uint64  `json:"seed"`
	Spread   float64 `json:"weight_spread"`
	Cards    int     `json:"cards"`
	// ReviewsPerDay counts the answers of a day to cards introduced
	// before it (relearning steps included), AnswersPerDay every answer
	// (the new cards' learning steps too): the mean over all learners'
	// days and the busiest day.
	ReviewsPerDay Stat `json:"reviews_per_day"`
	// RelearningPerDay counts, of the reviews, the answers in relearning
	// steps (a lapse's second sight).
	RelearningPerDay Stat `json:"relearning_per_day"`
	NewPerDay        Stat `json:"new_per_day"`
	AnswersPerDay    Stat `json:"answers_per_day"`
	// Memory is the true exam-day retrievability averaged over all cards
	// (a card never seen counts 0): mean over learners and the lowest.
	Memory Stat      `json:"exam_day_memory"`
	Seen   float64   `json:"seen_by_exam"` // mean share of cards introduced
	Areas  []SimArea `json:"areas"`
	// PassProbability is readiness's pass probability computed from each
	// learner's true memory, and Predicted from the scheduler's estimate
	// of it (what readiness would show), both averaged over learners;
	// objectives no deck covers are assumed right at the pass ratio.
	PassProbability float64 `json:"pass_probability"`
	Predicted       float64 `json:"pass_probability_predicted"`
	// MeasuredRight is the expected share right of the questions on the
	// objectives the decks cover, by true memory.
	MeasuredRight float64 `json:"measured_expected_right"`
}

// Stat is a mean with the extreme that matters (the max of a load, the
// min of a memory).
type Stat struct {
	Mean float64 `json:"mean"`
	Max  float64 `json:"max,omitempty"`
	Min  float64 `json:"min,omitempty"`
}

// SimArea is the mean true exam-day retrievability of an area's cards.
type SimArea struct {
	ID     string  `json:"id"`
	Memory float64 `json:"memory"`
}

// Simulate drills o.Learners simulated learners from o.Start to the day
// before o.ExamDay. Each learner's true memory follows FSRS-6 with the
// scheduler's weights each multiplied by e^(Spread·N(0,1)) (clamped to
// their ranges), drawn from the learner's seed; the learner knows a new
// card on first sight with a probability drawn from 0.2 to 0.6, answers
// every later review right (Good) with its true retrievability and wrong
// (Again) otherwise, and drills everything due each day, once, at 09:00.
// The drill schedules with o.Params and the mode's rules. The learner's
// own store is never touched: there is none.
func Simulate(o SimOptions) (*SimReport, error) {
	switch {
	case o.Mode != ModePlain && o.Mode != ModeExam:
		return nil, fmt.Errorf("mode %q is neither %s nor %s", o.Mode, ModePlain, ModeExam)
	case !o.Start.Before(o.ExamDay):
		return nil, fmt.Errorf("the start %s is not before the exam %s", o.Start, o.ExamDay)
	case len(o.Cards) == 0:
		return nil, errors.New("no cards to drill")
	}
	if o.Learners <= 0 {
		o.Learners = DefaultLearners
	}
	if o.Spread <= 0 {
		o.Spread = DefaultSpread
	}
	if o.Sims <= 0 {
		o.Sims = DefaultReadinessSims
	}
	if o.NewPerDay <= 0 {
		o.NewPerDay = session.DefaultNewPerDay
	}
	o.Params.Location = time.UTC
	cal := store.Calendar{Loc: time.UTC, Rollover: o.Params.DayStart}
	sched, err := fsrs.NewScheduler(o.Params)
	if err != nil {
		return nil, err
	}
	var areas []string
	for _, a := range o.Blueprint.Areas {
		areas = append(areas, a.ID)
	}
	ex := session.ExamOptions{}
	if o.Mode == ModeExam {
		ex = o.Exam
		ex.Day = o.ExamDay
		ex.KeepNewPerDay = false
	}
	assume := map[string]float64{}
	covered := map[string]bool{}
	for _, c := range o.Cards {
		if a, ok := o.Blueprint.Area(c.Area); ok {
			covered[a.Objective] = true
		}
	}
	scale := exam.NewScale(o.Blueprint.Exam)
	for _, ob := range o.Blueprint.Objectives {
		if !covered[ob.ID] {
			assume[ob.ID] = scale.PassRatio
		}
	}

	rep := &SimReport{Mode: o.Mode, Start: o.Start.String(), ExamDay: o.ExamDay.String(), Days: o.ExamDay.Sub(o.Start),
		Learners: o.Learners, Seed: o.Seed, Spread: o.Spread, Cards: len(o.Cards), Memory: Stat{Min: math.Inf(1)}}
	areaSum := map[string]float64{}
	areaN := map[string]int{}
	at := readiness.ExamDayTime(cal, o.ExamDay)
	for n := range o.Learners {
		rng := rand.New(rand.NewPCG(o.Seed, uint64(n)+0x9e3779b97f4a7c15))
		l := newSimLearner(o.Params, o.Spread, len(o.Cards), rng)
		e := newEngine(sched, cal, o.Cards, areas, ex, o.NewPerDay)
		for d := o.Start; d.Before(o.ExamDay); d = d.AddDays(1) {
			dc := e.day(d, e.dayTime(d), 0, l)
			rep.ReviewsPerDay.Mean += float64(dc.reviews)
			rep.ReviewsPerDay.Max = max(rep.ReviewsPerDay.Max, float64(dc.reviews))
			rep.RelearningPerDay.Mean += float64(dc.relearn)
			rep.RelearningPerDay.Max = max(rep.RelearningPerDay.Max, float64(dc.relearn))
			rep.AnswersPerDay.Mean += float64(dc.answers)
			rep.AnswersPerDay.Max = max(rep.AnswersPerDay.Max, float64(dc.answers))
			rep.NewPerDay.Mean += float64(dc.news)
			rep.NewPerDay.Max = max(rep.NewPerDay.Max, float64(dc.news))
		}
		trueStates := map[string]store.CardState{}
		modelStates := map[string]store.CardState{}
		sum, seen := 0.0, 0
		for i, c := range o.Cards {
			if e.state[i].State == fsrs.New {
				areaN[c.Area]++
				continue
			}
			seen++
			ts := schedule.State(c.ID, l.true[i])
			trueStates[c.ID], modelStates[c.ID] = ts, schedule.State(c.ID, e.state[i])
			r := readiness.Project(l.sched, ts, at)
			sum += r
			areaSum[c.Area] += r
			areaN[c.Area]++
		}
		mem := sum / float64(len(o.Cards))
		rep.Memory.Mean += mem
		rep.Memory.Min = min(rep.Memory.Min, mem)
		rep.Seen += float64(seen) / float64(len(o.Cards))

		ro := readiness.Options{Blueprint: o.Blueprint, Cards: o.Cards, Calendar: cal, Now: cal.Start(o.ExamDay),
			ExamDay: o.ExamDay, Assume: assume, Sims: o.Sims, Seed: o.Seed + uint64(n)}
		ro.Scheduler = l.sched
		truth, err := readiness.Compute(ro, readiness.Data{States: trueStates})
		if err != nil {
			return nil, err
		}
		ro.Scheduler = sched
		model, err := readiness.Compute(ro, readiness.Data{States: modelStates})
		if err != nil {
			return nil, err
		}
		rep.PassProbability += truth.Pass.Probability
		if truth.Pass.Measured > 0 {
			rep.MeasuredRight += truth.Pass.MeasuredRight / float64(truth.Pass.Measured)
		}
		rep.Predicted += model.Pass.Probability
	}
	k := float64(o.Learners)
	days := float64(rep.Days) * k
	rep.ReviewsPerDay.Mean /= days
	rep.RelearningPerDay.Mean /= days
	rep.NewPerDay.Mean /= days
	rep.AnswersPerDay.Mean /= days
	rep.Memory.Mean /= k
	rep.Seen /= k
	rep.PassProbability /= k
	rep.Predicted /= k
	rep.MeasuredRight /= k
	for _, a := range areas {
		if areaN[a] > 0 {
			rep.Areas = append(rep.Areas, SimArea{ID: a, Memory: areaSum[a] / float64(areaN[a])})
		}
	}
	return rep, nil
}

// simLearner is a simulated learner: a true memory per card under its own
// weights, and its answers drawn from it.
type simLearner struct {
	sched *fsrs.Scheduler
	true  []fsrs.Card
	prior float64 // chance of knowing a new card on first sight
	rng   *rand.Rand
}

func newSimLearner(p fsrs.Params, spread float64, cards int, rng *rand.Rand) *simLearner {
	w := p.Weights
	for i := range w {
		w[i] *= math.Exp(spread * rng.NormFloat64())
	}
	p.Weights = fsrs.ClampWeights(w)
	p.EnableFuzz = false
	s, err := fsrs.NewScheduler(p)
	if err != nil {
		panic(err) // clamped weights and valid params: cannot happen
	}
	return &simLearner{sched: s, true: make([]fsrs.Card, cards), prior: 0.2 + 0.4*rng.Float64(), rng: rng}
}

func (l *simLearner) rate(i int, _ fsrs.Card, at time.Time) fsrs.Rating {
	p := l.prior
	if l.true[i].State != fsrs.New {
		p = l.sched.Retrievability(l.true[i], at)
		if l.sched.ElapsedDays(l.true[i].LastReview, at) == 0 {
			p = 1 // a step within the day: just seen
		}
	}
	if l.rng.Float64() < p {
		return fsrs.Good
	}
	return fsrs.Again
}

func (l *simLearner) rated(i int, r fsrs.Rating, at time.Time) {
	l.true[i] = l.sched.Review(l.true[i], r, at, 0)
}
