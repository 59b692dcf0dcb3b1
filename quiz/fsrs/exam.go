package fsrs

import (
	"fmt"
	"math"
	"time"
)

// DefaultExamRetention is the retrievability an exam mode keeps every card
// at on the exam day unless told otherwise.
const DefaultExamRetention = 0.90

// Exam is a day to be ready for: the learner's day of the exam and the
// retrievability each card should have on it.
type Exam struct {
	// Day is any instant of the learner's exam day; the zero time means
	// no exam.
	Day time.Time
	// Target is the retrievability to keep on the exam day, MinRetention
	// to MaxRetention.
	Target float64
}

// Set reports whether an exam day is given.
func (e Exam) Set() bool { return !e.Day.IsZero() }

// Validate reports a target out of range.
func (e Exam) Validate() error {
	if e.Set() && !(e.Target >= MinRetention && e.Target <= MaxRetention) {
		return fmt.Errorf("exam retention %v is out of range [%.2f, %.2f]", e.Target, MinRetention, MaxRetention)
	}
	return nil
}

// CapForExam shortens the interval of a card just answered at now (c as
// Review or Preview returned it) when that interval would carry it to or
// past the exam day with a retrievability on the exam day below the
// target. The card then falls due on the latest day before the exam on
// which its retrievability, by its new stability through the FSRS-6
// forgetting curve, is still at least the target: the review before the
// exam comes before memory drops below the target, so the last review
// before the exam leaves R(exam day) >= target when it is passed. The due
// day is never earlier than the learner's next day (with the exam
// tomorrow, that is the exam day itself), nor later than the card's own.
// Cards in (re)learning steps, answers on or after the exam day, and cards
// whose exam-day retrievability already reaches the target are left as
// they are: after the exam plain FSRS resumes. It reports whether it moved
// the due day.
func (s *Scheduler) CapForExam(c Card, now time.Time, e Exam) (Card, bool) {
	if !e.Set() || c.State != Review || !validMemory(c) {
		return c, false
	}
	today, exam, due := s.dayNumber(now), s.dayNumber(e.Day), s.dayNumber(c.Due)
	if today >= exam || due < exam {
		return c, false
	}
	stab := clampStability(c.Stability)
	if s.m.retrievability(int(exam-today), stab) >= e.Target {
		return c, false
	}
	days := s.DaysAtTarget(stab, e.Target)
	d := min(today+int64(max(days, 1)), exam-1)
	d = max(d, today+1)
	if d >= due {
		return c, false
	}
	c.Due = s.dayStart(d)
	return c, true
}

// DaysAtTarget returns the most whole days after a review at which a card
// of stability stab still has a retrievability of at least target; 0 when
// even one day takes it below.
func (s *Scheduler) DaysAtTarget(stab, target float64) int {
	stab = clampStability(stab)
	raw := s.m.intervalRaw(stab, target)
	if !(raw >= 0) {
		return 0
	}
	days := int(math.Floor(min(raw, float64(MaxIntervalLimit))))
	for days > 0 && s.m.retrievability(days, stab) < target {
		days-- // float noise at the boundary
	}
	return days
}

// RetrievabilityAfter returns R(t, S), the FSRS-6 forgetting curve with
// the scheduler's weights, for t whole days after a review that left the
// card with stability stab.
func (s *Scheduler) RetrievabilityAfter(days int, stab float64) float64 {
	return s.m.retrievability(max(days, 0), clampStability(stab))
}

// DayNumber numbers the learner's days (DayStart in Location): the day that
// begins on a date has that date's number of days since 1970-01-01.
func (s *Scheduler) DayNumber(t time.Time) int64 { return s.dayNumber(t) }

// DayStart returns the moment the learner's day number n begins.
func (s *Scheduler) DayStart(n int64) time.Time { return s.dayStart(n) }

