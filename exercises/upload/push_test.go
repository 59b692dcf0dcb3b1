package upload_test

import (
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPushedImagePullsBackByDigest(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	registry := l.StartRegistry()

	// An image of its own, so deleting it locally really deletes it.
	local := l.ImageRef("upload")
	id := l.BuildStamped(local, l.Name("stamp"))

	repo := registry + "/dockdrill/" + l.Name("app")
	l.RemoveImageAtEnd(repo + ":v1")
	l.MustDocker("tag", local, repo+":v1")
	_, digest := l.Push(repo + ":v1")

	// Delete every local name of the image: it is gone.
	l.MustDocker("rmi", repo+":v1", local)
	gone := l.Docker("image", "inspect", id)
	require.NotEqual(t, 0, gone.Code, "the image is deleted locally")

	// Pull it back by digest: the same content, the same image.
	byDigest := repo + "@" + digest
	l.RemoveImageAtEnd(byDigest)
	l.MustDocker("pull", byDigest)
	assert.Equal(t, id, l.MustDocker("image", "inspect", "--format", "{{.Id}}", byDigest), "same image ID")
	assert.Contains(t, l.MustDocker("image", "inspect", "--format", "{{join .RepoDigests \" \"}}", byDigest), byDigest)
	assert.Equal(t, l.Name("stamp"), strings.TrimSpace(l.MustDocker(append(append([]string{"run", "--rm"}, l.LabelArgs()...), byDigest, "cat", "/stamp")...)))
}
