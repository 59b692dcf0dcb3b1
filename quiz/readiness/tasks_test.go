package readiness

import (
	"testing"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTasksPassedCountAsHandsOnBesideTheProofs(t *testing.T) {
	cards := makeCards(t, deck.KindCommand, 2)
	for _, c := range cards {
		if c.Area == "volumes" {
			c.Proof = "volumes/TestV"
		}
	}
	tasks := []*deck.Card{
		{ID: "vol-task-a", Area: "volumes", Kind: deck.KindTask},
		{ID: "vol-task-b", Area: "volumes", Kind: deck.KindTask},
		{ID: "arch-task-c", Area: "arch", Kind: deck.KindTask},
	}
	reviews := []store.Review{
		{CardID: "vol-task-a", Rating: store.Good},
		{CardID: "vol-task-b", Rating: store.Again}, // not passed
		{CardID: "volumes-command-0", Rating: store.Good},
	}
	passed := TasksPassed(tasks, reviews)
	assert.Equal(t, map[string]bool{"vol-task-a": true}, passed, "only tasks, only passes")

	o := options(t, cards)
	o.Tasks = tasks
	r, err := Compute(o, Data{
		Proofs:      []store.ProofResult{{Proof: "volumes/TestV", Time: now, Passed: true}},
		TasksPassed: passed,
	})
	require.NoError(t, err)
	v := area(t, r, "volumes")
	assert.Equal(t, Ratio{N: 1, Of: 2}, v.Tasks)
	assert.Equal(t, Ratio{N: 2, Of: 3}, v.HandsOn, "one proof and two tasks, the proof and one task passed")
	a := area(t, r, "arch")
	assert.Equal(t, Ratio{N: 0, Of: 1}, a.HandsOn, "an area with a task but no proof has hands-on to measure")
}
