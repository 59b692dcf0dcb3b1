package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRecordReviewStoresEveryFieldAndTheCardState(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	before := CardState{Stability: 3.17, Difficulty: 6.5, State: StateRelearning, Step: 1,
		Due: t0.Add(-time.Hour), LastReview: t0.Add(-48 * time.Hour), Reps: 7, Lapses: 2}
	r := review("sess-1", "networks-03", t0.Add(1500*time.Microsecond), before)
	r.Typed, r.Verdict, r.Rating = "docker network create --driver bridge lab", VerdictWrong, Again

	id, err := s.RecordReview(ctx, r)
	require.NoError(t, err)
	assert.Positive(t, id)

	got, ok, err := s.LastReview(ctx, "sess-1")
	require.NoError(t, err)
	require.True(t, ok)
	want := r
	want.ID = id
	want.Time = t0.Add(time.Millisecond) // stored to the millisecond
	want.Before.CardID, want.After.CardID = r.CardID, r.CardID
	assert.Equal(t, want, got)

	states, err := s.CardStates(ctx)
	require.NoError(t, err)
	wantState := r.After
	wantState.CardID = r.CardID
	assert.Equal(t, map[string]CardState{"networks-03": wantState}, states)
}

func TestRecordReviewRejectsInvalidReviews(t *testing.T) {
	ok := review("s", "c", t0, CardState{})
	tests := []struct {
		name   string
		change func(*Review)
	}{
		{"no card id", func(r *Review) { r.CardID = "" }},
		{"no session id", func(r *Review) { r.SessionID = "" }},
		{"no time", func(r *Review) { r.Time = time.Time{} }},
		{"rating 0", func(r *Review) { r.Rating = 0 }},
		{"rating 5", func(r *Review) { r.Rating = 5 }},
		{"unknown verdict", func(r *Review) { r.Verdict = "maybe" }},
		{"negative time taken", func(r *Review) { r.Took = -time.Second }},
		{"state 4 after", func(r *Review) { r.After.State = 4 }},
		{"negative reps before", func(r *Review) { r.Before.Reps = -1 }},
	}
	s, _ := openTemp(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ok
			tt.change(&r)
			_, err := s.RecordReview(context.Background(), r)
			require.Error(t, err)
		})
	}
	n := 0
	for _, err := range s.Reviews(context.Background(), time.Time{}, time.Time{}) {
		require.NoError(t, err)
		n++
	}
	assert.Zero(t, n, "nothing was logged")
}

func TestUndoLastRestoresTheStateBeforeExactly(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	first := review("s1", "images-01", t0, CardState{})
	_, err := s.RecordReview(ctx, first)
	require.NoError(t, err)
	second := review("s1", "images-01", t0.Add(time.Hour), first.After)
	second.Rating = Hard
	_, err = s.RecordReview(ctx, second)
	require.NoError(t, err)

	undone, err := s.UndoLast(ctx, "s1")
	require.NoError(t, err)
	assert.Equal(t, Hard, undone.Rating)
	states, err := s.CardStates(ctx)
	require.NoError(t, err)
	want := first.After
	want.CardID = "images-01"
	assert.Equal(t, want, states["images-01"], "the state after the first review is back")

	// Undoing the first review makes the card new again: no state at all.
	_, err = s.UndoLast(ctx, "s1")
	require.NoError(t, err)
	states, err = s.CardStates(ctx)
	require.NoError(t, err)
	assert.NotContains(t, states, "images-01")

	_, err = s.UndoLast(ctx, "s1")
	assert.ErrorIs(t, err, ErrNothingToUndo)
	_, ok, err := s.LastReview(ctx, "s1")
	require.NoError(t, err)
	assert.False(t, ok, "the undone reviews left the log")
}

func TestUndoLastOnlyTouchesItsOwnSession(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	_, err := s.RecordReview(ctx, review("mine", "a", t0, CardState{}))
	require.NoError(t, err)
	_, err = s.RecordReview(ctx, review("other", "b", t0.Add(time.Minute), CardState{}))
	require.NoError(t, err)

	r, err := s.UndoLast(ctx, "mine")
	require.NoError(t, err)
	assert.Equal(t, "a", r.CardID)
	states, err := s.CardStates(ctx)
	require.NoError(t, err)
	assert.Contains(t, states, "b")
	_, err = s.UndoLast(ctx, "nobody")
	assert.ErrorIs(t, err, ErrNothingToUndo)
}

