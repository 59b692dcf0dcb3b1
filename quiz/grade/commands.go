package grade

import (
	"strconv"
	"strings"
)

// command is one docker CLI command the grader knows: its canonical path,
// the other paths that run it, its usage line and its flags. The table of
// commands (commands_table.go) is generated from docker's own --help, and
// TestFlagTableMatchesDockerHelp keeps it in step with the docker CLI.
type command struct {
	path    string   // canonical path after "docker", e.g. "container ls"; "" is docker itself
	aliases []string // every path that runs the command, path included
	usage   string   // the usage line after the path, e.g. "[OPTIONS] CONTAINER [CONTAINER...]"
	flags   []flag

	// Filled in by init from the fields above and the tables below.
	long         map[string]*flag
	short        map[byte]*flag
	interspersed bool // flags may follow positional arguments
	args         argSpec
}

// flag is one flag of a command, as docker's help lists it.
type flag struct {
	long  string // without the dashes
	short string // one letter, or ""
	// typ is the value type the help shows (string, list, int, bytes, ...),
	// or "bool" for a flag that takes no value.
	typ string
	// defaultTrue marks boolean flags that are on unless set to false, such
	// as --sig-proxy of docker run.
	defaultTrue bool
}

func (f *flag) isBool() bool { return f.typ == "bool" }

// repeats reports whether the flag may be given many times, each adding a
// value; docker treats the values as a set.
func (f *flag) repeats() bool {
	switch f.typ {
	case "list", "stringArray", "strings", "filter", "map", "mount", "ulimit", "network", "gpu-request":
		return true
	}
	return false
}

// argSpec is what a command accepts as positional arguments, read from its
// usage line.
type argSpec struct {
	min, max int      // max is -1 when unbounded
	names    []string // names of the leading arguments, e.g. image, command
	rest     string   // name of the repeated trailing argument, or ""
	// set means the arguments are a list of like objects, such as the
	// containers of docker rm, whose order does not matter.
	set bool
	// refs marks the leading arguments that are image references, and
	// restRef the repeated one: nginx is docker.io/library/nginx:latest.
	refs    []bool
	restRef bool
}

// isRef reports whether positional argument i is an image reference.
func (a *argSpec) isRef(i int) bool {
	if i < len(a.refs) {
		return a.refs[i]
	}
	return a.restRef
}

// name returns the learner-facing name of positional argument i (0-based).
func (a *argSpec) name(i int) string {
	if i < len(a.names) && a.names[i] != "" {
		return a.names[i]
	}
	if a.set && a.rest != "" {
		return a.rest
	}
	return "argument " + strconv.Itoa(i+1)
}

// notInterspersed lists the commands whose flags end at the first
// positional argument: everything after the image of docker run belongs to
// the container's command. TestArityAndInterspersingMatchDocker checks it.
var notInterspersed = map[string]bool{
	"":                 true,
	"container run":    true,
	"container create": true,
	"container exec":   true,
	"container top":    true,
	"container commit": true,
	"image tag":        true,
}

// arityOverrides corrects usage lines that say other than what the command
// enforces: docker import ignores arguments after the repository.
var arityOverrides = map[string][2]int{
	"volume update": {1, 1},
	"image import":  {1, -1},
}

// argNames names arguments whose usage token makes a poor name.
var argNames = map[string][]string{
	"container cp": {"source", "destination"},
	"inspect":      {"object"},
	"image import": {"source", "repository"},
}

// hiddenFlag is a flag docker accepts but its help does not list: an old
// name kept for compatibility. It stands for the flag named alias; without
// an alias it is a flag of its own (typ).
type hiddenFlag struct {
	name, alias, typ string
}

// hiddenFlags are the hidden flags learners meet in older material.
// TestHiddenFlagsAreAccepted checks that docker still accepts each.
var hiddenFlags = map[string][]hiddenFlag{
	"container run":     {{"net", "network", ""}, {"net-alias", "network-alias", ""}, {"dns-opt", "dns-option", ""}},
	"container create":  {{"net", "network", ""}, {"net-alias", "network-alias", ""}, {"dns-opt", "dns-option", ""}},
	"container stop":    {{"time", "timeout", ""}},
	"container restart": {{"time", "timeout", ""}},
	// docker volume create --name data is docker volume create data.
	"volume create": {{"name", "", "string"}},
}

