package containers_test

import (
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestInitRunsDockerInitAsPID1(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	pid1 := func(flags ...string) string {
		out := l.MustDocker(runArgs(l, append([]string{"--rm"}, flags...), "cat", "/proc/1/cmdline")...)
		return strings.ReplaceAll(out, "\x00", " ")
	}
	assert.True(t, strings.HasPrefix(pid1(), "cat "), "without --init the command is PID 1")
	withInit := pid1("--init")
	assert.Contains(t, withInit, "docker-init", "with --init docker-init is PID 1")
	assert.Contains(t, withInit, "-- cat /proc/1/cmdline", "and runs the command as its child")

	// sleep has no SIGTERM handler. As PID 1 it ignores docker stop's
	// SIGTERM and is killed (137); under docker-init it gets the forwarded
	// SIGTERM as an ordinary process and dies of it (143).
	bare, tini := l.Name("bare"), l.Name("tini")
	sleeper(t, l, bare)
	sleeper(t, l, tini, "--init")
	dockerAll(t, l, []string{"stop", "-t", "1", bare}, []string{"stop", "-t", "20", tini})
	assert.Equal(t, 137, inspect(t, l, bare).State.ExitCode, "PID 1 sleep ignored SIGTERM and was killed")
	assert.Equal(t, 143, inspect(t, l, tini).State.ExitCode, "docker-init forwarded SIGTERM to sleep")
}

func TestStartAttachInteractiveFeedsTheMainProcess(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	create := func(name string, flags []string, cmd ...string) {
		args := append(append(append([]string{"create", "--name", name}, l.LabelArgs()...), flags...), l.Image(lab.Shell))
		l.MustDocker(append(args, cmd...)...)
	}

	// Plain docker start prints only the name; -a shows the output.
	echo := l.Name("echo")
	create(echo, nil, "echo", "from the main process")
	assert.Equal(t, echo, l.MustDocker("start", echo), "docker start starts detached")
	require.Equal(t, "0", waitExit(t, l, echo))
	assert.Equal(t, "from the main process", l.MustDocker("start", "-a", echo), "-a attaches the output")

	// -i connects the client's stdin to a container created with -i.
	reader := l.Name("reader")
	create(reader, []string{"-i"}, "sh", "-c", "read line; echo got:$line")
	res := l.DockerIn(nil, strings.NewReader("hello\n"), "start", "-ai", reader)
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Equal(t, "got:hello", strings.TrimSpace(res.Stdout), "start -ai feeds stdin to the main process")
}

func TestExecDetachEnvAndWorkdirApplyToThatProcessOnly(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("web")
	sleeper(t, l, name)
	l.MustDocker("exec", name, "mkdir", "/srv")

	// -d returns at once, printing nothing; the process runs on.
	res := l.Docker("exec", "-d", "-e", "MODE=debug", "-w", "/srv", name, "sh", "-c", `echo "$MODE $(pwd)" > /tmp/job.out`)
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Empty(t, res.Stdout, "exec -d prints nothing")
	require.EventuallyWithT(t, func(c *assert.CollectT) {
		res := l.Docker("exec", name, "cat", "/tmp/job.out")
		assert.Equal(c, "debug /srv\n", res.Stdout)
	}, deadline, tick, "the detached process ran in /srv with MODE=debug")

	// Neither the main process nor a later exec got them.
	environ := l.MustDocker("exec", name, "cat", "/proc/1/environ")
	assert.NotContains(t, environ, "MODE=debug", "the main process keeps its environment")
	assert.Equal(t, "/", l.MustDocker("exec", name, "pwd"), "a later exec starts in the image's WORKDIR")
	assert.Equal(t, "", l.MustDocker("exec", name, "sh", "-c", "echo $MODE"))
	assert.Equal(t, "/srv", l.MustDocker("exec", "-w", "/srv", name, "pwd"), "-w sets the directory of that exec")
}
