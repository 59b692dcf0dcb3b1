package main

import (
	"context"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/plan"
	"github.com/dockdrill/dockdrill/quiz/readiness"
	"github.com/dockdrill/dockdrill/quiz/store"
)

func TestPlanOnAFreshStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "fresh.db")
	po, run := progressOpts(t, db, false, nil)
	opts := &planOptions{Factory: po, ExamDate: "2026-12-18", JSON: true}
	require.NoError(t, runPlan(context.Background(), opts))
	var rep plan.Report
	require.NoError(t, json.Unmarshal(run.out.Bytes(), &rep))
	set, err := progressDecks()
	require.NoError(t, err)
	n := len(set.Cards())
	assert.Equal(t, 21, rep.DaysLeft)
	assert.Len(t, rep.Days, 21, "today up to the day before the exam")
	assert.Equal(t, plan.DefaultSecondsPerAnswer, rep.SecondsPerAnswer, "no history: 8 s")
	assert.Equal(t, float64(n), rep.Total.New, "every card introduced")
	assert.Equal(t, "2026-12-13", rep.NewBy, "five days before the exam")
	for _, d := range rep.Days[17:] {
		assert.Zero(t, d.New, "no new card inside the buffer: %s", d.Date)
	}
	assert.Equal(t, float64(n), rep.Overall.Seen)
	assert.Greater(t, rep.Overall.Memory, 0.9)
	assert.Zero(t, rep.Overall.NoReviews, "nothing reviewed yet")
}

func TestPlanWithHistoryAgreesWithReadiness(t *testing.T) {
	db := progressStore(t) // exam-date 2026-12-14 is set
	po, run := progressOpts(t, db, false, nil)
	require.NoError(t, runPlan(context.Background(), &planOptions{Factory: po, JSON: true}))
	var rep plan.Report
	require.NoError(t, json.Unmarshal(run.out.Bytes(), &rep))
	assert.Equal(t, "2026-12-14", rep.ExamDay)
	assert.Equal(t, 7.0, rep.SecondsPerAnswer, "the fixture's answers take 7 s")
	assert.Positive(t, rep.MeasuredFrom)

	// readiness's memory is the plan's memory without reviews: the same
	// projection.
	po2, run2 := progressOpts(t, db, false, nil)
	err := runReadiness(context.Background(), &readinessOptions{Factory: po2, Assume: assumeRest, Seed: 1, Sims: 100, ReadyAt: 0, JSON: true})
	require.NoError(t, err)
	var rr readiness.Report
	require.NoError(t, json.Unmarshal(run2.out.Bytes(), &rr))
	memory := map[string]float64{}
	for _, o := range rr.Objectives {
		for _, a := range o.Areas {
			memory[a.ID] = a.Memory
		}
	}
	require.NotEmpty(t, memory)
	for _, a := range rep.Areas {
		if m, ok := memory[a.ID]; ok {
			assert.InDelta(t, m, a.NoReviews, 1e-12, a.ID)
			assert.GreaterOrEqual(t, a.Memory, a.NoReviews, "%s: the plan's reviews only add", a.ID)
		}
	}

	// The text report.
	po3, run3 := progressOpts(t, db, false, nil)
	require.NoError(t, runPlan(context.Background(), &planOptions{Factory: po3}))
	out := run3.out.String()
	assert.Contains(t, out, "Plan to the exam on 2026-12-14 (17 days)")
	assert.Contains(t, out, "new a day to see every card by Dec 9")
	assert.Contains(t, out, "IF YOU STOP NOW")
}