func TestUndoLastRefusesWhenAnotherSessionReviewedTheCardSince(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	mine := review("mine", "a", t0, CardState{})
	_, err := s.RecordReview(ctx, mine)
	require.NoError(t, err)
	theirs := review("theirs", "a", t0.Add(time.Minute), mine.After)
	_, err = s.RecordReview(ctx, theirs)
	require.NoError(t, err)

	_, err = s.UndoLast(ctx, "mine")
	assert.ErrorIs(t, err, ErrUndoConflict)
	states, err := s.CardStates(ctx)
	require.NoError(t, err)
	assert.Equal(t, theirs.After.Reps, states["a"].Reps, "the other session's review stands")
}

func TestUndoneReviewIDsAreNeverReused(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	id1, err := s.RecordReview(ctx, review("s", "a", t0, CardState{}))
	require.NoError(t, err)
	_, err = s.UndoLast(ctx, "s")
	require.NoError(t, err)
	id2, err := s.RecordReview(ctx, review("s", "a", t0, CardState{}))
	require.NoError(t, err)
	assert.Greater(t, id2, id1)
}

func TestCardsThatLeftTheDecksKeepTheirHistory(t *testing.T) {
	// The store knows nothing of decks: states and reviews of any card id
	// stay until undone, and nothing deletes by a card's absence.
	ctx := context.Background()
	s, path := openTemp(t)
	_, err := s.RecordReview(ctx, review("s", "retired-card", t0, CardState{}))
	require.NoError(t, err)
	require.NoError(t, s.Close())
	s, err = Open(ctx, path)
	require.NoError(t, err)
	defer s.Close()
	states, err := s.CardStates(ctx)
	require.NoError(t, err)
	assert.Contains(t, states, "retired-card")
	rs, err := s.CardReviews(ctx, "retired-card")
	require.NoError(t, err)
	assert.Len(t, rs, 1)
}

func TestCountDueCountsReviewedCardsDueByTheTime(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	for i, due := range []time.Duration{-time.Hour, 0, time.Hour, 48 * time.Hour} {
		r := review("s", fmt.Sprintf("c%d", i), t0.Add(-time.Hour), CardState{})
		r.After.Due = t0.Add(due)
		_, err := s.RecordReview(ctx, r)
		require.NoError(t, err)
	}
	tests := []struct {
		by   time.Time
		want int
	}{
		{t0.Add(-2 * time.Hour), 0},
		{t0, 2},
		{t0.Add(time.Hour), 3},
		{t0.Add(72 * time.Hour), 4},
	}
	for _, tt := range tests {
		n, err := s.CountDue(ctx, tt.by)
		require.NoError(t, err)
		assert.Equal(t, tt.want, n, "due by %v", tt.by)
	}
}

func TestReviewsYieldsTheHalfOpenRangeOldestFirst(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	for i := range 10 {
		_, err := s.RecordReview(ctx, review("s", "c", t0.Add(time.Duration(9-i)*time.Minute), CardState{}))
		require.NoError(t, err)
	}
	var times []time.Time
	for r, err := range s.Reviews(ctx, t0.Add(2*time.Minute), t0.Add(5*time.Minute)) {
		require.NoError(t, err)
		times = append(times, r.Time)
	}
	assert.Equal(t, []time.Time{t0.Add(2 * time.Minute), t0.Add(3 * time.Minute), t0.Add(4 * time.Minute)}, times)

	since, err := s.ReviewsSince(ctx, t0.Add(8*time.Minute))
	require.NoError(t, err)
	assert.Len(t, since, 2)

	// Stopping early releases the connection.
	for range s.Reviews(ctx, time.Time{}, time.Time{}) {
		break
	}
	_, err = s.RecordReview(ctx, review("s", "c", t0, CardState{}))
	require.NoError(t, err)
}

