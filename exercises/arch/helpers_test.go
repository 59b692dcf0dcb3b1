package arch_test

import (
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
)

// run returns the arguments of `docker run` with the lab's labels, followed
// by args (options, then the image and its command).
func run(l *lab.Lab, args ...string) []string {
	return append(append([]string{"run"}, l.LabelArgs()...), args...)
}

// build builds the Dockerfile and files into an image named ref and returns
// the image ID.
func build(t *testing.T, l *lab.Lab, ref string, files map[string]string) string {
	t.Helper()
	dir := l.Dir(files)
	l.MustDocker(append(append([]string{"build", "-q", "-t", ref}, l.LabelArgs()...), dir)...)
	return l.MustDocker("image", "inspect", "--format", "{{.Id}}", ref)
}
