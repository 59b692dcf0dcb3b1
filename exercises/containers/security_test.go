package containers_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// chownScript makes a file in the container's own writable layer and gives
// it to uid 1000, printing the new owner.
const chownScript = "touch /tmp/f && chown 1000 /tmp/f && stat -c %u /tmp/f"

func TestCapDropAndCapAddChangeWhatRootMayDo(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)

	// Root with Docker's default capabilities may chown.
	res := l.Docker(runArgs(l, []string{"--rm"}, "sh", "-c", chownScript)...)
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Equal(t, "1000", strings.TrimSpace(res.Stdout), "root chowns with the default capabilities")

	// Without CAP_CHOWN root gets EPERM, on its own files too; the kernel
	// refuses the call and nothing else happens.
	res = l.Docker(runArgs(l, []string{"--rm", "--cap-drop", "CHOWN"}, "sh", "-c", chownScript)...)
	assert.NotEqual(t, 0, res.Code, "chown without CAP_CHOWN fails")
	assert.Contains(t, res.Stderr, "Operation not permitted")

	// --cap-drop ALL --cap-add NET_BIND_SERVICE leaves exactly that one
	// capability (bit 10) in the effective set, and chown fails too.
	name := l.Name("leastpriv")
	sleeper(t, l, name, "--cap-drop", "ALL", "--cap-add", "NET_BIND_SERVICE")
	res = l.Docker("exec", name, "grep", "CapEff", "/proc/self/status")
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Regexp(t, `CapEff:\s+0000000000000400`, res.Stdout, "only CAP_NET_BIND_SERVICE is left")
	res = l.Docker("exec", name, "sh", "-c", chownScript)
	assert.NotEqual(t, 0, res.Code, "CHOWN went with ALL")
	hc := inspect(t, l, name).HostConfig
	// Newer CLIs write the names with the CAP_ prefix.
	assert.Equal(t, []string{"ALL"}, capNames(hc.CapDrop), "docker inspect shows HostConfig.CapDrop")
	assert.Equal(t, []string{"NET_BIND_SERVICE"}, capNames(hc.CapAdd), "docker inspect shows HostConfig.CapAdd")
}

func TestSecurityOptNoNewPrivilegesSetsTheFlag(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	flag := regexp.MustCompile(`NoNewPrivs:\s+(\d)`)
	for _, tc := range []struct {
		flags []string
		want  string
	}{
		{nil, "0"},
		{[]string{"--security-opt", "no-new-privileges"}, "1"},
	} {
		out := l.MustDocker(runArgs(l, append([]string{"--rm"}, tc.flags...), "grep", "NoNewPrivs", "/proc/self/status")...)
		m := flag.FindStringSubmatch(out)
		require.NotNil(t, m, "%v: %s", tc.flags, out)
		assert.Equal(t, tc.want, m[1], "NoNewPrivs with %v", tc.flags)
	}
}

func TestRunUserOverridesTheImageUser(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	ref := l.ImageRef("user1234")
	l.Build(ref, map[string]string{"Dockerfile": "FROM " + l.Image(lab.Shell) + "\nUSER 1234\n"})

	run := func(flags ...string) lab.CLIResult {
		args := append(append([]string{"run", "--rm"}, l.LabelArgs()...), flags...)
		return l.Docker(append(args, ref, "id")...)
	}
	res := run()
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.Contains(t, res.Stdout, "uid=1234", "without -u the image's USER applies")

	// Numeric ids need no line in /etc/passwd.
	res = run("-u", "1000:1000")
	require.Equal(t, 0, res.Code, res.Stderr)
	assert.True(t, strings.HasPrefix(res.Stdout, "uid=1000 gid=1000"), "-u overrides USER for the main process: %s", res.Stdout)

	// A name the image does not know makes the start fail.
	res = run("-u", "nosuchuser")
	assert.NotEqual(t, 0, res.Code, "an unknown user name is refused")
	assert.Contains(t, res.Stderr, "nosuchuser")
}

// capNames returns capability names without the CAP_ prefix.
func capNames(caps []string) []string {
	var names []string
	for _, c := range caps {
		names = append(names, strings.TrimPrefix(c, "CAP_"))
	}
	return names
}
