package networks_test

import (
	"fmt"
	"net"
	"os/exec"
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMacvlanNetworkGivesAnAddressInItsSubnet(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	if strings.Contains(l.MustDocker("info", "--format", "{{.OperatingSystem}}"), "Docker Desktop") {
		t.Skip("Docker Desktop's engine runs in a VM: a parent interface made here is not its own")
	}
	// The parent: one end of a veth pair made for this test, never a real
	// interface. (This kernel has no dummy interfaces.)
	parent, peer := linkName(l, "m"), linkName(l, "p")
	ip := func(args ...string) {
		t.Helper()
		out, err := exec.CommandContext(l.Ctx, "ip", args...).CombinedOutput()
		require.NoError(t, err, "ip %s: %s", strings.Join(args, " "), out)
	}
	cidr, prefix := subnet(l, "macvlan")
	network, ctr := l.Name("macvlan"), l.Name("member")
	// The lab removes containers and networks only after the test's own
	// cleanups; the veth goes last, so remove what uses it first.
	t.Cleanup(func() {
		exec.Command("docker", "rm", "-f", "-v", ctr).Run()
		exec.Command("docker", "network", "rm", network).Run()
		exec.Command("ip", "link", "del", parent).Run()
	})
	ip("link", "add", parent, "type", "veth", "peer", "name", peer)
	ip("link", "set", parent, "up")
	ip("link", "set", peer, "up")

	// The learner's example: docker network create -d macvlan --subnet ...
	// -o parent=<interface>.
	l.MustDocker(append(append([]string{"network", "create"}, l.LabelArgs()...),
		"-d", "macvlan", "--subnet", cidr, "-o", "parent="+parent, network)...)
	assert.Equal(t, "macvlan "+parent, l.MustDocker("network", "inspect", "--format", "{{.Driver}} {{index .Options \"parent\"}}", network))

	l.DockerRunDetached("member", "--network", network, l.Image(lab.Shell), "sleep", "300")
	addr := ipOn(l, ctr, network)
	assert.True(t, strings.HasPrefix(addr, prefix), "%s is in %s", addr, cidr)
	res := l.Sh(ctr, "ip -o -4 addr show eth0")
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Contains(t, res.Stdout, "inet "+addr+"/24", "the container's interface has that address")
	// Its eth0 is a macvlan child of the veth: ip shows the lower
	// interface's index after the @.
	host, err := net.InterfaceByName(parent)
	require.NoError(t, err)
	res = l.Sh(ctr, "ip -o link show eth0")
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Contains(t, res.Stdout, fmt.Sprintf("eth0@if%d:", host.Index), "the parent is the test's veth")
}
