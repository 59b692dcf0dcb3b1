package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/store"
	"github.com/dockdrill/dockdrill/quiz/ui"
)

// The size the drill's start is measured at: 400 cards and 100,000 logged
// reviews (issue 16; issue 5 set 250 cards). When the built-in decks hold
// more cards, the benchmark drills all of them.
const (
	benchCards   = 400
	benchReviews = 100_000
)

var (
	fixtureOnce sync.Once
	fixtureDir  string
	fixtureErr  error
)

// benchNow is the benchmark's "now": the end of the fixture's history.
var benchNow = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// drillFixture returns a directory holding decks/ (a user deck that brings
// the built-ins up to benchCards cards, when they hold fewer) and
// dockdrill.db (benchReviews reviews of every card over two years, and
// their states: about a tenth due now). It is built once per test run and
// removed by TestMain.
func drillFixture(tb testing.TB) string {
	tb.Helper()
	fixtureOnce.Do(func() {
		fixtureDir, fixtureErr = os.MkdirTemp("", "dockdrill-drill-bench-")
		if fixtureErr == nil {
			fixtureErr = buildDrillFixture(fixtureDir)
		}
	})
	if fixtureErr != nil {
		tb.Fatal(fixtureErr)
	}
	return fixtureDir
}

func buildDrillFixture(dir string) error {
	set, err := deck.Load(deck.LoadOptions{})
	if err != nil {
		return err
	}
	extra := max(0, benchCards-len(set.Cards()))
	if err := os.MkdirAll(filepath.Join(dir, "decks"), 0o755); err != nil {
		return err
	}
	if extra > 0 {
		if err := os.WriteFile(filepath.Join(dir, "decks", "bench.toml"), []byte(benchDeck(extra)), 0o644); err != nil {
			return err
		}
	}
	var ids []string
	for _, c := range set.Cards() {
		ids = append(ids, c.ID)
	}
	for i := range extra {
		ids = append(ids, fmt.Sprintf("bench-%d", i))
	}

	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(dir, "dockdrill.db"))
	if err != nil {
		return err
	}
	defer st.Close()
	span := 2 * 365 * 24 * time.Hour
	step := span / benchReviews
	begin := benchNow.Add(-span)
	reviews := make([]store.Review, benchReviews)
	last := make([]int, len(ids)) // each card's last review
	for i := range reviews {
		at := begin.Add(time.Duration(i) * step)
		reps := i / len(ids)
		reviews[i] = store.Review{
			SessionID: fmt.Sprintf("s%d", i/40), CardID: ids[i%len(ids)], Time: at, Rating: 1 + i%4,
			Typed: "docker ps", Verdict: store.VerdictRight, Took: 6 * time.Second, CardHash: "sha256:x",
			Before: store.CardState{Stability: 3, Difficulty: 5, State: store.StateReview,
				Due: at, LastReview: at.Add(-24 * time.Hour), Reps: reps},
			After: store.CardState{Stability: 4, Difficulty: 5, State: store.StateReview,
				Due: at.Add(24 * time.Hour), LastReview: at, Reps: reps + 1},
		}
		last[i%len(ids)] = i
	}
	// The cards' states now: due from 25 days ago on, a day apart, so 26
	// are due at benchNow.
	for k, i := range last {
		due := benchNow.Add(time.Duration(k-25) * 24 * time.Hour)
		reviews[i].After = store.CardState{Stability: float64(10 + k%30), Difficulty: 5, State: store.StateReview,
			Due: due, LastReview: due.Add(-time.Duration(10+k%30) * 24 * time.Hour), Reps: 400, Lapses: 3}
	}
	return st.ImportReviews(ctx, reviews)
}

