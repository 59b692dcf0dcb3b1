// Package grade decides whether a typed answer is right the way the tool
// that will read it would: a docker command line as the docker CLI reads
// it, a Dockerfile instruction as the builder reads it, a file name
// exactly, a term regardless of case.
//
// For docker command lines, `docker container ls --all` is right where the
// card says `docker ps -a`: management-command forms and aliases, short and
// long flags, grouped short flags, flag order, "--name x" and "--name=x",
// and shell quoting make no difference. `docker run -p 80:8080` is wrong
// where the card says `-p 8080:80`, and the verdict says why. Anything the
// docker CLI would reject is wrong, with the CLI's reason. What the grader
// knows of docker's commands is a table generated from the help of the
// docker CLI (commands_table.go), kept in step by a test.
package grade

import (
	"fmt"
	"strings"
)

// Mode names how a typed answer is read.
type Mode string

// The modes. A card that names no mode is graded as docker when its answer
// starts with "docker ", as dockerfile when it starts with a Dockerfile
// instruction keyword, and as exact otherwise; Grade applies the same rule
// to an empty mode. "path" is read as exact. Terms also ignore how much
// space separates their words.
const (
	ModeDocker     Mode = "docker"     // a docker command line
	ModeDockerfile Mode = "dockerfile" // a Dockerfile instruction line
	ModeExact      Mode = "exact"      // file names, paths, flags: exact after trimming surrounding space
	ModeTerm       Mode = "term"       // terms: case and surrounding whitespace ignored
)

// Verdict is the grade of one typed answer.
type Verdict struct {
	Right bool `json:"right"`
	// Canonical is the canonical form of the expected answer, such as
	// "docker container ls --all" for "docker ps -a".
	Canonical string `json:"canonical"`
	// Matched is the expected or accepted answer, as written on the card,
	// that the typed answer matched; empty when none did.
	Matched string `json:"matched"`
	// Reasons say what to change to reach the closest answer the card
	// accepts: "missing --publish 127.0.0.1:8080:80",
	// "--name: got web, expected nginx-test". Empty when right.
	Reasons []string `json:"reasons"`
	// Answer is the card's own answer as the deck writes it, as short as
	// the exam writes it: what a wrong verdict shows first.
	Answer string `json:"answer"`
	// Line is, for a cloze card, the whole line with the blank filled in
	// with the card's answer; empty otherwise.
	Line string `json:"line,omitempty"`
	// Notes say how a right answer differs in form from the card's where
	// the difference is worth knowing: sudo, /bin/sh for sh.
	Notes []string `json:"notes,omitempty"`
}

// Grade grades given against the card's expected answer and the other
// answers it accepts. An expected or accepted answer that the docker CLI
// would itself reject matches nothing, and the reasons say so: the card
// needs fixing.
func Grade(mode Mode, expected string, accept []string, given string) Verdict {
	if mode == "" {
		mode = defaultMode(expected)
	}
	var g grader
	switch mode {
	case ModeDocker:
		g = dockerGrader{}
	case ModeDockerfile:
		g = dockerfileGrader{}
	case ModeExact, "path":
		g = exactGrader{}
	case ModeTerm:
		g = termGrader{}
	default:
		return Verdict{
			Canonical: strings.TrimSpace(expected),
			Reasons:   []string{fmt.Sprintf("unknown grading mode %q: want docker, dockerfile, exact or term", mode)},
		}
	}

	v := gradeAnswers(g, expected, accept, given)
	if r := typedCharacters(mode, given, append([]string{expected}, accept...)); r != nil {
		v.Right, v.Matched, v.Notes, v.Reasons = false, "", nil, r
	}
	return v
}

// gradeAnswers grades given against every answer of the card.
func gradeAnswers(g grader, expected string, accept []string, given string) Verdict {
	answers := append([]string{expected}, accept...)
	v := Verdict{Canonical: strings.TrimSpace(expected), Answer: strings.TrimSpace(expected)}
	var best, broken []string
	gotAnswer, gotErr := g.read(given)
	for i, a := range answers {
		want, err := g.read(a)
		if err != nil {
			which := "answer"
			if i > 0 {
				which = "accepted answer"
			}
			broken = append(broken, fmt.Sprintf("the card's %s %q is wrong: %v", which, strings.TrimSpace(a), err))
			continue
		}
		if i == 0 {
			v.Canonical = want.canonical()
		}
		if gotErr != nil {
			best = []string{gotErr.Error()}
			continue
		}
		reasons := g.compare(want, gotAnswer)
		if len(reasons) == 0 {
			v.Right, v.Matched = true, a
			if n, ok := g.(noter); ok {
				v.Notes = n.notes(want, gotAnswer)
			}
			return v
		}
		if best == nil || len(reasons) < len(best) {
			best = reasons
		}
	}
	if best == nil {
		best = broken[:1] // every answer of the card is broken
	}
	v.Reasons = best
	return v
}

// defaultMode is the mode of a card that names none.
func defaultMode(answer string) Mode {
	a := strings.TrimSpace(answer)
	if strings.HasPrefix(a, "docker ") {
		return ModeDocker
	}
	kw, _, _ := strings.Cut(a, " ")
	if instructions[strings.ToUpper(kw)] {
		return ModeDockerfile
	}
	return ModeExact
}

