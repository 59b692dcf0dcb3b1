package containers_test

import (
	"bufio"
	"context"
	"fmt"
	"os/exec"
	"strings"
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
		return l.MustDocker(append(cmd, "--no-trunc", "--filter", "label="+lab.LabelRun+"="+l.RunID(), "--format", "{{.ID}} {{.Names}} {{.Image}} {{.State}}")...)
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

	// Events stream as they happen, so the watch starts before the
	// container exists. (Asking afterwards with --since is not enough on a
	// busy engine, which keeps only its last 256 events.) It follows
	// everything of this test, by label; a probe container's events show
	// that it is listening before the watched container is made.
	ctx, cancel := context.WithCancel(l.Ctx)
	watch := exec.CommandContext(ctx, "docker", "events", "--filter", "label="+lab.LabelRun+"="+l.RunID(), "--filter", "type=container",
		"--format", "{{.Actor.Attributes.name}} {{.Action}}{{with .Actor.Attributes.signal}} {{.}}{{end}}")
	stream, err := watch.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, watch.Start())
	defer func() {
		cancel()
		watch.Wait()
	}()
	events := make(chan string, 64)
	go func() {
		defer close(events)
		sc := bufio.NewScanner(stream)
		for sc.Scan() {
			events <- sc.Text()
		}
	}()
	// next returns the actions of ctr up to and including last, and
	// whether last came within the time given.
	next := func(ctr, last string, within time.Duration) ([]string, bool) {
		var got []string
		timeout := time.After(within)
		for {
			select {
			case e, ok := <-events:
				require.True(t, ok, "docker events ended early: %v", got)
				action, found := strings.CutPrefix(e, ctr+" ")
				if !found {
					continue
				}
				got = append(got, action)
				if action == last {
					return got, true
				}
			case <-timeout:
				return got, false
			}
		}
	}
	listening := false
	for i := 0; i < 10 && !listening; i++ {
		probe := l.Name(fmt.Sprintf("probe%d", i))
		l.MustDocker(runArgs(l, []string{"-d", "--name", probe}, "true")...)
		_, listening = next(probe, "start", 2*time.Second)
	}
	require.True(t, listening, "docker events reports the probe containers")

	runShell(t, l, name, nil, "sleep", "300")
	l.MustDocker("stop", "-t", "1", name)
	l.MustDocker("start", name)
	l.MustDocker("rm", "-f", name)

	got, ok := next(name, "destroy", deadline)
	require.True(t, ok, "no destroy event within %s: %v", deadline, got)
	assert.Equal(t, []string{
		"create", "start", // docker run
		"kill 15", "kill 9", "die", "stop", // docker stop: SIGTERM, SIGKILL after -t 1 (sleep ignores TERM)
		"start",                    // docker start
		"kill 9", "die", "destroy", // docker rm -f
	}, got)
}
