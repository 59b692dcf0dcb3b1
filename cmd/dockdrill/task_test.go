package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/dockdrill/dockdrill/exercises/lab/provision"
	"github.com/dockdrill/dockdrill/quiz/handson"
	"github.com/dockdrill/dockdrill/quiz/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDrillTasksWithoutDockerAreNeverDue(t *testing.T) {
	t.Setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
	e := newDrillEnv(t, map[string]string{"cmds.toml": commandDeck(1)})
	app, out, errOut := testApp(t, "")
	app.Getenv = func(k string) string { return e.env[k] }
	code := Run(context.Background(), []string{"drill", "--decks", e.decks, "--deck", "cmds", "--new", "0", "--tasks"}, app)
	require.Equal(t, ExitOK, code, "stderr: %s", errOut)
	assert.Contains(t, out.String(), "Tasks: none due, since no Docker engine answers")
	assert.Contains(t, out.String(), "Nothing to drill now.")
}

func TestDrillTasksSettingIsOnOrOff(t *testing.T) {
	t.Setenv("DOCKER_HOST", "unix:///nonexistent/docker.sock")
	e := newDrillEnv(t, map[string]string{"cmds.toml": commandDeck(1)})
	app, _, errOut := testApp(t, "")
	app.Getenv = func(k string) string { return e.env[k] }
	require.Equal(t, ExitUsage, Run(context.Background(), []string{"config", "set", "drill.tasks", "maybe"}, app), errOut.String())
	require.Equal(t, ExitOK, Run(context.Background(), []string{"config", "set", "drill.tasks", "on"}, app), errOut.String())

	app, out, errOut := testApp(t, "")
	app.Getenv = func(k string) string { return e.env[k] }
	code := Run(context.Background(), []string{"drill", "--decks", e.decks, "--deck", "cmds", "--new", "0"}, app)
	require.Equal(t, ExitOK, code, "stderr: %s", errOut)
	assert.Contains(t, out.String(), "Tasks: none due, since no Docker engine answers", "the setting turns tasks on")
}

func TestTaskListAndUnknownID(t *testing.T) {
	e := newDrillEnv(t, nil)
	app, out, errOut := testApp(t, "")
	app.Getenv = func(k string) string { return e.env[k] }
	require.Equal(t, ExitOK, Run(context.Background(), []string{"task", "--list"}, app), errOut.String())
	assert.Contains(t, out.String(), "vol-task-named-redis             volumes    new")

	app, _, errOut = testApp(t, "")
	app.Getenv = func(k string) string { return e.env[k] }
	require.Equal(t, ExitUsage, Run(context.Background(), []string{"task", "vol-nope"}, app))
	assert.Contains(t, errOut.String(), `no task "vol-nope"`)
}

// TestTaskInLineModeEndToEnd does a task through the command with the
// input a learner types, performing the solution with the docker CLI
// between the first check and the second.
func TestTaskInLineModeEndToEnd(t *testing.T) {
	cli, err := handson.ConnectEngine(t.Context())
	if err != nil {
		t.Skipf("no Docker engine answers: %v", err)
	}
	shell, err := (&provision.Provisioner{Client: cli}).Ensure(t.Context(), lab.Shell)
	require.NoError(t, err)
	e := newDrillEnv(t, nil)
	in, typing := io.Pipe()
	var out syncBuffer
	app := &App{IO: &IOStreams{In: in, Out: &out, ErrOut: &out}, Now: time.Now, Getenv: func(k string) string { return e.env[k] }}
	t.Cleanup(func() { exec.Command("docker", "rm", "-f", "dd-offline").Run() })

	done := make(chan int, 1)
	go func() { done <- Run(context.Background(), []string{"task", "net-task-none"}, app) }()
	waitFor := func(s string) {
		t.Helper()
		require.Eventually(t, func() bool { return strings.Contains(out.String(), s) }, 30*time.Second, 20*time.Millisecond, "waiting for %q in:\n%s", s, out.String())
	}
	waitFor("Enter: check")
	typing.Write([]byte("\n"))
	waitFor("✗ dd-offline is running")
	require.NoError(t, exec.Command("docker", "run", "-d", "--name", "dd-offline", "--label", "dockdrill.lab=true", "--network", "none", shell[0].Ref, "sleep", "3600").Run())
	typing.Write([]byte("\n"))
	waitFor("Remove what the task made (container dd-offline)? [Y/n]")
	typing.Write([]byte("y\n"))
	select {
	case code := <-done:
		require.Equal(t, ExitOK, code, out.String())
	case <-time.After(30 * time.Second):
		t.Fatalf("the task did not end:\n%s", out.String())
	}
	assert.Contains(t, out.String(), "Recorded: Hard (passed after a failed check)")
	assert.Contains(t, out.String(), "removed container dd-offline")
	assert.Error(t, exec.Command("docker", "inspect", "dd-offline").Run(), "the task's container is gone")

	st := e.openStore(t)
	states, err := st.CardStates(context.Background())
	require.NoError(t, err)
	assert.Equal(t, store.StateLearning, states["net-task-none"].State)
}

