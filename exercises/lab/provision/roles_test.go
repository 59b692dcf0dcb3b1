package provision_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/dockdrill/dockdrill/exercises/lab/provision"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/wait"
)

func TestMain(m *testing.M) { lab.Main(m) }

// The role contracts: whichever image fulfils a role, upstream or built
// offline, it offers what the proofs rely on.

func TestShellRoleHasTheToolsProofsUse(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	ctr := l.Container(l.Image(lab.Shell), testcontainers.WithCmd("sleep", "300"))
	for _, tool := range []string{"sh", "wget", "nc", "ip", "ps", "sleep", "hostname", "cat"} {
		code, out := l.Exec(ctr, "sh", "-c", "command -v "+tool)
		assert.Equal(t, 0, code, "%s is in the shell role: %s", tool, out)
	}
	code, out := l.Exec(ctr, "ps")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "sleep 300")
}

func TestRedisRoleServesOn6379WithDataInData(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	ctr := l.Container(l.Image(lab.Redis), testcontainers.WithWaitStrategy(wait.ForListeningPort("6379/tcp").WithStartupTimeout(30*time.Second)))
	code, out := l.Exec(ctr, "redis-cli", "SET", "k", "v")
	require.Equal(t, 0, code, out)
	code, out = l.Exec(ctr, "redis-cli", "CONFIG", "GET", "dir")
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "/data")
	code, out = l.Exec(ctr, "redis-cli", "CONFIG", "GET", "protected-mode")
	require.Equal(t, 0, code, out)
	assert.Contains(t, out, "no", "other containers can connect without a password")
}

func TestWebRoleServesItsHtmlDirectoryOnPort80(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	ctr := l.Container(l.Image(lab.Web),
		testcontainers.WithExposedPorts("80/tcp"),
		testcontainers.WithFiles(testcontainers.ContainerFile{
			Reader: strings.NewReader("hello from the lab\n"), ContainerFilePath: "/usr/share/nginx/html/lab.txt", FileMode: 0o644,
		}),
		testcontainers.WithWaitStrategy(wait.ForHTTP("/").WithPort("80/tcp").WithStartupTimeout(30*time.Second)))
	endpoint, err := ctr.PortEndpoint(l.Ctx, "80/tcp", "http")
	require.NoError(t, err)
	// On loopback only; on an engine at another machine's address, there.
	assert.True(t, strings.HasPrefix(endpoint, "http://"+lab.PublishHost()+":"), "published on %s only: %s", lab.PublishHost(), endpoint)
	resp, err := http.Get(endpoint + "/lab.txt")
	require.NoError(t, err)
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.Equal(t, "hello from the lab\n", string(body))
}

func TestRegistryRoleAnswersTheV2APIOnPort5000(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	ctr := l.Container(l.Image(lab.Registry),
		testcontainers.WithExposedPorts("5000/tcp"),
		testcontainers.WithWaitStrategy(wait.ForHTTP("/v2/").WithPort("5000/tcp").WithStartupTimeout(30*time.Second)))
	endpoint, err := ctr.PortEndpoint(l.Ctx, "5000/tcp", "http")
	require.NoError(t, err)
	resp, err := http.Get(endpoint + "/v2/_catalog")
	require.NoError(t, err)
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	assert.JSONEq(t, `{"repositories":[]}`, string(body))
	code, out := l.Exec(ctr, "sh", "-c", "test -d /var/lib/registry && echo ok")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "ok")
}

func TestBaseRoleIsDebianBookworm(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	out := l.MustDocker(append(append([]string{"run", "--rm"}, l.LabelArgs()...), l.Image(lab.Base), "cat", "/etc/os-release")...)
	assert.Contains(t, out, "VERSION_CODENAME=bookworm")
}

func TestPreparedLabIsReusedWithoutBuilding(t *testing.T) {
	t.Parallel()
	cli := lab.RequireDocker(t)
	var log bytes.Buffer
	p := &provision.Provisioner{Client: cli, Progress: &log}
	first, err := p.Ensure(t.Context(), provision.Roles...)
	require.NoError(t, err)
	log.Reset()
	again, err := p.Ensure(t.Context(), provision.Roles...)
	require.NoError(t, err)
	for i := range first {
		assert.Equal(t, first[i].ID, again[i].ID, "role %s keeps its image", first[i].Role)
	}
	assert.Empty(t, log.String(), "an unchanged lab neither pulls nor builds")
	st, err := p.Status(t.Context())
	require.NoError(t, err)
	for _, s := range st {
		assert.False(t, s.Missing, "role %s", s.Role)
	}
}
