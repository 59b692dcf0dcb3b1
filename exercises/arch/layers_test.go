package arch_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestImageBuiltFromAnotherSharesItsLayers(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	parent := l.ImageRef("parent")
	l.Build(parent, map[string]string{
		"Dockerfile": "FROM " + l.Image(lab.Shell) + "\nCOPY app.conf /etc/app.conf\n",
		"app.conf":   "parent " + l.Name("conf") + "\n",
	})
	child := l.ImageRef("child")
	l.Build(child, map[string]string{
		"Dockerfile": "FROM " + parent + "\nCOPY index.html /srv/index.html\n",
		"index.html": "child " + l.Name("page") + "\n",
	})

	layers := func(ref string) []string {
		img, err := l.Client.ImageInspect(l.Ctx, ref)
		require.NoError(t, err)
		return img.RootFS.Layers
	}
	base, p, c := layers(l.Image(lab.Shell)), layers(parent), layers(child)

	// Each image is its parent's layers plus one layer for its COPY.
	require.Len(t, p, len(base)+1)
	assert.Equal(t, base, p[:len(base)], "the parent reuses every layer of its base image")
	require.Len(t, c, len(p)+1)
	assert.Equal(t, p, c[:len(p)], "the child reuses every layer of the parent, in order")
	assert.NotContains(t, p, c[len(c)-1], "the child's own layer is new")

	// Removing the parent by its tag only untags it: the child keeps
	// every layer and still runs.
	out := l.MustDocker("rmi", parent)
	assert.Contains(t, out, "Untagged: "+parent)
	assert.Equal(t, c, layers(child))
	assert.Equal(t, "child "+l.Name("page"), l.MustDocker(l.RunArgs("--rm", child, "cat", "/srv/index.html")...))
}

func TestWritingInAContainerLeavesTheImageUntouched(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	ref := l.ImageRef("rw")
	id := l.Build(ref, map[string]string{
		"Dockerfile": "FROM " + l.Image(lab.Shell) + "\nCOPY data/ /data/\n",
		"data/keep":  "original\n",
		"data/gone":  "delete me\n",
	})

	// Add, change and delete a file in a container's writable layer.
	name := l.Name("writer")
	l.MustDocker(l.RunArgs("--name", name, ref, "sh", "-c",
		"echo new > /data/new && echo changed >> /data/keep && rm /data/gone")...)
	diff := strings.Split(l.MustDocker("diff", name), "\n")
	assert.Subset(t, diff, []string{"C /data", "A /data/new", "C /data/keep", "D /data/gone"},
		"docker diff lists A(dded), C(hanged) and D(eleted) paths")

	// The image is the same image, and a fresh container of it sees the
	// files as they were built.
	assert.Equal(t, id, l.MustDocker("image", "inspect", "--format", "{{.Id}}", ref))
	fresh := l.MustDocker(l.RunArgs("--rm", ref, "sh", "-c",
		"ls /data; cat /data/keep")...)
	assert.Equal(t, "gone\nkeep\noriginal", fresh, "a new container starts from the unchanged image")

	// The stopped container still holds its own changes, in its own layer.
	dst := t.TempDir()
	l.MustDocker("cp", name+":/data/keep", dst)
	b, err := os.ReadFile(filepath.Join(dst, "keep"))
	require.NoError(t, err)
	assert.Equal(t, "original\nchanged\n", string(b))
}
