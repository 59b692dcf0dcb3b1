package grade

import (
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// dockerLine is a docker command line read as the docker CLI reads it.
type dockerLine struct {
	global map[string]*option // docker's own flags, by long name
	cmd    *command           // rootCommand when only global flags were given
	opts   map[string]*option // the command's flags, by long name
	args   []word
	// other holds the words after the global flags of a command the
	// grader has no table for (docker compose, docker swarm, ...); cmd is
	// nil then.
	other []word
}

// option is the value of one flag on a command line: the last value of a
// single-valued flag, the distinct values of a repeated one. Boolean flags
// left at their default are not options.
type option struct {
	f    *flag
	vals []word
	one  [1]word // the storage of vals for a single value
}

// add adds a value to a repeated flag, once.
func (o *option) add(v word) {
	for _, x := range o.vals {
		if x.key == v.key {
			return
		}
	}
	o.vals = append(o.vals, v)
}

// helpFlag is the --help every docker command accepts without listing it.
var helpFlag = &flag{long: "help", short: "h", typ: "bool"}

// parseDocker reads the words after "docker" as the docker CLI would, and
// returns the error it would report.
func parseDocker(words []word) (*dockerLine, error) {
	d := &dockerLine{}
	global, rest, err := parseFlags(rootCommand, words, true)
	if err != nil {
		return nil, err
	}
	d.global = global
	if len(rest) == 0 {
		d.cmd = rootCommand
		return d, nil
	}
	first := rest[0].key
	if unmodelled[first] {
		d.other = rest
		return d, nil
	}
	second := ""
	if len(rest) > 1 {
		second = rest[1].key
	}
	cmd, n := lookupCommand(first, second)
	if cmd == nil {
		switch {
		case groups[first] && len(rest) == 1:
			return nil, fmt.Errorf("docker %s needs a subcommand", first)
		case groups[first]:
			return nil, fmt.Errorf("unknown command: docker %s %s", first, rest[1].render())
		}
		return nil, fmt.Errorf("unknown command: docker %s", rest[0].render())
	}
	d.cmd = cmd
	d.opts, d.args, err = parseFlags(cmd, rest[n:], !cmd.interspersed)
	if err != nil {
		return nil, err
	}
	for i, a := range d.args {
		if cmd.args.isRef(i) && a.plain() {
			d.args[i].key = normaliseRef(a.text)
		}
	}
	keyPathArgs(cmd, d.args)
	if o := d.opts["name"]; cmd.path == "volume create" && o != nil {
		// The hidden --name of docker volume create names the volume.
		if len(d.args) > 0 && d.args[0].key != o.vals[0].key {
			return nil, fmt.Errorf("conflicting options: either specify --name or provide positional arg, not both")
		}
		d.args = o.vals
		delete(d.opts, "name")
	}
	a := &cmd.args
	switch {
	case len(d.args) < a.min:
		bound := "at least"
		if a.min == a.max {
			bound = "exactly"
		}
		return nil, fmt.Errorf("missing %s: docker %s needs %s", a.name(len(d.args)), cmd.path, argCount(bound, a.min))
	case a.max >= 0 && len(d.args) > a.max:
		if a.max == 0 {
			return nil, fmt.Errorf("unexpected argument %s: docker %s accepts no arguments", d.args[0].render(), cmd.path)
		}
		return nil, fmt.Errorf("unexpected argument %s: docker %s accepts %s", d.args[a.max].render(), cmd.path, argCount("at most", a.max))
	}
	return d, nil
}

func argCount(bound string, n int) string {
	if n == 1 {
		return bound + " 1 argument"
	}
	return bound + " " + strconv.Itoa(n) + " arguments"
}

// parseFlags reads flags the way the docker CLI's flag parser (pflag)
// does: long flags with "=value" or the next word as value, short flags
// grouped ("-it"), with their value attached ("-p8080:80", "-p=8080:80")
// or in the next word, "--" ending the flags. With stopAtArg, the first
// positional argument ends the flags.
func parseFlags(c *command, words []word, stopAtArg bool) (map[string]*option, []word, error) {
	var opts map[string]*option
	var args []word
	var arena []option // one allocation for the options; never grows
	var set func(f *flag, v word) error
	set = func(f *flag, v word) error {
		if f.long == "publish" && v.plain() {
			// A host range and a container range of one length are one
			// binding per port.
			if ports := expandPorts(v.text); ports != nil {
				for _, p := range ports {
					if err := set(f, literal(p)); err != nil {
						return err
					}
				}
				return nil
			}
		}
		v, err := normalise(f, v)
		if err != nil {
			return err
		}
		if m := c.long["mount"]; m != nil && m.typ == "mount" && (f.long == "volume" || f.long == "tmpfs") {
			// -v data:/data and --tmpfs /run are mounts like --mount's.
			v.via, f = f.long, m
		}
		if opts == nil {
			opts = make(map[string]*option, 4)
			arena = make([]option, 0, maxOptions(words))
		}
		o := opts[f.long]
		if o == nil {
			arena = append(arena, option{f: f})
			o = &arena[len(arena)-1]
			o.vals = o.one[:0]
			opts[f.long] = o
		}
		switch {
		case !f.repeats():
			o.vals = append(o.vals[:0], v)
		case f.typ == "strings" && v.plain() && strings.Contains(v.text, ","):
			// A string slice takes comma-separated values.
			for p := range strings.SplitSeq(v.text, ",") {
				o.add(literal(p))
			}
		case v.plain() && (f.long == "env" || f.long == "label" || f.long == "build-arg") && strings.Contains(v.text, "="):
			// NAME=value: a later value of the same name wins.
			name, _, _ := strings.Cut(v.text, "=")
			o.vals = slices.DeleteFunc(o.vals, func(x word) bool {
				n, _, ok := strings.Cut(x.text, "=")
				return x.plain() && ok && n == name
			})
			o.add(v)
		default:
			o.add(v)
		}
		return nil
	}
	for i := 0; i < len(words); i++ {
		w := words[i]
		k := w.key
		switch {
		case k == "--":
			return finish(opts), append(args, words[i+1:]...), nil
		case strings.HasPrefix(k, "--"):
			name, _, hasValue := strings.Cut(k[2:], "=")
			if name == "" || strings.HasPrefix(name, "-") || strings.ContainsRune(name, 0) {
				return nil, nil, fmt.Errorf("bad flag syntax: %s", w.render())
			}
			f := c.long[name]
			if f == nil && name == "help" {
				f = helpFlag
			}
			if f == nil {
				return nil, nil, unknownFlag(c, "--"+name)
			}
			var v word
			switch {
			case hasValue:
				v = w.cut(3 + len(name))
			case f.isBool():
				v = literal("true")
			case i+1 < len(words):
				i++
				v = words[i]
			default:
				return nil, nil, fmt.Errorf("flag --%s needs a value", name)
			}
			if err := set(f, v); err != nil {
				return nil, nil, err
			}
		case len(k) > 1 && k[0] == '-' && k[1] != 0:
			for j := 1; j < len(k); {
				f := c.short[k[j]]
				if f == nil && k[j] == 'h' {
					f = helpFlag
				}
				if f == nil {
					return nil, nil, unknownFlag(c, "-"+k[j:j+1])
				}
				var v word
				switch {
				case len(k)-j > 2 && k[j+1] == '=':
					v = w.cut(j + 2)
					j = len(k)
				case f.isBool():
					v = literal("true")
					j++
				case len(k)-j > 1:
					v = w.cut(j + 1)
					j = len(k)
				case i+1 < len(words):
					i++
					v = words[i]
					j = len(k)
				default:
					return nil, nil, fmt.Errorf("flag -%s (--%s) needs a value", f.short, f.long)
				}
				if err := set(f, v); err != nil {
					return nil, nil, err
				}
			}
		default:
			if stopAtArg {
				// No positional argument came before: args is empty.
				return finish(opts), slices.Clip(words[i:]), nil
			}
			args = append(args, w)
		}
	}
	return finish(opts), args, nil
}

// maxOptions bounds the number of options words can set: one per letter
// of a group of short flags, one per long flag.
func maxOptions(words []word) int {
	n := 0
	for _, w := range words {
		switch {
		case strings.HasPrefix(w.key, "--"):
			n++
		case strings.HasPrefix(w.key, "-"):
			n += len(w.key) - 1
		}
	}
	return n
}

// finish drops boolean flags left at their default and sorts the values of
// repeated flags.
func finish(opts map[string]*option) map[string]*option {
	for name, o := range opts {
		if o.f.isBool() {
			if (o.vals[0].key == "true") == o.f.defaultTrue {
				delete(opts, name)
			}
			continue
		}
		if len(o.vals) > 1 {
			slices.SortFunc(o.vals, func(a, b word) int { return strings.Compare(a.key, b.key) })
		}
	}
	return opts
}

func unknownFlag(c *command, flag string) error {
	where := "docker"
	if c.path != "" {
		where += " " + c.path
	}
	msg := fmt.Sprintf("flag %s is not a flag of %s", flag, where)
	if c != rootCommand && isGlobal(flag) {
		msg += "; docker's global flags go before the command"
	}
	return fmt.Errorf("%s", msg)
}

func isGlobal(flag string) bool {
	if strings.HasPrefix(flag, "--") {
		return rootCommand.long[flag[2:]] != nil
	}
	return len(flag) == 2 && rootCommand.short[flag[1]] != nil
}

var sizeRe = regexp.MustCompile(`^(\d+(?:\.\d+)?) ?([kKmMgGtTpP])?[iI]?[bB]?$`)

// normalise checks a flag's value as docker would, and keys it so that
// equal values compare equal: "1g" and "1024m" for a size, "90s" and
// "1m30s" for a duration.
func normalise(f *flag, v word) (word, error) {
	if !v.plain() {
		return v, nil // an expansion: its value is not known here
	}
	s := v.text
	if key, handled, err := normaliseValue(f, s); handled {
		if err != nil {
			return v, err
		}
		return word{key: key, text: s, via: v.via}, nil
	}
	bad := func(what string) error {
		return fmt.Errorf("--%s needs %s, got %s", f.long, what, v.render())
	}
	keyed := func(key string) word { return word{key: key, text: s} }
	switch f.typ {
	case "bool":
		b, err := strconv.ParseBool(s)
		if err != nil {
			return v, bad("true or false")
		}
		return literal(strconv.FormatBool(b)), nil
	case "int":
		n, err := strconv.ParseInt(s, 0, 64)
		if err != nil {
			return v, bad("a whole number")
		}
		return keyed(strconv.FormatInt(n, 10)), nil
	case "uint16", "uint", "uint64":
		bits := 64
		if f.typ == "uint16" {
			bits = 16
		}
		n, err := strconv.ParseUint(s, 0, bits)
		if err != nil {
			return v, bad("a whole number")
		}
		return keyed(strconv.FormatUint(n, 10)), nil
	case "duration":
		d, err := time.ParseDuration(s)
		if err != nil {
			return v, bad("a duration such as 30s")
		}
		return keyed(d.String()), nil
	case "bytes":
		n, ok := parseSize(s)
		if !ok {
			return v, bad("a size such as 512m")
		}
		return keyed(strconv.FormatInt(n, 10)), nil
	case "decimal":
		r, ok := new(big.Rat).SetString(s)
		if !ok {
			return v, bad("a number")
		}
		return keyed(r.RatString()), nil
	case "filter":
		if !strings.Contains(s, "=") {
			return v, bad("a filter written name=value")
		}
	}
	return v, nil
}

var refRe = regexp.MustCompile(`^[a-z0-9][a-z0-9._/:@-]*$`)

// normaliseRef keys an image reference as docker reads it: nginx,
// nginx:latest and docker.io/library/nginx:latest are one image.
func normaliseRef(s string) string {
	if !refRe.MatchString(s) {
		return s
	}
	name, digest, hasDigest := strings.Cut(s, "@")
	tag := ""
	if i := strings.LastIndexByte(name, ':'); i > strings.LastIndexByte(name, '/') {
		name, tag = name[:i], name[i+1:]
	}
	domain, path := "docker.io", name
	if first, rest, ok := strings.Cut(name, "/"); ok && (strings.ContainsAny(first, ".:") || first == "localhost") {
		domain, path = first, rest
	}
	if domain == "index.docker.io" {
		domain = "docker.io"
	}
	if domain == "docker.io" && !strings.Contains(path, "/") {
		path = "library/" + path
	}
	key := domain + "/" + path
	if tag == "" && !hasDigest {
		tag = "latest"
	}
	if tag != "" {
		key += ":" + tag
	}
	if hasDigest {
		key += "@" + digest
	}
	return key
}

// parseSize reads a size the way docker's memory flags do (units are
// powers of 1024: 512m, 1g, 1.5GiB).
func parseSize(s string) (int64, bool) {
	m := sizeRe.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	n, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, false
	}
	if m[2] != "" {
		n *= float64(int64(1) << (10 * (1 + strings.IndexByte("kmgtp", strings.ToLower(m[2])[0]))))
	}
	if n > 1<<62 {
		return 0, false
	}
	return int64(n), true
}

