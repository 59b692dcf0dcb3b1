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

func TestMedianTookOfTheLastAnswers(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "d.db"))
	require.NoError(t, err)
	defer st.Close()
	d, n, err := st.MedianTook(ctx, 100)
	require.NoError(t, err)
	assert.Zero(t, d)
	assert.Zero(t, n)

	at := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	var reviews []Review
	for i, sec := range []int{30, 1, 2, 9, 4, 6} { // the first is oldest
		reviews = append(reviews, Review{SessionID: "s", CardID: fmt.Sprint("c", i), Time: at.Add(time.Duration(i) * time.Minute),
			Rating: 3, Verdict: VerdictRight, Took: time.Duration(sec) * time.Second, CardHash: "h",
			After: CardState{State: StateLearning, Stability: 1, Difficulty: 5, LastReview: at, Due: at}})
	}
	require.NoError(t, st.ImportReviews(ctx, reviews))
	d, n, err = st.MedianTook(ctx, 0)
	require.NoError(t, err)
	assert.Equal(t, 6, n)
	assert.Equal(t, 5*time.Second, d, "median of 1 2 4 6 9 30")
	d, n, err = st.MedianTook(ctx, 3)
	require.NoError(t, err)
	assert.Equal(t, 3, n)
	assert.Equal(t, 6*time.Second, d, "the last three: 9 4 6")
}
