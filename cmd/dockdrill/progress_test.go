package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/readiness"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// fixedNow is the clock of the progress tests: Friday 27 November 2026,
// 09:00 UTC, as testApp's.
var fixedNow = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// progressDecks loads the small fixed decks of testdata/progress/decks
// instead of the built-in ones, so golden files do not change when the
// built-in decks grow.
func progressDecks() (*deck.Set, error) {
	return deck.Load(deck.LoadOptions{Builtin: os.DirFS("testdata/progress/decks")})
}

// progressStore writes a learner's history into a new store and returns
// its path: cards learned over the last six weeks and reviewed whenever
// due, some lapses, some cards never seen; proof runs in and before the
// window; a finished mock exam and an abandoned one; the exam date setting.
func progressStore(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dockdrill.db")
	st, err := store.Open(ctx, path)
	require.NoError(t, err)
	defer st.Close()

	p := fsrs.DefaultParams()
	p.EnableFuzz = false
	p.Location = time.UTC
	sched, err := fsrs.NewScheduler(p)
	require.NoError(t, err)
	conv := func(c fsrs.Card) store.CardState {
		return store.CardState{Stability: c.Stability, Difficulty: c.Difficulty, State: int(c.State), Step: c.Step,
			Due: c.Due, LastReview: c.LastReview, Reps: c.Reps, Lapses: c.Lapses}
	}
	review := func(id string, c fsrs.Card, r fsrs.Rating, at time.Time) fsrs.Card {
		after := sched.Review(c, r, at, 0)
		_, err := st.RecordReview(ctx, store.Review{SessionID: at.Format("2006-01-02"), CardID: id, Time: at, Rating: int(r),
			Typed: "x", Verdict: store.VerdictSelf, Took: 7 * time.Second, Before: conv(c), After: conv(after), CardHash: "h"})
		require.NoError(t, err)
		return after
	}
	// The cards learned, when, and the ratings of their reviews after
	// the learning steps, in order.
	learned := []struct {
		id      string
		daysAgo int
		ratings []fsrs.Rating
	}{
		{"arch-daemon", 42, []fsrs.Rating{fsrs.Good, fsrs.Good, fsrs.Good, fsrs.Easy}},
		{"arch-namespaces-two", 30, []fsrs.Rating{fsrs.Again, fsrs.Good, fsrs.Good}},
		{"arch-info", 20, []fsrs.Rating{fsrs.Hard, fsrs.Good, fsrs.Good}},
		{"vol-create-named", 40, []fsrs.Rating{fsrs.Good, fsrs.Good, fsrs.Good, fsrs.Good}},
		{"vol-ro-suffix", 12, []fsrs.Rating{fsrs.Again, fsrs.Again, fsrs.Good}},
		{"vol-survives", 9, []fsrs.Rating{fsrs.Good, fsrs.Good}},
		{"vol-mount-types", 3, []fsrs.Rating{fsrs.Good}},
	}
	for i, l := range learned {
		at := fixedNow.AddDate(0, 0, -l.daysAgo).Add(time.Duration(i) * time.Minute)
		c := review(l.id, fsrs.Card{}, fsrs.Good, at)
		c = review(l.id, c, fsrs.Good, at.Add(10*time.Minute))
		for _, r := range l.ratings {
			next := c.Due.Add(5 * time.Hour) // 09:00 on the due day
			if !next.Before(fixedNow) {
				break
			}
			c = review(l.id, c, r, next)
			if r == fsrs.Again {
				c = review(l.id, c, fsrs.Good, next.Add(10*time.Minute))
			}
		}
	}
	ago := func(d int) time.Time { return fixedNow.AddDate(0, 0, -d) }
	for _, pr := range []store.ProofResult{
		{Proof: "arch/TestDaemonAnswersTheCLI", Time: ago(3), Passed: true},
		{Proof: "volumes/TestVolumeCreateLsInspectRm", Time: ago(10), Passed: false},
		{Proof: "volumes/TestVolumeCreateLsInspectRm", Time: ago(2), Passed: true},
		{Proof: "volumes/TestBindMountReadOnly", Time: ago(1), Passed: false},
		{Proof: "volumes/TestNamedVolumeSurvivesRedisRestart", Time: ago(40), Passed: true},
	} {
		pr.RunID = "run"
		_, err := st.RecordProof(ctx, pr)
		require.NoError(t, err)
	}
	_, err = st.RecordExam(ctx, store.ExamResult{Started: ago(5), Finished: ago(5).Add(20 * time.Minute), Questions: 4, RawScore: 2, ScaledScore: 440,
		Answers: []store.ExamAnswer{
			{CardID: "vol-survives", Area: "volumes", Kind: "choice", Given: "it stays", Right: true},
			{CardID: "vol-mount-types", Area: "volumes", Kind: "multi", Given: "volume | layer", Right: false},
			{CardID: "arch-daemon", Area: "arch", Kind: "choice", Given: "dockerd", Right: true},
			{CardID: "net-create", Area: "networks", Kind: "command", Given: "", Right: false},
		}})
	require.NoError(t, err)
	_, err = st.RecordExam(ctx, store.ExamResult{Started: ago(4), Questions: 2,
		Answers: []store.ExamAnswer{{CardID: "net-create", Area: "networks", Kind: "command", Given: "docker network create backend", Right: true}}})
	require.NoError(t, err)
	require.NoError(t, st.SetConfig(ctx, readiness.SettingExamDate, "2026-12-14"))
	return path
}

// progressRun holds what a command printed.
type progressRun struct {
	out, errOut bytes.Buffer
}

// progressOpts returns options for the fixture, writing to a terminal or
// not, with the given environment.
func progressOpts(t *testing.T, db string, tty bool, env map[string]string) (*Factory, *progressRun) {
	run := &progressRun{}
	return &Factory{
		IO:        &IOStreams{In: strings.NewReader(""), Out: &run.out, ErrOut: &run.errOut, OutTTY: tty, InTTY: tty},
		Now:       func() time.Time { return fixedNow },
		Getenv:    func(k string) string { return env[k] },
		DB:        db,
		TZ:        "UTC",
		LoadDecks: progressDecks,
	}, run
}

// golden compares got with the golden file, rewriting it with -update.
func golden(t *testing.T, file, got string) {
	t.Helper()
	path := filepath.Join("testdata", file)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -update to write it")
	assert.Equal(t, string(want), got, "golden file %s (go test -update rewrites it)", path)
}
