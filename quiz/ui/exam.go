package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/dockdrill/dockdrill/quiz/exam"
)

// Exam is the mock exam's screen: it puts each question through a
// Prompter with a clock that ticks every second in its header, and never
// says whether an answer is right. It is an exam.Navigator:
//
//   - m marks the question (to come back to), n and p go to the next and
//     the previous question keeping the answer given, r goes to the review;
//   - after the last question the review lists the unanswered and the
//     marked questions; a number goes back to that question, s submits;
//   - q asks "submit now?"; yes ends the exam (exam.ErrQuit) and the
//     caller shows the result of what was answered.
//
// In a menu the keys work alone; at a typed answer, alone then Enter.
type Exam struct {
	P      Prompter
	Scheme Scheme
	// TimeUp makes ExamResult say why a question is not answered.
	TimeUp bool
}

var (
	cmdMark   = Command{Key: "m", Help: "mark"}
	cmdNext   = Command{Key: "n", Help: "next"}
	cmdPrev   = Command{Key: "p", Help: "previous"}
	cmdReview = Command{Key: "r", Help: "review"}
	cmdSubmit = Command{Key: "q", Help: "submit"}
)

// examCommands are the commands of every question.
var examCommands = []Command{cmdMark, cmdNext, cmdPrev, cmdReview, cmdSubmit}

// clock returns the header's clock: the time left, counted down from left
// at shown. The exam's own clock (exam.Session.Now) decides what counts;
// this one, on the wall clock, only moves the display between two
// questions, and is not read at all in line mode, where the header is
// written once.
func (e *Exam) clock(left time.Duration, shown time.Time) string {
	l := max(0, left-time.Since(shown)).Round(time.Second)
	return fmt.Sprintf("[%02d:%02d left]", int(l.Minutes()), int(l.Seconds())%60)
}

// Ask implements exam.Asker.
func (e *Exam) Ask(ctx context.Context, p exam.Prompt) (exam.Response, error) {
	shown := time.Now()
	marked := p.Marked
	note := ""
	if p.Given.Answered {
		note = "  answered before: " + p.Given.Given() + " (answer again to change it, n keeps it)"
	}
	for {
		mark := ""
		if marked {
			mark = " " + e.Scheme.Yellow("★ marked")
		}
		q := Question{
			ID: fmt.Sprintf("exam-%d", p.Number),
			Head: func(int) string {
				return e.Scheme.Cyan(e.clock(p.Left, shown)) + " " + e.Scheme.Bold(fmt.Sprintf("Question %d of %d", p.Number, p.Of)) + mark
			},
			Tick:     true,
			Body:     p.Card.Prompt,
			Note:     note,
			Commands: examCommands,
			Label:    "answer",
		}
		var (
			r   Reply
			err error
		)
		switch {
		case p.Typed():
			q.Initial = p.Given.Text
			r, err = e.P.Text(ctx, q)
		case p.Pick == 1:
			q.Choices = p.Options
			if p.Given.Answered && len(p.Given.Picked) == 1 {
				q.Default = p.Given.Picked[0]
			}
			r, err = e.P.Choose(ctx, q)
		default:
			q.Label, q.Choices, q.N = fmt.Sprintf("pick %d", p.Pick), p.Options, p.Pick
			r, err = e.P.Pick(ctx, q)
		}
		switch {
		case errors.Is(err, io.EOF):
			return exam.Response{}, exam.ErrQuit // the input ended
		case err != nil:
			return exam.Response{}, err
		}
		switch r.Command {
		case cmdMark.Key:
			return exam.Response{Move: exam.Mark}, nil // Run toggles it and asks again
		case cmdNext.Key:
			return exam.Response{Move: exam.Next}, nil
		case cmdPrev.Key:
			return exam.Response{Move: exam.Prev}, nil
		case cmdReview.Key:
			return exam.Response{Move: exam.Review}, nil
		case cmdSubmit.Key:
			yes, err := e.confirm(ctx, q)
			if err != nil {
				return exam.Response{}, err
			}
			if yes {
				return exam.Response{}, exam.ErrQuit
			}
			note = ""
			continue
		}
		if p.Typed() {
			return exam.Response{Text: r.Text}, nil
		}
		var picked []string
		for _, i := range r.Picks {
			picked = append(picked, p.Options[i])
		}
		return exam.Response{Picked: picked}, nil
	}
}

// confirm asks "submit now?" in the place of the question q.
func (e *Exam) confirm(ctx context.Context, q Question) (bool, error) {
	r, err := e.P.Choose(ctx, Question{
		ID:      q.ID,
		Head:    q.Head,
		Tick:    true,
		Body:    q.Body,
		Label:   "submit now? the questions not answered count wrong",
		Choices: []string{"yes, submit", "no, go back"},
		Default: "no, go back",
		Compact: true,
		Keep:    true,
	})
	if errors.Is(err, io.EOF) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	return r.Picks[0] == 0, nil
}

