package fsrs

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// This file reproduces the expected values published by the upstream test
// suites: py-fsrs tests/test_basic.py (class TestPyFSRS, the FSRS-6 version
// with TEST_RATINGS_1 and its 498/21-day intervals) and fsrs-rs
// src/inference.rs and src/model.rs (FSRS-6 defaults, w20 = 0.1542).
//
// py-fsrs computes in float64 like dockdrill, and its expectations are met
// exactly. fsrs-rs computes in f32, so its values are met to a relative
// 2e-6 (f32 carries about 7 significant digits).
//
// Where dockdrill's rules differ from py-fsrs 6.3.1 (same-day Hard, the
// 36500-day stability cap, day boundaries instead of 24-hour periods,
// Hard < Good < Easy ordering), the upstream scenarios do not reach the
// difference: no same-day Hard, no stability near 36500, reviews at the same
// time of day in UTC with days starting at midnight (testParams), and no
// tie between Hard, Good and Easy intervals. TestSameDayHardDiffersFromPyFSRS
// and TestPreviewOrdersHardGoodEasy cover the differences themselves.

// README.md section 3.9: the worked example, to the last bit.
func TestWorkedExampleOfTheDoc(t *testing.T) {
	s := newTestScheduler(t, pure)
	steps := []struct {
		elapsed  int
		r, s, d  float64
		interval int
	}{
		{0, 0, 2.3065, 2.118103970459016, 2},
		{2, 0.9094932559773545, 10.964332335820698, 2.111214235785395, 11},
		{11, 0.8997767176252718, 46.28021728755693, 2.1043313908464483, 46},
		{46, 0.9004166937961716, 162.86220163874916, 2.0974554287524403, 163},
	}
	now := t0
	var c Card
	for i, want := range steps {
		assert.Equal(t, want.elapsed, s.ElapsedDays(c.LastReview, now), "review %d: elapsed days", i+1)
		assert.Equal(t, want.r, s.Retrievability(c, now), "review %d: R", i+1)
		c = s.Review(c, Good, now, 0)
		assert.Equal(t, want.s, c.Stability, "review %d: S", i+1)
		assert.Equal(t, want.d, c.Difficulty, "review %d: D", i+1)
		assert.Equal(t, want.interval, s.IntervalDays(c), "review %d: interval", i+1)
		now = now.AddDate(0, 0, want.interval)
	}

	// "And for Again on time": 0.212/6.4133 -> (t=1, R=0.76620)
	// 0.10089/8.80630 -> (t=1, R=0.69368) 0.05503/9.59287.
	again := []struct{ r, s, d float64 }{{0, 0.212, 6.4133}, {0.76620, 0.10089, 8.80630}, {0.69368, 0.05503, 9.59287}}
	now, c = t0, Card{}
	for i, want := range again {
		assert.InDelta(t, want.r, s.Retrievability(c, now), 5e-6, "Again %d: R", i+1)
		c = s.Review(c, Again, now, 0)
		assert.InDelta(t, want.s, c.Stability, 5e-6, "Again %d: S", i+1)
		assert.InDelta(t, want.d, c.Difficulty, 5e-6, "Again %d: D", i+1)
		assert.Equal(t, 1, s.IntervalDays(c))
		now = c.Due
	}
}

// testRatings1 is TEST_RATINGS_1 of py-fsrs tests/test_basic.py.
var testRatings1 = []Rating{Good, Good, Good, Good, Good, Good, Again, Again, Good, Good, Good, Good, Good}

// py-fsrs test_basic.py: TestPyFSRS.test_review_card and
// test_custom_scheduler_args (the same intervals). Each review is at the
// previous due time; py-fsrs's due is the review time plus whole days,
// dockdrill's the start of the due day, which counts the same days.
func TestPyFSRSReviewCard(t *testing.T) {
	s := newTestScheduler(t, nil)
	now := t0
	var c Card
	var intervals []int
	var states []State
	for _, g := range testRatings1 {
		c = s.Review(c, g, now, 0)
		intervals = append(intervals, s.IntervalDays(c))
		states = append(states, c.State)
		now = c.Due
	}
	assert.Equal(t, []int{0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21}, intervals)
	assert.Equal(t, []State{Learning, Review, Review, Review, Review, Review, Relearning, Relearning,
		Review, Review, Review, Review, Review}, states)
	assert.Equal(t, 13, c.Reps)
	assert.Equal(t, 1, c.Lapses, "the second Again is in Relearning, not a lapse")
}

