package main

import (
	"cmp"
	"context"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/quiz/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testClock is a settable clock for drills run in the test's process.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// runDrillAsync runs dockdrill with args in e, in this process, in line
// mode with its input from a pipe, and returns the expecter, the stderr
// buffer and the exit code's channel.
func runDrillAsync(t *testing.T, e *drillEnv, clock *testClock, args ...string) (*expecter, *syncBuffer, <-chan int) {
	t.Helper()
	pr, pw := io.Pipe()
	out, errOut := &syncBuffer{}, &syncBuffer{}
	app := &App{
		IO:     &IOStreams{In: pr, Out: out, ErrOut: errOut},
		Now:    clock.Now,
		Getenv: func(k string) string { return e.env[k] },
	}
	code := make(chan int, 1)
	go func() { code <- Run(context.Background(), args, app) }()
	t.Cleanup(func() { pw.Close() })
	return &expecter{t: t, out: out, in: pw}, errOut, code
}

func exitOf(t *testing.T, code <-chan int) int {
	t.Helper()
	select {
	case c := <-code:
		return c
	case <-time.After(20 * time.Second):
		t.Fatal("the drill did not end")
		return -1
	}
}

// TestDrillEndToEndInLineMode drives a whole drill through Run with a
// temporary store and deck: typed answers right and wrong, a choice with
// its hint, a multi, a flash, undo and quit; then checks the summary and
// the store.
func TestDrillEndToEndInLineMode(t *testing.T) {
	e := newDrillEnv(t, map[string]string{"e2e.toml": e2eDeck})
	clock := &testClock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	x, errOut, code := runDrillAsync(t, e, clock, "drill", "--decks", e.decks, "--deck", "e2e")

	x.expect("Drill: 0 cards due, 5 new cards, 0 cards in learning steps.")

	// 1. The multi: one right and one wrong is wrong, no partial credit.
	card := x.expect("pick (2 numbers, e.g. 1 3) (? hint · u undo · q quit)> ")
	assert.Contains(t, card, "── card 1 of ~5 · new 5 · learning 0 · review 0 ──\narch · multi · new\nWhich two are network drivers")
	x.send(choiceNumber(t, card, "bridge") + " " + choiceNumber(t, card, "tap"))
	verdict := x.expect("saved: again · next in 1 min\n")
	assert.Contains(t, verdict, "✘ wrong\n  answer:  bridge\n  answer:  overlay\n  not:     tap\n  explain: bridge and overlay ship")

	// 2. The choice: the hint, then the right pick; Hard is proposed
	// after a hint, and taken with an empty line.
	card = x.expect("pick one 1-4 (? hint · u undo · q quit)> ")
	assert.Contains(t, card, "Which keys detach")
	x.send("?")
	x.expect("hint: Two keys, both with Ctrl.")
	x.expect("pick one 1-4 (? hint · u undo · q quit)> ")
	x.send(choiceNumber(t, card, "Ctrl-P Ctrl-Q"))
	x.expect("✔ right")
	// Each rating shows the interval it would give; the help names the
	// words the rating takes.
	x.expect("rate: 1 again 1m · 2 hard 6m · 3 good 10m · 4 easy 7d [hard] (1-4 or again/hard/good/easy; q save and quit)> ")
	x.send("")
	x.expect("saved: hard")

	// 3. The flash: Enter reveals, the learner rates.
	x.expect("What does docker push send")
	x.expect("recall it, then Enter shows the answer (? hint · u undo · q quit)> ")
	x.send("")
	x.expect("answer:  The image's layers that the registry lacks, then its manifest.")
	x.expect("rate: 1 again 1m · 2 hard 6m · 3 good 10m · 4 easy 7d [good] (1-4 or again/hard/good/easy; q save and quit)> ")
	x.send("easy")
	x.expect("saved: easy")

	// 4. A wrong typed answer: the answer, why, the explanation, the proof.
	x.expect("List the networks of the engine.\nanswer (? hint · u undo · q quit)> ")
	x.send("docker network inspect")
	verdict = x.expect("saved: again")
	for _, want := range []string{"✘ wrong", "answer:  docker network ls", "why:     ", "explain: docker network ls lists every network", "proof:   networks/TestPredefinedNetworks"} {
		assert.Contains(t, verdict, want)
	}

	// 5. A right typed answer, Good as proposed.
	x.expect("Create a named volume called pgdata.\nanswer (? hint · u undo · q quit)> ")
	x.send("docker volume create pgdata")
	x.expect("✔ right\n")
	x.expect("[good]")
	x.send("")
	x.expect("saved: good · next in 10 min")

	// 6. Undo at the next card: the volume card is asked again, and
	// rated Easy this time.
	x.expect("> ")
	x.send("u")
	x.expect("undone: e2e-vol-create (good); it is asked again")
	x.expect("Create a named volume called pgdata.\nanswer (? hint · u undo · q quit)> ")
	x.send("docker volume create pgdata")
	x.expect("[good]")
	x.send("4")
	x.expect("saved: easy")

	// 7. Quit.
	clock.Add(7 * time.Minute)
	x.expect("> ")
	x.send("q")
	summary := x.expect("streak        1 day\n")
	require.Equal(t, ExitOK, exitOf(t, code), "stderr: %s", errOut)
	assert.Contains(t, summary, `── session over ──
reviewed      5 answers (5 cards, 5 new)
right         60 % (3 of 5)
time spent    7m0s
missed        2 cards; go over them again now: dockdrill drill --missed
  e2e-arch-drivers  Which two are network drivers that ship with Docker? (choose two)
  e2e-net-ls        List the networks of the engine.
left          3 cards (drill again to go on)
learning      3 in learning, next due now
tomorrow      about 3 reviews (3 of them left from today)
streak        1 day
`)
	assert.Empty(t, errOut.String())

	// The store holds the five answers, undone one left out, each with its
	// session, card hash and state.
	reviews := e.reviews(t)
	type row struct {
		card, typed, verdict string
		rating               int
	}
	var got []row
	for _, r := range reviews {
		got = append(got, row{r.CardID, r.Typed, r.Verdict, r.Rating})
		assert.Equal(t, reviews[0].SessionID, r.SessionID)
		assert.Regexp(t, `^sha256:[0-9a-f]{64}$`, r.CardHash)
		assert.Equal(t, store.StateNew, r.Before.State)
	}
	multi := row{"e2e-arch-drivers", "bridge; tap", store.VerdictWrong, store.Again}
	if !strings.Contains(reviews[0].Typed, "bridge; tap") {
		multi.typed = "tap; bridge" // the picks, in the order shown
	}
	assert.Equal(t, []row{
		multi,
		{"e2e-img-detach", "Ctrl-P Ctrl-Q", store.VerdictRight, store.Hard},
		{"e2e-up-flash", "", store.VerdictSelf, store.Easy},
		{"e2e-net-ls", "docker network inspect", store.VerdictWrong, store.Again},
		{"e2e-vol-create", "docker volume create pgdata", store.VerdictRight, store.Easy},
	}, got)
	states, err := e.openStore(t).CardStates(context.Background())
	require.NoError(t, err)
	assert.Equal(t, store.StateReview, states["e2e-vol-create"].State)
	assert.Equal(t, store.StateLearning, states["e2e-net-ls"].State)
	assert.Len(t, states, 5)
}

func TestDrillDBFlagOverridesTheEnvironment(t *testing.T) {
	e := newDrillEnv(t, map[string]string{"cmds.toml": commandDeck(2)})
	other := filepath.Join(e.dir, "other.db")
	app, out, errOut := testApp(t, "x\nq\n")
	app.Getenv = func(k string) string { return e.env[k] }
	code := Run(context.Background(), []string{"drill", "--decks", e.decks, "--deck", "cmds", "--db", other}, app)
	require.Equal(t, ExitOK, code, "stderr: %s", errOut)
	assert.Contains(t, out.String(), "saved: again")
	assert.FileExists(t, other)
	assert.NoFileExists(t, e.db, "DOCKDRILL_DB is not used when --db is given")
}

func TestDrillWithNothingToDo(t *testing.T) {
	e := newDrillEnv(t, map[string]string{"cmds.toml": commandDeck(2)})
	app, out, errOut := testApp(t, "")
	app.Getenv = func(k string) string { return e.env[k] }
	code := Run(context.Background(), []string{"drill", "--decks", e.decks, "--deck", "cmds", "--new", "0"}, app)
	require.Equal(t, ExitOK, code, "stderr: %s", errOut)
	assert.Contains(t, out.String(), "Nothing to drill now.")
	assert.Contains(t, out.String(), "reviewed      0 answers")
}

func TestDrillUsageErrors(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"an unknown area", []string{"--area", "volume"}, `--area: no knowledge area "volume"; the areas are arch, images`},
		{"an unknown deck", []string{"--deck", "nope"}, `--deck: no deck "nope"`},
		{"a negative --new", []string{"--new", "-1"}, "--new: -1 is negative"},
		{"a negative --limit", []string{"--limit", "-3"}, "--limit: -3 is negative"},
		{"an unknown time zone", []string{"--tz", "Mars/Olympus"}, `unknown time zone "Mars/Olympus"`},
		{"an argument", []string{"volumes"}, "unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newDrillEnv(t, nil)
			app, _, errOut := testApp(t, "")
			app.Getenv = func(k string) string { return e.env[k] }
			code := Run(context.Background(), append([]string{"drill"}, tt.args...), app)
			assert.Equal(t, ExitUsage, code)
			assert.Contains(t, errOut.String(), tt.stderr)
			assert.NoFileExists(t, e.db, "a usage error touches no store")
		})
	}
}

