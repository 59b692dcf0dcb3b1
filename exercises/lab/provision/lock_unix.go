//go:build unix

package provision

import (
	"context"
	"os"
	"syscall"
	"time"
)

// fileLock holds an exclusive lock on a file, shared by every process of the
// machine, so that two test processes never build the same image at once.
type fileLock struct{ f *os.File }

// lockFile waits for the exclusive lock on path, polling so that ctx can end
// the wait; onWait is called once if the lock is held by someone else.
func lockFile(ctx context.Context, path string, onWait func()) (*fileLock, error) {
	return lockFileHow(ctx, path, syscall.LOCK_EX, onWait)
}

// lockFileShared waits for a shared lock on path: any number of holders at
// once, none while someone holds the exclusive lock.
func lockFileShared(ctx context.Context, path string) (*fileLock, error) {
	return lockFileHow(ctx, path, syscall.LOCK_SH, nil)
}

func lockFileHow(ctx context.Context, path string, how int, onWait func()) (*fileLock, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	waited := false
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if err == nil {
			return &fileLock{f}, nil
		}
		if err != syscall.EWOULDBLOCK {
			f.Close()
			return nil, err
		}
		if !waited && onWait != nil {
			onWait()
			waited = true
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func (l *fileLock) unlock() error {
	syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	return l.f.Close()
}

// tryLock takes the exclusive lock on path at once, or fails. Between
// creating the file and locking it, held in another process may take the
// still unlocked file for an ended process's and remove it; tryLock then
// makes it again, so that the lock it returns is on the file at path.
// The sweep may also hold the new file's lock for a moment: tryLock waits
// that out, a second at most.
func tryLock(path string) (*fileLock, error) {
	for tries := 0; ; tries++ {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
		if err != nil {
			return nil, err
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			f.Close()
			if err != syscall.EWOULDBLOCK || tries == 100 {
				return nil, err
			}
			time.Sleep(10 * time.Millisecond)
			continue
		}
		mine, err1 := f.Stat()
		there, err2 := os.Stat(path)
		if err1 == nil && err2 == nil && os.SameFile(mine, there) {
			return &fileLock{f}, nil
		}
		f.Close()
	}
}

// held reports whether another process holds the lock on the file at path.
// A file nobody holds is left by a process that has ended: it is removed.
func held(path string) bool {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		return err == syscall.EWOULDBLOCK
	}
	os.Remove(path)
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return false
}

// remove deletes the lock file and lets go of the lock.
func (l *fileLock) remove() error {
	os.Remove(l.f.Name())
	return l.unlock()
}
