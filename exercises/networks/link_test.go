package networks_test

import (
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLinkWritesHostsOnTheDefaultBridgeButOnlyAliasesOnAUserNetwork(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)

	// On the default bridge --link writes the target into /etc/hosts.
	db := shell(l, "db")
	linker := shell(l, "linker", "--link", db+":dbalias")
	hosts := mustRead(t, l, linker, "/etc/hosts")
	assert.Regexp(t, `(?m)^`+ipOn(l, db, "bridge")+`\s+dbalias\b`, hosts, "--link adds the alias to /etc/hosts on the default bridge")

	// On a user-defined network it is accepted, but only adds an alias
	// that the linking container's embedded DNS answers.
	net := createNetwork(l, "linked")
	db2 := shell(l, "db2", "--network", net)
	linker2 := shell(l, "linker2", "--network", net, "--link", db2+":dbalias2")
	other := shell(l, "other", "--network", net)
	assert.NotContains(t, mustRead(t, l, linker2, "/etc/hosts"), "dbalias2", "no /etc/hosts line on a user-defined network")
	res := sh(l, linker2, "nslookup dbalias2")
	require.Equal(t, 0, res.Code, "the linking container resolves the alias: %s%s", res.Stdout, res.Stderr)
	assert.Contains(t, res.Stdout, ipOn(l, db2, net))
	res = sh(l, other, "nslookup dbalias2")
	assert.NotEqual(t, 0, res.Code, "the alias is the linking container's own: %s", res.Stdout)
}

// mustRead returns the content of a file in a running container.
func mustRead(t *testing.T, l *lab.Lab, ctr, path string) string {
	t.Helper()
	res := l.Docker("exec", ctr, "cat", path)
	require.Equal(t, 0, res.Code, "cat %s: %s", path, res.Stderr)
	return res.Stdout
}
