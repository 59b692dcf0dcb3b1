// Package handson runs one hands-on task: it waits while the learner works
// on their own Docker engine, checks on request, shows the solution on
// request, and turns what happened into a review of the task card.
package handson

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/exercises/tasks"
	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/schedule"
	"github.com/dockdrill/dockdrill/quiz/session"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// LineReader gives the learner's input a line at a time: the line without
// its end, io.EOF when the input has ended.
type LineReader interface {
	Next(ctx context.Context) (string, error)
}

// Config is one run of a task.
type Config struct {
	Card  *deck.Card
	Check func(ctx context.Context) []tasks.Result // reads the engine
	In    LineReader                               // one command a line: empty (Enter) checks, s solution, q leaves
	Out   io.Writer
	Now   func() time.Time
	// Prompted says that In shows its own prompt (a drill's prompter):
	// Run then writes no "> " of its own.
	Prompted bool
}

// Outcome is what happened during a run.
type Outcome struct {
	Checks        int  // checks made
	Passed        bool // the last check passed every item
	SolutionShown bool // the solution was shown before the task passed
	Quit          bool // the learner left before it passed
	Took          time.Duration
	Last          []tasks.Result
}

// Rating is the review the outcome earns: Again when the solution was shown
// first; Good when the first check passed (Easy under a minute); Hard when
// it passed after a failed check. A run left unfinished earns none (0).
func (o Outcome) Rating() fsrs.Rating {
	switch {
	case o.SolutionShown:
		return fsrs.Again
	case !o.Passed:
		return 0
	case o.Checks == 1 && o.Took < time.Minute:
		return fsrs.Easy
	case o.Checks == 1:
		return fsrs.Good
	default:
		return fsrs.Hard
	}
}

// Keys is the line that tells the learner what they can type.
const Keys = "Enter: check · s: show the solution · q: leave"

// Run waits for the learner's commands until the task passes, the learner
// leaves, or In ends.
func Run(ctx context.Context, cfg Config) (Outcome, error) {
	start := cfg.Now()
	var o Outcome
	prompt := "> "
	if cfg.Prompted {
		prompt = ""
	}
	fmt.Fprintf(cfg.Out, "\n%s\n%s", Keys, prompt)
	for {
		line, err := cfg.In.Next(ctx)
		if err != nil {
			if err != io.EOF {
				o.Took = cfg.Now().Sub(start)
				return o, err
			}
			o.Quit = true
			o.Took = cfg.Now().Sub(start)
			return o, nil
		}
		if err := ctx.Err(); err != nil {
			return o, err
		}
		switch cmd := strings.ToLower(strings.TrimSpace(line)); cmd {
		case "", "c", "check":
			o.Checks++
			took := time.Now()
			o.Last = cfg.Check(ctx)
			elapsed := time.Since(took)
			o.Passed = tasks.Passed(o.Last)
			fmt.Fprintf(cfg.Out, "check %d (%s):\n%s", o.Checks, elapsed.Round(time.Millisecond), tasks.Format(o.Last))
			if o.Passed {
				o.Took = cfg.Now().Sub(start)
				fmt.Fprintf(cfg.Out, "All %d items pass. Done in %s.\n", len(o.Last), o.Took.Round(time.Second))
				if !o.SolutionShown {
					fmt.Fprintf(cfg.Out, "\nThe reference solution:\n%s\n", indent(cfg.Card.Solution))
				}
				fmt.Fprintf(cfg.Out, "\n%s\n", cfg.Card.Explain)
				return o, nil
			}
			failed := 0
			for _, r := range o.Last {
				if !r.OK {
					failed++
				}
			}
			fmt.Fprintf(cfg.Out, "%d of %d items missing. Fix them and press Enter to check again.\n%s", failed, len(o.Last), prompt)
		case "s", "solution":
			o.SolutionShown = true
			fmt.Fprintf(cfg.Out, "\nThe reference solution (do it yourself, then check):\n%s\n\n%s\n%s", indent(cfg.Card.Solution), cfg.Card.Explain, prompt)
		case "q", "quit":
			o.Quit = true
			o.Took = cfg.Now().Sub(start)
			return o, nil
		default:
			fmt.Fprintf(cfg.Out, "%q? %s\n%s", cmd, Keys, prompt)
		}
	}
}

