// Package readiness answers the learner's question "am I ready for the exam
// on the 14th?". For each knowledge area of the objectives the decks cover it
// measures memory (FSRS retrievability projected to the exam date), coverage,
// hands-on proof and accuracy, combines them into a score and a status band,
// and it simulates the whole exam form on the exam date to give the
// probability of passing. Objectives no deck covers are listed, and count 0
// unless the learner gives an estimate.
//
// The package is pure: Gather reads what it needs from the store, Compute
// takes the clock's reading and a seed, so the same inputs always give the
// same report.
package readiness

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/exam"
	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/schedule"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// Defaults of Options.
const (
	DefaultSims   = 10_000 // simulated exams
	DefaultWindow = 30     // days of accuracy and hands-on that count
)

// The weights of the area score: memory, coverage, hands-on and accuracy.
// A component with nothing to measure (an area whose cards name no proof,
// or no review and no mock exam answer in the window) gives its weight to
// memory, FSRS's estimate standing in for the missing measurement.
const (
	WeightMemory   = 0.4
	WeightCoverage = 0.2
	WeightHandsOn  = 0.2
	WeightAccuracy = 0.2
)

// The status bands of an area, from its score.
const (
	WeakBelow  = 0.60 // a score below this is weak
	ReadyAbove = 0.85 // a score of this or more is ready; between, on track
)

// Band is the status of a knowledge area.
type Band string

// The bands, from no progress to ready.
const (
	NotStarted Band = "not started" // no card of the area reviewed yet
	Weak       Band = "weak"        // score below WeakBelow
	OnTrack    Band = "on track"    // score from WeakBelow up to ReadyAbove
	Ready      Band = "ready"       // score ReadyAbove or more
)

// BandOf returns the band of an area with the given score, of which reviewed
// cards have been reviewed at least once.
func BandOf(score float64, reviewed int) Band {
	switch {
	case reviewed == 0:
		return NotStarted
	case score < WeakBelow:
		return Weak
	case score < ReadyAbove:
		return OnTrack
	default:
		return Ready
	}
}

// AreaScore combines the four measures of an area into its score, from 0
// to 1:
//
//	score = 0.4·memory + 0.2·coverage + 0.2·hands-on + 0.2·accuracy
//
// where a measure that is not known (handsOn or accuracy with ok false)
// gives its weight to memory.
func AreaScore(memory, coverage, handsOn float64, handsOnOK bool, accuracy float64, accuracyOK bool) float64 {
	wm := WeightMemory
	s := WeightCoverage * coverage
	if handsOnOK {
		s += WeightHandsOn * handsOn
	} else {
		wm += WeightHandsOn
	}
	if accuracyOK {
		s += WeightAccuracy * accuracy
	} else {
		wm += WeightAccuracy
	}
	return s + wm*memory
}

// Source is where Gather reads the learner's progress: a *store.Store.
type Source interface {
	CardStates(ctx context.Context) (map[string]store.CardState, error)
	FirstReviewsPerDay(ctx context.Context, cal store.Calendar, from, to store.Date) ([]store.FirstReview, error)
	ProofResults(ctx context.Context, since time.Time) ([]store.ProofResult, error)
	ExamResults(ctx context.Context, since time.Time) ([]store.ExamResult, error)
}

// Data is the learner's progress that readiness looks at.
type Data struct {
	States map[string]store.CardState // every card reviewed, by id
	// FirstReviews are the first review of each card on each day of the
	// window, as store.FirstReviewsPerDay returns them.
	FirstReviews []store.FirstReview
	Proofs       []store.ProofResult // proof results of the window
	Exams        []store.ExamResult  // mock exams started in the window
	// Recent are the last mock exams of any date, oldest first, for the
	// calibration (at most CalibrationExams finished ones with a
	// prediction are used).
	Recent []store.ExamResult
	// TasksPassed holds the hands-on tasks passed in the window, by card
	// id (see TasksPassed).
	TasksPassed map[string]bool
}

// TasksPassed returns the tasks among reviews that were passed: a review
// rated above Again.
func TasksPassed(tasks []*deck.Card, reviews []store.Review) map[string]bool {
	ids := map[string]bool{}
	for _, c := range tasks {
		ids[c.ID] = true
	}
	passed := map[string]bool{}
	for _, r := range reviews {
		if ids[r.CardID] && r.Passed() {
			passed[r.CardID] = true
		}
	}
	return passed
}

