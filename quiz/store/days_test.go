package store

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func mustLoc(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	require.NoError(t, err)
	return loc
}

func TestCalendarDayStartsAtTheRollover(t *testing.T) {
	berlin := mustLoc(t, "Europe/Berlin")
	cal := Calendar{Loc: berlin, Rollover: DefaultRollover}
	tests := []struct {
		name string
		at   time.Time
		want Date
	}{
		{"before the rollover counts for the day before", time.Date(2026, 3, 10, 3, 59, 59, 0, berlin), Date{2026, 3, 9}},
		{"at the rollover starts the day", time.Date(2026, 3, 10, 4, 0, 0, 0, berlin), Date{2026, 3, 10}},
		{"late evening", time.Date(2026, 3, 10, 23, 30, 0, 0, berlin), Date{2026, 3, 10}},
		{"UTC instant in Berlin's morning", time.Date(2026, 3, 10, 2, 30, 0, 0, time.UTC), Date{2026, 3, 9}},
		{"first of the month before rollover", time.Date(2026, 4, 1, 1, 0, 0, 0, berlin), Date{2026, 3, 31}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, cal.Day(tt.at))
		})
	}
}

func TestCalendarDaysAcrossDaylightSavingChanges(t *testing.T) {
	ny := mustLoc(t, "America/New_York")
	cal := Calendar{Loc: ny, Rollover: DefaultRollover}
	// 2026-03-08: clocks go from 02:00 to 03:00; 2026-11-01: back from 02:00 to 01:00.
	assert.Equal(t, 23*time.Hour, cal.Start(Date{2026, 3, 8}).Sub(cal.Start(Date{2026, 3, 7})))
	assert.Equal(t, 25*time.Hour, cal.Start(Date{2026, 11, 1}).Sub(cal.Start(Date{2026, 10, 31})))
	for d := (Date{2026, 1, 1}); d.Before(Date{2027, 1, 1}); d = d.AddDays(1) {
		start := cal.Start(d)
		require.Equal(t, d, cal.Day(start), "start of %v", d)
		require.Equal(t, d.AddDays(-1), cal.Day(start.Add(-time.Nanosecond)), "just before %v", d)
	}
}

func TestDateArithmetic(t *testing.T) {
	d := Date{2026, 2, 27}
	assert.Equal(t, Date{2026, 3, 2}, d.AddDays(3))
	assert.Equal(t, 3, d.AddDays(3).Sub(d))
	assert.Equal(t, -365, Date{2025, 2, 27}.Sub(d))
	assert.True(t, Date{2025, 12, 31}.Before(Date{2026, 1, 1}))
	assert.Equal(t, "2026-02-27", d.String())
	p, err := ParseDate(" 2026-04-14 ")
	require.NoError(t, err)
	assert.Equal(t, Date{2026, 4, 14}, p)
	_, err = ParseDate("14.04.2026")
	assert.Error(t, err)
}

func TestZeroCalendarIsMidnightUTC(t *testing.T) {
	var cal Calendar
	assert.Equal(t, time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), cal.Start(Date{2026, 3, 2}))
}

// recordAt records one review of card at each time.
func recordAt(t *testing.T, s *Store, card string, ratings []int, times ...time.Time) {
	t.Helper()
	for i, at := range times {
		r := review("s", card, at, CardState{})
		if ratings != nil {
			r.Rating = ratings[i]
		}
		_, err := s.RecordReview(context.Background(), r)
		require.NoError(t, err)
	}
}

func TestDailyCountsBucketsByTheLearnersDays(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	ny := mustLoc(t, "America/New_York")
	cal := Calendar{Loc: ny, Rollover: DefaultRollover}
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, ny) }
	recordAt(t, s, "c", nil,
		at(3, 7, 3, 59),  // before the rollover: March 6
		at(3, 7, 4, 0),   // March 7
		at(3, 7, 23, 0),  // March 7
		at(3, 8, 3, 30),  // 03:30 EDT on the short day: still March 7
		at(3, 8, 4, 0),   // March 8
		at(3, 10, 12, 0), // March 10
	)
	got, err := s.DailyCounts(ctx, cal, Date{2026, 3, 6}, Date{2026, 3, 10})
	require.NoError(t, err)
	assert.Equal(t, []DayCount{
		{Date{2026, 3, 6}, 1},
		{Date{2026, 3, 7}, 3},
		{Date{2026, 3, 8}, 1},
		{Date{2026, 3, 9}, 0},
		{Date{2026, 3, 10}, 1},
	}, got)

	none, err := s.DailyCounts(ctx, cal, Date{2026, 3, 10}, Date{2026, 3, 9})
	require.NoError(t, err)
	assert.Empty(t, none)
	_, err = s.DailyCounts(ctx, Calendar{Rollover: 25 * time.Hour}, Date{2026, 3, 6}, Date{2026, 3, 10})
	assert.Error(t, err)
}

