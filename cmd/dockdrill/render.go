package main

import (
	"github.com/dockdrill/dockdrill/quiz/readiness"
	"github.com/dockdrill/dockdrill/quiz/ui"
)

// band colours s by a readiness band: weak red, on track yellow, ready
// green, not started dim.
func band(p ui.Scheme, b readiness.Band, s string) string {
	switch b {
	case readiness.Weak:
		return p.Red(s)
	case readiness.OnTrack:
		return p.Yellow(s)
	case readiness.Ready:
		return p.Green(s)
	}
	return p.Dim(s)
}

// heatShades are the 256-colour greens of the heatmap's levels 1 to 4.
var heatShades = []string{"38;5;22", "38;5;28", "38;5;34", "38;5;46"}

// heat colours the glyph of a heatmap level.
func heat(p ui.Scheme, level int, s string) string {
	if level <= 0 {
		return p.Dim(s)
	}
	return p.Paint(heatShades[min(level, 4)-1], s)
}