func TestPlanRefusesWithoutAnExamDateOrAPastOne(t *testing.T) {
	db := filepath.Join(t.TempDir(), "fresh.db")
	po, _ := progressOpts(t, db, false, nil)
	err := runPlan(context.Background(), &planOptions{Factory: po})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no exam date")
	err = runPlan(context.Background(), &planOptions{Factory: po, ExamDate: "2026-11-01"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "before today")
}

func TestFsrsSimulateIsDeterministicAndComparesModes(t *testing.T) {
	run := func(seed uint64) string {
		var out strings.Builder
		opts := &fsrsSimulateOptions{IO: &IOStreams{Out: &out, ErrOut: io.Discard}, ExamDate: "2026-12-21", Start: "2026-12-01",
			Mode: "both", Seed: seed, Learners: 4, Spread: 0.15, Retention: 0.9, Target: 0.9, Buffer: 5, JSON: true,
			LoadDecks: func() (*deck.Set, error) { return deck.Load(deck.LoadOptions{}) }}
		require.NoError(t, runFsrsSimulate(context.Background(), opts))
		return out.String()
	}
	a := run(3)
	assert.Equal(t, a, run(3), "the same seed, the same report")
	var reps []plan.SimReport
	require.NoError(t, json.Unmarshal([]byte(a), &reps))
	require.Len(t, reps, 2)
	assert.Equal(t, "plain", reps[0].Mode)
	assert.Equal(t, "exam", reps[1].Mode)
	assert.Equal(t, 1.0, reps[1].Seen, "exam mode introduces every card")
	assert.Greater(t, reps[1].Memory.Mean, reps[0].Memory.Mean)
}

func TestFsrsSimulateRejectsBadFlags(t *testing.T) {
	base := func() *fsrsSimulateOptions {
		return &fsrsSimulateOptions{IO: &IOStreams{Out: io.Discard, ErrOut: io.Discard}, ExamDate: "2026-12-21", Start: "2026-12-01",
			Mode: "exam", Learners: 1, Spread: 0.1, Retention: 0.9, Target: 0.9, Buffer: 5,
			Today: func() store.Date { return store.DateOf(fixedNow) }}
	}
	for name, edit := range map[string]func(o *fsrsSimulateOptions){
		"--exam-date: required":            func(o *fsrsSimulateOptions) { o.ExamDate = "" },
		"--mode":                           func(o *fsrsSimulateOptions) { o.Mode = "fast" },
		"is not before --exam-date":        func(o *fsrsSimulateOptions) { o.Start = "2026-12-22" },
		"desired retention 0.995":          func(o *fsrsSimulateOptions) { o.Retention = 0.995 },
		"--target":                         func(o *fsrsSimulateOptions) { o.Target = 0.5 },
		"--learners: 0 is not a number":    func(o *fsrsSimulateOptions) { o.Learners = 0 },
		"--start: date \"soon\" is not YY": func(o *fsrsSimulateOptions) { o.Start = "soon" },
	} {
		o := base()
		edit(o)
		err := runFsrsSimulate(context.Background(), o)
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), name)
		assert.Equal(t, ExitUsage, exitCode(context.Background(), err), name)
	}
}

func TestConfigSetSchedulerSettings(t *testing.T) {
	db := filepath.Join(t.TempDir(), "c.db")
	po, run := progressOpts(t, db, false, nil)
	ctx := context.Background()
	require.NoError(t, runConfigSet(ctx, po, "retention", "0.92"))
	require.NoError(t, runConfigSet(ctx, po, "exam-retention", "95%"))
	require.NoError(t, runConfigSet(ctx, po, "exam-buffer", "3"))
	assert.Empty(t, run.errOut.String())
	require.NoError(t, runConfigSet(ctx, po, "retention", "0.98"))
	assert.Contains(t, run.errOut.String(), "warning: retention 0.98 is above 0.97")
	// 19 FSRS-5 weights are migrated to 21.
	require.NoError(t, runConfigSet(ctx, po, "fsrs.params",
		"0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046, 1.54575, 0.1192, 1.01925, 1.9395, 0.11, 0.29605, 2.2698, 0.2315, 2.9898, 0.51655, 0.6621"))

	st, err := store.Open(ctx, db)
	require.NoError(t, err)
	defer st.Close()
	sched, _, ss, err := po.StoredScheduler(ctx, st)
	require.NoError(t, err)
	p := sched.Params()
	assert.Equal(t, 0.98, p.DesiredRetention)
	assert.Equal(t, 0.5, p.Weights[20], "FSRS-5 curve kept")
	assert.Equal(t, 0.0, p.Weights[19])
	assert.Equal(t, 0.95, ss.Target)
	assert.Equal(t, 3, ss.Buffer)

	for _, bad := range [][2]string{{"retention", "0.995"}, {"retention", "0.5"}, {"exam-retention", "high"},
		{"fsrs.params", "1,2,3"}, {"exam-buffer", "-1"}} {
		err := runConfigSet(ctx, po, bad[0], bad[1])
		require.Error(t, err, bad)
		assert.Equal(t, ExitUsage, exitCode(context.Background(), err), bad)
		assert.Contains(t, err.Error(), bad[0])
	}
}

