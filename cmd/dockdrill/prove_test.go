package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeGo is a stand-in for the go command: every test named in -run passes,
// except those whose name contains "Loses", which fail with a testify
// assertion, as go test -json would report them.
const fakeGo = `#!/bin/sh
run=""
while [ $# -gt 0 ]; do [ "$1" = -run ] && run=$2; shift; done
M=github.com/dockdrill/dockdrill/exercises/volumes
for t in $(echo "$run" | tr -d '^$()' | tr '|' ' '); do
  printf '{"Action":"run","Package":"%s","Test":"%s"}\n' "$M" "$t"
  case $t in
  *LosesData)
    printf '{"Action":"output","Package":"%s","Test":"%s","Output":"        \\tError:      \\tNot equal: expected 42\\n"}\n' "$M" "$t"
    printf '{"Action":"fail","Package":"%s","Test":"%s","Elapsed":2.5}\n' "$M" "$t" ;;
  *) printf '{"Action":"pass","Package":"%s","Test":"%s","Elapsed":1.25}\n' "$M" "$t" ;;
  esac
done
`

const proveDeck = `[deck]
id = "my-proofs"
title = "Mine"
description = "Cards with proofs the stand-in go command runs."

[[card]]
id = "my-keeps"
area = "volumes"
kind = "flash"
prompt = "Does a named volume keep its data?"
answer = "Yes"
explain = "It lives outside the container."
proof = "volumes/TestKeepsData"

[[card]]
id = "my-loses"
area = "volumes"
kind = "flash"
prompt = "Does a container's writable layer outlive docker rm?"
answer = "No"
explain = "docker rm deletes it."
proof = "volumes/TestLosesData"
`

// proveFixture makes a source tree, a deck directory and a stand-in go
// command, and returns prove options that use them.
func proveFixture(t *testing.T, app *App) *proveOptions {
	t.Helper()
	src := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(src, "go.mod"), []byte("module github.com/dockdrill/dockdrill\n"), 0o644))
	require.NoError(t, os.MkdirAll(filepath.Join(src, "exercises", "volumes"), 0o755))
	decks := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(decks, "mine.toml"), []byte(proveDeck), 0o644))
	goCmd := filepath.Join(t.TempDir(), "go")
	require.NoError(t, os.WriteFile(goCmd, []byte(fakeGo), 0o755))
	f := newFactory(app)
	f.DB, f.DecksDir = filepath.Join(t.TempDir(), "dd.db"), decks
	return &proveOptions{
		Factory: f, Source: filepath.Join(src, "exercises"),
		goCmd:  goCmd,
		engine: func(context.Context) (string, error) { return "99.0-test", nil },
	}
}

func TestProveRecordsAPassingProof(t *testing.T) {
	app, out, errOut := testApp(t, "")
	opts := proveFixture(t, app)
	opts.Card = "my-keeps"
	require.NoError(t, runProve(context.Background(), opts))
	assert.Contains(t, out.String(), "PASS  volumes/TestKeepsData")
	assert.Contains(t, out.String(), "1.2s")
	assert.Contains(t, out.String(), "1 passed, 0 failed, 0 skipped of 1 proof")
	assert.Contains(t, errOut.String(), "with Docker 99.0-test")

	st, err := store.Open(context.Background(), opts.DB)
	require.NoError(t, err)
	defer st.Close()
	res, err := st.ProofResults(context.Background(), time.Time{})
	require.NoError(t, err)
	require.Len(t, res, 1)
	assert.Equal(t, "volumes/TestKeepsData", res[0].Proof)
	assert.Equal(t, []string{"my-keeps"}, res[0].CardIDs)
	assert.True(t, res[0].Passed)
	assert.Equal(t, "99.0-test", res[0].DockerVersion)
	assert.Equal(t, app.Now(), res[0].Time)
}

func TestProveFailureNamesTheCardAndExits3(t *testing.T) {
	app, out, _ := testApp(t, "")
	opts := proveFixture(t, app)
	opts.Areas = []string{"volumes"} // the user deck's two proofs, and the built-ins' (which the stand-in passes)
	err := runProve(context.Background(), opts)
	assert.Equal(t, ExitFailed, exitCode(context.Background(), err))
	assert.Contains(t, out.String(), "FAIL  volumes/TestLosesData")
	assert.Contains(t, out.String(), "the answer of card my-loses is in question:")
	assert.Contains(t, out.String(), "Error: Not equal: expected 42")
	assert.Contains(t, out.String(), "PASS  volumes/TestKeepsData")
}

func TestProveOutsideTheSourceTreeSaysWhy(t *testing.T) {
	app, _, _ := testApp(t, "")
	opts := proveFixture(t, app)
	opts.Source = t.TempDir()
	opts.Card = "my-keeps"
	err := runProve(context.Background(), opts)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "is not inside dockdrill's source tree")
}

func TestProveFlagsAreExclusive(t *testing.T) {
	app, _, errOut := testApp(t, "")
	code := Run(context.Background(), []string{"prove", "--area", "volumes", "--card", "x"}, app)
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, errOut.String(), "choose one of --area, --card and --all")
}

func TestProveAreaRunsAndRecordsTheAreasTaskProofs(t *testing.T) {
	app, out, _ := testApp(t, "")
	opts := proveFixture(t, app)
	set, err := opts.DeckSet()
	require.NoError(t, err)
	var task *deck.Card
	for _, c := range set.Tasks() {
		if c.Area == "volumes" {
			task = c
			break
		}
	}
	require.NotNil(t, task, "the built-in decks have a volumes task")

	opts.Areas = []string{"volumes"}
	_ = runProve(context.Background(), opts) // my-loses fails: exit 3
	assert.Contains(t, out.String(), "PASS  "+task.Proof, "the task's checker proof runs with its area")

	st, err := store.Open(context.Background(), opts.DB)
	require.NoError(t, err)
	defer st.Close()
	res, err := st.ProofResults(context.Background(), time.Time{})
	require.NoError(t, err)
	var recorded *store.ProofResult
	for i := range res {
		if res[i].Proof == task.Proof {
			recorded = &res[i]
		}
	}
	require.NotNil(t, recorded, "the task proof's result is recorded")
	assert.Contains(t, recorded.CardIDs, task.ID)
	assert.True(t, recorded.Passed)
}
