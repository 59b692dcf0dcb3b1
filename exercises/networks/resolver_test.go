package networks_test

import (
	"encoding/json"
	"fmt"
	"net/netip"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testNameServer is an address of TEST-NET-1 (RFC 5737): it is written into
// configuration only, and nothing in these proofs sends it a query.
const testNameServer = "192.0.2.53"

func TestDnsAndAddHostWriteTheContainersResolverFiles(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	files := []string{"sh", "-c", "cat /etc/resolv.conf; echo ---; cat /etc/hosts"}

	// On the default bridge --dns goes into resolv.conf itself.
	out := l.MustDocker(l.RunArgs(append([]string{"--rm", "--dns", testNameServer, "--add-host", "db:10.0.0.5",
		l.Image(lab.Shell)}, files...)...)...)
	assert.Contains(t, out, "nameserver "+testNameServer+"\n", "--dns on the default bridge")
	assert.Regexp(t, `(?m)^10\.0\.0\.5\s+db$`, out, "--add-host adds a line to /etc/hosts")

	// On a user-defined network the embedded DNS stays the name server and
	// --dns becomes where it forwards other names.
	net := createNetwork(l, "resolver")
	ctr := l.Start("user", "--network", net, "--dns", testNameServer, "--add-host", "db:10.0.0.5", l.Image(lab.Shell), "sleep", "300")
	res := sh(l, ctr, files[2])
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Contains(t, res.Stdout, "nameserver 127.0.0.11\n", "the embedded DNS answers on a user-defined network")
	assert.NotContains(t, res.Stdout, "nameserver "+testNameServer, "--dns is not written into resolv.conf there")
	assert.Regexp(t, `(?m)^10\.0\.0\.5\s+db$`, res.Stdout, "--add-host works on any network")
	var dns []string
	require.NoError(t, json.Unmarshal([]byte(l.MustDocker("inspect", "--format", "{{json .HostConfig.Dns}}", ctr)), &dns))
	assert.Equal(t, []string{testNameServer}, dns, "docker inspect keeps the server in HostConfig.Dns")
}

func TestIpFlagNeedsAUserDefinedSubnet(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	cidr, prefix := subnet(l, "fixed-ip")
	withSubnet := createNetwork(l, "with-subnet", "--subnet", cidr)
	ip := prefix + "50"

	out := l.MustDocker(l.RunArgs("--rm", "--network", withSubnet, "--ip", ip, l.Image(lab.Shell), "ip", "-4", "-o", "addr", "show", "eth0")...)
	assert.Contains(t, out, "inet "+ip+"/24", "--ip picks the address on a network with a configured subnet")

	res := l.Docker(l.RunArgs("--rm", "--ip", "172.17.0.250", l.Image(lab.Shell), "true")...)
	assert.NotEqual(t, 0, res.Code, "the default bridge refuses --ip")
	// Docker 29.2 writes "user-specified" and "user-defined" with hyphens.
	assert.Regexp(t, `user[- ]specified IP address is supported on user[- ]defined networks only`, res.Stderr)

	// A user-defined network whose subnet Docker picked: up to 29.0.3 it
	// refuses --ip even for an address of that subnet; since 29.0.4 (moby
	// 84a251d, backported) the address is accepted.
	picked := createNetwork(l, "picked-subnet")
	var pickedCIDR string
	require.NoError(t, json.Unmarshal([]byte(l.MustDocker("network", "inspect", "--format", "{{json (index .IPAM.Config 0).Subnet}}", picked)), &pickedCIDR))
	pickedIP := hostInSubnet(t, pickedCIDR, 50)
	res = l.Docker(l.RunArgs("--rm", "--network", picked, "--ip", pickedIP, l.Image(lab.Shell), "ip", "-4", "-o", "addr", "show", "eth0")...)
	if engineAtLeast(t, 29, 0, 4) {
		require.Equal(t, 0, res.Code, res.Stderr)
		assert.Contains(t, res.Stdout, "inet "+pickedIP+"/", "since 29.0.4 --ip takes an address of the subnet Docker picked")
	} else {
		assert.NotEqual(t, 0, res.Code, "before 29.0.4 --ip needs a subnet given at docker network create")
		assert.Contains(t, res.Stderr, "user configured subnets")
	}
}

func TestPublishUdpNeedsTheProtocolSuffix(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	udp, tcp := lab.FreePort(t), lab.FreePort(t)
	ctr := shell(l, "dns", "-p", fmt.Sprintf("127.0.0.1:%d:53/udp", udp), "-p", fmt.Sprintf("127.0.0.1:%d:53", tcp))

	assert.Equal(t, fmt.Sprintf("127.0.0.1:%d", udp), l.MustDocker("port", ctr, "53/udp"), "/udp publishes the UDP port")
	assert.Equal(t, fmt.Sprintf("127.0.0.1:%d", tcp), l.MustDocker("port", ctr, "53"), "without a suffix the port is TCP")
	var ports map[string]any
	require.NoError(t, json.Unmarshal([]byte(l.MustDocker("inspect", "--format", "{{json .NetworkSettings.Ports}}", ctr)), &ports))
	assert.Contains(t, ports, "53/udp")
	assert.Contains(t, ports, "53/tcp")
	assert.Len(t, ports, 2, "each -p publishes one protocol")
}

// hostInSubnet returns the address n of an IPv4 subnet such as
// "172.18.0.0/16" (n = 50 gives 172.18.0.50).
func hostInSubnet(t *testing.T, cidr string, n byte) string {
	t.Helper()
	prefix, err := netip.ParsePrefix(cidr)
	require.NoError(t, err, "subnet %q", cidr)
	a := prefix.Masked().Addr().As4()
	a[3] += n
	return netip.AddrFrom4(a).String()
}
