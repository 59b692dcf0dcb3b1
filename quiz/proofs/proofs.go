// Package proofs runs the hands-on proofs behind the cards of a deck set
// and reports each result with the cards whose answers it backs. It drives
// `go test -json` in dockdrill's source tree, because the proofs are Go
// tests.
package proofs

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/dockdrill/dockdrill/deck"
)

// Module is the import path of dockdrill's module; its proofs live in
// Module/exercises/<area>.
const Module = "github.com/dockdrill/dockdrill"

// Proof is one test that proves the cards naming it.
type Proof struct {
	Name  string   // package/TestName, as cards write it
	Cards []string // ids of the cards that name it
}

// Package returns the proof's package, an area id.
func (p Proof) Package() string { pkg, _, _ := strings.Cut(p.Name, "/"); return pkg }

// Test returns the proof's test function name.
func (p Proof) Test() string { _, test, _ := strings.Cut(p.Name, "/"); return test }

// Select returns the proofs behind the cards of the knowledge areas, or
// behind the card with id card, or (all) behind every card, sorted by name.
// Task cards count as cards of their area: their checkers' proofs are
// selected with the area's (and with all).
func Select(set *deck.Set, areas []string, card string, all bool) ([]Proof, error) {
	var cards []*deck.Card
	switch {
	case card != "":
		c, ok := set.Card(card)
		if !ok {
			return nil, fmt.Errorf("no card with id %q", card)
		}
		if !c.Practical() {
			return nil, fmt.Errorf("card %q has no proof: it is not a practical card", card)
		}
		cards = []*deck.Card{c}
	case len(areas) > 0:
		if err := set.Blueprint.CheckAreas(areas); err != nil {
			return nil, err
		}
		for _, a := range areas {
			cards = append(cards, set.AreaCards(a)...)
			for _, t := range set.Tasks() {
				if t.Area == a {
					cards = append(cards, t)
				}
			}
		}
	case all:
		cards = append(slices.Clone(set.Cards()), set.Tasks()...)
	}
	byName := map[string]*Proof{}
	for _, c := range cards {
		if !c.Practical() {
			continue
		}
		p := byName[c.Proof]
		if p == nil {
			p = &Proof{Name: c.Proof}
			byName[c.Proof] = p
		}
		p.Cards = append(p.Cards, c.ID)
	}
	// A card of another area may name a proof of this one; every card
	// that the selected proofs back is named with them.
	for _, c := range append(slices.Clone(set.Cards()), set.Tasks()...) {
		if p := byName[c.Proof]; p != nil && !slices.Contains(p.Cards, c.ID) {
			p.Cards = append(p.Cards, c.ID)
		}
	}
	out := make([]Proof, 0, len(byName))
	for _, p := range byName {
		sort.Strings(p.Cards)
		out = append(out, *p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	if len(out) == 0 {
		return nil, errors.New("no proofs selected")
	}
	return out, nil
}

// FindSourceTree returns the root of dockdrill's source tree that holds dir,
// or an error saying why the proofs cannot run from here.
func FindSourceTree(dir string) (string, error) {
	for d := dir; ; d = filepath.Dir(d) {
		data, err := os.ReadFile(filepath.Join(d, "go.mod"))
		if err == nil {
			if modulePath(data) == Module {
				if _, err := os.Stat(filepath.Join(d, "exercises")); err == nil {
					return d, nil
				}
			}
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("%s is not inside dockdrill's source tree: the proofs are Go tests, so run this in a clone of %s (git clone, then cd into it)", dir, Module)
		}
	}
}

var moduleLine = regexp.MustCompile(`(?m)^module\s+(\S+)`)

func modulePath(gomod []byte) string {
	m := moduleLine.FindSubmatch(gomod)
	if m == nil {
		return ""
	}
	return strings.Trim(string(m[1]), `"`)
}

// Result is the outcome of one proof.
type Result struct {
	Proof
	Passed  bool
	Skipped bool
	Elapsed time.Duration
	// Message is the assertion that failed, or why the proof was skipped.
	Message string
}

// Runner runs proofs with the go command.
type Runner struct {
	Root   string   // the source tree
	Go     string   // the go command; empty means "go"
	Env    []string // extra environment for go test
	Stderr io.Writer
}

// event is one line of `go test -json` (test2json).
type event struct {
	Action  string
	Package string
	Test    string
	Elapsed float64
	Output  string
}

// Run runs the proofs, calling onResult as each one ends, and returns every
// result in the order they ended. A proof that never reported (its package
// failed to build, say) is a failure with the go command's output.
func (r *Runner) Run(ctx context.Context, proofs []Proof, onResult func(Result)) ([]Result, error) {
	byPkg := map[string][]Proof{}
	var pkgs []string
	for _, p := range proofs {
		if _, ok := byPkg[p.Package()]; !ok {
			pkgs = append(pkgs, p.Package())
		}
		byPkg[p.Package()] = append(byPkg[p.Package()], p)
	}
	sort.Strings(pkgs)
	args := []string{"test", "-json", "-count=1"}
	var tests []string
	for _, p := range proofs {
		tests = append(tests, regexp.QuoteMeta(p.Test()))
	}
	sort.Strings(tests)
	args = append(args, "-run", "^("+strings.Join(slices.Compact(tests), "|")+")$")
	for _, pkg := range pkgs {
		args = append(args, "./exercises/"+pkg)
	}
	goCmd := r.Go
	if goCmd == "" {
		goCmd = "go"
	}
	cmd := exec.CommandContext(ctx, goCmd, args...)
	cmd.Dir = r.Root
	interruptGroup(cmd)
	cmd.Env = append(os.Environ(), r.Env...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if r.Stderr != nil {
		cmd.Stderr = io.MultiWriter(&stderr, r.Stderr)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("go test: %w", err)
	}

	want := map[string]Proof{}
	for _, p := range proofs {
		want[p.Name] = p
	}
	outputs := map[string][]string{}   // proof -> its output lines
	pkgOutput := map[string][]string{} // package -> output outside tests
	var results []Result
	done := map[string]bool{}
	sc := bufio.NewScanner(out)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var ev event
		if json.Unmarshal(sc.Bytes(), &ev) != nil {
			continue
		}
		pkg := strings.TrimPrefix(ev.Package, Module+"/exercises/")
		top, _, _ := strings.Cut(ev.Test, "/")
		name := pkg + "/" + top
		if ev.Test == "" {
			if ev.Action == "output" {
				pkgOutput[pkg] = append(pkgOutput[pkg], ev.Output)
			}
			continue
		}
		p, ok := want[name]
		if !ok {
			continue
		}
		switch ev.Action {
		case "output":
			outputs[name] = append(outputs[name], ev.Output)
		case "pass", "fail", "skip":
			if ev.Test != top || done[name] {
				continue // a subtest; its parent reports
			}
			done[name] = true
			res := Result{Proof: p, Passed: ev.Action == "pass", Skipped: ev.Action == "skip",
				Elapsed: time.Duration(ev.Elapsed * float64(time.Second))}
			if !res.Passed {
				res.Message = failureMessage(outputs[name])
			}
			results = append(results, res)
			if onResult != nil {
				onResult(res)
			}
		}
	}
	waitErr := cmd.Wait()
	if ctx.Err() != nil {
		return results, ctx.Err()
	}
	// Proofs that never ended: their package did not build or crashed.
	var missing []string
	for _, p := range proofs {
		if !done[p.Name] {
			missing = append(missing, p.Name)
		}
	}
	sort.Strings(missing)
	for _, name := range missing {
		p := want[name]
		msg := strings.TrimSpace(stderr.String() + strings.Join(pkgOutput[p.Package()], ""))
		if msg == "" {
			msg = "the proof did not run"
			if waitErr != nil {
				msg += ": " + waitErr.Error()
			}
		}
		res := Result{Proof: p, Message: lastLines(msg, 15)}
		results = append(results, res)
		if onResult != nil {
			onResult(res)
		}
	}
	return results, nil
}

// failureMessage picks what a learner needs from a failed test's output:
// testify's Error and Messages blocks, else t.Fatal's lines, else the skip
// reason; without any of them, the last lines.
func failureMessage(lines []string) string {
	var msg []string
	in := false
	for _, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case strings.HasPrefix(t, "Error:"), strings.HasPrefix(t, "Messages:"):
			in = true
			label, rest, _ := strings.Cut(t, ":")
			msg = append(msg, label+": "+strings.TrimSpace(rest))
		case strings.HasPrefix(t, "Error Trace:"), strings.HasPrefix(t, "Test:"), strings.HasPrefix(t, "---"), strings.HasPrefix(t, "==="):
			in = false
		case in && t != "":
			msg = append(msg, "  "+t)
		}
	}
	if len(msg) > 0 {
		return strings.Join(msg, "\n")
	}
	var rest []string
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "=== ") || strings.HasPrefix(t, "--- ") {
			continue
		}
		rest = append(rest, t)
	}
	return lastLines(strings.Join(rest, "\n"), 10)
}

func lastLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
