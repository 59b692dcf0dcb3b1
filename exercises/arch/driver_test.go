package arch_test

import (
	"strings"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDockerdWithoutStorageDriverChoosesOverlay2OnExt4(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	// This engine is told --storage-driver=vfs; a second dockerd in its
	// machine is told nothing, and keeps its data on the same filesystem
	// (the engine container's volume at /var/lib/docker).
	e := l.Engine(lab.WithStorageDriver("vfs"))
	assert.Equal(t, "vfs", e.MustDocker("info", "--format", "{{.Driver}}"), "a --storage-driver flag wins")
	res := e.Sh("df -T /var/lib/docker | awk 'NR==2 {print $2}'")
	require.Equal(t, 0, res.Code, res.Stderr)
	fs := strings.TrimSpace(res.Stdout)
	require.Contains(t, []string{"ext4", "xfs"}, fs, "the data root's filesystem")

	l.MustDocker("exec", "-d", e.Name, "dockerd", "--data-root", "/var/lib/docker/second",
		"-H", "unix:///tmp/second.sock", "--pidfile", "/tmp/second.pid", "--exec-root", "/tmp/second-exec",
		"--bridge", "none", "--iptables=false")
	var driver string
	require.EventuallyWithT(t, func(ct *assert.CollectT) {
		res := e.Sh("docker -H unix:///tmp/second.sock info --format '{{.Driver}}'")
		assert.Equal(ct, 0, res.Code, res.Stderr)
		driver = strings.TrimSpace(res.Stdout)
	}, 60*time.Second, 200*time.Millisecond, "the second dockerd answers")
	assert.Equal(t, "overlay2", driver, "with no --storage-driver, on %s, dockerd picks overlay2", fs)
	res = e.Sh("ls /var/lib/docker/second")
	assert.Contains(t, strings.Fields(res.Stdout), "overlay2", "and keeps its layers under <data-root>/overlay2")
	e.Sh("kill $(cat /tmp/second.pid)")
}
