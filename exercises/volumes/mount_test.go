package volumes_test

import (
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
)

func TestMountFlagEqualsDashV(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	vol := createVolume(l, "myvol")
	for _, c := range []struct{ name, dashV, mount string }{
		{"rw", "-v=" + vol + ":/app", "--mount=type=volume,source=" + vol + ",target=/app"},
		// The notes' form: without type=, --mount means a volume.
		{"notes", "-v=" + vol + ":/app", "--mount=source=" + vol + ",target=/app"},
		{"ro", "-v=" + vol + ":/app:ro", "--mount=type=volume,source=" + vol + ",target=/app,readonly"},
	} {
		byV := l.StartShell(c.name+"-v", c.dashV)
		byMount := l.StartShell(c.name+"-mount", c.mount)
		assert.Equal(t, withoutMode(mounts(l, byV)), withoutMode(mounts(l, byMount)), "%s and %s give the same Mounts", c.dashV, c.mount)
		assert.Equal(t, vol, mountAt(l, byMount, "/app").Name, "%s mounts the named volume", c.mount)
	}
	// And they share the data, since they mount the same volume.
	mustSh(l, l.Name("rw-v"), "echo via-v > /app/f")
	assert.Equal(t, "via-v\n", mustSh(l, l.Name("notes-mount"), "cat /app/f"))
}

// withoutMode clears the Mode of mounts: it only echoes the option text of
// -v (":ro" shows as Mode "ro"), while RW says what the mount is.
func withoutMode(ms []Mount) []Mount {
	for i := range ms {
		ms[i].Mode = ""
	}
	return ms
}
