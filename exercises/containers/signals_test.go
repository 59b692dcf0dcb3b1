package containers_test

import (
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/moby/moby/api/types/container"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// trapping returns a main process that runs the shell code action when
// it receives signal sig, says "ready" once the trap is set, and otherwise
// waits. PID 1 in a container gets no default signal handling, so only a
// trapped signal does anything (SIGKILL excepted).
func trapping(sig, action string) []string {
	return []string{"sh", "-c", "trap '" + action + "' " + sig + "; echo ready; while :; do sleep 1 & wait $!; done"}
}

func TestStopSendsTermThenKillAfterGracePeriod(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("stubborn")
	// It notes SIGTERM and carries on, so only SIGKILL ends it.
	runShell(t, l, name, nil, trapping("TERM", "echo got TERM")...)
	eventuallyLogs(t, l, name, "ready")

	const grace = 2 * time.Second
	start := time.Now()
	l.MustDocker("stop", "-t", "2", name)
	took := time.Since(start)

	assert.Contains(t, logs(t, l, name), "got TERM", "docker stop sends SIGTERM first")
	assert.GreaterOrEqual(t, took, grace, "docker stop waits the grace period -t before SIGKILL")
	st := inspectContainer(t, l, name).State
	assert.Equal(t, 137, st.ExitCode, "then SIGKILL: 128+9")
	assert.False(t, st.OOMKilled)
}

func TestStopEndsAProcessThatExitsOnTermWithItsOwnCode(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("polite")
	runShell(t, l, name, nil, trapping("TERM", "echo got TERM; exit 3")...)
	eventuallyLogs(t, l, name, "ready")

	const grace = 30 * time.Second
	start := time.Now()
	l.MustDocker("stop", "-t", "30", name)
	took := time.Since(start)

	assert.Contains(t, logs(t, l, name), "got TERM")
	st := inspectContainer(t, l, name).State
	assert.Equal(t, 3, st.ExitCode, "the process exited by itself, with its own code: no SIGKILL was needed")
	assert.Less(t, took, grace, "docker stop returns when the process exits, not after the grace period")
}

func TestKillSendsSigkillByDefault(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("victim")
	runShell(t, l, name, nil, trapping("TERM", "echo got TERM")...)
	eventuallyLogs(t, l, name, "ready")

	l.MustDocker("kill", name)
	require.Equal(t, "137", waitExit(t, l, name), "SIGKILL: exit code 128+9")
	assert.NotContains(t, logs(t, l, name), "got TERM", "no SIGTERM first: no grace period")
	assert.Equal(t, container.StateExited, inspectContainer(t, l, name).State.Status)
}

func TestKillSignalSendsTheChosenSignal(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("reloader")
	runShell(t, l, name, nil, trapping("USR1", "echo got USR1")...)
	eventuallyLogs(t, l, name, "ready")

	l.MustDocker("kill", "--signal", "USR1", name)
	eventuallyLogs(t, l, name, "got USR1")
	assert.True(t, inspectContainer(t, l, name).State.Running, "a trapped signal other than KILL need not stop the container")

	l.MustDocker("kill", "-s", "SIGUSR1", name)
	require.Eventually(t, func() bool {
		return len(peekLogs(l, name)) == 3
	}, deadline, tick, "-s is short for --signal, and the SIG prefix is optional")
	assert.Equal(t, []string{"ready", "got USR1", "got USR1"}, lines(logs(t, l, name)))
}

func TestRestartStopsAndStartsTheSameContainer(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("svc")
	id := runShell(t, l, name, nil, trapping("TERM", "echo got TERM; exit 0")...)
	eventuallyLogs(t, l, name, "ready")
	before := inspectContainer(t, l, name).State

	l.MustDocker("restart", "-t", "5", name)
	after := inspectContainer(t, l, name)
	assert.Equal(t, id, after.ID, "the same container, not a new one")
	assert.True(t, after.State.Running)
	assert.NotEqual(t, before.StartedAt, after.State.StartedAt, "started again")
	assert.NotEqual(t, before.Pid, after.State.Pid, "a new main process")
	// The first run got SIGTERM, like docker stop; the second said ready
	// again. The output of both runs is in the one log.
	require.Eventually(t, func() bool { return len(peekLogs(l, name)) == 3 }, deadline, tick)
	assert.Equal(t, []string{"ready", "got TERM", "ready"}, lines(logs(t, l, name)))
	assert.Zero(t, after.RestartCount, "a manual restart is not counted by the restart policy")
}
