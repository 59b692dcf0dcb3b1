package containers_test

import (
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExecRunsASecondProcessAndPropagatesItsExitCode(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("app")
	sleeper(t, l, name)

	// The exec'd process runs beside PID 1, in the same container.
	res := l.Docker("exec", name, "ps", "-o", "pid,args")
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Regexp(t, `(?m)^\s*1\s+sleep 300$`, res.Stdout, "PID 1 is the container's own command")
	assert.Contains(t, res.Stdout, "ps -o pid,args", "the exec'd command runs in the same PID namespace")

	// Its exit code is docker exec's exit code.
	res = l.Docker("exec", name, "sh", "-c", "echo out; exit 7")
	assert.Equal(t, 7, res.Code, "docker exec exits with the command's code")
	assert.Equal(t, "out\n", res.Stdout)
	assert.True(t, inspectContainer(t, l, name).State.Running, "the container keeps running after the exec ends")
}

func TestExecIsRefusedOnAStoppedContainer(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("stopped")
	runShell(t, l, name, nil, "true")
	require.Equal(t, "0", waitExit(t, l, name))

	res := l.Docker("exec", name, "echo", "hello")
	assert.NotEqual(t, 0, res.Code, "docker exec needs a running container")
	assert.Contains(t, res.Stderr, "is not running")
	assert.NotContains(t, res.Stdout, "hello", "nothing ran")
}

func TestExecInteractiveKeepsStdinOpen(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("app")
	sleeper(t, l, name)

	// -i connects the client's stdin to the process; without it the
	// process reads an empty stdin.
	with := l.DockerIn(nil, strings.NewReader("typed line\n"), "exec", "-i", name, "sh", "-c", "cat > /tmp/in; wc -c < /tmp/in")
	require.Equal(t, 0, with.Code, with.Stderr)
	assert.Equal(t, "11", strings.TrimSpace(with.Stdout), "with -i the process reads what the client sends")
	without := l.DockerIn(nil, strings.NewReader("typed line\n"), "exec", name, "sh", "-c", "cat > /tmp/in; wc -c < /tmp/in")
	require.Equal(t, 0, without.Code, without.Stderr)
	assert.Equal(t, "0", strings.TrimSpace(without.Stdout), "without -i stdin stays closed")
}

func TestExecTTYGivesTheProcessATerminal(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("app")
	sleeper(t, l, name)

	// -t allocates a pseudo-terminal inside the container for the process.
	res := l.Docker("exec", "-t", name, "tty")
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Regexp(t, `^/dev/pts/\d+\r?\n$`, res.Stdout, "with -t the process has a terminal")
	res = l.Docker("exec", name, "tty")
	assert.Equal(t, 1, res.Code, "without -t, tty reports no terminal")
	assert.Equal(t, "not a tty\n", res.Stdout)
}
