package exam

import (
	"context"
	"errors"
	"time"

	"github.com/dockdrill/dockdrill/deck"
)

// ErrQuit is returned by an Asker when the learner ends the exam early.
var ErrQuit = errors.New("exam ended by the learner")

// Prompt is what an Asker shows for one question.
type Prompt struct {
	Question
	Number, Of int           // this is question Number of Of, from 1
	Left       time.Duration // time left on the clock when it is shown
	Marked     bool          // the learner marked it to come back to
	Given      Response      // the answer given before, if Given.Answered
}

// Move is where a Response takes the exam.
type Move int

const (
	// Answer: the Response holds an answer; on to the next question.
	Answer Move = iota
	// Next and Prev move to the next and the previous question, keeping
	// any answer given before.
	Next
	Prev
	// Mark marks the question, or takes the mark away, and asks it again.
	Mark
	// Review goes to the review before submitting (Navigator).
	Review
)

// A Navigator is an Asker that lets the learner move between the
// questions (Response.Move) and shows a review before the exam is
// submitted.
type Navigator interface {
	Asker
	// Review shows which questions are answered and marked and returns
	// the index of the question to go back to, or -1 to submit. It must
	// return when ctx is done, as Ask does.
	Review(ctx context.Context, s Sheet) (int, error)
}

// Sheet is the state of an exam at its review.
type Sheet struct {
	Answered []bool
	Marked   []bool
	Left     time.Duration
}

// Asker puts one question to the learner and returns the answer, without
// saying whether it is right. It must return when ctx is done (the time is
// up, or the exam is interrupted) with ctx's error, and may return ErrQuit.
type Asker interface {
	Ask(ctx context.Context, p Prompt) (Response, error)
}

// Session is a mock exam being sat: a form, a time limit and a clock.
type Session struct {
	Form  []Question
	Limit time.Duration
	Now   func() time.Time
	Grade Grader
	Scale Scale
	Areas []deck.Area // for the result's breakdown, in this order
	Seed  uint64
}

// Run asks the questions in order with the time left shown on each, and
// scores the answers once the last is given or the time is up. With a
// Navigator the learner may skip, go back and mark questions
// (Response.Move), and after the last question Review shows the sheet
// until the learner submits. No answer is
// graded before the end. A question is cut off when the time runs out while
// it is asked, and an answer that arrives after the time is up is not
// taken; those questions and every question not reached count wrong.
//
// When the learner quits (ErrQuit) or ctx is cancelled, Run returns the
// result so far, marked Abandoned, with ErrQuit or ctx's error.
func (s Session) Run(ctx context.Context, ask Asker) (Result, error) {
	started := s.Now()
	deadline := started.Add(s.Limit)
	responses := make([]Response, len(s.Form))
	marked := make([]bool, len(s.Form))
	nav, navigates := ask.(Navigator)
	var stop error
	for i := 0; ; {
		left := deadline.Sub(s.Now())
		if left <= 0 {
			break
		}
		qctx, cancel := context.WithTimeout(ctx, left)
		var (
			r   Response
			to  int
			err error
		)
		review := i >= len(s.Form)
		if review {
			answered := make([]bool, len(s.Form))
			for k, r := range responses {
				answered[k] = r.Answered
			}
			to, err = nav.Review(qctx, Sheet{Answered: answered, Marked: marked, Left: left})
		} else {
			r, err = ask.Ask(qctx, Prompt{Question: s.Form[i], Number: i + 1, Of: len(s.Form), Left: left, Marked: marked[i], Given: responses[i]})
		}
		timedOut := errors.Is(qctx.Err(), context.DeadlineExceeded) && ctx.Err() == nil
		cancel()
		if err != nil {
			if !timedOut {
				stop = err
			}
			break
		}
		if !s.Now().Before(deadline) {
			break // answered too late
		}
		if review {
			if to < 0 || to >= len(s.Form) {
				break // submitted
			}
			i = to
			continue
		}
		switch r.Move {
		case Answer:
			r.Answered = true
			responses[i] = r
			i++
		case Next:
			i++
		case Prev:
			i = max(0, i-1)
		case Mark:
			marked[i] = !marked[i]
		case Review:
			i = len(s.Form)
		}
		if i >= len(s.Form) && !navigates {
			break
		}
	}
	res := Score(s.Form, responses, s.Grade, s.Scale, s.Areas)
	res.Started, res.Finished, res.Seed = started, s.Now(), s.Seed
	if stop != nil {
		res.Abandoned = true
		return res, stop
	}
	return res, nil
}
