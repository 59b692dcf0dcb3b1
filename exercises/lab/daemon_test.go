package lab_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDaemonRoleIsAnEngineOfItsOwnReachedOverTLS(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	e := l.Engine()

	// It is another engine: empty, with storage of its own.
	assert.Equal(t, "vfs", e.MustDocker("info", "--format", "{{.Driver}}"))
	assert.NotEqual(t, l.MustDocker("info", "--format", "{{.ID}}"), e.MustDocker("info", "--format", "{{.ID}}"))

	// Lab images go in with docker save | docker load and run there.
	shell := e.Load(lab.Shell)
	assert.Equal(t, "hello\n", e.MustDocker("run", "--rm", shell, "echo", "hello")+"\n")

	// Its TLS port is published on the loopback only, and a client without
	// the lab's certificates is refused.
	assert.Regexp(t, `^tcp://127\.0\.0\.1:\d+$`, e.Host())
	res := l.DockerIn([]string{"DOCKER_HOST=" + e.Host(), "DOCKER_TLS_VERIFY=", "DOCKER_CERT_PATH=", "DOCKER_CONTEXT="}, nil, "version")
	assert.NotEqual(t, 0, res.Code, "a client without certificates: %s", res.Stdout)
	_, err := os.Stat(filepath.Join(e.CertDir, "server-key.pem"))
	assert.True(t, os.IsNotExist(err), "the server's key is only in the engine's container")
}

func TestSharedEngineIsOneEnginePerPackage(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	a, b := l.SharedEngine(), l.SharedEngine()
	require.Equal(t, a.Name, b.Name)
	assert.Equal(t, a.MustDocker("info", "--format", "{{.ID}}"), b.MustDocker("info", "--format", "{{.ID}}"))
}
