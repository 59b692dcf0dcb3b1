package session

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/schedule"
	"github.com/dockdrill/dockdrill/quiz/store"
)

func date(s string) store.Date {
	d, err := store.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestNewPaceArithmetic(t *testing.T) {
	today := date("2026-11-27")
	tests := []struct {
		name      string
		remaining int
		exam      store.Date
		buffer    int
		want      Pace
	}{
		{"even split", 100, today.AddDays(14), 5,
			Pace{Active: true, Remaining: 100, Days: 10, By: today.AddDays(9), PerDay: 10}},
		{"rounded up", 101, today.AddDays(14), 5,
			Pace{Active: true, Remaining: 101, Days: 10, By: today.AddDays(9), PerDay: 11}},
		{"last day before the buffer is today", 30, today.AddDays(5), 5,
			Pace{Active: true, Remaining: 30, Days: 1, By: today, PerDay: 30}},
		{"buffer longer than the days left: everything today", 70, today.AddDays(3), 5,
			Pace{Active: true, Remaining: 70, Days: 1, By: today, PerDay: 70, TooMany: true}},
		{"exam tomorrow", 12, today.AddDays(1), 5,
			Pace{Active: true, Remaining: 12, Days: 1, By: today, PerDay: 12}},
		{"no new cards left", 0, today.AddDays(20), 5,
			Pace{Active: true, Remaining: 0, Days: 16, By: today.AddDays(15), PerDay: 0}},
		{"no buffer", 20, today.AddDays(4), 0,
			Pace{Active: true, Remaining: 20, Days: 5, By: today.AddDays(4), PerDay: 4}},
		{"exam today: plain", 50, today, 5, Pace{Remaining: 50}},
		{"exam past: plain", 50, today.AddDays(-3), 5, Pace{Remaining: 50}},
		{"just above the limit", 61, today.AddDays(5), 5,
			Pace{Active: true, Remaining: 61, Days: 1, By: today, PerDay: 61, TooMany: true}},
		{"at the limit", 60, today.AddDays(5), 5,
			Pace{Active: true, Remaining: 60, Days: 1, By: today, PerDay: 60}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, NewPace(tt.remaining, today, tt.exam, tt.buffer))
		})
	}
}

func TestLeaveOutDropsTheLightestAreasFirst(t *testing.T) {
	areas := []AreaLoad{
		{"arch", 40, 1.0}, {"images", 30, 0.5}, {"dockerfile", 50, 1.0}, {"upload", 20, 0.5},
	}
	// 140 new in 2 days is 70 a day. Dropping images (0.5, 30 new, more
	// than upload's 20) gives 110 / 2 = 55.
	assert.Equal(t, []string{"images"}, LeaveOut(areas, 0, 2, 60))
	// 10 introduced already: 150 → images 120 → upload 100 (50 a day).
	assert.Equal(t, []string{"images", "upload"}, LeaveOut(areas, 10, 2, 50))
	// Within the limit already.
	assert.Nil(t, LeaveOut(areas, 0, 3, 60))
	// Even leaving everything out is not enough when the fixed ones exceed it.
	assert.Equal(t, []string{"images", "upload", "dockerfile", "arch"}, LeaveOut(areas, 200, 1, 60))
}

func TestExamModePacesNewCardsAndSaysHowMany(t *testing.T) {
	c := newClock(t0)
	cfg := config(t, c, cards(10, areaOrder...))               // 70 new cards
	cfg.Exam = ExamOptions{Day: date("2026-12-11"), Buffer: 5} // 14 days: 10 days to introduce them
	s, err := New(cfg)
	require.NoError(t, err)
	p := s.Pace()
	assert.True(t, p.Active)
	assert.Equal(t, 7, p.PerDay)
	assert.Equal(t, "2026-12-06", p.By.String())
	_, news, _ := s.Planned()
	assert.Equal(t, 7, news, "the pace replaces the default 15")

	cfg.IntroducedToday = 3
	cfg.Exam.KeepNewPerDay = true
	s, err = New(cfg)
	require.NoError(t, err)
	_, news, _ = s.Planned()
	assert.Equal(t, 12, news, "an explicit --new wins over the pace")

	cfg.Exam.KeepNewPerDay = false
	s, err = New(cfg)
	require.NoError(t, err)
	_, news, _ = s.Planned()
	assert.Equal(t, 5, news, "counted with the ones introduced today: (70+3)/10 rounded up, less 3")
}

func TestExamModeNamesAreasToLeaveOutAboveSixtyADay(t *testing.T) {
	c := newClock(t0)
	cs := cards(20, areaOrder...) // 140 new cards
	cfg := config(t, c, cs)
	cfg.Exam = ExamOptions{Day: date("2026-12-02"), Buffer: 5, // introduce them all today
		AreaWeights: map[string]float64{"arch": 1, "images": 1, "dockerfile": 1, "upload": 0.5, "containers": 1, "networks": 0.5, "volumes": 1}}
	s, err := New(cfg)
	require.NoError(t, err)
	p := s.Pace()
	assert.True(t, p.TooMany)
	assert.Equal(t, 140, p.PerDay)
	// upload and networks weigh least; then the areas of weight 1 in
	// blueprint order, until 60 or fewer are left.
	assert.Equal(t, []string{"upload", "networks", "arch", "images"}, p.LeaveOut)
}

