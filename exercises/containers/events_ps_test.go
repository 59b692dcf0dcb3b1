package containers_test

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEventsReportsAContainersLifecycle(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("watched")
	// --since replays what happened after the watch was asked for, so no
	// event is lost while the stream is being set up.
	since := strconv.FormatInt(time.Now().Add(-time.Second).Unix(), 10)
	watch := startDocker(t, l, "events", "--since", since, "--filter", "container="+name, "--format", "{{.Type}} {{.Action}}")

	other := l.Name("unwatched")
	runShell(t, l, other, nil, "true")
	runShell(t, l, name, nil, "true")
	require.Equal(t, "0", waitExit(t, l, name))
	l.MustDocker("rm", name)

	want := []string{"container create", "container start", "container die", "container destroy"}
	require.EventuallyWithT(t, func(c *assert.CollectT) {
		got := watch.out.Lines()
		for _, w := range want {
			assert.Contains(c, got, w)
		}
	}, deadline, tick, "docker events streams the container's life")
	got := watch.out.Lines()
	assert.Less(t, slices.Index(got, "container create"), slices.Index(got, "container die"), "in order: %q", got)
	assert.True(t, watch.running(), "the stream goes on until it is stopped")
	waitExit(t, l, other)
}

func TestPsLatestLastAndSize(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	// Created in this order: a running one, then one that exits.
	running := l.Name("older-running")
	sleeper(t, l, running)
	exited := l.Name("newer-exited")
	runShell(t, l, exited, nil, "true")
	require.Equal(t, "0", waitExit(t, l, exited))

	mine := []string{"--filter", runFilter(l), "--format", "{{.Names}}"}
	ps := func(flags ...string) []string {
		return lines(l.MustDocker(append(append([]string{"ps"}, flags...), mine...)...))
	}
	assert.Equal(t, []string{running}, ps(), "plain docker ps shows running containers only")
	assert.Equal(t, []string{exited}, ps("-l"), "-l shows the latest container created, exited or not")
	assert.Equal(t, []string{exited, running}, ps("-n", "2"), "-n 2 shows the last two created, newest first")

	// -s adds the size of the writable layer and, in brackets, the
	// virtual size with the image.
	l.MustDocker("exec", running, "sh", "-c", "head -c 300000 /dev/zero > /tmp/fill")
	size := l.MustDocker("ps", "-s", "--filter", runFilter(l), "--format", "{{.Size}}")
	assert.Regexp(t, `^\d+(\.\d+)?kB \(virtual [\d.]+[kMG]B\)$`, size, "SIZE: writable layer (virtual size)")
}
