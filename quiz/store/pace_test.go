package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRecentAnswers(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "d.db"))
	require.NoError(t, err)
	defer st.Close()
	a, err := st.RecentAnswers(ctx, 100)
	require.NoError(t, err)
	assert.Equal(t, AnswerStats{}, a)

	at := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	var reviews []Review
	for i, sec := range []int{30, 1, 2, 9, 4, 6} { // the first is oldest
		before := CardState{State: StateReview, Stability: 3, Difficulty: 5, LastReview: at.AddDate(0, 0, -3), Due: at}
		rating := Good
		if i%2 == 0 { // first sights: the 1st, 3rd and 5th; the 5th wrong
			before = CardState{}
			if i == 4 {
				rating = Again
			}
		}
		reviews = append(reviews, Review{SessionID: "s", CardID: fmt.Sprint("c", i), Time: at.Add(time.Duration(i) * time.Minute),
			Rating: rating, Verdict: VerdictRight, Took: time.Duration(sec) * time.Second, CardHash: "h", Before: before,
			After: CardState{State: StateLearning, Stability: 1, Difficulty: 5, LastReview: at, Due: at}})
	}
	require.NoError(t, st.ImportReviews(ctx, reviews))
	a, err = st.RecentAnswers(ctx, 0)
	require.NoError(t, err)
	assert.Equal(t, AnswerStats{Answers: 6, MedianTook: 5 * time.Second, FirstSeen: 3, FirstRight: 2}, a, "median of 1 2 4 6 9 30")
	a, err = st.RecentAnswers(ctx, 3)
	require.NoError(t, err)
	assert.Equal(t, AnswerStats{Answers: 3, MedianTook: 6 * time.Second, FirstSeen: 1, FirstRight: 0}, a, "the last three: 9 4 6")
}
