package dockerfile_test

import (
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
)

func TestDockerignoreListingTheDockerfileKeepsItOutOfTheImageOnly(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	// The build still finds its Dockerfile: the builder always gets it
	// and .dockerignore; only COPY and ADD leave them out.
	image := buildFiles(l, "ignore-build-files", map[string]string{
		"Dockerfile":    from(l, lab.Shell) + "COPY . /app/\n",
		".dockerignore": "Dockerfile\n.dockerignore\n",
		"app.sh":        "echo app\n",
	})
	listing := strings.Fields(run(l, image, "find", "/app", "-type", "f"))
	assert.Equal(t, []string{"/app/app.sh"}, listing)
}
