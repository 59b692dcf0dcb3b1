package deck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// idPrefixes are the id prefixes of the built-in cards, one per knowledge
// area; cards of the terms deck start with "term-" instead.
var idPrefixes = map[string]string{
	"arch":       "arch-",
	"images":     "img-",
	"dockerfile": "df-",
	"upload":     "up-",
	"containers": "ctr-",
	"networks":   "net-",
	"volumes":    "vol-",
}

func TestBuiltinCardIDsFollowTheAreaPrefixes(t *testing.T) {
	set, err := Load(LoadOptions{})
	require.NoError(t, err)
	require.ElementsMatch(t, set.Blueprint.AreaIDs(), keys(idPrefixes), "every area has a prefix")
	for _, c := range set.Cards() {
		if c.Deck == "terms" {
			assert.True(t, strings.HasPrefix(c.ID, "term-"), "%s:%d: %s: a terms card's id starts with term-", c.File, c.Line, c.ID)
			continue
		}
		assert.True(t, strings.HasPrefix(c.ID, idPrefixes[c.Area]), "%s:%d: %s: a card of area %s has an id starting with %s", c.File, c.Line, c.ID, c.Area, idPrefixes[c.Area])
	}
}

func TestTermsDeckCoversTheThreeTerms(t *testing.T) {
	set, err := Load(LoadOptions{})
	require.NoError(t, err)
	d, ok := set.Deck("terms")
	require.True(t, ok)
	assert.GreaterOrEqual(t, len(d.Cards), 12)

	perTerm := map[string]int{}
	kinds := map[Kind]bool{}
	for _, c := range d.Cards {
		assert.NotEmpty(t, c.Terms, "%s names the terms it covers", c.ID)
		for _, term := range c.Terms {
			perTerm[term]++
		}
		kinds[c.Kind] = true
	}
	for _, term := range set.Blueprint.Terms {
		assert.GreaterOrEqual(t, perTerm[term.ID], 4, "term %s has cards", term.ID)
	}
	assert.Len(t, kinds, len(Kinds), "the terms deck mixes every kind")
}

// TestTermsDeckCorrectsTheNotes checks that the cards about the notes'
// known mistakes say where the notes were wrong.
func TestTermsDeckCorrectsTheNotes(t *testing.T) {
	set, err := Load(LoadOptions{})
	require.NoError(t, err)
	for _, id := range []string{"term-dockerfile-build-time", "term-dockerfile-run-when", "term-dockerfile-copy-when", "term-dockerfile-no-dir"} {
		c, ok := set.Card(id)
		require.True(t, ok, id)
		assert.Contains(t, strings.ToLower(c.Explain), "your notes", id)
	}
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestReadmeExamplesAreValidCards loads every example card of the
// authoring guide, so the guide cannot drift from the schema.
func TestReadmeExamplesAreValidCards(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("decks", "README.md"))
	require.NoError(t, err)
	var cards []string
	for _, block := range strings.Split(string(readme), "```toml\n")[1:] {
		block, _, _ = strings.Cut(block, "```")
		if strings.HasPrefix(block, "[[card]]") {
			cards = append(cards, block)
		}
	}
	require.Len(t, cards, len(Kinds), "one example per kind")
	deck := "[deck]\nid = \"readme\"\ntitle = \"README\"\ndescription = \"The guide's examples.\"\n\n" + strings.Join(cards, "\n")
	set, err := loadFiles(t, map[string]string{"readme.toml": deck})
	require.NoError(t, err)
	d, ok := set.Deck("readme")
	require.True(t, ok)
	kinds := map[Kind]bool{}
	for _, c := range d.Cards {
		kinds[c.Kind] = true
	}
	assert.Len(t, kinds, len(Kinds))
}