func TestSessionSummary(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	for i, rating := range []int{Good, Again, Easy, Hard, Good} {
		r := review("s", fmt.Sprintf("c%d", i), t0.Add(time.Duration(i)*time.Minute), CardState{})
		r.Rating = rating
		r.Took = time.Duration(i+1) * time.Second
		_, err := s.RecordReview(ctx, r)
		require.NoError(t, err)
	}
	_, err := s.RecordReview(ctx, review("other", "x", t0, CardState{}))
	require.NoError(t, err)

	sum, err := s.SessionSummary(ctx, "s")
	require.NoError(t, err)
	assert.Equal(t, Summary{Reviews: 5, Passed: 4, Ratings: [5]int{0, 1, 1, 2, 1}, Took: 15 * time.Second,
		First: t0, Last: t0.Add(4 * time.Minute)}, sum)

	empty, err := s.SessionSummary(ctx, "none")
	require.NoError(t, err)
	assert.Equal(t, Summary{}, empty)
}

func TestCountIntroducedCountsReviewsOfNewCards(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	a := review("s", "a", t0, CardState{})
	_, err := s.RecordReview(ctx, a)
	require.NoError(t, err)
	_, err = s.RecordReview(ctx, review("s", "a", t0.Add(time.Minute), a.After)) // not new any more
	require.NoError(t, err)
	_, err = s.RecordReview(ctx, review("s", "b", t0.Add(2*time.Minute), CardState{}))
	require.NoError(t, err)
	n, err := s.CountIntroduced(ctx, t0, t0.Add(time.Hour))
	require.NoError(t, err)
	assert.Equal(t, 2, n)
}

