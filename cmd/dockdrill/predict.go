package main

import (
	"context"
	"fmt"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/exam"
	"github.com/dockdrill/dockdrill/quiz/readiness"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// predictForm returns the number of right answers the readiness model
// expects of the form now: each card's retrievability at this moment plus
// the chance of guessing it.
func predictForm(ctx context.Context, opts *Factory, st *store.Store, form []exam.Question, at time.Time) (float64, error) {
	sched, _, _, err := opts.StoredScheduler(ctx, st)
	if err != nil {
		return 0, err
	}
	states, err := st.CardStates(ctx)
	if err != nil {
		return 0, err
	}
	return exam.Predict(form, func(c *deck.Card) float64 {
		return readiness.Project(sched, states[c.ID], at)
	}), nil
}

// calibrationLine says how the model's predictions compared with the last
// mock exams' scores, plainly when they run high.
func calibrationLine(c *readiness.Calibration) string {
	s := fmt.Sprintf("Mock exams: over your last %s the model predicted %s right on average and you got %s",
		plural(c.Exams, "exam"), pct(c.Predicted), pct(c.Obtained))
	switch {
	case c.RunsHigh:
		return s + fmt.Sprintf(": its predictions run high, by %.0f points; read the pass probability as too optimistic.", 100*c.Gap)
	case c.Gap < -readiness.RunsHighAbove:
		return s + fmt.Sprintf(": its predictions run low, by %.0f points.", -100*c.Gap)
	}
	return s + fmt.Sprintf(": a gap of %+.0f points, within %.0f.", 100*c.Gap, 100*readiness.RunsHighAbove)
}
