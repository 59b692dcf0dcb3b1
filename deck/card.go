package deck

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Deck is one deck file: a [deck] header and its cards.
type Deck struct {
	ID          string
	Title       string
	Description string
	Cards       []*Card
	Tasks       []*Card // the deck's task cards (KindTask), kept apart from Cards

	File    string // the file as shown to the user
	Line    int    // the line of the [deck] header
	Builtin bool   // embedded in dockdrill rather than read from the user's disk

	// rejected are the cards left out for their problems; their ids
	// still count when Load looks for ids used twice.
	rejected []*Card
}

var (
	deckFileKeys = []string{"deck", "card"}
	deckKeys     = []string{"id", "title", "description"}
	// cardKeys is every key a card may have, in the order they are
	// documented; kindKeys says which of the answer keys each kind takes.
	cardKeys   = []string{"id", "area", "kind", "prompt", "answer", "accept", "grade", "choices", "correct", "explain", "hint", "tags", "terms", "proof", "proof_none", "check", "solution", "cleanup", "needs"}
	taskKeys   = []string{"check", "solution", "cleanup", "needs"}
	answerKeys = []string{"answer", "accept", "grade", "choices", "correct"}
	kindKeys   = map[Kind][]string{
		KindCommand: {"answer", "accept", "grade"},
		KindCloze:   {"answer", "accept", "grade"},
		KindFlash:   {"answer", "accept"},
		KindChoice:  {"choices", "correct"},
		KindMulti:   {"choices", "correct"},
	}
)

var (
	// proofPattern is package/TestName; the package is an area id.
	proofPattern = regexp.MustCompile(`^([a-z][a-z0-9]*)/(Test[A-Z][A-Za-z0-9_]*)$`)
	// countPatterns match the number of answers a multi card's prompt
	// must state, as a digit or a word.
	countPatterns = map[int]*regexp.Regexp{}
)

const maxIDLen = 64

func init() {
	words := []string{"zero", "one", "two", "three", "four", "five", "six"}
	for n := 2; n < len(words); n++ {
		countPatterns[n] = regexp.MustCompile(`(?i)\b(` + strconv.Itoa(n) + `|` + words[n] + `)\b`)
	}
}

// parseDeck reads and checks one deck file against bp; a nil bp skips the
// checks that need a blueprint. Every problem is added to errs. It returns
// the deck with the cards that passed every check, or nil when the file has
// no usable [deck] header.
func parseDeck(file string, data []byte, bp *Blueprint, errs *Errors) *Deck {
	m, pos, ok := decodeTOML(file, data, errs)
	if !ok {
		return nil
	}
	root := &table{m: m, file: file, pos: pos, errs: errs}
	root.unknown(deckFileKeys)

	var d *Deck
	if h, ok := root.subtable("deck"); ok {
		h.item = "deck"
		h.unknown(deckKeys)
		d = &Deck{File: file, Line: h.line("")}
		id, idOK := h.required("id")
		if idOK {
			idOK = checkID(h, id)
		}
		d.ID = id
		title, titleOK := h.required("title")
		d.Title = title
		d.Description, _ = h.required("description")
		if !idOK || !titleOK {
			d = nil
		}
	}

	cards, ok := root.tables("card")
	if !ok && !root.has("card") {
		root.errs.add(file, 0, "", "card", "no cards; add [[card]] tables")
	}
	for _, t := range cards {
		before := errs.Len()
		c := parseCard(t, bp)
		if d == nil {
			continue
		}
		c.Deck, c.File = d.ID, file
		if errs.Len() == before {
			d.Cards = append(d.Cards, c)
		} else if c.ID != "" {
			d.rejected = append(d.rejected, c)
		}
	}
	return d
}

// checkID reports an id that is not lower-case words joined by hyphens.
func checkID(t *table, id string) bool {
	if len(id) > maxIDLen || !validID(id) {
		t.errorf("id", "%q must be lower-case letters and digits joined by hyphens, starting with a letter, at most %d characters", id, maxIDLen)
		return false
	}
	return true
}

