// Package prompt asks the learner questions: a line of text, one choice of
// several, or exactly N of several. The drill and the mock exam ask through
// the Prompter interface, so they run the same in a terminal and over plain
// lines.
//
// Two Prompters are provided. Terminal draws promptui prompts and menus in an
// interactive terminal (picking N is a toggle list). Line reads one answer
// line per prompt line and suits pipes, scripts and tests: choices are
// numbered, a pick of N is answered "1 3", a choice also by its text.
//
// Besides answers, a question may take commands (Question.Commands): keys
// such as "?" or "q" typed alone in place of an answer, and entries after the
// choices in a terminal menu. A Reply says which was given.
package ui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ErrInterrupted is returned when the learner presses Ctrl-C at a terminal
// prompt. (Outside a prompt, and in line mode, Ctrl-C is a signal; callers
// see it as their context being cancelled.)
var ErrInterrupted = errors.New("interrupted")

// A Prompter asks questions. Each method blocks until the learner answers,
// gives a command, or ctx is done (it then returns ctx.Err()). At the end of
// the input it returns io.EOF.
//
// The question's own text travels in the Question (Head, Body, Note), so a
// terminal can lay it out again when the window is resized or a clock in
// the head ticks; line mode writes it once per question ID.
type Prompter interface {
	// Write writes text below the question last asked; screens write
	// everything that is not a question through it.
	io.Writer
	// Text asks for one line of text; the Reply's Text holds it, without
	// the line ending. An empty line is an empty answer.
	Text(ctx context.Context, q Question) (Reply, error)
	// Choose asks for one of q.Choices; the Reply's Picks holds its index.
	Choose(ctx context.Context, q Question) (Reply, error)
	// Pick asks for exactly q.N distinct choices of q.Choices; the Reply's
	// Picks holds their indexes in ascending order.
	Pick(ctx context.Context, q Question) (Reply, error)
}

// Question is one thing asked.
type Question struct {
	// Label is the short text of the prompt line, such as "answer" or
	// "pick 2"; one line.
	Label string
	// Choices are the options of Choose and Pick, shown in this order.
	Choices []string
	// N is how many choices Pick wants; at least 1.
	N int
	// Default is the choice Choose starts on (terminal) and the one an
	// empty line picks (line mode); empty means none.
	Default string
	// Compact puts short choices on the prompt line in line mode
	// ("1 again · 2 hard · 3 good · 4 easy") instead of one per line.
	Compact bool
	// Commands are the other inputs the question accepts.
	Commands []Command
	// Details are shown after the choices of the same index, faint: the
	// interval a rating would give.
	Details []string

	// ID names the question: asked again with the same ID (after a
	// command), a terminal redraws it in place and line mode does not
	// write Head and Body again. Empty means a new question each time.
	ID string
	// Head returns the header, laid out for width columns (0: no
	// limit); it is called at every drawing, so it may show a clock.
	Head func(width int) string
	// Body is the question's text, wrapped to the width.
	Body string
	// Note is shown under the body: a hint, a correction.
	Note string
	// Tick redraws the question every second (a clock in Head).
	Tick bool
	// Required makes Text refuse an empty answer and ask again.
	Required bool
	// Initial is the text Text starts with (an answer given before).
	Initial string
	// Legend, when set, replaces "Enter answers" at the head of a text
	// prompt's key legend.
	Legend string
	// Keep leaves the question's region open once answered, as after a
	// command, so that the next question with the same ID is drawn in its
	// place (a confirmation asked over the question it is about).
	Keep bool
}

// detail returns the detail of choice i, or "".
func (q Question) detail(i int) string {
	if i < len(q.Details) {
		return q.Details[i]
	}
	return ""
}

// commandKeys joins the commands' keys with sep.
func (q Question) commandKeys(sep string) string {
	keys := make([]string, len(q.Commands))
	for i, c := range q.Commands {
		keys[i] = c.Key
	}
	return strings.Join(keys, sep)
}

// Command is an input that is not an answer, such as "?" for a hint.
type Command struct {
	Key  string // what is typed, alone on the line: "?", "u", "q"
	Help string // what it does, short: "hint", "undo", "quit"
}

// Reply is what the learner gave: an answer, or a command when Command is
// set.
type Reply struct {
	Command string // the Key of the command given; empty for an answer
	Text    string // Text's answer
	Picks   []int  // Choose's index, or Pick's indexes, into Choices
}

// IsCommand reports whether the reply is the command with key.
func (r Reply) IsCommand(key string) bool { return r.Command != "" && r.Command == key }

// command returns the command whose key is s (surrounding space ignored).
func (q Question) command(s string) (Command, bool) {
	s = strings.TrimSpace(s)
	for _, c := range q.Commands {
		if c.Key == s {
			return c, true
		}
	}
	return Command{}, false
}

// commandsHelp describes the commands for a prompt line: "? hint · q quit".
func (q Question) commandsHelp() string {
	parts := make([]string, len(q.Commands))
	for i, c := range q.Commands {
		parts[i] = c.Key + " " + c.Help
	}
	return strings.Join(parts, " · ")
}

// defaultIndex returns the index of q.Default in q.Choices, or -1.
func (q Question) defaultIndex() int {
	if q.Default == "" {
		return -1
	}
	for i, c := range q.Choices {
		if c == q.Default {
			return i
		}
	}
	return -1
}

func (q Question) check(kind string) error {
	switch kind {
	case "choose":
		if len(q.Choices) == 0 {
			return errors.New("prompt: Choose without choices")
		}
	case "pick":
		if q.N < 1 || q.N > len(q.Choices) {
			return fmt.Errorf("prompt: Pick %d of %d choices", q.N, len(q.Choices))
		}
	}
	return nil
}
