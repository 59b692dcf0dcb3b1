package ui

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
	"github.com/dockdrill/dockdrill/quiz/session"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// The commands a card's prompt takes.
var (
	cmdHint = Command{Key: "?", Help: "hint"}
	cmdUndo = Command{Key: "u", Help: "undo"}
	cmdQuit = Command{Key: "q", Help: "quit"}
)

// Ratings are the choices of the rating question, in rating order, so that
// their numbers are the ratings' (1 again … 4 easy).
var Ratings = []string{"again", "hard", "good", "easy"}

// SavedPrefix starts the line written once an answer is committed to the
// store; scripts and tests wait for it.
const SavedPrefix = "saved: "

// Drill asks the session's cards through p, writing each card, verdict and
// confirmation through p, until no card is left, the learner quits ("q",
// or the end of the input), or ctx is done. It returns nil when the session
// ended normally, ctx.Err() when ctx was cancelled, ErrInterrupted when the
// learner pressed Ctrl-C at a prompt, or the error that stopped it. Every
// answer rated before it returns is in the store.
//
// Per kind of card:
//
//   - command and cloze: the typed answer is graded by the card's grader
//     (an empty answer is not taken: it is asked again); right proposes
//     Good, which the learner may change (to Hard or Easy, or even Again),
//     wrong is rated Again and shows the canonical answer, the grader's
//     reasons, the explanation and the proof;
//   - choice: pick one; right or wrong as above;
//   - multi: pick exactly N; right only when all N are the correct ones;
//   - flash: the answer is revealed, then the learner rates their recall.
//
// "?" shows the hint (the card's, or one derived from its answer, see
// Hint; a right answer after a hint proposes Hard), "u" undoes the last
// answer and asks that card again, "q" ends the session; at the rating
// question "q" saves the proposed rating, then ends. Each rating shows the
// interval it would give.
//
// The header of each card counts what is left: new cards, learning steps
// due in the session, due reviews, and the card's place among about as
// many as the session will ask.
func Drill(ctx context.Context, s *session.Session, p Prompter, scheme Scheme) error {
	return DrillBetween(ctx, s, p, scheme, nil)
}

// DrillBetween is Drill that calls between after each card answered, with
// the number of answers the session holds (an undo lowers it), before the
// next card, and once more with over set when the cards have run out: the
// drill does its hands-on tasks there. Cards that come due meanwhile (a
// learning step) are asked after it. An error from between ends the drill
// with that error; ending it with q calls between no more.
func DrillBetween(ctx context.Context, s *session.Session, p Prompter, scheme Scheme, between func(ctx context.Context, answered int, over bool) error) error {
	r := &runner{s: s, p: p, sc: scheme}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		c, ok := s.Next()
		if !ok && between != nil {
			if err := between(ctx, s.Done(), true); err != nil {
				return err
			}
			c, ok = s.Next()
		}
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
		if between != nil {
			if err := between(ctx, s.Done(), false); err != nil {
				return err
			}
		}
	}
}

type runner struct {
	s    *session.Session
	p    Prompter
	sc   Scheme
	hint bool // the hint of the current card was shown
}

// width is the width verdicts are laid out to; 0 for no limit.
func (r *runner) width() int { return PrompterWidth(r.p) }

// PrompterWidth is the width text written through p is laid out to: a
// Terminal's width less one column, a Line's output terminal's, or 0 (no
// limit) for a pipe.
func PrompterWidth(p Prompter) int {
	switch p := p.(type) {
	case *Terminal:
		return p.layoutWidth()
	case *Line:
		if w := TermWidth(p.out); w > 0 {
			return w - 1
		}
	}
	return 0
}