// Review implements exam.Navigator: the sheet, then a question number to
// go back to, or s to submit.
func (e *Exam) Review(ctx context.Context, s exam.Sheet) (int, error) {
	shown := time.Now()
	var open, marked []string
	n := 0
	for i, a := range s.Answered {
		if a {
			n++
		} else {
			open = append(open, strconv.Itoa(i+1))
		}
		if s.Marked[i] {
			marked = append(marked, strconv.Itoa(i+1))
		}
	}
	list := func(l []string) string {
		if len(l) == 0 {
			return "none"
		}
		return strings.Join(l, " ")
	}
	body := fmt.Sprintf("%d of %d answered\n", n, len(s.Answered)) +
		"  not answered: " + list(open) + "\n" +
		"  marked:       " + list(marked)
	note := ""
	for {
		r, err := e.P.Text(ctx, Question{
			ID: "exam-review",
			Head: func(int) string {
				return e.Scheme.Cyan(e.clock(s.Left, shown)) + " " + e.Scheme.Bold("Review before submitting")
			},
			Tick:     true,
			Body:     body,
			Note:     note,
			Label:    "go to question",
			Legend:   "a number + Enter goes back",
			Required: true,
			Commands: []Command{{Key: "s", Help: "submit"}},
		})
		switch {
		case errors.Is(err, io.EOF):
			return -1, nil
		case err != nil:
			return 0, err
		case r.IsCommand("s"):
			return -1, nil
		}
		k, err := strconv.Atoi(strings.TrimSpace(r.Text))
		if err == nil && k >= 1 && k <= len(s.Answered) {
			return k - 1, nil
		}
		note = fmt.Sprintf("  type a question number from 1 to %d, or s to submit", len(s.Answered))
	}
}

// ExamResult writes the score, the areas and every question answered
// wrong or not answered, laid out for width columns (0: no limit);
// timeUp says the questions not answered were cut off by the clock.
func ExamResult(w io.Writer, res exam.Result, scale exam.Scale, width int, timeUp bool, p Scheme) error {
	var b strings.Builder
	verdict := p.Pass(res.Passed, "FAIL")
	if res.Passed {
		verdict = p.Pass(true, "PASS")
	}
	fmt.Fprintf(&b, "\n%s\n", p.Bold("── Result ──"))
	fmt.Fprintf(&b, "right    %d of %d (%.1f %%); %d answered in %s\n", res.Right, res.Questions, res.Percent(), res.Answered,
		res.Finished.Sub(res.Started).Round(time.Second))
	fmt.Fprintf(&b, "score    %d on 200-800 (a linear approximation: 500 at %s right)\n", res.Scaled, pct1(scale.PassRatio))
	fmt.Fprintf(&b, "verdict  %s (500 passes: %d right of %d)\n", verdict, res.PassRaw, res.Questions)
	if res.HasPredicted {
		b.WriteString(Wrap(predictedLine(res), width, "") + "\n")
	}
	b.WriteString("\n")

	t := &Table{Head: []string{"AREA", "QUESTIONS", "RIGHT", ""}, Right: []bool{false, true, true, true}, Width: width}
	for _, a := range res.Areas {
		if a.Questions == 0 {
			continue
		}
		t.Add(a.ID, strconv.Itoa(a.Questions), strconv.Itoa(a.Right), pct(float64(a.Right)/float64(a.Questions)))
	}
	b.WriteString(t.String())

	wrong := res.Wrong()
	if len(wrong) > 0 {
		fmt.Fprintf(&b, "\n%s\n", p.Bold(fmt.Sprintf("Wrong or not answered (%d)", len(wrong))))
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
		b.WriteString("\n" + Hang(fmt.Sprintf("%d. ", n), fmt.Sprintf("[%s, %s] %s", it.Card.Area, kind, it.Card.Prompt), width) + "\n")
		given := it.Given()
		if !it.Answered {
			given = p.Dim("(not answered)")
			if timeUp {
				given = p.Dim("(not answered: the time ran out)")
			}
		} else if given == "" {
			given = p.Dim("(empty)")
		}
		b.WriteString(Hang("   yours:  ", p.Red(given), width) + "\n")
		right := it.Card.Answer
		if !it.Typed() {
			right = strings.Join(it.Card.Correct, " | ")
		}
		b.WriteString(Hang("   right:  ", p.Green(right), width) + "\n")
		for _, r := range it.Reasons {
			b.WriteString(Hang("   grader: ", r, width) + "\n")
		}
		b.WriteString(Hang("   why:    ", it.Card.Explain, width) + "\n")
		if it.Card.Proof != "" {
			b.WriteString(Hang("   proof:  ", fmt.Sprintf("%s (go test ./exercises/%s -run '^%s$')", it.Card.Proof, it.Card.ProofPackage(), it.Card.ProofTest()), width) + "\n")
		}
	}
	fmt.Fprintf(&b, "\nKept in the review store; cards are not rescheduled by an exam.\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// predictedLine puts the predicted score beside the obtained one.
func predictedLine(res exam.Result) string {
	if res.Questions == 0 {
		return ""
	}
	pred := 100 * res.Predicted / float64(res.Questions)
	got := res.Percent()
	return fmt.Sprintf("predicted %.1f of %d (%.1f %%) by readiness's model for this form; you got %d (%.1f %%), %+.1f points",
		res.Predicted, res.Questions, pred, res.Right, got, got-pred)
}

// pct writes a share as a whole percentage: "62 %".
func pct(f float64) string { return fmt.Sprintf("%.0f %%", 100*f) }

// pct1 writes a share as a percentage with one decimal: "62.5 %".
func pct1(f float64) string { return fmt.Sprintf("%.1f %%", 100*f) }