// BenchmarkPlan measures dockdrill plan on the drill benchmark's fixture:
// 400 cards and 100,000 reviews, an exam 21 days away.
func BenchmarkPlan(b *testing.B) {
	dir := drillFixture(b)
	ctx := context.Background()
	po := &Factory{
		IO:     &IOStreams{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard},
		Now:    func() time.Time { return benchNow },
		Getenv: func(k string) string { return map[string]string{"HOME": dir, "TZ": "UTC"}[k] },
		DB:     filepath.Join(dir, "dockdrill.db"), DecksDir: filepath.Join(dir, "decks"), TZ: "UTC",
	}
	opts := &planOptions{Factory: po, ExamDate: benchNow.AddDate(0, 0, 21).Format(time.DateOnly), JSON: true}
	for b.Loop() {
		if err := runPlan(ctx, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func TestReadinessSaysWhenItsPredictionsRunHigh(t *testing.T) {
	db := progressStore(t)
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	require.NoError(t, err)
	for i, got := range []int{9, 10, 8} { // of 20, predicted 14 each time
		start := fixedNow.AddDate(0, 0, -3+i)
		_, err := st.RecordExam(ctx, store.ExamResult{Started: start, Finished: start.Add(30 * time.Minute), Questions: 20,
			RawScore: got, Predicted: 14, HasPredicted: true})
		require.NoError(t, err)
	}
	require.NoError(t, st.Close())
	po, run := progressOpts(t, db, false, nil)
	_ = runReadiness(ctx, &readinessOptions{Factory: po, Assume: assumeRest, Seed: 1, Sims: 100, ReadyAt: 0.8})
	assert.Contains(t, run.out.String(),
		"Mock exams: over your last 3 exams the model predicted 70 % right on average and you got 45 %: its predictions run high, by 25 points")
}

func TestDrillInExamModeSaysThePace(t *testing.T) {
	e := newDrillEnv(t, map[string]string{"cmds.toml": commandDeck(3)})
	clock := &testClock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	x, _, code := runDrillAsync(t, e, clock, "drill", "--decks", e.decks, "--deck", "cmds", "--exam-date", "2026-12-20")
	// Every card of the decks (the built-ins too) by 2026-12-15, five
	// days before the exam: 19 days from today.
	out := x.expect("(? hint · u undo · q quit)> ")
	assert.Regexp(t, `Exam mode: \d+ new a day to see every card by Dec 15\.\n`, out)
	assert.Contains(t, out, "Drill: 0 cards due, 3 new cards", "the filter keeps the deck's three")
	x.send("q")
	assert.Equal(t, 0, exitOf(t, code))

	// Three days before the exam everything is due today: too many.
	x, _, code = runDrillAsync(t, e, clock, "drill", "--decks", e.decks, "--deck", "cmds", "--exam-date", "2026-11-30")
	out = x.expect("(? hint · u undo · q quit)> ")
	assert.Regexp(t, `Exam mode: \d+ new a day to see every card by Nov 27: more than a person can learn well \(60\); leave out [a-z, ]+ \(the lightest on the exam\) to get below it\.\n`, out)
	x.send("q")
	assert.Equal(t, 0, exitOf(t, code))

	// --new wins over the pace; a bad --exam-date is a usage error.
	x, _, code = runDrillAsync(t, e, clock, "drill", "--decks", e.decks, "--deck", "cmds", "--exam-date", "2026-12-20", "--new", "1")
	out = x.expect("(? hint · u undo · q quit)> ")
	assert.Contains(t, out, "Drill: 0 cards due, 1 new card")
	x.send("q")
	assert.Equal(t, 0, exitOf(t, code))
	_, _, code = runDrillAsync(t, e, clock, "drill", "--exam-date", "soon")
	assert.Equal(t, ExitUsage, exitOf(t, code))
}

func TestFsrsReplayTakesRetentionUpTo099WithAWarning(t *testing.T) {
	log := "card_id,review_time,review_rating\na,1700000000000,3\na,1700200000000,3\n"
	app, out, errOut := testApp(t, log)
	require.Equal(t, ExitOK, Run(context.Background(), []string{"fsrs", "replay", "--retention", "0.99", "--tz", "UTC", "-"}, app), errOut.String())
	assert.Contains(t, errOut.String(), "warning: --retention 0.99 is above 0.97")
	assert.Contains(t, out.String(), `"interval_days"`)

	app, _, errOut = testApp(t, log)
	assert.Equal(t, ExitUsage, Run(context.Background(), []string{"fsrs", "replay", "--retention", "0.995", "-"}, app))
	assert.Contains(t, errOut.String(), "desired retention 0.995 is out of range [0.70, 0.99]")
}