func TestStatsShowTasksDoneAndTheirPassRate(t *testing.T) {
	e := newDrillEnv(t, nil)
	st := e.openStore(t)
	at := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	review := func(id string, rating int, at time.Time) store.Review {
		return store.Review{SessionID: "task-x", CardID: id, Time: at, Rating: rating, Verdict: store.VerdictRight,
			After: store.CardState{State: store.StateReview, Due: at.Add(72 * time.Hour), LastReview: at, Stability: 3, Difficulty: 5, Reps: 1}}
	}
	require.NoError(t, st.ImportReviews(context.Background(), []store.Review{
		review("vol-task-named-redis", store.Again, at),
		review("vol-task-named-redis", store.Hard, at.Add(time.Hour)),
		review("net-task-none", store.Good, at.Add(2*time.Hour)),
	}))
	app, out, errOut := testApp(t, "")
	app.Getenv = func(k string) string { return e.env[k] }
	require.Equal(t, ExitOK, Run(context.Background(), []string{"stats"}, app), errOut.String())
	assert.Contains(t, out.String(), "Hands-on tasks: 2 of 39 done; 3 attempts, 67 % passed")
}

// TestTaskAsksBeforeRemovingObjectsWithItsNames: an object that already
// carries a task's name is listed; no keeps it and stops, yes removes it.
func TestTaskAsksBeforeRemovingObjectsWithItsNames(t *testing.T) {
	cli, err := handson.ConnectEngine(t.Context())
	if err != nil {
		t.Skipf("no Docker engine answers: %v", err)
	}
	shell, err := (&provision.Provisioner{Client: cli}).Ensure(t.Context(), lab.Shell)
	require.NoError(t, err)
	const name = "dd-locked" // ctr-task-read-only-rootfs
	if exec.Command("docker", "inspect", "--type", "container", name).Run() == nil {
		t.Skipf("a container %s exists already; this test does not touch what it did not make", name)
	}
	require.NoError(t, exec.Command("docker", "run", "-d", "--name", name, "--label", "dockdrill.lab=true", shell[0].Ref, "sleep", "3600").Run())
	t.Cleanup(func() { exec.Command("docker", "rm", "-f", name).Run() })
	e := newDrillEnv(t, nil)

	app, out, errOut := testApp(t, "n\n")
	app.Getenv = func(k string) string { return e.env[k] }
	require.Equal(t, ExitOK, Run(context.Background(), []string{"task", "ctr-task-read-only-rootfs"}, app), errOut.String())
	assert.Contains(t, out.String(), "These already exist and carry the task's names:\n  container dd-locked\nRemove them and start? [y/N] ")
	assert.Contains(t, out.String(), "Nothing removed; the task did not start.")
	assert.NoError(t, exec.Command("docker", "inspect", "--type", "container", name).Run(), "no keeps it")

	app, out, errOut = testApp(t, "y\nq\n")
	app.Getenv = func(k string) string { return e.env[k] }
	require.Equal(t, ExitOK, Run(context.Background(), []string{"task", "ctr-task-read-only-rootfs"}, app), errOut.String())
	assert.Contains(t, out.String(), "removed container dd-locked")
	assert.Contains(t, out.String(), "Left before the task passed: nothing recorded.")
	assert.Error(t, exec.Command("docker", "inspect", "--type", "container", name).Run(), "yes removes it")
}

