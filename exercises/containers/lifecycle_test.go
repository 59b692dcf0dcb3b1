package containers_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/moby/moby/api/types/container"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPauseFreezesTheProcessesAndUnpauseResumesThem(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("ticker")
	// A counter that prints 1, 2, 3, ... ten times a second.
	runShell(t, l, name, nil, "sh", "-c", `i=0; while :; do i=$((i+1)); echo $i; sleep 0.1; done`)
	count := func() int { return len(peekLogs(l, name)) }
	require.Eventually(t, func() bool { return count() >= 3 }, deadline, tick, "the counter runs")

	l.MustDocker("pause", name)
	st := inspectContainer(t, l, name).State
	assert.True(t, st.Paused, "State.Paused")
	assert.True(t, st.Running, "a paused container still counts as running")
	assert.Equal(t, container.StatePaused, st.Status)
	frozen := count()
	assert.Never(t, func() bool { return count() != frozen }, 2*time.Second, 200*time.Millisecond,
		"a paused (frozen) process makes no progress")
	res := l.Docker("exec", name, "true")
	assert.NotEqual(t, 0, res.Code, "nothing can run in a paused container")
	assert.Contains(t, res.Stderr, "paused")

	l.MustDocker("unpause", name)
	assert.False(t, inspectContainer(t, l, name).State.Paused)
	require.Eventually(t, func() bool { return count() > frozen }, deadline, tick, "after unpause the counter goes on")
	last, err := strconv.Atoi(lines(logs(t, l, name, "--tail", "1"))[0])
	require.NoError(t, err)
	assert.Greater(t, last, frozen, "from where it was: its memory was kept")
}

func TestRestartPolicyDecidesWhetherAnExitedContainerComesBack(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	cases := []struct {
		policy  string
		code    int
		restart bool
	}{
		{"no", 1, false},
		{"always", 0, true},
		{"unless-stopped", 0, true},
		{"on-failure", 1, true},
		{"on-failure", 0, false},
	}
	names := make([]string, len(cases))
	runs := make([][]string, len(cases))
	for i, c := range cases {
		names[i] = l.Name(strconv.Itoa(i) + "-" + c.policy)
		runs[i] = runArgs(l, []string{"-d", "--name", names[i], "--restart", c.policy}, "sh", "-c", "echo run; exit "+strconv.Itoa(c.code))
	}
	dockerAll(t, l, runs...)
	// Once those that restart have come back twice, those that do not had
	// the same time to: they stayed exited, run once.
	for i, c := range cases {
		if c.restart {
			eventuallyRestarted(t, l, names[i], 2,
				"--restart "+c.policy+" brings back a container whose process exited with "+strconv.Itoa(c.code))
		}
	}
	for i, c := range cases {
		if !c.restart {
			got := inspectContainer(t, l, names[i])
			assert.Zero(t, got.RestartCount, "--restart %s, exit %d: not restarted", c.policy, c.code)
			assert.Equal(t, container.StateExited, got.State.Status)
			assert.Equal(t, []string{"run"}, lines(logs(t, l, names[i])))
		}
	}
}

func TestOnFailureRestartsAFailingContainerAtMostNTimes(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("flaky")
	runShell(t, l, name, []string{"--restart", "on-failure:2"}, "sh", "-c", "echo run; exit 1")

	var got container.InspectResponse
	require.Eventually(t, func() bool {
		var ok bool
		got, ok = peek(l, name)
		return ok && got.State.Status == container.StateExited && got.RestartCount == 2
	}, deadline, tick, "on-failure:2 gives up after two restarts")
	assert.Equal(t, 1, got.State.ExitCode)
	assert.Equal(t, []string{"run", "run", "run"}, lines(logs(t, l, name)), "the first run and two restarts, all in one log")
	assert.Equal(t, 2, got.HostConfig.RestartPolicy.MaximumRetryCount)
}

func TestStoppedContainerStaysStoppedWhateverItsRestartPolicy(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	stopped, ended := l.Name("stopped"), l.Name("ended")
	// Both run until /tmp/quit exists or SIGTERM comes, then exit 0; both
	// have --restart always.
	cmd := []string{"sh", "-c", `trap 'exit 0' TERM; echo ready; while [ ! -e /tmp/quit ]; do sleep 0.1; done`}
	runShell(t, l, stopped, []string{"--restart", "always"}, cmd...)
	runShell(t, l, ended, []string{"--restart", "always"}, cmd...)
	eventuallyLogs(t, l, stopped, "ready")
	eventuallyLogs(t, l, ended, "ready")

	// One is stopped with docker stop, the other's process ends by itself.
	// The stopped one goes first, so it has had longer to come back.
	l.MustDocker("stop", "-t", "5", stopped)
	l.MustDocker("exec", ended, "touch", "/tmp/quit")
	eventuallyRestarted(t, l, ended, 1, "--restart always brings back a container whose process ended")
	got := inspectContainer(t, l, stopped)
	assert.Equal(t, container.StateExited, got.State.Status, "docker stop is respected by --restart always")
	assert.Equal(t, 0, got.State.ExitCode)
	assert.Zero(t, got.RestartCount)
}