// benchDeck is a valid user deck of n cards of every kind.
func benchDeck(n int) string {
	areas := []string{"arch", "images", "dockerfile", "upload", "containers", "networks", "volumes"}
	var b strings.Builder
	b.WriteString("[deck]\nid = \"bench\"\ntitle = \"Bench\"\ndescription = \"Cards for the start benchmark.\"\n")
	for i := range n {
		fmt.Fprintf(&b, "\n[[card]]\nid = \"bench-%d\"\narea = %q\nexplain = \"Because Docker does it so, as the proof shows on a real engine.\"\n", i, areas[i%len(areas)])
		switch i % 3 {
		case 0:
			fmt.Fprintf(&b, "kind = \"command\"\nprompt = \"Run container %d in the background.\"\nanswer = \"docker run -d --name c%d nginx\"\n", i, i)
		case 1:
			b.WriteString("kind = \"choice\"\nprompt = \"Which keys detach?\"\nchoices = [\"Ctrl-C\", \"Ctrl-P Ctrl-Q\", \"Ctrl-D\", \"Ctrl-X\"]\ncorrect = [\"Ctrl-P Ctrl-Q\"]\n")
		default:
			b.WriteString("kind = \"multi\"\nprompt = \"Which two drivers ship with Docker? (choose two)\"\nchoices = [\"bridge\", \"tap\", \"overlay\", \"vswitch\"]\ncorrect = [\"bridge\", \"overlay\"]\n")
		}
	}
	return b.String()
}

// BenchmarkDrillStartToFirstPrompt measures what the learner waits for
// between typing dockdrill drill and seeing the first card: opening the
// store (250 card states, 100,000 reviews), loading and checking the decks
// (the built-ins and a user deck, 250 cards), reading the states and the
// day's new cards, building the queue, and rendering the first card and
// its prompt.
func BenchmarkDrillStartToFirstPrompt(b *testing.B) {
	dir := drillFixture(b)
	ctx := context.Background()
	due := 0
	for b.Loop() {
		// A new Factory each time: it caches the decks it loaded, and
		// loading them is part of the start.
		opts := &drillOptions{
			Factory: &Factory{
				IO:       &IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard},
				Now:      func() time.Time { return benchNow },
				Getenv:   func(k string) string { return map[string]string{"HOME": dir, "TZ": "UTC"}[k] },
				DB:       filepath.Join(dir, "dockdrill.db"),
				DecksDir: filepath.Join(dir, "decks"),
			},
			New: 15,
		}
		d, err := openDrill(ctx, opts)
		if err != nil {
			b.Fatal(err)
		}
		due, _, _ = d.session.Planned()
		// The empty input ends the session at its first prompt.
		if err := ui.Drill(ctx, d.session, ui.NewLine(strings.NewReader(""), io.Discard), ui.Scheme{}); err != nil {
			b.Fatal(err)
		}
		d.store.Close()
	}
	if due == 0 {
		b.Fatal("no card due: the fixture does not exercise the queue")
	}
	b.ReportMetric(float64(due), "due-cards")
}

// BenchmarkDrillProcessStart measures the same wait as a learner sees it:
// the whole dockdrill process, from exec to exit at the first prompt (its
// standard input is empty), with the fixture's store and user deck. It
// includes what the in-process benchmark cannot see: the runtime's start,
// package initialisation and opening the files.
func BenchmarkDrillProcessStart(b *testing.B) {
	dir := drillFixture(b)
	bin := dockdrillBinary(b)
	args := []string{"drill", "--db", filepath.Join(dir, "dockdrill.db"), "--decks", filepath.Join(dir, "decks")}
	env := []string{"HOME=" + dir, "TZ=UTC", "XDG_CONFIG_HOME=" + filepath.Join(dir, "config"), "XDG_DATA_HOME=" + dir}
	for b.Loop() {
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("dockdrill %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, dir := range []string{fixtureDir, filepath.Dir(binPath)} {
		if dir != "" && dir != "." {
			os.RemoveAll(dir)
		}
	}
	os.Exit(code)
}

func TestDrillBenchmarkFixtureHasItsSize(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the 100,000-review fixture; skipped with -short")
	}
	dir := drillFixture(t)
	st, err := store.Open(context.Background(), filepath.Join(dir, "dockdrill.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	states, err := st.CardStates(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	reviews, err := st.ReviewsSince(context.Background(), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	n := len(reviews)
	set, err := deck.Load(deck.DefaultOptions(func(string) string { return "" }, filepath.Join(dir, "decks")))
	if err != nil {
		t.Fatal(err)
	}
	if len(states) != len(set.Cards()) || n != benchReviews || len(set.Cards()) < benchCards {
		t.Fatalf("%d states, %d reviews, %d cards; want a state per card, %d reviews, at least %d cards", len(states), n, len(set.Cards()), benchReviews, benchCards)
	}
	t.Logf("%d cards, %d reviews", len(set.Cards()), n)
}
