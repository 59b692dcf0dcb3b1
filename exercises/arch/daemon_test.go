package arch_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// daemonSocket returns the path of the daemon's unix socket: from
// DOCKER_HOST, else from the CLI's current context (whose default is
// unix:///var/run/docker.sock).
func daemonSocket(t *testing.T, l *lab.Lab) string {
	t.Helper()
	host := os.Getenv("DOCKER_HOST")
	if host == "" {
		host = l.MustDocker("context", "inspect", "--format", "{{.Endpoints.docker.Host}}")
	}
	path, ok := strings.CutPrefix(host, "unix://")
	if !ok {
		t.Skipf("the daemon is reached at %s, not on a unix socket; this proof talks to the socket", host)
	}
	return path
}

func TestDockerCLIIsAClientOfTheDaemonsRESTAPI(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	socket := daemonSocket(t, l)

	// The CLI, pointed at the socket with -H, reports the server it talked to.
	cli := strings.Split(l.MustDocker("-H", "unix://"+socket, "version", "--format",
		"{{.Server.Version}}|{{.Server.APIVersion}}|{{.Server.Os}}|{{.Server.Arch}}"), "|")

	// Any HTTP client on the same socket gets the same answer from the API.
	httpc := &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, "unix", socket)
		},
	}, Timeout: 10 * time.Second}
	resp, err := httpc.Get("http://docker/version")
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	assert.NotEmpty(t, resp.Header.Get("Api-Version"), "the daemon names its API version in every answer")
	var v struct{ Version, ApiVersion, Os, Arch string }
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&v))
	assert.Equal(t, []string{v.Version, v.ApiVersion, v.Os, v.Arch}, cli)

	// Without a daemon behind -H, the client alone knows only itself.
	none := "unix://" + filepath.Join(t.TempDir(), "no-daemon.sock")
	res := l.Docker("-H", none, "version", "--format", "{{.Client.Version}}|{{.Server}}")
	assert.NotEqual(t, 0, res.Code, "docker version fails without a daemon")
	assert.Contains(t, res.Stdout+res.Stderr, l.MustDocker("version", "--format", "{{.Client.Version}}"),
		"the client still reports its own version")
	assert.Contains(t, res.Stderr, "Cannot connect to the Docker daemon")
}

func TestDockerRunCreatesConnectsThenStartsTheContainer(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	since := time.Now()
	name := l.Name("steps")
	l.MustDocker(l.RunArgs("--name", name, l.Image(lab.Shell), "true")...)
	id := l.MustDocker("inspect", "--format", "{{.Id}}", name)
	until := time.Now().Add(time.Second)

	// The daemon's events of that one docker run, in order.
	out := l.MustDocker("events", "--format", "{{json .}}",
		"--since", unixTime(since.Add(-time.Second)), "--until", unixTime(until),
		"--filter", "type=container", "--filter", "type=network")
	var steps []string
	for _, line := range strings.Split(out, "\n") {
		var ev struct {
			Type, Action string
			Actor        struct {
				ID         string
				Attributes map[string]string
			}
		}
		require.NoError(t, json.Unmarshal([]byte(line), &ev), line)
		if ev.Actor.ID == id || ev.Actor.Attributes["container"] == id {
			steps = append(steps, ev.Type+" "+ev.Action)
		}
	}
	assert.Equal(t, []string{"container create", "network connect", "container start", "container die", "network disconnect"},
		without(steps, "container attach"), "all events: %v", steps)

	// It was stopped, not removed: the container is still there.
	assert.Equal(t, "exited", l.MustDocker("inspect", "--format", "{{.State.Status}}", name))
}

func unixTime(t time.Time) string { return fmt.Sprintf("%d.%09d", t.Unix(), t.Nanosecond()) }

func without(list []string, drop string) []string {
	var kept []string
	for _, s := range list {
		if s != drop {
			kept = append(kept, s)
		}
	}
	return kept
}
