package fsrs

import (
	"fmt"
	"testing"
	"time"

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

// TestStretchForExamWaitsForTheReviewThatReachesTheExam checks every
// stretch: only later, never past the exam, R at the new due day at least
// MinRetention, a passed review there keeping R(exam) >= target, and the
// earliest such day; the exam day only for a card already at the target.
func TestStretchForExamWaitsForTheReviewThatReachesTheExam(t *testing.T) {
	stretched := 0
	for _, ret := range []float64{0.80, 0.90, 0.95} {
		for _, fuzz := range []bool{false, true} {
			s := newTestScheduler(t, func(p *Params) { p.DesiredRetention = ret; p.EnableFuzz = fuzz })
			for _, target := range []float64{0.80, 0.90, 0.95} {
				for stab := 0.3; stab < 200; stab *= 1.37 {
					for examIn := 1; examIn <= 45; examIn++ {
						name := fmt.Sprintf("r=%v fuzz=%v target=%v S=%.2f exam in %d", ret, fuzz, target, stab, examIn)
						now := t0.AddDate(0, 0, 7)
						c := s.Review(reviewCard(stab), Good, now, uint64(examIn))
						e := Exam{Day: s.DayStart(s.DayNumber(now) + int64(examIn)), Target: target}
						got, moved := s.StretchForExam(c, now, e)
						today, exam := s.DayNumber(now), s.DayNumber(e.Day)
						due, plain := s.DayNumber(got.Due), s.DayNumber(c.Due)
						// passAt is R(exam) after a Good review on day d.
						passAt := func(d int64) float64 {
							next := s.Review(c, Good, s.DayStart(d).Add(9*time.Hour), 0)
							return s.RetrievabilityAfter(int(exam-d), next.Stability)
						}
						if !moved {
							require.Equal(t, c, got, name)
							// No later day before the exam still at MinRetention
							// from which one pass reaches the target.
							for d := plain + 1; d < exam && s.RetrievabilityAfter(int(d-today), c.Stability) >= MinRetention; d++ {
								require.Less(t, passAt(d), target, "%s: day %d would have done", name, d-today)
							}
							continue
						}
						stretched++
						require.Less(t, plain, exam, "%s: only cards due before the exam", name)
						require.Greater(t, due, plain, "%s: only ever later", name)
						require.LessOrEqual(t, due, exam, "%s: never after the exam", name)
						require.Equal(t, got.Stability, c.Stability, name)
						if due == exam {
							require.GreaterOrEqual(t, s.RetrievabilityAfter(int(exam-today), c.Stability), target, "%s: to the exam day only at the target", name)
							continue
						}
						require.GreaterOrEqual(t, s.RetrievabilityAfter(int(due-today), c.Stability), MinRetention, name)
						require.GreaterOrEqual(t, passAt(due), target-1e-9, "%s: a pass on the due day keeps the target", name)
						if due-1 > plain {
							require.Less(t, passAt(due-1), target, "%s: the earliest such day", name)
						}
					}
				}
			}
		}
	}
	require.Greater(t, stretched, 100, "the rule was exercised")
}

func TestStretchForExamLeavesStepsTheExamDayAndAfter(t *testing.T) {
	s := newTestScheduler(t, nil)
	now := t0.AddDate(0, 0, 30)
	c := s.Review(Card{}, Easy, now, 0) // in Review, due in a week or so
	require.Equal(t, Review, c.State)
	require.Less(t, s.DayNumber(c.Due), s.DayNumber(now)+20)
	for _, examIn := range []int{-5, -1, 0} {
		got, moved := s.StretchForExam(c, now, Exam{Day: now.AddDate(0, 0, examIn), Target: 0.9})
		assert.False(t, moved, "exam %d days away", examIn)
		assert.Equal(t, c, got)
	}
	got, moved := s.StretchForExam(c, now, Exam{})
	assert.False(t, moved, "no exam date")
	assert.Equal(t, c, got)
	learning := s.Review(Card{}, Good, now, 0)
	got, moved = s.StretchForExam(learning, now, Exam{Day: now.AddDate(0, 0, 20), Target: 0.9})
	assert.False(t, moved, "learning steps")
	assert.Equal(t, learning, got)
	// Due on or after the exam: the cap's business, not the stretch's.
	e := Exam{Day: s.DayStart(s.DayNumber(c.Due)), Target: 0.7}
	got, moved = s.StretchForExam(c, now, e)
	assert.False(t, moved)
	assert.Equal(t, c, got)
}

// TestForExamReachesTheExamAtTheTargetWithFewerReviews walks cards through
// Good answers on every due day with exam mode (cap and stretch): the exam
// day keeps the target, no review is later than the exam, and it never
// takes more reviews than the cap alone.
func TestForExamReachesTheExamAtTheTargetWithFewerReviews(t *testing.T) {
	fewer := 0
	for _, ret := range []float64{0.70, 0.80, 0.90} {
		s := newTestScheduler(t, func(p *Params) { p.DesiredRetention = ret; p.EnableFuzz = true })
		for _, target := range []float64{0.85, 0.90, 0.95} {
			for _, stab := range []float64{1, 2, 5, 11, 30, 90} {
				for _, examIn := range []int{3, 10, 21, 30, 45, 120} {
					name := fmt.Sprintf("r=%v target=%v S=%v exam in %d", ret, target, stab, examIn)
					e := Exam{Day: s.DayStart(s.DayNumber(t0) + int64(examIn)), Target: target}
					exam := s.DayNumber(e.Day)
					walk := func(rule func(Card, time.Time, Exam) (Card, bool)) (reviews int) {
						c, now := reviewCard(stab), t0
						c.Due = t0
						for s.DayNumber(c.Due) < exam {
							now = c.Due.Add(9 * time.Hour)
							if rule == nil { // the drill's way: the ratings kept in order
								c, _ = s.ReviewForExam(c, Good, now, FuzzSeed("card", c.Reps), e)
							} else {
								c = s.Review(c, Good, now, FuzzSeed("card", c.Reps))
								c, _ = rule(c, now, e)
							}
							reviews++
							require.Greater(t, s.DayNumber(c.Due), s.DayNumber(now), name)
						}
						r := s.RetrievabilityAfter(int(exam-s.DayNumber(now)), c.Stability)
						require.GreaterOrEqual(t, r, target-1e-9, name)
						return reviews
					}
					both, capOnly := walk(s.ForExam), walk(s.CapForExam)
					require.LessOrEqual(t, both, capOnly, name)
					walk(nil)
					if both < capOnly {
						fewer++
					}
				}
			}
		}
	}
	assert.Greater(t, fewer, 0, "the stretch saved reviews somewhere")
}

func TestForExamReportsOnlyTheCap(t *testing.T) {
	s := newTestScheduler(t, func(p *Params) { pure(p) })
	now := t0.AddDate(0, 0, 30)
	c := s.Review(reviewCard(20), Good, now, 0)
	e := Exam{Day: s.DayStart(s.DayNumber(c.Due) - 5), Target: 0.95}
	want, wantCapped := s.CapForExam(c, now, e)
	require.True(t, wantCapped)
	got, capped := s.ForExam(c, now, e)
	assert.True(t, capped)
	assert.Equal(t, want, got)

	short := s.Review(Card{}, Good, now, 0) // no steps: in Review at once
	require.Equal(t, Review, short.State)
	e = Exam{Day: s.DayStart(s.DayNumber(short.Due) + 10), Target: 0.85}
	got, capped = s.ForExam(short, now, e)
	stretched, moved := s.StretchForExam(short, now, e)
	require.True(t, moved, "a card due well before the exam is stretched")
	assert.False(t, capped, "a stretch is not \"due before your exam\"")
	assert.Equal(t, stretched, got)
}

// TestStretchForExamStopsAtMinRetention: the exams far enough away that
// the one review reaching them would come below MinRetention keep the
// plain due day.
func TestStretchForExamStopsAtMinRetention(t *testing.T) {
	s := newTestScheduler(t, func(p *Params) { pure(p) })
	now := t0.AddDate(0, 0, 30)
	c := s.Review(Card{}, Hard, now, 0)
	kept, moved := 0, 0
	for examIn := int64(20); examIn < 90; examIn++ {
		e := Exam{Day: s.DayStart(s.DayNumber(now) + examIn), Target: 0.85}
		got, ok := s.StretchForExam(c, now, e)
		if !ok {
			kept++
			assert.Equal(t, c, got)
			continue
		}
		moved++
		days := int(s.DayNumber(got.Due) - s.DayNumber(now))
		assert.GreaterOrEqual(t, s.RetrievabilityAfter(days, c.Stability), MinRetention, "exam in %d", examIn)
	}
	assert.Positive(t, moved, "near exams stretch")
	assert.Positive(t, kept, "far exams keep the plain day")
}

// TestPreviewForExamKeepsTheRatingsInOrder: with the stretch, a weaker
// rating could need its one review later than a stronger one; the
// preview never brings Hard back after Good nor Good after Easy, and
// ReviewForExam is the preview's card.
func TestPreviewForExamKeepsTheRatingsInOrder(t *testing.T) {
	s := newTestScheduler(t, func(p *Params) { p.EnableFuzz = true })
	lowered := 0
	for stab := 0.5; stab < 100; stab *= 1.3 {
		for el := 1; el < 30; el += 2 {
			c := reviewCard(stab)
			now := t0.AddDate(0, 0, el)
			for examIn := 2; examIn < 40; examIn++ {
				name := fmt.Sprintf("S=%.2f elapsed %d exam in %d", stab, el, examIn)
				e := Exam{Day: s.DayStart(s.DayNumber(now) + int64(examIn)), Target: 0.9}
				cards, capped := s.PreviewForExam(c, now, 7, e)
				plain := s.Preview(c, now, 7)
				for g := Hard; g < Easy; g++ {
					require.LessOrEqual(t, s.DayNumber(cards[g-1].Due), s.DayNumber(cards[g].Due), "%s: rating %d after %d", name, g, g+1)
				}
				for g := Again; g <= Easy; g++ {
					one, oneCapped := s.ForExam(plain[g-1], now, e)
					if one.Due != cards[g-1].Due {
						lowered++
						require.Less(t, cards[g-1].Due, one.Due, name)
						require.Equal(t, cards[g].Due, cards[g-1].Due, "%s: lowered to the rating above", name)
					}
					require.Equal(t, oneCapped, capped[g-1], name)
					got, gotCapped := s.ReviewForExam(c, g, now, 7, e)
					require.Equal(t, cards[g-1], got, name)
					require.Equal(t, capped[g-1], gotCapped, name)
				}
			}
		}
	}
	assert.Positive(t, lowered, "the order needed mending somewhere")
	got, capped := s.ReviewForExam(reviewCard(5), Good, t0.AddDate(0, 0, 3), 7, Exam{})
	assert.Equal(t, s.Review(reviewCard(5), Good, t0.AddDate(0, 0, 3), 7), got, "no exam: plain FSRS")
	assert.False(t, capped)
}
