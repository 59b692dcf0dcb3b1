package networks_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNetworkCreateLsInspectShowDriverAndSubnet(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	cidr, prefix := subnet(l, "create")
	net := createNetwork(l, "custom", "--driver", "bridge", "--subnet", cidr)

	// Every engine has three predefined networks: the
	// default bridge (docker0), host and none.
	defaults := l.MustDocker("network", "ls", "--filter", "name=^bridge$", "--filter", "name=^host$", "--filter", "name=^none$", "--format", "{{.Name}} {{.Driver}}")
	assert.ElementsMatch(t, []string{"bridge bridge", "host host", "none null"}, strings.Split(defaults, "\n"))

	// docker network ls lists the new one with its driver and scope.
	ls := l.MustDocker("network", "ls", "--filter", "name="+net, "--format", "{{.Name}} {{.Driver}} {{.Scope}}")
	assert.Equal(t, net+" bridge local", ls)

	// docker network inspect shows the subnet asked for.
	var nets []struct {
		Name, Driver string
		IPAM         struct{ Config []struct{ Subnet string } }
		Labels       map[string]string
	}
	require.NoError(t, json.Unmarshal([]byte(l.MustDocker("network", "inspect", net)), &nets))
	require.Len(t, nets, 1)
	assert.Equal(t, "bridge", nets[0].Driver)
	require.Len(t, nets[0].IPAM.Config, 1)
	assert.Equal(t, cidr, nets[0].IPAM.Config[0].Subnet)
	assert.Equal(t, "true", nets[0].Labels[lab.LabelLab], "labels are in inspect too")

	// A container on it gets an address from that subnet, and its default
	// route goes to the gateway Docker put on the subnet's first address.
	ctr := shellLocalDNS(l, "member", "--network", net)
	assert.True(t, strings.HasPrefix(ipOn(l, ctr, net), prefix), "address from %s", cidr)
	res := l.Sh(ctr, "ip route")
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Contains(t, res.Stdout, "default via "+prefix+"1 ")
}

func TestNetworkRmRefusedWhileInUse(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	net := createNetwork(l, "busy")
	ctr := shellLocalDNS(l, "member", "--network", net)

	res := l.Docker("network", "rm", net)
	assert.NotEqual(t, 0, res.Code, "a network with a container on it is not removed")
	assert.Contains(t, res.Stderr, "active endpoints")
	assert.Equal(t, net, l.MustDocker("network", "ls", "--filter", "name="+net, "--format", "{{.Name}}"), "it is still there")

	// Once the (still running) container is disconnected, rm succeeds.
	l.MustDocker("network", "disconnect", net, ctr)
	assert.Equal(t, net, l.MustDocker("network", "rm", net))
	assert.Empty(t, l.MustDocker("network", "ls", "--filter", "name="+net, "--format", "{{.Name}}"), "it is gone")
	assert.Equal(t, "true", l.MustDocker("inspect", "--format", "{{.State.Running}}", ctr))
}

func TestNetworkPruneRemovesOnlyUnusedNetworks(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	unused := createNetwork(l, "unused")
	used := createNetwork(l, "used")
	shellLocalDNS(l, "member", "--network", used)

	// Scoped with a label filter to this test's networks: prune must never
	// touch anybody else's.
	scope := "label=" + lab.LabelRun + "=" + runID(l)
	out := l.MustDocker("network", "prune", "--force", "--filter", scope)
	assert.Contains(t, out, unused, "the unused network is pruned")
	assert.NotContains(t, out, used, "a network in use is kept")

	left := l.MustDocker("network", "ls", "--filter", scope, "--format", "{{.Name}}")
	assert.Equal(t, used, left)
}
