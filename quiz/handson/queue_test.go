package handson

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTaskSpacingSpreadsTheTasksOverTheSession(t *testing.T) {
	for _, tc := range []struct{ cards, tasks, every int }{
		{20, 2, 6}, // after the 6th and the 12th card
		{6, 2, 2},
		{40, 1, 20}, // in the middle
		{3, 5, 1},   // more tasks than cards: one after each, the rest at the end
		{0, 2, 1},
	} {
		assert.Equal(t, tc.every, Spacing(tc.cards, tc.tasks), "%d cards, %d tasks", tc.cards, tc.tasks)
	}
}
