package session

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/grade"
	"github.com/dockdrill/dockdrill/quiz/prompt"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// The commands a card's prompt takes.
var (
	cmdHint = prompt.Command{Key: "?", Help: "hint"}
	cmdUndo = prompt.Command{Key: "u", Help: "undo"}
	cmdQuit = prompt.Command{Key: "q", Help: "quit"}
)

// Ratings are the choices of the rating question, in rating order, so that
// their numbers in line mode are the ratings' (1 again … 4 easy).
var Ratings = []string{"again", "hard", "good", "easy"}

// SavedPrefix starts the line written once an answer is committed to the
// store; scripts and tests wait for it.
const SavedPrefix = "saved: "

// Run asks the session's cards through p, writing each card, verdict and
// confirmation to w, until no card is left, the learner quits ("q", or the
// end of the input), or ctx is done. It returns nil when the session ended
// normally, ctx.Err() when ctx was cancelled, prompt.ErrInterrupted when the
// learner pressed Ctrl-C at a prompt, or the error that stopped it. Every
// answer rated before it returns is in the store.
//
// Per kind of card:
//
//   - command and cloze: the typed answer is graded by the card's grader;
//     right proposes Good, which the learner may change (to Hard or Easy,
//     or even Again), wrong is rated Again and shows the canonical answer,
//     the grader's reasons, the explanation and the proof;
//   - choice: pick one; right or wrong as above;
//   - multi: pick exactly N; right only when all N are the correct ones;
//   - flash: the answer is revealed, then the learner rates their recall.
//
// "?" shows the hint (a right answer after a hint proposes Hard), "u"
// undoes the last answer and asks that card again, "q" ends the session;
// at the rating question "q" saves the proposed rating, then ends.
func (s *Session) Run(ctx context.Context, p prompt.Prompter, w io.Writer) error {
	r := &runner{s: s, p: p, w: w}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		c, ok := s.Next()
		if !ok {
			return nil
		}
		quit, err := r.ask(ctx, c)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil || quit {
			return err
		}
	}
}

type runner struct {
	s    *Session
	p    prompt.Prompter
	w    io.Writer
	seq  int
	hint bool // the hint of the current card was shown
}

// ask shows one card and handles everything the learner gives until the
// card is answered, the last answer undone, or the session ended.
func (r *runner) ask(ctx context.Context, c *deck.Card) (quit bool, err error) {
	r.seq++
	r.hint = false
	st := r.s.State(c.ID)
	r.header(c, st)
	shown := r.s.cfg.Now()
	cmds := []prompt.Command{cmdHint, cmdUndo, cmdQuit}

	for {
		var reply prompt.Reply
		var choices []string
		switch c.Kind {
		case deck.KindChoice:
			choices = shuffled(c.Choices, fsrs.FuzzSeed(c.ID, st.Reps))
			reply, err = r.p.Choose(ctx, prompt.Question{Label: "pick one", Choices: choices, Commands: cmds})
		case deck.KindMulti:
			choices = shuffled(c.Choices, fsrs.FuzzSeed(c.ID, st.Reps))
			reply, err = r.p.Pick(ctx, prompt.Question{Label: "pick", Choices: choices, N: len(c.Correct), Commands: cmds})
		case deck.KindFlash:
			reply, err = r.p.Text(ctx, prompt.Question{Label: "recall it, then Enter shows the answer", Commands: cmds})
		case deck.KindCloze:
			reply, err = r.p.Text(ctx, prompt.Question{Label: grade.BlankLabel(c.Prompt), Commands: cmds})
		default:
			reply, err = r.p.Text(ctx, prompt.Question{Label: "answer", Commands: cmds})
		}
		if err != nil {
			return false, err
		}
		switch reply.Command {
		case cmdHint.Key:
			r.showHint(c)
			continue
		case cmdUndo.Key:
			undone, err := r.undo(ctx)
			if err != nil || undone {
				return false, err
			}
			continue // nothing undone: the same card again
		case cmdQuit.Key:
			return true, nil
		}
		took := r.s.cfg.Now().Sub(shown)
		return r.judge(ctx, c, reply, choices, took)
	}
}

