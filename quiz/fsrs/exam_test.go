package fsrs

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// reviewCard is a card in Review last answered at t0 with stability stab.
func reviewCard(stab float64) Card {
	return Card{Stability: stab, Difficulty: 5, State: Review, LastReview: t0, Due: t0, Reps: 5}
}

func TestCapForExamKeepsTheTargetAndStaysBetweenTomorrowAndTheExam(t *testing.T) {
	for _, ret := range []float64{0.70, 0.80, 0.90, 0.95} {
		for _, fuzz := range []bool{false, true} {
			s := newTestScheduler(t, func(p *Params) { p.DesiredRetention = ret; p.EnableFuzz = fuzz })
			for _, target := range []float64{0.80, 0.90, 0.95} {
				for stab := 0.3; stab < 400; stab *= 1.37 {
					for examIn := 1; examIn <= 60; examIn++ {
						name := fmt.Sprintf("r=%v fuzz=%v target=%v S=%.2f exam in %d", ret, fuzz, target, stab, examIn)
						now := t0.AddDate(0, 0, 7)
						c := s.Review(reviewCard(stab), Good, now, uint64(examIn))
						e := Exam{Day: s.DayStart(s.DayNumber(now) + int64(examIn)), Target: target}
						capped, moved := s.CapForExam(c, now, e)
						today, exam := s.DayNumber(now), s.DayNumber(e.Day)
						due, plain := s.DayNumber(capped.Due), s.DayNumber(c.Due)
						rExam := s.RetrievabilityAfter(int(exam-today), c.Stability)
						if !moved {
							require.Equal(t, c, capped, name)
							// Not moved: before the exam, R(exam) already at
							// the target, or nowhere earlier to go.
							if plain >= exam && rExam < target-1e-9 {
								require.LessOrEqual(t, exam-today, int64(1), name)
							}
							continue
						}
						require.True(t, plain >= exam && rExam < target, "%s: moved a card that needed no cap", name)
						require.Greater(t, due, today, "%s: never before tomorrow", name)
						if examIn >= 2 {
							require.Less(t, due, exam, "%s: before the exam", name)
						} else {
							require.Equal(t, due, exam, "%s: the exam tomorrow: no earlier day than it", name)
						}
						require.Less(t, due, plain, "%s: only ever earlier", name)
						if due > today+1 { // not forced to tomorrow
							require.GreaterOrEqual(t, s.RetrievabilityAfter(int(due-today), c.Stability), target-1e-9, name)
							// The latest such day: one later drops below the target.
							if due < exam-1 {
								require.Less(t, s.RetrievabilityAfter(int(due-today)+1, c.Stability), target, name)
							}
						}
						require.Equal(t, capped.Stability, c.Stability, name)
					}
				}
			}
		}
	}
}

// TestCappedScheduleReachesTheExamAtTheTarget walks cards through Good
// answers on every due day with the cap, and checks the retrievability
// the last review before the exam leaves on the exam day.
func TestCappedScheduleReachesTheExamAtTheTarget(t *testing.T) {
	for _, ret := range []float64{0.70, 0.80, 0.90} {
		s := newTestScheduler(t, func(p *Params) { p.DesiredRetention = ret; p.EnableFuzz = true })
		for _, target := range []float64{0.85, 0.90, 0.95} {
			for _, stab := range []float64{2, 5, 11, 30, 90} {
				for _, examIn := range []int{3, 10, 21, 45, 120} {
					name := fmt.Sprintf("r=%v target=%v S=%v exam in %d", ret, target, stab, examIn)
					e := Exam{Day: s.DayStart(s.DayNumber(t0) + int64(examIn)), Target: target}
					exam := s.DayNumber(e.Day)
					c, now := reviewCard(stab), t0
					c.Due = t0
					for s.DayNumber(c.Due) < exam {
						now = c.Due.Add(9 * 3600e9)
						c = s.Review(c, Good, now, FuzzSeed("card", c.Reps))
						c, _ = s.CapForExam(c, now, e)
						require.Greater(t, s.DayNumber(c.Due), s.DayNumber(now), name)
					}
					r := s.RetrievabilityAfter(int(exam-s.DayNumber(now)), c.Stability)
					assert.GreaterOrEqual(t, r, target-1e-9, name)
				}
			}
		}
	}
}

func TestCapForExamLeavesPlainFSRSAfterTheExamAndInSteps(t *testing.T) {
	s := newTestScheduler(t, func(p *Params) { p.DesiredRetention = 0.7 })
	now := t0.AddDate(0, 0, 30)
	c := s.Review(reviewCard(20), Good, now, 0)
	for _, examIn := range []int{-5, -1, 0} {
		e := Exam{Day: now.AddDate(0, 0, examIn), Target: 0.95}
		got, moved := s.CapForExam(c, now, e)
		assert.False(t, moved, "exam %d days away", examIn)
		assert.Equal(t, c, got)
	}
	learning := s.Review(Card{}, Good, now, 0) // a new card in its learning step
	got, moved := s.CapForExam(learning, now, Exam{Day: now.AddDate(0, 0, 3), Target: 0.99})
	assert.False(t, moved)
	assert.Equal(t, learning, got)
	got, moved = s.CapForExam(c, now, Exam{})
	assert.False(t, moved, "no exam date")
	assert.Equal(t, c, got)
}

func TestDaysAtTarget(t *testing.T) {
	s := newTestScheduler(t, nil)
	// At 0.9 the curve is at 0.9 after exactly S days.
	assert.Equal(t, 10, s.DaysAtTarget(10, 0.9))
	assert.Equal(t, 0, s.DaysAtTarget(0.5, 0.9))
	for _, target := range []float64{0.7, 0.85, 0.9, 0.95, 0.99} {
		for stab := 0.5; stab < 1000; stab *= 1.9 {
			d := s.DaysAtTarget(stab, target)
			assert.GreaterOrEqual(t, s.RetrievabilityAfter(d, stab), target-1e-12)
			assert.Less(t, s.RetrievabilityAfter(d+1, stab), target)
		}
	}
}

func TestExamValidate(t *testing.T) {
	assert.NoError(t, Exam{}.Validate())
	assert.NoError(t, Exam{Day: t0, Target: 0.99}.Validate())
	assert.EqualError(t, Exam{Day: t0, Target: 0.5}.Validate(), "exam retention 0.5 is out of range [0.70, 0.99]")
}

func TestCapForExamWithTheExamTomorrowBringsTheCardToTheExamDay(t *testing.T) {
	s := newTestScheduler(t, func(p *Params) { pure(p); p.DesiredRetention = 0.7 })
	now := t0.AddDate(0, 0, 5)
	c := s.Review(reviewCard(2), Again, now, 0) // a lapse, scheduled in days at once
	require.Equal(t, Review, c.State)
	exam := s.DayNumber(now) + 1
	require.Greater(t, s.DayNumber(c.Due), exam, "the plain interval passes the exam")
	got, moved := s.CapForExam(c, now, Exam{Day: s.DayStart(exam), Target: 0.9})
	assert.True(t, moved)
	assert.Equal(t, exam, s.DayNumber(got.Due), "tomorrow is the exam day: due then, never earlier")
}
