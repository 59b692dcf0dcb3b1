package grade

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Dockerfile instructions are compared as the builder reads them: the
// keyword in any case, flags (--from=build) in any order, the exec form
// (a JSON array) and the shell form as different answers, the shell form as
// a shell command line, other arguments as words split the way the builder
// splits them, and where order does not matter (EXPOSE, VOLUME, ENV and
// LABEL pairs, COPY and ADD sources) as sets.

// instructions are the Dockerfile instruction keywords.
var instructions = map[string]bool{
	"ADD": true, "ARG": true, "CMD": true, "COPY": true, "ENTRYPOINT": true, "ENV": true,
	"EXPOSE": true, "FROM": true, "HEALTHCHECK": true, "LABEL": true, "MAINTAINER": true,
	"ONBUILD": true, "RUN": true, "SHELL": true, "STOPSIGNAL": true, "USER": true,
	"VOLUME": true, "WORKDIR": true,
}

// instructionFlags are the flags each instruction accepts; true marks a
// flag without a value.
var instructionFlags = map[string]map[string]bool{
	"FROM":        {"platform": false},
	"RUN":         {"mount": false, "network": false, "security": false},
	"COPY":        {"from": false, "chown": false, "chmod": false, "link": true, "parents": true, "exclude": false},
	"ADD":         {"chown": false, "chmod": false, "checksum": false, "keep-git-dir": true, "link": true, "exclude": false},
	"HEALTHCHECK": {"interval": false, "timeout": false, "start-period": false, "start-interval": false, "retries": false},
}

// instruction is one Dockerfile instruction as the builder reads it.
type instruction struct {
	keyword string
	flags   []word // --name=value, sorted
	form    string // "exec" or "shell" for RUN, CMD, ENTRYPOINT; "" otherwise
	items   []word // exec form elements, or the arguments
	set     bool   // items are compared as a set
	pairs   bool   // items are NAME=value pairs
	// bare marks the keyword alone: the answer to "which instruction ...".
	bare bool
	prog *program
	sub  *instruction // ONBUILD's instruction, HEALTHCHECK's CMD
	// jsonLike marks a shell form that looks like a failed JSON array,
	// such as ['nginx'] with single quotes.
	jsonLike bool
}

type dockerfileGrader struct{}

type dockerfileAnswer []*instruction

func (a dockerfileAnswer) canonical() string {
	lines := make([]string, len(a))
	for i, in := range a {
		lines[i] = in.canonical()
	}
	return strings.Join(lines, "\n")
}

