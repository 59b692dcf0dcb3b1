package deck_test

import (
	"testing"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/grade"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEveryTypedAnswerGradesRight checks the built-in decks against the
// grader: a card's own answer, and each answer it accepts, must grade right,
// or a learner typing exactly what the card says would be told it is wrong.
// An answer the docker CLI would reject fails here too.
func TestEveryTypedAnswerGradesRight(t *testing.T) {
	set, err := deck.Load(deck.LoadOptions{})
	require.NoError(t, err)
	for _, c := range set.Cards() {
		if !c.Kind.Typed() {
			continue
		}
		for _, typed := range append([]string{c.Answer}, c.Accept...) {
			v := grade.Grade(grade.Mode(c.Grade), c.Answer, c.Accept, typed)
			assert.True(t, v.Right, "%s:%d: card %q (grade %s): typing %q is graded wrong: %v", c.File, c.Line, c.ID, c.Grade, typed, v.Reasons)
		}
	}
}