// judge grades the reply, has the answer rated and records it.
func (r *runner) judge(ctx context.Context, c *deck.Card, reply prompt.Reply, choices []string, took time.Duration) (quit bool, err error) {
	a := Answer{Took: took}
	switch c.Kind {
	case deck.KindChoice, deck.KindMulti:
		picked := make([]string, len(reply.Picks))
		for i, k := range reply.Picks {
			picked[i] = choices[k]
		}
		a.Typed = strings.Join(picked, "; ")
		right := sameSet(picked, c.Correct)
		if right {
			r.right("")
		} else {
			r.wrongPicks(c, picked)
		}
		return r.finish(ctx, c, a, right)
	case deck.KindFlash:
		a.Typed = reply.Text
		a.Verdict = store.VerdictSelf
		r.line("answer:  %s", indent(c.Answer, "         "))
		r.explain(c, true)
		r.examNote(c)
		rating, quit, err := r.rate(ctx, fsrs.Good)
		if err != nil {
			return false, err
		}
		a.Rating = rating
		return quit, r.record(ctx, c, a)
	default:
		a.Typed = reply.Text
		v := grade.Grade(grade.Mode(c.Grade), c.Answer, c.Accept, reply.Text)
		if c.Kind == deck.KindCloze {
			v = grade.GradeCloze(grade.Mode(c.Grade), c.Prompt, c.Answer, c.Accept, reply.Text)
		}
		if v.Right {
			note := "" // the card's own form of an answer typed in another
			if strings.TrimSpace(reply.Text) != v.Matched {
				note = v.Matched
			}
			r.right(note)
		} else {
			r.line("%s", r.paint(red, "✘ wrong"))
		}
		for _, l := range v.Feedback() {
			r.line("%-8s %s", l.Label+":", indent(l.Text, "         "))
		}
		return r.finish(ctx, c, a, v.Right)
	}
}

// finish rates and records a graded answer: wrong is Again at once, right
// proposes Good (Hard after the hint) for the learner to confirm or change.
func (r *runner) finish(ctx context.Context, c *deck.Card, a Answer, right bool) (quit bool, err error) {
	if !right {
		a.Rating, a.Verdict = fsrs.Again, store.VerdictWrong
		r.explain(c, true)
		return false, r.record(ctx, c, a)
	}
	r.explain(c, false)
	proposed := fsrs.Good
	if r.hint {
		proposed = fsrs.Hard
	}
	r.examNote(c)
	a.Rating, quit, err = r.rate(ctx, proposed)
	if err != nil {
		return false, err
	}
	a.Verdict = store.VerdictRight
	return quit, r.record(ctx, c, a)
}

// rate asks for the rating, proposing one; "q" takes the proposal and ends
// the session after it is saved.
func (r *runner) rate(ctx context.Context, proposed fsrs.Rating) (fsrs.Rating, bool, error) {
	reply, err := r.p.Choose(ctx, prompt.Question{
		Label:    "rate",
		Choices:  Ratings,
		Default:  Ratings[proposed-1],
		Compact:  true,
		Commands: []prompt.Command{{Key: "q", Help: "save and quit"}},
	})
	if err != nil {
		return 0, false, err
	}
	if reply.IsCommand("q") {
		return proposed, true, nil
	}
	return fsrs.Rating(reply.Picks[0] + 1), false, nil
}

// examNote names the ratings the exam cap would bring due before the exam,
// ahead of the rating question: "due before your exam: good, easy".
func (r *runner) examNote(c *deck.Card) {
	if !r.s.cfg.Exam.Set() {
		return
	}
	var capped []string
	for i, o := range r.s.Preview(c) {
		if o.BeforeExam {
			capped = append(capped, Ratings[i])
		}
	}
	if len(capped) > 0 {
		r.line("%s: %s", BeforeExamNote, strings.Join(capped, ", "))
	}
}

