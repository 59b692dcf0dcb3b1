package grade

import (
	"fmt"
	"maps"
	"strings"
	"unicode/utf8"
)

// lookalike is a character that word processors and phones type in place
// of one that docker, the shell and the builder read.
type lookalike struct {
	name string
	want string // what to type instead
}

var lookalikes = map[rune]lookalike{
	'\u2010': {"a hyphen", "-"},
	'\u2011': {"a non-breaking hyphen", "-"},
	'\u2012': {"a figure dash", "-"},
	'\u2013': {"an en dash", "-"},
	'\u2014': {"an em dash", "-- or -"},
	'\u2015': {"a horizontal bar", "-"},
	'\u2212': {"a minus sign", "-"},
	'\uFE63': {"a small hyphen-minus", "-"},
	'\uFF0D': {"a fullwidth hyphen-minus", "-"},
	'\u2018': {"a left single quotation mark", "'"},
	'\u2019': {"a right single quotation mark", "'"},
	'\u201A': {"a low single quotation mark", "'"},
	'\u201B': {"a reversed single quotation mark", "'"},
	'\u2032': {"a prime", "'"},
	'\u00B4': {"an acute accent", "'"},
	'\u201C': {"a left double quotation mark", `"`},
	'\u201D': {"a right double quotation mark", `"`},
	'\u201E': {"a low double quotation mark", `"`},
	'\u201F': {"a reversed double quotation mark", `"`},
	'\u00AB': {"a left guillemet", `"`},
	'\u00BB': {"a right guillemet", `"`},
	'\u00A0': {"a non-breaking space", "a plain space"},
	'\u2009': {"a thin space", "a plain space"},
	'\u202F': {"a narrow non-breaking space", "a plain space"},
}

// typedCharacters names the characters of given that the tool reading it
// would not take for the ones meant, each with what to type instead, such
// as "–a has an en dash (U+2013) where docker needs -". Characters the card's
// own answers contain are fine.
func typedCharacters(mode Mode, given string, answers []string) []string {
	if given == "" || isASCII(given) {
		return nil
	}
	reader := "the answer needs"
	switch mode {
	case ModeDocker:
		reader = "docker needs"
	case ModeDockerfile:
		reader = "the builder needs"
	}
	var reasons []string
	seen := map[rune]bool{}
	for _, field := range strings.FieldsFunc(given, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' }) {
		for _, r := range field {
			l, bad := lookalikes[r]
			if !bad || seen[r] || inAnswers(r, answers) {
				continue
			}
			seen[r] = true
			who := reader
			if l.want != "-" && l.want != "-- or -" && mode == ModeDocker {
				who = "the shell needs"
			}
			reasons = append(reasons, fmt.Sprintf("%s has %s (%U) where %s %s", field, l.name, r, who, l.want))
		}
	}
	return reasons
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func inAnswers(r rune, answers []string) bool {
	for _, a := range answers {
		if strings.ContainsRune(a, r) {
			return true
		}
	}
	return false
}

// programNotes says how a right command line differs in form from the
// card's where that is worth knowing.
func programNotes(want, got *program) []string {
	var notes []string
	for i := range min(len(want.calls), len(got.calls)) {
		w, g := want.calls[i], got.calls[i]
		if g.sudo && !w.sudo {
			notes = append(notes, "graded without sudo: sudo runs docker as root; a member of the docker group needs no sudo")
		}
		if w.docker == nil || g.docker == nil || w.docker.cmd == nil || g.docker.cmd == nil {
			continue
		}
		if e, f := w.docker.opts["entrypoint"], g.docker.opts["entrypoint"]; e != nil && f != nil {
			notes = appendPathNote(notes, e.vals[0], f.vals[0])
		}
		if len(w.docker.args) > 1 && len(g.docker.args) > 1 {
			switch w.docker.cmd.path {
			case "container run", "container create", "container exec":
				notes = appendPathNote(notes, w.docker.args[1], g.docker.args[1])
			}
		}
	}
	return notes
}

// appendPathNote notes a program typed by its absolute path where the card
// names it through PATH, or the other way round.
func appendPathNote(notes []string, want, got word) []string {
	if want.text == got.text || want.key != got.key || !strings.HasPrefix(want.key, keyMark+"cmd") {
		return notes
	}
	return append(notes, fmt.Sprintf("%s for %s: the same program where the image's PATH finds %s in %s, as in the usual images",
		got.text, want.text, baseName(want.text, got.text), dirName(want.text, got.text)))
}

func baseName(a, b string) string {
	if !strings.Contains(a, "/") {
		return a
	}
	return b
}

func dirName(a, b string) string {
	abs := a
	if !strings.Contains(a, "/") {
		abs = b
	}
	return abs[:strings.LastIndexByte(abs, '/')]
}

// foldOutput reads docker export and docker save writing to standard output
// redirected to a file as the same command with --output: the redirection
// is folded into the flag, so that both forms compare equal.
func foldOutput(c *call) (*dockerLine, []redir) {
	d := c.docker
	if d == nil || d.cmd == nil || (d.cmd.path != "container export" && d.cmd.path != "image save") || d.opts["output"] != nil {
		return d, c.redirs
	}
	for i, r := range c.redirs {
		if r.op != ">" && r.op != ">|" {
			continue
		}
		out := d.cmd.long["output"]
		v := r.target
		if v.plain() {
			v.key = cleanPath(v.text)
		}
		folded := *d
		folded.opts = maps.Clone(d.opts)
		if folded.opts == nil {
			folded.opts = map[string]*option{}
		}
		o := &option{f: out}
		o.vals = append(o.one[:0], v)
		folded.opts["output"] = o
		rest := append(append([]redir(nil), c.redirs[:i]...), c.redirs[i+1:]...)
		return &folded, rest
	}
	return d, c.redirs
}