// PreviewForExam returns Preview(c, now, fuzzSeed) with exam mode applied
// to each rating (ForExam), and whether the cap moved each. The
// stretch's day depends on the stability a rating leaves, so it could
// bring a Hard back later than a Good; as FSRS orders the ratings, a
// rating never comes due later than the one above it: its due day is
// lowered to that one's. An earlier review never costs the exam day its
// target: the cap and the stretch take the card on from there.
func (s *Scheduler) PreviewForExam(c Card, now time.Time, fuzzSeed uint64, e Exam) (cards [4]Card, capped [4]bool) {
	cards = s.Preview(c, now, fuzzSeed)
	if !e.Set() {
		return cards, capped
	}
	for i := range cards {
		cards[i], capped[i] = s.ForExam(cards[i], now, e)
	}
	for g := Easy; g > Hard; g-- {
		hi, lo := &cards[g-1], &cards[g-2]
		if hi.State == Review && lo.State == Review && s.dayNumber(lo.Due) > s.dayNumber(hi.Due) {
			lo.Due = hi.Due
		}
	}
	return cards, capped
}

// ReviewForExam is Review with exam mode applied: PreviewForExam's card
// for rating r, and whether the cap moved it.
func (s *Scheduler) ReviewForExam(c Card, r Rating, now time.Time, fuzzSeed uint64, e Exam) (Card, bool) {
	if !e.Set() {
		return s.Review(c, r, now, fuzzSeed), false
	}
	if !r.Valid() {
		panic(fmt.Sprintf("fsrs: invalid rating %d", r))
	}
	cards, capped := s.PreviewForExam(c, now, fuzzSeed, e)
	return cards[r-1], capped[r-1]
}

// ForExam applies exam mode to a card just answered at now (c as Review or
// Preview returned it): CapForExam, then StretchForExam. It reports
// whether the cap moved the due day earlier (the drill's "due before your
// exam"); a stretch is not reported.
func (s *Scheduler) ForExam(c Card, now time.Time, e Exam) (Card, bool) {
	c, capped := s.CapForExam(c, now, e)
	if !capped {
		c, _ = s.StretchForExam(c, now, e)
	}
	return c, capped
}

// StretchForExam lengthens, before the exam, the interval of a card just
// answered at now (c as Review returned it) whose plain FSRS due day comes
// before the exam day. Before the exam only the exam day's retrievability
// counts, and CapForExam already keeps it: reviews that do not bring the
// exam day closer to the target are workload only. So:
//
//   - a card whose retrievability on the exam day reaches the target
//     without another review comes due on the exam day;
//   - otherwise the card comes due on the earliest day after its plain due
//     day and before the exam from which one passed review (Good, by the
//     FSRS-6 stability increase at that day's retrievability) leaves
//     R(exam day) >= target, provided its retrievability on that day is
//     still at least MinRetention, the lowest retention FSRS schedules at
//     (Anki's and dockdrill's lower bound of desired retention): one review
//     then replaces the two or more plain FSRS would give before the exam.
//     Without such a day the plain due day stays.
//
// Cards in (re)learning steps, answers on or after the exam day, and cards
// due on or after the exam day are left as they are. The due day only ever
// moves later, and to the exam day at the latest. It reports whether it
// moved the due day.
func (s *Scheduler) StretchForExam(c Card, now time.Time, e Exam) (Card, bool) {
	if !e.Set() || c.State != Review || !validMemory(c) {
		return c, false
	}
	today, exam, due := s.dayNumber(now), s.dayNumber(e.Day), s.dayNumber(c.Due)
	if today >= exam || due >= exam {
		return c, false
	}
	stab, diff := clampStability(c.Stability), clampDifficulty(c.Difficulty)
	if s.m.retrievability(int(exam-today), stab) >= e.Target {
		c.Due = s.dayStart(exam)
		return c, true
	}
	for d := due + 1; d < exam; d++ {
		el := int(d - today)
		r := s.m.retrievability(el, stab)
		if r < MinRetention {
			return c, false
		}
		next := s.m.nextRange(stab, diff, false, el, r, Good, Good)[Good]
		if s.m.retrievability(int(exam-d), clampStability(next.s)) >= e.Target {
			c.Due = s.dayStart(d)
			return c, true
		}
	}
	return c, false
}
