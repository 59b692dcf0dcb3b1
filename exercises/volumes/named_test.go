package volumes_test

import (
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/testcontainers/testcontainers-go"
	"github.com/testcontainers/testcontainers-go/wait"
)

// redisGet polls redis-cli GET key in ctr until it answers without error
// (redis may still be loading its data) and returns the value.
func redisGet(t *testing.T, l *lab.Lab, ctr testcontainers.Container, key string) string {
	t.Helper()
	var value string
	require.EventuallyWithT(t, func(c *assert.CollectT) {
		code, out := l.Exec(ctr, "redis-cli", "--raw", "GET", key)
		require.Equal(c, 0, code, out)
		require.NotContains(c, out, "LOADING")
		value = out
	}, 30*time.Second, 250*time.Millisecond)
	return value
}

func TestNamedVolumeSurvivesRedisRestart(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	vol := l.Volume("redis-data")
	runRedis := func() *testcontainers.DockerContainer {
		return l.Container(l.Image(lab.Redis),
			testcontainers.WithMounts(testcontainers.VolumeMount(vol, "/data")),
			testcontainers.WithWaitStrategy(wait.ForListeningPort("6379/tcp").WithStartupTimeout(30*time.Second)))
	}

	first := runRedis()
	code, out := l.Exec(first, "redis-cli", "SET", "visits", "41")
	require.Equal(t, 0, code, out)
	code, out = l.Exec(first, "redis-cli", "INCR", "visits")
	require.Equal(t, 0, code, out)

	// docker stop sends SIGTERM: redis writes its data to /data, the volume.
	stopTimeout := 10 * time.Second
	require.NoError(t, first.Stop(l.Ctx, &stopTimeout))
	require.NoError(t, first.Start(l.Ctx))
	assert.Equal(t, "42\n", redisGet(t, l, first, "visits"), "the value survives a restart of the container")

	// Remove the container entirely; a new one on the same volume still
	// has the data, because it lives in the volume, not the container.
	require.NoError(t, first.Terminate(l.Ctx, testcontainers.StopTimeout(stopTimeout)))
	second := runRedis()
	assert.NotEqual(t, first.GetContainerID(), second.GetContainerID())
	assert.Equal(t, "42\n", redisGet(t, l, second, "visits"), "the value survives remove and recreate")

	inspect, err := second.Inspect(l.Ctx)
	require.NoError(t, err)
	require.Len(t, inspect.Mounts, 1)
	assert.Equal(t, vol, inspect.Mounts[0].Name)
	assert.Equal(t, "/data", inspect.Mounts[0].Destination)
}
