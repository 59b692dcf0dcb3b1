package main

import (
	"github.com/dockdrill/dockdrill/quiz/ui"

	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dockdrill/dockdrill/quiz/plan"
	"github.com/dockdrill/dockdrill/quiz/readiness"
	"github.com/dockdrill/dockdrill/quiz/session"
)

// planAnswers is how many of the learner's latest answers the time per
// answer is the median of.
const planAnswers = 1000

type planOptions struct {
	*Factory
	ExamDate string // --exam-date
	JSON     bool
}

func newPlanCmd(f *Factory) *cobra.Command {
	opts := &planOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "plan",
		Short: "Your days from today to the exam: reviews, new cards, minutes, and memory on exam day",
		Long: `Plan forecasts each day from today to the exam (--exam-date, else the
exam-date setting) as the drill's exam mode schedules it: every card due
answered on its day, the new cards at the exam pace (every card introduced
exam-buffer days before the exam), learning steps, and intervals capped and
stretched toward the exam (exam-retention). Reviews are the answers to cards
introduced before the day (relearning steps after a lapse included); answers
are every answer, the new cards' learning steps too, and the minutes count
them all. A review is right with the card's retrievability and wrong otherwise
(then relearned), a new card right on first sight as often as yours were over
your last 1,000 answers (half the time until you have 20); each day is the mean
of 10 such draws, the same every time. Minutes are at your
own median time per answer over your last 1,000 answers, 8 seconds while you
have none.

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
	fl := cmd.Flags()
	fl.StringVar(&opts.ExamDate, "exam-date", "", "the exam's `DATE`, YYYY-MM-DD (default: the exam-date setting)")
	fl.BoolVar(&opts.JSON, "json", false, "print JSON")
	return cmd
}

func runPlan(ctx context.Context, opts *planOptions) error {
	set, err := opts.DeckSet()
	if err != nil {
		return err
	}
	st, err := opts.OpenStoreReadOnly(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	sched, cal, ss, err := opts.StoredScheduler(ctx, st)
	if err != nil {
		return err
	}
	ex, err := examMode(ss, opts.ExamDate)
	if err != nil {
		return err
	}
	now := opts.Now()
	today := cal.Day(now)
	switch {
	case !ex.Set():
		return usagef("no exam date: set it with 'dockdrill config set %s YYYY-MM-DD' or --exam-date", readiness.SettingExamDate)
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
	ans, err := st.RecentAnswers(ctx, planAnswers)
	if err != nil {
		return err
	}
	firstRight := 0.0 // the default until there are enough first sights
	if ans.FirstSeen >= 20 {
		firstRight = float64(ans.FirstRight) / float64(ans.FirstSeen)
	}
	ex.AreaWeights = session.AreaWeights(set.Blueprint)
	rep, err := plan.Compute(plan.Options{
		Cards: set.Cards(), AreaOrder: set.Blueprint.AreaIDs(), Scheduler: sched, Calendar: cal, Now: now,
		States: states, IntroducedToday: introduced, Exam: ex, NewPerDay: session.DefaultNewPerDay,
		SecondsPerAnswer: ans.MedianTook.Seconds(), Answers: ans.Answers, FirstRight: firstRight, Seed: 1,
	})
	if err != nil {
		return err
	}
	if opts.JSON {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	return renderPlan(opts.IO.Out, rep, opts.Scheme())
}

// renderPlan writes the plan as text.
func renderPlan(w io.Writer, r *plan.Report, p ui.Scheme) error {
	var b strings.Builder
	width := ui.TermWidth(w) // 0 for a pipe: no limit
	fmt.Fprintf(&b, "%s\n", p.Bold(fmt.Sprintf("Plan to the exam on %s (%s)", r.ExamDay, plural(r.DaysLeft, "day"))))
	if line := paceLine(r.Pace); line != "" {
		fmt.Fprintf(&b, "Exam mode: %s.\n", line)
	}
	from := fmt.Sprintf("your median over your last %s", plural(r.MeasuredFrom, "answer"))
	if r.MeasuredFrom == 0 {
		from = "no answers yet to measure"
	}
	fmt.Fprintf(&b, "Reviews right with their retrievability, new cards right on first sight %s of the time; %.0f s an answer (%s);\n",
		pct(r.FirstRight), r.SecondsPerAnswer, from)
	fmt.Fprintf(&b, "intervals kept at %s on the exam day. Each day is the mean of %d draws.\n\n", pct(r.Target), r.Runs)
	t := &ui.Table{Head: []string{"DAY", "REVIEWS", "NEW", "ANSWERS", "MINUTES"}, Right: []bool{false, true, true, true, true}, Width: width}
	for _, d := range r.Days {
		t.Add(d.Date, whole(d.Reviews), whole(d.New), whole(d.Answers), whole(d.Minutes))
	}
	t.Add("TOTAL", whole(r.Total.Reviews), whole(r.Total.New), whole(r.Total.Answers), whole(r.Total.Minutes))
	b.WriteString(t.String())
	b.WriteString("Reviews: answers to cards introduced before the day (relearning included); answers: every answer.\n")
	fmt.Fprintf(&b, "\n%s\n", p.Bold("Memory on the exam day"))
	t = &ui.Table{Head: []string{"AREA", "CARDS", "SEEN", "WITH THE PLAN", "IF YOU STOP NOW"}, Right: []bool{false, true, true, true, true}, Width: width}
	for _, a := range append(r.Areas, r.Overall) {
		t.Add(a.ID, strconv.Itoa(a.Cards), whole(a.Seen), pct(a.Memory), pct(a.NoReviews))
	}
	b.WriteString(t.String())
	b.WriteString("Mean retrievability of the cards on the exam day; a card never seen counts 0.\n")
	_, err := io.WriteString(w, ui.Fit(b.String(), width))
	return err
}

// whole writes a mean rounded to a whole number.
func whole(f float64) string { return fmt.Sprintf("%.0f", f) }
