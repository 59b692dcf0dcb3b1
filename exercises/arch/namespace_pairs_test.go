package arch_test

import (
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
)

func TestNetNamespaceHoldsInterfacesAndMntNamespaceTheMounts(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	a := l.DockerRunDetached("a", l.Image(lab.Shell), "sleep", "300")
	// b joins a's network namespace and keeps every other one of its own.
	b := l.DockerRunDetached("b", "--network", "container:"+a, "--tmpfs", "/scratch", l.Image(lab.Shell), "sleep", "300")
	sh := func(ctr, script string) string { return l.MustDocker("exec", ctr, "sh", "-c", script) }
	ns := func(ctr, kind string) string { return sh(ctr, "readlink /proc/self/ns/"+kind) }

	// net: one namespace, so the same interfaces, addresses and ports.
	assert.Equal(t, ns(a, "net"), ns(b, "net"))
	assert.Equal(t, sh(a, "ip -o -4 addr"), sh(b, "ip -o -4 addr"), "b sees a's interfaces and addresses")
	// mnt: two namespaces, so two filesystem trees: b's tmpfs at /scratch
	// is not in a's mount table, and a file a writes is not in b's tree.
	assert.NotEqual(t, ns(a, "mnt"), ns(b, "mnt"))
	assert.Contains(t, sh(b, "cat /proc/mounts"), " /scratch ")
	assert.NotContains(t, sh(a, "cat /proc/mounts"), " /scratch ")
	sh(a, "echo mine > /tmp/only-in-a")
	assert.NotEqual(t, 0, l.Docker("exec", b, "cat", "/tmp/only-in-a").Code, "b cannot see a's files")
	// The others are b's own too: uts (its hostname), ipc, pid.
	for _, kind := range []string{"uts", "ipc", "pid"} {
		assert.NotEqual(t, ns(a, kind), ns(b, kind), kind)
	}
}
