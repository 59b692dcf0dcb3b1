package fsrs

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // zones for the day-boundary tests, whatever the host has

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFormulasAtdefaultWeights(t *testing.T) {
	m := newModel(defaultWeights)
	// README.md 3.1 and 3.3.
	assert.Equal(t, -0.1542, m.decay)
	assert.Equal(t, 0.9803464944134797, m.factor)
	d0 := []float64{6.4133, 5.112170705601055, 2.118103970459016, -4.771630703161737}
	for i, want := range d0 {
		assert.InDelta(t, want, m.initDifficultyRaw(Rating(i+1)), 1e-15, "D0(%d)", i+1)
	}
	assert.Equal(t, 1.0, m.initDifficulty(Easy), "D0(Easy) is clamped when it starts a card")
	assert.InDelta(t, 1.0507203746232234, m.forgetFloor, 1e-15)

	// 4.3: interval multipliers I_raw/S by retention.
	for _, tt := range []struct{ r, mul float64 }{
		{0.70, 9.2879}, {0.80, 3.3160}, {0.85, 1.9064}, {0.90, 1.0}, {0.95, 0.40256}, {0.97, 0.22277},
	} {
		assert.InDelta(t, tt.mul, m.intervalRaw(1, tt.r), 5e-5, "retention %v", tt.r)
	}
	assert.Equal(t, 0.9999999999999999, m.intervalRaw(1, 0.9), "the float noise of 4.3")

	// 4.9: same-day increase at S = 1 per grade, before the floor.
	for i, want := range []float64{0.3550, 0.6108, 1.0507, 1.8076} {
		assert.InDelta(t, want, m.sinc[i+1], 5e-5, "SInc(%d)", i+1)
	}
	// R(S, S) = 0.9 for any S.
	for _, s := range []float64{1, 7, 100, 36500} {
		assert.InDelta(t, 0.9, m.retrievability(int(s), s), 1e-12)
	}
}

func TestFormulaBounds(t *testing.T) {
	m := newModel(defaultWeights)
	tests := []struct {
		name       string
		s, d       float64
		isNew      bool
		elapsed    int
		g          Rating
		wantS      float64 // 0: only bounds checked
		wantD      float64
		comparison string
	}{
		{"Easy drives difficulty to the floor", 5, 1, false, 3, Easy, 0, 1, ""},
		{"Again at the ceiling reverts a little towards D0(Easy)", 5, 10, false, 3, Again, 0, 0.001*-4.771630703161737 + 0.999*10, ""},
		{"Again near 10 stays below it (linear damping)", 5, 9.99, false, 3, Again, 0, 0, ""},
		{"stability floor", 0.001, 10, false, 1000, Again, StabilityMin, 0, ""},
		{"stability ceiling", 36000, 1, false, 200000, Easy, StabilityMax, 0, ""},
		{"new card Again", 0, 0, true, 0, Again, 0.212, 6.4133, ""},
		{"new card Easy clamps D0", 0, 0, true, 0, Easy, 8.2956, 1, ""},
		{"same-day Again lowers S", 10, 5, false, 0, Again, 0, 0, "lower"},
		{"same-day Good never lowers S", 100, 5, false, 0, Good, 100, 0, ""},
		{"lapse never leaves S above S/e^(w17*w18)", 0.1, 1, false, 1000, Again, 0.1 / 1.0507203746232234, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := 0.0
			if tt.elapsed > 0 {
				r = m.retrievability(tt.elapsed, tt.s)
			}
			s, d := m.next(tt.s, tt.d, tt.isNew, tt.elapsed, r, tt.g)
			assert.True(t, s >= StabilityMin && s <= StabilityMax, "S = %v", s)
			assert.True(t, d >= DifficultyMin && d <= DifficultyMax, "D = %v", d)
			if tt.wantS != 0 {
				assert.InDelta(t, tt.wantS, s, 1e-12)
			}
			if tt.wantD != 0 {
				assert.InDelta(t, tt.wantD, d, 1e-12)
			}
			if tt.comparison == "lower" {
				assert.Less(t, s, tt.s)
			}
		})
	}
}

