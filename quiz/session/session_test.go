package session

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/schedule"
	"github.com/dockdrill/dockdrill/quiz/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDueCardsComeFirstLowestRetrievabilityFirst(t *testing.T) {
	c := newClock(t0)
	cs := cards(2, "volumes")
	cs = append(cs, card("networks", 0), card("networks", 1))
	cfg := config(t, c, cs)
	// volumes-1 is the most overdue for its stability, then networks-0;
	// volumes-0 is the least; networks-1 is new.
	cfg.States["volumes-0"] = reviewState("volumes-0", t0, 2, 10)
	cfg.States["volumes-1"] = reviewState("volumes-1", t0, 30, 2)
	cfg.States["networks-0"] = reviewState("networks-0", t0, 10, 5)
	s, err := New(cfg)
	require.NoError(t, err)
	assert.Equal(t, []string{"volumes-1", "networks-0", "volumes-0", "networks-1"}, ids(s.queue))
	due, news, learning := s.Planned()
	assert.Equal(t, []int{3, 1, 0}, []int{due, news, learning})
}

func TestCardsNotDueAreNotAsked(t *testing.T) {
	c := newClock(t0)
	cs := cards(2, "volumes")
	cfg := config(t, c, cs)
	later := reviewState("volumes-0", t0, 1, 10)
	later.Due = t0.AddDate(0, 0, 3)
	cfg.States["volumes-0"] = later
	cfg.NewPerDay = 0
	cfg.States["volumes-1"] = reviewState("volumes-1", t0, 5, 3)
	s, err := New(cfg)
	require.NoError(t, err)
	assert.Equal(t, []string{"volumes-1"}, ids(s.queue))
}

// adjacent counts neighbours of the same area.
func adjacent(cs []*deck.Card) int {
	n := 0
	for i := 1; i < len(cs); i++ {
		if cs[i].Area == cs[i-1].Area {
			n++
		}
	}
	return n
}

func TestAreasAreInterleaved(t *testing.T) {
	tests := []struct {
		name   string
		counts map[string]int
		// least is the fewest same-area neighbours possible:
		// max(0, 2*biggest - n - 1).
		least int
	}{
		{"even areas", map[string]int{"arch": 3, "images": 3, "volumes": 3}, 0},
		{"one area holds half", map[string]int{"arch": 4, "images": 2, "volumes": 2}, 0},
		{"one area holds just over half", map[string]int{"arch": 5, "images": 2, "volumes": 2}, 0},
		{"one area too big to keep apart", map[string]int{"arch": 6, "images": 1}, 4},
		{"a single area", map[string]int{"volumes": 4}, 3},
	}
	for _, tt := range tests {
		for _, phase := range []string{"due", "new"} {
			t.Run(tt.name+"/"+phase, func(t *testing.T) {
				c := newClock(t0)
				var cs []*deck.Card
				for _, a := range areaOrder {
					cs = append(cs, cards(tt.counts[a], a)...)
				}
				cfg := config(t, c, cs)
				if phase == "due" {
					// Retrievability falls in deck order, so the
					// order by R alone would keep areas together.
					for i, card := range cs {
						cfg.States[card.ID] = reviewState(card.ID, t0, 2+i, 10)
					}
				}
				s, err := New(cfg)
				require.NoError(t, err)
				require.Len(t, s.queue, len(cs))
				assert.Equal(t, tt.least, adjacent(s.queue), "%v", ids(s.queue))
			})
		}
	}
}

func TestInterleavingKeepsRetrievabilityOrderWithinAnArea(t *testing.T) {
	c := newClock(t0)
	cs := append(cards(3, "arch"), cards(3, "volumes")...)
	cfg := config(t, c, cs)
	for i, card := range cs {
		cfg.States[card.ID] = reviewState(card.ID, t0, 2+i, 10) // later cards are more overdue
	}
	s, err := New(cfg)
	require.NoError(t, err)
	assert.Equal(t, []string{"volumes-2", "arch-2", "volumes-1", "arch-1", "volumes-0", "arch-0"}, ids(s.queue))
}

