package provision

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
		assert.Equal(t, want.local, IsLocalHost(host), host)
		assert.Equal(t, want.publish, enginePublishAddr(host).String(), host)
	}
}

func TestTheCLIsCurrentContextBecomesDockerHost(t *testing.T) {
	if _, err := exec.LookPath("docker"); err != nil {
		t.Skip("no docker CLI")
	}
	cfg := t.TempDir()
	certs := t.TempDir()
	require.NoError(t, DaemonCerts(certs, []string{"127.0.0.1"}))
	for _, k := range []string{"DOCKER_HOST", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH", "DOCKER_CONTEXT"} {
		t.Setenv(k, "") // restored after the test
	}
	t.Setenv("DOCKER_CONFIG", cfg)
	host := "tcp://127.0.0.1:2376"
	docker := func(args ...string) {
		out, err := exec.Command("docker", args...).CombinedOutput()
		require.NoError(t, err, "%s", out)
	}
	docker("context", "create", "lab-remote", "--docker", "host="+host+
		",ca="+filepath.Join(certs, "ca.pem")+",cert="+filepath.Join(certs, "cert.pem")+",key="+filepath.Join(certs, "key.pem"))
	docker("context", "use", "lab-remote")

	useCLIContext()
	assert.Equal(t, host, os.Getenv("DOCKER_HOST"))
	assert.Equal(t, "1", os.Getenv("DOCKER_TLS_VERIFY"))
	assert.FileExists(t, filepath.Join(os.Getenv("DOCKER_CERT_PATH"), "cert.pem"), "the context's own copy of the client certificate")
	assert.True(t, strings.HasPrefix(os.Getenv("DOCKER_CERT_PATH"), cfg), "kept in the CLI's configuration directory")
}