// drillBrokenDeck has two errors: a misspelt key and a correct choice that is
// not one of the choices.
const drillBrokenDeck = `[deck]
id = "broken"
title = "Broken"
description = "Two mistakes."

[[card]]
id = "e2e-good"
area = "volumes"
kind = "command"
prompt = "List the volumes."
answer = "docker volume ls"
explain = "It lists them."

[[card]]
id = "e2e-typo"
area = "volumes"
kind = "command"
prompt = "List the volumes."
anwser = "docker volume ls"
explain = "It lists them."

[[card]]
id = "e2e-bad-choice"
area = "volumes"
kind = "choice"
prompt = "Pick."
choices = ["a", "b", "c", "d"]
correct = ["z"]
explain = "e"
`

func TestDrillStopsOnDeckErrorsListingEveryOne(t *testing.T) {
	e := newDrillEnv(t, map[string]string{"broken.toml": drillBrokenDeck})
	app, out, errOut := testApp(t, "docker volume ls\n\n")
	app.Getenv = func(k string) string { return e.env[k] }
	code := Run(context.Background(), []string{"drill", "--decks", e.decks}, app)
	assert.Equal(t, ExitError, code)
	assert.Empty(t, out.String(), "no card is asked")
	lines := strings.Split(strings.TrimSpace(errOut.String()), "\n")
	require.Len(t, lines, 4, errOut.String())
	assert.Regexp(t, `broken\.toml:\d+: card "e2e-typo": answer: missing`, lines[0])
	assert.Regexp(t, `broken\.toml:\d+: card "e2e-typo": anwser: .*did you mean "answer"`, lines[1])
	assert.Regexp(t, `broken\.toml:\d+: card "e2e-bad-choice": correct: `, lines[2])
	assert.Equal(t, "dockdrill: 3 deck errors in 1 file: fix them, then check with 'dockdrill decks lint'", lines[3])
	assert.NoFileExists(t, e.db)
}

