package volumes_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/require"
)

// createVolume runs docker volume create with the test's labels and
// returns the volume's name.
func createVolume(l *lab.Lab, name string) string {
	l.T.Helper()
	n := l.Name(name)
	require.Equal(l.T, n, l.MustDocker(append(append([]string{"volume", "create"}, l.LabelArgs()...), n)...))
	return n
}

// mustSh runs a shell script in a running container and returns its
// standard output; the test fails if the script fails.
func mustSh(l *lab.Lab, ctr, script string) string {
	l.T.Helper()
	res := l.Sh(ctr, script)
	require.Equal(l.T, 0, res.Code, "%s: %s%s", script, res.Stdout, res.Stderr)
	return res.Stdout
}

// Mount is one entry of a container's Mounts in docker inspect.
type Mount struct {
	Type, Name, Source, Destination, Driver, Mode string
	RW                                            bool
}

// mounts returns the Mounts of a container as docker inspect shows them.
func mounts(l *lab.Lab, ctr string) []Mount {
	l.T.Helper()
	var ms []Mount
	require.NoError(l.T, json.Unmarshal([]byte(l.MustDocker("inspect", "--format", "{{json .Mounts}}", ctr)), &ms))
	return ms
}

// mountAt returns the container's mount at destination.
func mountAt(l *lab.Lab, ctr, destination string) Mount {
	l.T.Helper()
	for _, m := range mounts(l, ctr) {
		if m.Destination == destination {
			return m
		}
	}
	l.T.Fatalf("%s has no mount at %s: %+v", ctr, destination, mounts(l, ctr))
	return Mount{}
}

// volumeExists reports whether docker volume inspect finds the volume.
func volumeExists(l *lab.Lab, name string) bool {
	l.T.Helper()
	return l.Docker("volume", "inspect", name).Code == 0
}

// removeVolumeLater removes a volume that has no labels (an anonymous one
// the test orphaned on purpose) when the test ends.
func removeVolumeLater(t *testing.T, name string) {
	t.Cleanup(func() {
		// Ignore the error: the test may have removed it already.
		runDocker("volume", "rm", "-f", name)
	})
}

// asUser is the docker run option that makes a container write files in a
// bind-mounted directory as the user running the test, so the test can
// remove them afterwards.
func asUser() []string { return []string{"--user", fmt.Sprintf("%d:%d", os.Getuid(), os.Getgid())} }

// runDocker runs the docker CLI outside any test's context, for cleanups.
func runDocker(args ...string) error { return exec.Command("docker", args...).Run() }