// py-fsrs test_basic.py: TestPyFSRS.test_repeated_correct_reviews.
func TestPyFSRSRepeatedCorrectReviews(t *testing.T) {
	s := newTestScheduler(t, nil)
	var c Card
	for i := range 10 {
		c = s.Review(c, Easy, t0.Add(time.Duration(i)*time.Microsecond), 0)
	}
	assert.Equal(t, 1.0, c.Difficulty)
}

// py-fsrs test_basic.py: TestPyFSRS.test_memo_state, with the default
// scheduler (steps and fuzz on: neither changes the memory state); fsrs-rs
// src/inference.rs test_memory_state expects the same numbers.
func TestPyFSRSMemoState(t *testing.T) {
	s := newTestScheduler(t, func(p *Params) { p.EnableFuzz = true })
	now := t0
	var c Card
	for i, g := range []Rating{Again, Good, Good, Good, Good, Good} {
		now = now.AddDate(0, 0, []int{0, 0, 1, 3, 8, 21}[i])
		c = s.Review(c, g, now, FuzzSeed("card", c.Reps))
	}
	assert.InDelta(t, 53.62691, c.Stability, 1e-4)
	assert.InDelta(t, 6.3574867, c.Difficulty, 1e-4)
}

// py-fsrs test_basic.py: TestPyFSRS.test_custom_scheduler_args, second
// half: a custom parameter set, retention and maximum are accepted.
func TestPyFSRSCustomSchedulerArgs(t *testing.T) {
	p := testParams()
	p.Weights = [21]float64{0.1456, 0.4186, 1.1104, 4.1315, 5.2417, 1.3098, 0.8975, 0.0010, 1.5674, 0.0567,
		0.9661, 2.0275, 0.1592, 0.2446, 1.5071, 0.2272, 2.8755, 1.234, 0.56789, 0.1437, 0.2}
	p.DesiredRetention = 0.85
	p.MaximumInterval = 3650
	s, err := NewScheduler(p)
	require.NoError(t, err)
	assert.Equal(t, p.Weights, s.Params().Weights)
	assert.Equal(t, 0.85, s.Params().DesiredRetention)
	assert.Equal(t, 3650, s.Params().MaximumInterval)
}

// py-fsrs test_basic.py: TestPyFSRS.test_retrievability.
func TestPyFSRSRetrievability(t *testing.T) {
	s := newTestScheduler(t, nil)
	var c Card
	assert.Equal(t, 0.0, s.Retrievability(c, t0), "new card")
	for _, want := range []struct {
		g     Rating
		state State
	}{{Good, Learning}, {Good, Review}, {Again, Relearning}} {
		c = s.Review(c, want.g, c.Due.Add(time.Hour), 0)
		require.Equal(t, want.state, c.State)
		r := s.Retrievability(c, c.Due)
		assert.True(t, r >= 0 && r <= 1, "R = %v in %v", r, c.State)
	}
}

// py-fsrs test_basic.py: test_good_learning_steps, test_again_learning_steps,
// test_hard_learning_steps, test_easy_learning_steps.
func TestPyFSRSLearningSteps(t *testing.T) {
	s := newTestScheduler(t, nil)
	tests := []struct {
		g     Rating
		state State
		step  int
		delay time.Duration // 0: scheduled in days
	}{
		{Good, Learning, 1, 10 * time.Minute},
		{Again, Learning, 0, time.Minute},
		{Hard, Learning, 0, 330 * time.Second},
		{Easy, Review, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.g.String(), func(t *testing.T) {
			c := s.Review(Card{}, tt.g, t0, 0)
			assert.Equal(t, tt.state, c.State)
			assert.Equal(t, tt.step, c.Step)
			if tt.delay > 0 {
				assert.Equal(t, tt.delay, c.Due.Sub(t0))
			} else {
				assert.GreaterOrEqual(t, c.Due.Sub(t0), 11*time.Hour, "due the next day or later")
				assert.GreaterOrEqual(t, s.IntervalDays(c), 1)
			}
		})
	}
	// Good then Good graduates, due in over a day.
	c := s.Review(Card{}, Good, t0, 0)
	c = s.Review(c, Good, c.Due, 0)
	assert.Equal(t, Review, c.State)
	assert.Equal(t, 0, c.Step)
	assert.GreaterOrEqual(t, c.Due.Sub(t0), 24*time.Hour)
}

