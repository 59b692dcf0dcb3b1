package grade

import (
	"regexp"
	"strings"
)

// A cloze card shows a line with a blank, written ____ (four or more
// underscores), and takes as its answer what goes in the blank. The
// learner may type the blank alone or the whole line with the blank filled
// in and the rest unchanged; the whole line is graded as the tool would
// read it (a docker command line, a Dockerfile instruction).

var blankRe = regexp.MustCompile(`_{4,}`)

// commentRe is a trailing shell comment, as the decks write them after a
// command: "docker pull nginx   # the same as …".
var commentRe = regexp.MustCompile(`\s+#\s.*$`)

// clozeLine returns the line of prompt holding the blank, as a learner
// would type it whole: without a trailing comment and without prose
// before a docker command ("List the IDs …: docker ps -a ____ -q"). ok is
// false when the prompt has no blank or the line is prose.
func clozeLine(prompt string) (line string, ok bool) {
	lines := strings.Split(strings.ReplaceAll(prompt, "\r\n", "\n"), "\n")
	for i, l := range lines {
		loc := blankRe.FindStringIndex(l)
		if loc == nil {
			continue
		}
		l = commentRe.ReplaceAllString(l, "")
		if j := strings.Index(l, "docker "); j > 0 && j < loc[0] {
			l = l[j:]
		} else if j := strings.Index(l, "curl "); j > 0 && j < loc[0] {
			l = l[j:]
		} else if i == 0 && len(lines) > 1 {
			// The first line of a prompt with more lines is its question.
			return "", false
		} else if len(lines) == 1 && !strings.HasPrefix(l, "docker ") && !strings.HasPrefix(l, "curl ") &&
			!strings.HasPrefix(l, "export ") && !strings.HasPrefix(l, "____") {
			return "", false // a sentence with a blank
		}
		l = strings.TrimSpace(l)
		if !instructions[strings.ToUpper(strings.Fields(fillBlank(l, "X"))[0])] {
			if _, err := parseProgram(fillBlank(l, "x"), false); err != nil {
				return "", false // not a line a shell reads
			}
		}
		return l, true
	}
	return "", false
}

// fillBlank puts answer into the blank of line.
func fillBlank(line, answer string) string {
	loc := blankRe.FindStringIndex(line)
	if loc == nil {
		return line
	}
	return line[:loc[0]] + strings.TrimSpace(answer) + line[loc[1]:]
}

// lineMode is how a whole line is read: as docker reads it, as the builder
// reads it, or, for other shell lines, as a shell reads it.
func lineMode(filled string) Mode {
	switch m := defaultMode(filled); m {
	case ModeDocker, ModeDockerfile:
		return m
	}
	if _, err := (dockerGrader{}).read(filled); err == nil {
		return ModeDocker // a shell command line: words compared after quote removal
	}
	return ModeTerm
}

// GradeCloze grades a cloze card's answer: given is right when it is what
// goes in the blank of prompt (graded by mode against expected and
// accept, as Grade does), or when it is the whole line of the blank with
// the blank filled in by one of those answers and the rest unchanged, as
// the line's tool reads it. The verdict's Line is the line with the card's
// answer filled in.
func GradeCloze(mode Mode, prompt, expected string, accept []string, given string) Verdict {
	v := Grade(mode, expected, accept, given)
	line, ok := clozeLine(prompt)
	if !ok {
		return v
	}
	filledLine := fillBlank(line, expected)
	lm := lineMode(filledLine)
	if self := Grade(lm, filledLine, nil, filledLine); !self.Right {
		return v // prose around the blank, not a line its tool reads
	}
	v.Line = filledLine
	if v.Right {
		return v
	}
	if typedCharacters(ModeDocker, given, append([]string{line, expected}, accept...)) != nil {
		return v // the characters are the reason
	}
	var filled []string
	for _, a := range accept {
		filled = append(filled, fillBlank(line, a))
	}
	lv := Grade(lm, v.Line, filled, given)
	if lv.Right {
		lv.Answer, lv.Line, lv.Canonical = v.Answer, v.Line, v.Canonical
		return lv
	}
	if g := strings.TrimSpace(given); g != "" && !strings.ContainsAny(g, " \t\n#;&|<>`$()") {
		// The blank alone, read in its line: 127.0.0.1::80/tcp is
		// 127.0.0.1::80 where the line is a docker run -p.
		if bv := Grade(lm, v.Line, filled, fillBlank(line, g)); bv.Right {
			v.Right, v.Reasons, v.Notes = true, nil, bv.Notes
			v.Matched = expected
			if bv.Matched != v.Line {
				for i, f := range filled {
					if f == bv.Matched {
						v.Matched = accept[i]
					}
				}
			}
			return v
		} else if len(bv.Reasons) == 1 && strings.Contains(bv.Reasons[0], " (") && !looksLikeLine(line, expected, given) {
			// The line's reader explains the value: "(that is SIGKILL …)".
			v.Reasons = append(v.Reasons, "in the line: "+bv.Reasons[0])
		}
	}
	if looksLikeLine(line, expected, given) {
		v.Reasons = lv.Reasons
	}
	return v
}

// looksLikeLine reports whether given was meant as the whole line rather
// than the blank: it has more words than the blank's answer and starts as
// the line does.
func looksLikeLine(line, expected, given string) bool {
	gf, ef := strings.Fields(given), strings.Fields(expected)
	if len(gf) <= len(ef) {
		return false
	}
	lf := strings.Fields(fillBlank(line, expected))
	return len(lf) > 0 && strings.EqualFold(lf[0], gf[0])
}

// BlankLabel is the label of the answer field of a cloze card: it says,
// briefly, what to type.
func BlankLabel(prompt string) string {
	if _, ok := clozeLine(prompt); ok {
		return "what goes in ____ (or the whole line)"
	}
	return "what goes in ____"
}

// FeedbackLine is one labelled line of what a verdict shows.
type FeedbackLine struct {
	Label, Text string
}

// Feedback is what a drill shows for a verdict: on a wrong answer the
// card's own answer, the whole line of a cloze, the canonical long form as
// "also" when it reads differently, and the reasons; on a right one, the
// notes.
func (v Verdict) Feedback() []FeedbackLine {
	var out []FeedbackLine
	if !v.Right {
		answer := v.Answer
		if answer == "" {
			answer = v.Canonical
		}
		out = append(out, FeedbackLine{"answer", answer})
		if v.Line != "" && v.Line != answer {
			out = append(out, FeedbackLine{"line", v.Line})
		}
		if v.Canonical != "" && v.Canonical != answer && v.Canonical != v.Line {
			out = append(out, FeedbackLine{"also", v.Canonical})
		}
		for _, r := range v.Reasons {
			out = append(out, FeedbackLine{"why", r})
		}
	}
	for _, n := range v.Notes {
		out = append(out, FeedbackLine{"note", n})
	}
	return out
}
