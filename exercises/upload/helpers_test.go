package upload_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/require"
	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/wait"
	"golang.org/x/crypto/bcrypt"
)

// startAuthRegistry runs a registry that requires HTTP basic auth for user
// with password, from an htpasswd file made here, and returns its host:port.
func startAuthRegistry(t *testing.T, l *lab.Lab, user, password string) string {
	t.Helper()
	hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	require.NoError(t, err)
	return l.StartRegistry(
		testcontainers.WithFiles(testcontainers.ContainerFile{
			Reader:            bytes.NewReader([]byte(user + ":" + string(hash) + "\n")),
			ContainerFilePath: "/auth/htpasswd",
			FileMode:          0o644,
		}),
		testcontainers.WithEnv(map[string]string{
			"REGISTRY_AUTH":                "htpasswd",
			"REGISTRY_AUTH_HTPASSWD_REALM": "dockdrill",
			"REGISTRY_AUTH_HTPASSWD_PATH":  "/auth/htpasswd",
		}),
		testcontainers.WithWaitStrategy(wait.ForHTTP("/v2/").WithPort("5000/tcp").
			WithStatusCodeMatcher(func(code int) bool { return code == http.StatusUnauthorized }).
			WithStartupTimeout(60*time.Second)))
}

// clientEnv returns the environment for a docker CLI with its own, empty
// configuration directory (returned too), so that a login never touches
// the learner's real credentials. PATH is emptied as well: a CLI without
// credentials in its configuration looks for a credential helper
// (docker-credential-pass, -secretservice, ...) on PATH and would store the
// login in the desktop's keyring instead of the temporary config.json.
func clientEnv(t *testing.T) (env []string, configDir string) {
	t.Helper()
	configDir = t.TempDir()
	return []string{"DOCKER_CONFIG=" + configDir, "PATH=" + t.TempDir()}, configDir
}

// dockerConfig reads the auths of config.json in dir.
func dockerConfig(t *testing.T, dir string) map[string]struct{ Auth string } {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "config.json"))
	require.NoError(t, err)
	var cfg struct {
		Auths map[string]struct{ Auth string }
	}
	require.NoError(t, json.Unmarshal(b, &cfg), string(b))
	return cfg.Auths
}

// registryGet GETs path from the registry at host:port, with basic auth if
// user is not empty, and decodes the JSON answer into v. It returns the
// status code.
func registryGet(t *testing.T, registry, path, user, password string, v any) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, fmt.Sprintf("http://%s%s", registry, path), nil)
	require.NoError(t, err)
	if user != "" {
		req.SetBasicAuth(user, password)
	}
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusOK && v != nil {
		require.NoError(t, json.NewDecoder(resp.Body).Decode(v))
	}
	return resp.StatusCode
}

// catalog lists the repositories of the registry.
func catalog(t *testing.T, registry string) []string {
	t.Helper()
	var c struct{ Repositories []string }
	require.Equal(t, http.StatusOK, registryGet(t, registry, "/v2/_catalog", "", "", &c))
	return c.Repositories
}

// tags lists the tags of a repository of the registry.
func tags(t *testing.T, registry, repo string) []string {
	t.Helper()
	var c struct{ Tags []string }
	require.Equal(t, http.StatusOK, registryGet(t, registry, "/v2/"+repo+"/tags/list", "", "", &c))
	return c.Tags
}
