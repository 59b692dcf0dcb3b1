package schedule

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// A card the scheduler returns, kept by the store and read back, is the
// same card.
func TestCardAndStateConvertBothWays(t *testing.T) {
	s, _, err := Default(time.UTC)
	require.NoError(t, err)
	at := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	c := s.Review(fsrs.Card{}, fsrs.Good, at, 1)
	c = s.Review(c, fsrs.Again, at.Add(10*time.Minute), 2)
	c = s.Review(c, fsrs.Good, at.Add(30*time.Minute), 3)

	st := State("vol-a", c)
	assert.Equal(t, "vol-a", st.CardID)
	assert.Equal(t, store.StateLearning, st.State)
	assert.Equal(t, c, Card(st))
}

// The calendar's days start when the scheduler's do, in the learner's zone.
func TestScheduleAndCalendarAgreeOnDays(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	s, cal, err := Default(berlin)
	require.NoError(t, err)
	assert.Equal(t, berlin, cal.Loc)
	assert.Equal(t, s.Params().DayStart, cal.Rollover)
	assert.Equal(t, berlin, s.Params().Location)
	assert.True(t, s.Params().EnableFuzz, "the drill fuzzes its intervals")

	// 03:30 in Berlin belongs to the day before; 04:30 to its own.
	before := time.Date(2026, 11, 27, 3, 30, 0, 0, berlin)
	after := time.Date(2026, 11, 27, 4, 30, 0, 0, berlin)
	assert.Equal(t, 1, s.ElapsedDays(before, after))
	assert.Equal(t, cal.Day(before).AddDays(1), cal.Day(after))
}
