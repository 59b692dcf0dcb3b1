package main

import (
	"github.com/dockdrill/dockdrill/quiz/ui"

	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/plan"
	"github.com/dockdrill/dockdrill/quiz/session"
	"github.com/dockdrill/dockdrill/quiz/store"
)

type fsrsSimulateOptions struct {
	IO        *IOStreams
	ExamDate  string
	Start     string
	Mode      string
	Seed      uint64
	Learners  int
	Spread    float64
	Retention float64
	Target    float64
	Buffer    int
	JSON      bool
	// LoadDecks loads the decks; nil means the built-in decks.
	LoadDecks func() (*deck.Set, error)
	Today     func() store.Date
}

func newFsrsSimulateCmd(f *Factory) *cobra.Command {
	opts := &fsrsSimulateOptions{IO: f.IO, Today: func() store.Date { return store.DateOf(f.Now()) }}
	cmd := &cobra.Command{
		Use:   "simulate",
		Short: "Drill simulated learners to the exam, plain FSRS or exam mode, and measure what they reach",
		Long: `Simulate drills simulated learners over the built-in decks from --start to the
day before --exam-date, and reports what the schedule costs and reaches.

Each learner's true memory follows FSRS-6 with the default weights each
multiplied by e^(spread·N(0,1)) (--spread, 0.15), drawn from the learner's own
seed; the learner knows a new card on first sight with a chance drawn from 20
to 60 %, answers each later review right (Good) with the card's true
retrievability and wrong (Again) otherwise, and does everything due every day.
The drill schedules with the default weights and --retention:

  plain  FSRS alone, 15 new cards a day
  exam   exam mode: every card introduced --buffer days before the exam, the
         intervals capped to keep --target on the exam day and stretched to
         the one review that reaches it, the last days weakest on the exam
         day first
  both   both, one after the other

Reported per mode: answers a day (every answer, as Anki counts its reviews;
mean over all learners' days, and the busiest day), split into the new cards'
learning steps and reviews (the answers to cards introduced before the day,
relearning steps after a lapse included, which are also shown), new cards a
day, the exam-day retrievability by true memory averaged over all cards (a
card never seen counts 0; mean over learners and the lowest learner) and per
area, the expected share right of the exam's questions on the objectives the decks cover, and readiness's
pass probability from the learners' true memory and as readiness would predict
it from the scheduler's estimate (objectives no deck covers assumed right at
the pass ratio). Your own store is never read. The same --seed gives the same
report.`,
		Example: `  dockdrill fsrs simulate --exam-date 2026-12-21 --start 2026-11-30 --mode both
  dockdrill fsrs simulate --exam-date 2026-12-21 --start 2026-11-30 --mode exam --seed 7 --json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runFsrsSimulate(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.ExamDate, "exam-date", "", "the exam's `DATE`, YYYY-MM-DD (required)")
	fl.StringVar(&opts.Start, "start", "", "the first `DATE` drilled (default today)")
	fl.StringVar(&opts.Mode, "mode", "both", "plain, exam or both")
	fl.Uint64Var(&opts.Seed, "seed", 1, "seed of the learners")
	fl.IntVar(&opts.Learners, "learners", plan.DefaultLearners, "simulated learners")
	fl.Float64Var(&opts.Spread, "spread", plan.DefaultSpread, "sd of the log factor on each learner's true weights")
	fl.Float64Var(&opts.Retention, "retention", 0.9, "desired retention of the drill, 0.70 to 0.99")
	fl.Float64Var(&opts.Target, "target", fsrs.DefaultExamRetention, "exam mode's retrievability on the exam day, 0.70 to 0.99")
	fl.IntVar(&opts.Buffer, "buffer", 5, "exam mode's days before the exam by which every card is introduced")
	fl.BoolVar(&opts.JSON, "json", false, "print JSON")
	return cmd
}

func runFsrsSimulate(_ context.Context, opts *fsrsSimulateOptions) error {
	if opts.ExamDate == "" {
		return usagef("--exam-date: required")
	}
	examDay, err := store.ParseDate(opts.ExamDate)
	if err != nil {
		return usagef("--exam-date: %v", err)
	}
	var start store.Date
	if opts.Start == "" {
		start = opts.Today()
	} else if start, err = store.ParseDate(opts.Start); err != nil {
		return usagef("--start: %v", err)
	}
	if !start.Before(examDay) {
		return usagef("--start %s is not before --exam-date %s", start, examDay)
	}
	var modes []string
	switch opts.Mode {
	case plan.ModePlain, plan.ModeExam:
		modes = []string{opts.Mode}
	case "both":
		modes = []string{plan.ModePlain, plan.ModeExam}
	default:
		return usagef("--mode: %q is not plain, exam or both", opts.Mode)
	}
	if opts.Learners < 1 {
		return usagef("--learners: %d is not a number of learners", opts.Learners)
	}
	if opts.Spread < 0 || opts.Spread > 1 {
		return usagef("--spread: %g is not from 0 to 1", opts.Spread)
	}
	if opts.Buffer < 0 {
		return usagef("--buffer: %d is negative", opts.Buffer)
	}
	p := fsrs.DefaultParams()
	p.DesiredRetention = opts.Retention
	if err := p.Validate(); err != nil {
		return usagef("--retention: %v", err)
	}
	warnRetention(opts.IO.ErrOut, "--retention", opts.Retention)
	if opts.Target < fsrs.MinRetention || opts.Target > fsrs.MaxRetention {
		return usagef("--target: %g is not from %.2f to %.2f", opts.Target, fsrs.MinRetention, fsrs.MaxRetention)
	}
	load := opts.LoadDecks
	if load == nil {
		load = func() (*deck.Set, error) { return deck.Load(deck.LoadOptions{}) }
	}
	set, err := load()
	if err != nil {
		return err
	}
	buffer := opts.Buffer
	if buffer == 0 {
		buffer = -1
	}
	var reps []*plan.SimReport
	for _, m := range modes {
		rep, err := plan.Simulate(plan.SimOptions{
			Blueprint: set.Blueprint, Cards: set.Cards(), Params: p, Start: start, ExamDay: examDay, Mode: m,
			Learners: opts.Learners, Seed: opts.Seed, Spread: opts.Spread,
			Exam: session.ExamOptions{Target: opts.Target, Buffer: buffer},
		})
		if err != nil {
			return err
		}
		reps = append(reps, rep)
	}
	if opts.JSON {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		if len(reps) == 1 {
			return enc.Encode(reps[0])
		}
		return enc.Encode(reps)
	}
	return renderSimulation(opts.IO.Out, reps)
}

// renderSimulation writes the reports side by side.
func renderSimulation(w io.Writer, reps []*plan.SimReport) error {
	var b strings.Builder
	width := ui.TermWidth(w) // 0 for a pipe: no limit
	r0 := reps[0]
	fmt.Fprintf(&b, "%d simulated learners, %d cards, %s to the exam on %s (%d days), seed %d\n\n",
		r0.Learners, r0.Cards, r0.Start, r0.ExamDay, r0.Days, r0.Seed)
	head := []string{""}
	right := []bool{false}
	for _, r := range reps {
		head = append(head, strings.ToUpper(r.Mode))
		right = append(right, true)
	}
	t := &ui.Table{Head: head, Right: right, Width: width}
	row := func(name string, f func(r *plan.SimReport) string) {
		cells := []string{name}
		for _, r := range reps {
			cells = append(cells, f(r))
		}
		t.Add(cells...)
	}
	row("answers a day, mean", func(r *plan.SimReport) string { return fmt.Sprintf("%.1f", r.AnswersPerDay.Mean) })
	row("answers a day, max", func(r *plan.SimReport) string { return fmt.Sprintf("%.0f", r.AnswersPerDay.Max) })
	row("  new cards' learning steps", func(r *plan.SimReport) string {
		return fmt.Sprintf("%.1f", r.AnswersPerDay.Mean-r.ReviewsPerDay.Mean)
	})
	row("  reviews a day, mean", func(r *plan.SimReport) string { return fmt.Sprintf("%.1f", r.ReviewsPerDay.Mean) })
	row("  reviews a day, max", func(r *plan.SimReport) string { return fmt.Sprintf("%.0f", r.ReviewsPerDay.Max) })
	row("    of them relearning", func(r *plan.SimReport) string { return fmt.Sprintf("%.1f", r.RelearningPerDay.Mean) })
	row("new cards a day, mean", func(r *plan.SimReport) string { return fmt.Sprintf("%.1f", r.NewPerDay.Mean) })
	row("cards seen by the exam", func(r *plan.SimReport) string { return pct(r.Seen) })
	row("exam-day memory, mean", func(r *plan.SimReport) string { return fmt.Sprintf("%.3f", r.Memory.Mean) })
	row("exam-day memory, lowest", func(r *plan.SimReport) string { return fmt.Sprintf("%.3f", r.Memory.Min) })
	for i, a := range r0.Areas {
		row("  "+a.ID, func(r *plan.SimReport) string {
			if i < len(r.Areas) {
				return fmt.Sprintf("%.3f", r.Areas[i].Memory)
			}
			return "-"
		})
	}
	row("covered questions right", func(r *plan.SimReport) string { return pct1(r.MeasuredRight) })
	row("pass probability", func(r *plan.SimReport) string { return pct1(r.PassProbability) })
	row("  as readiness predicts", func(r *plan.SimReport) string { return pct1(r.Predicted) })
	b.WriteString(t.String())
	b.WriteString("Memory by each learner's true memory; a card never seen counts 0. Answers are every answer of\n")
	b.WriteString("a day (Anki's count); reviews are the answers to cards introduced before the day, relearning steps\n")
	b.WriteString("after a lapse included; the rest are the new cards' learning steps.\n")
	_, err := io.WriteString(w, ui.Fit(b.String(), width))
	return err
}
