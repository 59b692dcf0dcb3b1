package export

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dockdrill/dockdrill/deck"
)

func builtinCards(t *testing.T) []*deck.Card {
	t.Helper()
	set, err := deck.Load(deck.LoadOptions{})
	require.NoError(t, err)
	return set.Cards()
}

func TestOptionsAreAPermutationFixedByTheID(t *testing.T) {
	for _, c := range builtinCards(t) {
		if len(c.Choices) == 0 {
			assert.Nil(t, Options(c), c.ID)
			continue
		}
		got := Options(c)
		assert.ElementsMatch(t, c.Choices, got, "%s: every option once", c.ID)
		again := *c
		again.Choices = slices.Clone(c.Choices)
		again.Prompt, again.Explain = "edited", "edited"
		assert.Equal(t, got, Options(&again), "%s: the order depends on the id and options only", c.ID)
	}
}

// TestExportsDoNotGiveAwayTheAnswerByItsLetter checks the built-in decks as
// exported: the right option of a choice card is A about as often as
// chance says, not always; and a pick-N card's right options are not
// always its first letters.
func TestExportsDoNotGiveAwayTheAnswerByItsLetter(t *testing.T) {
	var choice, choiceA, multi, multiFirst int
	for _, c := range builtinCards(t) {
		opts := Options(c)
		switch c.Kind {
		case deck.KindChoice:
			choice++
			if opts[0] == c.Correct[0] {
				choiceA++
			}
		case deck.KindMulti:
			multi++
			first := opts[:len(c.Correct)]
			if slices.IndexFunc(first, func(o string) bool { return !slices.Contains(c.Correct, o) }) < 0 {
				multiFirst++
			}
		}
	}
	require.Positive(t, choice)
	require.Positive(t, multi)
	assert.Less(t, float64(choiceA)/float64(choice), 0.35, "choice cards with A right: %d of %d", choiceA, choice)
	assert.Less(t, float64(multiFirst)/float64(multi), 0.35, "pick-N cards with the first letters right: %d of %d", multiFirst, multi)
}

func TestBackNamesTheLettersTheFrontShows(t *testing.T) {
	for _, c := range builtinCards(t) {
		if len(c.Choices) == 0 {
			continue
		}
		byLetter := map[string]string{}
		_, opts, _ := strings.Cut(Front(c), c.Prompt+"\n\n")
		for _, line := range strings.Split(opts, "\n") {
			l, o, ok := strings.Cut(line, ". ")
			require.True(t, ok, "%s: %q", c.ID, line)
			byLetter[l] = o
		}
		answer, _, _ := strings.Cut(Back(c), "\n\n")
		var named []string
		for _, line := range strings.Split(answer, "\n") {
			l, o, ok := strings.Cut(line, ". ")
			require.True(t, ok, "%s: %q", c.ID, line)
			assert.Equal(t, byLetter[l], o, "%s: letter %s on the back is the same option on the front", c.ID, l)
			named = append(named, o)
		}
		assert.ElementsMatch(t, c.Correct, named, c.ID)
	}
}

func TestReExportIsByteIdentical(t *testing.T) {
	export := func() (anki, csv []byte) {
		cards := builtinCards(t) // a fresh load each time
		var a, c bytes.Buffer
		require.NoError(t, WriteAnki(&a, cards, AnkiOptions{HTML: true}))
		require.NoError(t, WriteCSV(&c, cards))
		return a.Bytes(), c.Bytes()
	}
	a1, c1 := export()
	a2, c2 := export()
	assert.True(t, bytes.Equal(a1, a2), "the Anki file")
	assert.True(t, bytes.Equal(c1, c2), "the CSV file")
}
