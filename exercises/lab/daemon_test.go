package lab_test

import (
	"os"
	"os/exec"
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
	assert.Equal(t, "overlay2", e.MustDocker("info", "--format", "{{.Driver}}"), "dockerd's own choice on its volume's ext4")
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

// TestRigProofsPassOnALabEngineOverTLS runs the role contracts (package
// provision's tests) against a lab engine reached over TCP with TLS, as against any
// remote engine: DOCKER_HOST and its TLS settings point at it, the lab
// images come from this engine (DOCKDRILL_LAB_SOURCE), and published ports
// are reached at the engine's address.
func TestRigProofsPassOnALabEngineOverTLS(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	e := l.Engine()
	host := "tcp://" + e.IP + ":2376"
	cmd := exec.CommandContext(l.Ctx, "go", "test", "-count=1", "-v", "-run", "^Test(Shell|Base|Redis|Web|Registry)Role", "./provision")
	cmd.Env = append(os.Environ(),
		"DOCKER_HOST="+host, "DOCKER_TLS_VERIFY=1", "DOCKER_CERT_PATH="+e.CertDir, "DOCKER_CONTEXT=",
		lab.EnvSource+"="+lab.EngineHost(),
		"TESTCONTAINERS_HOST_OVERRIDE="+e.IP,
		lab.EnvRequireDocker+"=1")
	out, err := cmd.CombinedOutput()
	t.Logf("%s", out)
	require.NoError(t, err, "the role contracts on %s", host)
	for _, role := range []string{"Shell", "Base", "Redis", "Web", "Registry"} {
		assert.Regexp(t, "--- PASS: Test"+role+"Role", string(out))
	}
	assert.NotContains(t, string(out), "--- SKIP")
}