// Lines reads the learner's input a line at a time, and lets a read be
// given up when ctx ends (Ctrl-C) while the line is still being typed. It
// reads no further ahead than the line asked for, so the reader can be
// handed on afterwards.
type Lines struct {
	r       *bufio.Reader
	pending chan lineResult // the read under way, if any
}

type lineResult struct {
	line string
	err  error
}

// NewLines reads lines from r.
func NewLines(r *bufio.Reader) *Lines { return &Lines{r: r} }

// Next returns the next line without its end; io.EOF when the input ended
// before one began; ctx's error when ctx ended first (the line, once
// typed, is returned by the next call).
func (l *Lines) Next(ctx context.Context) (string, error) {
	if l.pending == nil {
		ch := make(chan lineResult, 1)
		l.pending = ch
		go func() {
			line, err := l.r.ReadString('\n')
			if err == io.EOF && line != "" {
				err = nil
			}
			ch <- lineResult{strings.TrimRight(line, "\r\n"), err}
		}()
	}
	select {
	case res := <-l.pending:
		l.pending = nil
		return res.line, res.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(strings.TrimSpace(s), "\n", "\n  ")
}

// Record schedules the card with the outcome's rating at now and commits
// the review; an outcome without a rating records nothing.
func Record(ctx context.Context, st *store.Store, sched *fsrs.Scheduler, c *deck.Card, o Outcome, sessionID string, now time.Time) (store.Review, bool, error) {
	rating := o.Rating()
	if rating == 0 {
		return store.Review{}, false, nil
	}
	states, err := st.CardStates(ctx)
	if err != nil {
		return store.Review{}, false, err
	}
	now = time.UnixMilli(now.UnixMilli()).UTC()
	before := states[c.ID]
	before.CardID = c.ID
	after := sched.Review(schedule.Card(before), rating, now, fsrs.FuzzSeed(c.ID, before.Reps))
	verdict := store.VerdictRight
	if !o.Passed || o.SolutionShown {
		verdict = store.VerdictWrong
	}
	r := store.Review{
		SessionID: sessionID,
		CardID:    c.ID,
		Time:      now,
		Rating:    int(rating),
		Typed:     fmt.Sprintf("task: %d checks", o.Checks),
		Verdict:   verdict,
		Took:      max(0, o.Took).Truncate(time.Millisecond),
		Before:    before,
		After:     schedule.State(c.ID, after),
		CardHash:  session.CardHash(c),
	}
	id, err := st.RecordReview(context.WithoutCancel(ctx), r)
	r.ID = id
	return r, err == nil, err
}

// Next returns the task to do now: the due task whose due time is
// earliest, else the first new task in deck order; ok is false when every
// task is scheduled for later, and next is then the one due first.
func Next(cards []*deck.Card, states map[string]store.CardState, now time.Time) (c *deck.Card, ok bool) {
	var due, later *deck.Card
	for _, t := range cards {
		st, seen := states[t.ID]
		switch {
		case !seen || st.State == store.StateNew:
			continue
		case !st.Due.After(now):
			if due == nil || st.Due.Before(states[due.ID].Due) {
				due = t
			}
		default:
			if later == nil || st.Due.Before(states[later.ID].Due) {
				later = t
			}
		}
	}
	if due != nil {
		return due, true
	}
	for _, t := range cards {
		if st, seen := states[t.ID]; !seen || st.State == store.StateNew {
			return t, true
		}
	}
	return later, false
}

// Due returns the tasks due at now (reviewed before and due), earliest
// first.
func Due(cards []*deck.Card, states map[string]store.CardState, now time.Time) []*deck.Card {
	var out []*deck.Card
	for _, t := range cards {
		if st, seen := states[t.ID]; seen && st.State != store.StateNew && !st.Due.After(now) {
			out = append(out, t)
		}
	}
	slices.SortStableFunc(out, func(a, b *deck.Card) int { return states[a.ID].Due.Compare(states[b.ID].Due) })
	return out
}