func TestExamModeIsPlainOnAndAfterTheExamDay(t *testing.T) {
	for _, exam := range []string{"2026-11-27", "2026-11-20"} {
		c := newClock(t0)
		cfg := config(t, c, cards(10, areaOrder...))
		cfg.Exam = ExamOptions{Day: date(exam)}
		s, err := New(cfg)
		require.NoError(t, err)
		assert.False(t, s.Pace().Active, exam)
		_, news, _ := s.Planned()
		assert.Equal(t, DefaultNewPerDay, news, exam)

		// And no cap: a card answered after the exam keeps its FSRS interval.
		clear(cfg.States) // the map the test store starts from, too
		cfg.States["arch-0"] = reviewState("arch-0", t0, 30, 30)
		cfg.Scheduler = scheduler(t, false)
		s, err = New(cfg)
		require.NoError(t, err)
		r, err := s.Rate(context.Background(), cfg.Cards[0], Answer{Rating: fsrs.Good, Verdict: store.VerdictRight})
		require.NoError(t, err)
		assert.False(t, s.BeforeExam("arch-0"))
		plain := cfg.Scheduler.Review(schedule.Card(r.Before), fsrs.Good, r.Time, 0)
		assert.Equal(t, plain.Due, r.After.Due, exam)
	}
}

func TestExamCapShortensARatingAndSaysSo(t *testing.T) {
	c := newClock(t0)
	cfg := config(t, c, cards(1, "arch"))
	p := fsrs.DefaultParams()
	p.EnableFuzz = false
	p.DesiredRetention = 0.75 // long intervals: the cap has work to do
	sched, err := fsrs.NewScheduler(p)
	require.NoError(t, err)
	cfg.Scheduler = sched
	cfg.States["arch-0"] = reviewState("arch-0", t0, 10, 10) // in the store too
	cfg.Exam = ExamOptions{Day: date("2027-01-26"), Target: 0.9}
	s, err := New(cfg)
	require.NoError(t, err)

	prev := s.Preview(cfg.Cards[0])
	assert.True(t, prev[fsrs.Good-1].BeforeExam)
	r, err := s.Rate(context.Background(), cfg.Cards[0], Answer{Rating: fsrs.Good, Verdict: store.VerdictRight})
	require.NoError(t, err)
	assert.True(t, s.BeforeExam("arch-0"))
	assert.Equal(t, prev[fsrs.Good-1].Due, r.After.Due, "the preview agrees with the rating")
	cal := cfg.Calendar
	due := cal.Day(r.After.Due)
	assert.True(t, due.Before(cfg.Exam.Day), "due %s, before the exam", due)
	assert.True(t, cal.Day(t0).Before(due), "due %s, after today", due)
	rDue := sched.RetrievabilityAfter(due.Sub(cal.Day(t0)), r.After.Stability)
	assert.GreaterOrEqual(t, rDue, 0.9-1e-9)
}

func TestInsideTheBufferDueCardsComeLowestExamDayRetrievabilityFirst(t *testing.T) {
	c := newClock(t0)
	cs := cards(2, "arch")
	cfg := config(t, c, cs)
	// arch-0: low stability, reviewed yesterday: higher R now, but lower on the exam day.
	// arch-1: high stability, reviewed long ago: lower R now, higher on the exam day.
	cfg.States = map[string]store.CardState{
		"arch-0": reviewState("arch-0", t0, 1, 0.4),
		"arch-1": reviewState("arch-1", t0, 40, 10),
	}
	sched := cfg.Scheduler
	exam := t0.AddDate(0, 0, 4)
	r0now, r1now := sched.Retrievability(schedule.Card(cfg.States["arch-0"]), t0), sched.Retrievability(schedule.Card(cfg.States["arch-1"]), t0)
	r0exam, r1exam := sched.Retrievability(schedule.Card(cfg.States["arch-0"]), exam), sched.Retrievability(schedule.Card(cfg.States["arch-1"]), exam)
	require.Greater(t, r0now, r1now)
	require.Less(t, r0exam, r1exam)

	s, err := New(cfg)
	require.NoError(t, err)
	assert.Equal(t, []string{"arch-1", "arch-0"}, ids(s.queue), "no exam: lowest R now first")

	cfg.Exam = ExamOptions{Day: cfg.Calendar.Day(exam)} // 4 days away: inside the 5-day buffer
	s, err = New(cfg)
	require.NoError(t, err)
	assert.Equal(t, []string{"arch-0", "arch-1"}, ids(s.queue), "inside the buffer: lowest R(exam day) first")

	cfg.Exam = ExamOptions{Day: cfg.Calendar.Day(t0.AddDate(0, 0, 5))} // the last day of new cards: not yet
	s, err = New(cfg)
	require.NoError(t, err)
	assert.Equal(t, []string{"arch-1", "arch-0"}, ids(s.queue))

	cfg.Exam = ExamOptions{Day: cfg.Calendar.Day(t0.AddDate(0, 0, 20))} // outside the buffer
	s, err = New(cfg)
	require.NoError(t, err)
	assert.Equal(t, []string{"arch-1", "arch-0"}, ids(s.queue))
}
