package exam

import "github.com/dockdrill/dockdrill/deck"

// Predict returns the number of the form's questions the readiness model
// expects answered right: each question right with probability
// R + (1 - R)·g, R the recall of its card (its retrievability at the
// moment, 0 for a card never reviewed) and g the chance of guessing it
// (GuessChance).
func Predict(form []Question, recall func(*deck.Card) float64) float64 {
	sum := 0.0
	for _, q := range form {
		r := min(max(recall(q.Card), 0), 1)
		sum += r + (1-r)*GuessChance(q.Card)
	}
	return sum
}
