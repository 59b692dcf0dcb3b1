package ui

import "strings"

// Scheme colours text with ANSI SGR sequences, or leaves it plain when
// colour is off. The zero Scheme is plain.
type Scheme struct{ on bool }

// NewScheme returns a Scheme that colours when on.
func NewScheme(on bool) Scheme { return Scheme{on: on} }

// Enabled reports whether the Scheme colours.
func (s Scheme) Enabled() bool { return s.on }

// Paint wraps text in the SGR code (such as "1" or "38;5;22"), or returns
// it as it is when colour is off or text is empty.
func (s Scheme) Paint(code, text string) string {
	if !s.on || text == "" {
		return text
	}
	return "\x1b[" + code + "m" + text + "\x1b[0m"
}

// The styles dockdrill uses.
func (s Scheme) Bold(t string) string    { return s.Paint("1", t) }
func (s Scheme) Dim(t string) string     { return s.Paint("2", t) }
func (s Scheme) Red(t string) string     { return s.Paint("31", t) }
func (s Scheme) Green(t string) string   { return s.Paint("32", t) }
func (s Scheme) Yellow(t string) string  { return s.Paint("33", t) }
func (s Scheme) Cyan(t string) string    { return s.Paint("36", t) }
func (s Scheme) Reverse(t string) string { return s.Paint("7", t) }

// Pass colours text green when ok, else red.
func (s Scheme) Pass(ok bool, text string) string {
	if ok {
		return s.Green(text)
	}
	return s.Red(text)
}

// Mode is how a command talks to its terminal: interactive screens (raw
// keys, redrawn prompts) or plain lines, and colour or none.
type Mode struct {
	// Interactive: both ends are a terminal that can be drawn on.
	Interactive bool
	// Color: the output may carry colour.
	Color bool
	// InputTTY: standard input is a terminal, which echoes what is typed
	// itself; line mode then does not echo the answer a second time.
	InputTTY bool
}

// Detect chooses the Mode from whether standard input and output are
// terminals and from the environment, in one place for every command:
//
//   - colour only on a terminal, never with NO_COLOR set (to anything, as
//     no-color.org says) nor with TERM=dumb;
//   - interactive screens only when both ends are terminals and TERM is
//     not dumb; otherwise line mode, so a pipe on either end never gets
//     raw-mode echo or cursor movement.
func Detect(inTTY, outTTY bool, getenv func(string) string) Mode {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	dumb := strings.TrimSpace(getenv("TERM")) == "dumb"
	_, noColor := lookup(getenv, "NO_COLOR")
	return Mode{
		Interactive: inTTY && outTTY && !dumb,
		Color:       outTTY && !dumb && !noColor,
		InputTTY:    inTTY,
	}
}

// lookup reads an environment variable; NO_COLOR counts only when not
// empty, since getenv cannot tell empty from unset.
func lookup(getenv func(string) string, key string) (string, bool) {
	v := getenv(key)
	return v, v != ""
}
