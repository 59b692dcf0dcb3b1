package prompt

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/manifoldco/promptui"
	"golang.org/x/term"
)

// Terminal is a Prompter for an interactive terminal, drawn with promptui:
// Text is a line editor, Choose a menu moved with the arrow keys (or j and
// k), and Pick the same menu with a [x] or [ ] before each choice, toggled
// with Enter, and a "done" entry. Commands are typed alone in place of a text
// answer, and are menu entries after the choices.
//
// The terminal is the process's own: promptui reads standard input and puts
// it in raw mode while a prompt is shown. When ctx is done during a prompt,
// Terminal puts the terminal back as it was before returning ctx.Err().
type Terminal struct {
	in    io.ReadCloser
	out   io.WriteCloser
	color bool
	fd    int // standard input's descriptor, or -1
	outFd int // the output's descriptor, for its width, or -1
}

// NewTerminal returns a Terminal reading from in, normally os.Stdin, and
// drawing on out, normally os.Stdout. With color false it draws no colours
// (for NO_COLOR).
func NewTerminal(in io.Reader, out io.Writer, color bool) *Terminal {
	t := &Terminal{in: nopReadCloser{in}, out: bellSkipper{out}, color: color, fd: -1, outFd: -1}
	if f, ok := in.(*os.File); ok {
		t.fd = int(f.Fd())
	}
	if f, ok := out.(*os.File); ok {
		t.outFd = int(f.Fd())
	}
	return t
}

// Text implements Prompter.
func (t *Terminal) Text(ctx context.Context, q Question) (Reply, error) {
	label := q.Label
	if h := q.commandsHelp(); h != "" {
		label += " (" + h + ")"
	}
	out := &gate{w: t.out}
	p := &promptui.Prompt{
		Label:     label,
		Stdin:     t.in,
		Stdout:    out,
		Templates: t.promptTemplates(),
		Pointer:   reverseCursor,
	}
	_, s, err := t.run(ctx, out, func() (int, string, error) {
		s, err := p.Run()
		return 0, s, err
	})
	if err != nil {
		return Reply{}, err
	}
	if c, ok := q.command(s); ok {
		return Reply{Command: c.Key}, nil
	}
	return Reply{Text: s}, nil
}

// Choose implements Prompter.
func (t *Terminal) Choose(ctx context.Context, q Question) (Reply, error) {
	if err := q.check("choose"); err != nil {
		return Reply{}, err
	}
	items := make([]item, 0, len(q.Choices)+len(q.Commands))
	for _, c := range q.Choices {
		items = append(items, t.item("", c))
	}
	items = t.appendCommands(items, q)
	idx, err := t.menu(ctx, q.Label, "↑/↓ move · Enter picks", items, max(0, q.defaultIndex()))
	if err != nil {
		return Reply{}, err
	}
	if idx >= len(q.Choices) {
		return Reply{Command: q.Commands[idx-len(q.Choices)].Key}, nil
	}
	fmt.Fprintf(t.out, "%s: %s\n", q.Label, q.Choices[idx])
	return Reply{Picks: []int{idx}}, nil
}

// Pick implements Prompter: a toggle list built from promptui.Select, shown
// again after each toggle with the cursor where it was.
func (t *Terminal) Pick(ctx context.Context, q Question) (Reply, error) {
	if err := q.check("pick"); err != nil {
		return Reply{}, err
	}
	marked := make([]bool, len(q.Choices))
	cursor, note := 0, ""
	for {
		n := 0
		items := make([]item, 0, len(q.Choices)+1+len(q.Commands))
		for i, c := range q.Choices {
			box := "[ ] "
			if marked[i] {
				box = "[x] "
				n++
			}
			items = append(items, t.item(box, c))
		}
		items = append(items, item{Text: fmt.Sprintf("done (%d of %d marked)", n, q.N)})
		items = t.appendCommands(items, q)
		label := fmt.Sprintf("%s: mark %d", q.Label, q.N)
		if note != "" {
			label += " — " + note
		}
		idx, err := t.menu(ctx, label, "↑/↓ move · Enter marks or unmarks · then choose done", items, cursor)
		if err != nil {
			return Reply{}, err
		}
		cursor, note = idx, ""
		switch {
		case idx < len(q.Choices):
			marked[idx] = !marked[idx]
		case idx == len(q.Choices):
			if n != q.N {
				note = fmt.Sprintf("%d marked; mark exactly %d", n, q.N)
				continue
			}
			var picks []int
			var texts []string
			for i, m := range marked {
				if m {
					picks = append(picks, i)
					texts = append(texts, q.Choices[i])
				}
			}
			fmt.Fprintf(t.out, "%s: %s\n", q.Label, strings.Join(texts, "; "))
			return Reply{Picks: picks}, nil
		default:
			return Reply{Command: q.Commands[idx-len(q.Choices)-1].Key}, nil
		}
	}
}

// item is a menu entry: Text fits the terminal's width, Details holds the
// whole text, wrapped, when Text had to be cut.
type item struct {
	Text    string
	Details string
}

// item returns the menu entry for a choice, prefixed with box.
func (t *Terminal) item(box, choice string) item {
	width := t.width() - 4 // the cursor and the page marks
	text := box + choice
	if len([]rune(text)) <= width {
		return item{Text: text}
	}
	r := []rune(text)
	return item{Text: string(r[:width-1]) + "…", Details: Wrap(choice, width-2, "  ")}
}

