package exam

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/dockdrill/dockdrill/deck"
)

func TestPredictAddsRecallAndTheGuessChance(t *testing.T) {
	choice := &deck.Card{ID: "c", Kind: deck.KindChoice, Choices: []string{"a", "b", "c", "d"}, Correct: []string{"a"}}
	multi := &deck.Card{ID: "m", Kind: deck.KindMulti, Choices: []string{"a", "b", "c", "d"}, Correct: []string{"a", "b"}}
	typed := &deck.Card{ID: "t", Kind: deck.KindCommand}
	form := []Question{{Card: choice}, {Card: multi}, {Card: typed}}
	recall := map[string]float64{"c": 0.8, "m": 0.5, "t": 0.9}
	got := Predict(form, func(c *deck.Card) float64 { return recall[c.ID] })
	// 0.8 + 0.2/4, 0.5 + 0.5/6, 0.9 + 0.
	assert.InDelta(t, 0.85+0.5+0.5/6+0.9, got, 1e-12)
	// Never seen: guessing only.
	got = Predict(form, func(*deck.Card) float64 { return 0 })
	assert.InDelta(t, 0.25+1.0/6, got, 1e-12)
}