func TestNewCardsPerDay(t *testing.T) {
	tests := []struct {
		name               string
		perDay, introduced int
		limit              int
		want               int
	}{
		{"the default allowance", DefaultNewPerDay, 0, 0, 15},
		{"new cards already introduced today count", 15, 10, 0, 5},
		{"none left today", 15, 15, 0, 0},
		{"more introduced than allowed", 15, 40, 0, 0},
		{"--new 0 introduces none", 0, 0, 0, 0},
		{"--new above the cards there are", 100, 0, 0, 28},
		{"--limit cuts", 15, 0, 4, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newClock(t0)
			cfg := config(t, c, cards(7, "arch", "images", "networks", "volumes"))
			cfg.NewPerDay, cfg.IntroducedToday, cfg.Limit = tt.perDay, tt.introduced, tt.limit
			s, err := New(cfg)
			require.NoError(t, err)
			assert.Len(t, s.queue, tt.want)
		})
	}
}

func TestNewCardsAreTakenRoundRobinAcrossAreasInDeckOrder(t *testing.T) {
	c := newClock(t0)
	cfg := config(t, c, cards(5, "volumes", "arch", "networks"))
	cfg.NewPerDay = 7
	s, err := New(cfg)
	require.NoError(t, err)
	// The blueprint's order: arch, networks, volumes.
	assert.Equal(t, []string{"arch-0", "networks-0", "volumes-0", "arch-1", "networks-1", "volumes-1", "arch-2"}, ids(s.queue))
}

func TestFilters(t *testing.T) {
	cs := cards(3, "arch", "images", "volumes")
	cs[0].Deck = "terms" // a card of the arch area in another deck
	tests := []struct {
		name string
		opts Options
		want []string
	}{
		{"an area", Options{Areas: []string{"images"}}, []string{"images-0", "images-1", "images-2"}},
		{"two areas", Options{Areas: []string{"images", "volumes"}}, []string{"images-0", "volumes-0", "images-1", "volumes-1", "images-2", "volumes-2"}},
		{"a deck", Options{Decks: []string{"terms"}}, []string{"arch-0"}},
		{"an area and a deck", Options{Areas: []string{"arch"}, Decks: []string{"arch"}}, []string{"arch-1", "arch-2"}},
		{"a limit", Options{Limit: 2}, []string{"arch-0", "images-0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := newClock(t0)
			cfg := config(t, c, cs)
			tt.opts.NewPerDay = 15
			cfg.Options = tt.opts
			s, err := New(cfg)
			require.NoError(t, err)
			assert.Equal(t, tt.want, ids(s.queue))
		})
	}
}

func TestLearningCardsComeBackWithinTheSession(t *testing.T) {
	c := newClock(t0)
	cfg := config(t, c, cards(1, "arch", "images", "volumes"))
	s, err := New(cfg)
	require.NoError(t, err)
	ctx := context.Background()

	first, _ := s.Next()
	require.Equal(t, "arch-0", first.ID)
	_, err = s.Rate(ctx, first, Answer{Rating: fsrs.Again, Verdict: store.VerdictWrong}) // back in 1 min
	require.NoError(t, err)
	next, _ := s.Next()
	assert.Equal(t, "images-0", next.ID, "a learning card not yet due waits while the queue has cards")

	c.Add(90 * time.Second)
	next, _ = s.Next()
	assert.Equal(t, "arch-0", next.ID, "a learning card whose step is due comes first")
	_, err = s.Rate(ctx, next, Answer{Rating: fsrs.Good, Verdict: store.VerdictRight}) // back in 10 min
	require.NoError(t, err)

	next, _ = s.Next()
	assert.Equal(t, "images-0", next.ID)
	_, err = s.Rate(ctx, next, Answer{Rating: fsrs.Easy, Verdict: store.VerdictRight}) // graduates
	require.NoError(t, err)
	next, _ = s.Next()
	require.Equal(t, "volumes-0", next.ID)
	_, err = s.Rate(ctx, next, Answer{Rating: fsrs.Good, Verdict: store.VerdictRight}) // back in 10 min
	require.NoError(t, err)

	// The queue is empty: the learning cards due within 20 minutes come
	// back, soonest first, the card just answered last.
	next, _ = s.Next()
	assert.Equal(t, "arch-0", next.ID)
	_, err = s.Rate(ctx, next, Answer{Rating: fsrs.Good, Verdict: store.VerdictRight})
	require.NoError(t, err)
	next, _ = s.Next()
	assert.Equal(t, "volumes-0", next.ID)
	_, err = s.Rate(ctx, next, Answer{Rating: fsrs.Again, Verdict: store.VerdictWrong})
	require.NoError(t, err)
	next, _ = s.Next()
	assert.Equal(t, "volumes-0", next.ID, "the card just answered comes back when it is the only one left")
}

