package grade

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"mvdan.cc/sh/v3/syntax"
)

// A command line is read as a shell reads it, with mvdan.cc/sh: quotes and
// escapes are resolved, and command substitutions are read as command lines
// of their own. What the grader compares is a program: simple commands
// joined by operators.

// program is a parsed command line.
type program struct {
	calls []*call
	ops   []string // ops[i] joins calls[i] and calls[i+1]: &&, ||, |, ;
	// raw is the printed command line when it uses shell syntax the grader
	// does not model (loops, subshells, functions); then calls is empty.
	raw string
}

// call is one simple command: assignments, words and redirections.
type call struct {
	assigns    []string // NAME=value, sorted
	words      []word
	redirs     []redir
	background bool
	negated    bool
	docker     *dockerLine // the words read as a docker command line, if words[0] is docker
	// sudo marks a docker command typed after sudo, which is graded as the
	// docker command.
	sudo bool
}

// redir is one redirection, such as "> out.tar".
type redir struct {
	key, text string
	op        string // the operator with its file descriptor: >, 2>, <
	target    word
}

// word is one shell word after quote removal.
type word struct {
	key  string    // what is compared; expansions are marked with NUL bytes
	text string    // the literal text, when segs is nil
	segs []segment // the parts of a word holding expansions; nil for plain words
	// glob marks a plain word with unquoted pattern characters (* ? [),
	// which it is printed with.
	glob bool
	// dockerfile marks a word of a Dockerfile instruction, quoted as the
	// builder reads quotes.
	dockerfile bool
	// via is the flag a value was typed with when it counts as the value
	// of another: -v data:/data is a --mount.
	via string
}

// segment is a part of a word: literal text, a command substitution, or
// another expansion kept as written.
type segment struct {
	lit string
	sub *program // $(...) or `...`
	exp string   // ${NAME} and other expansions, printed
	// bare marks expansions that only work unquoted, such as extended
	// globs and brace expansions.
	bare bool
}

// needQuote are the characters that make a shell word need quotes.
const (
	needQuote       = needQuoteNoGlob + "*?[]"
	needQuoteNoGlob = " \t\r\n;\"'()$|&><`\\{}!\x00"
)

func literal(s string) word { return word{key: s, text: s} }

func (w word) plain() bool { return w.segs == nil }

// render returns the word as a shell would need it written.
func (w word) render() string {
	if w.dockerfile {
		return dfQuote(w.text)
	}
	if w.segs == nil {
		if w.glob && !strings.ContainsAny(w.text, needQuoteNoGlob) && w.text[0] != '~' && w.text[0] != '#' && !syntax.IsKeyword(w.text) {
			return w.text
		}
		return quote(w.text)
	}
	if len(w.segs) == 1 && w.segs[0].lit == "" {
		return w.segs[0].render()
	}
	var b strings.Builder
	if slices.ContainsFunc(w.segs, func(s segment) bool { return s.bare }) {
		for _, s := range w.segs {
			b.WriteString(s.render())
		}
		return b.String()
	}
	b.WriteByte('"')
	for _, s := range w.segs {
		if s.sub == nil && s.exp == "" {
			for _, r := range s.lit {
				if r == '"' || r == '\\' || r == '$' || r == '`' {
					b.WriteByte('\\')
				}
				b.WriteRune(r)
			}
			continue
		}
		b.WriteString(s.render())
	}
	b.WriteByte('"')
	return b.String()
}

func (s segment) render() string {
	switch {
	case s.sub != nil:
		return "$(" + s.sub.canonical() + ")"
	case s.exp != "":
		return s.exp
	}
	return quote(s.lit)
}

func (s segment) key() string {
	if s.sub == nil && s.exp == "" {
		return s.lit
	}
	return "\x00" + s.render() + "\x00"
}

// cut returns the word without its first n bytes of key. n must fall in a
// leading literal segment; flag names and shorthands always do.
func (w word) cut(n int) word {
	if w.segs == nil {
		c := literal(w.text[n:])
		c.glob = w.glob
		return c
	}
	if n < len(w.segs[0].lit) || (n == len(w.segs[0].lit) && w.segs[0].sub == nil && w.segs[0].exp == "") {
		segs := slices.Clone(w.segs)
		segs[0].lit = segs[0].lit[n:]
		if segs[0].lit == "" {
			segs = segs[1:]
		}
		return makeWord(segs)
	}
	return literal(w.key[n:])
}

