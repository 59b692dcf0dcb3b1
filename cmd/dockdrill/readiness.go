package main

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/dockdrill/dockdrill/quiz/handson"
	"github.com/dockdrill/dockdrill/quiz/ui"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dockdrill/dockdrill/quiz/exam"
	"github.com/dockdrill/dockdrill/quiz/readiness"
	"github.com/dockdrill/dockdrill/quiz/schedule"
	"github.com/dockdrill/dockdrill/quiz/store"
)

type readinessOptions struct {
	*Factory
	ExamDate string   // --exam-date
	Assume   []string // --assume OBJ=P
	Mix      string   // --mix
	Seed     uint64
	Sims     int
	ReadyAt  float64 // --ready-at: the pass probability below which the exit status is 3
	JSON     bool
}

func newReadinessCmd(f *Factory) *cobra.Command {
	opts := &readinessOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "readiness",
		Short: "How ready you are for the exam: per area, per objective, and the chance to pass",
		Long: `Readiness projects what you know to the day of the exam (--exam-date, else
the exam-date setting, else today) and simulates the exam.

For each knowledge area of the objectives the decks cover (702.1):
  memory    mean FSRS retrievability of the area's cards on the exam day;
            a card never reviewed counts 0
  coverage  share of the area's cards reviewed at least once
  hands-on  share of the proofs behind the area's cards whose latest run in
            the last 30 days passed (dockdrill prove records them)
  accuracy  the last 30 days' true retention, as Anki counts it: the first
            review of each card in review on each day, Again failing and
            Hard, Good, Easy passing; pooled with the answers of the mock
            exams of those days (dockdrill exam), right or wrong, so that
            accuracy = (reviews passed + exam answers right) / (reviews +
            exam answers). Questions the time ran out on are left out.

  score = 0.4·memory + 0.2·coverage + 0.2·hands-on + 0.2·accuracy
  When an area's cards name no proof, or it has no review and no exam answer
  in the 30 days, that measure's weight goes to memory.

  status    not started  no card of the area reviewed yet
            weak         score below 60 %
            on track     score from 60 % up to 85 %
            ready        score 85 % or more
  An objective's score is the mean of its areas' scores.

The whole exam: every objective of the blueprint with its weight, a weight
being the number of its questions (60 in all). An objective no deck covers is
listed as "not covered by dockdrill" and counts 0, unless you estimate the
share you will get right with --assume 704.1=0.7 or 'dockdrill config set
assume.704.1 0.7'.

The pass probability comes from simulated exams (10,000 by default, the same
for the same --seed): each of 702.1's questions goes to one of its areas in
turn (the areas share them equally, the remainder at random), takes a
question kind by the exam's mix (--mix; the blueprint lists single choice,
pick N and fill in the blank without shares, so each gets a third by
default), and a card of that kind at random, which is answered right with
probability R + (1 - R)·g: R its retrievability on the exam day (0 if never
reviewed), g the chance of guessing it (1/k for one of k options, 1/C(k,n) for
n of k, 0 typed). Every other question is right with its objective's estimate.
The raw score is scaled linearly from 200 (none right) through 500 (the
blueprint's estimate of the pass ratio, 62.5 %) to 800 (all right): an
approximation, as LPI scales each exam form and publishes no formula. The
interval is the 95 % Wilson interval of the simulation's own error, not of the
model's.

Exam mode: with an exam date the drill paces new cards to see every card
exam-buffer days before the exam and keeps each card at exam-retention on the
exam day; 'dockdrill plan' forecasts the days to the exam with the same
projection of memory to the exam day as the memory column here (there: if you
follow the plan; here: if you stopped reviewing now).

Mock exams: each keeps the score this model predicted for its form (each
question right with its card's retrievability then plus the guess chance);
readiness shows the mean gap between predicted and obtained over the last five
and says plainly when its predictions run high.

Exit status 3 (not ready) when the pass probability is below --ready-at.`,
		Example: `  # your readiness for the exam on the 14th, with estimates for Ansible and CI/CD
  dockdrill config set exam-date 2026-12-14
  dockdrill readiness --assume 704.1=0.7 --assume 701.4=65%

  # as JSON, another seed, a mix with fewer typed questions
  dockdrill readiness --json --seed 7 --mix single=0.6,multiple=0.2,fill=0.2`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runReadiness(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.ExamDate, "exam-date", "", "the exam's `DATE`, YYYY-MM-DD (default: the exam-date setting, else today)")
	fl.StringArrayVar(&opts.Assume, "assume", nil, "your estimate for an objective no deck covers, `OBJ=SHARE` such as 704.1=0.7 (repeatable)")
	fl.StringVar(&opts.Mix, "mix", "", "shares of the question kinds, e.g. `single=0.5,multiple=0.25,fill=0.25` (default equal)")
	fl.Uint64Var(&opts.Seed, "seed", 1, "seed of the simulation")
	fl.IntVar(&opts.Sims, "sims", readiness.DefaultSims, "simulated exams")
	fl.Float64Var(&opts.ReadyAt, "ready-at", 0.8, "exit with status 3 when the pass probability is below `P`")
	fl.BoolVar(&opts.JSON, "json", false, "print JSON")
	return cmd
}

