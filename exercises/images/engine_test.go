package images_test

import (
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
)

func TestRegistryMirrorAnswersPullsOfDockerHubNames(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	// A registry of the lab's own stands in for Docker Hub's content: the
	// engine's daemon.json names it as its mirror.
	e := l.Engine(lab.WithDaemonJSON(map[string]any{"registry-mirrors": []string{"http://127.0.0.1:5000"}}))
	assert.Contains(t, e.MustDocker("info", "--format", "{{json .RegistryConfig.Mirrors}}"), "http://127.0.0.1:5000")
	mirror := e.StartRegistry()

	// Put an image into the mirror under Docker Hub's official-image
	// namespace, library/, then forget it locally.
	shell := e.Load(lab.Shell)
	id := e.MustDocker("image", "inspect", "--format", "{{.Id}}", shell)
	name := "dd-mirrored"
	e.MustDocker("tag", shell, "127.0.0.1:5000/library/"+name+":1")
	e.MustDocker("push", "127.0.0.1:5000/library/"+name+":1")
	e.MustDocker("rmi", "127.0.0.1:5000/library/"+name+":1", shell)

	// A pull of the short name goes to docker.io/library/..., which the
	// engine asks of its mirror first.
	out := e.MustDocker("pull", name+":1")
	assert.Contains(t, out, "docker.io/library/"+name+":1", "the short name is Docker Hub's library/ image")
	assert.Equal(t, id, e.MustDocker("image", "inspect", "--format", "{{.Id}}", name+":1"), "the image came from the mirror")
	logs := l.Docker("logs", mirror)
	assert.Contains(t, logs.Stdout+logs.Stderr, "/v2/library/"+name+"/manifests/1", "the mirror was asked for library/%s", name)
}

func TestShortImageNamesMeanDockerHubAndItsLibrary(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	assert.Equal(t, "https://index.docker.io/v1/", l.MustDocker("info", "--format", "{{.IndexServerAddress}}"),
		"the default registry is Docker Hub")

	name := l.Name("short")
	l.RemoveImageAtEnd(name + ":1.0")
	l.RemoveImageAtEnd("dani/" + name + ":1.0")
	l.MustDocker("tag", l.Image(lab.Shell), name+":1.0")
	l.MustDocker("tag", l.Image(lab.Shell), "dani/"+name+":1.0")
	id := imageID(t, l, name+":1.0")
	for _, ref := range []string{"docker.io/library/" + name + ":1.0", "docker.io/dani/" + name + ":1.0"} {
		assert.Equal(t, id, imageID(t, l, ref), "%s names the same image", ref)
	}
	// A name with no tag means :latest, which was never made.
	res := l.Docker("image", "inspect", "docker.io/library/"+name)
	assert.NotEqual(t, 0, res.Code)
}