// README.md 3.7: py-fsrs 6.3.1 lets a same-day Hard shrink S
// (497.4 -> 201.9); fsrs-rs, Anki and dockdrill floor the increase at 1.
func TestSameDayHardDiffersFromPyFSRS(t *testing.T) {
	m := newModel(defaultWeights)
	pyFSRS631 := 497.4 * m.sinc[Hard] * pow(497.4, -m.w[19])
	assert.InDelta(t, 201.9, pyFSRS631, 0.05)
	assert.Equal(t, 497.4, m.shortTermStability(497.4, Hard))

	s := newTestScheduler(t, nil)
	c := Card{Stability: 497.4, Difficulty: 5, State: Review, LastReview: t0, Due: t0.AddDate(0, 0, 497)}
	c = s.Review(c, Hard, t0.Add(2*time.Hour), 0)
	assert.Equal(t, 497.4, c.Stability)
}

func TestStateTransitions(t *testing.T) {
	s := newTestScheduler(t, nil)
	now := t0.Add(time.Hour)
	mem := Card{Stability: 3, Difficulty: 5, LastReview: t0, Reps: 4, Lapses: 1}
	at := func(state State, step int) Card { c := mem; c.State, c.Step = state, step; return c }
	const days = -1 // the card is scheduled in days
	tests := []struct {
		name   string
		card   Card
		g      Rating
		state  State
		step   int
		delay  time.Duration
		lapses int
	}{
		{"new Again", Card{}, Again, Learning, 0, time.Minute, 0},
		{"new Hard", Card{}, Hard, Learning, 0, 330 * time.Second, 0},
		{"new Good", Card{}, Good, Learning, 1, 10 * time.Minute, 0},
		{"new Easy", Card{}, Easy, Review, 0, days, 0},
		{"learning step 2 Again", at(Learning, 1), Again, Learning, 0, time.Minute, 1},
		{"learning step 2 Hard", at(Learning, 1), Hard, Learning, 1, 10 * time.Minute, 1},
		{"learning step 2 Good graduates", at(Learning, 1), Good, Review, 0, days, 1},
		{"learning step 2 Easy", at(Learning, 1), Easy, Review, 0, days, 1},
		{"learning past the last step Again", at(Learning, 5), Again, Learning, 0, time.Minute, 1},
		{"learning past the last step Hard graduates", at(Learning, 5), Hard, Review, 0, days, 1},
		{"review Again lapses", at(Review, 0), Again, Relearning, 0, 10 * time.Minute, 2},
		{"review Hard", at(Review, 0), Hard, Review, 0, days, 1},
		{"review Good", at(Review, 0), Good, Review, 0, days, 1},
		{"review Easy", at(Review, 0), Easy, Review, 0, days, 1},
		{"relearning Again", at(Relearning, 0), Again, Relearning, 0, 10 * time.Minute, 1},
		{"relearning Hard", at(Relearning, 0), Hard, Relearning, 0, 15 * time.Minute, 1},
		{"relearning Good", at(Relearning, 0), Good, Review, 0, days, 1},
		{"relearning Easy", at(Relearning, 0), Easy, Review, 0, days, 1},
		{"a negative step counts as the first", at(Learning, -3), Good, Learning, 1, 10 * time.Minute, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := s.Review(tt.card, tt.g, now, 0)
			assert.Equal(t, tt.state, c.State)
			assert.Equal(t, tt.step, c.Step)
			assert.Equal(t, tt.card.Reps+1, c.Reps)
			assert.Equal(t, tt.lapses, c.Lapses)
			assert.Equal(t, now, c.LastReview)
			if tt.delay == days {
				ivl := s.IntervalDays(c)
				assert.GreaterOrEqual(t, ivl, 1)
				assert.Equal(t, s.dayStart(s.dayNumber(now)+int64(ivl)), c.Due, "due at the start of a day")
			} else {
				assert.Equal(t, tt.delay, c.Due.Sub(now))
			}
		})
	}
}

