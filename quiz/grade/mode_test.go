package grade

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParseModeTakesTheDecksNames(t *testing.T) {
	for _, s := range []string{"docker", "dockerfile", "exact", "term", "path", ""} {
		m, err := ParseMode(s)
		assert.NoError(t, err, s)
		assert.Equal(t, Mode(s), m)
	}
	_, err := ParseMode("fuzzy")
	assert.EqualError(t, err, `unknown mode "fuzzy": want docker, dockerfile, exact or term`)
}
