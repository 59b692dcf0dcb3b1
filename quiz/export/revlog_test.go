package export

import (
	"bytes"
	"context"
	"iter"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// What WriteRevlog writes, ReadRevlog reads back: the same reviews, by card
// in the order cards first appear.
func TestReadRevlogReadsWhatWriteRevlogWrites(t *testing.T) {
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	reviews := []store.Review{
		{CardID: "vol-a", Time: at, Rating: 3, Took: 4 * time.Second},
		{CardID: "net-b", Time: at.Add(time.Minute), Rating: 1, Took: time.Second},
		{CardID: "vol-a", Time: at.Add(48 * time.Hour), Rating: 4, Before: store.CardState{State: store.StateReview}},
	}
	var seq iter.Seq2[store.Review, error] = func(yield func(store.Review, error) bool) {
		for _, r := range reviews {
			if !yield(r, nil) {
				return
			}
		}
	}
	var buf bytes.Buffer
	_, err := WriteRevlog(&buf, seq)
	require.NoError(t, err)

	log, err := ReadRevlog(context.Background(), "revlog.csv", &buf)
	require.NoError(t, err)
	assert.Equal(t, []string{"vol-a", "net-b"}, log.Order)
	assert.Equal(t, []LogReview{
		{CardID: "vol-a", Time: at.UnixMilli(), Rating: fsrs.Good},
		{CardID: "vol-a", Time: at.Add(48 * time.Hour).UnixMilli(), Rating: fsrs.Easy},
	}, log.Cards["vol-a"])
	assert.Zero(t, log.Skipped)
}

func TestReadRevlogNamesFileLineAndColumn(t *testing.T) {
	tests := []struct {
		name, in, err string
	}{
		{"empty", "", "revlog.csv: empty file"},
		{"missing column", "card_id,review_time\n", "revlog.csv:1: missing column review_rating"},
		{"column twice", "card_id,review_time,review_rating,card_id\n", "revlog.csv:1: column card_id appears twice"},
		{"rating out of range", "card_id,review_time,review_rating\na,1,3\nb,2,5\n", `revlog.csv:3: review_rating: "5" is not 1-4`},
		{"time not a number", "card_id,review_time,review_rating\na,soon,3\n", `revlog.csv:2: review_time: "soon" is not a whole number`},
		{"bad state", "review_state,card_id,review_time,review_rating\n7,a,1,3\n", `revlog.csv:2: review_state: "7" is not 0-3`},
		{"empty card id", "card_id,review_time,review_rating\n ,1,3\n", "revlog.csv:2: card_id: empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadRevlog(context.Background(), "revlog.csv", strings.NewReader(tt.in))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.err)
		})
	}
}

// A manual entry (rating 0) is counted and left out, as the FSRS optimizer
// leaves it out; Replay schedules each card's reviews in time order.
func TestReplaySkipsManualEntriesAndSortsByTime(t *testing.T) {
	in := "card_id,review_time,review_rating\n" +
		"a,172800000,3\n" + // day 2
		"a,0,3\n" + // day 0, listed later
		"a,86400000,0\n" // a reschedule
	log, err := ReadRevlog(context.Background(), "log", strings.NewReader(in))
	require.NoError(t, err)
	assert.Equal(t, 1, log.Skipped)

	p := fsrs.DefaultParams()
	p.EnableFuzz, p.LearningSteps, p.RelearningSteps, p.Location, p.DayStart = false, nil, nil, time.UTC, 0
	s, err := fsrs.NewScheduler(p)
	require.NoError(t, err)
	var steps []ReplayStep
	n, err := Replay(context.Background(), s, log, time.UTC, func(st ReplayStep) error { steps = append(steps, st); return nil })
	require.NoError(t, err)
	require.Equal(t, 2, n)
	assert.Equal(t, []int64{0, 172800000}, []int64{steps[0].ReviewTime, steps[1].ReviewTime})
	assert.Equal(t, 0, steps[0].ElapsedDays)
	assert.Equal(t, 2, steps[1].ElapsedDays)
	assert.Equal(t, 2.3065, steps[0].Stability, "the first Good gives S0(Good)")
}
