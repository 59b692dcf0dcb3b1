package containers_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/moby/moby/api/types/network"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPortListsThePublishedMappings(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("ports")
	// Random host ports, on loopback only.
	sleeper(t, l, name, "-p", "127.0.0.1::80", "-p", "127.0.0.1::53/udp", "--expose", "9000")

	ports := inspectContainer(t, l, name).NetworkSettings.Ports
	hostPort := func(p string) string {
		b := ports[network.MustParsePort(p)]
		require.Len(t, b, 1, "%s is published once", p)
		assert.Equal(t, "127.0.0.1", b[0].HostIP.String())
		return b[0].HostPort
	}
	tcp, udp := hostPort("80/tcp"), hostPort("53/udp")
	assert.NotEqual(t, "80", tcp, "a random host port, not the container's")

	assert.ElementsMatch(t, []string{
		"80/tcp -> 127.0.0.1:" + tcp,
		"53/udp -> 127.0.0.1:" + udp,
	}, lines(l.MustDocker("port", name)), "docker port lists each published port; an exposed-only port is not listed")
	assert.Equal(t, "127.0.0.1:"+tcp, l.MustDocker("port", name, "80"), "one port: tcp unless told otherwise")
	assert.Equal(t, "127.0.0.1:"+udp, l.MustDocker("port", name, "53/udp"))
	res := l.Docker("port", name, "9000")
	assert.NotEqual(t, 0, res.Code, "exposed but not published: no mapping")
}

func TestDiffShowsAddedChangedAndDeletedFiles(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	fresh, name := l.Name("fresh"), l.Name("changed")
	shell := l.Image(lab.Shell)

	args := append([]string{"create", "--name", fresh}, l.LabelArgs()...)
	l.MustDocker(append(args, shell, "true")...)
	assert.Empty(t, l.MustDocker("diff", fresh), "a new container has no changes")

	// Change a file of the image, delete one, add one.
	l.MustDocker(runArgs(l, []string{"--name", name}, "sh", "-c",
		"echo 'lab:x:4242:4242::/:/bin/sh' >> /etc/passwd; rm /bin/nc; echo new > /added")...)
	var got []string
	for _, line := range lines(l.MustDocker("diff", name)) {
		switch strings.Fields(line)[1] {
		case "/etc", "/etc/passwd", "/bin", "/bin/nc", "/added":
			got = append(got, line)
		}
	}
	assert.ElementsMatch(t, []string{"C /etc", "C /etc/passwd", "C /bin", "D /bin/nc", "A /added"}, got,
		"A added, C changed (with the directories above), D deleted")

	// The image is untouched: a new container from it sees the old files.
	out := l.MustDocker(append(append([]string{"run", "--rm"}, l.LabelArgs()...), shell,
		"sh", "-c", "grep -c ^lab: /etc/passwd; test -e /bin/nc && echo has-nc; test -e /added || echo no-added")...)
	assert.Equal(t, "0\nhas-nc\nno-added", out)
}

func TestRenameKeepsTheSameRunningContainer(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	old, renamed := l.Name("old"), l.Name("new")
	id := sleeper(t, l, old)
	pid := inspectContainer(t, l, old).State.Pid

	res := l.Docker("rename", old, renamed)
	require.Equal(t, 0, res.Code, res.Stderr)
	got := inspectContainer(t, l, renamed)
	assert.Equal(t, id, got.ID, "the same container under its new name")
	assert.Equal(t, "/"+renamed, got.Name)
	assert.Equal(t, pid, got.State.Pid, "still running, not restarted")
	assert.False(t, exists(l, old), "the old name is free again")
	assert.Equal(t, "hi", l.MustDocker("exec", renamed, "echo", "hi"))
}

func TestInspectFormatPrintsTheChosenFields(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	name := l.Name("app")
	sleeper(t, l, name, "--env", "GREETING=hello")
	got := inspectContainer(t, l, name)

	// Without --format: a JSON array with one object per container.
	var all []map[string]any
	require.NoError(t, json.Unmarshal([]byte(l.MustDocker("inspect", name)), &all))
	require.Len(t, all, 1)
	assert.Equal(t, got.ID, all[0]["Id"])

	// With a Go template: just the fields asked for.
	out := l.MustDocker("container", "inspect", "--format", "{{.Id}} {{.Name}} {{.State.Status}} {{.State.Pid}} {{.Config.Image}}", name)
	assert.Equal(t, fmt.Sprintf("%s /%s running %d %s", got.ID, name, got.State.Pid, l.Image(lab.Shell)), out)
	assert.Equal(t, `["sleep","300"]`, l.MustDocker("inspect", "-f", "{{json .Config.Cmd}}", name))
	assert.Contains(t, strings.Fields(l.MustDocker("inspect", "-f", `{{range .Config.Env}}{{println .}}{{end}}`, name)), "GREETING=hello")
	ip := got.NetworkSettings.Networks["bridge"].IPAddress.String()
	assert.Equal(t, ip, l.MustDocker("inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", name))
	assert.Equal(t, l.RunID(), l.MustDocker("inspect", "-f", `{{index .Config.Labels "`+lab.LabelRun+`"}}`, name))
}

func TestContainerLsFiltersAndFormats(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	web, ok, failed := l.Name("web"), l.Name("ok"), l.Name("failed")
	dockerAll(t, l,
		runArgs(l, []string{"-d", "--name", web, "--label", "tier=front"}, "sleep", "300"),
		runArgs(l, []string{"--name", ok}, "true"),
		runArgs(l, []string{"-d", "--name", failed, "--label", "tier=back"}, "sh", "-c", "exit 3"))
	require.Equal(t, "3", waitExit(t, l, failed))
	ls := func(flags ...string) []string {
		return lines(l.MustDocker(append([]string{"container", "ls", "-a", "--filter", runFilter(l)}, flags...)...))
	}

	assert.ElementsMatch(t, []string{ok, failed}, ls("--filter", "status=exited", "--format", "{{.Names}}"))
	assert.Equal(t, []string{failed}, ls("--filter", "exited=3", "--format", "{{.Names}}"))
	assert.Equal(t, []string{web}, ls("--filter", "label=tier=front", "--format", "{{.Names}}"))
	assert.ElementsMatch(t, []string{web, failed}, ls("--filter", "label=tier", "--format", "{{.Names}}"), "a label key alone matches any value")
	assert.Equal(t, []string{web + " tier=front"}, ls("--filter", "status=running", "--format", `{{.Names}} tier={{.Label "tier"}}`))

	// -q prints only IDs, 12 characters unless --no-trunc.
	ids := ls("-q")
	require.Len(t, ids, 3)
	for _, id := range ids {
		assert.Len(t, id, 12)
	}
	assert.ElementsMatch(t, ids, ls("--format", "{{.ID}}"))
	assert.Equal(t, inspectContainer(t, l, web).ID, ls("-q", "--no-trunc", "--filter", "name="+web)[0])
	// A table format keeps a header line.
	assert.Equal(t, []string{"NAMES", web}, ls("--filter", "status=running", "--format", "table {{.Names}}"))
}
