package arch_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// docker system prune runs on an engine of the test's own: it would remove
// other proofs' containers, networks and images on a shared one.

func TestSystemPruneKeepsVolumesUnlessGivenVolumes(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	e := l.Engine()
	shell := e.Load(lab.Shell)

	// What prune must leave: a running container on a network, with a
	// named volume, and an image no container uses.
	e.MustDocker("network", "create", "used")
	e.MustDocker("volume", "create", "inuse")
	e.MustDocker("run", "-d", "--name", "running", "--network", "used", "-v", "inuse:/data", shell, "sleep", "600")
	// What it may take: a stopped container (with an anonymous volume),
	// a network nothing uses, an unused named volume, and a dangling
	// image: the first commit to app:1 loses its tag to the second.
	e.MustDocker("network", "create", "unused")
	e.MustDocker("volume", "create", "spare")
	e.MustDocker("run", "--name", "stopped", "-v", "/scratch", shell, "sh", "-c", "echo one > /note")
	dangling := e.MustDocker("commit", "stopped", "app:1")
	kept := e.MustDocker("commit", "-c", "LABEL second=yes", "stopped", "app:1")
	require.NotEqual(t, dangling, kept)
	anon := e.MustDocker("inspect", "--format", `{{range .Mounts}}{{if eq .Destination "/scratch"}}{{.Name}}{{end}}{{end}}`, "stopped")
	require.NotEmpty(t, anon, "the stopped container's anonymous volume")

	names := func(args ...string) []string { return strings.Fields(e.MustDocker(args...)) }
	containers := func() []string { return names("ps", "-a", "--format", "{{.Names}}") }
	networks := func() []string { return names("network", "ls", "--format", "{{.Name}}") }
	volumes := func() []string { return names("volume", "ls", "--format", "{{.Name}}") }
	images := func() []string { return names("images", "-a", "--no-trunc", "--format", "{{.ID}}") }

	// It asks first; answering no removes nothing.
	res := l.DockerIn(e.Env(), strings.NewReader("n\n"), "system", "prune")
	assert.Contains(t, res.Stdout, "WARNING! This will remove:")
	assert.Contains(t, containers(), "stopped", "answering n removes nothing")

	out := e.MustDocker("system", "prune", "-f")
	assert.Contains(t, out, "Total reclaimed space")
	assert.Equal(t, []string{"running"}, containers(), "stopped containers go, running ones stay")
	assert.NotContains(t, networks(), "unused", "networks no container uses go")
	assert.Contains(t, networks(), "used")
	assert.Contains(t, networks(), "bridge", "the predefined networks stay")
	assert.NotContains(t, images(), dangling, "dangling images go")
	assert.Contains(t, images(), kept, "a tagged image no container uses stays (only -a takes it)")
	for _, v := range []string{"inuse", "spare", anon} {
		assert.Contains(t, volumes(), v, "without --volumes every volume stays")
	}

	// --volumes adds the volumes no container uses. Before 23.0 that is
	// named ones too; since 23.0 only anonymous ones.
	version := e.MustDocker("version", "--format", "{{.Server.Version}}")
	major, err := strconv.Atoi(strings.SplitN(version, ".", 2)[0])
	require.NoError(t, err, version)
	e.MustDocker("system", "prune", "-f", "--volumes")
	assert.NotContains(t, volumes(), anon, "--volumes removes the unused anonymous volume")
	assert.Contains(t, volumes(), "inuse", "a volume a container uses stays")
	if major < 23 {
		assert.NotContains(t, volumes(), "spare", "engine %s: --volumes removes unused named volumes too", version)
	} else {
		assert.Contains(t, volumes(), "spare", "engine %s: --volumes keeps named volumes", version)
	}
	t.Logf("engine %s", version)
}
