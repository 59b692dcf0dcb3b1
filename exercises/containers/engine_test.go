package containers_test

import (
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Proofs on an engine of the lab's own (lab.Engine), which they restart:
// the learner's engine is never restarted.

func TestRestartPoliciesAcrossAnEngineRestart(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	e := l.Engine()
	shell := e.Load(lab.Shell)

	// sleep as PID 1 ignores SIGTERM, so the engine's shutdown kills it
	// after the one-second grace (exit 137); "clean" exits 0 on SIGTERM.
	const clean = "trap 'exit 0' TERM; sleep 600 & wait"
	cases := []struct {
		name, policy string
		script       string
		stopByHand   bool
		back         bool
		why          string
	}{
		{"no", "no", "sleep 600", false, false, "no never restarts"},
		{"always", "always", "sleep 600", false, true, "always comes back with the engine"},
		{"unless-stopped", "unless-stopped", "sleep 600", false, true, "unless-stopped comes back with the engine"},
		{"on-failure-killed", "on-failure", "sleep 600", false, true, "on-failure comes back after a non-zero exit (137)"},
		{"on-failure-clean", "on-failure", clean, false, false, "on-failure stays down after exit 0"},
		{"always-stopped", "always", "sleep 600", true, true, "always comes back with the engine even after docker stop"},
		{"unless-stopped-stopped", "unless-stopped", "sleep 600", true, false, "unless-stopped stays down after docker stop"},
	}
	for _, c := range cases {
		e.MustDocker("run", "-d", "--name", c.name, "--restart", c.policy, "--stop-timeout", "1", shell, "sh", "-c", c.script)
	}
	for _, c := range cases {
		if c.stopByHand {
			e.MustDocker("stop", "-t", "1", c.name)
			assert.Equal(t, "exited", state(e, c.name), "%s: stopped by hand, not restarted by its policy", c.name)
		}
	}

	e.Restart()

	require.EventuallyWithT(t, func(ct *assert.CollectT) {
		for _, c := range cases {
			if c.back {
				assert.Equal(ct, "running", state(e, c.name), c.why)
			}
		}
	}, deadline, tick)
	for _, c := range cases {
		if !c.back {
			assert.Equal(t, "exited", state(e, c.name), c.why)
		}
	}
	assert.Equal(t, "137", e.MustDocker("inspect", "--format", "{{.State.ExitCode}}", "no"), "the engine's shutdown killed it after its stop timeout")
	assert.Equal(t, "0", e.MustDocker("inspect", "--format", "{{.State.ExitCode}}", "on-failure-clean"))
}

func TestLiveRestoreKeepsContainersRunningWhileDockerdRestarts(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	plain := l.Engine()
	live := l.Engine(lab.WithDaemonJSON(map[string]any{"live-restore": true}))
	assert.Equal(t, "false", plain.MustDocker("info", "--format", "{{.LiveRestoreEnabled}}"))
	assert.Equal(t, "true", live.MustDocker("info", "--format", "{{.LiveRestoreEnabled}}"))
	pid := map[*lab.Engine]string{}
	for _, e := range []*lab.Engine{plain, live} {
		e.MustDocker("run", "-d", "--name", "app", "--stop-timeout", "1", e.Load(lab.Shell), "sleep", "600")
		pid[e] = e.MustDocker("inspect", "--format", "{{.State.Pid}} {{.State.StartedAt}}", "app")
		e.RestartDockerd()
	}

	assert.Equal(t, "exited", state(plain, "app"), "without live-restore, stopping dockerd stops its containers")
	assert.Equal(t, "running", state(live, "app"), "with live-restore, the container kept running while dockerd was down")
	assert.Equal(t, pid[live], live.MustDocker("inspect", "--format", "{{.State.Pid}} {{.State.StartedAt}}", "app"),
		"the same process, never restarted")
}

// state returns a container's status on an engine.
func state(e *lab.Engine, name string) string {
	res := e.Docker("inspect", "--format", "{{.State.Status}}", name)
	return strings.TrimSpace(res.Stdout)
}