func TestDrillRefusesCorruptAndForeignDatabasesUntouched(t *testing.T) {
	tests := []struct {
		name  string
		make  func(t *testing.T, path string)
		error string
	}{
		{"a file that is no database", func(t *testing.T, path string) {
			require.NoError(t, os.WriteFile(path, []byte(strings.Repeat("not a database\n", 400)), 0o644))
		}, "not a SQLite database"},
		{"another program's database", func(t *testing.T, path string) {
			db, err := sql.Open("sqlite", path)
			require.NoError(t, err)
			_, err = db.Exec(`CREATE TABLE users (name TEXT); INSERT INTO users VALUES ('ada')`)
			require.NoError(t, err)
			require.NoError(t, db.Close())
		}, "not a dockdrill database"},
		{"a damaged dockdrill database", func(t *testing.T, path string) {
			st, err := store.Open(context.Background(), path)
			require.NoError(t, err)
			require.NoError(t, st.Close())
			data, err := os.ReadFile(path)
			require.NoError(t, err)
			for i := 4096; i < len(data); i++ { // every page after the header
				data[i] = 0xA5
			}
			require.NoError(t, os.WriteFile(path, data, 0o644))
		}, "corrupt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newDrillEnv(t, map[string]string{"cmds.toml": commandDeck(1)})
			require.NoError(t, os.MkdirAll(filepath.Dir(e.db), 0o755))
			tt.make(t, e.db)
			before, err := os.ReadFile(e.db)
			require.NoError(t, err)

			app, out, errOut := testApp(t, "docker volume ls\n\n")
			app.Getenv = func(k string) string { return e.env[k] }
			code := Run(context.Background(), []string{"drill", "--decks", e.decks}, app)
			assert.Equal(t, ExitError, code)
			assert.Contains(t, errOut.String(), e.db, "the error names the file")
			assert.Contains(t, errOut.String(), tt.error)
			assert.Empty(t, out.String())
			after, err := os.ReadFile(e.db)
			require.NoError(t, err)
			assert.Equal(t, before, after, "the file is left as it was")
		})
	}
}

