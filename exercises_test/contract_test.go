// Package exercises_test holds the contract between the decks and the
// proofs, checked without Docker: every practical card names a proof that
// exists, every proof is claimed by a card, and every proof has the shape
// the project's rules ask for.
package exercises_test

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// exercisesDir is the proofs' directory, relative to this package.
const exercisesDir = "../exercises"

// proof is one test function of a proof package.
type proof struct {
	pkg, name string
	pos       token.Position
	fn        *ast.FuncDecl
}

func (p proof) String() string { return p.pkg + "/" + p.name }

// parseProofs lists the test functions of every proof package (every
// directory of exercises/ except the lab and the tasks' checkers), read
// with go/parser.
func parseProofs(t *testing.T) (map[string]proof, *token.FileSet, map[string][]*ast.File) {
	t.Helper()
	entries, err := os.ReadDir(exercisesDir)
	require.NoError(t, err)
	fset := token.NewFileSet()
	proofs := map[string]proof{}
	files := map[string][]*ast.File{}
	for _, e := range entries {
		if !e.IsDir() || e.Name() == "lab" || e.Name() == "tasks" {
			continue
		}
		pkg := e.Name()
		matches, err := filepath.Glob(filepath.Join(exercisesDir, pkg, "*_test.go"))
		require.NoError(t, err)
		for _, path := range matches {
			f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
			require.NoError(t, err)
			files[pkg] = append(files[pkg], f)
			for _, decl := range f.Decls {
				fn, ok := decl.(*ast.FuncDecl)
				if !ok || fn.Recv != nil || !isTest(fn) {
					continue
				}
				p := proof{pkg: pkg, name: fn.Name.Name, pos: fset.Position(fn.Pos()), fn: fn}
				proofs[p.String()] = p
			}
		}
	}
	return proofs, fset, files
}

// isTest reports whether fn is a test function: TestXxx(t *testing.T).
func isTest(fn *ast.FuncDecl) bool {
	name := fn.Name.Name
	if !strings.HasPrefix(name, "Test") || name == "TestMain" {
		return false
	}
	if len(name) > 4 && !ast.IsExported(name[4:]) {
		return false
	}
	params := fn.Type.Params.List
	if len(params) != 1 {
		return false
	}
	star, ok := params[0].Type.(*ast.StarExpr)
	if !ok {
		return false
	}
	sel, ok := star.X.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "T"
}

func loadDecks(t *testing.T) *deck.Set {
	t.Helper()
	set, err := deck.Load(deck.LoadOptions{})
	require.NoError(t, err, "the built-in decks load cleanly")
	return set
}

func TestEveryProofPackageIsAKnowledgeArea(t *testing.T) {
	set := loadDecks(t)
	proofs, _, _ := parseProofs(t)
	pkgs := map[string]bool{}
	for _, p := range proofs {
		pkgs[p.pkg] = true
	}
	for pkg := range pkgs {
		_, ok := set.Blueprint.Area(pkg)
		assert.True(t, ok, "exercises/%s is not a knowledge area of the blueprint (%v)", pkg, set.Blueprint.AreaIDs())
	}
}

func TestEveryCardProofExistsAndEveryProofIsClaimed(t *testing.T) {
	set := loadDecks(t)
	proofs, _, _ := parseProofs(t)

	claimed := map[string][]string{} // proof -> card ids
	var missing []string             // cards whose proof does not exist
	for _, c := range append(slices.Clone(set.Cards()), set.Tasks()...) {
		if !c.Practical() {
			continue
		}
		claimed[c.Proof] = append(claimed[c.Proof], c.ID)
		if _, ok := proofs[c.Proof]; !ok {
			missing = append(missing, fmt.Sprintf("%s:%d: card %q names proof %s, which does not exist", c.File, c.Line, c.ID, c.Proof))
		}
	}
	var unclaimed []string // proofs no card names
	for name, p := range proofs {
		if len(claimed[name]) == 0 {
			unclaimed = append(unclaimed, fmt.Sprintf("%s: proof %s is claimed by no card", p.pos, name))
		}
	}
	sort.Strings(missing)
	sort.Strings(unclaimed)
	if len(missing)+len(unclaimed) > 0 {
		t.Errorf("decks and proofs disagree.\ncards without a proof (%d):\n  %s\nproofs without a card (%d):\n  %s",
			len(missing), strings.Join(missing, "\n  "), len(unclaimed), strings.Join(unclaimed, "\n  "))
	}
	t.Logf("%d proofs, %d practical cards", len(proofs), set.Counts().Practical)
}

// TestProofsNeverSleepToSynchronise enforces the rule that proofs wait with
// wait strategies and polling, never with time.Sleep.
func TestProofsNeverSleepToSynchronise(t *testing.T) {
	_, fset, files := parseProofs(t)
	for _, fs := range files {
		for _, f := range fs {
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Sleep" {
					if id, ok := sel.X.(*ast.Ident); ok && id.Name == "time" {
						t.Errorf("%s: time.Sleep in a proof: wait with a wait strategy or poll with a deadline", fset.Position(call.Pos()))
					}
				}
				return true
			})
		}
	}
}

// TestProofsBeginTheLabAndRunInParallel checks the shape of every proof: it
// calls t.Parallel (proofs share no names) and starts with lab.Begin, which
// registers its cleanup before anything is created.
func TestProofsBeginTheLabAndRunInParallel(t *testing.T) {
	proofs, _, _ := parseProofs(t)
	for _, p := range proofs {
		var parallel, begin bool
		ast.Inspect(p.fn.Body, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
				if sel.Sel.Name == "Parallel" {
					parallel = true
				}
				if id, ok := sel.X.(*ast.Ident); ok && id.Name == "lab" && sel.Sel.Name == "Begin" {
					begin = true
				}
			}
			return true
		})
		assert.True(t, parallel, "%s: proof %s does not call t.Parallel()", p.pos, p)
		assert.True(t, begin, "%s: proof %s does not start with lab.Begin(t)", p.pos, p)
	}
}

// TestCardsWithoutAProofSayWhyOrStateAFact checks the other side of the
// contract: a card with proof_none names no proof (the loader refuses both),
// and the run lists how the cards divide into proven, unprovable here (with
// the reason) and fact-only ones.
func TestCardsWithoutAProofSayWhyOrStateAFact(t *testing.T) {
	set := loadDecks(t)
	var unprovable []string
	for _, c := range set.Cards() {
		if !c.Unprovable() {
			continue
		}
		assert.Empty(t, c.Proof, "%s:%d: card %q has a proof and a proof_none", c.File, c.Line, c.ID)
		unprovable = append(unprovable, fmt.Sprintf("%s: %s", c.ID, c.ProofNone))
	}
	sort.Strings(unprovable)
	counts := set.Counts()
	t.Logf("%d proven, %d unprovable here, %d fact-only\n  %s", counts.Practical, counts.Unprovable, counts.FactOnly(),
		strings.Join(unprovable, "\n  "))
}