// Options are the inputs of Compute besides the learner's data.
type Options struct {
	Blueprint *deck.Blueprint
	Cards     []*deck.Card // every card of the decks
	// Tasks are the hands-on task cards; one passed in the window counts
	// as hands-on for its area beside the proofs.
	Tasks     []*deck.Card
	Scheduler *fsrs.Scheduler
	Calendar  store.Calendar
	Now       time.Time
	ExamDay   store.Date // the day of the exam; memory is projected to it
	// Assume holds the learner's estimates, share of questions right
	// from 0 to 1, for objectives no deck covers, by objective id.
	Assume map[string]float64
	Mix    exam.Mix // the exam's mix of question kinds
	Sims   int      // simulated exams; 0 means DefaultSims
	Seed   uint64   // seed of the simulation
	Window int      // days of accuracy and hands-on; 0 means DefaultWindow
}

// Source of an objective's estimate.
const (
	Measured   = "measured"                 // from the decks and the learner's progress
	Assumed    = "assumed"                  // the learner's estimate
	NotCovered = "not covered by dockdrill" // no deck covers it and no estimate: counts 0
)

// Report is the readiness of the learner for the exam on one day.
type Report struct {
	Exam       deck.Exam   `json:"-"`
	ExamID     string      `json:"exam"`
	Now        time.Time   `json:"now"`
	ExamDay    string      `json:"exam_date"`
	DaysLeft   int         `json:"days_left"`
	Window     int         `json:"window_days"`
	Mix        exam.Mix    `json:"-"`
	MixShares  []KindShare `json:"question_kinds"`
	Scale      exam.Scale  `json:"-"`
	Objectives []Objective `json:"objectives"`
	Pass       Pass        `json:"pass"`
	// Calibration compares the model's predictions with the last mock
	// exams' scores; nil before any exam with a prediction.
	Calibration *Calibration `json:"calibration,omitempty"`
}

// CalibrationExams is how many of the latest mock exams the calibration
// averages over; RunsHighAbove is the mean gap, in shares of questions,
// above which the predictions are said to run high.
const (
	CalibrationExams = 5
	RunsHighAbove    = 0.05
)

// Calibration is how far the model's predicted scores were from the scores
// obtained, over the last CalibrationExams finished mock exams that kept a
// prediction.
type Calibration struct {
	Exams     int     `json:"exams"`
	Predicted float64 `json:"predicted"` // mean predicted share right
	Obtained  float64 `json:"obtained"`  // mean share right
	// Gap is the mean of predicted minus obtained share: positive when
	// the model expected more than the learner scored.
	Gap      float64 `json:"gap"`
	RunsHigh bool    `json:"runs_high"` // Gap > RunsHighAbove
}

// Calibrate compares the predictions of the last CalibrationExams finished
// exams of exams (oldest first) that kept one with their scores; nil when
// there is none.
func Calibrate(exams []store.ExamResult) *Calibration {
	var used []store.ExamResult
	for i := len(exams) - 1; i >= 0 && len(used) < CalibrationExams; i-- {
		e := exams[i]
		if e.HasPredicted && !e.Finished.IsZero() && e.Questions > 0 {
			used = append(used, e)
		}
	}
	if len(used) == 0 {
		return nil
	}
	c := &Calibration{Exams: len(used)}
	for _, e := range used {
		n := float64(e.Questions)
		c.Predicted += e.Predicted / n
		c.Obtained += float64(e.RawScore) / n
	}
	c.Predicted /= float64(len(used))
	c.Obtained /= float64(len(used))
	c.Gap = c.Predicted - c.Obtained
	c.RunsHigh = c.Gap > RunsHighAbove
	return c
}

// KindShare is one question kind's share of the form.
type KindShare struct {
	ID    string  `json:"id"`
	Share float64 `json:"share"`
}

