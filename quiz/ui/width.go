package ui

import (
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/term"
)

// MinWidth is the narrowest width text is laid out for; a narrower
// terminal gets lines of MinWidth columns that it wraps itself.
const MinWidth = 40

// DefaultWidth is the width assumed for a terminal whose size is unknown.
const DefaultWidth = 80

// TermWidth returns the width in columns of the terminal that w writes to,
// read afresh on every call so a resized window is followed; 0 when w is
// not a terminal (a pipe or a file: no width limit). A terminal narrower
// than MinWidth counts as MinWidth.
func TermWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 0
	}
	return FdWidth(int(f.Fd()))
}

// FdWidth returns the width of the terminal on descriptor fd: its size,
// else $COLUMNS, else DefaultWidth; at least MinWidth.
func FdWidth(fd int) int {
	w, _, err := term.GetSize(fd)
	if err != nil || w <= 0 {
		w = DefaultWidth
		if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
			w = n
		}
	}
	return max(w, MinWidth)
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;?]*[A-Za-z]")

// StripANSI removes terminal control sequences from s.
func StripANSI(s string) string { return ansi.ReplaceAllString(s, "") }

// VisibleWidth is the number of columns s takes on a terminal: its runes,
// escape sequences left out. Every character dockdrill draws is one
// column wide.
func VisibleWidth(s string) int {
	if !strings.Contains(s, "\x1b") {
		return utf8.RuneCountInString(s)
	}
	return utf8.RuneCountInString(StripANSI(s))
}

// Truncate cuts s to at most width columns, ending it with "…" when it was
// cut. Colour sequences are kept and closed.
func Truncate(s string, width int) string {
	if width <= 0 || VisibleWidth(s) <= width {
		return s
	}
	var b strings.Builder
	n, colored := 0, false
	for i := 0; i < len(s); {
		if loc := ansi.FindStringIndex(s[i:]); loc != nil && loc[0] == 0 {
			b.WriteString(s[i : i+loc[1]])
			colored = true
			i += loc[1]
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if n == width-1 {
			break
		}
		b.WriteRune(r)
		n++
		i += size
	}
	b.WriteString("…")
	if colored {
		b.WriteString("\x1b[0m")
	}
	return b.String()
}