func TestTwoStoresOnOneFileLoseNothing(t *testing.T) {
	ctx := context.Background()
	path := t0Path(t)
	const stores, goroutines, each = 2, 3, 40
	var wg sync.WaitGroup
	errs := make(chan error, stores*goroutines*each)
	for si := range stores {
		s, err := Open(ctx, path)
		require.NoError(t, err)
		defer s.Close()
		for g := range goroutines {
			wg.Add(1)
			go func() {
				defer wg.Done()
				session := fmt.Sprintf("store%d-g%d", si, g)
				for i := range each {
					r := review(session, fmt.Sprintf("card-%d", i%7), t0.Add(time.Duration(i)*time.Second), CardState{})
					if _, err := s.RecordReview(ctx, r); err != nil {
						errs <- err
					}
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	s, err := Open(ctx, path)
	require.NoError(t, err)
	defer s.Close()
	require.NoError(t, s.Check(ctx))
	all, err := s.ReviewsSince(ctx, time.Time{})
	require.NoError(t, err)
	assert.Len(t, all, stores*goroutines*each)
	for si := range stores {
		for g := range goroutines {
			sum, err := s.SessionSummary(ctx, fmt.Sprintf("store%d-g%d", si, g))
			require.NoError(t, err)
			assert.Equal(t, each, sum.Reviews)
		}
	}
}

// t0Path returns the path of a database file yet to be created.
func t0Path(t *testing.T) string {
	return t.TempDir() + "/dockdrill.db"
}

func TestIntervalIsFromLastReviewToDue(t *testing.T) {
	assert.Equal(t, 21*24*time.Hour, CardState{LastReview: t0, Due: t0.Add(21 * 24 * time.Hour)}.Interval())
	assert.Zero(t, CardState{}.Interval())
	assert.Zero(t, CardState{Due: t0}.Interval())
}

func TestRecordReviewWaitsOutALockHeldLongerThanTheBusyTimeout(t *testing.T) {
	saved := busyTimeout
	busyTimeout = 50 * time.Millisecond
	t.Cleanup(func() { busyTimeout = saved })
	ctx := context.Background()
	s, path := openTemp(t)
	other, err := Open(ctx, path)
	require.NoError(t, err)
	defer other.Close()

	// The other store holds the write lock.
	tx, err := other.db.BeginTx(ctx, nil)
	require.NoError(t, err)
	_, err = tx.Exec(`INSERT INTO config (name, value) VALUES ('held', 'yes')`)
	require.NoError(t, err)

	retried := make(chan struct{}, 100)
	s.onBusy = func() { retried <- struct{}{} }
	done := make(chan error, 1)
	go func() {
		_, err := s.RecordReview(ctx, review("s", "c", t0, CardState{}))
		done <- err
	}()
	select {
	case <-retried: // the first attempt gave up after the busy timeout
	case err := <-done:
		t.Fatalf("RecordReview returned %v while the lock was held", err)
	case <-time.After(30 * time.Second):
		t.Fatal("RecordReview never retried")
	}
	require.NoError(t, tx.Commit())
	require.NoError(t, <-done)
	sum, err := s.SessionSummary(ctx, "s")
	require.NoError(t, err)
	assert.Equal(t, 1, sum.Reviews)
}

func TestImportReviewsLogsEveryReviewAndKeepsEachCardsLastState(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	first := review("import", "vol-a", t0, CardState{})
	second := review("import", "vol-a", t0.Add(48*time.Hour), first.After)
	other := review("import", "net-b", t0.Add(time.Hour), CardState{})
	require.NoError(t, s.ImportReviews(ctx, []Review{first, other, second}))

	got, err := s.ReviewsSince(ctx, time.Time{})
	require.NoError(t, err)
	require.Len(t, got, 3)
	assert.Equal(t, []string{"vol-a", "net-b", "vol-a"}, []string{got[0].CardID, got[1].CardID, got[2].CardID})

	states, err := s.CardStates(ctx)
	require.NoError(t, err)
	assert.Equal(t, second.After.Reps, states["vol-a"].Reps, "a card's state is its last review's")
	assert.Equal(t, second.After.Due, states["vol-a"].Due)
	assert.Equal(t, other.After.Stability, states["net-b"].Stability)
}

func TestImportReviewsWritesNothingWhenOneIsInvalid(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	bad := review("import", "vol-a", t0, CardState{})
	bad.Rating = 7
	err := s.ImportReviews(ctx, []Review{review("import", "vol-b", t0, CardState{}), bad})
	require.ErrorContains(t, err, `import review of "vol-a"`)
	got, err := s.ReviewsSince(ctx, time.Time{})
	require.NoError(t, err)
	assert.Empty(t, got)
}

// TestReviewFromChainsConcurrentReviewsOfOneCard rates one card many times
// from two stores on one file at once: every review starts from the state
// the one before it left, so the log replays to the card's state and no
// review is lost to a stale read.
func TestReviewFromChainsConcurrentReviewsOfOneCard(t *testing.T) {
	ctx := context.Background()
	path := t0Path(t)
	const stores, each = 2, 25
	var wg sync.WaitGroup
	errs := make(chan error, stores*each)
	for si := range stores {
		s, err := Open(ctx, path)
		require.NoError(t, err)
		defer s.Close()
		wg.Go(func() {
			for i := range each {
				_, err := s.ReviewFrom(ctx, "card", func(before CardState) Review {
					return review(fmt.Sprintf("store%d", si), "card", t0.Add(time.Duration(i)*time.Second), before)
				})
				if err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}

	s, err := Open(ctx, path)
	require.NoError(t, err)
	defer s.Close()
	all, err := s.ReviewsSince(ctx, time.Time{})
	require.NoError(t, err)
	require.Len(t, all, stores*each)
	slices.SortFunc(all, func(a, b Review) int { return cmp.Compare(a.ID, b.ID) })
	state := CardState{CardID: "card"}
	for i, r := range all {
		require.Equal(t, state, r.Before, "review %d starts where review %d left the card", i, i-1)
		state = r.After
		state.CardID = "card"
	}
	states, err := s.CardStates(ctx)
	require.NoError(t, err)
	assert.Equal(t, state, states["card"], "the card's state is the log replayed")
	assert.Equal(t, stores*each, state.Reps)
}

func TestReviewFromRefusesAnInvalidReviewAndWritesNothing(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	_, err := s.ReviewFrom(ctx, "card", func(before CardState) Review {
		r := review("s", "card", t0, before)
		r.Rating = 7
		return r
	})
	require.ErrorContains(t, err, "rating 7 is not 1 to 4")
	all, err := s.ReviewsSince(ctx, time.Time{})
	require.NoError(t, err)
	assert.Empty(t, all)
}
