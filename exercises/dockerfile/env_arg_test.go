package dockerfile_test

import (
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
)

func TestEnvIsSetAtRunTimeAndOverriddenByE(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	ref := buildFiles(l, "env", map[string]string{"Dockerfile": from(l, lab.Shell) +
		`ENV GREETING="hello from ENV"` + "\n" +
		`RUN echo "$GREETING" > /seen-by-run` + "\n"})

	assert.Equal(t, "hello from ENV\nhello from ENV", run(l, ref, "sh", "-c", `echo "$GREETING" && cat /seen-by-run`),
		"ENV is in the container's environment, and was in the environment of later build steps")
	assert.Equal(t, "bye", run(l, "-e", "GREETING=bye", ref, "sh", "-c", `echo "$GREETING"`), "-e overrides the image's value")

	var env []string
	inspectJSON(l, "image", ".Config.Env", ref, &env)
	assert.Contains(t, env, "GREETING=hello from ENV", "the image records it")
}

func TestArgIsBuildTimeOnlyAndSetByBuildArg(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	files := map[string]string{"Dockerfile": from(l, lab.Shell) +
		"ARG VERSION=1.0\n" +
		`RUN echo "$VERSION" > /built-version` + "\n" +
		// The usual way to keep a build argument: copy it into ENV.
		"ENV APP_VERSION=$VERSION\n"}
	dflt := buildFiles(l, "arg-default", files)
	set := buildFiles(l, "arg-set", files, "--build-arg", "VERSION=2.0")

	// Each line: what RUN saw at build time, VERSION at run time, APP_VERSION at run time.
	const report = `cat /built-version && echo "${VERSION-unset}" && echo "$APP_VERSION"`
	assert.Equal(t, "1.0\nunset\n1.0", run(l, dflt, "sh", "-c", report),
		"RUN sees the ARG's default; the container does not see the ARG, only the ENV copied from it")
	assert.Equal(t, "2.0\nunset\n2.0", run(l, set, "sh", "-c", report), "--build-arg overrides the default")
	for _, ref := range []string{dflt, set} {
		var env []string
		inspectJSON(l, "image", ".Config.Env", ref, &env)
		for _, kv := range env {
			assert.NotRegexp(t, "^VERSION=", kv, "the image does not record the ARG")
		}
	}
}
