// Package deck holds the card model of dockdrill: the TOML decks the learner
// memorises, the blueprint of the exam they prepare for, and the loader and
// validator that turn both into checked data. Decks are data, never code:
// nothing in a deck is executed.
package deck

import "strings"

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

// KindTask is a hands-on task: the learner does it on their own Docker
// engine and a checker reads the result. It is no question kind: tasks are
// kept apart from the cards (Set.Tasks), so drills, exams and readiness
// never ask them as questions.
const KindTask Kind = "task"

// Kinds lists every kind in the order they are shown.
var Kinds = []Kind{KindCommand, KindCloze, KindChoice, KindMulti, KindFlash}

// Typed reports whether answers to this kind are typed and graded by
// dockdrill.
func (k Kind) Typed() bool { return k == KindCommand || k == KindCloze }

// Card is one question. Progress follows ID, so editing the text of a card
// keeps its schedule. The toml tags name the keys of a [[card]] table; the
// schema is documented in deck/decks/README.md.
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
	// Grade names the grader of a command or cloze card: GradeDocker,
	// GradeDockerfile, GradeExact or GradeTerm. The loader fills it in
	// when the deck leaves it out; see DefaultGrade.
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
	// ProofNone says why a card that claims a behaviour has no proof: the
	// claim needs what the lab cannot make (Docker Hub, another machine).
	ProofNone string `toml:"proof_none"`

	// Check, Solution, Cleanup and Needs belong to task cards (KindTask).
	// Check names the checker in exercises/tasks that reads the learner's
	// engine; Solution is the reference commands, shown as text and never
	// executed; Cleanup lists the objects the task creates, written
	// kind:name (container:dd-cache, volume:dd-data, network:dd-net,
	// image:dd-app:1); Needs lists what dockdrill sets up first
	// (NeedRegistry, NeedFolder).
	Check    string   `toml:"check"`
	Solution string   `toml:"solution"`
	Cleanup  []string `toml:"cleanup"`
	Needs    []string `toml:"needs"`

	// Where the card was read from, for messages: the deck's id, the file
	// as shown to the user, and the line of the card's [[card]] header.
	Deck string `toml:"-"`
	File string `toml:"-"`
	Line int    `toml:"-"`
}

// The graders of typed answers, named by Card.Grade.
const (
	GradeDocker     = "docker"     // a docker command line: options may be reordered or spelled long
	GradeDockerfile = "dockerfile" // a Dockerfile instruction: the keyword's case is ignored
	GradeExact      = "exact"      // typed exactly, as on the exam
	GradeTerm       = "term"       // case and surrounding space ignored
)

// Grades lists every grader.
var Grades = []string{GradeDocker, GradeDockerfile, GradeExact, GradeTerm}

// Instructions are the keywords of Docker's Dockerfile reference, in the
// reference's order, plus the deprecated MAINTAINER.
var Instructions = []string{
	"FROM", "RUN", "CMD", "LABEL", "MAINTAINER", "EXPOSE", "ENV", "ADD", "COPY",
	"ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL",
	"HEALTHCHECK", "SHELL",
}

// IsInstruction reports whether word is a Dockerfile instruction keyword, in
// any case.
func IsInstruction(word string) bool {
	for _, in := range Instructions {
		if strings.EqualFold(word, in) {
			return true
		}
	}
	return false
}

// DefaultGrade is the grader of a typed answer whose card names none:
// GradeDocker when the answer starts with "docker ", GradeDockerfile when its
// first word is a Dockerfile instruction keyword in any case, else GradeExact.
func DefaultGrade(answer string) string {
	if strings.HasPrefix(answer, "docker ") {
		return GradeDocker
	}
	if words := strings.Fields(answer); len(words) > 0 && IsInstruction(words[0]) {
		return GradeDockerfile
	}
	return GradeExact
}

// What a task card's needs may name.
const (
	NeedRegistry = "registry" // a registry on a free 127.0.0.1 port
	NeedFolder   = "folder"   // a build folder under the data directory, with the task's given files
)

// Needs lists every need a task may name.
var Needs = []string{NeedRegistry, NeedFolder}

// CleanupKinds are the kinds of object a task's cleanup may name.
var CleanupKinds = []string{"container", "volume", "network", "image"}

// Task reports whether the card is a hands-on task.
func (c *Card) Task() bool { return c.Kind == KindTask }

// CleanupObject splits a cleanup entry into its kind and name.
func CleanupObject(entry string) (kind, name string) {
	kind, name, _ = strings.Cut(entry, ":")
	return kind, name
}

// Practical reports whether the card is backed by a proof on a real engine.
func (c *Card) Practical() bool { return c.Proof != "" }

// Unprovable reports whether the card claims a behaviour that no proof can
// show here, and says why (ProofNone).
func (c *Card) Unprovable() bool { return c.ProofNone != "" }

// ProofPackage is the exercises package of the card's proof, e.g. "volumes";
// empty when the card has none.
func (c *Card) ProofPackage() string {
	pkg, _, _ := strings.Cut(c.Proof, "/")
	return pkg
}

// ProofTest is the test function of the card's proof, e.g.
// "TestNamedVolumeSurvivesRedisRestart"; empty when the card has none.
func (c *Card) ProofTest() string {
	_, test, _ := strings.Cut(c.Proof, "/")
	return test
}
