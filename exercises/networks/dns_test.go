package networks_test

import (
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
)

func TestDefaultBridgeResolvesNoNamesButIPsAnswer(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	// Neither container names a network: both land on the default bridge.
	target := web(l, "target")
	client := shellLocalDNS(l, "client")
	ip := ipOn(l, target, "bridge")

	// By address, the other container answers.
	requireServes(t, l, client, ip)
	res := l.Sh(client, "ping -c 1 -W 2 "+ip)
	assert.Equal(t, 0, res.Code, "ping by IP: %s%s", res.Stdout, res.Stderr)

	// By name, it does not exist: the default bridge has no embedded DNS
	// server and Docker writes no other container into /etc/hosts.
	res = l.Sh(client, "ping -c 1 -W 2 "+target)
	assert.NotEqual(t, 0, res.Code, "ping by name must fail: %s", res.Stdout)
	assert.Contains(t, res.Stdout+res.Stderr, "bad address")
	res = l.Sh(client, "nslookup "+target)
	assert.NotEqual(t, 0, res.Code, "nslookup by name must fail: %s", res.Stdout)
	res = l.Sh(client, fetch(target))
	assert.NotEqual(t, 0, res.Code, "wget by name must fail: %s", res.Stdout)

	res = l.Sh(client, "cat /etc/resolv.conf /etc/hosts")
	assert.NotContains(t, res.Stdout, "127.0.0.11", "no embedded DNS server on the default bridge")
	assert.NotContains(t, res.Stdout, target, "the other container is not in /etc/hosts")
}

func TestUserBridgeResolvesNamesAndAliases(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	net := createNetwork(l, "app")
	target := web(l, "target", "--network", net, "--network-alias", "www")
	client := shellLocalDNS(l, "client", "--network", net)
	outsider := shellLocalDNS(l, "outsider")
	ip := ipOn(l, target, net)

	// The container name and the alias both reach the web server ...
	requireServes(t, l, client, target)
	requireServes(t, l, client, "www")
	// ... because Docker's embedded DNS server answers them with its address.
	for _, name := range []string{target, "www"} {
		res := l.Sh(client, "nslookup "+name)
		assert.Equal(t, 0, res.Code, "nslookup %s: %s%s", name, res.Stdout, res.Stderr)
		assert.Contains(t, res.Stdout, ip, "%s resolves to the container's address on %s", name, net)
	}
	res := l.Sh(client, "cat /etc/resolv.conf")
	assert.Contains(t, res.Stdout, "nameserver 127.0.0.11", "user-defined networks use the embedded DNS server")

	// An alias belongs to the network: outside it, nobody knows "www".
	res = l.Sh(outsider, "nslookup www")
	assert.NotEqual(t, 0, res.Code, "the alias does not resolve on the default bridge: %s", res.Stdout)
}
