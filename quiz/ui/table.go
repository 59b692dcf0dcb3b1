package ui

import "strings"

// Table lays out rows in columns two spaces apart, numbers aligned to the
// right; cells may be coloured. With Width set, a table wider than Width
// is made to fit: the widest left-aligned column is cut with "…" down to
// its header's width (at least 6 columns), and when that is not enough,
// each row is folded, the columns that do not fit going on a second,
// indented line.
type Table struct {
	Head  []string
	Right []bool // per column: align right
	Width int    // the most columns a line may take; 0 for no limit
	rows  [][]string
}

// Add appends a row.
func (t *Table) Add(cells ...string) { t.rows = append(t.rows, cells) }

// String renders the table, one line per row ending in a line break.
func (t *Table) String() string {
	all := append([][]string{t.Head}, t.rows...)
	widths := make([]int, len(t.Head))
	for _, r := range all {
		for i, c := range r {
			if i < len(widths) {
				widths[i] = max(widths[i], VisibleWidth(c))
			}
		}
	}
	cut := -1 // the column cut to fit
	if t.Width > 0 && total(widths) > t.Width {
		cut = t.shrink(widths)
	}
	fold := len(widths)
	if t.Width > 0 {
		for fold > 1 && total(widths[:fold]) > t.Width {
			fold--
		}
	}
	var b strings.Builder
	for _, r := range all {
		b.WriteString(t.line(r, widths, cut, 0, fold, ""))
		if fold < len(widths) && fold < len(r) {
			b.WriteString(t.line(r, widths, cut, fold, len(widths), "    "))
		}
	}
	return b.String()
}

// shrink narrows the widest left-aligned column (not the first) so the
// table fits, if it can, and returns its index, or -1.
func (t *Table) shrink(widths []int) int {
	best := -1
	for i := 1; i < len(widths); i++ {
		if i < len(t.Right) && t.Right[i] {
			continue
		}
		if best < 0 || widths[i] > widths[best] {
			best = i
		}
	}
	if best < 0 {
		return -1
	}
	floor := max(6, VisibleWidth(t.Head[best]))
	over := total(widths) - t.Width
	widths[best] = max(floor, widths[best]-over)
	return best
}

// total is the width of columns of widths two spaces apart.
func total(widths []int) int {
	n := 0
	for i, w := range widths {
		if i > 0 {
			n += 2
		}
		n += w
	}
	return n
}

// line renders the cells from..to of a row.
func (t *Table) line(r []string, widths []int, cut, from, to int, lead string) string {
	var line strings.Builder
	line.WriteString(lead)
	last := min(to, len(r)) - 1
	for i := from; i <= last; i++ {
		c := r[i]
		if i == cut {
			c = Truncate(c, widths[i])
		}
		pad := strings.Repeat(" ", max(0, widths[i]-VisibleWidth(c)))
		if i > from {
			line.WriteString("  ")
		}
		switch {
		case i < len(t.Right) && t.Right[i]:
			line.WriteString(pad + c)
		case i < last:
			line.WriteString(c + pad)
		default:
			line.WriteString(c)
		}
	}
	return strings.TrimRight(line.String(), " ") + "\n"
}
