package upload_test

import (
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/dockdrill/dockdrill/exercises/tasks/tasktest"
)

// The proofs of the hands-on tasks of this area: each performs the task's
// reference solution and its common mistakes and sees the checker judge
// them (see exercises/tasks/tasktest).

func TestTaskPushToRegistry(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "push-to-registry")
}

func TestTaskPushTwoTags(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "push-two-tags")
}

func TestTaskPullByDigest(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "pull-by-digest")
}

func TestTaskOwnRegistry(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "own-registry")
}

func TestTaskPushNamespaced(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "push-namespaced")
}
