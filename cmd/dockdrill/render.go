package main

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/dockdrill/dockdrill/quiz/readiness"
)

// palette colours text with ANSI escape sequences, or leaves it plain when
// colour is off (not a terminal, or NO_COLOR).
type palette struct{ on bool }

func newPalette(on bool) palette { return palette{on: on} }

func (p palette) wrap(code, s string) string {
	if !p.on || s == "" {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (p palette) bold(s string) string   { return p.wrap("1", s) }
func (p palette) dim(s string) string    { return p.wrap("2", s) }
func (p palette) red(s string) string    { return p.wrap("31", s) }
func (p palette) green(s string) string  { return p.wrap("32", s) }
func (p palette) yellow(s string) string { return p.wrap("33", s) }
func (p palette) cyan(s string) string   { return p.wrap("36", s) }

// band colours s by a readiness band: weak red, on track yellow, ready
// green, not started dim.
func (p palette) band(b readiness.Band, s string) string {
	switch b {
	case readiness.Weak:
		return p.red(s)
	case readiness.OnTrack:
		return p.yellow(s)
	case readiness.Ready:
		return p.green(s)
	}
	return p.dim(s)
}

// pass colours s green when ok, else red.
func (p palette) pass(ok bool, s string) string {
	if ok {
		return p.green(s)
	}
	return p.red(s)
}

// heatShades are the 256-colour greens of the heatmap's levels 1 to 4.
var heatShades = []string{"38;5;22", "38;5;28", "38;5;34", "38;5;46"}

// heat colours the glyph of a heatmap level.
func (p palette) heat(level int, s string) string {
	if level <= 0 {
		return p.dim(s)
	}
	return p.wrap(heatShades[min(level, 4)-1], s)
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

// width is the number of columns s takes on a terminal: its runes, escape
// sequences left out. Every character dockdrill draws is one column wide.
func width(s string) int { return utf8.RuneCountInString(ansi.ReplaceAllString(s, "")) }

// table lays out rows in columns two spaces apart, aligning numbers to the
// right; cells may be coloured.
type table struct {
	head  []string
	right []bool // per column: align right
	rows  [][]string
}

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) String() string {
	widths := make([]int, len(t.head))
	for _, r := range append([][]string{t.head}, t.rows...) {
		for i, c := range r {
			widths[i] = max(widths[i], width(c))
		}
	}
	var b strings.Builder
	for _, r := range append([][]string{t.head}, t.rows...) {
		var line strings.Builder
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-width(c))
			if i > 0 {
				line.WriteString("  ")
			}
			if i < len(t.right) && t.right[i] {
				line.WriteString(pad + c)
			} else if i < len(r)-1 {
				line.WriteString(c + pad)
			} else {
				line.WriteString(c)
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
	return b.String()
}
