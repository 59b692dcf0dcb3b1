package exam

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dockdrill/dockdrill/deck"
)

func cardIDs(form []Question) []string {
	var ids []string
	for _, q := range form {
		ids = append(ids, q.Card.ID)
	}
	return ids
}

// The same seed draws the same form; the areas asked are the covered ones,
// or those named.
func TestDrawIsRepeatableAndKeepsToTheAreas(t *testing.T) {
	set, err := deck.Load(deck.LoadOptions{})
	require.NoError(t, err)
	mix := DefaultMix(set.Blueprint)

	a, areas, err := Draw(set, nil, nil, 12, mix, 42)
	require.NoError(t, err)
	b, _, err := Draw(set, nil, nil, 12, mix, 42)
	require.NoError(t, err)
	assert.Equal(t, cardIDs(a), cardIDs(b))
	assert.Len(t, a, 12)
	covered := set.CoveredObjectives()
	for _, ar := range areas {
		assert.True(t, covered[ar.Objective], ar.ID)
	}

	c, _, err := Draw(set, nil, nil, 12, mix, 43)
	require.NoError(t, err)
	assert.NotEqual(t, cardIDs(a), cardIDs(c), "another seed, another form")

	vol, areas, err := Draw(set, []string{"volumes"}, nil, 5, mix, 1)
	require.NoError(t, err)
	require.Len(t, areas, 1)
	assert.Equal(t, "volumes", areas[0].ID)
	for _, q := range vol {
		assert.Equal(t, "volumes", q.Card.Area)
	}
}