func TestDrillKeepsTheHistoryOfACardRemovedFromTheDecks(t *testing.T) {
	e := newDrillEnv(t, map[string]string{"cmds.toml": commandDeck(2)})
	clock := &testClock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	run := func(input string) string {
		app, out, errOut := testApp(t, input)
		app.Now, app.Getenv = clock.Now, func(k string) string { return e.env[k] }
		code := Run(context.Background(), []string{"drill", "--decks", e.decks, "--deck", "cmds"}, app)
		require.Equal(t, ExitOK, code, "stderr: %s", errOut)
		return out.String()
	}
	out := run("docker volume ls\n\ndocker volume ls\n\nq\n")
	assert.Contains(t, out, "Command 0:")
	assert.Contains(t, out, "Command 1:")
	st := e.openStore(t)
	ctx := context.Background()
	before, err := st.CardStates(ctx)
	require.NoError(t, err)
	require.Contains(t, before, "e2e-cmd-0")

	// The deck loses card 0; a day later, card 1 is due and card 0 is not
	// asked, though the store has it due too.
	deckText := commandDeck(2)
	i := strings.Index(deckText, "\n[[card]]\nid = \"e2e-cmd-1\"")
	head, _, _ := strings.Cut(deckText, "\n[[card]]")
	writeFile(t, e.decks, "cmds.toml", head+deckText[i:])
	clock.Add(3 * 24 * time.Hour)
	out = run("docker volume ls\n\nq\n")
	assert.NotContains(t, out, "Command 0:")
	assert.Contains(t, out, "Command 1:")

	after, err := st.CardStates(ctx)
	require.NoError(t, err)
	assert.Equal(t, before["e2e-cmd-0"], after["e2e-cmd-0"], "the removed card's state is kept")
	assert.NotEqual(t, before["e2e-cmd-1"], after["e2e-cmd-1"])
	log, err := st.CardReviews(ctx, "e2e-cmd-0")
	require.NoError(t, err)
	assert.Len(t, log, 1, "and its review")
}

// TestDrillSurvivesSIGKILLWithEveryConfirmedAnswer runs the real binary in
// line mode, waits until it has confirmed K answers, sends one more and
// kills it at once with SIGKILL; the store has the K answers (and perhaps
// the last) and is sound.
func TestDrillSurvivesSIGKILLWithEveryConfirmedAnswer(t *testing.T) {
	const k = 6
	e := newDrillEnv(t, map[string]string{"cmds.toml": commandDeck(10)})
	p := start(t, e, "drill", "--decks", e.decks, "--deck", "cmds")
	var confirmed []string
	for range k {
		card := p.expect("answer (? hint · u undo · q quit)> ")
		confirmed = append(confirmed, card[strings.LastIndex(card, "Command "):][:len("Command 0")])
		p.send("docker volume rm x") // wrong: saved at once
		p.expect("saved: again")
	}
	p.expect("answer (? hint · u undo · q quit)> ")
	p.send("docker volume rm y")
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGKILL))
	_ = p.wait()

	st := e.openStore(t)
	require.NoError(t, st.Check(context.Background()))
	reviews := e.reviews(t)
	require.GreaterOrEqual(t, len(reviews), k, "every confirmed answer is in the store")
	require.LessOrEqual(t, len(reviews), k+1)
	for i, r := range reviews[:k] {
		assert.Equal(t, "docker volume rm x", r.Typed)
		assert.Equal(t, "e2e-cmd-"+strings.TrimPrefix(confirmed[i], "Command "), r.CardID)
	}
	states, err := st.CardStates(context.Background())
	require.NoError(t, err)
	assert.GreaterOrEqual(t, len(states), k)
}

