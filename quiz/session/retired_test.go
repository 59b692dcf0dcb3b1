package session

import (
	"testing"

	"github.com/dockdrill/dockdrill/quiz/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A retired card (deck/retired.toml) keeps its history in the store, but
// no card has its id: the drill never asks it, whatever its state.
func TestARetiredCardsHistoryIsNeverAsked(t *testing.T) {
	c := newClock(t0)
	cfg := config(t, c, cards(1, "volumes"))
	cfg.States["volumes-0"] = reviewState("volumes-0", t0, 3, 2)
	cfg.States["vol-retired-due"] = reviewState("vol-retired-due", t0, 30, 1)
	learning := reviewState("vol-retired-learning", t0, 0, 1)
	learning.State = store.StateRelearning
	cfg.States["vol-retired-learning"] = learning
	s, err := New(cfg)
	require.NoError(t, err)
	assert.Equal(t, []string{"volumes-0"}, ids(s.queue))
	assert.Empty(t, s.learning)
	due, news, inLearning := s.Planned()
	assert.Equal(t, []int{1, 0, 0}, []int{due, news, inLearning}, "the retired ids are counted nowhere")
}