// canonical prints the command line in its canonical form: management
// command paths, long flags sorted by name, then the arguments.
func (d *dockerLine) canonical() string {
	var b strings.Builder
	b.WriteString("docker")
	writeOpts(&b, d.global)
	if d.cmd == nil {
		for _, w := range d.other {
			b.WriteString(" " + w.render())
		}
		return b.String()
	}
	if d.cmd.path != "" {
		b.WriteString(" " + d.cmd.path)
	}
	writeOpts(&b, d.opts)
	dashes := false
	for i, a := range d.args {
		// A leading dash would make the argument a flag again.
		if !dashes && strings.HasPrefix(a.key, "-") && (d.cmd.interspersed || i == 0) {
			b.WriteString(" --")
			dashes = true
		}
		b.WriteString(" " + a.render())
	}
	return b.String()
}

func writeOpts(b *strings.Builder, opts map[string]*option) {
	for _, name := range sortedNames(opts) {
		o := opts[name]
		if o.f.isBool() {
			b.WriteString(" --" + name)
			if o.vals[0].key == "false" {
				b.WriteString("=false")
			}
			continue
		}
		for _, v := range o.vals {
			b.WriteString(" --" + v.flagName(name) + " " + v.render())
		}
	}
}

func sortedNames(opts map[string]*option) []string {
	names := make([]string, 0, len(opts))
	for n := range opts {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// show prints an option for a reason: --detach, --name web.
func (o *option) show(v word) string {
	if o.f.isBool() {
		if v.key == "false" {
			return "--" + o.f.long + "=false"
		}
		return "--" + o.f.long
	}
	return "--" + v.flagName(o.f.long) + " " + v.render()
}

// flagName is the long name of the flag a value was typed with.
func (w word) flagName(name string) string {
	if w.via != "" {
		return w.via
	}
	return name
}

// compareDocker lists what a learner must change in got to make it want.
func compareDocker(want, got *dockerLine) []string {
	var reasons []string
	reasons = compareOpts(reasons, want.global, got.global)
	if want.cmd == nil || got.cmd == nil {
		return append(reasons, compareWords(want.otherWords(), got.otherWords())...)
	}
	wantOpts, gotOpts := want.opts, got.opts
	wantArgs, gotArgs := want.args, got.args
	spec := &want.cmd.args
	if want.cmd != got.cmd {
		var ok bool
		var r string
		wantOpts, gotOpts, ok, r = inspectEquivalent(want, got)
		if !ok {
			if r == "" {
				r = commandReason(want.cmd, got.cmd)
			}
			return append(reasons, r)
		}
		// Read the generic inspect's arguments as the typed one's.
		if want.cmd.path == "inspect" {
			spec = &got.cmd.args
			wantArgs = rekey(spec, wantArgs)
		} else {
			gotArgs = rekey(spec, gotArgs)
		}
	}
	reasons = compareOpts(reasons, wantOpts, gotOpts)
	return compareArgs(reasons, spec, wantArgs, gotArgs)
}

// rekey keys arguments as image references where spec says they are.
func rekey(spec *argSpec, args []word) []word {
	out := slices.Clone(args)
	for i, a := range out {
		if spec.isRef(i) && a.plain() {
			out[i].key = normaliseRef(a.text)
		}
	}
	return out
}

func (d *dockerLine) otherWords() []word {
	if d.cmd == nil {
		return d.other
	}
	var ws []word
	if d.cmd.path != "" {
		for p := range strings.SplitSeq(d.cmd.path, " ") {
			ws = append(ws, literal(p))
		}
	}
	for _, name := range sortedNames(d.opts) {
		for _, v := range d.opts[name].vals {
			ws = append(ws, literal("--"+name), v)
		}
	}
	return append(ws, d.args...)
}

func commandReason(want, got *command) string {
	wg, _, _ := strings.Cut(want.path, " ")
	gg, _, _ := strings.Cut(got.path, " ")
	if groups[wg] && wg == gg {
		return fmt.Sprintf("subcommand: got %s, expected %s", got.path, want.path)
	}
	return fmt.Sprintf("command: got %s, expected %s", dockerPath(got), dockerPath(want))
}

func dockerPath(c *command) string {
	if c.path == "" {
		return "docker"
	}
	return "docker " + c.path
}

// inspectEquivalent compares docker inspect with docker container|image|
// network|volume inspect: the generic command inspects whatever object has
// the name, so it answers for the typed one unless its --type says
// otherwise. It returns the options to compare, without --type.
func inspectEquivalent(want, got *dockerLine) (wantOpts, gotOpts map[string]*option, ok bool, reason string) {
	generic, typed := got, want
	if want.cmd.path == "inspect" {
		generic, typed = want, got
	}
	kind, isTyped := strings.CutSuffix(typed.cmd.path, " inspect")
	if generic.cmd.path != "inspect" || !isTyped {
		return nil, nil, false, ""
	}
	if t := generic.opts["type"]; t != nil && t.vals[0].key != kind {
		if generic == got {
			return nil, nil, false, fmt.Sprintf("--type: got %s, expected %s", t.vals[0].render(), kind)
		}
		return nil, nil, false, fmt.Sprintf("command: got docker %s inspect, expected docker inspect --type %s", kind, t.vals[0].render())
	}
	untyped := make(map[string]*option, len(generic.opts))
	for n, o := range generic.opts {
		if n != "type" {
			untyped[n] = o
		}
	}
	if generic == got {
		return want.opts, untyped, true, ""
	}
	return untyped, got.opts, true, ""
}

// compareOpts appends the differences between two sets of options.
func compareOpts(reasons []string, want, got map[string]*option) []string {
	if sameOpts(want, got) {
		return reasons
	}
	names := sortedNames(want)
	for n := range got {
		if want[n] == nil {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	for _, n := range names {
		w, g := want[n], got[n]
		switch {
		case g == nil:
			for _, v := range w.vals {
				reasons = append(reasons, "missing "+w.show(v))
			}
		case w == nil:
			for _, v := range g.vals {
				reasons = append(reasons, "unexpected "+g.show(v))
			}
		case w.f.isBool():
			if w.vals[0].key != g.vals[0].key {
				reasons = append(reasons, "missing "+w.show(w.vals[0]))
			}
		default:
			reasons = compareSets(reasons, "--"+w.vals[0].flagName(n), w.vals, g.vals, func(v word) string { return w.show(v) })
		}
	}
	return reasons
}

func sameOpts(want, got map[string]*option) bool {
	if len(want) != len(got) {
		return false
	}
	for n, w := range want {
		g := got[n]
		if g == nil || len(g.vals) != len(w.vals) {
			return false
		}
		for i := range w.vals {
			if w.vals[i].key != g.vals[i].key {
				return false
			}
		}
	}
	return true
}

// compareSets compares two lists of values whose order does not matter.
// One value for another reads "name: got x, expected y"; anything else is
// listed as missing or unexpected.
func compareSets(reasons []string, name string, want, got []word, show func(word) string) []string {
	var missing, extra []word
	for _, v := range want {
		if !slices.ContainsFunc(got, func(x word) bool { return x.key == v.key }) {
			missing = append(missing, v)
		}
	}
	for _, v := range got {
		if !slices.ContainsFunc(want, func(x word) bool { return x.key == v.key }) {
			extra = append(extra, v)
		}
	}
	if len(missing) == 1 && len(extra) == 1 {
		if missing[0].via != extra[0].via {
			// -v for --mount: show both flags.
			return append(reasons, fmt.Sprintf("got %s, expected %s%s", show(extra[0]), show(missing[0]), explainKeys(missing[0].key, extra[0].key)))
		}
		return append(reasons, diffWord(name, missing[0], extra[0])...)
	}
	for _, v := range missing {
		reasons = append(reasons, "missing "+show(v))
	}
	for _, v := range extra {
		reasons = append(reasons, "unexpected "+show(v))
	}
	return reasons
}

// diffWord explains one word given for another; a command substitution
// given for a command substitution is compared as a command line.
func diffWord(name string, want, got word) []string {
	if wp, gp := want.subProgram(), got.subProgram(); wp != nil && gp != nil {
		var rs []string
		for _, r := range comparePrograms(wp, gp) {
			rs = append(rs, fmt.Sprintf("%s: in %s: %s", name, want.render(), r))
		}
		return rs
	}
	why := explainKeys(want.key, got.key)
	if why == "" && want.plain() && got.plain() && got.text != "" && strings.HasPrefix(want.text, strings.TrimSuffix(got.text, "/")+"/") {
		why = fmt.Sprintf(" (%s is the directory; the card asks for %s in it)", got.render(), want.render())
	}
	return []string{fmt.Sprintf("%s: got %s, expected %s%s", name, got.render(), want.render(), why)}
}

// compareArgs compares positional arguments: in order, or as a set for
// commands taking a list of like objects (docker rm web db).
func compareArgs(reasons []string, spec *argSpec, want, got []word) []string {
	if spec.set {
		name := spec.name(0)
		return compareSets(reasons, name, want, got, func(v word) string { return name + " " + v.render() })
	}
	for i := 0; i < max(len(want), len(got)); i++ {
		name := spec.name(i)
		switch {
		case i >= len(got):
			reasons = append(reasons, fmt.Sprintf("missing %s %s", name, want[i].render()))
		case i >= len(want):
			reasons = append(reasons, fmt.Sprintf("unexpected %s %s", name, got[i].render()))
		case want[i].key != got[i].key:
			reasons = append(reasons, diffWord(name, want[i], got[i])...)
		}
	}
	return reasons
}

var plainArgs = &argSpec{max: -1}

// compareWords compares words in order: the command name first.
func compareWords(want, got []word) []string {
	if len(want) > 0 && len(got) > 0 && want[0].key != got[0].key {
		return []string{fmt.Sprintf("command: got %s, expected %s", got[0].render(), want[0].render())}
	}
	if len(want) == 0 || len(got) == 0 {
		return compareArgs(nil, plainArgs, want, got)
	}
	return compareArgs(nil, plainArgs, want[1:], got[1:])
}

// keyPathArgs keys the arguments that are paths or program names: the
// build context (./ is .), the local side of docker cp (./hosts is hosts),
// and the command of docker run, create and exec (sh is /bin/sh).
func keyPathArgs(cmd *command, args []word) {
	for i, a := range args {
		if !a.plain() {
			continue
		}
		switch {
		case cmd.path == "image build" && i == 0:
			args[i].key = cleanPath(a.text)
		case cmd.path == "container cp" && !isContainerPath(a.text):
			args[i].key = cleanPath(a.text)
		case (cmd.path == "container run" || cmd.path == "container create" || cmd.path == "container exec") && i == 1:
			args[i].key = commandWordKey(a.text)
		}
	}
}

// isContainerPath reports whether a docker cp argument names a path in a
// container: CONTAINER:PATH, the container part holding no slash.
func isContainerPath(s string) bool {
	ctr, _, ok := strings.Cut(s, ":")
	return ok && ctr != "" && !strings.Contains(ctr, "/")
}
