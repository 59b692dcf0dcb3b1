package deck_test

import (
	"testing"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBuiltinItemsMeasureKnowledge holds the built-in decks to the
// item-writing targets of shared/docs/item-writing.md (issue 10), measured
// as shared/tools/item-stats measures them: a right option that is the
// longest too often, or much longer than the others, lets a learner pass
// without knowing Docker; and the exam asks a third of its questions as
// pick-N.
func TestBuiltinItemsMeasureKnowledge(t *testing.T) {
	set, err := deck.Load(deck.LoadOptions{})
	require.NoError(t, err)
	s := deck.ComputeItemStats(set.Cards())
	require.Positive(t, s.Single)
	assert.LessOrEqual(t, s.LongestShare(), 0.30, "single-choice cards whose right option is strictly the longest: %d of %d", s.CorrectLongest, s.Single)
	assert.LessOrEqual(t, s.MedianRatio, 1.15, "median length of the right option over the median of the others")
	assert.GreaterOrEqual(t, s.Multi, 60, "multi cards")
	assert.GreaterOrEqual(t, s.MultiShare(), 0.25, "multi cards among the picked ones: %d of %d", s.Multi, s.Picked)
	for _, area := range set.Blueprint.AreaIDs() {
		assert.GreaterOrEqual(t, s.PickN[area], 6, "pick-N cards (\"(choose N)\", 4 to 6 options) in area %s", area)
	}
}

func TestItemStatsCountAsItemStatsDoes(t *testing.T) {
	cards := []*deck.Card{
		// right strictly longest: 6 / median(1, 2, 3) = 3
		{ID: "a", Area: "arch", Kind: deck.KindChoice, Choices: []string{"abcdef", "a", "ab", "abc"}, Correct: []string{"abcdef"}},
		// a tie is not strictly longest: 2 / median(2, 1, 1) = 2
		{ID: "b", Area: "arch", Kind: deck.KindChoice, Choices: []string{"ab", "cd", "e", "f"}, Correct: []string{"ab"}},
		// characters, not bytes: 1 / median(2, 2, 4) = 0.5
		{ID: "c", Area: "arch", Kind: deck.KindChoice, Choices: []string{"→", "ab", "cd", "efgh"}, Correct: []string{"→"}},
		{ID: "d", Area: "images", Kind: deck.KindMulti, Prompt: "Which? (choose two)", Choices: []string{"a", "b", "c", "d"}, Correct: []string{"a", "b"}},
		{ID: "e", Area: "images", Kind: deck.KindMulti, Prompt: "Which two?", Choices: []string{"a", "b", "c", "d"}, Correct: []string{"a", "b"}},
		{ID: "f", Area: "arch", Kind: deck.KindFlash},
	}
	s := deck.ComputeItemStats(cards)
	assert.Equal(t, 3, s.Single)
	assert.Equal(t, 1, s.CorrectLongest)
	assert.InDelta(t, 2.0, s.MedianRatio, 1e-12)
	assert.Equal(t, 2, s.Multi)
	assert.Equal(t, 5, s.Picked)
	assert.Equal(t, map[string]int{"images": 1}, s.PickN, "only a prompt that says (choose N) is pick-N")
	assert.InDelta(t, 2.0, cards[0].LengthCue(), 1e-12, "6 characters over the longest wrong option's 3")
	assert.InDelta(t, 1.0, cards[1].LengthCue(), 1e-12)
	w := deck.Warnings(cards)
	require.Len(t, w, 1, "only a right option over 1.5× the longest wrong one is a give-away")
	assert.Equal(t, `card "a"`, w[0].Item)
}
