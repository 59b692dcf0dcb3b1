// Package exam holds what dockdrill knows of the exam's form: how a raw
// score becomes a scaled one, the kinds of question and their mix, the chance
// of guessing a question, and the mock exam itself — assembling a form from
// the cards, scoring the answers and turning the result into a record for
// the store. It is pure: no I/O, no clock; callers pass a random source and
// the time.
package exam

import (
	"math"

	"github.com/dockdrill/dockdrill/deck"
)

// Scale turns a raw score (questions answered right) into the exam's scaled
// score. LPI scales every exam form on its own and publishes no formula, so
// dockdrill uses a piecewise-linear approximation anchored at three points:
// no answer right scores Min, the share PassRatio scores Pass, every answer
// right scores Max, linear in between. Without an estimate of the pass ratio
// in the blueprint the scale is one straight line from Min to Max, and
// PassRatio is where it crosses Pass.
type Scale struct {
	Min, Max, Pass int
	// PassRatio is the share of right answers that scores exactly Pass.
	PassRatio float64
}

// NewScale returns the scale of the exam described by e: its score range,
// its pass mark and, when the blueprint gives one, its pass ratio estimate.
func NewScale(e deck.Exam) Scale {
	s := Scale{Min: e.ScoreMin, Max: e.ScoreMax, Pass: e.ScorePass, PassRatio: e.PassRatioEstimate}
	if s.PassRatio <= 0 || s.PassRatio >= 1 {
		s.PassRatio = float64(e.ScorePass-e.ScoreMin) / float64(e.ScoreMax-e.ScoreMin)
	}
	return s
}

// Score returns the scaled score of right answers out of questions.
func (s Scale) Score(right, questions int) float64 {
	if questions <= 0 {
		return float64(s.Min)
	}
	r := float64(right) / float64(questions)
	if r <= s.PassRatio {
		return float64(s.Min) + float64(s.Pass-s.Min)*r/s.PassRatio
	}
	return float64(s.Pass) + float64(s.Max-s.Pass)*(r-s.PassRatio)/(1-s.PassRatio)
}

// Rounded returns Score rounded to a whole point, as the exam reports it.
func (s Scale) Rounded(right, questions int) int {
	return int(math.Round(s.Score(right, questions)))
}

// PassRaw returns the fewest right answers out of questions that pass: the
// smallest raw score whose share reaches PassRatio. Comparing raw scores
// with it avoids rounding in the scaled score at the pass mark.
func (s Scale) PassRaw(questions int) int {
	return int(math.Ceil(s.PassRatio*float64(questions) - 1e-9))
}

// Passed reports whether right answers out of questions pass.
func (s Scale) Passed(right, questions int) bool { return right >= s.PassRaw(questions) }
