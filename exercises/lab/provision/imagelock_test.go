package provision

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCLICommandsThatBuildOrRemoveImages(t *testing.T) {
	tests := []struct {
		args            string
		builds, removes bool
	}{
		{"build -q -t x .", true, false},
		{"image build . --tag x", true, false},
		{"--tlsverify -H tcp://127.0.0.1:1 build -", true, false},
		{"commit ctr img", true, false},
		{"rmi x", false, true},
		{"image rm x", false, true},
		{"image prune --force", false, true},
		{"system prune -f", false, true},
		{"image inspect x", false, false},
		{"run --rm x true", false, false},
		{"image ls", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.args, func(t *testing.T) {
			args := strings.Fields(tt.args)
			assert.Equal(t, tt.builds, Builds(args), "builds")
			assert.Equal(t, tt.removes, RemovesImages(args), "removes")
		})
	}
}

func TestBuildsShareTheImageLockAndARemovalWaitsForThem(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	ctx := t.Context()
	first, err := LockForBuild(ctx)
	require.NoError(t, err)
	second, err := LockForBuild(ctx)
	require.NoError(t, err, "a second build takes the lock while the first holds it")

	short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	_, err = LockForRemoval(short)
	require.ErrorIs(t, err, context.DeadlineExceeded, "a removal waits while builds run")

	first()
	second()
	unlock, err := LockForRemoval(ctx)
	require.NoError(t, err, "a removal goes once the builds are done")
	unlock()
}

func TestAWaitingRemovalHoldsNewBuildsBack(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	ctx := t.Context()
	build, err := LockForBuild(ctx)
	require.NoError(t, err)
	removed := make(chan func())
	go func() {
		unlock, err := LockForRemoval(ctx)
		assert.NoError(t, err)
		removed <- unlock
	}()
	// Once the removal waits at the gate, a new build cannot start.
	require.Eventually(t, func() bool {
		short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
		defer cancel()
		unlock, err := LockForBuild(short)
		if err == nil {
			unlock()
			return false
		}
		return true
	}, 5*time.Second, 10*time.Millisecond, "a new build waits behind the removal")
	build()
	unlock := <-removed
	unlock()
	later, err := LockForBuild(ctx)
	require.NoError(t, err, "builds go on after the removal")
	later()
}

func TestLockForTakesNothingForOtherCommands(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	ctx := t.Context()
	removal, err := LockFor(ctx, []string{"rmi", "x"})
	require.NoError(t, err)
	unlock, err := LockFor(ctx, []string{"run", "--rm", "x", "true"})
	require.NoError(t, err, "a run waits for no removal")
	unlock()
	short, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	_, err = LockFor(short, []string{"build", "."})
	require.ErrorIs(t, err, context.DeadlineExceeded, "a build waits for the removal")
	removal()
}
