package lab

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLocalHostAndPublishAddressFollowTheEnginesAddress(t *testing.T) {
	for host, want := range map[string]struct {
		local   bool
		publish string
	}{
		"unix:///var/run/docker.sock": {true, "127.0.0.1"},
		"tcp://127.0.0.1:2376":        {true, "127.0.0.1"},
		"tcp://localhost:2376":        {true, "127.0.0.1"},
		"tcp://10.150.3.2:2376":       {false, "10.150.3.2"},
		"ssh://user@10.0.0.5":         {false, "10.0.0.5"},
		"npipe:////./pipe/docker":     {true, "127.0.0.1"},
	} {
		assert.Equal(t, want.local, localHost(host), host)
		assert.Equal(t, want.publish, enginePublishAddr(host).String(), host)
	}
}