func runReadiness(ctx context.Context, opts *readinessOptions) error {
	if opts.Sims < 1 {
		return usagef("--sims: %d is not a number of exams", opts.Sims)
	}
	if opts.ReadyAt < 0 || opts.ReadyAt > 1 {
		return usagef("--ready-at: %g is not a probability", opts.ReadyAt)
	}
	// A bad --tz is refused before the store is opened.
	if _, err := opts.Location(); err != nil {
		return err
	}
	set, err := opts.DeckSet()
	if err != nil {
		return err
	}
	bp := set.Blueprint
	mix, err := exam.ParseMix(bp, opts.Mix)
	if err != nil {
		return usagef("--mix: %v", err)
	}
	st, err := opts.OpenStoreReadOnly(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	// The retention and weights set in the store (config set retention,
	// fsrs.params).
	sched, cal, _, err := opts.StoredScheduler(ctx, st)
	if err != nil {
		return err
	}

	now := opts.Now()
	settings, err := st.Configs(ctx)
	if err != nil {
		return err
	}
	examDay, fromSetting, err := readiness.ExamDate(settings)
	switch {
	case opts.ExamDate != "":
		if examDay, err = store.ParseDate(opts.ExamDate); err != nil {
			return usagef("--exam-date: %v", err)
		}
		fromSetting = false
	case err != nil:
		return fmt.Errorf("%v; change it with 'dockdrill config set %s YYYY-MM-DD'", err, readiness.SettingExamDate)
	case !fromSetting:
		examDay = cal.Day(now)
		fmt.Fprintln(opts.IO.ErrOut, ui.Wrap(fmt.Sprintf("no exam date: projecting to today; set it with 'dockdrill config set %s YYYY-MM-DD' or --exam-date", readiness.SettingExamDate), ui.TermWidth(opts.IO.ErrOut), "  "))
	}
	if examDay.Before(cal.Day(now)) {
		if fromSetting {
			return fmt.Errorf("the exam date %s (setting %s) is past; set the next one with 'dockdrill config set %s YYYY-MM-DD'", examDay, readiness.SettingExamDate, readiness.SettingExamDate)
		}
		return usagef("--exam-date: %s is before today, %s", examDay, cal.Day(now))
	}

	assume, err := readiness.Estimates(settings)
	if err != nil {
		return err
	}
	for _, a := range opts.Assume {
		id, v, ok := strings.Cut(a, "=")
		if !ok {
			return usagef("--assume %s: write OBJECTIVE=SHARE, e.g. 704.1=0.7", a)
		}
		f, err := schedule.ParseShare(v)
		if err != nil {
			return usagef("--assume %s: %v", a, err)
		}
		assume[strings.TrimSpace(id)] = f
	}
	covered := set.CoveredObjectives()
	for id, f := range assume {
		if err := readiness.CheckEstimate(bp, covered, id, f); err != nil {
			return usagef("--assume %s: %v", id, err)
		}
	}

	data, err := readiness.Gather(ctx, st, cal, now, readiness.DefaultWindow)
	if err != nil {
		return err
	}
	if data.TasksPassed, err = handson.Passed(ctx, st, set, cal, now); err != nil {
		return err
	}
	rep, err := readiness.Compute(readiness.Options{
		Blueprint: bp, Cards: set.Cards(), Tasks: set.Tasks(), Scheduler: sched, Calendar: cal, Now: now, ExamDay: examDay,
		Assume: assume, Mix: mix, Sims: opts.Sims, Seed: opts.Seed,
	}, data)
	if err != nil {
		return err
	}
	ready := rep.Pass.Probability >= opts.ReadyAt
	if opts.JSON {
		out := struct {
			*readiness.Report
			ReadyAt float64 `json:"ready_at"`
			Ready   bool    `json:"ready"`
		}{rep, opts.ReadyAt, ready}
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return err
		}
	} else if err := renderReadiness(opts.IO.Out, rep, opts.ReadyAt, opts.Scheme()); err != nil {
		return err
	}
	if !ready {
		return withCode(ExitFailed, nil)
	}
	return nil
}