// groups are the management commands; each needs a subcommand.
var groups = map[string]bool{
	"container": true, "image": true, "network": true, "volume": true, "system": true, "builder": true,
}

// unmodelled are docker commands and CLI plugins the grader has no flag
// table for. Answers using them are compared word for word.
var unmodelled = map[string]bool{
	"buildx": true, "checkpoint": true, "compose": true, "config": true, "context": true,
	"manifest": true, "node": true, "plugin": true, "secret": true, "service": true,
	"stack": true, "swarm": true, "trust": true, "scout": true, "init": true, "debug": true,
}

var (
	rootCommand *command
	// byPath maps every alias path to its command.
	byPath = map[string]*command{}
)

func init() {
	for _, c := range dockerCommands {
		c.long = make(map[string]*flag, len(c.flags))
		c.short = map[byte]*flag{}
		for i := range c.flags {
			f := &c.flags[i]
			c.long[f.long] = f
			if f.short != "" {
				c.short[f.short[0]] = f
			}
		}
		for _, h := range hiddenFlags[c.path] {
			if h.alias != "" {
				c.long[h.name] = c.long[h.alias]
			} else {
				c.long[h.name] = &flag{long: h.name, typ: h.typ}
			}
		}
		c.interspersed = !notInterspersed[c.path]
		c.args = parseUsage(c.usage)
		if n, ok := argNames[c.path]; ok {
			c.args.names = n
		}
		if c.path == "image ls" {
			// docker images nginx lists every tag of nginx: a filter, not a
			// reference to nginx:latest.
			c.args.refs = nil
		}
		if a, ok := arityOverrides[c.path]; ok {
			c.args.min, c.args.max = a[0], a[1]
		}
		if c.path == "" {
			rootCommand = c
			continue
		}
		byPath[c.path] = c
		for _, a := range c.aliases {
			byPath[a] = c
		}
	}
}

// parseUsage reads the positional arguments from a usage line such as
// "[OPTIONS] IMAGE [COMMAND] [ARG...]".
func parseUsage(usage string) argSpec {
	u := strings.ReplaceAll(usage, " | ", "|")
	u = strings.ReplaceAll(u, "[ps OPTIONS]", "[PS_OPTIONS...]")
	var a argSpec
	var required []string
	for _, tok := range strings.Fields(u) {
		if tok == "[OPTIONS]" {
			continue
		}
		optional := strings.HasPrefix(tok, "[")
		repeated := strings.HasSuffix(tok, "...]")
		name := argName(tok)
		ref := strings.Contains(tok, "IMAGE") || strings.Contains(tok, "[:TAG")
		switch {
		case repeated:
			a.rest = name
			a.restRef = ref
			a.max = -1
		case optional:
			a.names = append(a.names, name)
			a.refs = append(a.refs, ref)
			a.max++
		default:
			a.names = append(a.names, name)
			a.refs = append(a.refs, ref)
			required = append(required, name)
			a.min++
			a.max++
		}
	}
	// CONTAINER [CONTAINER...] or [CONTAINER...]: a list of like objects.
	a.set = a.rest != "" && (len(a.names) == 0 || len(a.names) == 1 && len(required) == 1 && a.names[0] == a.rest)
	return a
}

// argName turns a usage token such as "SOURCE_IMAGE[:TAG]" or
// "[REPOSITORY[:TAG]]" into a learner-facing name ("source image",
// "repository").
func argName(tok string) string {
	tok = strings.TrimPrefix(tok, "[")
	tok = strings.TrimSuffix(tok, "...]")
	if i := strings.IndexAny(tok, "[]:|."); i >= 0 {
		tok = tok[:i]
	}
	tok = strings.ToLower(strings.ReplaceAll(tok, "_", " "))
	if tok == "arg" || tok == "ps options" {
		return ""
	}
	return tok
}

// lookupCommand finds the command that words (after docker and its global
// flags) start with, and how many words its path took.
func lookupCommand(first, second string) (c *command, n int) {
	if c, ok := byPath[first]; ok {
		return c, 1
	}
	if groups[first] {
		if c, ok := byPath[first+" "+second]; ok {
			return c, 2
		}
	}
	return nil, 0
}
