package readiness

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// The benchmark's learner: 250 cards and 100,000 reviews over two years,
// the size issue 7 sets, plus proof runs and mock exams in the window.
const (
	benchCards   = 250
	benchReviews = 100_000
)

var (
	benchOnce  sync.Once
	benchPath  string
	benchDecks []*deck.Card
	benchErr   error
)

// benchCardSet returns 250 cards spread over the seven areas of 702.1 with
// the kinds of the built-in decks, a third of them backed by a proof.
func benchCardSet(bp *deck.Blueprint) []*deck.Card {
	areas := bp.AreasOf("702.1")
	kinds := []deck.Kind{deck.KindChoice, deck.KindChoice, deck.KindCommand, deck.KindCloze, deck.KindMulti, deck.KindChoice, deck.KindCommand, deck.KindFlash}
	var out []*deck.Card
	for i := range benchCards {
		a := areas[i%len(areas)]
		c := &deck.Card{ID: fmt.Sprintf("%s-card-%03d", a.ID, i), Area: a.ID, Kind: kinds[i%len(kinds)], Prompt: "?", Explain: "!"}
		switch c.Kind {
		case deck.KindChoice:
			c.Choices, c.Correct = []string{"a", "b", "c", "d"}, []string{"a"}
		case deck.KindMulti:
			c.Choices, c.Correct = []string{"a", "b", "c", "d", "e"}, []string{"a", "b"}
		default:
			c.Answer = "docker ps"
		}
		if i%3 == 0 {
			c.Proof = fmt.Sprintf("%s/TestProof%d", a.ID, i%11)
		}
		out = append(out, c)
	}
	return out
}

// seedBench writes the benchmark's database once: the reviews scheduled by
// the real scheduler (ratings mostly Good, some Again and Hard), written in
// one transaction with ImportReviews, as RecordReview's per-answer fsync
// would take minutes; proof results and mock exams come first.
func seedBench(tb testing.TB) (string, []*deck.Card) {
	tb.Helper()
	benchOnce.Do(func() {
		bp := blueprint(tb)
		benchDecks = benchCardSet(bp)
		dir, err := os.MkdirTemp("", "dockdrill-readiness-bench-")
		if err != nil {
			benchErr = err
			return
		}
		benchPath = filepath.Join(dir, "dockdrill.db")
		benchErr = seed(benchPath, benchDecks, scheduler(tb))
	})
	require.NoError(tb, benchErr)
	return benchPath, benchDecks
}

func seed(path string, cards []*deck.Card, sched *fsrs.Scheduler) error {
	ctx := context.Background()
	s, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	// Proof runs and mock exams in the window, through the store.
	for i := range 40 {
		c := cards[(i*3)%len(cards)]
		if _, err := s.RecordProof(ctx, store.ProofResult{RunID: fmt.Sprint(i / 10), Time: now.AddDate(0, 0, -i%25),
			Proof: c.Proof, CardIDs: []string{c.ID}, Passed: i%4 != 0}); err != nil {
			return err
		}
	}
	for e := range 6 {
		res := store.ExamResult{Started: now.AddDate(0, 0, -3*e), Finished: now.AddDate(0, 0, -3*e).Add(30 * time.Minute), Questions: 20}
		for q := range 20 {
			c := cards[(e*37+q*11)%len(cards)]
			res.Answers = append(res.Answers, store.ExamAnswer{CardID: c.ID, Area: c.Area, Kind: string(c.Kind), Given: "x", Right: q%3 != 0})
		}
		if _, err := s.RecordExam(ctx, res); err != nil {
			return err
		}
	}
	state := func(c fsrs.Card) store.CardState {
		return store.CardState{Stability: c.Stability, Difficulty: c.Difficulty, State: int(c.State), Step: c.Step,
			Due: c.Due, LastReview: c.LastReview, Reps: c.Reps, Lapses: c.Lapses}
	}
	start := now.AddDate(-2, 0, 0)
	step := now.Sub(start) / benchReviews
	states := make([]fsrs.Card, len(cards))
	reviews := make([]store.Review, benchReviews)
	for i := range reviews {
		ci := i % len(cards)
		at := start.Add(time.Duration(i) * step)
		rating := fsrs.Good
		switch i % 10 {
		case 3:
			rating = fsrs.Again
		case 7:
			rating = fsrs.Hard
		}
		before := states[ci]
		after := sched.Review(before, rating, at, 0)
		states[ci] = after
		reviews[i] = store.Review{SessionID: fmt.Sprintf("s%d", i/30), CardID: cards[ci].ID, Time: at, Rating: int(rating),
			Typed: "x", Verdict: store.VerdictRight, Took: 5 * time.Second, CardHash: "h", Before: state(before), After: state(after)}
	}
	if err := s.ImportReviews(ctx, reviews); err != nil {
		return err
	}
	return s.Close()
}

