package ui

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/term"
)

// Terminal is a Prompter for an interactive terminal. It owns the bottom of
// the screen while it asks, a region holding the question's head, body and
// note, then the prompt line or the menu, then one legend line of keys; it
// redraws that region in place on every key, every second when the question
// ticks, and when the window is resized (everything laid out again for the
// new width). Nothing it draws is wider than the terminal.
//
//   - Text is a line editor: an answer of any length is edited in place,
//     wrapped over as many lines as it needs; ← → Home End Backspace Delete,
//     Ctrl-A Ctrl-E Ctrl-U Ctrl-K Ctrl-W work. A command's key typed alone
//     then Enter gives the command.
//   - Choose is a menu: ↑ ↓ (or k j) move, a digit 1-9 picks at once, Enter
//     picks the entry under the cursor. With Question.Compact the choices
//     stand on one line (the rating: ← → move, Enter or space takes the
//     proposed one).
//   - Pick is a menu of boxes: a digit or space ticks and unticks, Enter
//     ends once exactly N are ticked.
//   - In a menu a command's key works alone, without Enter.
//
// The terminal is put in raw mode only while a question is asked; in
// between, writes through the Terminal (Write) are plain lines. A region
// left open by a command (the learner asked for the hint) is redrawn in
// place when the question with the same ID is asked again, so the question
// does not appear twice.
type Terminal struct {
	in     io.Reader
	out    io.Writer
	scheme Scheme
	fd     int // the input's descriptor for raw mode, or -1
	outFd  int // the output's descriptor for its size, or -1

	once    sync.Once
	keys    chan chunk
	pending []key   // keys read and not yet handled
	open    *region // the region of the last question, when left open

	// Width, when set, gives the terminal's width instead of asking the
	// terminal (tests).
	Width func() int
}

type chunk struct {
	b   []byte
	err error
}

// NewTerminal returns a Terminal reading keys from in, normally os.Stdin,
// and drawing on out, normally os.Stdout, coloured by scheme. When in is
// not a terminal's file (tests), no raw mode is set and keys are read as
// they come.
func NewTerminal(in io.Reader, out io.Writer, scheme Scheme) *Terminal {
	t := &Terminal{in: in, out: out, scheme: scheme, fd: -1, outFd: -1}
	if f, ok := in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		t.fd = int(f.Fd())
	}
	if f, ok := out.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		t.outFd = int(f.Fd())
	}
	return t
}

// Write implements io.Writer: it closes the region left open by the last
// question (its prompt line and legend are taken away, its text stays) and
// writes p below it.
func (t *Terminal) Write(p []byte) (int, error) {
	t.closeOpen()
	return t.out.Write(p)
}

// Columns is the terminal's width now: its size, at least MinWidth.
func (t *Terminal) Columns() int {
	if t.Width != nil {
		return max(t.Width(), MinWidth)
	}
	if t.outFd >= 0 {
		return FdWidth(t.outFd)
	}
	return DefaultWidth
}

// layoutWidth is the width text is laid out to: one column short of the
// terminal's, so that no line ends in the last column, where terminals
// differ in where they leave the cursor.
func (t *Terminal) layoutWidth() int { return t.Columns() - 1 }

// height is the terminal's height in lines, 0 when unknown.
func (t *Terminal) height() int {
	if t.outFd >= 0 {
		if _, h, err := term.GetSize(t.outFd); err == nil {
			return h
		}
	}
	return 0
}

