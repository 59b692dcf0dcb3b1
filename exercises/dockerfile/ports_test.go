package dockerfile_test

import (
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// portBinding is one entry of a container's NetworkSettings.Ports.
type portBinding struct{ HostIp, HostPort string }

// exposingImage builds an image that EXPOSEs 8080/tcp and 9090/udp and
// answers "hello" to each TCP connection on 8080.
func exposingImage(l *lab.Lab) string {
	l.T.Helper()
	return buildFiles(l, "expose", map[string]string{"Dockerfile": from(l, lab.Shell) +
		"EXPOSE 8080 9090/udp\n" +
		`CMD ["sh", "-c", "while :; do echo hello | nc -l -p 8080; done"]` + "\n"})
}

func TestExposeRecordsPortsWithoutPublishing(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	ref := exposingImage(l)

	var exposed map[string]struct{}
	inspectJSON(l, "image", ".Config.ExposedPorts", ref, &exposed)
	assert.Equal(t, map[string]struct{}{"8080/tcp": {}, "9090/udp": {}}, exposed, "EXPOSE is recorded in the image, tcp by default")

	ctr := l.DockerRunDetached("expose", ref)
	var bindings map[string][]portBinding
	inspectJSON(l, "container", ".HostConfig.PortBindings", ctr, &bindings)
	assert.Empty(t, bindings, "no port bindings were made")
	var ports map[string][]portBinding
	inspectJSON(l, "container", ".NetworkSettings.Ports", ctr, &ports)
	assert.Equal(t, map[string][]portBinding{"8080/tcp": nil, "9090/udp": nil}, ports, "the ports are known but have no host port")
	assert.Empty(t, l.MustDocker("port", ctr), "docker port lists nothing")
}

func TestPublishAllPublishesEveryExposedPort(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	ref := exposingImage(l)

	// docker run -P publishes every EXPOSEd port on a random host port of
	// the network's default host address, normally 0.0.0.0 (every
	// interface). These proofs never open a port beyond loopback, so the
	// container joins a bridge network of its own whose default host
	// address is 127.0.0.1: -P behaves exactly as usual, on loopback only.
	nw := l.Name("loopback")
	l.MustDocker(append(append([]string{"network", "create", "-o", "com.docker.network.bridge.host_binding_ipv4=127.0.0.1"},
		l.LabelArgs()...), nw)...)
	ctr := l.DockerRunDetached("publish-all", "-P", "--network", nw, ref)

	assert.Equal(t, "true", inspectFormat(l, "container", "{{.HostConfig.PublishAllPorts}}", ctr))
	var ports map[string][]portBinding
	inspectJSON(l, "container", ".NetworkSettings.Ports", ctr, &ports)
	require.Len(t, ports, 2, "both EXPOSEd ports are published: %v", ports)
	for _, p := range []string{"8080/tcp", "9090/udp"} {
		require.Len(t, ports[p], 1, "%s: %v", p, ports)
		assert.Equal(t, "127.0.0.1", ports[p][0].HostIp, p)
		assert.NotEmpty(t, ports[p][0].HostPort, "%s gets a random host port", p)
	}
	addr := l.MustDocker("port", ctr, "8080/tcp")
	assert.Equal(t, "127.0.0.1:"+ports["8080/tcp"][0].HostPort, addr)

	require.EventuallyWithT(t, func(c *assert.CollectT) {
		conn, err := net.Dial("tcp", addr)
		require.NoError(c, err)
		defer conn.Close()
		require.NoError(c, conn.SetDeadline(time.Now().Add(5*time.Second)))
		b, err := io.ReadAll(conn)
		require.NoError(c, err)
		require.Equal(c, "hello", strings.TrimSpace(string(b)))
	}, patience, 200*time.Millisecond, "the container answers on %s", addr)
}