// subProgram returns the command line of a word that is one command
// substitution, or nil.
func (w word) subProgram() *program {
	if len(w.segs) == 1 {
		return w.segs[0].sub
	}
	return nil
}

// makeWord joins segments into a word, merging literal neighbours.
func makeWord(segs []segment) word {
	var merged []segment
	for _, s := range segs {
		if s.sub == nil && s.exp == "" {
			if s.lit == "" {
				continue
			}
			if n := len(merged); n > 0 && merged[n-1].sub == nil && merged[n-1].exp == "" {
				merged[n-1].lit += s.lit
				continue
			}
		}
		merged = append(merged, s)
	}
	if len(merged) == 0 {
		return literal("")
	}
	if len(merged) == 1 && merged[0].sub == nil && merged[0].exp == "" {
		return literal(merged[0].lit)
	}
	var b strings.Builder
	for _, s := range merged {
		b.WriteString(s.key())
	}
	return word{key: b.String(), segs: merged}
}

// quote quotes s for the shell when it needs quoting. Unlike
// syntax.Quote it leaves "=" alone: A=1 as an argument is no assignment.
func quote(s string) string {
	if s != "" && !strings.ContainsAny(s, needQuote) && s[0] != '~' && s[0] != '#' && !syntax.IsKeyword(s) {
		return s
	}
	q, err := syntax.Quote(s, syntax.LangBash)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	return q
}

// canonical prints the program with every docker command in its canonical
// form.
func (p *program) canonical() string {
	if p.calls == nil {
		return p.raw
	}
	var b strings.Builder
	for i, c := range p.calls {
		if i > 0 {
			switch {
			case p.ops[i-1] == ";" && p.calls[i-1].background:
				b.WriteString(" ")
			case p.ops[i-1] == ";":
				b.WriteString("; ")
			default:
				b.WriteString(" " + p.ops[i-1] + " ")
			}
		}
		b.WriteString(c.canonical())
	}
	return b.String()
}

func (c *call) canonical() string {
	var parts []string
	if c.negated {
		parts = append(parts, "!")
	}
	parts = append(parts, c.assigns...)
	if c.docker != nil {
		parts = append(parts, c.docker.canonical())
	} else {
		for i, w := range c.words {
			r := w.render()
			if i == 0 && w.plain() {
				// The command name: quoted like any word, and also when it
				// would read as an assignment or a pattern.
				r = quote(w.text)
				if strings.Contains(r, "=") {
					r, _ = syntax.Quote(w.text, syntax.LangBash)
				}
			}
			parts = append(parts, r)
		}
	}
	for _, r := range c.redirs {
		parts = append(parts, r.text)
	}
	if c.background {
		parts = append(parts, "&")
	}
	return strings.Join(parts, " ")
}

var parsers = sync.Pool{New: func() any { return syntax.NewParser(syntax.Variant(syntax.LangBash)) }}

// errUnreadable wraps errors of the shell parser.
var errUnreadable = errors.New("not a command line a shell can read")

// parseProgram reads src as a shell command line. With docker, every docker
// command in it, including those in command substitutions, is read as
// docker would read it; the first one docker would reject makes the error.
func parseProgram(src string, docker bool) (*program, error) {
	p := parsers.Get().(*syntax.Parser)
	f, err := p.Parse(strings.NewReader(src), "")
	parsers.Put(p)
	if err != nil {
		var perr syntax.ParseError
		if errors.As(err, &perr) {
			return nil, fmt.Errorf("%w: %s", errUnreadable, perr.Text)
		}
		return nil, fmt.Errorf("%w: %v", errUnreadable, err)
	}
	return buildProgram(f.Stmts, docker)
}

func buildProgram(stmts []*syntax.Stmt, docker bool) (*program, error) {
	prog := &program{}
	ok := true
	for i, s := range stmts {
		if i > 0 {
			prog.ops = append(prog.ops, ";")
		}
		good, err := prog.addStmt(s, docker)
		if err != nil {
			return nil, err
		}
		ok = ok && good
	}
	if !ok {
		prog.calls, prog.ops = nil, nil
		prog.raw = printNodes(stmts)
		if !reprints(prog.raw) {
			return nil, fmt.Errorf("%w: the grader cannot compare %s", errUnreadable, prog.raw)
		}
	}
	return prog, nil
}