// A card whose stored state is unusable starts over as new, keeping its
// counts; an out-of-range one is clamped.
func TestReviewSanitizesTheCard(t *testing.T) {
	s := newTestScheduler(t, pure)
	now := t0.AddDate(0, 0, 3)
	fresh := s.Review(Card{}, Good, now, 0)
	for _, c := range []Card{
		{State: Review, Stability: math.NaN(), Difficulty: 5, LastReview: t0, Reps: 7},
		{State: Review, Stability: math.Inf(1), Difficulty: 5, LastReview: t0, Reps: 7},
		{State: Review, Stability: 3, Difficulty: 0, LastReview: t0, Reps: 7},
		{State: Review, Stability: 3, Difficulty: 5, Reps: 7},
		{State: State(9), Stability: 3, Difficulty: 5, LastReview: t0, Reps: 7},
	} {
		got := s.Review(c, Good, now, 0)
		assert.Equal(t, fresh.Stability, got.Stability, "%+v", c)
		assert.Equal(t, fresh.Difficulty, got.Difficulty)
		assert.Equal(t, 8, got.Reps)
	}
	clamped := s.Review(Card{State: Review, Stability: 1e9, Difficulty: 42, LastReview: t0}, Good, now, 0)
	want := s.Review(Card{State: Review, Stability: StabilityMax, Difficulty: DifficultyMax, LastReview: t0}, Good, now, 0)
	assert.Equal(t, want, clamped)
	assert.Panics(t, func() { s.Review(Card{}, Rating(0), now, 0) })
	assert.Panics(t, func() { s.Review(Card{}, Rating(5), now, 0) })
}

// Review-state cards over a grid of memory states and delays: Hard < Good <
// Easy always, Review equals Preview, and the ordering is not vacuous
// (unordered rounding ties Hard and Good or Good and Easy in some cases).
func TestPreviewOrdersHardGoodEasy(t *testing.T) {
	for _, fuzz := range []bool{false, true} {
		s := newTestScheduler(t, func(p *Params) { p.EnableFuzz = fuzz })
		ties := 0
		for _, st := range []float64{0.1, 0.5, 1, 1.5, 2, 3, 5, 8, 13, 21, 50, 200} {
			for d := 1.0; d <= 10; d += 1.5 {
				for _, el := range []int{0, 1, 2, 5, 30} {
					c := Card{Stability: st, Difficulty: d, State: Review, LastReview: t0}
					now := t0.AddDate(0, 0, el).Add(time.Hour)
					seed := FuzzSeed("card", int(st*10+d))
					p := s.Preview(c, now, seed)
					h, g, e := s.IntervalDays(p[Hard-1]), s.IntervalDays(p[Good-1]), s.IntervalDays(p[Easy-1])
					require.True(t, 1 <= h && h < g && g < e, "S=%v D=%v t=%d: %d %d %d", st, d, el, h, g, e)
					for i, r := range []Rating{Again, Hard, Good, Easy} {
						require.Equal(t, p[i], s.Review(c, r, now, seed), "Review(%v) = Preview[%d]", r, i)
					}
					if !fuzz {
						raw := func(r Rating) int {
							return max(1, int(math.RoundToEven(p[r-1].Stability/s.m.factor*s.retMu)))
						}
						if raw(Hard) >= raw(Good) || raw(Good) >= raw(Easy) {
							ties++
						}
					}
				}
			}
		}
		if !fuzz {
			assert.Positive(t, ties, "some unordered intervals tie")
		}
	}

	// A card on its last learning step: Good and Easy both graduate.
	s := newTestScheduler(t, nil)
	c := s.Review(Card{}, Again, t0, 0)
	c = s.Review(c, Good, c.Due, 0)
	p := s.Preview(c, c.Due, 0)
	require.Equal(t, Learning, p[Hard-1].State)
	assert.Less(t, s.IntervalDays(p[Good-1]), s.IntervalDays(p[Easy-1]))
}

