package deck

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Error is one problem found in a deck or blueprint file. It names the place
// precisely enough for an author to go straight to it.
type Error struct {
	File  string // the file as shown to the user, e.g. deck/decks/volumes.toml
	Line  int    // 1-based line; 0 when the problem concerns no single line
	Item  string // what the field belongs to, e.g. `card "vol-x"` or `deck`; may be empty
	Field string // the TOML key at fault, e.g. "correct"; may be empty
	Msg   string
}

// Error formats e as file:line: item: field: message, leaving out the parts
// that are unknown.
func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
		}
		b.WriteString(": ")
	}
	if e.Item != "" {
		b.WriteString(e.Item)
		b.WriteString(": ")
	}
	if e.Field != "" {
		b.WriteString(e.Field)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Errors is every problem one load found, in file and line order. Load
// returns it as its error, so a single run shows the author all mistakes at
// once rather than one per attempt.
type Errors struct {
	List []*Error
}

// Error prints one problem per line.
func (e *Errors) Error() string {
	lines := make([]string, len(e.List))
	for i, err := range e.List {
		lines[i] = err.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap gives each problem to errors.Is and errors.As.
func (e *Errors) Unwrap() []error {
	errs := make([]error, len(e.List))
	for i, err := range e.List {
		errs[i] = err
	}
	return errs
}

// Len is the number of problems.
func (e *Errors) Len() int { return len(e.List) }

// Files is the number of distinct files with problems.
func (e *Errors) Files() int {
	seen := map[string]bool{}
	for _, err := range e.List {
		seen[err.File] = true
	}
	return len(seen)
}

// add records a problem.
func (e *Errors) add(file string, line int, item, field, format string, args ...any) {
	e.List = append(e.List, &Error{File: file, Line: line, Item: item, Field: field, Msg: fmt.Sprintf(format, args...)})
}

// sort orders the problems by file, then line, keeping the order of
// discovery among problems on the same line.
func (e *Errors) sort() {
	slices.SortStableFunc(e.List, func(a, b *Error) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
}

// err returns e as an error, or nil when there is no problem.
func (e *Errors) err() error {
	if len(e.List) == 0 {
		return nil
	}
	e.sort()
	return e
}
