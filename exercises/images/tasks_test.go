package images_test

import (
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/dockdrill/dockdrill/exercises/tasks/tasktest"
)

// The proofs of the hands-on tasks of this area: each performs the task's
// reference solution and its common mistakes and sees the checker judge
// them (see exercises/tasks/tasktest).

func TestTaskCommitChange(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "commit-change")
}

func TestTaskTagImage(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "tag-image")
}

func TestTaskRunFromTag(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "run-from-tag")
}

func TestTaskCommitWithCmd(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "commit-with-cmd")
}

func TestTaskSaveArchive(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	tasktest.Prove(t, l, "save-archive")
}
