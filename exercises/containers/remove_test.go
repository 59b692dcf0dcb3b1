package containers_test

import (
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pruneRunning is the engine's answer while another prune (of containers
// or networks, by anyone) is in progress.
const pruneRunning = "a prune operation is already running"

// runningAndStopped starts one running and two stopped containers of this
// test and returns their names.
func runningAndStopped(t *testing.T, l *lab.Lab) (up string, stopped []string) {
	t.Helper()
	up = l.Name("up")
	stopped = []string{l.Name("done1"), l.Name("done2")}
	dockerAll(t, l,
		runArgs(l, []string{"-d", "--name", up}, "sleep", "300"),
		runArgs(l, []string{"--name", stopped[0]}, "true"),
		runArgs(l, []string{"--name", stopped[1]}, "true"))
	return up, stopped
}

func TestRmRefusesARunningContainerWithoutForce(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("busy")
	sleeper(t, l, name)

	res := l.Docker("rm", name)
	assert.NotEqual(t, 0, res.Code, "docker rm refuses a running container")
	assert.Contains(t, res.Stderr, "cannot remove a running container", res.Stderr)
	assert.True(t, inspectContainer(t, l, name).State.Running, "it is left running")

	assert.Equal(t, name, l.MustDocker("rm", "-f", "-v", name), "docker rm -f kills and removes it")
	assert.False(t, exists(l, name))
}

func TestContainerPruneRemovesOnlyStoppedContainers(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	up, stopped := runningAndStopped(t, l)
	ids := map[string]string{}
	for _, n := range append([]string{up}, stopped...) {
		ids[n] = inspectContainer(t, l, n).ID
	}

	// Scoped with a label filter to this test's containers: a bare
	// `docker container prune -f` would remove every stopped container on
	// the machine, other proofs' and the learner's own included.
	var out string
	require.Eventually(t, func() bool {
		res := l.Docker("container", "prune", "-f", "--filter", runFilter(l))
		out = res.Stdout + res.Stderr
		return res.Code == 0 || !strings.Contains(res.Stderr, pruneRunning)
	}, deadline, tick, "only one prune runs at a time")
	require.Contains(t, out, "Deleted Containers:", out)
	for _, n := range stopped {
		assert.Contains(t, out, ids[n], "prune lists the stopped container it removed")
		assert.False(t, exists(l, n), "%s, stopped, is removed", n)
	}
	assert.NotContains(t, out, ids[up])
	assert.True(t, inspectContainer(t, l, up).State.Running, "the running container is kept")
}

func TestRmOfAllIDsFailsOnRunningContainers(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	up, stopped := runningAndStopped(t, l)

	// docker rm $(docker ps -a -q), kept to this test's containers: -a -q
	// lists the IDs of every container, running ones included.
	ids := lines(l.MustDocker("ps", "-a", "-q", "--filter", runFilter(l)))
	require.Len(t, ids, 3, "docker ps -a -q lists the running container too")
	res := l.Docker(append([]string{"rm"}, ids...)...)
	assert.NotEqual(t, 0, res.Code, "docker rm fails because one of them is running")
	assert.Contains(t, res.Stderr, "cannot remove a running container")
	for _, n := range stopped {
		assert.False(t, exists(l, n), "%s, stopped, is removed all the same", n)
	}
	assert.True(t, inspectContainer(t, l, up).State.Running, "the running container survives")

	// With --force (after the IDs, as in the notes, or before) the running
	// one goes too.
	l.MustDocker(append(append([]string{"rm", "-v"}, lines(l.MustDocker("ps", "-a", "-q", "--filter", runFilter(l)))...), "--force")...)
	assert.False(t, exists(l, up), "docker rm --force removes running containers")
}
