package networks_test

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPublishedLoopbackPortServesTheWebPage(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	lab.NeedsLocalEngine(t, "reaches a port the engine publishes on this machine's loopback")
	page := l.Dir(map[string]string{"index.html": "<h1>dockdrill " + t.Name() + "</h1>\n"})
	require.NoError(t, os.Chmod(page, 0o755))
	require.NoError(t, os.Chmod(filepath.Join(page, "index.html"), 0o644))
	port := lab.FreePort(t)
	name := l.Name("web")

	// The card's command: publish container port 80 on 127.0.0.1:<port>.
	l.MustDocker(l.RunArgs("-d", "--name", name, "-p", fmt.Sprintf("127.0.0.1:%d:80", port),
		"-v", page+":/usr/share/nginx/html:ro", l.Image(lab.Web))...)

	body := lab.HTTPGet(t, fmt.Sprintf("http://127.0.0.1:%d/", port), 30*time.Second)
	assert.Equal(t, "<h1>dockdrill "+t.Name()+"</h1>\n", body, "the page is the container's")

	// Exactly that port, on exactly that address, and nothing else.
	assert.Equal(t, fmt.Sprintf("127.0.0.1:%d", port), l.MustDocker("port", name, "80/tcp"))
	var ports map[string][]struct{ HostIp, HostPort string }
	require.NoError(t, json.Unmarshal([]byte(l.MustDocker("inspect", "--format", "{{json .NetworkSettings.Ports}}", name)), &ports))
	require.Len(t, ports, 1)
	require.Len(t, ports["80/tcp"], 1)
	assert.Equal(t, "127.0.0.1", ports["80/tcp"][0].HostIp)
	assert.Equal(t, strconv.Itoa(port), ports["80/tcp"][0].HostPort)
}

func TestRandomHostPortIsShownByDockerPort(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	lab.NeedsLocalEngine(t, "reaches a port the engine publishes on this machine's loopback")

	// No host port given: Docker picks a free one on 127.0.0.1.
	name := web(l, "web", "-p", "127.0.0.1::80")
	mapping := l.MustDocker("port", name, "80")
	host, portText, err := net.SplitHostPort(mapping)
	require.NoError(t, err, "docker port prints host:port, got %q", mapping)
	assert.Equal(t, "127.0.0.1", host)
	port, err := strconv.Atoi(portText)
	require.NoError(t, err)
	assert.NotEqual(t, 80, port, "the host port is not the container port")
	assert.Greater(t, port, 1023, "an unprivileged port from the ephemeral range")
	assert.Equal(t, "80/tcp -> "+mapping, l.MustDocker("port", name), "without a port, docker port lists every mapping")

	// And that port answers with the container's web server.
	lab.HTTPGet(t, "http://"+mapping+"/", 30*time.Second)
}
