package images_test

import (
	"strings"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPullByTagAndByDigestFromARegistry(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	registry := l.StartRegistry()
	local := l.ImageRef("pull")
	id := l.BuildStamped(local, l.Name("stamp"))
	repo := registry + "/lab/" + l.Name("app")
	digest := push(t, l, local, repo+":v1")
	l.MustDocker("rmi", local)
	require.True(t, absent(l, id), "the image is gone locally")

	// By tag: the registry resolves the tag to the digest it was pushed as.
	l.RemoveImageAtEnd(repo + ":v1")
	out := l.MustDocker("pull", repo+":v1")
	assert.Contains(t, out, "Digest: "+digest)
	assert.Equal(t, id, imageID(t, l, repo+":v1"), "the same image comes back")
	l.MustDocker("rmi", repo+":v1")
	require.True(t, absent(l, id))

	// By digest: exactly that content, and no tag is created locally.
	byDigest := repo + "@" + digest
	l.RemoveImageAtEnd(byDigest)
	l.MustDocker("pull", byDigest)
	assert.Equal(t, id, imageID(t, l, byDigest))
	assert.Equal(t, "[]", l.MustDocker("image", "inspect", "--format", "{{.RepoTags}}", byDigest), "a pull by digest sets no tag")
	assert.Equal(t, "["+byDigest+"]", l.MustDocker("image", "inspect", "--format", "{{.RepoDigests}}", byDigest))
	assert.Equal(t, l.Name("stamp"), l.MustDocker(l.RunArgs("--rm", byDigest, "cat", "/stamp")...))
}

func TestPullWithoutATagMeansLatestNotTheNewest(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	registry := l.StartRegistry()
	repo := registry + "/lab/" + l.Name("app")
	// The lab's shell image is older than an image built from it now.
	older := l.Image(lab.Shell)
	newer := l.ImageRef("newer")
	olderID, newerID := imageID(t, l, older), l.BuildStamped(newer, l.Name("newer"))
	created := func(ref string) time.Time {
		at, err := time.Parse(time.RFC3339Nano, l.MustDocker("image", "inspect", "--format", "{{.Created}}", ref))
		require.NoError(t, err)
		return at
	}
	require.True(t, created(older).Before(created(newer)))

	// Only v2 in the registry: a pull without a tag asks for :latest and
	// finds nothing.
	push(t, l, newer, repo+":v2")
	res := l.Docker("pull", repo)
	assert.NotEqual(t, 0, res.Code, "no :latest in the registry: %s", res.Stdout)
	assert.Contains(t, res.Stdout, "Using default tag: latest")
	assert.Contains(t, res.Stderr, repo+":latest")

	// latest is only a name: here it names the older image.
	push(t, l, older, repo+":latest")
	l.RemoveImageAtEnd(repo + ":latest")
	out := l.MustDocker("pull", repo)
	assert.Contains(t, out, "Using default tag: latest")
	assert.Equal(t, olderID, imageID(t, l, repo+":latest"))
	assert.NotEqual(t, newerID, imageID(t, l, repo+":latest"), "latest is not the newest build")

	// Every tag is pulled only when asked for with --all-tags.
	require.True(t, absent(l, repo+":v2"))
	l.RemoveImageAtEnd(repo + ":v2")
	l.MustDocker("pull", "--all-tags", repo)
	assert.Equal(t, newerID, imageID(t, l, repo+":v2"))
}

func TestRunPullsAMissingImageFromTheRegistry(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	registry := l.StartRegistry()
	local := l.ImageRef("runpull")
	id := l.BuildStamped(local, l.Name("stamp"))
	remote := registry + "/lab/" + l.Name("app") + ":v1"
	push(t, l, local, remote)
	l.MustDocker("rmi", local)
	require.True(t, absent(l, remote))

	// --pull never proves it is not there to run.
	never := l.Docker(l.RunArgs("--rm", "--pull", "never", remote, "cat", "/stamp")...)
	require.NotEqual(t, 0, never.Code, "nothing to run without a pull: %s", never.Stdout)

	l.RemoveImageAtEnd(remote)
	res := l.Docker(l.RunArgs("--rm", remote, "cat", "/stamp")...)
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Equal(t, l.Name("stamp"), strings.TrimSpace(res.Stdout))
	assert.Contains(t, res.Stderr, "Unable to find image '"+remote+"' locally")
	assert.Equal(t, id, imageID(t, l, remote), "the pulled image stays after the run")
}