// Text implements Prompter.
func (t *Terminal) Text(ctx context.Context, q Question) (Reply, error) {
	var buf []rune
	pos := 0
	prefix := func(final bool) string {
		label := q.Label
		if !final && len(q.Commands) > 0 {
			label += " [" + q.commandKeys(" ") + "]"
		}
		return t.scheme.Bold(label) + "> "
	}
	if q.Initial != "" {
		buf = []rune(q.Initial)
		pos = len(buf)
	}
	note := ""
	view := func(final bool) ([]string, int, int) {
		w := t.layoutWidth()
		lines := t.top(q, w)
		first := len(lines)
		input, row, col := editLines(prefix(final), buf, pos, w)
		lines = append(lines, input...)
		if !final {
			if note != "" {
				lines = append(lines, fitLines(t.scheme.Yellow(note), w)...)
			}
			lines = append(lines, t.legend(t.textLegend(q), w)...)
		}
		return lines, first + row, col
	}
	var reply Reply
	err := t.interact(ctx, q, view, func(k key) (bool, error) {
		note = ""
		switch k.name {
		case "", "space":
			buf = append(buf[:pos], append([]rune{k.r}, buf[pos:]...)...)
			pos++
		case "enter":
			s := string(buf)
			if c, ok := q.command(s); ok {
				reply = Reply{Command: c.Key}
				return true, nil
			}
			if q.Required && strings.TrimSpace(s) == "" {
				note = "type an answer first (Enter on an empty line grades nothing)"
				return false, nil
			}
			reply = Reply{Text: s}
			return true, nil
		case "bs":
			if pos > 0 {
				buf = append(buf[:pos-1], buf[pos:]...)
				pos--
			}
		case "del", "ctrl-d":
			if k.name == "ctrl-d" && len(buf) == 0 {
				return true, io.EOF
			}
			if pos < len(buf) {
				buf = append(buf[:pos], buf[pos+1:]...)
			}
		case "left":
			pos = max(0, pos-1)
		case "right":
			pos = min(len(buf), pos+1)
		case "home":
			pos = 0
		case "end":
			pos = len(buf)
		case "ctrl-u":
			buf, pos = buf[pos:], 0
		case "ctrl-k":
			buf = buf[:pos]
		case "ctrl-w":
			i := pos
			for i > 0 && buf[i-1] == ' ' {
				i--
			}
			for i > 0 && buf[i-1] != ' ' {
				i--
			}
			buf, pos = append(buf[:i], buf[pos:]...), i
		}
		return false, nil
	})
	if err != nil {
		return Reply{}, err
	}
	t.leave(view, reply.Command != "")
	return reply, nil
}

// editLines lays out prefix and the buffer over lines of width columns,
// cut at the width (an answer is not wrapped at spaces: it is being
// edited), and returns them with the cursor's line and column.
func editLines(prefix string, buf []rune, pos, width int) ([]string, int, int) {
	var lines []string
	if VisibleWidth(prefix) > width/2 {
		// A long label goes on lines of its own, wrapped at words; the
		// answer starts after its last line.
		label := fitLines(prefix, width)
		lines, prefix = label[:len(label)-1], label[len(label)-1]+" "
	}
	top := len(lines)
	pw := VisibleWidth(prefix)
	abs := pw + pos
	line := prefix
	used := pw
	for _, r := range buf {
		if used == width {
			lines = append(lines, line)
			line, used = "", 0
		}
		line += string(r)
		used++
	}
	lines = append(lines, line)
	row, col := top+abs/width, abs%width
	for len(lines) <= row {
		lines = append(lines, "")
	}
	return lines, row, col
}

// Choose implements Prompter.
func (t *Terminal) Choose(ctx context.Context, q Question) (Reply, error) {
	if err := q.check("choose"); err != nil {
		return Reply{}, err
	}
	cursor := max(0, q.defaultIndex())
	final := -1
	view := func(done bool) ([]string, int, int) {
		w := t.layoutWidth()
		lines := t.top(q, w)
		if done {
			if final >= 0 {
				lines = append(lines, fitLines(t.scheme.Dim(q.Label+": ")+q.Choices[final], w)...)
			}
			return lines, len(lines) - 1, 0
		}
		if q.Compact {
			lines = append(lines, t.compact(q, cursor, w)...)
			row := len(lines) - 1
			lines = append(lines, t.legend(t.menuLegend(q, "pick"), w)...)
			return lines, row, 0
		}
		lines = append(lines, t.scheme.Bold(q.Label))
		row := len(lines)
		for i, c := range q.Choices {
			if i == cursor {
				row = len(lines)
			}
			lines = append(lines, t.entry(i, i == cursor, "", c, q.detail(i), w)...)
		}
		lines = append(lines, t.legend(t.menuLegend(q, "pick"), w)...)
		return lines, row, 0
	}
	var reply Reply
	err := t.interact(ctx, q, view, func(k key) (bool, error) {
		if i, ok := k.digit(len(q.Choices)); ok {
			final, reply = i, Reply{Picks: []int{i}}
			return true, nil
		}
		if c, ok := q.menuCommand(k); ok {
			reply = Reply{Command: c.Key}
			return true, nil
		}
		switch k.name {
		case "up", "left":
			cursor = max(0, cursor-1)
		case "down", "right", "tab":
			cursor = min(len(q.Choices)-1, cursor+1)
		case "enter", "space":
			final, reply = cursor, Reply{Picks: []int{cursor}}
			return true, nil
		case "ctrl-d":
			return true, io.EOF
		}
		if k.name == "" && !q.Compact {
			switch k.r {
			case 'k':
				cursor = max(0, cursor-1)
			case 'j':
				cursor = min(len(q.Choices)-1, cursor+1)
			}
		}
		return false, nil
	})
	if err != nil {
		return Reply{}, err
	}
	t.leave(view, reply.Command != "" || q.Keep)
	return reply, nil
}

