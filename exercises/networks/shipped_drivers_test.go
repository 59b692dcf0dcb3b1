package networks_test

import (
	"encoding/json"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
