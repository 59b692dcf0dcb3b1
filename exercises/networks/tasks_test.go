package networks_test

import (
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/dockdrill/dockdrill/exercises/tasks/tasktest"
)

// The proofs of the hands-on tasks of this area: each performs the task's
// reference solution and its common mistakes and sees the checker judge
// them (see exercises/tasks/tasktest).

func TestTaskNetDns(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "net-dns")
}

func TestTaskNetNone(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "net-none")
}

func TestTaskNetAlias(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "net-alias")
}

func TestTaskNetTwoNetworks(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "net-two-networks")
}

func TestTaskNetInternal(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "net-internal")
}
