package containers_test

import (
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLogsNeedADriverThatReadsBack(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	script := []string{"sh", "-c", "echo one; echo two"}

	// The default driver of an engine without log-driver in daemon.json.
	assert.Equal(t, "json-file", l.MustDocker("info", "--format", "{{.LoggingDriver}}"), "the daemon's default logging driver")
	plain := l.Name("default")
	runShell(t, l, plain, nil, script...)
	require.Equal(t, "0", waitExit(t, l, plain))
	got := inspect(t, l, plain)
	assert.Equal(t, "json-file", got.HostConfig.LogConfig.Type, "a container without --log-driver uses json-file")
	assert.True(t, strings.HasSuffix(got.LogPath, "-json.log"), "json-file keeps one JSON file per container: %s", got.LogPath)
	assert.Equal(t, []string{"one", "two"}, lines(logs(t, l, plain)))

	// local is read back as well.
	local := l.Name("local")
	runShell(t, l, local, []string{"--log-driver", "local"}, script...)
	require.Equal(t, "0", waitExit(t, l, local))
	assert.Equal(t, "local", inspect(t, l, local).HostConfig.LogConfig.Type)
	assert.Equal(t, []string{"one", "two"}, lines(logs(t, l, local)), "docker logs reads the local driver back")

	// none keeps nothing, so docker logs has nothing to read.
	none := l.Name("none")
	runShell(t, l, none, []string{"--log-driver", "none"}, script...)
	require.Equal(t, "0", waitExit(t, l, none))
	res := l.Docker("logs", none)
	assert.NotEqual(t, 0, res.Code, "docker logs fails with the none driver")
	assert.Contains(t, res.Stderr, "does not support reading")

	// A foreground run shows the output anyway: attach streams it,
	// whatever the driver.
	out := l.MustDocker(runArgs(l, []string{"--rm", "--log-driver", "none"}, script...)...)
	assert.Equal(t, []string{"one", "two"}, lines(out))
}
