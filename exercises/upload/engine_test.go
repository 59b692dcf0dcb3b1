package upload_test

import (
	"fmt"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestInsecureRegistriesLetsTheEnginePushOverHTTPToAnotherAddress(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	e := l.Engine()
	e.StartRegistry() // plain HTTP, at localhost:5000 and e.IP:5000 for the engine
	shell := e.Load(lab.Shell)
	assert.Contains(t, e.MustDocker("info", "--format", "{{json .RegistryConfig.InsecureRegistryCIDRs}}"), "127.0.0.0/8",
		"loopback registries are trusted without TLS by default")

	// localhost: plain HTTP is fine.
	local := "localhost:5000/lab/app:1"
	e.MustDocker("tag", shell, local)
	e.MustDocker("push", local)

	// The same registry at an address of the lab's network: the engine
	// wants HTTPS and refuses.
	remote := fmt.Sprintf("%s:5000/lab/app:1", e.IP)
	e.MustDocker("tag", shell, remote)
	res := e.Docker("push", remote)
	require.NotEqual(t, 0, res.Code, "push over HTTP to %s: %s", remote, res.Stdout)
	assert.Contains(t, res.Stderr, "server gave HTTP response to HTTPS client")

	// Listed in insecure-registries in daemon.json (read when dockerd
	// starts), the same push works.
	res = e.Sh(fmt.Sprintf(`printf '{"insecure-registries": ["%s:5000"]}\n' > /etc/docker/daemon.json`, e.IP))
	require.Equal(t, 0, res.Code, res.Stderr)
	e.RestartDockerd()
	assert.Contains(t, e.MustDocker("info", "--format", "{{json .RegistryConfig.IndexConfigs}}"), e.IP+":5000")
	e.MustDocker("push", remote)
	assert.Contains(t, catalog(t, e.IP+":5000"), "lab/app")
}