// Pick implements Prompter.
func (t *Terminal) Pick(ctx context.Context, q Question) (Reply, error) {
	if err := q.check("pick"); err != nil {
		return Reply{}, err
	}
	marked := make([]bool, len(q.Choices))
	cursor, note, done := 0, "", false
	count := func() int {
		n := 0
		for _, m := range marked {
			if m {
				n++
			}
		}
		return n
	}
	picked := func() ([]int, []string) {
		var picks []int
		var texts []string
		for i, m := range marked {
			if m {
				picks = append(picks, i)
				texts = append(texts, q.Choices[i])
			}
		}
		return picks, texts
	}
	view := func(final bool) ([]string, int, int) {
		w := t.layoutWidth()
		lines := t.top(q, w)
		if final {
			if done {
				_, texts := picked()
				lines = append(lines, fitLines(t.scheme.Dim(q.Label+": ")+strings.Join(texts, "; "), w)...)
			}
			return lines, len(lines) - 1, 0
		}
		head := fmt.Sprintf("tick %d (%d ticked)", q.N, count())
		lines = append(lines, t.scheme.Bold(head))
		row := len(lines)
		for i, c := range q.Choices {
			if i == cursor {
				row = len(lines)
			}
			box := "[ ] "
			if marked[i] {
				box = "[x] "
			}
			lines = append(lines, t.entry(i, i == cursor, box, c, "", w)...)
		}
		if note != "" {
			lines = append(lines, fitLines(t.scheme.Yellow(note), w)...)
		}
		lines = append(lines, t.legend(t.menuLegend(q, "tick"), w)...)
		return lines, row, 0
	}
	var reply Reply
	err := t.interact(ctx, q, view, func(k key) (bool, error) {
		note = ""
		if i, ok := k.digit(len(q.Choices)); ok {
			marked[i] = !marked[i]
			cursor = i
			return false, nil
		}
		if c, ok := q.menuCommand(k); ok {
			reply = Reply{Command: c.Key}
			return true, nil
		}
		switch k.name {
		case "up":
			cursor = max(0, cursor-1)
		case "down", "tab":
			cursor = min(len(q.Choices)-1, cursor+1)
		case "space":
			marked[cursor] = !marked[cursor]
		case "enter":
			if n := count(); n != q.N {
				note = fmt.Sprintf("%d ticked; tick exactly %d, then Enter", n, q.N)
				return false, nil
			}
			picks, _ := picked()
			reply, done = Reply{Picks: picks}, true
			return true, nil
		case "ctrl-d":
			return true, io.EOF
		}
		if k.name == "" {
			switch k.r {
			case 'k':
				cursor = max(0, cursor-1)
			case 'j':
				cursor = min(len(q.Choices)-1, cursor+1)
			}
		}
		return false, nil
	})
	if err != nil {
		return Reply{}, err
	}
	t.leave(view, reply.Command != "")
	return reply, nil
}

// top lays out the question's head, body and note.
func (t *Terminal) top(q Question, w int) []string {
	var lines []string
	if q.Head != nil {
		if h := q.Head(w); h != "" {
			lines = append(lines, "")
			lines = append(lines, fitLines(h, w)...)
		}
	}
	if q.Body != "" {
		lines = append(lines, fitLines(q.Body, w)...)
	}
	if q.Note != "" {
		lines = append(lines, fitLines(q.Note, w)...)
	}
	return lines
}