// The ordering may push Good and Easy up; the maximum interval then caps
// them again, so all three can equal it.
func TestMaximumIntervalCapsAfterOrdering(t *testing.T) {
	for _, maxIvl := range []int{1, 2, 100} {
		s := newTestScheduler(t, func(p *Params) { p.MaximumInterval = maxIvl })
		c := Card{Stability: 400, Difficulty: 5, State: Review, LastReview: t0}
		p := s.Preview(c, t0.AddDate(0, 0, 400), 0)
		for _, r := range []Rating{Hard, Good, Easy} {
			assert.Equal(t, maxIvl, s.IntervalDays(p[r-1]), "max %d, %v", maxIvl, r)
		}
	}
	// Without relearning steps a lapse is scheduled in days, capped too.
	s := newTestScheduler(t, func(p *Params) { pure(p); p.MaximumInterval = 1 })
	c := s.Review(Card{Stability: 400, Difficulty: 1, State: Review, LastReview: t0}, Again, t0.AddDate(0, 0, 100), 0)
	assert.Greater(t, c.Stability, 1.5)
	assert.Equal(t, 1, s.IntervalDays(c))
}

func TestFuzzRange(t *testing.T) {
	tests := []struct{ ivl, lo, hi int }{
		{1, 1, 1}, {2, 2, 2}, {3, 2, 4}, {7, 5, 9}, {11, 9, 13}, {20, 17, 23}, {100, 93, 107}, {36500, 34673, 36500},
	}
	for _, tt := range tests {
		lo, hi := fuzzRange(tt.ivl, 36500)
		assert.Equal(t, [2]int{tt.lo, tt.hi}, [2]int{lo, hi}, "interval %d", tt.ivl)
	}
	lo, hi := fuzzRange(100, 101)
	assert.Equal(t, [2]int{93, 101}, [2]int{lo, hi}, "capped at the maximum")
}

func TestFuzzIsDeterministicAndWithinBounds(t *testing.T) {
	s := newTestScheduler(t, func(p *Params) { p.EnableFuzz = true })
	for ivl := 1; ivl <= 400; ivl++ {
		lo, hi := fuzzRange(ivl, s.p.MaximumInterval)
		seen := map[int]bool{}
		for seed := range uint64(300) {
			got := s.constrain(float64(ivl), 1, unitFloat(seed))
			require.Equal(t, got, s.constrain(float64(ivl), 1, unitFloat(seed)), "same seed, same interval")
			require.True(t, got >= lo && got <= hi, "interval %d fuzzed to %d outside [%d, %d]", ivl, got, lo, hi)
			seen[got] = true
		}
		assert.Len(t, seen, hi-lo+1, "interval %d: every day of the range occurs", ivl)
	}

	c := Card{Stability: 30, Difficulty: 5, State: Review, LastReview: t0}
	now := t0.AddDate(0, 0, 30)
	a := s.Review(c, Good, now, FuzzSeed("docker-ps-a", 12))
	b := s.Review(c, Good, now, FuzzSeed("docker-ps-a", 12))
	assert.Equal(t, a, b)
	spread := map[int]bool{}
	for i := range 100 {
		spread[s.IntervalDays(s.Review(c, Good, now, FuzzSeed("docker-ps-a", i)))] = true
	}
	assert.Greater(t, len(spread), 3, "the seed changes with the number of answers")

	// No fuzz on learning steps.
	n := s.Review(Card{}, Good, t0, FuzzSeed("new", 0))
	assert.Equal(t, 10*time.Minute, n.Due.Sub(t0))
}

func TestFuzzSeed(t *testing.T) {
	assert.Equal(t, FuzzSeed("a", 1), FuzzSeed("a", 1))
	assert.NotEqual(t, FuzzSeed("a", 1), FuzzSeed("a", 2))
	assert.NotEqual(t, FuzzSeed("a", 1), FuzzSeed("b", 1))
	assert.NotEqual(t, FuzzSeed("", 0), FuzzSeed("", 1))
	f := unitFloat(FuzzSeed("a", 1))
	assert.True(t, f >= 0 && f < 1)
}

