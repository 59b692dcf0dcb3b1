package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/prompt"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// The size issue 5 sets for the drill's start: 250 cards and 100,000
// logged reviews. When the built-in decks hold more cards, the benchmark
// drills all of them.
const (
	benchCards   = 250
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
	path := filepath.Join(dir, "dockdrill.db")
	st, err := store.Open(ctx, path) // the schema
	if err != nil {
		return err
	}
	st.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return err
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	ins, err := tx.Prepare(`INSERT INTO review_log (session_id, card_id, time_ms, rating, typed, verdict, took_ms, card_hash,
		before_stability, before_difficulty, before_state, before_step, before_due_ms, before_last_review_ms, before_reps, before_lapses,
		after_stability, after_difficulty, after_state, after_step, after_due_ms, after_last_review_ms, after_reps, after_lapses)
		VALUES (?, ?, ?, ?, 'docker ps', 'right', 6000, 'sha256:x', 3, 5, 2, 0, ?, ?, ?, 0, 4, 5, 2, 0, ?, ?, ?, 0)`)
	if err != nil {
		return err
	}
	span := 2 * 365 * 24 * time.Hour
	step := span / benchReviews
	begin := benchNow.Add(-span)
	for i := range benchReviews {
		at := begin.Add(time.Duration(i) * step).UnixMilli()
		reps := i / len(ids)
		if _, err := ins.Exec(fmt.Sprintf("s%d", i/40), ids[i%len(ids)], at, 1+i%4,
			at, at-86_400_000, reps, at+86_400_000, at, reps+1); err != nil {
			return err
		}
	}
	state, err := tx.Prepare(`INSERT INTO card_state (card_id, stability, difficulty, state, step, due_ms, last_review_ms, reps, lapses)
		VALUES (?, ?, 5, 2, 0, ?, ?, 400, 3)`)
	if err != nil {
		return err
	}
	for i, id := range ids {
		// Due from 25 days ago on, a day apart: 26 due now.
		due := benchNow.Add(time.Duration(i-25) * 24 * time.Hour)
		last := due.Add(-time.Duration(10+i%30) * 24 * time.Hour)
		if _, err := state.Exec(id, float64(10+i%30), due.UnixMilli(), last.UnixMilli()); err != nil {
			return err
		}
	}
	return tx.Commit()
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
	opts := &drillOptions{
		IO:       &IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard},
		Now:      func() time.Time { return benchNow },
		Getenv:   func(k string) string { return map[string]string{"HOME": dir, "TZ": "UTC"}[k] },
		New:      15,
		DB:       filepath.Join(dir, "dockdrill.db"),
		DecksDir: filepath.Join(dir, "decks"),
	}
	due := 0
	for b.Loop() {
		d, err := openDrill(ctx, opts)
		if err != nil {
			b.Fatal(err)
		}
		due, _, _ = d.session.Planned()
		// The empty input ends the session at its first prompt.
		if err := d.session.Run(ctx, prompt.NewLine(strings.NewReader(""), io.Discard), io.Discard); err != nil {
			b.Fatal(err)
		}
		d.store.Close()
	}
	if due == 0 {
		b.Fatal("no card due: the fixture does not exercise the queue")
	}
	b.ReportMetric(float64(due), "due-cards")
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
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "dockdrill.db")+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM review_log").Scan(&n); err != nil {
		t.Fatal(err)
	}
	set, err := deck.Load(deck.DefaultOptions(func(string) string { return "" }, filepath.Join(dir, "decks")))
	if err != nil {
		t.Fatal(err)
	}
	if len(states) != len(set.Cards()) || n != benchReviews || len(set.Cards()) < benchCards {
		t.Fatalf("%d states, %d reviews, %d cards; want a state per card, %d reviews, at least %d cards", len(states), n, len(set.Cards()), benchReviews, benchCards)
	}
	t.Logf("%d cards, %d reviews", len(set.Cards()), n)
}
