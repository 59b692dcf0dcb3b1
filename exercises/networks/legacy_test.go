package networks_test

import (
	"encoding/json"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLinkLetsADefaultBridgeContainerReachAnotherByName(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	// Both on the default bridge, which resolves no container names.
	target := web(l, "target")
	linked := shell(l, "linked", "--link", target+":db")
	plain := shell(l, "plain")

	// --link writes the target under its name and the alias into the
	// client's /etc/hosts, so both names work there and nowhere else.
	requireServes(t, l, linked, "db")
	requireServes(t, l, linked, target)
	hosts := sh(l, linked, "cat /etc/hosts").Stdout
	assert.Contains(t, hosts, ipOn(l, target, "bridge"))
	assert.Contains(t, hosts, "db")
	res := sh(l, plain, fetch("db"))
	assert.NotEqual(t, 0, res.Code, "a container without the link does not know the name: %s", res.Stdout)
}

func TestEngineShipsBridgeHostNoneOverlayMacvlanAndIpvlanDrivers(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	var drivers []string
	require.NoError(t, json.Unmarshal([]byte(l.MustDocker("info", "--format", "{{json .Plugins.Network}}")), &drivers))
	for _, d := range []string{"bridge", "host", "null", "overlay", "macvlan", "ipvlan"} {
		assert.Contains(t, drivers, d, "the engine ships the %s driver", d)
	}
	for _, d := range []string{"vswitch", "tap", "vxlan-bridge"} {
		assert.NotContains(t, drivers, d, "%s is no Docker network driver", d)
	}
	// host and none ("null") are the networks of the same names, one each.
	for name, driver := range map[string]string{"bridge": "bridge", "host": "host", "none": "null"} {
		assert.Equal(t, driver, l.MustDocker("network", "inspect", "--format", "{{.Driver}}", name))
	}
}
