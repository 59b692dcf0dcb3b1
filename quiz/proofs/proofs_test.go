package proofs

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunnerReportsEachProofWithItsCardsAndFailure(t *testing.T) {
	fake, err := filepath.Abs("testdata/fakego.sh")
	require.NoError(t, err)
	r := &Runner{Root: t.TempDir(), Go: fake}
	selected := []Proof{
		{Name: "networks/TestPublishes", Cards: []string{"net-publish"}},
		{Name: "volumes/TestKeeps", Cards: []string{"vol-keeps"}},
		{Name: "volumes/TestLoses", Cards: []string{"vol-loses", "vol-loses-too"}},
	}
	var streamed []string
	results, err := r.Run(context.Background(), selected, func(res Result) { streamed = append(streamed, res.Name) })
	require.NoError(t, err)
	assert.Equal(t, []string{"volumes/TestKeeps", "volumes/TestLoses", "networks/TestPublishes"}, streamed, "results stream as proofs end; the unbuilt package last")
	require.Len(t, results, 3)

	keeps, loses, publishes := results[0], results[1], results[2]
	assert.True(t, keeps.Passed)
	assert.Equal(t, 1500*time.Millisecond, keeps.Elapsed)

	assert.False(t, loses.Passed)
	assert.Equal(t, []string{"vol-loses", "vol-loses-too"}, loses.Cards)
	assert.Equal(t, 2250*time.Millisecond, loses.Elapsed, "the top-level test's time, not the subtest's")
	assert.Contains(t, loses.Message, "Error:")
	assert.Contains(t, loses.Message, `expected: "42"`)
	assert.Contains(t, loses.Message, "Messages:")
	assert.Contains(t, loses.Message, "the value survives a restart")
	assert.NotContains(t, loses.Message, "Error Trace")

	assert.False(t, publishes.Passed, "a proof whose package does not build fails")
	assert.Contains(t, publishes.Message, "syntax error")
}

func TestRunnerAsksGoTestForExactlyTheSelectedTests(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "go")
	require.NoError(t, os.WriteFile(script, []byte("#!/bin/sh\necho \"$@\" > "+filepath.Join(dir, "args")+"\n"), 0o755))
	r := &Runner{Root: dir, Go: script}
	_, err := r.Run(context.Background(), []Proof{{Name: "volumes/TestB"}, {Name: "arch/TestA"}, {Name: "volumes/TestA"}}, nil)
	require.NoError(t, err)
	args, err := os.ReadFile(filepath.Join(dir, "args"))
	require.NoError(t, err)
	assert.Equal(t, "test -json -count=1 -run ^(TestA|TestB)$ ./exercises/arch ./exercises/volumes\n", string(args))
}

func TestFindSourceTree(t *testing.T) {
	root := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(root, "go.mod"), []byte("module "+Module+"\n\ngo 1.26\n"), 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(root, "exercises", "volumes"), 0o755))
	other := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(other, "go.mod"), []byte("module example.com/other\n"), 0o644))

	got, err := FindSourceTree(filepath.Join(root, "exercises", "volumes"))
	require.NoError(t, err)
	assert.Equal(t, root, got, "found from a subdirectory")

	_, err = FindSourceTree(other)
	assert.ErrorContains(t, err, "is not inside dockdrill's source tree")
}

func TestSelect(t *testing.T) {
	set, err := deck.Load(deck.LoadOptions{})
	require.NoError(t, err)
	var practical *deck.Card
	for _, c := range set.Cards() {
		if c.Practical() {
			practical = c
			break
		}
	}
	require.NotNil(t, practical, "the built-in decks have practical cards")

	byCard, err := Select(set, nil, practical.ID, false)
	require.NoError(t, err)
	require.Len(t, byCard, 1)
	assert.Equal(t, practical.Proof, byCard[0].Name)
	assert.Contains(t, byCard[0].Cards, practical.ID)

	byArea, err := Select(set, []string{practical.Area}, "", false)
	require.NoError(t, err)
	assert.NotEmpty(t, byArea)
	all, err := Select(set, nil, "", true)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, len(all), len(byArea))
	names := map[string]bool{}
	for _, p := range all {
		assert.False(t, names[p.Name], "each proof once: %s", p.Name)
		names[p.Name] = true
	}

	require.NotEmpty(t, set.Tasks(), "the built-in decks have tasks")
	task := set.Tasks()[0]
	byTaskArea, err := Select(set, []string{task.Area}, "", false)
	require.NoError(t, err)
	assert.Contains(t, proofCards(byTaskArea, task.Proof), task.ID, "--area selects the area's task proofs")
	assert.Contains(t, proofCards(all, task.Proof), task.ID, "--all selects the task proofs")

	_, err = Select(set, []string{"nowhere"}, "", false)
	assert.ErrorContains(t, err, `no knowledge area "nowhere"`)
	_, err = Select(set, nil, "no-such-card", false)
	assert.ErrorContains(t, err, `no card with id "no-such-card"`)
}

// proofCards returns the cards of the proof named name among proofs.
func proofCards(proofs []Proof, name string) []string {
	for _, p := range proofs {
		if p.Name == name {
			return p.Cards
		}
	}
	return nil
}
