package session

import (
	"context"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCountsFallAsCardsAreDone: a new card answered moves from new to
// learning, once; a card done leaves the counts; a due review counts as
// review.
func TestCountsFallAsCardsAreDone(t *testing.T) {
	c := newClock(t0)
	cs := cards(2, "arch", "volumes")
	cfg := config(t, c, cs)
	cfg.States[cs[0].ID] = reviewState(cs[0].ID, t0, 10, 8)
	s, err := New(cfg)
	require.NoError(t, err)
	assert.Equal(t, Counts{New: 3, Review: 1}, s.Counts())

	rate := func(r fsrs.Rating) {
		t.Helper()
		next, ok := s.Next()
		require.True(t, ok)
		_, err := s.Rate(context.Background(), next, Answer{Rating: r, Verdict: store.VerdictSelf})
		require.NoError(t, err)
	}
	rate(fsrs.Good) // the review: done for today
	assert.Equal(t, Counts{New: 3}, s.Counts())
	rate(fsrs.Again) // a new card: now in learning, not new twice
	assert.Equal(t, Counts{New: 2, Learning: 1}, s.Counts())
	assert.Equal(t, 1, s.Carried(), "the learning card is left for tomorrow if not done")
	assert.Len(t, s.Missed(), 1)
	assert.Equal(t, 2, s.Done())
}

func TestPreviewGivesEachRatingsInterval(t *testing.T) {
	c := newClock(t0)
	cs := cards(1, "arch")
	s, err := New(config(t, c, cs))
	require.NoError(t, err)
	p := s.Preview(cs[0])
	assert.Equal(t, time.Minute, p[0].Due.Sub(t0), "again: the first learning step")
	assert.True(t, p[0].Due.Before(p[1].Due) && !p[2].Due.Before(p[1].Due) && p[2].Due.Before(p[3].Due), "%v", p)
}

// TestPracticeAsksTheGivenCardsAndWritesNothing is drill --missed: the
// cards of Only, in that order, whatever their state; no review stored, no
// state changed, nothing comes back.
func TestPracticeAsksTheGivenCardsAndWritesNothing(t *testing.T) {
	c := newClock(t0)
	cs := cards(3, "arch")
	cfg := config(t, c, cs)
	ms := &memStore{}
	cfg.Store = ms
	cfg.Practice = true
	cfg.Only = []string{cs[2].ID, "no-such-card", cs[0].ID}
	cfg.States[cs[2].ID] = reviewState(cs[2].ID, t0.Add(24*time.Hour), 1, 3) // due tomorrow
	s, err := New(cfg)
	require.NoError(t, err)
	var asked []string
	for {
		next, ok := s.Next()
		if !ok {
			break
		}
		asked = append(asked, next.ID)
		_, err := s.Rate(context.Background(), next, Answer{Rating: fsrs.Again, Verdict: store.VerdictWrong})
		require.NoError(t, err)
	}
	assert.Equal(t, []string{cs[2].ID, cs[0].ID}, asked)
	assert.Empty(t, ms.reviews, "practice writes no review")
	assert.Equal(t, store.StateReview, s.State(cs[2].ID).State, "the state is unchanged")
	_, err = s.Undo(context.Background())
	assert.ErrorIs(t, err, store.ErrNothingToUndo)
}
