package tasks

import (
	"net/netip"
	"testing"
	"time"

	"github.com/moby/moby/api/types/container"
	"github.com/moby/moby/api/types/network"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func running(ports network.PortMap) *container.InspectResponse {
	return &container.InspectResponse{
		State:           &container.State{Running: true},
		NetworkSettings: &container.NetworkSettings{Ports: ports},
		HostConfig:      &container.HostConfig{},
	}
}

func binding(ip string, port string) network.PortBinding {
	b := network.PortBinding{HostPort: port}
	if ip != "" {
		b.HostIP = netip.MustParseAddr(ip)
	}
	return b
}

func TestPublishesSaysWhatIsWrongWithAPort(t *testing.T) {
	p80, _ := network.ParsePort("80/tcp")
	p8081, _ := network.ParsePort("8081/tcp")
	for _, tc := range []struct {
		name   string
		ports  network.PortMap
		ok     bool
		reason string
	}{
		{"right", network.PortMap{p80: {binding("127.0.0.1", "8081")}}, true, ""},
		{"none", network.PortMap{p80: nil}, false, "publishes no port; add -p 127.0.0.1:8081:80"},
		{"every interface", network.PortMap{p80: {binding("0.0.0.0", "8081")}}, false, "on every interface of the host (0.0.0.0)"},
		{"reversed", network.PortMap{p8081: {binding("127.0.0.1", "80")}}, false, "the order is reversed; -p takes host:container"},
		{"another port", network.PortMap{p80: {binding("127.0.0.1", "9000")}}, false, "publishes 127.0.0.1:9000 -> 80/tcp; the task asks for -p 127.0.0.1:8081:80"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &Checker{Env: &Env{}}
			c.Publishes(running(tc.ports), "dd-web", 80, 8081)
			require.Len(t, c.results, 1)
			assert.Equal(t, "dd-web publishes its port 80 on 127.0.0.1:8081 only", c.results[0].Item)
			assert.Equal(t, tc.ok, c.results[0].OK)
			assert.Contains(t, c.results[0].Reason, tc.reason)
		})
	}
}

func TestMountsVolumeTellsAnonymousFromNamed(t *testing.T) {
	anon := &container.InspectResponse{Mounts: []container.MountPoint{{Type: "volume", Name: "3f1c0e7c8d2b4a6f9e0d1c2b3a4f5e6d7c8b9a0f1e2d3c4b5a6f7e8d9c0b1a2f", Destination: "/data"}}}
	named := &container.InspectResponse{Mounts: []container.MountPoint{{Type: "volume", Name: "dd-run1-cache-data", Destination: "/data"}}}
	c := &Checker{Env: &Env{Names: map[string]string{"dd-cache-data": "dd-run1-cache-data"}}}
	c.MountsVolume(anon, "dd-cache", "dd-cache-data", "/data")
	c.MountsVolume(named, "dd-cache", "dd-cache-data", "/data")
	require.Len(t, c.results, 2)
	assert.False(t, c.results[0].OK)
	assert.Equal(t, "dd-cache mounts an anonymous volume at /data; the task asks for the named volume dd-cache-data: -v dd-cache-data:/data", c.results[0].Reason)
	assert.True(t, c.results[1].OK, "the mapped name is found")
}

func TestEnvNameMapsTaskNamesInsideReferences(t *testing.T) {
	e := &Env{Names: map[string]string{"dd-box": "dd-r-box", "dd-team": "dd-r-team"}, Registry: "127.0.0.1:5000"}
	assert.Equal(t, "127.0.0.1:5000/dd-r-team/dd-r-box:1", e.Name("$DD_REGISTRY/dd-team/dd-box:1"))
	assert.Equal(t, "dd-other", e.Name("dd-other"), "a name not mapped is itself")
	assert.Equal(t, []string{"dd-cache", "dd-cache-data"}, NamesIn("Run dd-cache with dd-cache-data at /data"))
}

func TestFormatShowsTheReasonUnderAFailedItem(t *testing.T) {
	out := Format([]Result{{Item: "dd-web is running", OK: true}, {Item: "GET / answers 200", Reason: "it answers 404"}})
	assert.Equal(t, "  ✓ dd-web is running\n  ✗ GET / answers 200\n      it answers 404\n", out)
	assert.False(t, Passed(nil), "no result is no pass")
}

func TestCreatedSinceKeepsWhatTheTaskMadeAndEveryImage(t *testing.T) {
	start := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	objs := []Object{
		{Kind: "container", Name: "dd-old", Created: start.Add(-time.Hour)},
		{Kind: "container", Name: "dd-new", Created: start.Add(time.Minute)},
		{Kind: "volume", Name: "dd-skew", Created: start.Add(-time.Second)},
		{Kind: "image", Name: "dd-img:1"},
	}
	var names []string
	for _, o := range CreatedSince(objs, start, 2*time.Second) {
		names = append(names, o.Name)
	}
	assert.Equal(t, []string{"dd-new", "dd-skew", "dd-img:1"}, names)
}
