// Package deck holds the card model of dockdrill: the TOML decks the learner
// memorises, the blueprint of the exam they prepare for, and the loader and
// validator that turn both into checked data. Decks are data, never code:
// nothing in a deck is executed.
package deck

// Kind is the kind of a card; it decides how the card is asked and graded.
type Kind string

// The kinds of card. Command and cloze are typed; choice and multi are picked
// from a list; flash is recalled freely and graded by the learner.
const (
	KindCommand Kind = "command" // a typed answer graded by the command grader
	KindCloze   Kind = "cloze"   // a typed blank inside a snippet or command line
	KindChoice  Kind = "choice"  // one correct of 4-5 choices
	KindMulti   Kind = "multi"   // exactly N correct, no partial credit
	KindFlash   Kind = "flash"   // free recall, self-graded
)

// Kinds lists every kind in the order they are shown.
var Kinds = []Kind{KindCommand, KindCloze, KindChoice, KindMulti, KindFlash}

// Typed reports whether answers to this kind are typed and graded by
// dockdrill.
func (k Kind) Typed() bool { return k == KindCommand || k == KindCloze }

// Card is one question. Progress follows ID, so editing the text of a card
// keeps its schedule.
type Card struct {
	ID     string   `toml:"id"`
	Area   string   `toml:"area"` // a knowledge area id of the blueprint
	Kind   Kind     `toml:"kind"`
	Prompt string   `toml:"prompt"`
	Tags   []string `toml:"tags"`
	Terms  []string `toml:"terms"` // blueprint term ids the card covers

	// Answer is the canonical answer of command, cloze and flash cards;
	// Accept lists the other typed answers that count as right.
	Answer string   `toml:"answer"`
	Accept []string `toml:"accept"`
	// Grade names the grader for typed answers: "docker" (a docker command
	// line), "dockerfile" (a Dockerfile instruction), "path" (exact), or
	// "term" (case and surrounding space ignored). Empty means the loader's
	// default for the answer.
	Grade string `toml:"grade"`

	// Choices and Correct belong to choice and multi cards; every entry
	// of Correct is one of Choices.
	Choices []string `toml:"choices"`
	Correct []string `toml:"correct"`

	Explain string `toml:"explain"` // why, and the usual mistake
	Hint    string `toml:"hint"`
	// Proof names the exercise that proves a practical card, written
	// package/TestName, for example volumes/TestNamedVolumeSurvivesRedisRestart.
	Proof string `toml:"proof"`

	// Where the card was read from, for messages.
	Deck string `toml:"-"`
	File string `toml:"-"`
	Line int    `toml:"-"`
}
