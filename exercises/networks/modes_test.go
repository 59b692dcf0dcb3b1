package networks_test

import (
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNetworkNoneHasOnlyLoopback(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	ctr := shellLocalDNS(l, "isolated", "--network", "none")

	res := l.Sh(ctr, "ip -o link")
	require.Equal(t, 0, res.Code, res.Stderr)
	links := ipLinks(res.Stdout)
	assert.Equal(t, []string{"lo"}, keys(links), "only the loopback interface: %s", res.Stdout)
	res = l.Sh(ctr, "ip -o -4 addr")
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Contains(t, res.Stdout, "inet 127.0.0.1/8")
	assert.Equal(t, 1, strings.Count(res.Stdout, "inet "), "no address but 127.0.0.1: %s", res.Stdout)
	res = l.Sh(ctr, "ip route")
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Empty(t, strings.TrimSpace(res.Stdout), "no routes at all")
	assert.Equal(t, "none", l.MustDocker("inspect", "--format", "{{.HostConfig.NetworkMode}}", ctr))
}

func TestNetworkHostSharesTheHostInterfaces(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	if strings.Contains(l.MustDocker("info", "--format", "{{.OperatingSystem}}"), "Docker Desktop") {
		t.Skip("Docker Desktop runs containers in a VM: --network host shares the VM's interfaces, not this machine's")
	}
	before := hostLinks(t)
	// The container asks to publish a port too: with the host's network
	// there is nothing to map, and Docker says so. (It runs sleep, so
	// nothing listens on the host.)
	hosted := l.Name("hosted")
	res := l.Docker(append(append([]string{"run", "-d", "--name", hosted}, l.LabelArgs()...),
		"--network", "host", "-p", "127.0.0.1:8080:80", l.Image(lab.Shell), "sleep", "300")...)
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Contains(t, res.Stderr, "Published ports are discarded when using host network mode")
	assert.Equal(t, "{}", l.MustDocker("inspect", "--format", "{{json .NetworkSettings.Ports}}", hosted), "no port is published")
	bridged := shellLocalDNS(l, "bridged")
	res = l.Sh(hosted, "ip -o link")
	require.Equal(t, 0, res.Code, res.Stderr)
	inside := ipLinks(res.Stdout)
	after := hostLinks(t)

	// Every interface the host had before and after the listing (Docker
	// adds and removes veths all the time) is in the container, with the
	// same hardware address: it is the host's own network stack.
	stable := 0
	for name, mac := range before {
		if after[name] != mac {
			continue
		}
		stable++
		if assert.Contains(t, inside, name, "the host's %s is in the container", name) {
			assert.Equal(t, mac, inside[name], "%s has the host's hardware address", name)
		}
	}
	require.GreaterOrEqual(t, stable, 2, "the host has loopback and at least one other interface: %v", before)

	// A container on a bridge network sees its own veth instead.
	res = l.Sh(bridged, "ip -o link")
	require.Equal(t, 0, res.Code, res.Stderr)
	own := ipLinks(res.Stdout)
	assert.Len(t, own, 2, "loopback and eth0 only: %s", res.Stdout)
	// Only interfaces the host kept count: a container's own end of a veth
	// is briefly in the host's namespace, with the container's address,
	// while Docker creates it (seen once: the bridged container's eth0 in
	// the host's list under its temporary veth name).
	for name, mac := range before {
		if mac != "" && mac != "00:00:00:00:00:00" && after[name] == mac {
			assert.NotEqual(t, mac, own["eth0"], "the bridged eth0 is not the host's %s", name)
		}
	}
}

func TestNetworkContainerModeSharesAnotherContainersStack(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	server := web(l, "server")
	side := shellLocalDNS(l, "sidecar", "--network", "container:"+server)
	ip := ipOn(l, server, "bridge")

	// The sidecar has no interface of its own: it has the server's, with
	// the server's address ...
	res := l.Sh(side, "ip -o -4 addr")
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Contains(t, res.Stdout, "inet "+ip+"/", "the server's address")
	// ... and the server's loopback, where nginx listens on port 80.
	require.EventuallyWithT(t, func(c *assert.CollectT) {
		res := l.Sh(side, fetch("127.0.0.1"))
		require.Equal(c, 0, res.Code, res.Stderr)
		require.Contains(c, res.Stdout, "<html")
	}, 45*time.Second, 200*time.Millisecond, "the server answers on the sidecar's 127.0.0.1")
}

// hostLinks returns the interfaces of the machine the test runs on, name
// to hardware address, as ipLinks shows them.
func hostLinks(t *testing.T) map[string]string {
	t.Helper()
	ifs, err := net.Interfaces()
	require.NoError(t, err)
	links := map[string]string{}
	for _, i := range ifs {
		mac := i.HardwareAddr.String()
		if i.Flags&net.FlagLoopback != 0 && mac == "" {
			mac = "00:00:00:00:00:00"
		}
		links[i.Name] = mac
	}
	return links
}

// keys returns the names of links, sorted.
func keys(links map[string]string) []string {
	var names []string
	for n := range links {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}