// py-fsrs test_basic.py: TestPyFSRS.test_review_state and test_relearning.
func TestPyFSRSReviewAndRelearning(t *testing.T) {
	s := newTestScheduler(t, nil)
	var c Card
	now := t0
	for range 3 {
		c = s.Review(c, Good, now, 0)
		now = c.Due
	}
	require.Equal(t, Review, c.State)
	prev := c.Due
	c = s.Review(c, Again, c.Due, 0)
	assert.Equal(t, Relearning, c.State)
	assert.Equal(t, 0, c.Step)
	assert.Equal(t, 10*time.Minute, c.Due.Sub(prev))

	prev = c.Due
	c = s.Review(c, Again, c.Due, 0)
	assert.Equal(t, Relearning, c.State)
	assert.Equal(t, 0, c.Step)
	assert.Equal(t, 10*time.Minute, c.Due.Sub(prev))

	prev = c.Due
	c = s.Review(c, Good, c.Due, 0)
	assert.Equal(t, Review, c.State)
	assert.Equal(t, 0, c.Step)
	assert.GreaterOrEqual(t, c.Due.Sub(prev), 11*time.Hour)
	assert.GreaterOrEqual(t, s.IntervalDays(c), 1)
}

// py-fsrs test_basic.py: TestPyFSRS.test_fuzz. py-fsrs seeds Python's
// global RNG (seeds 42 and 12345 give 12 and 11 days), which no other
// program can reproduce; dockdrill seeds per card. What carries over is the
// range: the unfuzzed interval is 11 days, fuzzed ones stay within
// py-fsrs's range for 11 days, [9, 13], and both upstream outcomes occur.
func TestPyFSRSFuzz(t *testing.T) {
	s := newTestScheduler(t, func(p *Params) { p.EnableFuzz = true })
	plain := newTestScheduler(t, nil)
	seen := map[int]int{}
	for i := range 200 {
		id := string(rune('a'+i%26)) + string(rune('a'+i/26))
		var c, u Card
		now := t0
		for range 3 {
			c = s.Review(c, Good, now, FuzzSeed(id, c.Reps))
			u = plain.Review(u, Good, now, 0)
			now = c.Due
		}
		require.Equal(t, 11, plain.IntervalDays(u))
		ivl := s.IntervalDays(c)
		require.True(t, ivl >= 9 && ivl <= 13, "fuzzed interval %d", ivl)
		seen[ivl]++
	}
	assert.Positive(t, seen[11])
	assert.Positive(t, seen[12])
	assert.GreaterOrEqual(t, len(seen), 4, "fuzz spreads intervals: %v", seen)
}

// py-fsrs test_basic.py: test_no_learning_steps, test_no_relearning_steps.
func TestPyFSRSNoSteps(t *testing.T) {
	s := newTestScheduler(t, func(p *Params) { p.LearningSteps = nil })
	c := s.Review(Card{}, Again, t0, 0)
	assert.Equal(t, Review, c.State)
	assert.GreaterOrEqual(t, s.IntervalDays(c), 1)

	s = newTestScheduler(t, func(p *Params) { p.RelearningSteps = nil })
	c = s.Review(Card{}, Good, t0, 0)
	assert.Equal(t, Learning, c.State)
	c = s.Review(c, Good, c.Due, 0)
	assert.Equal(t, Review, c.State)
	c = s.Review(c, Again, c.Due, 0)
	assert.Equal(t, Review, c.State)
	assert.GreaterOrEqual(t, s.IntervalDays(c), 1)
	assert.Equal(t, 1, c.Lapses)
}

// py-fsrs test_basic.py: TestPyFSRS.test_one_card_multiple_schedulers.
func TestPyFSRSOneCardMultipleSchedulers(t *testing.T) {
	steps := func(learn, relearn []time.Duration) *Scheduler {
		return newTestScheduler(t, func(p *Params) { p.LearningSteps, p.RelearningSteps = learn, relearn })
	}
	one, ten := time.Minute, 10*time.Minute
	twoLearning := steps([]time.Duration{one, ten}, []time.Duration{ten})
	oneLearning := steps([]time.Duration{one}, []time.Duration{ten})
	noLearning := steps(nil, []time.Duration{ten})
	twoRelearning := steps([]time.Duration{one, ten}, []time.Duration{one, ten})
	oneRelearning := steps([]time.Duration{one, ten}, []time.Duration{one})
	noRelearning := steps([]time.Duration{one, ten}, nil)

	var c Card
	check := func(s *Scheduler, g Rating, state State, step int) {
		t.Helper()
		c = s.Review(c, g, t0, 0)
		assert.Equal(t, state, c.State)
		assert.Equal(t, step, c.Step)
	}
	check(twoLearning, Good, Learning, 1)
	check(oneLearning, Again, Learning, 0)
	check(noLearning, Hard, Review, 0)
	check(twoRelearning, Again, Relearning, 0)
	check(twoRelearning, Good, Relearning, 1)
	check(oneRelearning, Again, Relearning, 0)
	check(noRelearning, Hard, Review, 0)
}