func (t *Terminal) appendCommands(items []item, q Question) []item {
	for _, c := range q.Commands {
		items = append(items, item{Text: c.Key + "  " + c.Help})
	}
	return items
}

// menu shows a promptui.Select of items and returns the index picked.
func (t *Terminal) menu(ctx context.Context, label, help string, items []item, cursor int) (int, error) {
	faint, active := "", ""
	if t.color {
		faint, active = " | faint", " | cyan | bold"
	}
	out := &gate{w: t.out}
	sel := &promptui.Select{
		Label:        label,
		Items:        items,
		Size:         len(items),
		HideSelected: true,
		Stdin:        t.in,
		Stdout:       out,
		Templates: &promptui.SelectTemplates{
			Label:    "{{ . }}",
			Active:   "▸ {{ .Text" + active + " }}",
			Inactive: "  {{ .Text }}",
			Selected: "{{ .Text }}",
			Details:  "{{ if .Details }}  {{ .Details" + faint + " }}{{ end }}",
			Help:     fmt.Sprintf("{{ %q%s }}", help, faint),
		},
	}
	idx, _, err := t.run(ctx, out, func() (int, string, error) { return sel.RunCursorAt(cursor, 0) })
	return idx, err
}

func (t *Terminal) promptTemplates() *promptui.PromptTemplates {
	bold, faint := "", ""
	if t.color {
		bold, faint = " | bold", " | faint"
	}
	return &promptui.PromptTemplates{
		Prompt:  "{{ ." + bold + " }}> ",
		Valid:   "{{ ." + bold + " }}> ",
		Invalid: "{{ ." + bold + " }}> ",
		Success: "{{ ." + faint + " }}> ",
	}
}

// run runs a promptui prompt and maps its errors onto the Prompter's. When
// ctx is done first, it restores the terminal and returns ctx.Err(); the
// prompt's goroutine is left blocked on input, as the caller is ending.
//
// The prompt writes through out, which run closes as soon as the prompt
// returns: readline calls promptui's listener once more for the Enter key,
// from its own goroutine, after the line is returned, and that late redraw
// would otherwise move the cursor up over whatever was written since.
func (t *Terminal) run(ctx context.Context, out *gate, fn func() (int, string, error)) (int, string, error) {
	if err := ctx.Err(); err != nil {
		return 0, "", err
	}
	var state *term.State
	if t.fd >= 0 {
		state, _ = term.GetState(t.fd)
	}
	type result struct {
		i   int
		s   string
		err error
	}
	done := make(chan result, 1)
	go func() {
		i, s, err := fn()
		out.close()
		done <- result{i, s, err}
	}()
	select {
	case r := <-done:
		switch {
		case errors.Is(r.err, promptui.ErrInterrupt):
			return 0, "", ErrInterrupted
		case errors.Is(r.err, promptui.ErrEOF):
			return 0, "", io.EOF
		}
		return r.i, r.s, r.err
	case <-ctx.Done():
		out.close()
		if state != nil {
			_ = term.Restore(t.fd, state)
		}
		fmt.Fprint(t.out, "\033[?25h\r\n") // show the cursor promptui hid
		return 0, "", ctx.Err()
	}
}

// width is the terminal's width in columns, 80 when unknown.
func (t *Terminal) width() int {
	if t.outFd >= 0 {
		if w, _, err := term.GetSize(t.outFd); err == nil && w > 20 {
			return w
		}
	}
	return 80
}

// Wrap breaks text into lines of at most width runes at spaces, each line
// after the first starting with indent, and keeps the text's own line breaks.
func Wrap(text string, width int, indent string) string {
	if width < 10 {
		width = 10
	}
	var b strings.Builder
	for p, para := range strings.Split(text, "\n") {
		if p > 0 {
			b.WriteString("\n" + indent)
		}
		n := 0
		for i, w := range strings.Fields(para) {
			l := len([]rune(w))
			if i > 0 {
				if n+1+l > width {
					b.WriteString("\n" + indent)
					n = len([]rune(indent))
				} else {
					b.WriteByte(' ')
					n++
				}
			}
			b.WriteString(w)
			n += l
		}
	}
	return b.String()
}

// gate passes writes on until it is closed, then drops them.
type gate struct {
	mu     sync.Mutex
	w      io.Writer
	closed bool
}

func (g *gate) Write(p []byte) (int, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return len(p), nil
	}
	return g.w.Write(p)
}

func (g *gate) Close() error { return nil }

func (g *gate) close() {
	g.mu.Lock()
	g.closed = true
	g.mu.Unlock()
}

// reverseCursor shows the text cursor as the character under it in reverse
// video, a space at the end of the line; promptui's default block hides the
// character under it.
func reverseCursor(under []rune) []rune {
	if len(under) == 0 {
		under = []rune{' '}
	}
	return []rune("\033[7m" + string(under) + "\033[27m")
}

// bellSkipper drops the bell that readline rings on every key of a
// promptui menu.
type bellSkipper struct{ w io.Writer }

func (b bellSkipper) Write(p []byte) (int, error) {
	if len(p) == 1 && p[0] == '\a' {
		return 1, nil
	}
	return b.w.Write(p)
}

func (b bellSkipper) Close() error { return nil }

// nopReadCloser keeps promptui from closing standard input.
type nopReadCloser struct{ io.Reader }

func (nopReadCloser) Close() error { return nil }