// ask shows one card and handles everything the learner gives until the
// card is answered, the last answer undone, or the session ended.
func (r *runner) ask(ctx context.Context, c *deck.Card) (quit bool, err error) {
	r.hint = false
	st := r.s.State(c.ID)
	seq := r.s.Done() + 1
	counts := r.s.Counts()
	q := Question{
		ID:       fmt.Sprintf("%s#%d", c.ID, seq),
		Head:     func(int) string { return r.header(c, st, seq, counts) },
		Body:     c.Prompt,
		Commands: []Command{cmdHint, cmdUndo, cmdQuit},
	}
	if r.s.Practice() {
		q.Commands = []Command{cmdHint, cmdQuit}
	}
	shown := r.s.Now()
	hint, note := "", "" // shown under the question: the hint stays, a note is replaced
	choices := shuffled(c.Choices, fsrs.FuzzSeed(c.ID, st.Reps))
	for {
		var reply Reply
		switch c.Kind {
		case deck.KindChoice:
			q.Label, q.Choices = "pick one", choices
			reply, err = r.p.Choose(ctx, q)
		case deck.KindMulti:
			q.Label, q.Choices, q.N = "pick", choices, len(c.Correct)
			reply, err = r.p.Pick(ctx, q)
		case deck.KindFlash:
			q.Label = "recall it, then Enter shows the answer"
			reply, err = r.p.Text(ctx, q)
		case deck.KindCloze:
			q.Label, q.Required = grade.BlankLabel(c.Prompt), true
			reply, err = r.p.Text(ctx, q)
		default:
			q.Label, q.Required = "answer", true
			reply, err = r.p.Text(ctx, q)
		}
		if err != nil {
			return false, err
		}
		switch reply.Command {
		case cmdHint.Key:
			r.hint = true
			hint, note = Hang("  hint: ", Hint(c), r.width()), ""
			q.Note = strings.TrimPrefix(hint+"\n"+note, "\n")
			q.Note = strings.TrimSuffix(q.Note, "\n")
			continue
		case cmdUndo.Key:
			undone, why, err := r.undo(ctx)
			note = why
			if err != nil || undone {
				return false, err
			}
			q.Note = strings.TrimPrefix(hint+"\n  "+note, "\n")
			continue // nothing undone: the same card again
		case cmdQuit.Key:
			return true, nil
		}
		took := r.s.Now().Sub(shown)
		return r.judge(ctx, c, reply, choices, took)
	}
}

// judge grades the reply, has the answer rated and records it.
func (r *runner) judge(ctx context.Context, c *deck.Card, reply Reply, choices []string, took time.Duration) (quit bool, err error) {
	a := session.Answer{Took: took}
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
		r.field("answer:  ", c.Answer)
		r.explain(c, true)
		r.examNote(c)
		rating, quit, err := r.rate(ctx, c, fsrs.Good)
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
			r.line("%s", r.sc.Red("✘ wrong"))
		}
		for _, l := range v.Feedback() {
			r.field(fmt.Sprintf("%-8s ", l.Label+":"), l.Text)
		}
		return r.finish(ctx, c, a, v.Right)
	}
}

// finish rates and records a graded answer: wrong is Again at once, right
// proposes Good (Hard after the hint) for the learner to confirm or change.
func (r *runner) finish(ctx context.Context, c *deck.Card, a session.Answer, right bool) (quit bool, err error) {
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
	a.Rating, quit, err = r.rate(ctx, c, proposed)
	if err != nil {
		return false, err
	}
	a.Verdict = store.VerdictRight
	return quit, r.record(ctx, c, a)
}

// rate asks for the rating, proposing one and showing the interval each
// would give; "q" takes the proposal and ends the session after it is
// saved.
func (r *runner) rate(ctx context.Context, c *deck.Card, proposed fsrs.Rating) (fsrs.Rating, bool, error) {
	q := Question{
		Label:    "rate",
		Choices:  Ratings,
		Default:  Ratings[proposed-1],
		Compact:  true,
		Commands: []Command{{Key: "q", Help: "save and quit"}},
	}
	if !r.s.Practice() {
		now := time.UnixMilli(r.s.Now().UnixMilli()) // as Preview reads it: never after
		for _, o := range r.s.Preview(c) {
			q.Details = append(q.Details, Interval(o.Due.Sub(now)))
		}
	}
	reply, err := r.p.Choose(ctx, q)
	if err != nil {
		return 0, false, err
	}
	if reply.IsCommand("q") {
		return proposed, true, nil
	}
	return fsrs.Rating(reply.Picks[0] + 1), false, nil
}

// Interval writes a duration as a rating button does: 10m, 5h, 3d, 2.5mo,
// 1.2y.
func Interval(d time.Duration) string {
	switch {
	case d < time.Hour:
		return fmt.Sprintf("%dm", max(1, int(d.Round(time.Minute)/time.Minute)))
	case d < 24*time.Hour:
		return fmt.Sprintf("%dh", int(d.Round(time.Hour)/time.Hour))
	}
	days := d.Hours() / 24
	switch {
	case days < 30:
		return fmt.Sprintf("%dd", int(days+0.5))
	case days < 365:
		return trimZero(fmt.Sprintf("%.1fmo", days/30)) // months as Anki counts them
	default:
		return trimZero(fmt.Sprintf("%.1fy", days/365))
	}
}