// TestDrillSignalsEndTheSessionWithItsSummary sends SIGTERM, SIGINT or
// SIGHUP to the real binary waiting at a prompt: it prints the summary and
// exits 130.
func TestDrillSignalsEndTheSessionWithItsSummary(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			e := newDrillEnv(t, map[string]string{"cmds.toml": commandDeck(5)})
			p := start(t, e, "drill", "--decks", e.decks, "--deck", "cmds")
			for range 2 {
				p.expect("answer (? hint · u undo · q quit)> ")
				p.send("docker volume ls")
				p.expect("[good]")
				p.send("")
				p.expect("saved: good")
			}
			p.expect("answer (? hint · u undo · q quit)> ")
			require.NoError(t, p.cmd.Process.Signal(sig))
			assert.Equal(t, ExitInterrupted, p.wait())
			assert.Contains(t, p.out.String(), "── session ended ──\nreviewed      2 answers (2 cards, 2 new)\nright         100 % (2 of 2)\n")
			assert.Contains(t, p.out.String(), "streak        1 day\n")
			assert.Equal(t, "dockdrill: interrupted\n", p.stderr.String())
			assert.Len(t, e.reviews(t), 2)
		})
	}
}

// TestTwoDrillsOnOneStore runs two drills of the real binary on one
// database at the same time, each answering as fast as it can.
func TestTwoDrillsOnOneStore(t *testing.T) {
	const answers = 8
	e := newDrillEnv(t, map[string]string{"cmds.toml": commandDeck(answers)})
	input := strings.Repeat("docker volume rm x\n", answers) + "q\n"
	var procs []*process
	for range 2 {
		p := start(t, e, "drill", "--decks", e.decks, "--deck", "cmds")
		procs = append(procs, p)
	}
	for _, p := range procs { // both at once
		go func() {
			_, _ = io.WriteString(p.stdin, input)
		}()
	}
	for _, p := range procs {
		require.Equal(t, ExitOK, p.wait(), "stderr: %s", p.stderr)
		assert.Equal(t, answers, strings.Count(p.out.String(), "saved: again"))
	}
	st := e.openStore(t)
	require.NoError(t, st.Check(context.Background()))
	reviews := e.reviews(t)
	assert.Len(t, reviews, 2*answers)
	sessions := map[string]int{}
	for _, r := range reviews {
		sessions[r.SessionID]++
	}
	assert.Len(t, sessions, 2)
	for id, n := range sessions {
		assert.Equal(t, answers, n, id)
	}
}

// TestTwoDrillsRatingTheSameCardsLoseNoReview starts two drills of the real
// binary on one store and lets both read the cards' states before either
// answers; then the first answers every card and ends, and the second
// answers the same cards from the states it read before. Each review must
// still start from the state the other drill left: the log of every card
// replays to its stored state.
func TestTwoDrillsRatingTheSameCardsLoseNoReview(t *testing.T) {
	const answers = 4
	e := newDrillEnv(t, map[string]string{"cmds.toml": commandDeck(answers)})
	var procs []*process
	for range 2 {
		p := start(t, e, "drill", "--decks", e.decks, "--deck", "cmds")
		p.expect("answer (? hint · u undo · q quit)> ") // its states are read
		procs = append(procs, p)
	}
	for _, p := range procs { // one after the other
		_, err := io.WriteString(p.stdin, strings.Repeat("docker volume rm x\n", answers)+"q\n")
		require.NoError(t, err)
		require.Equal(t, ExitOK, p.wait(), "stderr: %s", p.stderr)
	}

	reviews := e.reviews(t)
	require.Len(t, reviews, 2*answers, "both drills' answers are logged")
	slices.SortFunc(reviews, func(a, b store.Review) int { return cmp.Compare(a.ID, b.ID) })
	last := map[string]store.CardState{}
	for _, r := range reviews {
		want, ok := last[r.CardID]
		if !ok {
			want = store.CardState{CardID: r.CardID}
		}
		assert.Equal(t, want, r.Before, "review %d of %s starts where the one before left it", r.ID, r.CardID)
		last[r.CardID] = r.After
	}
	states, err := e.openStore(t).CardStates(context.Background())
	require.NoError(t, err)
	for id, st := range last {
		assert.Equal(t, st, states[id], "the state of %s is its log replayed", id)
		assert.Equal(t, 2, st.Reps, "%s was reviewed twice", id)
	}
}
