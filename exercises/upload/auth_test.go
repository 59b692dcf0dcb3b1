package upload_test

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAuthRegistryRefusesPushUntilLogin(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	const user, password = "learner", "s3cret-dockdrill"
	registry := startAuthRegistry(t, l, user, password)
	env, _ := clientEnv(t)
	local := l.Image(lab.Shell)
	remote := registry + "/lab/" + l.Name("app") + ":v1"
	l.RemoveImageAtEnd(remote)
	l.MustDocker("tag", local, remote)
	docker := func(stdin string, args ...string) lab.CLIResult {
		return l.DockerIn(env, strings.NewReader(stdin), args...)
	}

	res := docker("", "push", remote)
	require.NotEqual(t, 0, res.Code, "push refused without login: %s", res.Stdout)
	assert.Contains(t, res.Stderr, "no basic auth credentials")

	res = docker("wrong-password\n", "login", "-u", user, "--password-stdin", registry)
	require.NotEqual(t, 0, res.Code, "a wrong password is refused")
	assert.Contains(t, strings.ToLower(res.Stderr), "unauthorized")

	res = docker(password+"\n", "login", "-u", user, "--password-stdin", registry)
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Contains(t, res.Stdout, "Login Succeeded")

	res = docker("", "push", remote)
	require.Equal(t, 0, res.Code, "push accepted after login: %s", res.Stderr)
	var c struct{ Repositories []string }
	assert.Equal(t, http.StatusUnauthorized, registryGet(t, registry, "/v2/_catalog", "", "", nil))
	require.Equal(t, http.StatusOK, registryGet(t, registry, "/v2/_catalog", user, password, &c))
	assert.Equal(t, []string{"lab/" + l.Name("app")}, c.Repositories)
}

func TestLoginStoresCredentialsInConfigAndLogoutRemovesThem(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	const user, password = "learner", "s3cret-dockdrill"
	registry := startAuthRegistry(t, l, user, password)
	env, config := clientEnv(t)

	res := l.DockerIn(env, strings.NewReader(password+"\n"), "login", "-u", user, "--password-stdin", registry)
	require.Equal(t, 0, res.Code, res.Stderr)
	// Without a credential helper, config.json keeps user:password in
	// base64: encoded, not encrypted.
	auths := dockerConfig(t, config)
	require.Contains(t, auths, registry)
	decoded, err := base64.StdEncoding.DecodeString(auths[registry].Auth)
	require.NoError(t, err)
	assert.Equal(t, user+":"+password, string(decoded))

	res = l.DockerIn(env, nil, "logout", registry)
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Contains(t, res.Stdout, "Removing login credentials for "+registry)
	assert.NotContains(t, dockerConfig(t, config), registry, "logout removes the entry")

	// Without the entry, a push is refused again.
	remote := registry + "/lab/" + l.Name("app") + ":v1"
	l.RemoveImageAtEnd(remote)
	l.MustDocker("tag", l.Image(lab.Shell), remote)
	res = l.DockerIn(env, nil, "push", remote)
	assert.NotEqual(t, 0, res.Code)
	assert.Contains(t, res.Stderr, "no basic auth credentials")
}
