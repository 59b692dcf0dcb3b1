//go:build unix

package provision

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFileLockMakesTheSecondHolderWait(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lab.lock")
	first, err := lockFile(context.Background(), path, nil)
	require.NoError(t, err)

	// While the first holds it, a second cannot take it and is told it waits.
	waited := false
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	_, err = lockFile(ctx, path, func() { waited = true })
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.True(t, waited)

	// Once released, the second takes it.
	require.NoError(t, first.unlock())
	second, err := lockFile(context.Background(), path, nil)
	require.NoError(t, err)
	require.NoError(t, second.unlock())
}