// validID reports whether id is lower-case words of letters and digits
// joined by single hyphens, starting with a letter: ^[a-z][a-z0-9]*(-[a-z0-9]+)*$.
func validID(id string) bool {
	if id == "" || id[0] < 'a' || id[0] > 'z' || id[len(id)-1] == '-' {
		return false
	}
	for i := 1; i < len(id); i++ {
		switch c := id[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && id[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// validTag reports whether tag matches ^[a-z0-9][a-z0-9._-]*$.
func validTag(tag string) bool {
	for i := 0; i < len(tag); i++ {
		switch c := tag[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case i > 0 && (c == '.' || c == '_' || c == '-'):
		default:
			return false
		}
	}
	return tag != ""
}

// countBlanks counts the cloze blanks in s: runs of four or more
// underscores.
func countBlanks(s string) int {
	n, run := 0, 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] == '_' {
			run++
			continue
		}
		if run >= 4 {
			n++
		}
		run = 0
	}
	return n
}

// parseCard reads one [[card]] table; problems go to t.errs.
func parseCard(t *table, bp *Blueprint) *Card {
	c := &Card{Line: t.line("")}
	t.unknown(cardKeys)

	var ok bool
	if c.ID, ok = t.required("id"); ok {
		checkID(t, c.ID)
	}
	if c.Area, ok = t.required("area"); ok && bp != nil {
		if _, found := bp.Area(c.Area); !found {
			t.errorf("area", "%q is not a knowledge area of exam %s (%s)", c.Area, bp.Exam.ID, strings.Join(bp.AreaIDs(), ", "))
		}
	}
	kind, kindOK := t.required("kind")
	c.Kind = Kind(kind)
	if kindOK && !slices.Contains(Kinds, c.Kind) && c.Kind != KindTask {
		t.errorf("kind", "%q is not a card kind (%s)", kind, kindList())
		kindOK = false
	}
	c.Prompt, _ = t.required("prompt")
	c.Explain, _ = t.required("explain")
	c.Hint, _ = t.str("hint")
	if t.has("hint") && c.Hint == "" {
		t.errorf("hint", "empty; leave the key out instead")
	}
	if tags, ok := t.strs("tags"); ok {
		for _, tag := range tags {
			if !validTag(tag) {
				t.errorf("tags", "%q must be lower-case letters, digits, '.', '_' and '-'", tag)
			}
		}
		c.Tags = tags
	}
	if terms, ok := t.strs("terms"); ok {
		for _, term := range terms {
			if bp == nil {
				continue
			}
			if _, found := bp.Term(term); !found {
				t.errorf("terms", "%q is not a term of exam %s (%s)", term, bp.Exam.ID, termList(bp))
			}
		}
		c.Terms = terms
	}
	if c.Proof, ok = t.str("proof"); ok {
		checkProof(t, c.Proof, bp)
	}
	if c.ProofNone, ok = t.str("proof_none"); ok {
		checkProofNone(t, c)
	}

	if !kindOK {
		return c
	}
	// Answer keys another kind takes are reported as not allowed here.
	allowed := kindKeys[c.Kind]
	for _, key := range answerKeys {
		if t.has(key) && !slices.Contains(allowed, key) {
			t.errorf(key, "not allowed in a %s card (a %s card takes %s)", c.Kind, c.Kind, strings.Join(allowed, ", "))
		}
	}
	if c.Kind != KindTask {
		for _, key := range taskKeys {
			if t.has(key) {
				t.errorf(key, "not allowed in a %s card (only a task card takes %s)", c.Kind, strings.Join(taskKeys, ", "))
			}
		}
	}
	switch c.Kind {
	case KindTask:
		parseTask(t, c)
	case KindCommand, KindCloze, KindFlash:
		parseTyped(t, c)
	case KindChoice, KindMulti:
		parseChoices(t, c)
	}
	return c
}

// parseTyped reads the answer of a command, cloze or flash card.
func parseTyped(t *table, c *Card) {
	c.Answer, _ = t.required("answer")
	c.Accept, _ = t.strs("accept")
	for _, a := range c.Accept {
		if a == c.Answer {
			t.errorf("accept", "%q repeats the answer", a)
		}
	}
	if c.Kind == KindFlash {
		return
	}
	for i, a := range append([]string{c.Answer}, c.Accept...) {
		key := "answer"
		if i > 0 {
			key = "accept"
		}
		if strings.ContainsAny(a, "\r\n") {
			t.errorf(key, "a typed answer is one line")
		}
		if countBlanks(a) > 0 {
			t.errorf(key, "contains a blank (____); the blank belongs in the prompt")
		}
	}
	if c.Kind == KindCloze && c.Prompt != "" {
		if n := countBlanks(c.Prompt); n != 1 {
			t.errorf("prompt", "a cloze prompt has exactly one blank written ____ (four or more underscores), not %d", n)
		}
	}
	grade, explicit := t.str("grade")
	switch {
	case !explicit:
		c.Grade = DefaultGrade(c.Answer)
	case !slices.Contains(Grades, grade):
		t.errorf("grade", "%q is not a grader (%s)", grade, strings.Join(Grades, ", "))
	default:
		c.Grade = grade
		checkGrade(t, c)
	}
}

// checkGrade reports answers a chosen grader cannot read.
func checkGrade(t *table, c *Card) {
	for i, a := range append([]string{c.Answer}, c.Accept...) {
		key := "answer"
		if i > 0 {
			key = "accept"
		}
		switch c.Grade {
		case GradeDocker:
			if !strings.HasPrefix(a, "docker ") {
				t.errorf(key, "%q does not start with \"docker \", which grade = \"docker\" needs", a)
			}
		case GradeDockerfile:
			if words := strings.Fields(a); len(words) == 0 || !IsInstruction(words[0]) {
				t.errorf(key, "%q does not start with a Dockerfile instruction, which grade = \"dockerfile\" needs", a)
			}
		}
	}
}

// parseChoices reads the choices and correct answers of a choice or multi
// card.
func parseChoices(t *table, c *Card) {
	choicesOK := false
	if !t.has("choices") {
		t.errorf("choices", "missing")
	} else {
		c.Choices, choicesOK = t.strs("choices")
	}
	lo, hi := 4, 5
	if c.Kind == KindMulti {
		hi = 6
	}
	if choicesOK && (len(c.Choices) < lo || len(c.Choices) > hi) {
		t.errorf("choices", "a %s card has %d to %d choices, not %d", c.Kind, lo, hi, len(c.Choices))
	}
	if !t.has("correct") {
		t.errorf("correct", "missing")
		return
	}
	var correctOK bool
	if c.Correct, correctOK = t.strs("correct"); !correctOK {
		return
	}
	if choicesOK {
		for _, a := range c.Correct {
			if !slices.Contains(c.Choices, a) {
				t.errorf("correct", "%q is not one of choices", a)
			}
		}
	}
	n := len(c.Correct)
	switch c.Kind {
	case KindChoice:
		if n != 1 {
			t.errorf("correct", "a choice card has exactly one correct answer, not %d; use kind = \"multi\" for more", n)
		}
	case KindMulti:
		switch {
		case n < 2:
			t.errorf("correct", "a multi card has at least 2 correct answers, not %d; use kind = \"choice\" for one", n)
		case choicesOK && n >= len(c.Choices):
			t.errorf("correct", "all %d choices are correct; a multi card needs at least one wrong choice", n)
		case c.Prompt == "":
		case !statesCount(c.Prompt, n):
			t.errorf("prompt", "a multi card's prompt states how many to pick, as the exam does: write %d or %q, e.g. \"(choose %s)\"", n, numberWord(n), numberWord(n))
		default:
			if said, ok := chooseCount(c.Prompt); ok && said != n {
				t.errorf("prompt", "says to choose %d, but correct has %d answers", said, n)
			}
		}
	}
}

// minProofNone is the shortest reason a card may give for having no proof:
// a reason names what the lab cannot make, in a sentence.
const minProofNone = 20

// checkProofNone reports a proof_none that comes with a proof, or whose
// reason is too short to say anything.
func checkProofNone(t *table, c *Card) {
	switch {
	case c.Proof != "":
		t.errorf("proof_none", "a card names its proof or says why it has none, not both (proof = %q)", c.Proof)
	case len(c.ProofNone) < minProofNone:
		t.errorf("proof_none", "%q: say in a sentence why no proof can show the claim (what it needs that the lab cannot make)", c.ProofNone)
	}
}

// checkProof reports a proof that is not package/TestName with an area's
// package.
func checkProof(t *table, proof string, bp *Blueprint) {
	m := proofPattern.FindStringSubmatch(proof)
	if m == nil {
		t.errorf("proof", "%q is not package/TestName, e.g. volumes/TestNamedVolumeSurvivesRestart", proof)
		return
	}
	if bp != nil {
		if _, found := bp.Area(m[1]); !found {
			t.errorf("proof", "package %q is not a knowledge area of exam %s (%s)", m[1], bp.Exam.ID, strings.Join(bp.AreaIDs(), ", "))
		}
	}
}

// statesCount reports whether prompt states the number n as a word or a
// digit.
func statesCount(prompt string, n int) bool {
	p, ok := countPatterns[n]
	if !ok {
		p = regexp.MustCompile(`\b` + strconv.Itoa(n) + `\b`)
	}
	return p.MatchString(prompt)
}

// choosePattern finds "choose two", "pick 3", "select three" in a prompt.
var choosePattern = regexp.MustCompile(`(?i)\b(?:choose|pick|select)\s+([a-z0-9]+)\b`)

// chooseCount returns the number a prompt says to choose, if it says one.
func chooseCount(prompt string) (int, bool) {
	for _, m := range choosePattern.FindAllStringSubmatch(prompt, -1) {
		if n, err := strconv.Atoi(m[1]); err == nil {
			return n, true
		}
		for n := range 7 {
			if strings.EqualFold(m[1], numberWord(n)) {
				return n, true
			}
		}
	}
	return 0, false
}

func numberWord(n int) string {
	words := []string{"zero", "one", "two", "three", "four", "five", "six"}
	if n >= 0 && n < len(words) {
		return words[n]
	}
	return fmt.Sprint(n)
}

func termList(bp *Blueprint) string {
	ids := make([]string, len(bp.Terms))
	for i, t := range bp.Terms {
		ids[i] = t.ID
	}
	return strings.Join(ids, ", ")
}

// taskName is the name of a container, volume or network a task makes:
// dd- and lower-case words. taskImage is the name of an image: optionally
// the task's registry ($DD_REGISTRY/) or one on 127.0.0.1, then dd- names
// joined by /, optionally a :tag.
var (
	taskName  = regexp.MustCompile(`^dd-[a-z0-9]+(?:-[a-z0-9]+)*$`)
	taskImage = regexp.MustCompile(`^(?:\$DD_REGISTRY/|127\.0\.0\.1:[0-9]+/)?dd-[a-z0-9]+(?:-[a-z0-9]+)*(?:/dd-[a-z0-9]+(?:-[a-z0-9]+)*)*(?::[a-z0-9][a-z0-9._-]*)?$`)
)

// parseTask reads the keys of a task card.
func parseTask(t *table, c *Card) {
	if t.has("answer") || t.has("choices") {
		return // reported above as not allowed
	}
	c.Check, _ = t.required("check")
	if c.Check != "" && !validID(c.Check) {
		t.errorf("check", "%q must be lower-case words joined by hyphens, the name of a checker in exercises/tasks", c.Check)
	}
	c.Solution, _ = t.required("solution")
	if c.Solution != "" && !strings.Contains(c.Solution, "docker ") {
		t.errorf("solution", "holds no docker command line")
	}
	if !t.has("cleanup") {
		t.errorf("cleanup", "missing; list the objects the task creates, e.g. [\"container:dd-web\"]")
	} else if c.Cleanup, _ = t.strs("cleanup"); len(c.Cleanup) == 0 {
		t.errorf("cleanup", "empty; a task creates at least one object")
	}
	for _, e := range c.Cleanup {
		kind, name := CleanupObject(e)
		switch {
		case !slices.Contains(CleanupKinds, kind):
			t.errorf("cleanup", "%q: write kind:name, the kind one of %s", e, strings.Join(CleanupKinds, ", "))
		case kind == "image" && !taskImage.MatchString(name):
			t.errorf("cleanup", "%q: an image of a task is named dd-… (lower-case words), optionally after $DD_REGISTRY/ and with a :tag", e)
		case kind != "image" && !taskName.MatchString(name):
			t.errorf("cleanup", "%q: a task's object names start with dd- (lower-case words joined by hyphens)", e)
		}
	}
	c.Needs, _ = t.strs("needs")
	for _, n := range c.Needs {
		if !slices.Contains(Needs, n) {
			t.errorf("needs", "%q is not something dockdrill sets up (%s)", n, strings.Join(Needs, ", "))
		}
	}
	if c.Proof == "" && !t.has("proof") {
		t.errorf("proof", "missing; a task names the test that proves its checker")
	}
}
