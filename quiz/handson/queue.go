package handson

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/exercises/tasks"
)

// Doer does one task of a drill: in gives the learner's lines, out takes
// what the task shows.
type Doer func(ctx context.Context, c *deck.Card, in LineReader, out io.Writer) (Outcome, error)

// Doer returns what does a task of a drill on r's engine; a card whose
// checker this dockdrill does not have is skipped with a message.
func (r *Runner) Doer() Doer {
	return func(ctx context.Context, c *deck.Card, in LineReader, out io.Writer) (Outcome, error) {
		task, err := Checker(c)
		if err != nil {
			fmt.Fprintf(out, "%v; skipped\n", err)
			return Outcome{}, nil
		}
		rr := *r
		rr.In, rr.Out, rr.Prompted = in, out, true
		return rr.Run(ctx, c, task)
	}
}

// CheckDoer returns what does a task of a drill checked by check instead
// of a checker reading an engine (for tests): no Docker is asked, and r
// needs no Client.
func (r *Runner) CheckDoer(check func(ctx context.Context, c *deck.Card) []tasks.Result) Doer {
	return func(ctx context.Context, c *deck.Card, in LineReader, out io.Writer) (Outcome, error) {
		fmt.Fprintf(out, "Task %s (%s)\n\n%s\n", c.ID, c.Area, strings.TrimSpace(c.Prompt))
		o, err := Run(ctx, Config{Card: c, Check: func(ctx context.Context) []tasks.Result { return check(ctx, c) },
			In: in, Out: out, Now: r.Now, Prompted: true})
		if err != nil {
			return o, err
		}
		rr := *r
		rr.Out = out
		return o, rr.record(ctx, c, o)
	}
}

// Filter returns the cards in one of areas and one of decks (an empty list
// takes every one).
func Filter(cards []*deck.Card, areas, decks []string) []*deck.Card {
	var out []*deck.Card
	for _, c := range cards {
		if (len(areas) == 0 || slices.Contains(areas, c.Area)) && (len(decks) == 0 || slices.Contains(decks, c.Deck)) {
			out = append(out, c)
		}
	}
	return out
}

// Queue holds the hands-on tasks due in a drill and does them among its
// cards: one after every Every answers, and those still left when the
// cards run out after the last.
type Queue struct {
	Due   []*deck.Card
	Every int // answers between two tasks
	next  int // the number of answers after which the next task comes
	do    Doer
	close func()
	in    LineReader
	out   io.Writer
}

// NewQueue returns a queue of the due tasks, done by do; close is called
// by Close, after the drill.
func NewQueue(due []*deck.Card, do Doer, close func()) *Queue {
	return &Queue{Due: due, do: do, close: close}
}

// Spacing returns after how many cards each of n tasks comes in a drill of
// about cards cards, so that the tasks spread over the session:
// cards/(n+1), at least 1 (with 20 cards and 2 tasks, after the 6th and
// the 12th).
func Spacing(cards, n int) int { return max(1, cards/(n+1)) }

// Pending reports whether tasks are left to do.
func (q *Queue) Pending() bool { return q != nil && len(q.Due) > 0 }

// Close closes what the queue's tasks are done on.
func (q *Queue) Close() {
	if q.close != nil {
		q.close()
	}
}

// Start sets the queue for a drill of about cards cards: in gives the
// tasks' lines, out shows them.
func (q *Queue) Start(in LineReader, out io.Writer, cards int) {
	q.in, q.out = in, out
	q.Every = Spacing(cards, len(q.Due))
	q.next = q.Every
}

// Between is the drill's hook after each card answered: the next task when
// its turn has come; when the cards are over, every task left.
func (q *Queue) Between(ctx context.Context, answered int, over bool) error {
	if over {
		return q.Rest(ctx)
	}
	if !q.Pending() || answered < q.next {
		return nil
	}
	q.next = answered + q.Every
	return q.one(ctx)
}

// Rest does the tasks left.
func (q *Queue) Rest(ctx context.Context) error {
	for q.Pending() {
		if err := q.one(ctx); err != nil {
			return err
		}
	}
	return nil
}

// one does the next task; q in it skips the tasks after it.
func (q *Queue) one(ctx context.Context) error {
	c := q.Due[0]
	q.Due = q.Due[1:]
	fmt.Fprintln(q.out)
	o, err := q.do(ctx, c, q.in, q.out)
	if err != nil {
		return err
	}
	if o.Quit && len(q.Due) > 0 {
		n := "1 task"
		if len(q.Due) != 1 {
			n = fmt.Sprintf("%d tasks", len(q.Due))
		}
		fmt.Fprintf(q.out, "Tasks: %s skipped (q); the cards go on.\n", n)
		q.Due = nil
	}
	return nil
}
