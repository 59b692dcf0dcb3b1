// Package ui is dockdrill's one presentation layer: colour (with NO_COLOR
// and TERM=dumb), the terminal's width, wrapping at word boundaries, tables
// that fit the width, the choice between interactive screens and plain
// lines, the Prompters, and the two screens that ask questions: the drill
// (Drill) and the mock exam (Exam). Commands and screens alike take their
// colour and width from here.
//
// # Prompters
//
// The drill and the mock exam ask through the Prompter interface, so they
// run the same in a terminal and over plain lines. Terminal draws in an
// interactive terminal with its own line editor and menus on raw mode;
// Line reads one answer line per prompt line and suits pipes, scripts,
// TERM=dumb and tests: choices are numbered, a pick of N is answered "1 3",
// a choice also by its text. NewPrompter chooses by Mode.
//
// Besides answers, a question may take commands (Question.Commands): keys
// such as "?" or "q" typed alone in place of an answer, or pressed in a
// menu. A Reply says which was given.
package ui

import "io"

// NewPrompter returns the Prompter for mode: a Terminal when interactive,
// else Line.
func NewPrompter(mode Mode, in io.Reader, out io.Writer) Prompter {
	if mode.Interactive {
		return NewTerminal(in, out, NewScheme(mode.Color))
	}
	l := NewLine(in, out)
	l.quiet = mode.InputTTY // the terminal echoes the answer already
	return l
}
