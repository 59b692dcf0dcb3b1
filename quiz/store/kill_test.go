package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The SIGKILL tests re-run the test binary as a writer: with writerEnv set
// to a database path, TestMain records reviews one at a time and prints
// "committed N ID" after RecordReview returns for the N-th.
const (
	writerEnv        = "DOCKDRILL_STORE_TEST_WRITER"
	writerSessionEnv = "DOCKDRILL_STORE_TEST_SESSION"
)

// runWriter is the writer process. It stops by itself after a minute in
// case its parent died without killing it.
func runWriter(path, session string) int {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := Open(ctx, path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	before := CardState{}
	for n := 1; ctx.Err() == nil; n++ {
		r := review(session, fmt.Sprintf("card-%03d", n%250), t0.Add(time.Duration(n)*time.Second), before)
		id, err := s.RecordReview(ctx, r)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		// Unbuffered: the line leaves the process before the next
		// review starts.
		fmt.Printf("committed %d %d\n", n, id)
	}
	return 0
}

// writer is a running writer process.
type writer struct {
	cmd *exec.Cmd
	ids chan int64 // the ids the writer reported committed
}

func startWriter(t *testing.T, path, session string) *writer {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), writerEnv+"="+path, writerSessionEnv+"="+session)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	w := &writer{cmd: cmd, ids: make(chan int64, 1<<16)}
	go func() {
		defer close(w.ids)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			f := strings.Fields(sc.Text())
			if len(f) != 3 || f[0] != "committed" {
				continue
			}
			id, err := strconv.ParseInt(f[2], 10, 64)
			if err == nil {
				w.ids <- id
			}
		}
	}()
	t.Cleanup(func() {
		w.cmd.Process.Kill()
		w.cmd.Wait()
	})
	return w
}

// waitCommits collects the ids of the first k commits the writer reports,
// failing the test after a deadline.
func (w *writer) waitCommits(t *testing.T, k int) []int64 {
	t.Helper()
	deadline := time.After(60 * time.Second)
	var ids []int64
	for len(ids) < k {
		select {
		case id, ok := <-w.ids:
			require.True(t, ok, "writer exited after %d commits", len(ids))
			ids = append(ids, id)
		case <-deadline:
			t.Fatalf("writer reported only %d of %d commits", len(ids), k)
		}
	}
	return ids
}

// kill sends SIGKILL and returns every id the writer reported before dying.
func (w *writer) kill(t *testing.T, seen []int64) []int64 {
	t.Helper()
	require.NoError(t, w.cmd.Process.Kill())
	w.cmd.Wait()
	for id := range w.ids {
		seen = append(seen, id)
	}
	return seen
}

func TestSIGKILLedWriterLosesNoConfirmedReview(t *testing.T) {
	if testing.Short() {
		t.Skip("starts writer processes")
	}
	tests := []struct {
		name    string
		writers int
		k       int
	}{
		{name: "one writer", writers: 1, k: 200},
		{name: "two writers on one file", writers: 2, k: 150},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "dockdrill.db")
			var ws []*writer
			for i := range tt.writers {
				ws = append(ws, startWriter(t, path, fmt.Sprintf("session-%d", i)))
			}
			reported := make([][]int64, len(ws))
			for i, w := range ws {
				reported[i] = w.waitCommits(t, tt.k)
			}
			for i, w := range ws {
				reported[i] = w.kill(t, reported[i])
			}

			ctx := context.Background()
			s, err := Open(ctx, path)
			require.NoError(t, err)
			defer s.Close()
			require.NoError(t, s.Check(ctx))
			present := map[int64]bool{}
			for r, err := range s.Reviews(ctx, time.Time{}, time.Time{}) {
				require.NoError(t, err)
				present[r.ID] = true
			}
			for i := range ws {
				assert.GreaterOrEqual(t, len(reported[i]), tt.k)
				for _, id := range reported[i] {
					require.True(t, present[id], "review %d reported committed by writer %d is missing", id, i)
				}
				sum, err := s.SessionSummary(ctx, fmt.Sprintf("session-%d", i))
				require.NoError(t, err)
				assert.GreaterOrEqual(t, sum.Reviews, len(reported[i]))
			}
			// The killed writers left the database usable.
			_, err = s.RecordReview(ctx, review("after", "card-x", t0, CardState{}))
			require.NoError(t, err)
		})
	}
}

func TestOpenAfterACrashWithOnlyTheWALLeft(t *testing.T) {
	// A database copied from a crashed drill: main file and -wal, but no
	// -shm. Open reads through the WAL and loses nothing.
	if testing.Short() {
		t.Skip("starts a writer process")
	}
	path := filepath.Join(t.TempDir(), "dockdrill.db")
	w := startWriter(t, path, "crashed")
	ids := w.kill(t, w.waitCommits(t, 50))
	_, err := os.Stat(path + "-wal")
	require.NoError(t, err, "the killed writer left its WAL")
	require.NoError(t, os.Remove(path+"-shm"))

	ctx := context.Background()
	s, err := Open(ctx, path)
	require.NoError(t, err)
	defer s.Close()
	sum, err := s.SessionSummary(ctx, "crashed")
	require.NoError(t, err)
	assert.GreaterOrEqual(t, sum.Reviews, len(ids))
	require.NoError(t, s.Check(ctx))
}
