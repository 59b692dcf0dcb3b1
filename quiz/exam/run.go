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
// scores the answers once the last is given or the time is up. No answer is
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
	var stop error
	for i, q := range s.Form {
		left := deadline.Sub(s.Now())
		if left <= 0 {
			break
		}
		qctx, cancel := context.WithTimeout(ctx, left)
		r, err := ask.Ask(qctx, Prompt{Question: q, Number: i + 1, Of: len(s.Form), Left: left})
		timedOut := errors.Is(qctx.Err(), context.DeadlineExceeded) && ctx.Err() == nil
		cancel()
		if err != nil {
			if timedOut {
				break
			}
			stop = err
			break
		}
		if !s.Now().Before(deadline) {
			break // answered too late
		}
		r.Answered = true
		responses[i] = r
	}
	res := Score(s.Form, responses, s.Grade, s.Scale, s.Areas)
	res.Started, res.Finished, res.Seed = started, s.Now(), s.Seed
	if stop != nil {
		res.Abandoned = true
		return res, stop
	}
	return res, nil
}