// record commits the answer and confirms it.
func (r *runner) record(ctx context.Context, c *deck.Card, a Answer) error {
	rev, err := r.s.Rate(ctx, c, a)
	if err != nil {
		return err
	}
	next := r.s.when(rev.After.Due, rev.Time)
	if r.s.BeforeExam(c.ID) {
		next += " · " + BeforeExamNote
	}
	r.line("%s%s · next %s", SavedPrefix, Ratings[rev.Rating-1], next)
	return nil
}

// undo undoes the last answer and reports whether there was one to undo.
func (r *runner) undo(ctx context.Context) (bool, error) {
	rev, err := r.s.Undo(ctx)
	switch {
	case errors.Is(err, store.ErrNothingToUndo):
		r.line("nothing to undo in this session")
		return false, nil
	case errors.Is(err, store.ErrUndoConflict):
		r.line("cannot undo: %v", err)
		return false, nil
	case err != nil:
		return false, err
	}
	r.line("undone: %s (%s); it is asked again", rev.CardID, Ratings[rev.Rating-1])
	return true, nil
}

func (r *runner) showHint(c *deck.Card) {
	if c.Hint == "" {
		r.line("no hint for this card")
		return
	}
	r.hint = true
	r.line("hint: %s", indent(c.Hint, "      "))
}

// header shows the card.
func (r *runner) header(c *deck.Card, st store.CardState) {
	tags := []string{fmt.Sprint(r.seq), c.Area, string(c.Kind)}
	switch st.State {
	case store.StateNew:
		tags = append(tags, "new")
	case store.StateLearning, store.StateRelearning:
		tags = append(tags, "again")
	}
	tags = append(tags, fmt.Sprintf("%d left", r.s.Remaining()))
	fmt.Fprintf(r.w, "\n%s\n%s\n", r.paint(faint, "── "+strings.Join(tags, " · ")+" ──"), c.Prompt)
}

func (r *runner) right(note string) {
	if note != "" {
		r.line("%s — %s", r.paint(green, "✔ right"), note)
		return
	}
	r.line("%s", r.paint(green, "✔ right"))
}

func (r *runner) wrongPicks(c *deck.Card, picked []string) {
	r.line("%s", r.paint(red, "✘ wrong"))
	for _, k := range c.Correct {
		r.line("answer:  %s", indent(k, "         "))
	}
	for _, p := range picked {
		if !slices.Contains(c.Correct, p) {
			r.line("not:     %s", indent(p, "         "))
		}
	}
}

// explain shows the explanation, and the proof when asked for.
func (r *runner) explain(c *deck.Card, proof bool) {
	if c.Explain != "" {
		r.line("explain: %s", indent(prompt.Wrap(c.Explain, 68, ""), "         "))
	}
	if proof && c.Proof != "" {
		r.line("proof:   %s", c.Proof)
	}
}

func (r *runner) line(format string, args ...any) {
	fmt.Fprintf(r.w, "  "+format+"\n", args...)
}

// ANSI colours of the verdicts.
const (
	green = "32"
	red   = "31"
	faint = "2"
)

func (r *runner) paint(code, s string) string {
	if !r.s.cfg.Color {
		return s
	}
	return "\033[" + code + "m" + s + "\033[0m"
}

// when says when a card next falls due, seen from now: "in 10 min",
// "in 3 h", "tomorrow", "in 4 days".
func (s *Session) when(due, now time.Time) string {
	d := due.Sub(now)
	switch {
	case d < time.Hour:
		return fmt.Sprintf("in %d min", max(1, int(d.Round(time.Minute)/time.Minute)))
	}
	days := s.cfg.Calendar.Day(due).Sub(s.cfg.Calendar.Day(now))
	switch {
	case days <= 0:
		return fmt.Sprintf("in %d h", int(d.Round(time.Hour)/time.Hour))
	case days == 1:
		return "tomorrow"
	default:
		return fmt.Sprintf("in %d days", days)
	}
}

// shuffled returns the choices in an order fixed by seed, so the same card
// at the same repetition shows the same order (again after an undo).
func shuffled(choices []string, seed uint64) []string {
	out := slices.Clone(choices)
	rng := rand.New(rand.NewPCG(seed, 0x646f636b))
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

// indent indents the lines after the first.
func indent(s, prefix string) string {
	return strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n  "+prefix)
}
