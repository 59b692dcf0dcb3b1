package containers_test

import (
	"os"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/moby/moby/api/types/container"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ticker prints "tick N" five times a second and exits 130 on SIGINT,
// like a foreground server that Ctrl-C stops.
var ticker = []string{"sh", "-c", `trap 'echo got INT; exit 130' INT; i=0; while :; do i=$((i+1)); echo "tick $i"; sleep 0.2; done`}

// attach attaches the docker CLI to a running container with flags and
// waits until the container's output streams through it.
func attach(t *testing.T, l *lab.Lab, name string, flags ...string) *child {
	t.Helper()
	c := startDocker(t, l, append(append([]string{"attach"}, flags...), name)...)
	require.Eventually(t, func() bool { return len(c.out.Lines()) >= 2 }, deadline, tick,
		"docker attach shows the container's output")
	return c
}

// interrupt sends the client SIGINT, as Ctrl-C in its terminal does, up to
// max times, until it exits. It returns how many it took.
func (c *child) interrupt(t *testing.T, max int, each time.Duration) int {
	t.Helper()
	for n := 1; n <= max; n++ {
		require.NoError(t, c.cmd.Process.Signal(os.Interrupt))
		select {
		case <-c.exited:
			return n
		case <-time.After(each):
		}
	}
	t.Fatalf("docker %v still runs after %d interrupts", c.cmd.Args[1:], max)
	return 0
}

func TestAttachWithoutSigProxyLeavesTheContainerRunningOnCtrlC(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("server")
	runShell(t, l, name, nil, ticker...)

	// Older clients detach at the first Ctrl-C; since docker CLI 27 the
	// client ignores the first two and gives up at the third.
	client := attach(t, l, name, "--sig-proxy=false")
	n := client.interrupt(t, 3, 3*time.Second)
	t.Logf("the client ended after %d Ctrl-C", n)
	st := inspectContainer(t, l, name).State
	assert.True(t, st.Running, "with --sig-proxy=false, Ctrl-C ends only the client")
	assert.NotContains(t, logs(t, l, name), "got INT", "the container never got SIGINT")
}

func TestAttachForwardsCtrlCToTheContainerByDefault(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("server")
	runShell(t, l, name, nil, ticker...)

	client := attach(t, l, name)
	require.Equal(t, 1, client.interrupt(t, 1, deadline), "one Ctrl-C")
	code := client.wait(t, deadline)
	assert.Equal(t, 130, code, "docker attach exits with the container's exit code")
	assert.Contains(t, logs(t, l, name), "got INT", "the client passed SIGINT on to the container's process")
	st := inspectContainer(t, l, name).State
	assert.Equal(t, container.StateExited, st.Status, "so Ctrl-C in an attached client stops the container")
	assert.Equal(t, 130, st.ExitCode)
}