// Objective is one weighted objective of the exam.
type Objective struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Weight    int    `json:"weight"`
	Questions int    `json:"questions"` // on the simulated form
	Source    string `json:"source"`    // Measured, Assumed or NotCovered
	// Expected is the expected share of the objective's questions
	// answered right on the exam day.
	Expected float64 `json:"expected"`
	// Score is the readiness score of a measured objective, the mean of
	// its areas' scores; 0 for the others.
	Score float64 `json:"score"`
	// Band is the status of a measured objective, by its score and
	// whether any of its cards was reviewed; empty for the others.
	Band  Band   `json:"band,omitempty"`
	Areas []Area `json:"areas,omitempty"`
}

// Area is the readiness of one knowledge area.
type Area struct {
	ID       string  `json:"id"`
	Title    string  `json:"title"`
	Cards    int     `json:"cards"`
	Asked    int     `json:"exam_cards"` // cards that can be exam questions (not flash)
	Reviewed int     `json:"reviewed"`
	Memory   float64 `json:"memory"`
	Coverage float64 `json:"coverage"`
	HandsOn  Ratio   `json:"hands_on"`
	// Tasks is the part of HandsOn that is hands-on tasks passed in the
	// window; HandsOn counts them beside the proofs.
	Tasks    Ratio    `json:"tasks,omitzero"`
	Accuracy Accuracy `json:"accuracy"`
	Score    float64  `json:"score"`
	Band     Band     `json:"band"`
	// Expected is the chance of answering an exam question of the area
	// right on the exam day.
	Expected float64 `json:"expected"`
}

// Ratio is a count of successes out of a total.
type Ratio struct {
	N  int `json:"passed"`
	Of int `json:"of"`
}

// Known reports whether there is anything to measure.
func (r Ratio) Known() bool { return r.Of > 0 }

// Value is N/Of, 0 when unknown.
func (r Ratio) Value() float64 {
	if r.Of == 0 {
		return 0
	}
	return float64(r.N) / float64(r.Of)
}

// Accuracy is measured recall over the window: the drill's true retention
// and the mock exams' answers, pooled.
type Accuracy struct {
	DrillPassed  int `json:"drill_passed"`
	DrillReviews int `json:"drill_reviews"`
	ExamRight    int `json:"exam_right"`
	ExamAnswers  int `json:"exam_answers"`
}

// Known reports whether any answer was measured.
func (a Accuracy) Known() bool { return a.DrillReviews+a.ExamAnswers > 0 }

// Value is the share right of all measured answers, 0 when unknown.
func (a Accuracy) Value() float64 {
	n := a.DrillReviews + a.ExamAnswers
	if n == 0 {
		return 0
	}
	return float64(a.DrillPassed+a.ExamRight) / float64(n)
}

// Pass is the outcome of the simulated exams.
type Pass struct {
	Sims        int     `json:"simulated_exams"`
	Seed        uint64  `json:"seed"`
	Probability float64 `json:"probability"`
	Low         float64 `json:"low"`  // 95 % Wilson interval of Probability
	High        float64 `json:"high"` // (the simulation's own error only)
	Questions   int     `json:"questions"`
	PassRaw     int     `json:"pass_raw"` // right answers that pass on the approximate scale
	MeanRaw     float64 `json:"mean_raw"`
	MeanScaled  float64 `json:"mean_scaled"`
	// Measured are the questions on measured objectives and
	// MeasuredRight the mean number of them answered right.
	Measured      int     `json:"measured_questions"`
	MeasuredRight float64 `json:"measured_right"`
}

// Gather reads from src what Compute needs: every card state, and the first
// reviews per day, proof results and mock exams of the window of days
// ending on the day of now.
func Gather(ctx context.Context, src Source, cal store.Calendar, now time.Time, window int) (Data, error) {
	if window <= 0 {
		window = DefaultWindow
	}
	today := cal.Day(now)
	from := today.AddDays(-(window - 1))
	since := cal.Start(from)
	var d Data
	var err error
	if d.States, err = src.CardStates(ctx); err != nil {
		return Data{}, err
	}
	if d.FirstReviews, err = src.FirstReviewsPerDay(ctx, cal, from, today); err != nil {
		return Data{}, err
	}
	if d.Proofs, err = src.ProofResults(ctx, since); err != nil {
		return Data{}, err
	}
	all, err := src.ExamResults(ctx, time.Time{})
	if err != nil {
		return Data{}, err
	}
	d.Exams = []store.ExamResult{}
	for _, e := range all {
		if !e.Started.Before(since) {
			d.Exams = append(d.Exams, e)
		}
	}
	d.Recent = all[max(0, len(all)-4*CalibrationExams):]
	return d, nil
}

