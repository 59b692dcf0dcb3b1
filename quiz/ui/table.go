package ui

import "strings"

// Table lays out rows in columns two spaces apart, under Head when it is
// not nil, numbers aligned to the
// right; cells may be coloured. With Width set, a table wider than Width
// is made to fit: left-aligned columns, the widest first, are cut with "…"
// down to their header's width (at least 6 columns), and when that is not
// enough, each row is folded, the columns that do not fit going on a
// second, indented line, cut at the width.
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
	all := t.rows
	cols := len(t.Head)
	if t.Head != nil {
		all = append([][]string{t.Head}, t.rows...)
	}
	for _, r := range t.rows {
		cols = max(cols, len(r))
	}
	widths := make([]int, cols)
	for _, r := range all {
		for i, c := range r {
			if i < len(widths) {
				widths[i] = max(widths[i], VisibleWidth(c))
			}
		}
	}
	cut := make([]bool, len(widths)) // the columns cut to fit
	if t.Width > 0 {
		t.shrink(widths, cut)
	}
	fold := len(widths)
	if t.Width > 0 {
		for fold > 1 && total(widths[:fold]) > t.Width {
			fold--
		}
	}
	var b strings.Builder
	for _, r := range all {
		b.WriteString(t.line(r, widths, cut, 0, fold))
		if fold < len(widths) && fold < len(r) {
			// The columns that do not fit, on a line of their own.
			rest := strings.Join(r[fold:], "  ")
			b.WriteString(Truncate(strings.TrimRight("    "+rest, " "), t.Width) + "\n")
		}
	}
	return b.String()
}

// shrink narrows left-aligned columns (not the first), always the widest,
// each down to its header's width (at least 6 columns) at most, until the
// table fits or none can give more.
func (t *Table) shrink(widths []int, cut []bool) {
	for total(widths) > t.Width {
		best := -1
		for i := 1; i < len(widths); i++ {
			if i < len(t.Right) && t.Right[i] || widths[i] <= floor(t.head(i)) {
				continue
			}
			if best < 0 || widths[i] > widths[best] {
				best = i
			}
		}
		if best < 0 {
			return
		}
		widths[best]-- // one column at a time: the widest columns end up alike
		cut[best] = true
	}
}

// head returns the header of column i, "" when there is none.
func (t *Table) head(i int) string {
	if i < len(t.Head) {
		return t.Head[i]
	}
	return ""
}

// floor is the narrowest a column with the header head is cut to.
func floor(head string) int { return max(6, VisibleWidth(head)) }

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
func (t *Table) line(r []string, widths []int, cut []bool, from, to int) string {
	var line strings.Builder
	last := min(to, len(r)) - 1
	for i := from; i <= last; i++ {
		c := r[i]
		if cut[i] {
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
