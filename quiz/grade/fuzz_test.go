package grade

import (
	"testing"
)

var fuzzModes = []Mode{ModeDocker, ModeDockerfile, ModeExact, ModeTerm, ""}

// FuzzGrade grades arbitrary answers. It must never panic, a verdict has
// reasons exactly when it is wrong, an answer that matches itself matches
// its canonical form, and the canonical form is stable.
func FuzzGrade(f *testing.F) {
	for i, c := range append(append(append([]gradeCase(nil), dockerCases...), otherCases...), meaningCases...) {
		f.Add(uint8(i), c.expected, c.given)
	}
	f.Fuzz(func(t *testing.T, m uint8, expected, given string) {
		mode := fuzzModes[int(m)%len(fuzzModes)]
		v := Grade(mode, expected, nil, given)
		if v.Right != (len(v.Reasons) == 0) {
			t.Fatalf("Right=%v with reasons %q", v.Right, v.Reasons)
		}
		self := Grade(mode, expected, nil, expected)
		if !self.Right {
			return // an answer the tool would reject
		}
		canon := Grade(mode, expected, nil, self.Canonical)
		if !canon.Right {
			t.Fatalf("%q does not match its canonical form %q: %q", expected, self.Canonical, canon.Reasons)
		}
		if again := Grade(mode, self.Canonical, nil, self.Canonical); again.Canonical != self.Canonical {
			t.Fatalf("canonical form of %q is not stable: %q, then %q", expected, self.Canonical, again.Canonical)
		}
	})
}

// FuzzGradeCloze grades arbitrary answers to arbitrary cloze prompts: it
// must never panic, and a verdict has reasons exactly when it is wrong.
func FuzzGradeCloze(f *testing.F) {
	for i, c := range clozeCases {
		f.Add(uint8(i), c.prompt, c.expected, c.given)
	}
	f.Fuzz(func(t *testing.T, m uint8, prompt, expected, given string) {
		mode := fuzzModes[int(m)%len(fuzzModes)]
		v := GradeCloze(mode, prompt, expected, nil, given)
		if v.Right != (len(v.Reasons) == 0) {
			t.Fatalf("Right=%v with reasons %q", v.Right, v.Reasons)
		}
	})
}