// renderReadiness writes the report as text.
func renderReadiness(w io.Writer, r *readiness.Report, readyAt float64, p ui.Scheme) error {
	var b strings.Builder
	width := ui.TermWidth(w) // 0 for a pipe: no limit
	days := "today"
	switch {
	case r.DaysLeft == 1:
		days = "tomorrow"
	case r.DaysLeft > 1:
		days = fmt.Sprintf("in %d days", r.DaysLeft)
	}
	fmt.Fprintf(&b, "%s\n\n", p.Bold(fmt.Sprintf("Readiness for %s (%s) on %s, %s", r.Exam.Title, r.ExamID, r.ExamDay, days)))

	var notCovered, assumed []string
	for _, o := range r.Objectives {
		switch o.Source {
		case readiness.NotCovered:
			notCovered = append(notCovered, o.ID)
		case readiness.Assumed:
			assumed = append(assumed, o.ID)
		}
		if o.Source != readiness.Measured {
			continue
		}
		fmt.Fprintf(&b, "%s %s: score %s, %s\n", p.Bold(o.ID), o.Title, pct(o.Score), band(p, o.Band, string(o.Band)))
		t := &ui.Table{
			Head:  []string{"AREA", "CARDS", "REVIEWED", "MEMORY", "COVERAGE", "HANDS-ON", "ACCURACY", "SCORE", "STATUS"},
			Right: []bool{false, true, true, true, true, true, true, true, false},
			Width: width,
		}
		for _, a := range o.Areas {
			t.Add(a.ID, strconv.Itoa(a.Cards), strconv.Itoa(a.Reviewed), pct(a.Memory), pct(a.Coverage),
				ratio(a.HandsOn.N, a.HandsOn.Of, a.HandsOn.Known()), accuracy(a.Accuracy), pct(a.Score), band(p, a.Band, string(a.Band)))
		}
		b.WriteString(t.String())
		fmt.Fprintf(&b, "memory and hands-on as of the exam day; accuracy and hands-on over the last %d days\n\n", r.Window)
	}

	fmt.Fprintf(&b, "%s\n", p.Bold(fmt.Sprintf("The whole exam: %d questions, weighted as the blueprint says", r.Pass.Questions)))
	t := &ui.Table{Head: []string{"OBJECTIVE", "TITLE", "QUESTIONS", "EXPECTED RIGHT", "FROM"}, Right: []bool{false, false, true, true, false}}
	t.Width = width
	total, expected := 0, 0.0
	for _, o := range r.Objectives {
		e := o.Expected * float64(o.Questions)
		total += o.Questions
		expected += e
		from := p.Dim(o.Source)
		switch o.Source {
		case readiness.Measured:
			from = "measured: " + pct(o.Expected) + " a question"
		case readiness.Assumed:
			from = "your estimate: " + pct(o.Expected)
		}
		t.Add(o.ID, o.Title, strconv.Itoa(o.Questions), fmt.Sprintf("%.1f", e), from)
	}
	t.Add("TOTAL", "", strconv.Itoa(total), fmt.Sprintf("%.1f", expected), "")
	b.WriteString(t.String())

	pp := r.Pass
	fmt.Fprintf(&b, "\n%s %s (95 %% interval %s to %s; %s simulated exams, seed %d)\n",
		p.Bold("Pass probability:"), p.Pass(pp.Probability >= readyAt, pct1(pp.Probability)), pct1(pp.Low), pct1(pp.High),
		thousands(pp.Sims), pp.Seed)
	fmt.Fprintf(&b, "Expected: %.1f of %d right, about %.0f on the 200-800 scale; %d right pass (500).\n",
		pp.MeanRaw, pp.Questions, pp.MeanScaled, pp.PassRaw)
	fmt.Fprintf(&b, "Measured objectives: %.1f of their %d questions right expected.\n", pp.MeasuredRight, pp.Measured)
	if need := float64(pp.PassRaw) - pp.MeasuredRight; pp.Questions > pp.Measured {
		others := pp.Questions - pp.Measured
		fmt.Fprintf(&b, "To pass, the other %d questions need about %.0f right (%s).\n", others, need, pct(need/float64(others)))
	}
	fmt.Fprintf(&b, "The scale is a linear approximation (200 none, 500 at %s right, 800 all): LPI scales each form and publishes no formula.\n",
		pct1(r.Scale.PassRatio))
	if len(notCovered) > 0 {
		fmt.Fprintf(&b, "Not covered by dockdrill, counted 0: %s.\n  Estimate your share with --assume %s=0.7 or 'dockdrill config set assume.%s 0.7'.\n",
			strings.Join(notCovered, ", "), notCovered[0], notCovered[0])
	}
	if len(assumed) > 0 {
		fmt.Fprintf(&b, "Your estimates: %s.\n", strings.Join(assumed, ", "))
	}
	if c := r.Calibration; c != nil {
		fmt.Fprintf(&b, "%s\n", calibrationLine(c))
	}
	if pp.Probability < readyAt {
		fmt.Fprintf(&b, "%s: the pass probability is below %s (--ready-at).\n", p.Red("Not ready"), pct(readyAt))
	} else {
		fmt.Fprintf(&b, "%s: the pass probability reaches %s (--ready-at).\n", p.Green("Ready"), pct(readyAt))
	}
	_, err := io.WriteString(w, ui.Fit(b.String(), width))
	return err
}

