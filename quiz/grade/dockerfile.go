package grade

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// Dockerfile instructions are compared as the builder reads them: the
// keyword in any case, flags (--from=build) in any order, the exec form
// (a JSON array) and the shell form as different answers, the shell form
// and other arguments as shell words, and where order does not matter
// (EXPOSE, VOLUME, ENV and LABEL pairs, COPY and ADD sources) as sets.

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
	prog    *program
	sub     *instruction // ONBUILD's instruction, HEALTHCHECK's CMD
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
	if strings.ContainsRune(s, 0) {
		return nil, errNUL
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
			tok, after, _ := strings.Cut(rest, " ")
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
		return nil, fmt.Errorf("%s needs arguments", in.keyword)
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
			in.items = shellWords(rest)
		}
		if in.keyword == "VOLUME" {
			in.set = true
		} else if len(in.items) < 2 {
			return nil, fmt.Errorf("%s needs a source and a destination", in.keyword)
		}
	case "ENV", "LABEL":
		in.set = true
		in.items, err = readPairs(in.keyword, rest)
	case "EXPOSE":
		in.set = true
		for _, w := range shellWords(rest) {
			p := strings.ToLower(w.key)
			p = strings.TrimSuffix(p, "/tcp")
			in.items = append(in.items, word{key: p, text: w.text, segs: w.segs})
		}
	case "FROM":
		in.items = shellWords(rest)
		if len(in.items) == 3 && strings.EqualFold(in.items[1].key, "AS") {
			in.items[1] = literal("AS")
		} else if len(in.items) != 1 {
			return nil, fmt.Errorf("FROM needs an image, optionally followed by AS name")
		}
	default:
		in.items = shellWords(rest)
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
	if err != nil {
		p = &program{raw: strings.Join(strings.Fields(rest), " ")}
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
	in.items = literals(arr)
	return true
}

// readPairs reads NAME=value pairs, or the legacy "ENV NAME value" form.
func readPairs(keyword, rest string) ([]word, error) {
	ws := shellWords(rest)
	if len(ws) > 0 && !strings.Contains(ws[0].key, "=") {
		if len(ws) == 1 {
			return nil, fmt.Errorf("%s needs NAME=value", keyword)
		}
		name, value, _ := strings.Cut(strings.TrimSpace(rest), " ")
		v := shellWords(strings.TrimSpace(value))
		var parts []string
		for _, w := range v {
			parts = append(parts, w.key)
		}
		return []word{literal(name + "=" + strings.Join(parts, " "))}, nil
	}
	for _, w := range ws {
		if !strings.Contains(w.key, "=") {
			return nil, fmt.Errorf("%s needs NAME=value, got %s", keyword, w.render())
		}
	}
	return ws, nil
}

// shellWords splits s into words as a shell would, or at spaces when it
// is not shell syntax.
func shellWords(s string) []word {
	p := parsers.Get().(*syntax.Parser)
	defer parsers.Put(p)
	var ws []word
	for w, err := range p.WordsSeq(strings.NewReader(s)) {
		if err != nil {
			ws = nil
			break
		}
		bw, err := buildWord(w, false)
		if err != nil {
			ws = nil
			break
		}
		ws = append(ws, bw)
	}
	if ws == nil {
		for _, f := range strings.Fields(s) {
			ws = append(ws, literal(f))
		}
	}
	return ws
}

func (in *instruction) canonical() string {
	var b strings.Builder
	b.WriteString(in.keyword)
	for _, f := range in.flags {
		b.WriteString(" " + f.key)
	}
	switch {
	case in.sub != nil:
		b.WriteString(" " + in.sub.canonical())
	case in.form == "shell":
		b.WriteString(" " + in.prog.canonical())
	case in.form == "exec" || in.keyword == "SHELL":
		b.WriteString(" " + jsonArray(in.items))
	default:
		for _, w := range in.sortedItems() {
			b.WriteString(" " + w.render())
		}
	}
	return b.String()
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
		reasons = compareSets(reasons, "value", want.items, got.items, func(w word) string { return w.render() })
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