// ExamDayTime is the instant readiness and plan project memory to: noon of
// the learner's exam day. Retrievability counts whole learner's days, so
// any instant of the day gives the same figure; noon is far from both ends.
func ExamDayTime(cal store.Calendar, examDay store.Date) time.Time {
	return cal.Start(examDay).Add(12 * time.Hour)
}

// Project is the projection readiness and plan share: the card's
// retrievability at at (ExamDayTime) by its stored state through the FSRS-6
// forgetting curve, if it is not reviewed again; 0 for a card never
// reviewed.
func Project(s *fsrs.Scheduler, st store.CardState, at time.Time) float64 {
	if st.LastReview.IsZero() {
		return 0
	}
	return s.Retrievability(schedule.Card(st), at)
}

// Compute measures every area, scores the objectives and simulates the
// exam. It fails on an estimate for an objective that does not exist or
// that the decks cover, or out of 0 to 1, and on an exam day before today.
func Compute(o Options, d Data) (*Report, error) {
	bp := o.Blueprint
	if o.Sims <= 0 {
		o.Sims = DefaultSims
	}
	if o.Window <= 0 {
		o.Window = DefaultWindow
	}
	if o.Mix.Kinds == nil {
		o.Mix = exam.DefaultMix(bp)
	}
	today := o.Calendar.Day(o.Now)
	if o.ExamDay.Before(today) {
		return nil, fmt.Errorf("the exam date %s is before today, %s", o.ExamDay, today)
	}
	at := ExamDayTime(o.Calendar, o.ExamDay)

	byArea := map[string][]*deck.Card{}
	areaOf := map[string]string{}
	for _, c := range o.Cards {
		byArea[c.Area] = append(byArea[c.Area], c)
		areaOf[c.ID] = c.Area
	}
	measured := map[string]bool{}
	for _, a := range bp.Areas {
		if len(byArea[a.ID]) > 0 {
			measured[a.Objective] = true
		}
	}
	for id, v := range o.Assume {
		if err := CheckEstimate(bp, measured, id, v); err != nil {
			return nil, fmt.Errorf("estimate for %s: %w", id, err)
		}
	}

	// What was measured in the window, by area.
	acc := map[string]*Accuracy{}
	for _, a := range bp.Areas {
		acc[a.ID] = &Accuracy{}
	}
	for _, r := range d.FirstReviews {
		// True retention as Anki counts it: reviews of cards scheduled
		// in days, not the first sight of a card nor its learning steps.
		if r.Before.State != store.StateReview {
			continue
		}
		if a := acc[areaOf[r.CardID]]; a != nil {
			a.DrillReviews++
			if r.Passed() {
				a.DrillPassed++
			}
		}
	}
	for _, e := range d.Exams {
		if e.Finished.IsZero() {
			continue // abandoned
		}
		for _, ans := range e.Answers {
			// Unanswered questions (time ran out) say nothing of memory;
			// a card no deck holds any more (a retired id, see
			// deck/retired.toml) is counted nowhere.
			if ans.Given == "" {
				continue
			}
			if _, ok := areaOf[ans.CardID]; !ok {
				continue
			}
			if a := acc[ans.Area]; a != nil {
				a.ExamAnswers++
				if ans.Right {
					a.ExamRight++
				}
			}
		}
	}
	latest := map[string]store.ProofResult{}
	for _, p := range d.Proofs {
		if q, ok := latest[p.Proof]; !ok || !p.Time.Before(q.Time) {
			latest[p.Proof] = p
		}
	}

	rep := &Report{
		Exam: bp.Exam, ExamID: bp.Exam.ID, Now: o.Now, ExamDay: o.ExamDay.String(),
		DaysLeft: o.ExamDay.Sub(today), Window: o.Window, Mix: o.Mix, Scale: exam.NewScale(bp.Exam),
	}
	for i, k := range o.Mix.Kinds {
		rep.MixShares = append(rep.MixShares, KindShare{ID: k.ID, Share: o.Mix.Shares[i]})
	}

	weights := make([]float64, len(bp.Objectives))
	for i, ob := range bp.Objectives {
		weights[i] = float64(ob.Weight)
	}
	questions := exam.Apportion(bp.Exam.Questions, weights, nil)

	sim := simulation{mix: o.Mix}
	for i, ob := range bp.Objectives {
		or := Objective{ID: ob.ID, Title: ob.Title, Weight: ob.Weight, Questions: questions[i]}
		switch {
		case measured[ob.ID]:
			or.Source = Measured
			so := simObjective{questions: questions[i]}
			for _, ba := range bp.AreasOf(ob.ID) {
				ar, pools := measureArea(o, ba, byArea[ba.ID], d.States, at, acc[ba.ID], latest, d.TasksPassed)
				or.Areas = append(or.Areas, ar)
				so.areas = append(so.areas, newSimArea(pools, o.Mix))
				or.Score += ar.Score
				or.Expected += ar.Expected
			}
			reviewed := 0
			for _, a := range or.Areas {
				reviewed += a.Reviewed
			}
			if n := len(or.Areas); n > 0 {
				or.Score /= float64(n)
				or.Expected /= float64(n)
			}
			or.Band = BandOf(or.Score, reviewed)
			sim.measured = append(sim.measured, so)
		default:
			if v, ok := o.Assume[ob.ID]; ok {
				or.Source = Assumed
				or.Expected = v
			} else {
				or.Source = NotCovered
			}
			sim.fixed = append(sim.fixed, simFixed{questions: questions[i], p: or.Expected})
		}
		rep.Objectives = append(rep.Objectives, or)
	}
	rep.Pass = sim.run(rep.Scale, bp.Exam.Questions, o.Sims, o.Seed)
	rep.Calibration = Calibrate(d.Recent)
	return rep, nil
}

