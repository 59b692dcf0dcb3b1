package dockerfile_test

import (
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
)

func TestDockerignoreKeepsFilesOutOfTheBuildContext(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	dir := l.Dir(map[string]string{
		"Dockerfile":      "FROM " + l.Image(lab.Shell) + "\nCOPY . /ctx/\n",
		".dockerignore":   "# keep secrets and logs out, but one log in\nsecret.env\n**/*.log\n!logs/keep.log\n",
		"app.txt":         "app\n",
		"secret.env":      "PASSWORD=hunter2\n",
		"logs/debug.log":  "noise\n",
		"logs/keep.log":   "keep me\n",
		"src/deep/x.log":  "deep noise\n",
		"src/deep/main.c": "int main(void) { return 0; }\n",
	})
	ref := l.ImageRef("dockerignore")
	l.MustDocker(append([]string{"build", "-q", "-t", ref}, dir)...)

	listing := l.MustDocker(append(append([]string{"run", "--rm"}, l.LabelArgs()...), ref, "find", "/ctx", "-type", "f")...)
	files := map[string]bool{}
	for _, f := range strings.Fields(listing) {
		files[strings.TrimPrefix(f, "/ctx/")] = true
	}
	for _, present := range []string{"app.txt", "Dockerfile", ".dockerignore", "logs/keep.log", "src/deep/main.c"} {
		assert.True(t, files[present], "%s is in the image (listing: %v)", present, files)
	}
	for _, absent := range []string{"secret.env", "logs/debug.log", "src/deep/x.log"} {
		assert.False(t, files[absent], "%s is kept out of the build context", absent)
	}
}