func TestLearningCardsDueBeyondLearnAheadWait(t *testing.T) {
	c := newClock(t0)
	cfg := config(t, c, cards(1, "arch"))
	cfg.LearnAhead = 5 * time.Minute
	s, err := New(cfg)
	require.NoError(t, err)
	next, _ := s.Next()
	_, err = s.Rate(context.Background(), next, Answer{Rating: fsrs.Good, Verdict: store.VerdictRight}) // 10 min
	require.NoError(t, err)
	_, ok := s.Next()
	assert.False(t, ok, "the session ends")
	assert.Equal(t, 1, s.Summary().Left)

	// A later session the same day starts with it, once it is due.
	c.Add(11 * time.Minute)
	cfg.States = s.cfg.States
	s2, err := New(cfg)
	require.NoError(t, err)
	_, _, learning := s2.Planned()
	assert.Equal(t, 1, learning)
	next, ok = s2.Next()
	require.True(t, ok)
	assert.Equal(t, "arch-0", next.ID)
}

func TestEveryCardEndsInReviewAndTheSessionEnds(t *testing.T) {
	c := newClock(t0)
	cfg := config(t, c, cards(4, "arch", "images", "volumes"))
	s, err := New(cfg)
	require.NoError(t, err)
	asked := drain(t, s, c, fsrs.Good, 30*time.Second)
	// Good on a new card walks the two learning steps: 2 answers each.
	assert.Len(t, asked, 2*12)
	for _, c := range cfg.Cards {
		assert.Equal(t, store.StateReview, s.State(c.ID).State, c.ID)
	}
}

func TestAnAnswerTheStoreRefusesChangesNothing(t *testing.T) {
	c := newClock(t0)
	cfg := config(t, c, cards(1, "arch", "images"))
	ms := &memStore{fail: errors.New("disk full")}
	cfg.Store = ms
	s, err := New(cfg)
	require.NoError(t, err)
	first, _ := s.Next()
	_, err = s.Rate(context.Background(), first, Answer{Rating: fsrs.Good, Verdict: store.VerdictRight})
	require.ErrorContains(t, err, "disk full")
	again, _ := s.Next()
	assert.Equal(t, first.ID, again.ID, "the card is still to be asked")
	assert.Equal(t, store.StateNew, s.State(first.ID).State)
	assert.Zero(t, s.Summary().Reviewed)
}

