package main

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/exam"
	"github.com/dockdrill/dockdrill/quiz/grade"
	"github.com/dockdrill/dockdrill/quiz/prompt"
)

type examOptions struct {
	progressOptions
	Questions int
	Minutes   int
	Seed      uint64
	SeedSet   bool
	Mix       string
	Areas     []string
}

func newExamCmd(app *App) *cobra.Command {
	opts := &examOptions{progressOptions: newProgressOptions(app)}
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

The time left is shown with each question. No answer is marked until the end.
When the time runs out the question on screen is cut off, and it and every
question not reached count wrong. q ends the exam early.

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
  dockdrill exam --seed 42`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.SeedSet = cmd.Flags().Changed("seed")
			return runExam(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.IntVar(&opts.Questions, "questions", 20, "number of questions")
	f.IntVar(&opts.Minutes, "minutes", 30, "time allowed, in minutes")
	f.Uint64Var(&opts.Seed, "seed", 0, "seed of the form (default: a new form each time)")
	f.StringVar(&opts.Mix, "mix", "", "shares of the question kinds, e.g. `single=0.5,multiple=0.25,fill=0.25` (default equal)")
	f.StringSliceVar(&opts.Areas, "area", nil, "only the knowledge `AREA` (repeatable, or comma-separated)")
	opts.flags(f)
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
	covered := coveredObjectives(set)
	var areas []deck.Area
	for _, a := range bp.Areas {
		if covered[a.Objective] && (len(opts.Areas) == 0 || slices.Contains(opts.Areas, a.ID)) {
			areas = append(areas, a)
		}
	}
	for _, a := range opts.Areas {
		if _, ok := bp.Area(a); !ok {
			return nil, nil, usagef("--area: no knowledge area %q; the areas are %s", a, strings.Join(bp.AreaIDs(), ", "))
		}
	}
	rng := mrand.New(mrand.NewPCG(opts.Seed, opts.Seed^0x5851f42d4c957f2d))
	form, err := exam.Assemble(areas, set.AreaCards, opts.Questions, mix, rng)
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
	set, err := opts.decks()
	if err != nil {
		return err
	}
	form, areas, err := examForm(set, opts)
	if err != nil {
		return err
	}
	st, err := opts.openStore(ctx)
	if err != nil {
		return err
	}
	defer st.Close()

	out := opts.IO.Out
	p := newPalette(opts.color())
	scale := exam.NewScale(set.Blueprint.Exam)
	limit := time.Duration(opts.Minutes) * time.Minute
	fmt.Fprintf(out, "%s\n", p.bold(fmt.Sprintf("Mock exam %s, %s: %s in %s",
		set.Blueprint.Exam.ID, objectiveNames(set, areas), plural(len(form), "question"), plural(opts.Minutes, "minute"))))
	fmt.Fprintf(out, "No answer is marked before the end; %d right pass (500). q ends the exam. Seed %d.\n",
		scale.PassRaw(len(form)), opts.Seed)

	sess := exam.Session{Form: form, Limit: limit, Now: opts.Now, Grade: examGrader, Scale: scale, Areas: areas, Seed: opts.Seed}
	res, runErr := sess.Run(ctx, &examAsker{out: out, p: p, prompter: examPrompter(opts)})
	// The prediction for this form at the moment it began (an exam
	// reschedules nothing, so the states read now are those of then).
	if res.Predicted, err = predictForm(context.WithoutCancel(ctx), &opts.progressOptions, st, form, res.Started); err != nil {
		return err
	}
	res.HasPredicted = true
	if runErr == nil && res.Answered < res.Questions {
		fmt.Fprintf(out, "\n%s\n", p.red("Time is up."))
	}
	// The result is kept even when the exam was interrupted.
	if _, err := st.RecordExam(context.WithoutCancel(ctx), res.Record()); err != nil {
		return err
	}
	switch {
	case errors.Is(runErr, exam.ErrQuit):
		fmt.Fprintf(out, "\nExam ended after %d of %d questions; kept as abandoned, it counts for nothing.\n", res.Answered, res.Questions)
		return nil
	case errors.Is(runErr, prompt.ErrInterrupted):
		return context.Canceled
	case runErr != nil:
		return runErr
	}
	if err := renderExamResult(out, res, scale, p); err != nil {
		return err
	}
	if !res.Passed {
		return withCode(ExitFailed, nil)
	}
	return nil
}

// examPrompter returns promptui prompts when both ends are a terminal,
// plain lines otherwise, as the drill does.
func examPrompter(opts *examOptions) prompt.Prompter {
	if opts.IO.InTTY && opts.IO.OutTTY {
		return prompt.NewTerminal(opts.IO.In, opts.IO.Out, opts.color())
	}
	return prompt.NewLine(opts.IO.In, opts.IO.Out)
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

// examAsker puts each question through the drill's prompter, with the time
// left, and never says whether an answer is right.
type examAsker struct {
	out      io.Writer
	p        palette
	prompter prompt.Prompter
}

var quitCommand = []prompt.Command{{Key: "q", Help: "end the exam"}}

func (a *examAsker) Ask(ctx context.Context, q exam.Prompt) (exam.Response, error) {
	left := q.Left.Truncate(time.Second)
	fmt.Fprintf(a.out, "\n%s %s\n%s\n", a.p.cyan(fmt.Sprintf("[%02d:%02d left]", int(left.Minutes()), int(left.Seconds())%60)),
		a.p.bold(fmt.Sprintf("Question %d of %d", q.Number, q.Of)), q.Card.Prompt)
	var (
		r   prompt.Reply
		err error
	)
	switch {
	case q.Typed():
		r, err = a.prompter.Text(ctx, prompt.Question{Label: "answer", Commands: quitCommand})
	case q.Pick == 1:
		r, err = a.prompter.Choose(ctx, prompt.Question{Label: "answer", Choices: q.Options, Commands: quitCommand})
	default:
		r, err = a.prompter.Pick(ctx, prompt.Question{Label: fmt.Sprintf("pick %d", q.Pick), Choices: q.Options, N: q.Pick, Commands: quitCommand})
	}
	switch {
	case errors.Is(err, io.EOF):
		return exam.Response{}, exam.ErrQuit // the input ended
	case err != nil:
		return exam.Response{}, err
	case r.IsCommand("q"):
		return exam.Response{}, exam.ErrQuit
	}
	if q.Typed() {
		return exam.Response{Text: r.Text}, nil
	}
	var picked []string
	for _, i := range r.Picks {
		picked = append(picked, q.Options[i])
	}
	return exam.Response{Picked: picked}, nil
}

// renderExamResult writes the score, the areas and every wrong answer.
func renderExamResult(w io.Writer, res exam.Result, scale exam.Scale, p palette) error {
	var b strings.Builder
	verdict := p.pass(res.Passed, "FAIL")
	if res.Passed {
		verdict = p.pass(true, "PASS")
	}
	fmt.Fprintf(&b, "\n%s\n", p.bold("── Result ──"))
	fmt.Fprintf(&b, "right    %d of %d (%.1f %%); %d answered in %s\n", res.Right, res.Questions, res.Percent(), res.Answered,
		res.Finished.Sub(res.Started).Round(time.Second))
	fmt.Fprintf(&b, "score    %d on 200-800 (a linear approximation: 500 at %s right)\n", res.Scaled, pct1(scale.PassRatio))
	fmt.Fprintf(&b, "verdict  %s (500 passes: %d right of %d)\n", verdict, res.PassRaw, res.Questions)
	if res.HasPredicted {
		fmt.Fprintf(&b, "%s\n", predictedLine(res))
	}
	b.WriteString("\n")

	t := &table{head: []string{"AREA", "QUESTIONS", "RIGHT", ""}, right: []bool{false, true, true, true}}
	for _, a := range res.Areas {
		if a.Questions == 0 {
			continue
		}
		t.add(a.ID, strconv.Itoa(a.Questions), strconv.Itoa(a.Right), pct(float64(a.Right)/float64(a.Questions)))
	}
	b.WriteString(t.String())

	wrong := res.Wrong()
	if len(wrong) > 0 {
		fmt.Fprintf(&b, "\n%s\n", p.bold(fmt.Sprintf("Wrong or not answered (%d)", len(wrong))))
	}
	for i, it := range res.Items {
		if it.Right {
			continue
		}
		n := i + 1
		kind := "fill in"
		switch {
		case it.Pick == 1:
			kind = "single choice"
		case it.Pick > 1:
			kind = fmt.Sprintf("pick %d", it.Pick)
		}
		fmt.Fprintf(&b, "\n%d. [%s, %s] %s\n", n, it.Card.Area, kind, indent(it.Card.Prompt, "   "))
		given := it.Given()
		if !it.Answered {
			given = p.dim("(not answered: the time ran out)")
		} else if given == "" {
			given = p.dim("(empty)")
		}
		fmt.Fprintf(&b, "   yours:  %s\n", p.red(given))
		right := it.Card.Answer
		if !it.Typed() {
			right = strings.Join(it.Card.Correct, " | ")
		}
		fmt.Fprintf(&b, "   right:  %s\n", p.green(right))
		for _, r := range it.Reasons {
			fmt.Fprintf(&b, "   grader: %s\n", r)
		}
		fmt.Fprintf(&b, "   why:    %s\n", indent(it.Card.Explain, "           "))
		if it.Card.Proof != "" {
			fmt.Fprintf(&b, "   proof:  %s (go test ./exercises/%s -run '^%s$')\n", it.Card.Proof, it.Card.ProofPackage(), it.Card.ProofTest())
		}
	}
	fmt.Fprintf(&b, "\nKept in the review store; cards are not rescheduled by an exam.\n")
	_, err := io.WriteString(w, b.String())
	return err
}
