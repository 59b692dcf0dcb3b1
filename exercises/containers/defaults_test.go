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
	assert.Equal(t, 137, inspectContainer(t, l, name).State.ExitCode, "then SIGKILL")
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
