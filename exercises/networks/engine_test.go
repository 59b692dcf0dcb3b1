package networks_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/netip"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Proofs on an engine of the lab's own (lab.Engine): one that publishes on
// every interface, one in swarm mode. The learner's engine opens no port
// beyond 127.0.0.1 and never joins a swarm.

func TestPublishAllPublishesEveryExposedPortOnEveryInterface(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	e := l.SharedEngine()
	image := l.Name("exposed")
	res := l.DockerIn(e.Env(), strings.NewReader("FROM "+e.Load(lab.Shell)+"\nEXPOSE 80 443\n"), "build", "-q", "-t", image, "-")
	require.Equal(t, 0, res.Code, res.Stderr)
	ctr := l.Name("publish-all")
	e.MustDocker("run", "-d", "--name", ctr, "-P", image, "httpd", "-f", "-p", "80", "-h", "/etc")

	var ports map[string][]struct{ HostIp, HostPort string }
	require.NoError(t, json.Unmarshal([]byte(e.MustDocker("inspect", "--format", "{{json .NetworkSettings.Ports}}", ctr)), &ports))
	require.ElementsMatch(t, []string{"80/tcp", "443/tcp"}, slices.Collect(maps.Keys(ports)), "every EXPOSEd port is published")
	var http80 string
	for port, bindings := range ports {
		require.NotEmpty(t, bindings, port)
		for _, b := range bindings {
			ip, err := netip.ParseAddr(b.HostIp)
			require.NoError(t, err, b.HostIp)
			assert.True(t, ip.IsUnspecified(), "%s is bound on every interface (0.0.0.0 or ::), not %s", port, b.HostIp)
			n, err := strconv.Atoi(b.HostPort)
			require.NoError(t, err)
			assert.Greater(t, n, 1024, "%s gets a random high host port, not its own number", port)
			if port == "80/tcp" {
				http80 = b.HostPort
			}
		}
	}
	// So the port answers on the engine machine's network address, not
	// only on its loopback. (That machine is the engine's container.)
	body := lab.HTTPGet(t, fmt.Sprintf("http://%s:%s/hostname", e.IP, http80), 30*time.Second)
	assert.NotEmpty(t, body)
}

func TestSwarmServicesScaleAndResolveEachOtherOnAnAttachableOverlay(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	e := l.Engine()
	shell := e.Load(lab.Shell)
	e.MustDocker("swarm", "init", "--advertise-addr", "127.0.0.1")
	assert.Equal(t, "active", e.MustDocker("info", "--format", "{{.Swarm.LocalNodeState}}"))

	e.MustDocker("network", "create", "--driver", "overlay", "--attachable", "mesh")
	assert.Equal(t, "overlay swarm true", e.MustDocker("network", "inspect", "--format", "{{.Driver}} {{.Scope}} {{.Attachable}}", "mesh"))

	// Two services on the overlay. (dnsrr: the service name resolves to
	// its tasks' addresses; the default virtual IP needs the kernel's IPVS,
	// which an engine in a container may not have. --no-resolve-image: the
	// image is the engine's own, there is no registry to ask for its
	// digest.)
	service := func(name string, replicas int) {
		e.MustDocker("service", "create", "--detach", "--no-resolve-image", "--name", name, "--network", "mesh", "--endpoint-mode", "dnsrr",
			"--replicas", strconv.Itoa(replicas), shell, "sleep", "600")
	}
	service("api", 2)
	service("worker", 1)
	converged := func(want map[string]string) {
		t.Helper()
		require.EventuallyWithT(t, func(c *assert.CollectT) {
			got := map[string]string{}
			ls := e.Docker("service", "ls", "--format", "{{.Name}} {{.Replicas}}")
			require.Equal(c, 0, ls.Code, ls.Stderr)
			for _, line := range strings.Split(strings.TrimSpace(ls.Stdout), "\n") {
				if name, replicas, ok := strings.Cut(line, " "); ok {
					got[name] = replicas
				}
			}
			assert.Equal(c, want, got)
		}, 90*time.Second, 250*time.Millisecond, "docker service ls shows every replica running")
	}
	converged(map[string]string{"api": "2/2", "worker": "1/1"})
	tasks := e.MustDocker("service", "ps", "api", "--filter", "desired-state=running", "--format", "{{.Name}} {{.CurrentState}}")
	assert.Regexp(t, `(?m)^api\.1 Running`, tasks)
	assert.Regexp(t, `(?m)^api\.2 Running`, tasks)

	// A worker task finds the api tasks by the service's name and reaches
	// them.
	worker := e.MustDocker("ps", "-q", "--filter", "label=com.docker.swarm.service.name=worker")
	require.Len(t, strings.Fields(worker), 1)
	addrs := func(from string) []string {
		res := e.Docker("exec", from, "nslookup", "api")
		return ipv4.FindAllString(afterServer(res.Stdout), -1)
	}
	require.EventuallyWithT(t, func(c *assert.CollectT) { assert.Len(c, addrs(worker), 2) }, 30*time.Second, 250*time.Millisecond)
	res := e.Docker("exec", worker, "ping", "-c", "1", "-W", "5", "api")
	assert.Equal(t, 0, res.Code, "a worker reaches an api task over the overlay: %s%s", res.Stdout, res.Stderr)

	// Attachable: a plain container joins the overlay and resolves them too.
	res = e.Docker("run", "--rm", "--network", "mesh", shell, "nslookup", "worker")
	require.Equal(t, 0, res.Code, res.Stdout+res.Stderr)
	assert.Len(t, ipv4.FindAllString(afterServer(res.Stdout), -1), 1)

	// Scaling adds tasks, and the name resolves to each of them.
	e.MustDocker("service", "scale", "--detach", "api=3")
	converged(map[string]string{"api": "3/3", "worker": "1/1"})
	require.EventuallyWithT(t, func(c *assert.CollectT) { assert.Len(c, addrs(worker), 3) }, 30*time.Second, 250*time.Millisecond)
}

var ipv4 = regexp.MustCompile(`\b\d+\.\d+\.\d+\.\d+\b`)

// afterServer drops the lines of nslookup output that name the DNS server
// itself, leaving the answers.
func afterServer(out string) string {
	if _, rest, ok := strings.Cut(out, "\n\n"); ok {
		return rest
	}
	return ""
}
