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

// TestEveryClozeLineGradesRight checks that a cloze card answered with its
// whole line, the blank filled in with the card's answer, grades right, as
// the blank alone does.
func TestEveryClozeLineGradesRight(t *testing.T) {
	set, err := deck.Load(deck.LoadOptions{})
	require.NoError(t, err)
	lines := 0
	for _, c := range set.Cards() {
		if c.Kind != deck.KindCloze {
			continue
		}
		v := grade.GradeCloze(grade.Mode(c.Grade), c.Prompt, c.Answer, c.Accept, c.Answer)
		assert.True(t, v.Right, "%s:%d: card %q: its own answer is graded wrong: %v", c.File, c.Line, c.ID, v.Reasons)
		if v.Line == "" {
			continue
		}
		lines++
		w := grade.GradeCloze(grade.Mode(c.Grade), c.Prompt, c.Answer, c.Accept, v.Line)
		assert.True(t, w.Right, "%s:%d: card %q: its whole line %q is graded wrong: %v", c.File, c.Line, c.ID, v.Line, w.Reasons)
	}
	assert.Positive(t, lines, "some cloze cards are lines a learner can type whole")
}
