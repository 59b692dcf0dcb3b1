package networks_test

import (
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUserNetworksAreIsolated(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	netA := createNetwork(l, "a")
	netB := createNetwork(l, "b")
	target := web(l, "target", "--network", netB)
	neighbour := shellLocalDNS(l, "neighbour", "--network", netB)
	stranger := shellLocalDNS(l, "stranger", "--network", netA)
	ip := ipOn(l, target, netB)

	// The target is up and reachable from its own network ...
	requireServes(t, l, neighbour, ip)
	// ... but not from another user-defined network, not even by address,
	// and its name is unknown there.
	refuses(t, l, stranger, target, ip, "networks are isolated from each other")
	res := l.Sh(stranger, "nslookup "+target)
	assert.NotEqual(t, 0, res.Code, "a container on another network is not in this network's DNS: %s", res.Stdout)
}

func TestInternalNetworkReachesNothingOutsideIt(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	internal := createNetwork(l, "internal", "--internal")
	other := createNetwork(l, "other")
	assert.Equal(t, "true", l.MustDocker("network", "inspect", "--format", "{{.Internal}}", internal))

	// Publishing asks for a port on 127.0.0.1, but nothing on an internal
	// network is reachable from outside it: Docker publishes no port.
	peer := web(l, "peer", "--network", internal, "-p", "127.0.0.1::80")
	insider := shellLocalDNS(l, "insider", "--network", internal)
	target := web(l, "target", "--network", other)
	observer := shellLocalDNS(l, "observer", "--network", other)
	assert.Equal(t, "{}", l.MustDocker("inspect", "--format", "{{json .NetworkSettings.Ports}}", peer), "no port is published")
	res := l.Docker("port", peer, "80")
	assert.NotEqual(t, 0, res.Code, "docker port finds no published port: %s", res.Stdout)

	// Inside the internal network, containers still talk, by name too.
	requireServes(t, l, insider, peer)

	// A container on another network answers its neighbours, not the insider.
	ip := ipOn(l, target, other)
	requireServes(t, l, observer, ip)
	refuses(t, l, insider, target, ip, "an internal network lets nothing out")

	// The routing tables. An ordinary bridge network routes out via its
	// gateway. Since Docker 25 an internal network gives no default route
	// at all; older engines (like 20.10) still add one, and the engine's
	// firewall rules drop whatever would leave the subnet, as shown above.
	res = l.Sh(observer, "ip route")
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Contains(t, res.Stdout, "default via", "a normal network routes out")
	res = l.Sh(insider, "ip route")
	require.Equal(t, 0, res.Code, res.Stderr)
	if engineMajor(t) >= 25 {
		assert.NotContains(t, res.Stdout, "default", "an internal network has no default route")
	} else {
		assert.Contains(t, res.Stdout, "default via", "before Docker 25 the route exists; the firewall drops the traffic")
	}
}

func TestNetworkConnectAndDisconnectChangeARunningContainer(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	netA := createNetwork(l, "a")
	netB := createNetwork(l, "b")
	prefixB := strings.Join(strings.Split(l.MustDocker("network", "inspect", "--format", "{{(index .IPAM.Config 0).Subnet}}", netB), ".")[:3], ".") + "."
	target := web(l, "target", "--network", netB)
	client := shellLocalDNS(l, "client", "--network", netA)
	started := l.MustDocker("inspect", "--format", "{{.State.StartedAt}}", client)
	addrs := func() string {
		res := l.Sh(client, "ip -o -4 addr show")
		require.Equal(t, 0, res.Code, res.Stderr)
		return res.Stdout
	}
	require.NotContains(t, addrs(), "inet "+prefixB, "before: no interface on %s", netB)

	// Connect the running container: it gains an interface on netB and
	// reaches the target, by name as well.
	l.MustDocker("network", "connect", netB, client)
	ip := ipOn(l, client, netB)
	assert.True(t, strings.HasPrefix(ip, prefixB), "%s is in %s's subnet", ip, netB)
	assert.Contains(t, addrs(), "inet "+ip+"/", "after connect: an interface with the new address")
	requireServes(t, l, client, target)

	// Disconnect it: the interface and the reachability are gone.
	l.MustDocker("network", "disconnect", netB, client)
	assert.NotContains(t, addrs(), "inet "+prefixB, "after disconnect: no interface on %s", netB)
	refuses(t, l, client, target, ipOn(l, target, netB), "disconnected from the target's network")

	// All of it happened to the running container: it never restarted.
	assert.Equal(t, started, l.MustDocker("inspect", "--format", "{{.State.StartedAt}}", client))
	assert.Equal(t, "true", l.MustDocker("inspect", "--format", "{{.State.Running}}", client))
}
