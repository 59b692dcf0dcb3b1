package dockerfile_test

import (
	"fmt"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
)

func TestRunArgumentsReplaceCmd(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	ref := buildFiles(l, "cmd-replaced", map[string]string{"Dockerfile": from(l, lab.Shell) +
		`CMD ["echo", "the default command"]` + "\n"})

	assert.Equal(t, "the default command", run(l, ref), "without arguments, CMD runs")
	assert.Equal(t, "replaced", run(l, ref, "echo", "replaced"), "arguments after the image replace CMD as a whole")
}

func TestOnlyTheLastCmdTakesEffect(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	// Several CMD lines are allowed: the build succeeds, and each replaces
	// the one before.
	ref := buildFiles(l, "last-cmd", map[string]string{"Dockerfile": from(l, lab.Shell) +
		`CMD ["echo", "first"]` + "\n" +
		`CMD ["echo", "second"]` + "\n" +
		`CMD ["echo", "last"]` + "\n"})

	assert.Equal(t, "last", run(l, ref))
	var cmd []string
	inspectJSON(l, "image", ".Config.Cmd", ref, &cmd)
	assert.Equal(t, []string{"echo", "last"}, cmd, "the image records only the last CMD")
}

func TestEntrypointTakesCmdAsDefaultArguments(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	ref := buildFiles(l, "entrypoint-cmd", map[string]string{"Dockerfile": from(l, lab.Shell) +
		`ENTRYPOINT ["echo", "entrypoint"]` + "\n" +
		`CMD ["default", "args"]` + "\n"})

	assert.Equal(t, "entrypoint default args", run(l, ref), "CMD is appended to ENTRYPOINT")
	assert.Equal(t, "entrypoint echo hi", run(l, ref, "echo", "hi"),
		"arguments replace CMD, never ENTRYPOINT: even a program name is only an argument of the entrypoint")
}

func TestEntrypointFlagReplacesEntrypointAndClearsCmd(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	ref := buildFiles(l, "entrypoint-flag", map[string]string{"Dockerfile": from(l, lab.Shell) +
		`ENTRYPOINT ["echo", "entrypoint"]` + "\n" +
		`CMD ["default"]` + "\n"})

	assert.Equal(t, "other", run(l, "--entrypoint", "echo", ref, "other"), "--entrypoint replaces ENTRYPOINT, the arguments follow it")
	assert.Equal(t, "", run(l, "--entrypoint", "echo", ref), "--entrypoint also drops the image's CMD")

	ctr := l.Name("overridden")
	l.MustDocker(append([]string{"create", "--name", ctr, "--entrypoint", "echo"}, append(l.LabelArgs(), ref)...)...)
	var entrypoint, cmd []string
	inspectJSON(l, "container", ".Config.Entrypoint", ctr, &entrypoint)
	inspectJSON(l, "container", ".Config.Cmd", ctr, &cmd)
	assert.Equal(t, []string{"echo"}, entrypoint)
	assert.Empty(t, cmd, "the container has no CMD left")
}

func TestShellFormEntrypointIgnoresCmdAndRunArguments(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	ref := buildFiles(l, "entrypoint-shell-form", map[string]string{"Dockerfile": from(l, lab.Shell) +
		"ENTRYPOINT echo shell-form entrypoint\n" +
		`CMD ["default"]` + "\n"})

	assert.Equal(t, "shell-form entrypoint", run(l, ref), "CMD is passed to sh -c as $0 and never used")
	assert.Equal(t, "shell-form entrypoint", run(l, ref, "mine"), "run arguments are ignored too")
	var entrypoint []string
	inspectJSON(l, "image", ".Config.Entrypoint", ref, &entrypoint)
	assert.Equal(t, []string{"/bin/sh", "-c", "echo shell-form entrypoint"}, entrypoint)
}

func TestExecFormDoesNotExpandVariables(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	for i, tc := range []struct {
		name, cmd, want string
	}{
		{"exec form passes $HOME literally", `CMD ["echo", "$HOME"]`, "$HOME"},
		{"shell form expands it", `CMD echo $HOME`, "/root"},
	} {
		ref := buildFiles(l, fmt.Sprintf("expand-%d", i), map[string]string{"Dockerfile": from(l, lab.Shell) + "ENV HOME=/root\n" + tc.cmd + "\n"})
		assert.Equal(t, tc.want, run(l, ref), tc.name)
	}
}