// measureArea measures one knowledge area and returns, for the simulation,
// the chance of answering each of its cards right on the exam day, by
// question kind.
func measureArea(o Options, ba deck.Area, cards []*deck.Card, states map[string]store.CardState,
	at time.Time, acc *Accuracy, latest map[string]store.ProofResult, tasksPassed map[string]bool) (Area, [][]float64) {
	ar := Area{ID: ba.ID, Title: ba.Title, Cards: len(cards), Accuracy: *acc}
	pools := make([][]float64, len(o.Mix.Kinds))
	var proofs []string
	sumR := 0.0
	for _, c := range cards {
		r := 0.0
		if st, ok := states[c.ID]; ok && !st.LastReview.IsZero() {
			ar.Reviewed++
			r = Project(o.Scheduler, st, at)
		}
		sumR += r
		if k := o.Mix.Index(c.Kind); k >= 0 {
			ar.Asked++
			// A forgotten card can still be guessed; a card never
			// reviewed is only guessed.
			g := exam.GuessChance(c)
			pools[k] = append(pools[k], r+(1-r)*g)
		}
		if c.Proof != "" && !slices.Contains(proofs, c.Proof) {
			proofs = append(proofs, c.Proof)
		}
	}
	if ar.Cards > 0 {
		ar.Memory = sumR / float64(ar.Cards)
		ar.Coverage = float64(ar.Reviewed) / float64(ar.Cards)
	}
	ar.HandsOn.Of = len(proofs)
	for _, p := range proofs {
		if res, ok := latest[p]; ok && res.Passed {
			ar.HandsOn.N++
		}
	}
	for _, t := range o.Tasks {
		if t.Area != ba.ID {
			continue
		}
		ar.Tasks.Of++
		if tasksPassed[t.ID] {
			ar.Tasks.N++
		}
	}
	ar.HandsOn.Of += ar.Tasks.Of
	ar.HandsOn.N += ar.Tasks.N
	ar.Score = AreaScore(ar.Memory, ar.Coverage, ar.HandsOn.Value(), ar.HandsOn.Known(), ar.Accuracy.Value(), ar.Accuracy.Known())
	ar.Band = BandOf(ar.Score, ar.Reviewed)
	ar.Expected = newSimArea(pools, o.Mix).mean()
	return ar, pools
}
