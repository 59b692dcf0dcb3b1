package upload_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/wait"
)

// startRegistry runs a registry container published on 127.0.0.1 and
// returns its host:port.
func startRegistry(t *testing.T, l *lab.Lab) string {
	t.Helper()
	reg := l.Run(l.Image(lab.Registry),
		testcontainers.WithExposedPorts("5000/tcp"),
		testcontainers.WithWaitStrategy(wait.ForHTTP("/v2/").WithPort("5000/tcp").WithStartupTimeout(30*time.Second)))
	endpoint, err := reg.PortEndpoint(l.Ctx, "5000/tcp", "")
	require.NoError(t, err)
	return endpoint
}

var pushDigest = regexp.MustCompile(`digest: (sha256:[0-9a-f]{64})`)

func TestPushedImagePullsBackByDigest(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	registry := startRegistry(t, l)

	// An image of its own, so deleting it locally really deletes it.
	dir := l.Dir(map[string]string{
		"Dockerfile": "FROM " + l.Image(lab.Shell) + "\nCOPY stamp /stamp\n",
		"stamp":      l.Name("stamp") + "\n",
	})
	local := l.ImageRef("upload")
	l.MustDocker(append(append([]string{"build", "-q", "-t", local}, l.LabelArgs()...), dir)...)
	id := l.MustDocker("image", "inspect", "--format", "{{.Id}}", local)

	repo := registry + "/dockdrill/" + l.Name("app")
	l.ForgetImage(repo + ":v1")
	l.MustDocker("tag", local, repo+":v1")
	pushed := l.MustDocker("push", repo+":v1")
	m := pushDigest.FindStringSubmatch(pushed)
	require.NotNil(t, m, "docker push prints the digest: %s", pushed)
	digest := m[1]

	// Delete every local name of the image: it is gone.
	l.MustDocker("rmi", repo+":v1", local)
	gone := l.Docker("image", "inspect", id)
	require.NotEqual(t, 0, gone.Code, "the image is deleted locally")

	// Pull it back by digest: the same content, the same image.
	byDigest := repo + "@" + digest
	l.ForgetImage(byDigest)
	l.MustDocker("pull", byDigest)
	assert.Equal(t, id, l.MustDocker("image", "inspect", "--format", "{{.Id}}", byDigest), "same image ID")
	assert.Contains(t, l.MustDocker("image", "inspect", "--format", "{{join .RepoDigests \" \"}}", byDigest), byDigest)
	assert.Equal(t, l.Name("stamp"), strings.TrimSpace(l.MustDocker(append(append([]string{"run", "--rm"}, l.LabelArgs()...), byDigest, "cat", "/stamp")...)))
}