// py-fsrs test_basic.py: TestPyFSRS.test_maximum_interval.
func TestPyFSRSMaximumInterval(t *testing.T) {
	s := newTestScheduler(t, func(p *Params) { p.MaximumInterval = 100 })
	var c Card
	for _, g := range []Rating{Easy, Good, Easy, Good} {
		c = s.Review(c, g, c.Due, 0)
		assert.LessOrEqual(t, s.IntervalDays(c), 100)
	}
}

// py-fsrs test_basic.py: TestPyFSRS.test_stability_lower_bound.
func TestPyFSRSStabilityLowerBound(t *testing.T) {
	s := newTestScheduler(t, func(p *Params) { p.EnableFuzz = true })
	var c Card
	for range 1000 {
		c = s.Review(c, Again, c.Due.AddDate(0, 0, 1), FuzzSeed("x", c.Reps))
		require.GreaterOrEqual(t, c.Stability, StabilityMin)
	}
}

// py-fsrs test_basic.py: TestPyFSRS.test_scheduler_parameter_validation.
func TestPyFSRSParameterValidation(t *testing.T) {
	p := testParams()
	require.NoError(t, p.Validate())

	tests := []struct {
		name   string
		edit   func(w *[21]float64)
		errors int
	}{
		{"one too high", func(w *[21]float64) { w[6] = 100 }, 1},
		{"one too low", func(w *[21]float64) { w[10] = -42 }, 1},
		{"two bad", func(w *[21]float64) { w[0], w[3] = 0, 101 }, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := testParams()
			tt.edit(&p.Weights)
			err := p.Validate()
			require.Error(t, err)
			assert.Len(t, err.(interface{ Unwrap() []error }).Unwrap(), tt.errors)
			_, err = NewScheduler(p)
			assert.Error(t, err)
		})
	}
	for _, n := range []int{0, 20, 24} {
		_, err := MigrateWeights(make([]float64, n))
		assert.Error(t, err, "%d weights", n)
	}
}

// py-fsrs test_basic.py: test_learning_card_rate_hard_one_learning_step,
// test_learning_card_rate_hard_second_learning_step,
// test_relearning_card_rate_hard_one_relearning_step,
// test_relearning_card_rate_hard_two_relearning_steps.
func TestPyFSRSHardSteps(t *testing.T) {
	one, ten := time.Minute, 10*time.Minute
	s := newTestScheduler(t, func(p *Params) { p.LearningSteps = []time.Duration{ten} })
	c := s.Review(Card{}, Hard, t0, 0)
	assert.Equal(t, Learning, c.State)
	assert.Equal(t, 15*time.Minute, c.Due.Sub(t0))

	s = newTestScheduler(t, func(p *Params) { p.LearningSteps = []time.Duration{one, ten} })
	c = s.Review(Card{}, Good, t0, 0)
	require.Equal(t, 1, c.Step)
	prev := c.Due
	c = s.Review(c, Hard, prev, 0)
	assert.Equal(t, Learning, c.State)
	assert.Equal(t, 1, c.Step)
	assert.Equal(t, ten, c.Due.Sub(prev))

	s = newTestScheduler(t, func(p *Params) { p.RelearningSteps = []time.Duration{ten} })
	c = s.Review(Card{}, Easy, t0, 0)
	c = s.Review(c, Again, c.Due, 0)
	require.Equal(t, Relearning, c.State)
	prev = c.Due
	c = s.Review(c, Hard, prev, 0)
	assert.Equal(t, Relearning, c.State)
	assert.Equal(t, 0, c.Step)
	assert.Equal(t, 15*time.Minute, c.Due.Sub(prev))

	s = newTestScheduler(t, func(p *Params) { p.RelearningSteps = []time.Duration{one, ten} })
	c = s.Review(Card{}, Easy, t0, 0)
	c = s.Review(c, Again, c.Due, 0)
	prev = c.Due
	c = s.Review(c, Hard, prev, 0)
	assert.Equal(t, Relearning, c.State)
	assert.Equal(t, 0, c.Step)
	assert.Equal(t, (one+ten)/2, c.Due.Sub(prev))
	c = s.Review(c, Good, c.Due, 0)
	assert.Equal(t, Relearning, c.State)
	assert.Equal(t, 1, c.Step)
	prev = c.Due
	c = s.Review(c, Hard, prev, 0)
	assert.Equal(t, 1, c.Step)
	assert.Equal(t, ten, c.Due.Sub(prev))
	c = s.Review(c, Easy, prev, 0)
	assert.Equal(t, Review, c.State)
	assert.Equal(t, 0, c.Step)
}

