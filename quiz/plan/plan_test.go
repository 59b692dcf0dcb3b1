package plan

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/session"
	"github.com/dockdrill/dockdrill/quiz/store"
)

func planOpts(t testing.TB, examIn int) Options {
	set := builtin(t)
	p := fsrs.DefaultParams()
	p.Location = time.UTC
	sched, err := fsrs.NewScheduler(p)
	require.NoError(t, err)
	cal := store.Calendar{Loc: time.UTC, Rollover: p.DayStart}
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	return Options{Cards: set.Cards(), AreaOrder: set.Blueprint.AreaIDs(), Scheduler: sched, Calendar: cal, Now: now,
		States: map[string]store.CardState{}, NewPerDay: session.DefaultNewPerDay,
		Exam: session.ExamOptions{Day: cal.Day(now).AddDays(examIn), AreaWeights: session.AreaWeights(set.Blueprint)}}
}

func TestPlanIntroducesEveryCardBeforeTheBuffer(t *testing.T) {
	o := planOpts(t, 21)
	rep, err := Compute(o)
	require.NoError(t, err)
	require.Len(t, rep.Days, 21)
	assert.Equal(t, float64(len(o.Cards)), rep.Total.New)
	for i, d := range rep.Days {
		if i > 21-5 {
			assert.Zero(t, d.New, "inside the buffer: %s", d.Date)
		}
		assert.LessOrEqual(t, d.New, float64(rep.Pace.PerDay))
		assert.InDelta(t, d.Answers*DefaultSecondsPerAnswer/60, d.Minutes, 1e-9)
	}
	assert.Equal(t, float64(len(o.Cards)), rep.Overall.Seen)
	assert.GreaterOrEqual(t, rep.Overall.Memory, 0.9, "every card at the target or above on the exam day")
	assert.Zero(t, rep.Overall.NoReviews)
	assert.Nil(t, rep.Pace.LeaveOut)
}

func TestPlanTooFastNamesAreasToLeaveOut(t *testing.T) {
	o := planOpts(t, 3)
	rep, err := Compute(o)
	require.NoError(t, err)
	assert.True(t, rep.Pace.TooMany)
	assert.NotEmpty(t, rep.Pace.LeaveOut)
	assert.Equal(t, float64(len(o.Cards)), rep.Days[0].New, "everything today")
}

func TestPlanEdges(t *testing.T) {
	o := planOpts(t, 0)
	rep, err := Compute(o)
	require.NoError(t, err, "the exam today: nothing left to plan")
	assert.Empty(t, rep.Days)
	assert.False(t, rep.Pace.Active)

	o = planOpts(t, -1)
	_, err = Compute(o)
	assert.ErrorContains(t, err, "before today")

	o = planOpts(t, 10)
	o.Exam = session.ExamOptions{}
	_, err = Compute(o)
	assert.ErrorContains(t, err, "no exam date")
}

// BenchmarkCompute is the plan's own work, without the store: 400 cards
// all learned, an exam 30 days away.
func BenchmarkCompute(b *testing.B) {
	o := planOpts(b, 30)
	for len(o.Cards) < 400 {
		c := *o.Cards[len(o.Cards)%300]
		c.ID += "-copy" + time.Duration(len(o.Cards)).String()
		o.Cards = append(o.Cards, &c)
	}
	for i, c := range o.Cards {
		last := o.Now.AddDate(0, 0, -(i % 20))
		o.States[c.ID] = store.CardState{CardID: c.ID, Stability: float64(5 + i%40), Difficulty: 5, State: store.StateReview,
			LastReview: last, Due: last.AddDate(0, 0, 5+i%40), Reps: 4}
	}
	for b.Loop() {
		if _, err := Compute(o); err != nil {
			b.Fatal(err)
		}
	}
}

func TestPlanIsTheSameEveryTimeAndCountsLapses(t *testing.T) {
	o := planOpts(t, 21)
	a, err := Compute(o)
	require.NoError(t, err)
	b, err := Compute(o)
	require.NoError(t, err)
	assert.Equal(t, a, b)

	o.FirstRight = 1 // knows every new card: fewer relearning answers
	sure, err := Compute(o)
	require.NoError(t, err)
	assert.Less(t, sure.Total.Answers, a.Total.Answers)
	assert.Equal(t, a.Total.New, sure.Total.New)
}