func (dockerfileGrader) read(s string) (answer, error) {
	if err := checkControl(s); err != nil {
		return nil, err
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\\\n", " ")
	var a dockerfileAnswer
	for line := range strings.SplitSeq(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		in, err := parseInstruction(line)
		if err != nil {
			return nil, err
		}
		a = append(a, in)
	}
	if len(a) == 0 {
		return nil, fmt.Errorf("no Dockerfile instruction given")
	}
	return a, nil
}

func (dockerfileGrader) compare(want, got answer) []string {
	w, g := want.(dockerfileAnswer), got.(dockerfileAnswer)
	var reasons []string
	many := len(w) > 1 || len(g) > 1
	for i := range min(len(w), len(g)) {
		for _, r := range compareInstructions(w[i], g[i]) {
			if many {
				r = fmt.Sprintf("line %d: %s", i+1, r)
			}
			reasons = append(reasons, r)
		}
	}
	for i := len(g); i < len(w); i++ {
		reasons = append(reasons, "missing "+w[i].canonical())
	}
	for i := len(w); i < len(g); i++ {
		reasons = append(reasons, "unexpected "+g[i].canonical())
	}
	return reasons
}

func parseInstruction(line string) (*instruction, error) {
	kw, rest := line, ""
	if i := strings.IndexAny(line, " \t"); i >= 0 {
		kw, rest = line[:i], line[i+1:]
	}
	in := &instruction{keyword: strings.ToUpper(kw)}
	if !instructions[in.keyword] {
		return nil, fmt.Errorf("%s is not a Dockerfile instruction", kw)
	}
	rest = strings.TrimSpace(rest)
	if allowed := instructionFlags[in.keyword]; allowed != nil {
		for strings.HasPrefix(rest, "--") {
			tok, after := rest, ""
			if i := strings.IndexAny(rest, " \t"); i >= 0 {
				tok, after = rest[:i], rest[i+1:]
			}
			name, _, hasValue := strings.Cut(tok[2:], "=")
			noValue, ok := allowed[name]
			if !ok {
				return nil, fmt.Errorf("%s has no flag --%s", in.keyword, name)
			}
			if !hasValue && !noValue {
				return nil, fmt.Errorf("%s flag --%s needs a value: --%s=VALUE", in.keyword, name, name)
			}
			in.flags = append(in.flags, literal(tok))
			rest = strings.TrimSpace(after)
		}
		slices.SortFunc(in.flags, func(a, b word) int { return strings.Compare(a.key, b.key) })
	}
	if rest == "" {
		if len(in.flags) > 0 {
			return nil, fmt.Errorf("%s needs arguments", in.keyword)
		}
		in.bare = true
		return in, nil
	}
	var err error
	switch in.keyword {
	case "RUN", "CMD", "ENTRYPOINT":
		in.readExecOrShell(rest)
	case "SHELL":
		in.readExecOrShell(rest)
		if in.form != "exec" {
			return nil, fmt.Errorf("SHELL needs a JSON array, such as [\"/bin/bash\", \"-c\"]")
		}
		in.form = ""
	case "HEALTHCHECK":
		if strings.EqualFold(rest, "NONE") {
			in.items = []word{literal("NONE")}
			break
		}
		if k, _, _ := strings.Cut(rest, " "); !strings.EqualFold(k, "CMD") {
			return nil, fmt.Errorf("HEALTHCHECK needs CMD or NONE")
		}
		in.sub, err = parseInstruction(rest)
	case "ONBUILD":
		in.sub, err = parseInstruction(rest)
		if err == nil && (in.sub.keyword == "ONBUILD" || in.sub.keyword == "FROM" || in.sub.keyword == "MAINTAINER") {
			err = fmt.Errorf("ONBUILD cannot trigger %s", in.sub.keyword)
		}
	case "ADD", "COPY", "VOLUME":
		if !in.readJSON(rest) {
			in.items, err = dfWords(rest)
		}
		if in.keyword == "VOLUME" {
			in.set = true
		} else if len(in.items) < 2 {
			return nil, fmt.Errorf("%s needs a source and a destination", in.keyword)
		} else {
			// Paths of the context and the destination as the builder
			// reads them: ./ is ., ./app.py is app.py.
			for i := range in.items {
				in.items[i].key = cleanPath(in.items[i].key)
			}
		}
	case "ENV", "LABEL":
		in.set, in.pairs = true, true
		in.items, err = readPairs(in.keyword, rest)
	case "EXPOSE":
		in.set = true
		var ws []word
		ws, err = dfWords(rest)
		for _, w := range ws {
			w.key = strings.TrimSuffix(strings.ToLower(w.key), "/tcp")
			in.items = append(in.items, w)
		}
	case "FROM":
		if in.items, err = dfWords(rest); err != nil {
			break
		}
		if len(in.items) == 3 && strings.EqualFold(in.items[1].key, "AS") {
			in.items[1] = literal("AS")
		} else if len(in.items) != 1 {
			return nil, fmt.Errorf("FROM needs an image, optionally followed by AS name")
		}
	case "MAINTAINER":
		in.items = []word{literal(strings.Join(strings.Fields(rest), " "))}
	default:
		in.items, err = dfWords(rest)
	}
	if err != nil {
		return nil, err
	}
	return in, nil
}

// readExecOrShell reads the exec form (a JSON array of strings) or, as the
// builder does for anything that is not one, the shell form.
func (in *instruction) readExecOrShell(rest string) {
	if in.readJSON(rest) {
		in.form = "exec"
		return
	}
	in.form = "shell"
	in.jsonLike = strings.HasPrefix(rest, "[") && strings.HasSuffix(rest, "]")
	p, err := parseProgram(rest, false)
	if err != nil || len(p.calls) == 0 && p.raw == "" {
		// Not a command the grader can read, such as a lone comment: the
		// text, as written.
		p = &program{raw: rest}
	}
	in.prog = p
}

func (in *instruction) readJSON(rest string) bool {
	if !strings.HasPrefix(rest, "[") {
		return false
	}
	var arr []string
	if err := json.Unmarshal([]byte(rest), &arr); err != nil {
		return false
	}
	in.items = make([]word, len(arr))
	for i, a := range arr {
		in.items[i] = dfWord(a)
	}
	return true
}

// readPairs reads NAME=value pairs, or the legacy "ENV NAME value" form.
func readPairs(keyword, rest string) ([]word, error) {
	ws, err := dfWords(rest)
	if err != nil {
		return nil, err
	}
	if len(ws) > 0 && !strings.Contains(ws[0].key, "=") {
		if len(ws) == 1 {
			return nil, fmt.Errorf("%s needs NAME=value", keyword)
		}
		parts := make([]string, len(ws)-1)
		for i, w := range ws[1:] {
			parts[i] = w.key
		}
		return []word{dfWord(ws[0].key + "=" + strings.Join(parts, " "))}, nil
	}
	for _, w := range ws {
		if !strings.Contains(w.key, "=") {
			return nil, fmt.Errorf("%s needs NAME=value, got %s", keyword, w.render())
		}
	}
	return ws, nil
}

// dfWords splits s into words as the builder does for the arguments of
// an instruction: at whitespace, with single quotes, double quotes and
// backslash escapes. Variables ($NAME) are kept as written.
func dfWords(s string) ([]word, error) {
	var ws []word
	var b strings.Builder
	in := false // inside a word
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c >= '\t' && c <= '\r':
			if in {
				ws = append(ws, dfWord(b.String()))
				b.Reset()
				in = false
			}
			continue
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, fmt.Errorf("unmatched single quote in %s", s)
			}
			b.WriteString(s[i+1 : i+1+j])
			i += j + 1
		case c == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte(`"$\`, s[i+1]) >= 0 {
					i++
				}
				b.WriteByte(s[i])
			}
			if i == len(s) {
				return nil, fmt.Errorf("unmatched double quote in %s", s)
			}
		case c == '\\' && i+1 < len(s):
			i++
			b.WriteByte(s[i])
		default:
			b.WriteByte(c)
		}
		in = true
	}
	if in {
		ws = append(ws, dfWord(b.String()))
	}
	return ws, nil
}

func dfWord(s string) word {
	w := literal(s)
	w.dockerfile = true
	return w
}

// dfQuote quotes a word for a Dockerfile when it needs quoting.
func dfQuote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n\v\f\r'\"\\") {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('"')
	return b.String()
}

func (in *instruction) canonical() string {
	var b strings.Builder
	b.WriteString(in.keyword)
	for _, f := range in.flags {
		b.WriteString(" " + f.key)
	}
	switch {
	case in.bare:
	case in.sub != nil:
		b.WriteString(" " + in.sub.canonical())
	case in.form == "shell":
		b.WriteString(" " + in.prog.canonical())
	case in.form == "exec" || in.keyword == "SHELL":
		b.WriteString(" " + jsonArray(in.items))
	case in.keyword == "MAINTAINER":
		b.WriteString(" " + in.items[0].text)
	default:
		for _, w := range in.sortedItems() {
			b.WriteString(" " + in.renderItem(w))
		}
	}
	return b.String()
}

var pairName = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]*$`)

// renderItem prints an argument; a NAME=value pair quotes only its value.
func (in *instruction) renderItem(w word) string {
	if in.pairs {
		if name, value, ok := strings.Cut(w.text, "="); ok && pairName.MatchString(name) {
			return name + "=" + dfQuote(value)
		}
	}
	return w.render()
}

func (in *instruction) sortedItems() []word {
	if !in.set {
		return in.items
	}
	s := slices.Clone(in.items)
	slices.SortFunc(s, func(a, b word) int { return strings.Compare(a.key, b.key) })
	return s
}

func jsonArray(items []word) string {
	var b bytes.Buffer
	b.WriteByte('[')
	for i, w := range items {
		if i > 0 {
			b.WriteString(", ")
		}
		var e bytes.Buffer
		enc := json.NewEncoder(&e)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(w.text)
		b.Write(bytes.TrimSpace(e.Bytes()))
	}
	b.WriteByte(']')
	return b.String()
}

func compareInstructions(want, got *instruction) []string {
	if want.keyword != got.keyword {
		return []string{fmt.Sprintf("instruction: got %s, expected %s", got.keyword, want.keyword)}
	}
	if want.bare || got.bare {
		if want.bare && got.bare {
			return nil
		}
		return []string{fmt.Sprintf("got %s, expected %s", got.canonical(), want.canonical())}
	}
	var reasons []string
	reasons = compareSets(reasons, "flag", want.flags, got.flags, func(w word) string { return w.key })
	if want.form != got.form {
		r := fmt.Sprintf("form: got %s form, expected %s form", got.form, want.form)
		if want.form == "exec" {
			r += " (a JSON array)"
			if got.jsonLike {
				r += "; a JSON array needs double quotes, otherwise it is read as shell form"
			}
		}
		return append(reasons, r)
	}
	switch {
	case want.sub != nil || got.sub != nil:
		if want.sub == nil || got.sub == nil {
			return append(reasons, fmt.Sprintf("got %s, expected %s", got.canonical(), want.canonical()))
		}
		for _, r := range compareInstructions(want.sub, got.sub) {
			reasons = append(reasons, want.keyword+" "+r)
		}
	case want.form == "shell":
		reasons = append(reasons, comparePrograms(want.prog, got.prog)...)
	case want.set:
		reasons = compareSets(reasons, "value", want.items, got.items, want.renderItem)
	case want.keyword == "ADD" || want.keyword == "COPY":
		// Sources in any order, the destination last.
		nw, ng := len(want.items), len(got.items)
		reasons = compareSets(reasons, "source", want.items[:nw-1], got.items[:ng-1], func(w word) string { return "source " + w.render() })
		if want.items[nw-1].key != got.items[ng-1].key {
			reasons = append(reasons, diffWord("destination", want.items[nw-1], got.items[ng-1])...)
		}
	default:
		reasons = compareArgs(reasons, plainArgs, want.items, got.items)
	}
	return reasons
}