// entry lays out one menu entry: the cursor mark, its number, the box and
// the text wrapped under itself, and the detail.
func (t *Terminal) entry(i int, active bool, box, text, detail string, w int) []string {
	num := "  "
	if i < 9 {
		num = fmt.Sprintf("%d ", i+1)
	}
	lead := "  " + num + box
	if active {
		lead = "▸ " + num + box
	}
	if detail != "" {
		text += " " + t.scheme.Dim(detail)
	}
	body := fitLines(text, w-VisibleWidth(lead))
	pad := strings.Repeat(" ", VisibleWidth(lead))
	out := make([]string, len(body))
	for j, l := range body {
		if active {
			l = t.scheme.Paint("36;1", l)
		}
		if j == 0 {
			out[j] = lead + l
		} else {
			out[j] = pad + l
		}
	}
	return out
}

// compact lays out the choices on one line (wrapped when narrow): "rate:
// 1 again 10m · 2 hard 1d · [3 good 3d] · 4 easy 8d".
func (t *Terminal) compact(q Question, cursor, w int) []string {
	parts := make([]string, len(q.Choices))
	for i, c := range q.Choices {
		s := fmt.Sprintf("%d %s", i+1, c)
		if d := q.detail(i); d != "" {
			s += " " + d
		}
		if i == cursor {
			s = t.scheme.Paint("36;1", "["+s+"]")
		}
		parts[i] = strings.ReplaceAll(s, " ", "\u00a0") // one part never breaks
	}
	text := t.scheme.Bold(q.Label+":") + " " + strings.Join(parts, " · ")
	lines := fitLines(text, w)
	for i := range lines {
		lines[i] = strings.ReplaceAll(lines[i], "\u00a0", " ")
	}
	return lines
}

// legend lays out the key legend, faint.
func (t *Terminal) legend(s string, w int) []string {
	lines := fitLines(s, w)
	for i := range lines {
		lines[i] = t.scheme.Dim(lines[i])
	}
	return lines
}

func (t *Terminal) textLegend(q Question) string {
	parts := []string{"Enter answers"}
	if q.Legend != "" {
		parts[0] = q.Legend
	}
	for _, c := range q.Commands {
		parts = append(parts, c.Key+" "+c.Help)
	}
	s := strings.Join(parts, " · ")
	if len(q.Commands) > 0 {
		s += " (alone + Enter)"
	}
	return s
}

func (t *Terminal) menuLegend(q Question, verb string) string {
	var parts []string
	n := min(9, len(q.Choices))
	switch {
	case q.Compact:
		if !strings.Contains(q.Label, " ") {
			verb = q.Label // "1-4 rate"
		}
		parts = append(parts, fmt.Sprintf("1-%d %s", n, verb))
		if d := q.defaultIndex(); d >= 0 {
			parts = append(parts, "Enter "+q.Choices[d])
		}
	case verb == "tick":
		parts = append(parts, fmt.Sprintf("1-%d or space %s", n, verb), "Enter done")
	default:
		parts = append(parts, fmt.Sprintf("1-%d %s", n, verb), "↑↓ Enter")
	}
	for _, c := range q.Commands {
		parts = append(parts, c.Key+" "+c.Help)
	}
	return strings.Join(parts, " · ")
}

// region is the part of the screen a question draws on: the lines drawn
// last, and the cursor's place among them.
type region struct {
	id       string
	lines    []string
	row, col int
	final    func(bool) ([]string, int, int)
}

