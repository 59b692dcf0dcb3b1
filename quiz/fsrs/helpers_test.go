package fsrs

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// t0 is the first review time of the py-fsrs test suite.
var t0 = time.Date(2022, 11, 29, 12, 30, 0, 0, time.UTC)

// testParams are the settings of the py-fsrs tests: default weights and
// steps, fuzz off, and learner's days starting at UTC midnight. py-fsrs
// counts 24-hour periods; with reviews at the same time of day, or on the
// same UTC date, the two counts agree.
func testParams() Params {
	p := DefaultParams()
	p.EnableFuzz = false
	p.DayStart = 0
	p.Location = time.UTC
	return p
}

// newTestScheduler returns a scheduler with testParams changed by edit.
func newTestScheduler(t testing.TB, edit func(*Params)) *Scheduler {
	t.Helper()
	p := testParams()
	if edit != nil {
		edit(&p)
	}
	s, err := NewScheduler(p)
	require.NoError(t, err)
	return s
}

// pure drops the learning and relearning steps: every answer schedules in
// days, as fsrs-rs's memory model does.
func pure(p *Params) {
	p.LearningSteps, p.RelearningSteps = nil, nil
}

// rev is one review of an fsrs-rs FSRSItem: a rating and the days elapsed
// since the previous review (ignored for the first).
type rev struct {
	g Rating
	t int
}

// memoryState replays reviews the way fsrs-rs FSRS::memory_state does.
func (m *model) memoryState(revs []rev) (s, d float64) {
	for i, r := range revs {
		ret := 0.0
		if i > 0 && r.t > 0 {
			ret = m.retrievability(r.t, s)
		}
		s, d = m.next(s, d, i == 0, r.t, ret, r.g)
	}
	return s, d
}

// assertRel fails unless got is within a relative tolerance of want.
func assertRel(t *testing.T, want, got, tol float64, msg string, args ...any) {
	t.Helper()
	if math.Abs(got-want) > tol*math.Abs(want) {
		t.Errorf("%s: got %.9g, want %.9g (relative tolerance %g)", fmt.Sprintf(msg, args...), got, want, tol)
	}
}
