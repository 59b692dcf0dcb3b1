package ui

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Line is a Prompter over plain lines: it writes one prompt line ending in
// "> " and reads one answer line, which it echoes after the prompt so that
// the output reads as a transcript. It is used whenever the input is not a
// terminal, so that sessions can be scripted and tested.
//
//   - Text: the line is the answer.
//   - Choose: the choice's number (from 1), or its text in any case; an
//     empty line picks the Default.
//   - Pick: N distinct numbers separated by spaces or commas, "1 3".
//   - A command's key alone on a line gives the command.
//
// An answer Choose or Pick cannot read gets a one-line correction and the
// prompt again. Reading stops with io.EOF at the end of the input, or with
// ctx.Err() when ctx is done while waiting for a line.
type Line struct {
	out io.Writer

	quiet    bool   // do not echo answers: the input is a terminal that does
	shown    string // the ID of the question whose text was written last
	noteSeen string // the note written last under it

	started bool
	in      *bufio.Reader
	reqs    chan struct{}
	res     chan lineResult
	waiting bool  // a request is out and its result not yet taken
	err     error // the input's end, once reached
}

type lineResult struct {
	s   string
	err error
}

// NewLine returns a Line reading answers from in and writing prompts to out.
func NewLine(in io.Reader, out io.Writer) *Line {
	return &Line{out: out, in: bufio.NewReader(in)}
}

// Write implements io.Writer: it writes to the output.
func (l *Line) Write(p []byte) (int, error) { return l.out.Write(p) }

// intro writes the question's head and body, unless the same question was
// asked last, and its note when it is new.
func (l *Line) intro(q Question) {
	if q.ID == "" || q.ID != l.shown {
		l.shown, l.noteSeen = q.ID, ""
		if q.Head != nil {
			if h := q.Head(0); h != "" {
				fmt.Fprintf(l.out, "\n%s\n", h)
			}
		}
		if q.Body != "" {
			fmt.Fprintln(l.out, strings.TrimRight(q.Body, "\n"))
		}
	}
	if q.Note != "" && q.Note != l.noteSeen {
		fmt.Fprintln(l.out, q.Note)
	}
	l.noteSeen = q.Note
}

// Text implements Prompter.
func (l *Line) Text(ctx context.Context, q Question) (Reply, error) {
	l.intro(q)
	for {
		s, err := l.ask(ctx, q.Label, q)
		if err != nil {
			return Reply{}, err
		}
		if c, ok := q.command(s); ok {
			return Reply{Command: c.Key}, nil
		}
		if q.Required && strings.TrimSpace(s) == "" {
			fmt.Fprintf(l.out, "  type an answer (an empty line grades nothing)%s\n", q.orCommands())
			continue
		}
		return Reply{Text: s}, nil
	}
}

// Choose implements Prompter.
func (l *Line) Choose(ctx context.Context, q Question) (Reply, error) {
	if err := q.check("choose"); err != nil {
		return Reply{}, err
	}
	l.intro(q)
	label := q.Label
	if q.Compact {
		parts := make([]string, len(q.Choices))
		for i, c := range q.Choices {
			parts[i] = fmt.Sprintf("%d %s", i+1, c)
			if d := q.detail(i); d != "" {
				parts[i] += " " + d
			}
		}
		label = fmt.Sprintf("%s: %s", label, strings.Join(parts, " · "))
	} else {
		l.list(q.Choices)
		label = fmt.Sprintf("%s 1-%d", label, len(q.Choices))
	}
	def := q.defaultIndex()
	if def >= 0 {
		label += fmt.Sprintf(" [%s]", q.Choices[def])
	}
	for {
		s, err := l.ask(ctx, label, q)
		if err != nil {
			return Reply{}, err
		}
		if c, ok := q.command(s); ok {
			return Reply{Command: c.Key}, nil
		}
		s = strings.TrimSpace(s)
		if s == "" && def >= 0 {
			return Reply{Picks: []int{def}}, nil
		}
		if i, ok := choiceIndex(s, q.Choices); ok {
			return Reply{Picks: []int{i}}, nil
		}
		fmt.Fprintf(l.out, "  type a number from 1 to %d%s\n", len(q.Choices), q.orCommands())
	}
}

