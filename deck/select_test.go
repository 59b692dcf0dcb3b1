package deck

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAreaAndDeckChecksNameWhatThereIs(t *testing.T) {
	set, err := Load(LoadOptions{})
	require.NoError(t, err)

	assert.NoError(t, set.Blueprint.CheckAreas(nil))
	assert.NoError(t, set.Blueprint.CheckAreas([]string{"volumes", "networks"}))
	err = set.Blueprint.CheckAreas([]string{"volumes", "volume"})
	require.Error(t, err)
	assert.Equal(t, `no knowledge area "volume"; the areas are arch, images, dockerfile, upload, containers, networks, volumes`, err.Error())

	assert.NoError(t, set.CheckDecks([]string{"volumes"}))
	err = set.CheckDecks([]string{"nope"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `no deck "nope"; the decks are `)
	assert.Contains(t, err.Error(), "volumes")
}

func TestSelectKeepsTheNamedDecksAndAreas(t *testing.T) {
	set, err := Load(LoadOptions{})
	require.NoError(t, err)

	all, err := set.Select(nil, nil)
	require.NoError(t, err)
	assert.Len(t, all, len(set.Cards()))

	vols, err := set.Select(nil, []string{"volumes"})
	require.NoError(t, err)
	require.NotEmpty(t, vols)
	assert.Len(t, vols, len(set.AreaCards("volumes")))
	for _, c := range vols {
		assert.Equal(t, "volumes", c.Area)
	}

	terms, err := set.Select([]string{"terms"}, []string{"volumes"})
	require.NoError(t, err)
	for _, c := range terms {
		assert.Equal(t, "terms", c.Deck)
		assert.Equal(t, "volumes", c.Area)
	}
	assert.Less(t, len(terms), len(vols))

	_, err = set.Select([]string{"nope"}, []string{"nowhere"})
	assert.ErrorContains(t, err, `no deck "nope"`, "the deck is checked first")
}

func TestCoveredObjectivesAreThoseWithCards(t *testing.T) {
	set, err := Load(LoadOptions{})
	require.NoError(t, err)
	covered := set.CoveredObjectives()
	assert.True(t, covered["702.1"])
	assert.False(t, covered["704.1"], "no deck covers Ansible")
	for id := range covered {
		_, ok := set.Blueprint.Objective(id)
		assert.True(t, ok, id)
	}
}
