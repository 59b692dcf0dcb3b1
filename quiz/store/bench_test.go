package store

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The benchmark database: 250 cards and 100,000 reviews over two years,
// the size issue 5 sets for the drill's start.
const (
	benchCards   = 250
	benchReviews = 100_000
)

var (
	seedOnce sync.Once
	seedPath string
	seedErr  error
)

// seededDB returns a copy, private to tb, of a database holding benchCards
// card states and benchReviews reviews. The first call builds it in one
// transaction.
func seededDB(tb testing.TB) string {
	tb.Helper()
	seedOnce.Do(func() {
		dir, err := os.MkdirTemp("", "dockdrill-bench-")
		if err != nil {
			seedErr = err
			return
		}
		seedPath = filepath.Join(dir, "seed.db")
		seedErr = seed(seedPath, benchCards, benchReviews)
	})
	require.NoError(tb, seedErr)
	dst := filepath.Join(tb.TempDir(), "dockdrill.db")
	copyFile(tb, seedPath, dst)
	return dst
}

// seed writes cards card states and n reviews spread over two years,
// committing in one transaction, then closes the database cleanly.
func seed(path string, cards, n int) error {
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err != nil {
		return err
	}
	defer s.Close()
	start := t0.Add(-2 * 365 * 24 * time.Hour)
	step := 2 * 365 * 24 * time.Hour / time.Duration(n)
	states := make([]CardState, cards)
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for i := range n {
			c := i % cards
			at := start.Add(time.Duration(i) * step)
			r := review(fmt.Sprintf("s%d", i/30), fmt.Sprintf("card-%03d", c), at, states[c])
			r.Rating = 1 + i%4
			if _, err := insertReview(ctx, tx, r); err != nil {
				return err
			}
			if err := putState(ctx, tx, r.CardID, r.After); err != nil {
				return err
			}
			states[c] = r.After
		}
		return nil
	})
}

func copyFile(tb testing.TB, src, dst string) {
	tb.Helper()
	in, err := os.Open(src)
	require.NoError(tb, err)
	defer in.Close()
	out, err := os.Create(dst)
	require.NoError(tb, err)
	_, err = io.Copy(out, in)
	require.NoError(tb, err)
	require.NoError(tb, out.Close())
}

// BenchmarkOpenAndLoadCardStates measures the store's part of what the
// drill does before its first prompt, with 250 cards and 100,000 reviews:
// open the store (probe, pragmas, schema check), load every card state, and
// count the new cards introduced today.
func BenchmarkOpenAndLoadCardStates(b *testing.B) {
	path := seededDB(b)
	ctx := context.Background()
	cal := Calendar{Rollover: DefaultRollover}
	today := cal.Day(t0)
	for b.Loop() {
		s, err := Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		states, err := s.CardStates(ctx)
		if err != nil || len(states) != benchCards {
			b.Fatal(err, len(states))
		}
		if _, err := s.CountIntroduced(ctx, cal.Start(today), cal.Start(today.AddDays(1))); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkOpen measures opening the store alone.
func BenchmarkOpen(b *testing.B) {
	path := seededDB(b)
	ctx := context.Background()
	for b.Loop() {
		s, err := Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkCardStates measures loading every card state from an open store.
func BenchmarkCardStates(b *testing.B) {
	s, err := Open(context.Background(), seededDB(b))
	require.NoError(b, err)
	defer s.Close()
	for b.Loop() {
		if _, err := s.CardStates(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRecordReview measures one committed review (a transaction with
// an fsync, synchronous=FULL) on the 100,000-review database.
func BenchmarkRecordReview(b *testing.B) {
	s, err := Open(context.Background(), seededDB(b))
	require.NoError(b, err)
	defer s.Close()
	at := t0
	for b.Loop() {
		at = at.Add(time.Second)
		if _, err := s.RecordReview(context.Background(), review("bench", "card-001", at, CardState{})); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDailyCounts112Days measures the stats heatmap's query: review
// counts for 16 weeks, in a time zone with daylight saving.
func BenchmarkDailyCounts112Days(b *testing.B) {
	s, err := Open(context.Background(), seededDB(b))
	require.NoError(b, err)
	defer s.Close()
	loc, err := time.LoadLocation("Europe/Berlin")
	require.NoError(b, err)
	cal := Calendar{Loc: loc, Rollover: DefaultRollover}
	today := cal.Day(t0)
	for b.Loop() {
		if _, err := s.DailyCounts(context.Background(), cal, today.AddDays(-111), today); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFirstReviewsPerDay30Days measures the true-retention query over
// the 30 days readiness looks at.
func BenchmarkFirstReviewsPerDay30Days(b *testing.B) {
	s, err := Open(context.Background(), seededDB(b))
	require.NoError(b, err)
	defer s.Close()
	cal := Calendar{Rollover: DefaultRollover}
	today := cal.Day(t0)
	for b.Loop() {
		if _, err := s.FirstReviewsPerDay(context.Background(), cal, today.AddDays(-29), today); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStreak measures the streak with a review every day for two years.
func BenchmarkStreak(b *testing.B) {
	s, err := Open(context.Background(), seededDB(b))
	require.NoError(b, err)
	defer s.Close()
	cal := Calendar{Rollover: DefaultRollover}
	for b.Loop() {
		if _, err := s.Streak(context.Background(), cal, t0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkQuickCheck measures SQLite's quick_check of the whole database,
// which Open does not run, for comparison.
func BenchmarkQuickCheck(b *testing.B) {
	s, err := Open(context.Background(), seededDB(b))
	require.NoError(b, err)
	defer s.Close()
	for b.Loop() {
		var res string
		if err := s.db.QueryRow("PRAGMA quick_check").Scan(&res); err != nil || res != "ok" {
			b.Fatal(err, res)
		}
	}
}