// interact draws the question and feeds it keys until handle says it is
// done, redrawing on every key, on resize and, when the question ticks,
// every second.
func (t *Terminal) interact(ctx context.Context, q Question, view func(bool) ([]string, int, int), handle func(key) (bool, error)) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	t.once.Do(t.startReader)
	r := t.open
	if r == nil || q.ID == "" || r.id != q.ID {
		t.closeOpen()
		r = &region{id: q.ID}
	}
	t.open = nil
	if t.fd >= 0 {
		state, err := term.MakeRaw(t.fd)
		if err != nil {
			return err
		}
		defer term.Restore(t.fd, state)
	}
	winch := make(chan os.Signal, 1)
	signal.Notify(winch, syscall.SIGWINCH)
	defer signal.Stop(winch)
	var tick <-chan time.Time
	if q.Tick {
		tk := time.NewTicker(time.Second)
		defer tk.Stop()
		tick = tk.C
	}
	draw := func() {
		lines, row, col := view(false)
		t.paint(r, lines, row, col)
	}
	draw()
	t.open = r // for Write and a cancelled prompt
	r.final = view
	if len(t.pending) > 0 { // keys typed ahead
		done, err := t.feed(handle)
		if err != nil || done {
			return err
		}
		draw()
	}
	for {
		select {
		case <-ctx.Done():
			t.closeOpen()
			return ctx.Err()
		case <-winch:
			draw()
		case <-tick:
			draw()
		case c := <-t.keys:
			if c.err != nil {
				t.closeOpen()
				return io.EOF
			}
			t.pending = append(t.pending, decode(c.b)...)
			done, err := t.feed(handle)
			if err != nil || done {
				return err
			}
			draw()
		}
	}
}

// feed hands the keys read to handle until it is done; the keys after the
// one that ended the question are kept for the next (a rating typed right
// after a pick).
func (t *Terminal) feed(handle func(key) (bool, error)) (bool, error) {
	for len(t.pending) > 0 {
		k := t.pending[0]
		t.pending = t.pending[1:]
		if k.name == "ctrl-c" {
			t.closeOpen()
			return true, ErrInterrupted
		}
		done, err := handle(k)
		if err != nil {
			t.closeOpen()
			return true, err
		}
		if done {
			return true, nil
		}
	}
	return false, nil
}

// leave ends a question: its region stays open for the same question asked
// again when open is true (a command such as ? or u was typed), else the
// question is drawn answered and left.
func (t *Terminal) leave(view func(bool) ([]string, int, int), open bool) {
	if open {
		t.keepOpen(view)
		return
	}
	t.finish(view)
}

// finish draws the question answered and leaves it.
func (t *Terminal) finish(view func(bool) ([]string, int, int)) {
	r := t.open
	t.open = nil
	if r == nil {
		return
	}
	lines, _, _ := view(true)
	t.paint(r, lines, len(lines)-1, VisibleWidth(lines[len(lines)-1])%t.Columns())
	io.WriteString(t.out, "\r\n")
}

// keepOpen leaves the question's region open for the same question asked
// again.
func (t *Terminal) keepOpen(view func(bool) ([]string, int, int)) {
	if t.open != nil {
		t.open.final = view
	}
}

// closeOpen closes the region left open: its text stays, the prompt line
// and the legend go.
func (t *Terminal) closeOpen() {
	r := t.open
	t.open = nil
	if r == nil || r.final == nil {
		return
	}
	lines, _, _ := r.final(true)
	if len(lines) == 0 {
		t.paint(r, nil, 0, 0)
		return
	}
	t.paint(r, lines, len(lines)-1, VisibleWidth(lines[len(lines)-1])%t.Columns())
	io.WriteString(t.out, "\r\n")
}

// paint replaces what r showed with lines and puts the cursor on line row,
// column col. The old lines are counted at the terminal's width now: a
// terminal made narrower wraps the lines it had, and the region grew.
func (t *Terminal) paint(r *region, lines []string, row, col int) {
	cols := t.Columns()
	var b strings.Builder
	b.WriteString(hideCursor)
	if r.lines != nil {
		up := 0
		for i := 0; i < r.row && i < len(r.lines); i++ {
			up += screenRows(r.lines[i], cols)
		}
		up += r.col / cols
		if up > 0 {
			fmt.Fprintf(&b, "\x1b[%dA", up)
		}
	}
	b.WriteString("\r\x1b[J")
	if h := t.height(); h > 1 && len(lines) > h-1 {
		drop := len(lines) - (h - 1) // keep the prompt, lose the top
		lines = lines[drop:]
		row = max(0, row-drop)
	}
	b.WriteString(strings.Join(lines, "\r\n"))
	if len(lines) > 0 {
		if up := len(lines) - 1 - row; up > 0 {
			fmt.Fprintf(&b, "\x1b[%dA", up)
		}
		b.WriteString("\r")
		if col > 0 {
			fmt.Fprintf(&b, "\x1b[%dC", col)
		}
	}
	b.WriteString(showCursor)
	io.WriteString(t.out, b.String())
	r.lines, r.row, r.col = lines, row, col
}

