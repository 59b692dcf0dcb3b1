package containers_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/moby/moby/api/types/container"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var fullID = regexp.MustCompile(`^[0-9a-f]{64}$`)

func TestRunDetachedPrintsTheIDAndKeepsRunningUnderItsName(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("web")

	// docker run -d returns at once with the full container ID on stdout,
	// while the container's process keeps running in the background.
	id := sleeper(t, l, name)
	require.Regexp(t, fullID, id, "docker run -d prints the full container ID")
	got := inspectContainer(t, l, name)
	assert.Equal(t, id, got.ID, "the --name resolves to that container")
	assert.Equal(t, "/"+name, got.Name)
	assert.True(t, got.State.Running, "the container runs after docker run -d returned")

	// docker ps shows it by name, with the short ID.
	ps := l.MustDocker("ps", "--filter", "name=^"+name+"$", "--format", "{{.ID}} {{.Names}} {{.Status}}")
	require.Len(t, lines(ps), 1, ps)
	assert.Equal(t, id[:12]+" "+name, strings.Join(strings.Fields(ps)[:2], " "))
	assert.Contains(t, ps, "Up ", "docker ps shows it running")
}

func TestPsHidesStoppedContainersAndPsAllListsThem(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	up, done := l.Name("up"), l.Name("done")
	sleeper(t, l, up)
	runShell(t, l, done, nil, "true")
	require.Equal(t, "0", waitExit(t, l, done))

	names := func(flags ...string) []string {
		args := append([]string{"ps", "--filter", runFilter(l), "--format", "{{.Names}}"}, flags...)
		return lines(l.MustDocker(args...))
	}
	assert.ElementsMatch(t, []string{up}, names(), "docker ps lists running containers only")
	assert.ElementsMatch(t, []string{up, done}, names("-a"), "docker ps -a lists stopped ones too")
	assert.ElementsMatch(t, []string{up, done}, names("--all"))
	assert.Equal(t, names("-a"), lines(l.MustDocker("container", "ls", "-a", "--filter", runFilter(l), "--format", "{{.Names}}")),
		"docker container ls -a is the same command")
}

func TestCreateMakesAContainerThatStartRuns(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("later")

	args := append([]string{"create", "--name", name}, l.LabelArgs()...)
	id := l.MustDocker(append(args, l.Image(lab.Shell), "sleep", "300")...)
	require.Regexp(t, fullID, id, "docker create prints the new container's ID")
	st := inspectContainer(t, l, name).State
	assert.Equal(t, container.StateCreated, st.Status, "created, not started")
	assert.False(t, st.Running)
	assert.Zero(t, st.Pid, "no process yet")
	assert.Empty(t, l.MustDocker("ps", "-q", "--filter", "name=^"+name+"$"), "docker ps does not list it")
	assert.Equal(t, id[:12], l.MustDocker("ps", "-a", "-q", "--filter", "name=^"+name+"$"), "docker ps -a does")

	assert.Equal(t, name, l.MustDocker("start", name), "docker start prints the name it was given")
	st = inspectContainer(t, l, name).State
	assert.Equal(t, container.StateRunning, st.Status)
	assert.NotZero(t, st.Pid, "the command runs now")
}

func TestRunReturnsTheExitCodeOfTheMainProcess(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	fg, bg := l.Name("fg"), l.Name("bg")

	// In the foreground, docker run exits with the container's exit code.
	res := l.Docker(runArgs(l, []string{"--name", fg}, "sh", "-c", "exit 42")...)
	assert.Equal(t, 42, res.Code, "docker run exits with the main process's code: %s", res.Stderr)
	assert.Equal(t, 42, inspectContainer(t, l, fg).State.ExitCode, ".State.ExitCode keeps it")
	assert.Equal(t, "42", l.MustDocker("inspect", "--format", "{{.State.ExitCode}}", fg))

	// Detached, docker wait blocks until the container stops and prints it.
	runShell(t, l, bg, nil, "sh", "-c", "sleep 1; exit 3")
	assert.Equal(t, "3", waitExit(t, l, bg), "docker wait prints the exit code")
	st := inspectContainer(t, l, bg).State
	assert.Equal(t, container.StateExited, st.Status)
	assert.Equal(t, 3, st.ExitCode)
}

func TestRunRmRemovesTheContainerWhenItExits(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	gone, kept := l.Name("gone"), l.Name("kept")

	res := l.Docker(runArgs(l, []string{"--rm", "--name", gone}, "sh", "-c", "echo bye")...)
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Equal(t, "bye\n", res.Stdout)
	require.Eventually(t, func() bool { return !exists(l, gone) }, deadline, tick,
		"--rm removes the container once it exits")

	// Without --rm the exited container stays, until docker rm.
	l.MustDocker(runArgs(l, []string{"--name", kept}, "sh", "-c", "echo bye")...)
	assert.Equal(t, container.StateExited, inspectContainer(t, l, kept).State.Status, "without --rm it stays, exited")
}