// py-fsrs test_basic.py: TestPyFSRS.test_long_term_stability_learning_state.
func TestPyFSRSLongTermStabilityInRelearning(t *testing.T) {
	s := newTestScheduler(t, nil)
	c := s.Review(Card{}, Easy, t0, 0)
	require.Equal(t, Review, c.State)
	c = s.Review(c, Again, c.Due, 0)
	require.Equal(t, Relearning, c.State)
	before := c
	c = s.Review(c, Good, c.Due.AddDate(0, 0, 1), 0)
	assert.Equal(t, Review, c.State)
	r := s.m.retrievability(1, before.Stability)
	assert.Equal(t, s.m.recallStability(before.Difficulty, before.Stability, r, Good), c.Stability,
		"a day later the long-term formula applies")
}

// py-fsrs test_basic.py: test_reschedule_card_same_scheduler,
// test_reschedule_card_different_parameters,
// test_reschedule_card_different_desired_retention,
// test_reschedule_card_different_learning_steps. Rescheduling replays the
// review log with another scheduler.
func TestPyFSRSReschedule(t *testing.T) {
	base := newTestScheduler(t, nil)
	type logEntry struct {
		g  Rating
		at time.Time
	}
	var logs []logEntry
	var c Card
	now := t0
	for _, g := range testRatings1 {
		logs = append(logs, logEntry{g, now})
		c = base.Review(c, g, now, 0)
		now = c.Due
	}
	replay := func(s *Scheduler) Card {
		var r Card
		for _, l := range logs {
			r = s.Review(r, l.g, l.at, 0)
		}
		return r
	}
	assert.Equal(t, c, replay(base), "same scheduler")

	other := newTestScheduler(t, func(p *Params) {
		p.Weights = [21]float64{0.12340357383516173, 1.2931, 2.397673571899466, 8.2956, 6.686820427099132,
			0.45021679958387956, 3.077875127553957, 0.053520395733247045, 1.6539992229052127,
			0.1466206769107436, 0.6300772488850335, 1.611965002575047, 0.012840136810798864,
			0.34853762746216305, 1.8878958285806287, 0.8546376191171063, 1.8729, 0.6748536823468675,
			0.20451266082721842, 0.22622814695113844, 0.46030603398979064}
	})
	r := replay(other)
	assert.Equal(t, c.State, r.State)
	assert.Equal(t, c.Step, r.Step)
	assert.NotEqual(t, c.Stability, r.Stability)
	assert.NotEqual(t, c.Difficulty, r.Difficulty)
	assert.Equal(t, c.LastReview, r.LastReview)
	assert.NotEqual(t, c.Due, r.Due)

	r = replay(newTestScheduler(t, func(p *Params) { p.DesiredRetention = 0.8 }))
	assert.Equal(t, c.Stability, r.Stability)
	assert.Equal(t, c.Difficulty, r.Difficulty)
	assert.True(t, r.Due.After(c.Due), "lower retention, later due")

	r = replay(newTestScheduler(t, func(p *Params) {
		p.LearningSteps = slicesRepeat(time.Minute, len(logs))
	}))
	assert.NotEqual(t, c.State, r.State)
	assert.NotEqual(t, c.Step, r.Step)
	assert.Equal(t, c.Stability, r.Stability)
	assert.Equal(t, c.Difficulty, r.Difficulty)
	assert.True(t, r.Due.Before(c.Due))
}

func slicesRepeat(d time.Duration, n int) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		out[i] = d
	}
	return out
}

