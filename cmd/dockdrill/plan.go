package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dockdrill/dockdrill/quiz/plan"
	"github.com/dockdrill/dockdrill/quiz/session"
)

// planAnswers is how many of the learner's latest answers the time per
// answer is the median of.
const planAnswers = 1000

type planOptions struct {
	progressOptions
	ExamDate string // --exam-date
	JSON     bool
}

func newPlanCmd(app *App) *cobra.Command {
	opts := &planOptions{progressOptions: newProgressOptions(app)}
	cmd := &cobra.Command{
		Use:   "plan",
		Short: "Your days from today to the exam: reviews, new cards, minutes, and memory on exam day",
		Long: `Plan forecasts each day from today to the exam (--exam-date, else the
exam-date setting) as the drill's exam mode schedules it: every card due
answered on its day, right, the new cards at the exam pace (every card
introduced exam-buffer days before the exam), learning steps, and intervals
capped before the exam (exam-retention). Minutes are at your own median time
per answer over your last 1,000 answers, 8 seconds while you have none.

Then the memory expected on the exam day, per knowledge area and overall:
the mean retrievability of the cards (a card never seen counts 0) if you follow
the plan, beside the memory if you stopped reviewing now, which is what
readiness shows: both are the same projection to the exam day.`,
		Example: `  dockdrill plan
  dockdrill plan --exam-date 2026-12-14 --json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runPlan(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.ExamDate, "exam-date", "", "the exam's `DATE`, YYYY-MM-DD (default: the exam-date setting)")
	f.BoolVar(&opts.JSON, "json", false, "print JSON")
	opts.flags(f)
	return cmd
}

func runPlan(ctx context.Context, opts *planOptions) error {
	set, err := opts.decks()
	if err != nil {
		return err
	}
	st, err := opts.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	sched, cal, ss, err := opts.storedScheduler(ctx, st)
	if err != nil {
		return err
	}
	ex, err := ss.examOptions(opts.ExamDate)
	if err != nil {
		return err
	}
	now := opts.Now()
	today := cal.Day(now)
	switch {
	case !ex.Set():
		return usagef("no exam date: set it with 'dockdrill config set %s YYYY-MM-DD' or --exam-date", configExamDate)
	case ex.Day.Before(today):
		return usagef("the exam date %s is before today, %s", ex.Day, today)
	}
	states, err := st.CardStates(ctx)
	if err != nil {
		return err
	}
	introduced, err := st.CountIntroduced(ctx, cal.Start(today), cal.Start(today.AddDays(1)))
	if err != nil {
		return err
	}
	med, n, err := st.MedianTook(ctx, planAnswers)
	if err != nil {
		return err
	}
	ex.AreaWeights = session.AreaWeights(set.Blueprint)
	rep, err := plan.Compute(plan.Options{
		Cards: set.Cards(), AreaOrder: set.Blueprint.AreaIDs(), Scheduler: sched, Calendar: cal, Now: now,
		States: states, IntroducedToday: introduced, Exam: ex, NewPerDay: session.DefaultNewPerDay,
		SecondsPerAnswer: med.Seconds(), Answers: n,
	})
	if err != nil {
		return err
	}
	if opts.JSON {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	return renderPlan(opts.IO.Out, rep, newPalette(opts.color()))
}

// renderPlan writes the plan as text.
func renderPlan(w io.Writer, r *plan.Report, p palette) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", p.bold(fmt.Sprintf("Plan to the exam on %s (%s)", r.ExamDay, plural(r.DaysLeft, "day"))))
	if line := paceLine(r.Pace); line != "" {
		fmt.Fprintf(&b, "Exam mode: %s.\n", line)
	}
	from := fmt.Sprintf("your median over your last %s", plural(r.MeasuredFrom, "answer"))
	if r.MeasuredFrom == 0 {
		from = "no answers yet to measure"
	}
	fmt.Fprintf(&b, "Every answer right, %.0f s an answer (%s); intervals kept at %s on the exam day.\n\n",
		r.SecondsPerAnswer, from, pct(r.Target))
	t := &table{head: []string{"DAY", "REVIEWS", "NEW", "ANSWERS", "MINUTES"}, right: []bool{false, true, true, true, true}}
	for _, d := range r.Days {
		t.add(d.Date, strconv.Itoa(d.Reviews), strconv.Itoa(d.New), strconv.Itoa(d.Answers), fmt.Sprintf("%.0f", d.Minutes))
	}
	t.add("TOTAL", strconv.Itoa(r.Total.Reviews), strconv.Itoa(r.Total.New), strconv.Itoa(r.Total.Answers), fmt.Sprintf("%.0f", r.Total.Minutes))
	b.WriteString(t.String())
	fmt.Fprintf(&b, "\n%s\n", p.bold("Memory on the exam day"))
	t = &table{head: []string{"AREA", "CARDS", "SEEN", "WITH THE PLAN", "IF YOU STOP NOW"}, right: []bool{false, true, true, true, true}}
	for _, a := range append(r.Areas, r.Overall) {
		t.add(a.ID, strconv.Itoa(a.Cards), strconv.Itoa(a.Seen), pct(a.Memory), pct(a.NoReviews))
	}
	b.WriteString(t.String())
	b.WriteString("Mean retrievability of the cards on the exam day; a card never seen counts 0.\n")
	_, err := io.WriteString(w, b.String())
	return err
}
