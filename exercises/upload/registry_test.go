package upload_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRegistryContainerServesTheV2APIOnItsPublishedPort(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	port := lab.FreePort(t)
	name := l.Name("registry")

	// The card's command, with the port bound to loopback.
	l.MustDocker(l.RunArgs("-d", "-p", fmt.Sprintf("127.0.0.1:%d:5000", port), "--name", name, l.Image(lab.Registry))...)

	url := fmt.Sprintf("http://127.0.0.1:%d/v2/", port)
	require.EventuallyWithT(t, func(c *assert.CollectT) {
		resp, err := http.Get(url)
		require.NoError(c, err)
		defer resp.Body.Close()
		require.Equal(c, http.StatusOK, resp.StatusCode)
		assert.Equal(c, "registry/2.0", resp.Header.Get("Docker-Distribution-Api-Version"))
	}, 30*time.Second, 100*time.Millisecond, "the registry answers on %s", url)
	registry := fmt.Sprintf("127.0.0.1:%d", port)
	assert.Empty(t, catalog(t, registry), "a new registry holds no repositories")
}

func TestPushLandsInTheRegistryTheTagNames(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	named, other := l.StartRegistry(), l.StartRegistry()
	local := l.Image(lab.Shell)

	// A push of a name that only exists under another name is refused: push
	// sends a local tag, so the registry host must be in a tag first.
	repo := "lab/" + l.Name("app")
	remote := named + "/" + repo + ":v1"
	res := l.Docker("push", remote)
	assert.NotEqual(t, 0, res.Code)
	assert.Contains(t, res.Stderr, "does not exist locally")
	assert.Empty(t, catalog(t, named))

	l.RemoveImageAtEnd(remote)
	l.MustDocker("tag", local, remote)
	l.MustDocker("push", remote)
	assert.Equal(t, []string{repo}, catalog(t, named), "the registry in the tag has the repository")
	assert.Equal(t, []string{"v1"}, tags(t, named, repo), "with the tag")
	assert.Empty(t, catalog(t, other), "no other registry got it")
}

func TestPushingASecondTagUploadsNoNewLayers(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	registry := l.StartRegistry()
	local := l.Image(lab.Shell)
	repo := "lab/" + l.Name("app")

	push := func(tag string) (string, string) {
		ref := registry + "/" + repo + ":" + tag
		l.RemoveImageAtEnd(ref)
		l.MustDocker("tag", local, ref)
		return l.Push(ref)
	}
	first, d1 := push("v1")
	assert.Contains(t, first, "Pushed")
	second, d2 := push("latest")
	assert.NotContains(t, second, "Pushed", "every layer is in the registry already")
	assert.Contains(t, second, "Layer already exists")
	assert.Equal(t, d1, d2, "one image, one digest, two tags")
	assert.ElementsMatch(t, []string{"v1", "latest"}, tags(t, registry, repo))
}

func TestPullNeedsTheNameThatWasPushed(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	registry := l.StartRegistry()
	local := l.ImageRef("names")
	id := l.BuildStamped(local, l.Name("stamp"))

	// The notes' sequence, made consistent: tag, push, remove, pull the
	// same name.
	pushed := registry + "/" + l.Name("debian")
	l.RemoveImageAtEnd(pushed)
	l.MustDocker("image", "tag", local, pushed)
	l.MustDocker("image", "push", pushed)
	l.MustDocker("image", "rm", pushed)

	// Another name in the same registry is not there: a repository holds
	// only what was pushed under its name.
	res := l.Docker("image", "pull", registry+"/"+l.Name("test"))
	assert.NotEqual(t, 0, res.Code)
	assert.Contains(t, strings.ToLower(res.Stderr), "not found")

	l.MustDocker("image", "pull", pushed)
	assert.Equal(t, id, l.MustDocker("image", "inspect", "--format", "{{.Id}}", pushed))
}