func TestElapsedDaysCountsDayBoundaries(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	s := newTestScheduler(t, func(p *Params) { p.DayStart = 4 * time.Hour; p.Location = berlin })
	at := func(month time.Month, day, hour, minute int) time.Time {
		return time.Date(2026, month, day, hour, minute, 0, 0, berlin)
	}
	tests := []struct {
		name      string
		last, now time.Time
		want      int
	}{
		{"late evening to early morning is one day", at(3, 10, 22, 0), at(3, 11, 3, 59), 0},
		{"the day starts at 04:00", at(3, 10, 22, 0), at(3, 11, 4, 0), 1},
		{"03:00 belongs to the day before", at(3, 10, 3, 0), at(3, 10, 5, 0), 1},
		{"a week", at(3, 10, 9, 0), at(3, 17, 8, 0), 7},
		{"23 hours across the spring DST change", at(3, 28, 12, 0), at(3, 29, 12, 0), 1},
		{"now before last", at(3, 12, 9, 0), at(3, 10, 9, 0), 0},
		{"never reviewed", time.Time{}, at(3, 10, 9, 0), 0},
		{"zones of the arguments do not matter", at(3, 10, 23, 30).UTC(), at(3, 11, 5, 0).In(time.FixedZone("X", -7*3600)), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, s.ElapsedDays(tt.last, tt.now))
		})
	}

	// Review intervals fall due at 04:00 learner's time, N days later.
	c := s.Review(Card{Stability: 10, Difficulty: 5, State: Review, LastReview: at(3, 1, 20, 0)}, Good, at(3, 11, 23, 30), 0)
	ivl := s.IntervalDays(c)
	assert.Equal(t, at(3, 11+ivl, 4, 0), c.Due)
	c = s.Review(Card{Stability: 10, Difficulty: 5, State: Review, LastReview: at(3, 1, 20, 0)}, Good, at(3, 12, 1, 30), 0)
	assert.Equal(t, at(3, 11+ivl, 4, 0), c.Due, "01:30 still counts as the 11th")
}

func TestDayStartInADSTGap(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	s := newTestScheduler(t, func(p *Params) { p.DayStart = 2*time.Hour + 30*time.Minute; p.Location = ny })
	// 2026-03-08 02:30 does not exist in New York: clocks jump from 02:00
	// to 03:00, and the day begins at the jump.
	n := s.dayNumber(time.Date(2026, 3, 7, 12, 0, 0, 0, ny))
	start := s.dayStart(n + 1)
	assert.True(t, time.Date(2026, 3, 8, 7, 0, 0, 0, time.UTC).Equal(start), "%v", start)
	assert.Equal(t, n+1, s.dayNumber(start))
	assert.Equal(t, n, s.dayNumber(start.Add(-time.Nanosecond)))
}

func TestCivilFromDays(t *testing.T) {
	for n := int64(-800000); n <= 800000; n += 997 {
		y, m, d := civilFromDays(n)
		want := time.Unix(n*86400, 0).UTC()
		require.Equal(t, [3]int{want.Year(), int(want.Month()), want.Day()}, [3]int{y, m, d}, "day %d", n)
	}
}

// dayNumber works on seconds; it must agree with the definition on dates:
// the local date, one less before DayStart.
func TestDayNumberMatchesLocalDates(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, zone := range []string{"UTC", "Europe/Berlin", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe"} {
		loc, err := time.LoadLocation(zone)
		require.NoError(t, err)
		for _, ds := range []time.Duration{0, 4 * time.Hour, 2*time.Hour + 30*time.Minute + 500*time.Millisecond, 23*time.Hour + 59*time.Minute} {
			s := newTestScheduler(t, func(p *Params) { p.Location, p.DayStart = loc, ds })
			for range 2000 {
				at := time.Unix(rng.Int64N(8e9)-4e9, rng.Int64N(1e9))
				lt := at.In(loc)
				y, m, d := lt.Date()
				want := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
				h, mi, sec := lt.Clock()
				if time.Duration(h)*time.Hour+time.Duration(mi)*time.Minute+time.Duration(sec)*time.Second+time.Duration(lt.Nanosecond()) < ds {
					want--
				}
				require.Equal(t, want, s.dayNumber(at), "%v in %s, day start %v", at, zone, ds)
				start := s.dayStart(want)
				require.Equal(t, want, s.dayNumber(start), "the day starts within itself")
				require.Equal(t, want-1, s.dayNumber(start.Add(-time.Nanosecond)), "and not earlier")
			}
		}
	}
}

