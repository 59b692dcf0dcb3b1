package deck

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const proofNoneCard = `[[card]]
id = "img-search-hub"
area = "images"
kind = "choice"
prompt = "What does docker search nginx search?"
choices = ["Docker Hub", "The local images", "Every registry in daemon.json", "The build cache"]
correct = ["Docker Hub"]
explain = "docker search asks Docker Hub's search API."
`

func TestProofNoneSaysWhyACardHasNoProof(t *testing.T) {
	set, err := loadFiles(t, map[string]string{"x.toml": header + proofNoneCard +
		`proof_none = "docker search asks Docker Hub, which this lab cannot reach or stand in for"` + "\n"})
	require.NoError(t, err)
	c, ok := set.Card("img-search-hub")
	require.True(t, ok)
	assert.True(t, c.Unprovable())
	assert.False(t, c.Practical())
	counts := set.Counts()
	assert.Equal(t, 1, counts.Unprovable)
	assert.Equal(t, 0, counts.FactOnly())
}

func TestProofNoneIsRefusedBesideAProofOrWithoutAReason(t *testing.T) {
	for name, tc := range map[string]struct{ lines, want string }{
		"with a proof": {`proof = "images/TestX"` + "\n" + `proof_none = "docker search needs Docker Hub itself"` + "\n",
			`deck/decks/x.toml:15: card "img-search-hub": proof_none: a card names its proof or says why it has none, not both`},
		"no reason": {`proof_none = "hub"` + "\n",
			`deck/decks/x.toml:14: card "img-search-hub": proof_none: "hub": say in a sentence why`},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := loadFiles(t, map[string]string{"x.toml": header + proofNoneCard + tc.lines})
			require.Error(t, err)
			lines := errorLines(t, err)
			require.Len(t, lines, 1, "%v", lines)
			assert.True(t, strings.HasPrefix(lines[0], tc.want), "got %s\nwant %s", lines[0], tc.want)
		})
	}
}