func trimZero(s string) string { return strings.Replace(s, ".0", "", 1) }

// record commits the answer and confirms it.
func (r *runner) record(ctx context.Context, c *deck.Card, a session.Answer) error {
	rev, err := r.s.Rate(ctx, c, a)
	if err != nil {
		return err
	}
	if r.s.Practice() {
		r.line("practised: %s · not rescheduled", Ratings[rev.Rating-1])
		return nil
	}
	next := r.s.When(rev.After.Due, rev.Time)
	if r.s.BeforeExam(c.ID) {
		next += " · " + session.BeforeExamNote
	}
	r.line("%s%s · next %s", SavedPrefix, Ratings[rev.Rating-1], next)
	return nil
}

// examNote names the ratings the exam cap would bring due before the exam,
// ahead of the rating question: "due before your exam: good, easy".
func (r *runner) examNote(c *deck.Card) {
	if r.s.Practice() {
		return
	}
	var capped []string
	for i, o := range r.s.Preview(c) {
		if o.BeforeExam {
			capped = append(capped, Ratings[i])
		}
	}
	if len(capped) > 0 {
		r.line("%s: %s", session.BeforeExamNote, strings.Join(capped, ", "))
	}
}

// undo undoes the last answer and reports whether there was one to undo,
// or says why not.
func (r *runner) undo(ctx context.Context) (bool, string, error) {
	rev, err := r.s.Undo(ctx)
	switch {
	case errors.Is(err, store.ErrNothingToUndo):
		return false, "nothing to undo in this session", nil
	case errors.Is(err, store.ErrUndoConflict):
		return false, fmt.Sprintf("cannot undo: %v", err), nil
	case err != nil:
		return false, "", err
	}
	r.line("undone: %s (%s); it is asked again", rev.CardID, Ratings[rev.Rating-1])
	return true, "", nil
}

// header is the card's header: its place among about as many as the
// session will ask and what is left, then its area and kind.
func (r *runner) header(c *deck.Card, st store.CardState, seq int, n session.Counts) string {
	left := fmt.Sprintf("%s · %s · %s",
		r.sc.Cyan(fmt.Sprintf("new %d", n.New)), r.sc.Red(fmt.Sprintf("learning %d", n.Learning)),
		r.sc.Green(fmt.Sprintf("review %d", n.Review)))
	tags := []string{c.Area, string(c.Kind)}
	switch st.State {
	case store.StateNew:
		tags = append(tags, "new")
	case store.StateLearning, store.StateRelearning:
		tags = append(tags, "again")
	}
	if r.s.Practice() {
		tags = append(tags, "practice, not rescheduled")
	}
	return r.sc.Dim(fmt.Sprintf("── card %d of ~%d", seq, seq-1+n.Total())) + r.sc.Dim(" · ") + left + r.sc.Dim(" ──") + "\n" +
		r.sc.Dim(strings.Join(tags, " · "))
}

func (r *runner) right(note string) {
	if note != "" {
		r.field(r.sc.Green("✔ right")+" — ", note)
		return
	}
	r.line("%s", r.sc.Green("✔ right"))
}

func (r *runner) wrongPicks(c *deck.Card, picked []string) {
	r.line("%s", r.sc.Red("✘ wrong"))
	for _, k := range c.Correct {
		r.field("answer:  ", k)
	}
	for _, p := range picked {
		if !slices.Contains(c.Correct, p) {
			r.field("not:     ", p)
		}
	}
}

// explain shows the explanation, and the proof when asked for.
func (r *runner) explain(c *deck.Card, proof bool) {
	if c.Explain != "" {
		r.field("explain: ", c.Explain)
	}
	if proof && c.Proof != "" {
		r.field("proof:   ", c.Proof)
	}
}

// field writes a labelled field, two spaces in, wrapped under itself.
func (r *runner) field(label, text string) {
	fmt.Fprintln(r.p, Hang("  "+label, text, r.width()))
}

func (r *runner) line(format string, args ...any) {
	fmt.Fprintln(r.p, Hang("  ", fmt.Sprintf(format, args...), r.width()))
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