// fsrsRsParameters is PARAMETERS of the fsrs-rs src/inference.rs tests, a
// 19-value (FSRS-5) vector that FSRS::new fills to 21 (w19 = 0, w20 = 0.5).
var fsrsRsParameters = []float64{0.6845422, 1.6790825, 4.7349424, 10.042885, 7.4410233, 0.64219797,
	1.071918, 0.0025195254, 1.432437, 0.1544, 0.8692766, 2.0696752, 0.0953, 0.2975, 2.4691248,
	0.19542035, 3.201072, 0.18046261, 0.121442534}

// fsrsRsTol is the relative tolerance for values computed in f32.
const fsrsRsTol = 2e-6

func fsrsRsModel(t *testing.T) model {
	w, err := MigrateWeights(fsrsRsParameters)
	require.NoError(t, err)
	return newModel(w)
}

// fsrs-rs src/inference.rs: tests::test_memo_state.
func TestFsrsRsMemoState(t *testing.T) {
	m := fsrsRsModel(t)
	s, d := m.memoryState([]rev{{Again, 0}, {Good, 1}, {Good, 3}, {Good, 8}, {Good, 21}})
	assertRel(t, 31.722992, s, fsrsRsTol, "S")
	assertRel(t, 7.382128, d, fsrsRsTol, "D")

	s, d = m.next(20.925528, 7.005062, false, 21, m.retrievability(21, 20.925528), Good)
	assertRel(t, 40.87456, s, fsrsRsTol, "next good S")
	assertRel(t, 6.9913807, d, fsrsRsTol, "next good D")
}

// fsrs-rs src/inference.rs: tests::test_memory_state, default parameters
// and then with short-term terms frozen (w17 = w18 = w19 = 0).
func TestFsrsRsMemoryState(t *testing.T) {
	revs := []rev{{Again, 0}, {Good, 0}, {Good, 1}, {Good, 3}, {Good, 8}, {Good, 21}}
	m := newModel(defaultWeights)
	s, d := m.memoryState(revs)
	assertRel(t, 53.62691, s, fsrsRsTol, "S")
	assertRel(t, 6.3574867, d, fsrsRsTol, "D")

	w := defaultWeights
	w[17], w[18], w[19] = 0, 0, 0
	m = newModel(w)
	s, d = m.memoryState(revs)
	assertRel(t, 53.335106, s, fsrsRsTol, "frozen S")
	assertRel(t, 6.3574867, d, fsrsRsTol, "frozen D")
}

// fsrs-rs src/inference.rs: tests::test_next_interval, S = 1 at retention
// 0.1 to 1.0, rounded, at least 1. fsrs-rs rounds half away from zero and
// dockdrill half to even; no value here sits on a half. At retention 0.1
// the interval is 3.1 million days, where f32 carries whole days only:
// float64 gives 3116769 days, 1e-6 away from fsrs-rs's 3116766.
func TestFsrsRsNextInterval(t *testing.T) {
	m := newModel(defaultWeights)
	want := []int{3116766, 34793, 2508, 387, 90, 27, 9, 3, 1, 1}
	for i, w := range want {
		r := float64(i+1) / 10
		got := max(1, int(math.RoundToEven(m.intervalRaw(1, r))))
		if i == 0 {
			assert.Equal(t, 3116769, got)
			assertRel(t, float64(w), float64(got), fsrsRsTol, "retention 0.1")
			continue
		}
		assert.Equal(t, w, got, "retention %.1f", r)
	}
	assertRel(t, 121.01551, m.intervalRaw(121.01552, 0.9), fsrsRsTol, "interval at 0.9 equals S")
}

// fsrs-rs src/inference.rs: tests::test_next_states.
func TestFsrsRsNextStates(t *testing.T) {
	m := fsrsRsModel(t)
	s0, d0 := m.memoryState([]rev{{Again, 0}, {Good, 1}, {Good, 3}, {Good, 8}})
	r := m.retrievability(21, s0)
	want := []struct{ s, d float64 }{
		{2.9691455, 8.000659},
		{17.091452, 7.6913934},
		{31.722992, 7.382128},
		{71.7502, 7.0728626},
	}
	for i, w := range want {
		g := Rating(i + 1)
		s, d := m.next(s0, d0, false, 21, r, g)
		assertRel(t, w.s, s, fsrsRsTol, "%v S", g)
		assertRel(t, w.d, d, fsrsRsTol, "%v D", g)
		assertRel(t, w.s, m.intervalRaw(s, 0.9), fsrsRsTol, "%v interval", g)
	}
}