// Pick implements Prompter.
func (l *Line) Pick(ctx context.Context, q Question) (Reply, error) {
	if err := q.check("pick"); err != nil {
		return Reply{}, err
	}
	l.intro(q)
	l.list(q.Choices)
	label := fmt.Sprintf("%s (%d numbers, e.g. %s)", q.Label, q.N, example(q.N, len(q.Choices)))
	for {
		s, err := l.ask(ctx, label, q)
		if err != nil {
			return Reply{}, err
		}
		if c, ok := q.command(s); ok {
			return Reply{Command: c.Key}, nil
		}
		picks, problem := parsePicks(s, len(q.Choices), q.N)
		if problem == "" {
			return Reply{Picks: picks}, nil
		}
		fmt.Fprintf(l.out, "  %s%s\n", problem, q.orCommands())
	}
}

// orCommands is the tail of a correction that reminds of the commands.
func (q Question) orCommands() string {
	if len(q.Commands) == 0 {
		return ""
	}
	keys := make([]string, len(q.Commands))
	for i, c := range q.Commands {
		keys[i] = c.Key
	}
	return ", or " + strings.Join(keys, " ")
}

// list writes the choices one per line, numbered from 1.
func (l *Line) list(choices []string) {
	for i, c := range choices {
		fmt.Fprintf(l.out, "  %d) %s\n", i+1, c)
	}
}

// ask writes the prompt line and returns the answer line.
func (l *Line) ask(ctx context.Context, label string, q Question) (string, error) {
	h := q.commandsHelp()
	if q.Compact {
		// Name the words a rating takes, not only the numbers.
		words := fmt.Sprintf("1-%d or %s", len(q.Choices), strings.Join(q.Choices, "/"))
		if h != "" {
			h = words + "; " + h
		} else {
			h = words
		}
	}
	if h != "" {
		label += " (" + h + ")"
	}
	fmt.Fprintf(l.out, "%s> ", label)
	s, err := l.readLine(ctx)
	if err != nil {
		fmt.Fprintln(l.out)
		return "", err
	}
	if !l.quiet {
		fmt.Fprintln(l.out, s)
	}
	return s, nil
}

// readLine returns the next input line without its line ending. A
// goroutine reads each line when asked, so a line that arrives after ctx is
// done is kept for the next call rather than lost.
func (l *Line) readLine(ctx context.Context) (string, error) {
	if l.err != nil {
		return "", l.err
	}
	if !l.started {
		l.started = true
		l.reqs = make(chan struct{})
		l.res = make(chan lineResult, 1)
		go l.reader()
	}
	if !l.waiting {
		l.reqs <- struct{}{}
		l.waiting = true
	}
	select {
	case r := <-l.res:
		l.waiting = false
		if r.err != nil {
			l.err = r.err
			close(l.reqs)
			return "", r.err
		}
		return r.s, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func (l *Line) reader() {
	for range l.reqs {
		s, err := l.in.ReadString('\n')
		if err == io.EOF && s != "" {
			err = nil // a last line without a line ending
		}
		l.res <- lineResult{strings.TrimRight(s, "\r\n"), err}
		if err != nil {
			return
		}
	}
}

// choiceIndex reads a choice as its number from 1 or as its text.
func choiceIndex(s string, choices []string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n - 1, n >= 1 && n <= len(choices)
	}
	for i, c := range choices {
		if strings.EqualFold(s, c) {
			return i, true
		}
	}
	return 0, false
}

// parsePicks reads n distinct choice numbers from 1 to size, and returns
// them as ascending indexes, or a correction.
func parsePicks(s string, size, n int) ([]int, string) {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
	want := fmt.Sprintf("pick exactly %d different numbers from 1 to %d", n, size)
	var picks []int
	for _, f := range fields {
		k, err := strconv.Atoi(f)
		if err != nil || k < 1 || k > size {
			return nil, fmt.Sprintf("%q is not a choice: %s", f, want)
		}
		if slices.Contains(picks, k-1) {
			return nil, fmt.Sprintf("%d is there twice: %s", k, want)
		}
		picks = append(picks, k-1)
	}
	if len(picks) != n {
		return nil, fmt.Sprintf("%d picked: %s", len(picks), want)
	}
	slices.Sort(picks)
	return picks, ""
}

// example is a sample answer to a pick of n of size: "1 3" for two.
func example(n, size int) string {
	parts := make([]string, n)
	for i := range parts {
		if 2*n-1 <= size {
			parts[i] = strconv.Itoa(2*i + 1)
		} else {
			parts[i] = strconv.Itoa(i + 1)
		}
	}
	return strings.Join(parts, " ")
}
