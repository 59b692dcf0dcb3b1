package images_test

import (
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
)

// imageID returns the ID of the local image ref.
func imageID(t *testing.T, l *lab.Lab, ref string) string {
	t.Helper()
	return l.MustDocker("image", "inspect", "--format", "{{.Id}}", ref)
}

// absent reports whether no local image answers to ref.
func absent(l *lab.Lab, ref string) bool {
	return l.Docker("image", "inspect", ref).Code != 0
}

// push tags the local image ref as remote, pushes it, removes the remote tag
// again, and returns the digest the registry reported.
func push(t *testing.T, l *lab.Lab, ref, remote string) string {
	t.Helper()
	l.RemoveImageAtEnd(remote)
	l.MustDocker("tag", ref, remote)
	_, digest := l.Push(remote)
	l.MustDocker("rmi", remote)
	return digest
}
