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