func TestRateRecordsTheReview(t *testing.T) {
	c := newClock(t0.Add(123456789 * time.Nanosecond))
	st := openStore(t)
	cfg := config(t, c, cards(1, "arch"))
	cfg.Store = st
	s, err := New(cfg)
	require.NoError(t, err)
	next, _ := s.Next()
	r, err := s.Rate(context.Background(), next, Answer{Rating: fsrs.Hard, Typed: "docker ps -a", Verdict: store.VerdictRight, Took: 4200 * time.Microsecond})
	require.NoError(t, err)

	log, err := st.CardReviews(context.Background(), "arch-0")
	require.NoError(t, err)
	require.Len(t, log, 1)
	got := log[0]
	assert.Equal(t, r, got, "the store has exactly the review the session returned")
	assert.Equal(t, cfg.ID, got.SessionID)
	assert.Equal(t, int(fsrs.Hard), got.Rating)
	assert.Equal(t, "docker ps -a", got.Typed)
	assert.Equal(t, 4*time.Millisecond, got.Took)
	assert.Equal(t, CardHash(next), got.CardHash)
	assert.Equal(t, store.StateNew, got.Before.State)
	assert.Equal(t, store.StateLearning, got.After.State)
	assert.Equal(t, t0.Add(123*time.Millisecond), got.Time)

	// The scheduler's own answer, with the card's fuzz seed.
	want := scheduler(t, false).Review(fsrs.Card{}, fsrs.Hard, got.Time, fsrs.FuzzSeed("arch-0", 0))
	assert.Equal(t, schedule.State("arch-0", want), got.After)
	states, err := st.CardStates(context.Background())
	require.NoError(t, err)
	assert.Equal(t, got.After, states["arch-0"])
	assert.Equal(t, got.After, s.State("arch-0"))
}

func TestUndoRestoresTheCardAndAsksItAgain(t *testing.T) {
	c := newClock(t0)
	st := openStore(t)
	ctx := context.Background()
	cfg := config(t, c, cards(1, "arch", "images", "volumes"))
	cfg.Store = st
	cfg.States["images-0"] = reviewState("images-0", t0, 4, 3)
	// The store holds the same state: the session schedules from the
	// store's.
	prev := cfg.States["images-0"]
	require.NoError(t, st.ImportReviews(ctx, []store.Review{{SessionID: "before", CardID: "images-0",
		Time: prev.LastReview, Rating: int(fsrs.Good), Verdict: store.VerdictSelf, After: prev}}))
	s, err := New(cfg)
	require.NoError(t, err)

	a, _ := s.Next()
	require.Equal(t, "images-0", a.ID, "the due card first")
	_, err = s.Rate(ctx, a, Answer{Rating: fsrs.Again, Verdict: store.VerdictWrong})
	require.NoError(t, err)
	c.Add(time.Minute)
	b, _ := s.Next()
	_, err = s.Rate(ctx, b, Answer{Rating: fsrs.Easy, Verdict: store.VerdictRight})
	require.NoError(t, err)

	undone, err := s.Undo(ctx)
	require.NoError(t, err)
	assert.Equal(t, b.ID, undone.CardID)
	states, err := st.CardStates(ctx)
	require.NoError(t, err)
	assert.NotContains(t, states, b.ID, "a new card is new again")
	next, _ := s.Next()
	assert.Equal(t, b.ID, next.ID, "the undone card is asked again at once")

	undone, err = s.Undo(ctx)
	require.NoError(t, err)
	assert.Equal(t, a.ID, undone.CardID)
	states, err = st.CardStates(ctx)
	require.NoError(t, err)
	assert.Equal(t, cfg.States["images-0"], states["images-0"], "the review card has its state from before")
	assert.Equal(t, cfg.States["images-0"], s.State("images-0"))
	next, _ = s.Next()
	assert.Equal(t, a.ID, next.ID)
	assert.Zero(t, s.Summary().Reviewed)
	assert.Equal(t, 3, s.Remaining(), "no card is in the queue twice")

	_, err = s.Undo(ctx)
	assert.ErrorIs(t, err, store.ErrNothingToUndo)
}

func TestACardNoLongerInTheDecksKeepsItsStateAndIsNotAsked(t *testing.T) {
	c := newClock(t0)
	cfg := config(t, c, cards(1, "arch"))
	gone := reviewState("vol-removed", t0, 30, 2)
	cfg.States["vol-removed"] = gone
	s, err := New(cfg)
	require.NoError(t, err)
	asked := drain(t, s, c, fsrs.Good, time.Minute)
	assert.NotContains(t, asked, "vol-removed")
	assert.Equal(t, gone, s.State("vol-removed"))
	assert.Zero(t, s.Summary().DueTomorrow, "a card no longer in the decks does not count, though due")
}