func TestDailyCountsOverManyDays(t *testing.T) {
	// More days than one query takes: the chunks join up.
	ctx := context.Background()
	s, _ := openTemp(t)
	cal := Calendar{}
	from := Date{2010, 1, 1}
	recordAt(t, s, "c", nil, cal.Start(from), cal.Start(from.AddDays(4500)), cal.Start(from.AddDays(9000)))
	got, err := s.DailyCounts(ctx, cal, from, from.AddDays(9000))
	require.NoError(t, err)
	require.Len(t, got, 9001)
	total := 0
	for i, c := range got {
		require.Equal(t, from.AddDays(i), c.Day)
		total += c.Reviews
	}
	assert.Equal(t, 3, total)
	assert.Equal(t, 1, got[4500].Reviews)
}

func TestStreak(t *testing.T) {
	cal := Calendar{Rollover: DefaultRollover}
	now := cal.Start(Date{2026, 3, 20}).Add(10 * time.Hour)
	day := func(back int) time.Time { return cal.Start(cal.Day(now).AddDays(-back)).Add(time.Hour) }
	tests := []struct {
		name string
		days []int // days back from today with a review
		want int
	}{
		{"no reviews", nil, 0},
		{"today only", []int{0}, 1},
		{"today not yet reviewed keeps yesterday's streak", []int{1, 2, 3}, 3},
		{"a gap ends the streak", []int{0, 1, 3, 4}, 2},
		{"a gap of two days before today", []int{2, 3}, 0},
		{"a long streak", seq(0, 150), 150},
		{"reviews after today do not count", []int{-1, 0, 1}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := openTemp(t)
			for _, b := range tt.days {
				recordAt(t, s, "c", nil, day(b))
			}
			got, err := s.Streak(context.Background(), cal, now)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func seq(from, to int) []int {
	var out []int
	for i := from; i < to; i++ {
		out = append(out, i)
	}
	return out
}

func TestFirstReviewsPerDayKeepsTheFirstOfEachCardEachDay(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	// The state before is that of the first review: a mature card.
	mature := CardState{Stability: 40, Difficulty: 4, State: StateReview, Due: t0, LastReview: t0.Add(-30 * 24 * time.Hour), Reps: 9}
	cal := Calendar{Rollover: DefaultRollover}
	d := func(day, hour int) time.Time {
		return cal.Start(Date{2026, 3, day}).Add(time.Duration(hour) * time.Hour)
	}
	recordAt(t, s, "a", []int{Again, Good, Good, Hard}, d(1, 1), d(1, 2), d(2, 23), d(3, 0))
	recordAt(t, s, "b", []int{Good, Again}, d(2, 1), d(2, 2))
	recordAt(t, s, "a", []int{Easy}, d(9, 0)) // outside the range
	// Logged out of order: the later review first.
	for _, r := range []Review{review("s", "c", d(3, 6), CardState{}), review("s", "c", d(3, 5), mature)} {
		_, err := s.RecordReview(ctx, r)
		require.NoError(t, err)
	}

	got, err := s.FirstReviewsPerDay(ctx, cal, Date{2026, 3, 1}, Date{2026, 3, 3})
	require.NoError(t, err)
	type key struct {
		card   string
		day    int
		at     time.Time
		rating int
	}
	var keys []key
	for _, r := range got {
		keys = append(keys, key{r.CardID, r.Day.Day, r.Time, r.Rating})
		assert.Equal(t, r.CardID, r.Before.CardID)
	}
	assert.Equal(t, []key{
		{"a", 1, d(1, 1), Again},
		{"b", 2, d(2, 1), Good},
		{"a", 2, d(2, 23), Good},
		{"a", 3, d(3, 0), Hard},
		{"c", 3, d(3, 5), Good},
	}, keys)
	assert.Equal(t, 30*24*time.Hour, got[4].Before.Interval(), "the state before is the first review's")
	assert.False(t, got[0].Passed())
	assert.True(t, got[1].Passed())
}

func TestParseDateNamesWhyADateDoesNotExist(t *testing.T) {
	for in, want := range map[string]string{
		"2026-02-30": `date "2026-02-30": 2026 has no February 30`,
		"2027-02-29": `date "2027-02-29": 2027 has no February 29`,
		"2026-04-31": `date "2026-04-31": 2026 has no April 31`,
		"2026-13-01": `date "2026-13-01": there is no month 13`,
		"2026-00-10": `date "2026-00-10": there is no month 0`,
		"next week":  `date "next week" is not YYYY-MM-DD`,
	} {
		_, err := ParseDate(in)
		if assert.Error(t, err, in) {
			assert.Equal(t, want, err.Error())
		}
	}
	d, err := ParseDate("2028-02-29")
	require.NoError(t, err, "a leap day")
	assert.Equal(t, Date{2028, time.February, 29}, d)
}
