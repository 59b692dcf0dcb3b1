package dockerfile_test

import (
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
)

func TestBuildPullFetchesANewerBaseImage(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	registry := l.StartRegistry()
	base := registry + "/dockdrill/" + l.Name("base") + ":1"
	l.ForgetImage(base)

	// The registry holds a newer base under the tag: one with /version.
	newer := build(l, "base-v2", map[string]string{"Dockerfile": from(l, lab.Shell) + "RUN echo v2 > /version\n"})
	l.MustDocker("tag", newer, base)
	l.Push(base)
	// The local copy of the tag is the older base, without /version.
	l.MustDocker("tag", l.Image(lab.Shell), base)

	app := map[string]string{"Dockerfile": "FROM " + base + "\n" +
		"RUN if [ -f /version ]; then cat /version; else echo v1; fi > /seen\n"}
	assert.Equal(t, "v1", run(l, build(l, "app-local", app), "cat", "/seen"), "without --pull the local base is used, however old")
	assert.Equal(t, "v2", run(l, build(l, "app-pulled", app, "--pull"), "cat", "/seen"), "--pull fetches the newer base from the registry")
}
