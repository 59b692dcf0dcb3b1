package containers_test

import (
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStopWaitsTenSecondsByDefault(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("stubborn")
	runShell(t, l, name, nil, trapping("TERM", "echo got TERM")...)
	eventuallyLogs(t, l, name, "ready")

	start := time.Now()
	l.MustDocker("stop", name) // no -t
	took := time.Since(start)
	assert.GreaterOrEqual(t, took, 10*time.Second, "the default grace period is 10 s")
	assert.Less(t, took, 25*time.Second, "and not much more")
	assert.Contains(t, logs(t, l, name), "got TERM")
	assert.Equal(t, 137, inspect(t, l, name).State.ExitCode, "then SIGKILL")
}

func TestLogDriverNoneKeepsNothingForDockerLogs(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	quiet, kept := l.Name("quiet"), l.Name("kept")
	dockerAll(t, l,
		runArgs(l, []string{"--name", quiet, "--log-driver", "none"}, "echo", "hello"),
		runArgs(l, []string{"--name", kept}, "echo", "hello"))
	assert.Equal(t, "none", l.MustDocker("inspect", "--format", "{{.HostConfig.LogConfig.Type}}", quiet))
	res := l.Docker("logs", quiet)
	require.NotEqual(t, 0, res.Code, "docker logs refuses: %s", res.Stdout)
	assert.Contains(t, res.Stderr, "does not support reading")
	assert.Empty(t, res.Stdout)
	assert.Equal(t, l.MustDocker("info", "--format", "{{.LoggingDriver}}"), l.MustDocker("inspect", "--format", "{{.HostConfig.LogConfig.Type}}", kept),
		"without --log-driver a container gets the engine's default")
	assert.Equal(t, "hello", l.MustDocker("logs", kept))
}

func TestDockerPsIsDockerContainerLs(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	runShell(t, l, l.Name("a"), nil, "sleep", "300")
	runShell(t, l, l.Name("b"), nil, "sleep", "300")
	list := func(cmd ...string) string {
		return l.MustDocker(append(cmd, "--no-trunc", "--filter", "label="+lab.LabelRun+"="+l.RunID(), "--format", "{{.ID}} {{.Names}} {{.Status}}")...)
	}
	ps := list("ps")
	require.Len(t, lines(ps), 2, ps)
	assert.Equal(t, ps, list("container", "ls"))
	assert.Equal(t, ps, list("container", "list"))
}

func TestDockerEventsFollowAContainersLifecycle(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("watched")
	since := time.Now().Add(-time.Second)
	id := runShell(t, l, name, nil, "sleep", "300")
	l.MustDocker("stop", "-t", "1", name)
	l.MustDocker("start", name)
	l.MustDocker("rm", "-f", name)
	until := time.Now().Add(time.Second)

	// The card's command, bounded in time so that it returns: the events
	// of that one container, in order.
	out := l.MustDocker("events", "--filter", "container="+id, "--filter", "type=container",
		"--since", since.Format(time.RFC3339Nano), "--until", until.Format(time.RFC3339Nano),
		"--format", "{{.Action}}{{with .Actor.Attributes.signal}} {{.}}{{end}}")
	assert.Equal(t, []string{
		"create", "start", // docker run
		"kill 15", "kill 9", "die", "stop", // docker stop: SIGTERM, SIGKILL after -t 1 (sleep ignores TERM)
		"start",                    // docker start
		"kill 9", "die", "destroy", // docker rm -f
	}, lines(out))
}
