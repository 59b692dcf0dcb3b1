// Package testio holds the streams tests share.
package testio

import (
	"bytes"
	"sync"
)

// SyncBuffer collects output written by one goroutine while a test reads it
// from another: a bytes.Buffer behind a mutex.
type SyncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *SyncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String returns what has been written so far.
func (s *SyncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