// pct writes a share as a whole percentage: "64 %".
func pct(f float64) string { return fmt.Sprintf("%.0f %%", 100*f) }

// pct1 writes a share as a percentage with one decimal, "64.2 %", or two
// below 1 %, "0.04 %", so that a small upper bound does not read as 0.
func pct1(f float64) string {
	if f > 0 && f < 0.01 {
		return fmt.Sprintf("%.2f %%", 100*f)
	}
	return fmt.Sprintf("%.1f %%", 100*f)
}

// ratio writes n of total and its share, or "-" when there is nothing.
func ratio(n, total int, known bool) string {
	if !known {
		return "-"
	}
	return fmt.Sprintf("%d/%d %3.0f %%", n, total, 100*float64(n)/float64(total))
}

// accuracy writes an area's measured accuracy with its counts.
func accuracy(a readiness.Accuracy) string {
	if !a.Known() {
		return "-"
	}
	return fmt.Sprintf("%d/%d %3.0f %%", a.DrillPassed+a.ExamRight, a.DrillReviews+a.ExamAnswers, 100*a.Value())
}

// thousands writes n with commas between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	var out []string
	for len(s) > 3 {
		out = append([]string{s[len(s)-3:]}, out...)
		s = s[:len(s)-3]
	}
	return strings.Join(append([]string{s}, out...), ",")
}