// fsrs-rs src/inference.rs: tests::test_current_retrievability (decay 0.2).
func TestFsrsRsCurrentRetrievability(t *testing.T) {
	w := defaultWeights
	w[20] = 0.2
	m := newModel(w)
	for i, want := range []float64{1, 0.9, 0.84028935, 0.7985001} {
		assertRel(t, want, m.retrievability(i, 1), fsrsRsTol, "t=%d", i)
	}
}

// fsrs-rs src/model.rs (FSRS-6): tests::test_power_forgetting_curve.
func TestFsrsRsPowerForgettingCurve(t *testing.T) {
	m := newModel(defaultWeights)
	ts := []int{0, 1, 2, 3, 4, 5}
	ss := []float64{1, 2, 3, 4, 4, 2}
	for i, want := range []float64{1.0, 0.9403443, 0.9253786, 0.9185229, 0.9, 0.8261359} {
		assert.InDelta(t, want, m.retrievability(ts[i], ss[i]), 1e-5, "t=%d S=%v", ts[i], ss[i])
	}
}

// fsrs-rs src/model.rs (FSRS-6): tests::test_init_stability,
// test_init_difficulty and test_forward (two reviews: ratings 1,2,3,4,1,2,
// then the same ratings 1,1,1,1,2,2 days later).
func TestFsrsRsForward(t *testing.T) {
	m := newModel(defaultWeights)
	for g := Again; g <= Easy; g++ {
		assert.Equal(t, defaultWeights[g-1], m.initStability(g))
		assert.InDelta(t, defaultWeights[4]-math.Exp(defaultWeights[5]*float64(g-1))+1, m.initDifficultyRaw(g), 1e-14)
	}
	ratings := []Rating{1, 2, 3, 4, 1, 2}
	days := []int{1, 1, 1, 1, 2, 2}
	wantS := []float64{0.10088589, 3.2494123, 7.3153, 18.014914, 0.112798266, 4.4694576}
	wantD := []float64{8.806304, 6.7404594, 2.1112142, 1.0, 8.806304, 6.7404594}
	for i, g := range ratings {
		s, d := m.memoryState([]rev{{g, 0}, {g, days[i]}})
		assertRel(t, wantS[i], s, fsrsRsTol, "S[%d]", i)
		assertRel(t, wantD[i], d, fsrsRsTol, "D[%d]", i)
	}
}

// fsrs-rs src/model.rs (FSRS-6): tests::test_next_difficulty. The damped
// step before mean reversion and the difficulty after it.
func TestFsrsRsNextDifficulty(t *testing.T) {
	m := newModel(defaultWeights)
	damped := []float64{8.354889, 6.6774445, 5.0, 3.3225555}
	reverted := []float64{8.341763, 6.6659956, 4.990228, 3.3144615}
	for i := range 4 {
		g := Rating(i + 1)
		delta := -(m.w[6] * float64(g-3))
		assertRel(t, damped[i], 5+(10-5)*delta/9, fsrsRsTol, "damped %v", g)
		assertRel(t, reverted[i], m.nextDifficulty(5, g), fsrsRsTol, "reverted %v", g)
	}
}

// fsrs-rs src/model.rs (FSRS-6): tests::test_next_stability. S = 5,
// D = 1..4, R = 0.9..0.6, ratings 1..4: recall, lapse and same-day
// stability. The same-day Hard (5.0) is the fsrs-rs rule dockdrill follows.
func TestFsrsRsNextStability(t *testing.T) {
	m := newModel(defaultWeights)
	recall := []float64{25.602541, 28.226582, 58.656002, 127.226685}
	forget := []float64{1.0525396, 1.1894329, 1.3680838, 1.584989}
	short := []float64{1.596818, 5.0, 5.0, 8.12961}
	for i := range 4 {
		g, d, r := Rating(i+1), float64(i+1), 0.9-0.1*float64(i)
		assertRel(t, recall[i], m.recallStability(d, 5, r, g), fsrsRsTol, "recall %v", g)
		assertRel(t, forget[i], m.forgetStability(d, 5, r), fsrsRsTol, "forget %v", g)
		assertRel(t, short[i], m.shortTermStability(5, g), fsrsRsTol, "same-day %v", g)
	}
}
