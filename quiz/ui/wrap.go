package ui

import "strings"

// Wrap breaks text into lines of at most width columns at spaces, keeping
// the text's own line breaks; each line after the first starts with
// indent (counted in the width). A word longer than a line is cut where
// the line ends. Width 0 means no limit: only indent is applied; a width
// under MinWidth counts as MinWidth.
func Wrap(text string, width int, indent string) string {
	text = strings.TrimRight(text, "\n")
	if width <= 0 {
		return strings.ReplaceAll(text, "\n", "\n"+indent)
	}
	width = max(width, MinWidth)
	return strings.Join(wrapLines(text, width, VisibleWidth(indent), 0), "\n"+indent)
}

// Hang writes text after label, wrapped to width, its further lines
// indented as far as label is wide: "explain: first line\n         more".
func Hang(label, text string, width int) string {
	pad := strings.Repeat(" ", VisibleWidth(label))
	if width <= 0 {
		return label + strings.ReplaceAll(strings.TrimRight(text, "\n"), "\n", "\n"+pad)
	}
	width = max(width, MinWidth)
	lines := wrapLines(strings.TrimRight(text, "\n"), width, VisibleWidth(label), VisibleWidth(label))
	return label + strings.Join(lines, "\n"+pad)
}

// Lines is Wrap's result as separate lines, with no indent.
func Lines(text string, width int) []string {
	if width <= 0 {
		return strings.Split(strings.TrimRight(text, "\n"), "\n")
	}
	return wrapLines(strings.TrimRight(text, "\n"), max(width, MinWidth), 0, 0)
}

// wrapLines wraps text to lines of width columns, the first line having
// first columns taken already and the others indent columns.
func wrapLines(text string, width, indent, first int) []string {
	var out []string
	used := first
	var line strings.Builder
	flush := func() {
		out = append(out, line.String())
		line.Reset()
		used = indent
	}
	for p, para := range strings.Split(text, "\n") {
		if p > 0 {
			flush()
		}
		lead := len(para) - len(strings.TrimLeft(para, " "))
		words := strings.Fields(para)
		for i, w := range words {
			if i == 0 && lead > 0 && lead+used < width {
				line.WriteString(strings.Repeat(" ", lead)) // keep a paragraph's own indent
				used += lead
			}
			wl := VisibleWidth(w)
			if i > 0 || line.Len() > 0 && strings.TrimSpace(line.String()) != "" {
				if used+1+wl <= width {
					line.WriteByte(' ')
					used++
				} else {
					flush()
				}
			}
			for used+wl > width && width-used > 0 && !strings.Contains(w, "\x1b") {
				// A word longer than the room left: cut it.
				r := []rune(w)
				room := width - used
				if room >= len(r) {
					break
				}
				line.WriteString(string(r[:room]))
				flush()
				w = string(r[room:])
				wl = len(r) - room
			}
			line.WriteString(w)
			used += wl
		}
	}
	flush()
	return out
}

// Indent puts prefix before every line of s but the first.
func Indent(s, prefix string) string {
	return strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n"+prefix)
}

// Fit makes every line of text at most width columns: a line that fits is
// kept as it is (tables keep their alignment), a longer one is wrapped at
// words under its own indentation. Width 0 keeps text as it is.
func Fit(text string, width int) string {
	if width <= 0 {
		return text
	}
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if VisibleWidth(l) <= width {
			continue
		}
		body := strings.TrimLeft(l, " ")
		lead := l[:len(l)-len(body)]
		lines[i] = Hang(lead, body, width)
	}
	return strings.Join(lines, "\n")
}

// fitLines wraps text to exactly width columns (at least 10), with no
// MinWidth floor: for parts of a screen already laid out, such as a menu
// entry after its number.
func fitLines(text string, width int) []string {
	return wrapLines(strings.TrimRight(text, "\n"), max(width, 10), 0, 0)
}