// A grader reads answers of one mode and compares them.
type grader interface {
	read(answer string) (answer, error)
	compare(want, got answer) []string
}

// A noter says how a right answer differs in form from the card's.
type noter interface {
	notes(want, got answer) []string
}

// answer is an answer as a grader read it.
type answer interface {
	canonical() string
}

type dockerGrader struct{}

type dockerAnswer struct{ p *program }

func (a dockerAnswer) canonical() string { return a.p.canonical() }

// checkControl rejects command lines and instructions holding control
// characters other than tab and newline: nobody types them, and a shell
// word cannot hold a NUL.
func checkControl(s string) error {
	for _, r := range s {
		if r < ' ' && r != '\t' && r != '\n' && r != '\r' || r == 0x7f {
			return fmt.Errorf("the answer contains the control character %U", r)
		}
	}
	return nil
}

func (dockerGrader) read(s string) (answer, error) {
	if err := checkControl(s); err != nil {
		return nil, err
	}
	p, err := parseProgram(s, true)
	if err != nil {
		return nil, err
	}
	if len(p.calls) == 0 && p.raw == "" {
		return nil, fmt.Errorf("no command given")
	}
	return dockerAnswer{p}, nil
}

func (dockerGrader) compare(want, got answer) []string {
	return comparePrograms(want.(dockerAnswer).p, got.(dockerAnswer).p)
}

func (dockerGrader) notes(want, got answer) []string {
	return programNotes(want.(dockerAnswer).p, got.(dockerAnswer).p)
}

type exactGrader struct{}

type textAnswer string

func (a textAnswer) canonical() string { return string(a) }

func (exactGrader) read(s string) (answer, error) {
	return textAnswer(strings.TrimSpace(s)), nil
}

func (exactGrader) compare(want, got answer) []string {
	if want == got {
		return nil
	}
	return []string{fmt.Sprintf("got %q, expected %q", got, want)}
}

type termGrader struct{}

// read trims the term and collapses runs of inner whitespace.
func (termGrader) read(s string) (answer, error) {
	return textAnswer(strings.Join(strings.Fields(s), " ")), nil
}

func (termGrader) compare(want, got answer) []string {
	if strings.EqualFold(string(want.(textAnswer)), string(got.(textAnswer))) {
		return nil
	}
	return []string{fmt.Sprintf("got %q, expected %q", got, want)}
}

// comparePrograms lists what to change in got to make it want.
func comparePrograms(want, got *program) []string {
	if want.calls == nil || got.calls == nil {
		w, g := want.canonical(), got.canonical()
		if w == g {
			return nil
		}
		return []string{fmt.Sprintf("got %s, expected %s", g, w)}
	}
	var reasons []string
	n := min(len(want.calls), len(got.calls))
	many := len(want.calls) > 1 || len(got.calls) > 1
	for i := range n {
		if i > 0 && want.ops[i-1] != got.ops[i-1] {
			reasons = append(reasons, fmt.Sprintf("operator before command %d: got %s, expected %s", i+1, got.ops[i-1], want.ops[i-1]))
		}
		for _, r := range compareCalls(want.calls[i], got.calls[i]) {
			if many {
				r = fmt.Sprintf("command %d: %s", i+1, r)
			}
			reasons = append(reasons, r)
		}
	}
	for i := n; i < len(want.calls); i++ {
		reasons = append(reasons, fmt.Sprintf("missing %s %s", want.ops[i-1], want.calls[i].canonical()))
	}
	for i := n; i < len(got.calls); i++ {
		reasons = append(reasons, fmt.Sprintf("unexpected %s %s", got.ops[i-1], got.calls[i].canonical()))
	}
	return reasons
}

func compareCalls(want, got *call) []string {
	var reasons []string
	if want.negated != got.negated {
		reasons = append(reasons, flagDiff(want.negated, "! before the command"))
	}
	reasons = compareSets(reasons, "assignment", literals(want.assigns), literals(got.assigns), func(w word) string { return w.text })
	wantRedirs, gotRedirs := want.redirs, got.redirs
	if want.docker != nil && got.docker != nil {
		var wd, gd *dockerLine
		wd, wantRedirs = foldOutput(want)
		gd, gotRedirs = foldOutput(got)
		reasons = append(reasons, compareDocker(wd, gd)...)
	} else {
		reasons = append(reasons, compareWords(want.words, got.words)...)
	}
	for i := 0; i < max(len(wantRedirs), len(gotRedirs)); i++ {
		switch {
		case i >= len(gotRedirs):
			reasons = append(reasons, "missing redirection "+wantRedirs[i].text)
		case i >= len(wantRedirs):
			reasons = append(reasons, "unexpected redirection "+gotRedirs[i].text)
		case wantRedirs[i].key != gotRedirs[i].key:
			reasons = append(reasons, fmt.Sprintf("redirection: got %s, expected %s", gotRedirs[i].text, wantRedirs[i].text))
		}
	}
	if want.background != got.background {
		reasons = append(reasons, flagDiff(want.background, "& at the end"))
	}
	return reasons
}

func flagDiff(wanted bool, what string) string {
	if wanted {
		return "missing " + what
	}
	return "unexpected " + what
}

func literals(ss []string) []word {
	if len(ss) == 0 {
		return nil
	}
	ws := make([]word, len(ss))
	for i, s := range ss {
		ws[i] = literal(s)
	}
	return ws
}
