package session

import (
	"context"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/schedule"
	"github.com/dockdrill/dockdrill/quiz/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// day is what one simulated day of drilling did.
type day struct {
	dueAtStart int // review cards due when the session started
	reviews    int
	new        int
	left       int // cards the session could not finish
}

// simulate has a learner drill the built-in decks once a day for days days,
// through Session with the default options and fuzz on, and returns what
// each day did and the share of passed answers on review cards. The learner
// recalls a review card with the scheduler's retrievability, a new card or
// one in a learning step with fixed odds, and takes 20 seconds per answer.
func simulate(t testing.TB, days int, seed uint64) ([]day, float64) {
	set, err := deck.Load(deck.LoadOptions{})
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(seed, 1))
	sched := scheduler(t, true)
	cal := store.Calendar{Loc: time.UTC, Rollover: store.DefaultRollover}
	ms := &memStore{}
	states := map[string]store.CardState{}
	c := newClock(t0)
	ctx := context.Background()
	var out []day
	var reviewAnswers, reviewPassed int

	for d := range days {
		// Each day at a different time between 07:00 and 22:00.
		start := cal.Start(cal.Day(t0).AddDays(d)).Add(3*time.Hour + time.Duration(rng.IntN(15*60))*time.Minute)
		c.Set(start)
		today := cal.Day(start)
		introduced := 0
		for _, r := range ms.reviews {
			if r.Before.State == store.StateNew && cal.Day(r.Time) == today {
				introduced++
			}
		}
		s, err := New(Config{
			ID: NewID(start, uint32(d)), Store: ms, Scheduler: sched, Calendar: cal, Now: c.Now,
			Cards: set.Cards(), AreaOrder: areaOrder, States: states, IntroducedToday: introduced,
			Options: Options{NewPerDay: DefaultNewPerDay},
		})
		require.NoError(t, err)
		due, _, _ := s.Planned()
		var today_ day
		today_.dueAtStart = due
		for {
			cd, ok := s.Next()
			if !ok {
				break
			}
			st := s.State(cd.ID)
			p := 0.8 // new, and in learning steps
			if st.State == store.StateReview {
				p = sched.Retrievability(schedule.Card(st), c.Now())
			}
			rating := fsrs.Again
			if rng.Float64() < p {
				switch x := rng.Float64(); {
				case x < 0.1:
					rating = fsrs.Hard
				case x < 0.9:
					rating = fsrs.Good
				default:
					rating = fsrs.Easy
				}
			}
			if st.State == store.StateReview {
				reviewAnswers++
				if rating != fsrs.Again {
					reviewPassed++
				}
			}
			r, err := s.Rate(ctx, cd, Answer{Rating: rating, Verdict: store.VerdictSelf, Took: 20 * time.Second})
			require.NoError(t, err)
			today_.reviews++
			if r.Before.State == store.StateNew {
				today_.new++
			}
			c.Add(20 * time.Second)
			require.Less(t, today_.reviews, 5000, "day %d never ends", d)
		}
		today_.left = s.Summary().Left
		out = append(out, today_)
		states = s.cfg.States
	}
	return out, float64(reviewPassed) / float64(reviewAnswers)
}

// TestSimulatedLearnerHasSaneDailyLoads drives 60 days of daily drills of
// the built-in decks through the session (queue, learning steps, scheduler,
// store interface) and checks the daily load. go test -v shows the figures.
func TestSimulatedLearnerHasSaneDailyLoads(t *testing.T) {
	const days = 60
	set, err := deck.Load(deck.LoadOptions{})
	require.NoError(t, err)
	total := len(set.Cards())

	for _, seed := range []uint64{1, 2, 3} {
		run, retention := simulate(t, days, seed)
		sum, maxReviews, newTotal, maxLeft := 0, 0, 0, 0
		var maxDay int
		for i, d := range run {
			sum += d.reviews
			if d.reviews > maxReviews {
				maxReviews, maxDay = d.reviews, i
			}
			newTotal += d.new
			maxLeft = max(maxLeft, d.left)
			assert.LessOrEqual(t, d.new, DefaultNewPerDay, "day %d introduced too many new cards", i)
		}
		mean := float64(sum) / days
		// The last 20 days, once every card is introduced: reviews only.
		tail := 0
		for _, d := range run[40:] {
			tail += d.reviews
		}
		t.Logf("seed %d: %d cards, %d days: %d answers, mean %.1f/day, max %d (day %d), last 20 days mean %.1f/day; %d new in all; review retention %.3f",
			seed, total, days, sum, mean, maxReviews, maxDay, float64(tail)/20, newTotal, retention)

		assert.Equal(t, total, newTotal, "every card is introduced within 60 days")
		assert.Equal(t, 0, maxLeft, "every session finishes its cards within the learn-ahead limit")
		// A new card takes two to three answers on its first day (its
		// learning steps), so the weeks of new cards, with 15 new cards
		// and the reviews of the days before, take 50 to 130 answers;
		// the busiest day grows a little with the number of cards. No
		// day takes over two and a half times the mean, nor over 150
		// answers (50 minutes at 20 s an answer).
		assert.LessOrEqual(t, float64(maxReviews), 2.5*mean, "no day is overloaded")
		assert.LessOrEqual(t, maxReviews, 150, "no day is overloaded")
		assert.Greater(t, mean, 15.0)
		assert.Less(t, mean, 70.0)
		assert.Less(t, float64(tail)/20, mean, "the load falls once no new cards are left")
		// FSRS aims at 90 % recall on review cards; the simulated learner
		// recalls with FSRS's own forecast.
		assert.InDelta(t, 0.9, retention, 0.04)
		// The load spreads: no day of the second month has over twice
		// the month's mean.
		month := 0
		for _, d := range run[30:] {
			month += d.reviews
		}
		for i, d := range run[30:] {
			assert.LessOrEqual(t, float64(d.reviews), 2*float64(month)/30+5, "day %d spikes", 30+i)
		}
	}
}