// TestDrillTaskAmongTheCardsWhenDockerAnswers: a due task is done after
// the drill's card, and the lines typed for the card after it (the same,
// in its learning step) still reach it.
func TestDrillTaskAmongTheCardsWhenDockerAnswers(t *testing.T) {
	if _, err := handson.ConnectEngine(t.Context()); err != nil {
		t.Skipf("no Docker engine answers: %v", err)
	}
	if exec.Command("docker", "inspect", "--type", "container", "dd-offline").Run() == nil {
		t.Skip("a container dd-offline exists already")
	}
	e := newDrillEnv(t, map[string]string{"cmds.toml": commandDeck(1)})
	st := e.openStore(t)
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	require.NoError(t, st.ImportReviews(context.Background(), []store.Review{{SessionID: "task-x", CardID: "net-task-none", Time: at, Rating: store.Good, Verdict: store.VerdictRight,
		After: store.CardState{State: store.StateReview, Due: at.Add(72 * time.Hour), LastReview: at, Stability: 3, Difficulty: 5, Reps: 1}}}))

	app, out, errOut := testApp(t, "x\nq\ny\nq\n")
	app.Getenv = func(k string) string { return e.env[k] }
	code := Run(context.Background(), []string{"drill", "--decks", e.decks, "--deck", "cmds,tasks", "--tasks"}, app)
	require.Equal(t, ExitOK, code, "stderr: %s", errOut)
	assert.Contains(t, out.String(), "Tasks: 1 task due, one after every card")
	assert.Contains(t, out.String(), "Task net-task-none (networks)")
	assert.Less(t, strings.Index(out.String(), "saved: again"), strings.Index(out.String(), "Task net-task-none"), "the card came first")
	assert.Contains(t, out.String(), "answer (? hint · u undo · q quit)> y", "the card after the task got its line")
}

// TestTaskHangupRemovesTheRegistry closes the learner's terminal (SIGHUP)
// while a task with a registry waits: the real binary removes the
// registry it started and exits 130, as for Ctrl-C.
func TestTaskHangupRemovesTheRegistry(t *testing.T) {
	if _, err := handson.ConnectEngine(t.Context()); err != nil {
		t.Skipf("no Docker engine answers: %v", err)
	}
	const id = "up-task-push-to-registry"
	registries := func() []string {
		out, err := exec.Command("docker", "ps", "-aq", "--no-trunc", "--filter", "label=dockdrill.task="+id).Output()
		require.NoError(t, err)
		return strings.Fields(string(out))
	}
	before := registries()
	// Whatever the task starts goes, even when the test fails before the
	// hangup would have removed it.
	t.Cleanup(func() {
		for _, c := range registries() {
			if !slices.Contains(before, c) {
				exec.Command("docker", "rm", "-f", "-v", c).Run()
			}
		}
	})
	e := newDrillEnv(t, nil)
	e.env[provision.EnvOffline] = "1"
	if h := os.Getenv("DOCKER_HOST"); h != "" {
		e.env["DOCKER_HOST"] = h
	}
	p := start(t, e, "task", id)
	// Starting the registry waits on the engine.
	p.expectWithin("export DD_REGISTRY=", 90*time.Second)
	p.expect("Enter: check")
	var started []string
	for _, c := range registries() {
		if !slices.Contains(before, c) {
			started = append(started, c)
		}
	}
	require.Len(t, started, 1, "the task started its registry")

	require.NoError(t, p.cmd.Process.Signal(syscall.SIGHUP))
	assert.Equal(t, ExitInterrupted, p.wait())
	assert.Error(t, exec.Command("docker", "inspect", "--type", "container", started[0]).Run(), "the registry is gone")
}