// reprints reports whether printed shell code reads back as itself, as
// code the grader does not model, so that it can stand for the code it was
// printed from.
func reprints(printed string) bool {
	p := parsers.Get().(*syntax.Parser)
	f, err := p.Parse(strings.NewReader(printed), "")
	parsers.Put(p)
	if err != nil || printNodes(f.Stmts) != printed {
		return false
	}
	prog := &program{}
	for _, s := range f.Stmts {
		ok, err := prog.addStmt(s, false)
		if err != nil {
			return false
		}
		if !ok {
			return true
		}
	}
	return false // it reads back as modelled commands
}

// addStmt flattens a statement into the program; it reports false for
// shell syntax the grader does not model.
func (prog *program) addStmt(s *syntax.Stmt, docker bool) (bool, error) {
	switch cmd := s.Cmd.(type) {
	case *syntax.BinaryCmd:
		if len(s.Redirs) > 0 || s.Negated || s.Background {
			return false, nil
		}
		ok, err := prog.addStmt(cmd.X, docker)
		if err != nil || !ok {
			return ok, err
		}
		prog.ops = append(prog.ops, cmd.Op.String())
		return prog.addStmt(cmd.Y, docker)
	case *syntax.CallExpr:
		c, ok, err := buildCall(s, cmd, docker)
		if err != nil || !ok {
			return ok, err
		}
		prog.calls = append(prog.calls, c)
		return true, nil
	}
	return false, nil
}

func buildCall(s *syntax.Stmt, ce *syntax.CallExpr, docker bool) (*call, bool, error) {
	c := &call{background: s.Background, negated: s.Negated}
	for _, a := range ce.Assigns {
		if a.Append || a.Naked || a.Index != nil || a.Array != nil || a.Name == nil || !syntax.ValidName(a.Name.Value) {
			return nil, false, nil
		}
		v := literal("")
		if a.Value != nil {
			var err error
			if v, err = buildWord(a.Value, docker); err != nil {
				return nil, false, err
			}
		}
		c.assigns = append(c.assigns, a.Name.Value+"="+v.render())
	}
	slices.Sort(c.assigns)
	c.words = make([]word, 0, len(ce.Args))
	for _, w := range ce.Args {
		bw, err := buildWord(w, docker)
		if err != nil {
			return nil, false, err
		}
		c.words = append(c.words, bw)
	}
	for _, r := range s.Redirs {
		if r.Hdoc != nil {
			return nil, false, nil
		}
		op := r.Op.String()
		if r.N != nil && !(r.N.Value == "1" && (op == ">" || op == ">>")) && !(r.N.Value == "0" && op == "<") {
			op = r.N.Value + op
		}
		target, err := buildWord(r.Word, docker)
		if err != nil {
			return nil, false, err
		}
		text := op + " " + target.render()
		c.redirs = append(c.redirs, redir{key: op + " " + target.key, text: text, op: op, target: target})
	}
	if docker && len(c.words) > 1 && c.words[0].key == "sudo" && c.words[1].key == "docker" {
		c.sudo = true
		c.words = c.words[1:]
	}
	if docker && len(c.words) > 0 && c.words[0].key == "docker" {
		d, err := parseDocker(c.words[1:])
		if err != nil {
			return nil, false, err
		}
		c.docker = d
	}
	return c, true, nil
}

var simpleParam = regexp.MustCompile(`^\$\{?([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])\}?$`)

