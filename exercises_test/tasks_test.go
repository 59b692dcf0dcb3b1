package exercises_test

import (
	"fmt"
	"go/ast"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/exercises/tasks"
	"github.com/dockdrill/dockdrill/exercises/tasks/tasktest"
	"github.com/dockdrill/dockdrill/quiz/grade"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"mvdan.cc/sh/v3/shell"
)

// TestTasksCoverEveryArea: at least 36 tasks, at least 4 per knowledge
// area.
func TestTasksCoverEveryArea(t *testing.T) {
	set := loadDecks(t)
	perArea := map[string]int{}
	for _, c := range set.Tasks() {
		perArea[c.Area]++
	}
	assert.GreaterOrEqual(t, len(set.Tasks()), 36, "tasks in all")
	for _, a := range set.Blueprint.AreaIDs() {
		assert.GreaterOrEqual(t, perArea[a], 4, "tasks of area %s", a)
	}
}

// TestEveryTaskHasItsCheckerAndProof: the checker is registered, the
// proof's solution exists, and the proof test proves that very checker.
func TestEveryTaskHasItsCheckerAndProof(t *testing.T) {
	set := loadDecks(t)
	proofs, _, _ := parseProofs(t)
	used := map[string]bool{}
	for _, c := range set.Tasks() {
		where := fmt.Sprintf("%s:%d: task %s", c.File, c.Line, c.ID)
		_, ok := tasks.Lookup(c.Check)
		assert.True(t, ok, "%s: checker %q is not registered in exercises/tasks", where, c.Check)
		proof, ok := tasktest.Proofs[c.Check]
		assert.True(t, ok, "%s: tasktest.Proofs has no solution for %q", where, c.Check)
		assert.NotEmpty(t, proof.Mistakes, "%s: the proof performs at least one common mistake", where)
		assert.False(t, used[c.Check], "%s: checker %q is used by two tasks", where, c.Check)
		used[c.Check] = true
		p, ok := proofs[c.Proof]
		if !assert.True(t, ok, "%s: proof %s does not exist", where, c.Proof) {
			continue
		}
		assert.Equal(t, []string{c.Check}, provesChecks(p.fn), "%s: proof %s calls tasktest.Prove with the task's check name", where, c.Proof)
	}
	for _, name := range tasks.Names() {
		assert.True(t, used[name], "checker %s is used by no task card", name)
	}
	for name := range tasktest.Proofs {
		assert.True(t, used[name], "tasktest.Proofs[%q] belongs to no task card", name)
	}
}

// provesChecks returns the check names a proof passes to tasktest.Prove.
func provesChecks(fn *ast.FuncDecl) []string {
	var names []string
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		if !ok || sel.Sel.Name != "Prove" || len(call.Args) != 3 {
			return true
		}
		if id, ok := sel.X.(*ast.Ident); ok && id.Name == "tasktest" {
			if lit, ok := call.Args[2].(*ast.BasicLit); ok {
				s, _ := strconv.Unquote(lit.Value)
				names = append(names, s)
			}
		}
		return true
	})
	return names
}

// TestTaskSolutionsAgreeWithTheirProofs: the card's solution and the
// proof's own copy say the same: the same docker lines, each graded right
// against the card's, and every line of the files the proof writes.
func TestTaskSolutionsAgreeWithTheirProofs(t *testing.T) {
	set := loadDecks(t)
	for _, c := range set.Tasks() {
		p, ok := tasktest.Proofs[c.Check]
		if !ok {
			continue // reported by TestEveryTaskHasItsCheckerAndProof
		}
		where := fmt.Sprintf("%s:%d: task %s", c.File, c.Line, c.ID)
		card := tasktest.DockerLines(c.Solution)
		proof := p.Solution.Lines
		if !assert.Len(t, card, len(proof), "%s: the card's solution has %d docker lines, the proof's %d:\ncard:  %q\nproof: %q", where, len(card), len(proof), card, proof) {
			continue
		}
		for i := range card {
			v := grade.Grade(grade.ModeDocker, card[i], nil, proof[i])
			assert.True(t, v.Right, "%s: line %d: the proof runs %q where the card says %q: %s", where, i+1, proof[i], card[i], strings.Join(v.Reasons, "; "))
		}
		for name, content := range p.Solution.Files {
			for line := range strings.SplitSeq(content, "\n") {
				if line = strings.TrimSpace(line); line != "" {
					assert.Contains(t, c.Solution, line, "%s: the proof writes %q into %s; the card's solution does not show it", where, line, name)
				}
			}
		}
	}
}

// TestTaskCleanupNamesWhatTheSolutionCreates reads the card's solution as
// the docker CLI would and finds every container, volume, network and image
// it creates in the card's cleanup.
func TestTaskCleanupNamesWhatTheSolutionCreates(t *testing.T) {
	set := loadDecks(t)
	for _, c := range set.Tasks() {
		where := fmt.Sprintf("%s:%d: task %s", c.File, c.Line, c.ID)
		cleanup := map[string]bool{}
		for _, e := range c.Cleanup {
			cleanup[e] = true
			for _, n := range tasks.NamesIn(e) {
				assert.Contains(t, c.Prompt, n, "%s: the prompt fixes every name the task creates; it does not say %s", where, n)
			}
		}
		for _, line := range tasktest.DockerLines(c.Solution) {
			words, err := shell.Fields(line, func(v string) string {
				if v == "IFS" {
					return "" // the default field separators
				}
				return "\x00" + v
			})
			require.NoError(t, err, "%s: %q", where, line)
			for i, w := range words {
				words[i] = strings.ReplaceAll(w, "\x00", "$") // keep $DD_REGISTRY as the card writes it
			}
			for _, obj := range creates(words[1:]) {
				kind, name := deck.CleanupObject(obj)
				if kind == "image" && strings.Contains(name, "@") {
					repo, _, _ := strings.Cut(name, "@")
					obj = "image:" + repo
				}
				assert.True(t, cleanup[obj], "%s: %q creates %s, which cleanup does not name (cleanup: %v)", where, line, obj, slices.Sorted(maps.Keys(cleanup)))
			}
		}
	}
}

// creates returns the objects a docker command (without "docker") makes,
// written kind:name: only those named dd-….
func creates(args []string) []string {
	var out []string
	add := func(kind, name string) {
		if strings.Contains(name, "dd-") {
			out = append(out, kind+":"+name)
		}
	}
	if len(args) == 0 {
		return nil
	}
	switch args[0] {
	case "run", "create":
		for i := 1; i < len(args)-1; i++ {
			switch a := args[i]; {
			case a == "--name":
				add("container", args[i+1])
			case a == "-v" || a == "--volume":
				if src, _, ok := strings.Cut(args[i+1], ":"); ok && !strings.HasPrefix(src, "/") && !strings.HasPrefix(src, "$") {
					add("volume", src)
				}
			}
		}
	case "volume", "network":
		if len(args) > 1 && args[1] == "create" {
			add(args[0], args[len(args)-1])
		}
	case "tag", "commit":
		add("image", args[len(args)-1])
	case "pull":
		add("image", args[len(args)-1])
	case "build":
		for i := 1; i < len(args)-1; i++ {
			if args[i] == "-t" || args[i] == "--tag" {
				add("image", args[i+1])
			}
		}
	}
	return out
}