func TestRetrievability(t *testing.T) {
	s := newTestScheduler(t, pure)
	c := s.Review(Card{}, Good, t0, 0)
	assert.Equal(t, 1.0, s.Retrievability(c, t0.Add(5*time.Hour)), "same day")
	c.Stability = 10
	assert.InDelta(t, 0.9, s.Retrievability(c, t0.AddDate(0, 0, 10)), 1e-12)
	assert.Less(t, s.Retrievability(c, t0.AddDate(0, 0, 30)), 0.9)
	assert.Equal(t, 0.0, s.Retrievability(Card{}, t0))
}

func TestValidateNamesTheSettingAndRange(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Params)
		want string
	}{
		{"retention too low", func(p *Params) { p.DesiredRetention = 0.5 }, "desired retention 0.5 is out of range [0.70, 0.99]"},
		{"retention too high", func(p *Params) { p.DesiredRetention = 0.995 }, "desired retention 0.995 is out of range [0.70, 0.99]"},
		{"weight out of range", func(p *Params) { p.Weights[6] = 100 }, "weight w6 = 100 is out of range [0.001, 4] (difficulty step per grade)"},
		{"weight NaN", func(p *Params) { p.Weights[20] = math.NaN() }, "weight w20 = NaN is out of range [0.1, 0.8] (forgetting curve decay)"},
		{"learning step zero", func(p *Params) { p.LearningSteps = []time.Duration{time.Minute, 0} }, "learning step 2 is 0s; steps must be positive"},
		{"relearning step negative", func(p *Params) { p.RelearningSteps = []time.Duration{-time.Minute} }, "relearning step 1 is -1m0s; steps must be positive"},
		{"maximum interval zero", func(p *Params) { p.MaximumInterval = 0 }, "maximum interval 0 days is out of range [1, 36500]"},
		{"maximum interval too long", func(p *Params) { p.MaximumInterval = 36501 }, "maximum interval 36501 days is out of range [1, 36500]"},
		{"day start a full day", func(p *Params) { p.DayStart = 24 * time.Hour }, "day start 24h0m0s is out of range [0, 24h)"},
		{"day start negative", func(p *Params) { p.DayStart = -time.Hour }, "day start -1h0m0s is out of range [0, 24h)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := DefaultParams()
			tt.edit(&p)
			err := p.Validate()
			require.Error(t, err)
			assert.Equal(t, tt.want, err.Error())
		})
	}
	p := DefaultParams()
	p.DesiredRetention, p.MaximumInterval = 0, 0
	err := p.Validate()
	require.Error(t, err)
	assert.Len(t, strings.Split(err.Error(), "\n"), 2, "one line per bad setting")
	assert.NoError(t, DefaultParams().Validate())
}

func TestMigrateWeights(t *testing.T) {
	fsrs5 := []float64{0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046,
		1.54575, 0.1192, 1.01925, 1.9395, 0.11, 0.29605, 2.2698, 0.2315, 2.9898, 0.51655, 0.6621}
	w, err := MigrateWeights(fsrs5)
	require.NoError(t, err)
	assert.Equal(t, fsrs5, w[:19])
	assert.Equal(t, []float64{0, 0.5}, w[19:])

	fsrs45 := []float64{0.4872, 1.4003, 3.7145, 13.8206, 5.1618, 1.2298, 0.8975, 0.031, 1.6474,
		0.1367, 1.0461, 2.1072, 0.0793, 0.3246, 1.587, 0.2272, 2.8755}
	w, err = MigrateWeights(fsrs45)
	require.NoError(t, err)
	assert.InDelta(t, 5.1618+2*1.2298, w[4], 1e-12)
	assert.InDelta(t, math.Log(3*1.2298+1)/3, w[5], 1e-12)
	assert.InDelta(t, 0.8975+0.5, w[6], 1e-12)
	assert.Equal(t, []float64{0, 0, 0, 0.5}, w[17:])
	assert.Equal(t, fsrs45[7:17], w[7:17])

	for _, old := range [][]float64{fsrs5, fsrs45} {
		w, _ := MigrateWeights(old)
		p := testParams()
		p.Weights = w
		require.NoError(t, p.Validate(), "migrated vectors are valid")
		m := newModel(w)
		assert.InDelta(t, 19.0/81, m.factor, 1e-15, "w20 = 0.5 keeps the FSRS-4.5/5 curve")
	}

	_, err = MigrateWeights(make([]float64, 18))
	assert.EqualError(t, err, "got 18 parameters, want 21 (FSRS-6), 19 (FSRS-5) or 17 (FSRS-4.5)")
}