// buildWord resolves the quotes and escapes of a shell word.
func buildWord(w *syntax.Word, docker bool) (word, error) {
	// Fast path: one unquoted literal without escapes.
	if len(w.Parts) == 1 {
		if l, ok := w.Parts[0].(*syntax.Lit); ok && !strings.Contains(l.Value, `\`) {
			bw := literal(l.Value)
			bw.glob = strings.ContainsAny(l.Value, "*?[")
			return bw, nil
		}
	}
	var segs []segment
	glob := false
	for _, part := range w.Parts {
		if l, ok := part.(*syntax.Lit); ok && strings.ContainsAny(l.Value, "*?[") {
			glob = true
		}
		var err error
		segs, err = appendPart(segs, part, false, docker)
		if err != nil {
			return word{}, err
		}
	}
	bw := makeWord(segs)
	bw.glob = glob && bw.segs == nil
	return bw, nil
}

func appendPart(segs []segment, part syntax.WordPart, inDouble, docker bool) ([]segment, error) {
	switch x := part.(type) {
	case *syntax.Lit:
		if inDouble {
			return append(segs, segment{lit: unescapeDouble(x.Value)}), nil
		}
		return append(segs, segment{lit: unescape(x.Value)}), nil
	case *syntax.SglQuoted:
		if x.Dollar {
			return append(segs, segment{lit: unescapeANSI(x.Value)}), nil
		}
		return append(segs, segment{lit: x.Value}), nil
	case *syntax.DblQuoted:
		for _, p := range x.Parts {
			var err error
			if segs, err = appendPart(segs, p, true, docker); err != nil {
				return nil, err
			}
		}
		if len(x.Parts) == 0 {
			segs = append(segs, segment{})
		}
		return segs, nil
	case *syntax.CmdSubst:
		sub, err := buildProgram(x.Stmts, docker)
		if err != nil {
			return nil, fmt.Errorf("in $(%s): %w", printNodes(x.Stmts), err)
		}
		return append(segs, segment{sub: sub}), nil
	case *syntax.ParamExp:
		p := printNode(x)
		if m := simpleParam.FindStringSubmatch(p); m != nil {
			p = "${" + m[1] + "}"
		}
		return append(segs, segment{exp: p}), nil
	case *syntax.ArithmExp:
		return append(segs, segment{exp: printNode(part)}), nil
	}
	return append(segs, segment{exp: printNode(part), bare: !inDouble}), nil
}

// unescape removes the backslashes of an unquoted literal.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			if s[i] == '\n' {
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// unescapeANSI decodes the escapes of bash's $'...' quotes.
func unescapeANSI(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		c := s[i]
		if e := strings.IndexByte(`abefnrtv\'"?E`, c); e >= 0 {
			b.WriteByte("\a\b\x1b\f\n\r\t\v\\'\"?\x1b"[e])
			continue
		}
		digits, base, size := 0, 0, 0
		switch {
		case c >= '0' && c <= '7':
			digits, base, size = 3, 8, 0
			i--
		case c == 'x':
			digits, base, size = 2, 16, 0
		case c == 'u':
			digits, base, size = 4, 16, 1
		case c == 'U':
			digits, base, size = 8, 16, 1
		case c == 'c' && i+1 < len(s):
			i++
			b.WriteByte(s[i] & 0x1f)
			continue
		default:
			b.WriteByte('\\')
			b.WriteByte(c)
			continue
		}
		n, j := 0, 0
		for ; j < digits && i+1 < len(s); j++ {
			d := strings.IndexByte("0123456789abcdef", s[i+1]|0x20)
			if d < 0 || d >= base || s[i+1] < '0' {
				break
			}
			n = n*base + d
			i++
		}
		switch {
		case j == 0:
			b.WriteByte('\\')
			b.WriteByte(c)
		case size == 1:
			b.WriteRune(rune(n))
		default:
			b.WriteByte(byte(n))
		}
	}
	return b.String()
}

// unescapeDouble removes the backslashes a shell removes inside double
// quotes.
func unescapeDouble(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			switch s[i+1] {
			case '\n':
				i++
				continue
			case '"', '\\', '$', '`':
				i++
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func printNode(n syntax.Node) string {
	var b strings.Builder
	if err := syntax.NewPrinter(syntax.SingleLine(true)).Print(&b, n); err != nil {
		return fmt.Sprintf("%v", n)
	}
	return b.String()
}

func printNodes(stmts []*syntax.Stmt) string {
	var b strings.Builder
	for i, s := range stmts {
		p := printNode(s)
		b.WriteString(p)
		if i < len(stmts)-1 {
			if strings.HasSuffix(p, "&") {
				b.WriteString(" ")
			} else {
				b.WriteString("; ")
			}
		}
	}
	return b.String()
}