// screenRows is the number of terminal rows a line takes on a terminal
// cols wide.
func screenRows(line string, cols int) int {
	n := VisibleWidth(line)
	if n == 0 {
		return 1
	}
	return (n + cols - 1) / cols
}

const (
	hideCursor = "\x1b[?25l"
	showCursor = "\x1b[?25h"
)

// startReader reads the input in its own goroutine, for as long as the
// process lives: a read cannot be cancelled, so the goroutine outlives a
// prompt that is cancelled, and the next prompt takes what it reads.
func (t *Terminal) startReader() {
	t.keys = make(chan chunk)
	go func() {
		buf := make([]byte, 256)
		for {
			n, err := t.in.Read(buf)
			if n > 0 {
				t.keys <- chunk{b: append([]byte(nil), buf[:n]...)}
			}
			if err != nil {
				t.keys <- chunk{err: err}
				return
			}
		}
	}()
}

// key is one key press: a rune typed, or a named key.
type key struct {
	r    rune
	name string // "" for a rune
}

// digit reports the choice index a digit key names, 1 to n (at most 9).
func (k key) digit(n int) (int, bool) {
	if k.name == "" && k.r >= '1' && k.r <= '9' && int(k.r-'0') <= n {
		return int(k.r - '1'), true
	}
	return 0, false
}

// menuCommand returns the command a key gives in a menu.
func (q Question) menuCommand(k key) (Command, bool) {
	if k.name != "" {
		return Command{}, false
	}
	return q.command(string(k.r))
}

// decode splits input bytes into keys.
func decode(b []byte) []key {
	var keys []key
	s := string(b)
	for len(s) > 0 {
		if s[0] == 0x1b {
			name, n := escape(s)
			if name != "" {
				keys = append(keys, key{name: name})
			}
			s = s[n:]
			continue
		}
		r := []rune(s[:min(len(s), 4)])[0]
		size := len(string(r))
		if r == 0xfffd {
			size = 1
		}
		s = s[size:]
		switch name, control := controlKeys[r]; {
		case control:
			keys = append(keys, key{name: name})
		case r == ' ':
			keys = append(keys, key{r: ' ', name: "space"})
		case r >= 0x20:
			keys = append(keys, key{r: r})
		}
	}
	// A space is a rune in a text: the editor inserts runes with name "".
	return keys
}

// controlKeys names the control characters the editor and the menus act
// on: Enter, Backspace, Ctrl-C and Ctrl-D, and the Emacs keys a shell's
// line editor takes (Ctrl-A Home, Ctrl-E End, Ctrl-B and Ctrl-F to move,
// Ctrl-K, Ctrl-U and Ctrl-W to delete), and Tab.
var controlKeys = map[rune]string{
	'\r': "enter", '\n': "enter", 0x7f: "bs", 0x08: "bs", 0x03: "ctrl-c", 0x04: "ctrl-d",
	0x01: "home", 0x05: "end", 0x02: "left", 0x06: "right",
	0x0b: "ctrl-k", 0x15: "ctrl-u", 0x17: "ctrl-w", '\t': "tab",
}

// escape reads one escape sequence at the start of s and returns its key
// name ("" for one not used) and its length.
func escape(s string) (string, int) {
	if len(s) == 1 {
		return "esc", 1
	}
	if s[1] != '[' && s[1] != 'O' {
		return "", 2 // Alt and a key: ignored
	}
	i := 2
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == ';') {
		i++
	}
	if i >= len(s) {
		return "", len(s)
	}
	seq := s[2:i]
	final := s[i]
	n := i + 1
	switch final {
	case 'A':
		return "up", n
	case 'B':
		return "down", n
	case 'C':
		return "right", n
	case 'D':
		return "left", n
	case 'H':
		return "home", n
	case 'F':
		return "end", n
	case '~':
		switch seq {
		case "1", "7":
			return "home", n
		case "4", "8":
			return "end", n
		case "3":
			return "del", n
		}
	}
	return "", n
}