func TestSummary(t *testing.T) {
	c := newClock(t0)
	cfg := config(t, c, cards(1, "arch", "images", "volumes"))
	cfg.States["volumes-0"] = reviewState("volumes-0", t0, 4, 3)
	s, err := New(cfg)
	require.NoError(t, err)
	ctx := context.Background()
	for _, r := range []fsrs.Rating{fsrs.Again, fsrs.Good, fsrs.Easy} {
		next, _ := s.Next()
		_, err := s.Rate(ctx, next, Answer{Rating: r, Verdict: store.VerdictSelf, Took: 5 * time.Second})
		require.NoError(t, err)
		c.Add(time.Minute)
	}
	sum := s.Summary()
	assert.Equal(t, Summary{
		Reviewed: 3, Passed: 2, Cards: 3, New: 2, Took: 15 * time.Second, Elapsed: 3 * time.Minute,
		Left:        2, // volumes-0 relearning, one new card learning
		DueTomorrow: 2, // the same two; the card rated Easy is due in days
	}, sum)
}

func TestCardHash(t *testing.T) {
	base := func() *deck.Card {
		return &deck.Card{ID: "x", Kind: deck.KindChoice, Prompt: "p", Choices: []string{"a", "b", "c", "d"}, Correct: []string{"a"}, Explain: "e", Hint: "h"}
	}
	h := CardHash(base())
	assert.Regexp(t, `^sha256:[0-9a-f]{64}$`, h)
	same := []func(*deck.Card){
		func(c *deck.Card) { c.Explain = "other" },
		func(c *deck.Card) { c.Hint = "" },
		func(c *deck.Card) { c.Tags = []string{"t"} },
		func(c *deck.Card) { c.Line = 99 },
	}
	for i, f := range same {
		c := base()
		f(c)
		assert.Equal(t, h, CardHash(c), "change %d does not alter what is asked", i)
	}
	differ := []func(*deck.Card){
		func(c *deck.Card) { c.Prompt = "q" },
		func(c *deck.Card) { c.Choices[3] = "e" },
		func(c *deck.Card) { c.Correct = []string{"b"} },
		func(c *deck.Card) { c.Kind = deck.KindMulti },
		func(c *deck.Card) { c.Accept = []string{"a"} },
		func(c *deck.Card) { c.Answer = "a" },
		// Moving text between fields is a change.
		func(c *deck.Card) { c.Choices = []string{"a", "b", "c"}; c.Correct = []string{"d", "a"} },
	}
	for i, f := range differ {
		c := base()
		f(c)
		assert.NotEqual(t, h, CardHash(c), "change %d alters what is asked", i)
	}
}

func TestNewID(t *testing.T) {
	id := NewID(time.Date(2026, 11, 27, 9, 0, 0, 123e6, time.FixedZone("x", 3600)), 0x1a2b3c4d)
	assert.Equal(t, "20261127T080000.123Z-1a2b3c4d", id)
}

func TestNewRejectsBadConfig(t *testing.T) {
	c := newClock(t0)
	for name, f := range map[string]func(*Config){
		"no id":          func(cfg *Config) { cfg.ID = "" },
		"no store":       func(cfg *Config) { cfg.Store = nil },
		"negative new":   func(cfg *Config) { cfg.NewPerDay = -1 },
		"negative limit": func(cfg *Config) { cfg.Limit = -1 },
	} {
		t.Run(name, func(t *testing.T) {
			cfg := config(t, c, nil)
			f(&cfg)
			_, err := New(cfg)
			assert.Error(t, err)
		})
	}
}

func ExampleNewID() {
	fmt.Println(NewID(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC), 42))
	// Output: 20260302T090000.000Z-0000002a
}