// readiness runs what dockdrill readiness runs once the decks are loaded:
// the store's queries and the computation with 10,000 simulated exams.
func readiness(tb testing.TB, s *store.Store, cards []*deck.Card) *Report {
	ctx := context.Background()
	data, err := Gather(ctx, s, cal, now, DefaultWindow)
	if err != nil {
		tb.Fatal(err)
	}
	o := options(tb, cards)
	o.Assume = map[string]float64{"704.1": 0.7, "701.1": 0.6}
	rep, err := Compute(o, data)
	if err != nil {
		tb.Fatal(err)
	}
	return rep
}

func TestBenchFixtureIsTheSizeAsked(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 100,000-review database")
	}
	path, cards := seedBench(t)
	s, err := store.Open(context.Background(), path)
	require.NoError(t, err)
	defer s.Close()
	states, err := s.CardStates(context.Background())
	require.NoError(t, err)
	require.Len(t, states, benchCards)
	n := 0
	for _, err := range s.Reviews(context.Background(), time.Time{}, time.Time{}) {
		require.NoError(t, err)
		n++
	}
	require.Equal(t, benchReviews, n)
	rep := readiness(t, s, cards)
	require.Equal(t, DefaultSims, rep.Pass.Sims)
	a := rep.Objectives[4]
	require.Equal(t, "702.1", a.ID)
	for _, ar := range a.Areas {
		require.Positive(t, ar.Accuracy.DrillReviews, ar.ID)
		require.Positive(t, ar.Accuracy.ExamAnswers, ar.ID)
		require.Positive(t, ar.HandsOn.Of, ar.ID)
		require.Equal(t, ar.Cards, ar.Reviewed, ar.ID)
	}
}

// BenchmarkReadiness measures readiness with the pass probability on an
// open store: every query (card states, 30 days of first reviews per day,
// proof results, mock exams) and the computation with 10,000 simulated
// exams, for 250 cards and 100,000 reviews.
func BenchmarkReadiness(b *testing.B) {
	path, cards := seedBench(b)
	s, err := store.Open(context.Background(), path)
	require.NoError(b, err)
	defer s.Close()
	for b.Loop() {
		readiness(b, s, cards)
	}
}

// BenchmarkReadinessWithOpen adds opening and closing the store.
func BenchmarkReadinessWithOpen(b *testing.B) {
	path, cards := seedBench(b)
	for b.Loop() {
		s, err := store.Open(context.Background(), path)
		if err != nil {
			b.Fatal(err)
		}
		readiness(b, s, cards)
		s.Close()
	}
}

// BenchmarkCompute measures the computation alone, the data gathered once.
func BenchmarkCompute(b *testing.B) {
	path, cards := seedBench(b)
	s, err := store.Open(context.Background(), path)
	require.NoError(b, err)
	defer s.Close()
	data, err := Gather(context.Background(), s, cal, now, DefaultWindow)
	require.NoError(b, err)
	o := options(b, cards)
	o.Assume = map[string]float64{"704.1": 0.7, "701.1": 0.6}
	for b.Loop() {
		if _, err := Compute(o, data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGather measures the store's queries alone.
func BenchmarkGather(b *testing.B) {
	path, _ := seedBench(b)
	s, err := store.Open(context.Background(), path)
	require.NoError(b, err)
	defer s.Close()
	for b.Loop() {
		if _, err := Gather(context.Background(), s, cal, now, DefaultWindow); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMain removes the benchmark's database when it was built.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchPath != "" {
		os.RemoveAll(filepath.Dir(benchPath))
	}
	os.Exit(code)
}