func TestParseParams(t *testing.T) {
	def := "0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542"
	for _, in := range []string{def, "[" + def + "]", strings.ReplaceAll(def, " ", ""), " " + def + "\n"} {
		w, err := ParseParams(in)
		require.NoError(t, err, in)
		assert.Equal(t, defaultWeights, w)
	}
	w, err := ParseParams("0.40255,1.18385,3.173,15.69105,7.1949,0.5345,1.4604,0.0046,1.54575,0.1192,1.01925,1.9395,0.11,0.29605,2.2698,0.2315,2.9898,0.51655,0.6621")
	require.NoError(t, err)
	assert.Equal(t, 0.5, w[20], "19 values are migrated")

	tests := []struct{ in, want string }{
		{"", "no parameters given; want 21 comma-separated numbers (or 19 or 17 to migrate)"},
		{"[]", "no parameters given; want 21 comma-separated numbers (or 19 or 17 to migrate)"},
		{"1,2,x", `parameter 3: "x" is not a number`},
		{"1,,2", `parameter 2: "" is not a number`},
		{"1,NaN", `parameter 2: "NaN" is not a number`},
		{"1,2,3", "got 3 parameters, want 21 (FSRS-6), 19 (FSRS-5) or 17 (FSRS-4.5)"},
	}
	for _, tt := range tests {
		_, err := ParseParams(tt.in)
		assert.EqualError(t, err, tt.want, "input %q", tt.in)
	}
}

func TestNewSchedulerCopiesTheSteps(t *testing.T) {
	p := testParams()
	steps := []time.Duration{time.Minute, 10 * time.Minute}
	p.LearningSteps = steps
	s, err := NewScheduler(p)
	require.NoError(t, err)
	steps[1] = time.Hour
	c := s.Review(Card{}, Good, t0, 0)
	assert.Equal(t, 10*time.Minute, c.Due.Sub(t0))
	got := s.Params()
	got.LearningSteps[0] = time.Hour
	assert.Equal(t, time.Minute, s.Params().LearningSteps[0])
	assert.Equal(t, time.UTC, s.loc)

	p.Location = nil
	s, err = NewScheduler(p)
	require.NoError(t, err)
	assert.Equal(t, time.UTC, s.loc, "nil location means UTC")
}

// nextRange shares the powers the ratings have in common; every result must
// still equal the one computed alone, bit for bit.
func TestNextRangeEqualsNext(t *testing.T) {
	m := newModel(defaultWeights)
	for _, s := range []float64{0.001, 0.3, 2.3065, 17, 400, 36500} {
		for _, d := range []float64{1, 2.5, 6.4, 10} {
			for _, el := range []int{0, 1, 4, 90} {
				for _, isNew := range []bool{false, true} {
					r := m.retrievability(el, s)
					all := m.nextRange(s, d, isNew, el, r, Again, Easy)
					for g := Again; g <= Easy; g++ {
						gs, gd := m.next(s, d, isNew, el, r, g)
						require.Equal(t, memory{gs, gd}, all[g], "S=%v D=%v t=%d new=%v %v", s, d, el, isNew, g)
						if !isNew && el == 0 {
							require.Equal(t, clampStability(m.shortTermStability(s, g)), gs)
						} else if !isNew && g == Again {
							require.Equal(t, clampStability(m.forgetStability(d, s, r)), gs)
						} else if !isNew {
							require.Equal(t, clampStability(m.recallStability(d, s, r, g)), gs)
						}
					}
				}
			}
		}
	}
}

func TestDefaultWeightsAreACopy(t *testing.T) {
	w := DefaultWeights()
	assert.Equal(t, 0.212, w[0])
	assert.Equal(t, 0.1542, w[20])
	w[0] = 99
	assert.Equal(t, 0.212, DefaultWeights()[0])
	assert.Equal(t, DefaultWeights(), DefaultParams().Weights)
}
