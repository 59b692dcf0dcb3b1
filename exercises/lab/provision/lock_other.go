//go:build !unix

package provision

import (
	"context"
	"errors"
	"os"
	"time"
)

// fileLock is a lock file created exclusively; it is removed on unlock.
type fileLock struct{ path string }

// lockFileShared is lockFile here: without flock a shared lock is an
// exclusive one, which is slower but as safe.
func lockFileShared(ctx context.Context, path string) (*fileLock, error) {
	return lockFile(ctx, path, nil)
}

func lockFile(ctx context.Context, path string, onWait func()) (*fileLock, error) {
	path += ".held"
	waited := false
	for {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err == nil {
			f.Close()
			return &fileLock{path}, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return nil, err
		}
		if !waited && onWait != nil {
			onWait()
			waited = true
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func (l *fileLock) unlock() error { return os.Remove(l.path) }

// tryLock fails: without flock a lock file would outlive a killed process,
// so a process cannot mark itself live here.
func tryLock(string) (*fileLock, error) { return nil, errors.ErrUnsupported }

// held reports false: no process marks itself live here (see tryLock), and
// Clean removes what it finds.
func held(string) bool { return false }

// remove lets go of the lock, which deletes its file.
func (l *fileLock) remove() error { return l.unlock() }
