package main

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/exam"
	"github.com/dockdrill/dockdrill/quiz/grade"
	"github.com/dockdrill/dockdrill/quiz/ui"
)

type examOptions struct {
	*Factory
	Questions int
	Minutes   int
	Seed      uint64
	SeedSet   bool
	Mix       string
	Areas     []string
	Decks     []string
}

func newExamCmd(f *Factory) *cobra.Command {
	opts := &examOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "exam",
		Short: "Sit a timed mock exam in the LPI format",
		Long: `Exam puts --questions questions to you against the clock, as the LPI exam
does, then scores them.

The form: the knowledge areas of 702.1 share the questions equally (the
remainder going to areas drawn at random; an area short of cards passes its
share on), each question's kind drawn by the exam's mix (--mix; a third each of
single choice, pick N and fill in the blank by default, as readiness assumes),
a card of that kind at random, never the same card twice; options shuffled,
the areas' questions mixed. Flash cards are never asked: the exam has no free
recall.

  single choice  pick one option (its number, or in a terminal the menu)
  pick N         pick exactly the N options the question states; no partial
                 credit: any other set is wrong
  fill in        type the command, option, file name or term; it is graded
                 as the drill grades it (docker's own reading of a command)

The time left ticks in each question's header. No answer is graded until the
end. m marks a question to come back to, n and p go to the next and the
previous one, r to the review; after the last question the review lists the
questions not answered and the marked ones, a number goes back, s submits.
When the time runs out the question on screen is cut off, and it and every
question not answered count wrong. q asks "submit now?" and shows the result
of what was answered (kept as abandoned: it counts for nothing).

The result: right answers and their share, the scaled score (200 to 800,
linear through 500 at the blueprint's pass ratio estimate: an approximation,
LPI publishes no formula), pass or fail at 500, the score of each area, and
every question answered wrong or not answered with the right answer, the
grader's reasons, the explanation and the proof that backs the card.

The result is kept in the review store. Mock exams do not reschedule cards;
readiness counts their answers (not the ones the time ran out on) as measured
accuracy. An exam ended with q or Ctrl-C is kept as abandoned and counts for
nothing.

Exit status 3 when the exam is failed (not ready), 130 when interrupted.`,
		Example: `  # the default: 20 questions in 30 minutes
  dockdrill exam

  # the pace of the real exam on 702.1's share of it
  dockdrill exam --questions 7 --minutes 11

  # the same form again
  dockdrill exam --seed 42

  # a mock exam on a deck of your own, half of it fill in the blank
  dockdrill exam --deck compose --mix fill=0.5`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.SeedSet = cmd.Flags().Changed("seed")
			return runExam(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.IntVar(&opts.Questions, "questions", 20, "number of questions")
	fl.IntVar(&opts.Minutes, "minutes", 30, "time allowed, in minutes")
	fl.Uint64Var(&opts.Seed, "seed", 0, "seed of the form (default: a new form each time)")
	fl.StringVar(&opts.Mix, "mix", "", "shares of the question kinds, at most 1 in all; kinds left out share the rest equally, e.g. `fill=0.5` (default equal)")
	fl.StringSliceVar(&opts.Areas, "area", nil, "only the knowledge `AREA` (repeatable, or comma-separated)")
	fl.StringSliceVar(&opts.Decks, "deck", nil, "only the cards of `DECK`, e.g. a deck of your own (repeatable, or comma-separated)")
	return cmd
}

// examGrader grades typed answers as the drill does.
func examGrader(c *deck.Card, given string) (bool, []string) {
	v := grade.Grade(grade.Mode(c.Grade), c.Answer, c.Accept, given)
	if c.Kind == deck.KindCloze {
		v = grade.GradeCloze(grade.Mode(c.Grade), c.Prompt, c.Answer, c.Accept, given)
	}
	return v.Right, v.Reasons
}

// examForm draws the form the options ask for from set.
func examForm(set *deck.Set, opts *examOptions) ([]exam.Question, []deck.Area, error) {
	bp := set.Blueprint
	mix, err := exam.ParseMix(bp, opts.Mix)
	if err != nil {
		return nil, nil, usagef("--mix: %v", err)
	}
	if err := bp.CheckAreas(opts.Areas); err != nil {
		return nil, nil, usagef("--area: %v", err)
	}
	if err := set.CheckDecks(opts.Decks); err != nil {
		return nil, nil, usagef("--deck: %v", err)
	}
	form, areas, err := exam.Draw(set, opts.Areas, opts.Decks, opts.Questions, mix, opts.Seed)
	if err != nil {
		return nil, nil, usagef("--questions: %v", err)
	}
	return form, areas, nil
}

func runExam(ctx context.Context, opts *examOptions) error {
	if opts.Questions < 1 {
		return usagef("--questions: %d is not a number of questions", opts.Questions)
	}
	if opts.Minutes < 1 {
		return usagef("--minutes: %d is not a number of minutes", opts.Minutes)
	}
	if !opts.SeedSet {
		var b [8]byte
		_, _ = rand.Read(b[:])
		opts.Seed = binary.BigEndian.Uint64(b[:])
	}
	set, err := opts.DeckSet()
	if err != nil {
		return err
	}
	form, areas, err := examForm(set, opts)
	if err != nil {
		return err
	}
	st, err := opts.OpenStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()

	p := opts.Scheme()
	scale := exam.NewScale(set.Blueprint.Exam)
	limit := time.Duration(opts.Minutes) * time.Minute
	prompter := opts.Prompter()
	out := prompter // the questions' screen: text goes below the last one
	width := ui.PrompterWidth(prompter)
	fmt.Fprintln(out, p.Bold(ui.Wrap(fmt.Sprintf("Mock exam %s, %s: %s in %s",
		set.Blueprint.Exam.ID, objectiveNames(set, areas), plural(len(form), "question"), plural(opts.Minutes, "minute")), width, "")))
	fmt.Fprintln(out, ui.Wrap(fmt.Sprintf("No answer is graded before the end; %d right pass (500). m mark · n next · p previous · r review · q submit. Seed %d.",
		scale.PassRaw(len(form)), opts.Seed), width, ""))

	sess := exam.Session{Form: form, Limit: limit, Now: opts.Now, Grade: examGrader, Scale: scale, Areas: areas, Seed: opts.Seed}
	res, runErr := sess.Run(ctx, &ui.Exam{P: prompter, Scheme: p})
	// The prediction for this form at the moment it began (an exam
	// reschedules nothing, so the states read now are those of then).
	if res.Predicted, err = predictForm(context.WithoutCancel(ctx), opts.Factory, st, form, res.Started); err != nil {
		return err
	}
	res.HasPredicted = true
	timeUp := !res.Finished.Before(res.Started.Add(limit))
	if runErr == nil && timeUp {
		fmt.Fprintf(out, "\n%s\n", p.Red("Time is up."))
	}
	// The result is kept even when the exam was interrupted.
	if _, err := st.RecordExam(context.WithoutCancel(ctx), res.Record()); err != nil {
		return err
	}
	switch {
	case errors.Is(runErr, exam.ErrQuit):
		if err := ui.ExamResult(out, res, scale, width, timeUp, p); err != nil {
			return err
		}
		fmt.Fprintf(out, "\nExam ended early with %d of %d questions answered; kept as abandoned, it counts for nothing.\n", res.Answered, res.Questions)
		return nil
	case errors.Is(runErr, ui.ErrInterrupted):
		return context.Canceled
	case runErr != nil:
		return runErr
	}
	if err := ui.ExamResult(out, res, scale, width, timeUp, p); err != nil {
		return err
	}
	if !res.Passed {
		return withCode(ExitFailed, nil)
	}
	return nil
}

// objectiveNames names the objectives of the form's areas, with the areas
// when only some of an objective's are asked.
func objectiveNames(set *deck.Set, areas []deck.Area) string {
	var names []string
	for _, o := range set.Blueprint.Objectives {
		var ids []string
		for _, a := range areas {
			if a.Objective == o.ID {
				ids = append(ids, a.ID)
			}
		}
		switch {
		case len(ids) == 0:
		case len(ids) == len(set.Blueprint.AreasOf(o.ID)):
			names = append(names, o.ID+" "+o.Title)
		default:
			names = append(names, o.ID+" "+o.Title+" ("+strings.Join(ids, ", ")+")")
		}
	}
	return strings.Join(names, "; ")
}
