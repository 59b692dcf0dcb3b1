package upload_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRegistryKeepsPushesUnderVarLibRegistryInANamedVolume(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	vol := l.Volume("regdata")
	port := lab.FreePort(t)
	registry := fmt.Sprintf("127.0.0.1:%d", port)
	// The card's command, with the port bound to loopback.
	run := func(name string) string {
		ctr := l.DockerRunDetached(name, "-p", registry+":5000", "-v", vol+":/var/lib/registry", l.Image(lab.Registry))
		lab.HTTPGet(t, "http://"+registry+"/v2/", 60*time.Second)
		return ctr
	}
	first := run("registry")

	repo := "lab/" + l.Name("app")
	ref := registry + "/" + repo + ":v1"
	l.RemoveImageAtEnd(ref)
	l.MustDocker("tag", l.Image(lab.Shell), ref)
	l.Push(ref)

	// Inside the container the push is files under /var/lib/registry: the
	// repository's tags and the content-addressed blobs.
	ls := func(dir string) string {
		res := l.Docker("exec", first, "ls", dir)
		require.Equal(t, 0, res.Code, res.Stderr)
		return res.Stdout
	}
	root := "/var/lib/registry/docker/registry/v2"
	assert.Equal(t, "v1", strings.TrimSpace(ls(root+"/repositories/"+repo+"/_manifests/tags")))
	assert.NotEmpty(t, strings.TrimSpace(ls(root+"/blobs/sha256")))
	mount := l.MustDocker("inspect", "--format", `{{range .Mounts}}{{if eq .Destination "/var/lib/registry"}}{{.Type}} {{.Name}}{{end}}{{end}}`, first)
	assert.Equal(t, "volume "+vol, mount, "/var/lib/registry is the named volume")

	// A new registry container on the same volume has the image.
	l.MustDocker("rm", "-f", first)
	run("registry2")
	assert.Equal(t, []string{"v1"}, tags(t, registry, repo), "the volume kept the registry's content")
}
