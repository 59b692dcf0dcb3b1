package volumes_test

import (
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
)

func TestVolumesFromSharesAnotherContainersVolumes(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	named := createVolume(l, "named")
	source := l.StartShell("source", "-v", "/shared", "-v", named+":/named")
	mustSh(l, source, "echo anon > /shared/f && echo named > /named/f")

	// --volumes-from mounts every volume of the source at the same paths.
	consumer := l.StartShell("consumer", "--volumes-from", source)
	assert.Equal(t, "anon\n", mustSh(l, consumer, "cat /shared/f"))
	assert.Equal(t, "named\n", mustSh(l, consumer, "cat /named/f"))
	for _, dest := range []string{"/shared", "/named"} {
		assert.Equal(t, mountAt(l, source, dest).Name, mountAt(l, consumer, dest).Name, "the same volume at %s", dest)
	}
	// The same volumes, not copies: a write shows up in the source.
	mustSh(l, consumer, "echo back > /shared/back")
	assert.Equal(t, "back\n", mustSh(l, source, "cat /shared/back"))
}

func TestNamedVolumeIsSharedBetweenRunningContainers(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	vol := createVolume(l, "shared")
	a := l.StartShell("a", "-v", vol+":/shared")
	b := l.StartShell("b", "-v", vol+":/shared")
	mustSh(l, a, "echo one >> /shared/log")
	mustSh(l, b, "echo two >> /shared/log")
	assert.Equal(t, "one\ntwo\n", mustSh(l, a, "cat /shared/log"), "both wrote to the same file")
}
