package store

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// roHelperEnv names the database TestReadOnlyHelperProcess reads, in the
// child process that TestOpenReadOnlyReadsAReadOnlyDirectory starts.
const roHelperEnv = "DOCKDRILL_TEST_RO_DB"

// writtenStore makes a closed database at a new path with one review and
// one setting, and returns its path.
func writtenStore(t *testing.T) string {
	t.Helper()
	s, path := openTemp(t)
	ctx := context.Background()
	_, err := s.RecordReview(ctx, review("s", "card", t0, CardState{}))
	require.NoError(t, err)
	require.NoError(t, s.SetConfig(ctx, "exam-date", "2026-12-14"))
	require.NoError(t, s.Close())
	return path
}

// readEverything reads what the read-only commands read and checks that a
// write is refused; it returns the first problem.
func readEverything(ctx context.Context, path string) error {
	s, err := OpenReadOnly(ctx, path)
	if err != nil {
		return err
	}
	defer s.Close()
	states, err := s.CardStates(ctx)
	if err != nil {
		return err
	}
	if len(states) != 1 {
		return assert.AnError
	}
	if _, err := s.ReviewsSince(ctx, time.Time{}); err != nil {
		return err
	}
	if v, ok, err := s.Config(ctx, "exam-date"); err != nil || !ok || v != "2026-12-14" {
		return assert.AnError
	}
	if _, err := s.RecordReview(ctx, review("s2", "card", t0.Add(time.Hour), states["card"])); err == nil {
		return assert.AnError
	}
	return nil
}

// TestOpenReadOnlyReadsAReadOnlyDirectory reads a database whose directory
// is mounted read-only (root ignores permission bits, so as root the check
// runs in a child process in a mount namespace of its own, with the
// directory bind-mounted read-only; otherwise the directory and file lose
// their write bits).
func TestOpenReadOnlyReadsAReadOnlyDirectory(t *testing.T) {
	path := writtenStore(t)
	dir := filepath.Dir(path)
	before := listing(t, dir)
	if os.Geteuid() != 0 {
		require.NoError(t, os.Chmod(path, 0o444))
		require.NoError(t, os.Chmod(dir, 0o555))
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		require.NoError(t, readEverything(context.Background(), path))
	} else {
		unshare, err := exec.LookPath("unshare")
		require.NoError(t, err, "as root the test needs unshare(1) to mount the directory read-only")
		cmd := exec.Command(unshare, "-m", "sh", "-c",
			`mount --bind -o ro "$1" "$1" && exec "$2" -test.run='^TestReadOnlyHelperProcess$'`, "sh", dir, os.Args[0])
		cmd.Env = append(os.Environ(), roHelperEnv+"="+path)
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", out)
		require.Contains(t, string(out), "PASS")
	}
	assert.Equal(t, before, listing(t, dir), "reading changed nothing in the directory")
}

// TestReadOnlyHelperProcess is the child process of
// TestOpenReadOnlyReadsAReadOnlyDirectory; run on its own it has nothing to
// read and returns at once.
func TestReadOnlyHelperProcess(t *testing.T) {
	path := os.Getenv(roHelperEnv)
	if path == "" {
		return
	}
	// The mount must really be read-only, or the test proves nothing.
	_, err := os.Create(filepath.Join(filepath.Dir(path), "probe"))
	require.Error(t, err, "the directory is writable")
	require.NoError(t, readEverything(context.Background(), path))
}

func TestOpenReadOnlyOfAMissingDatabaseIsEmptyAndCreatesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "sub", "dockdrill.db")
	s, err := OpenReadOnly(context.Background(), path)
	require.NoError(t, err)
	defer s.Close()
	states, err := s.CardStates(context.Background())
	require.NoError(t, err)
	assert.Empty(t, states)
	_, err = s.RecordReview(context.Background(), review("s", "card", t0, CardState{}))
	assert.ErrorIs(t, err, ErrReadOnly)
	assert.NoDirExists(t, filepath.Join(dir, "sub"))
}

func TestOpenReadOnlyRefusesWhatOpenRefuses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "notes.db")
	require.NoError(t, os.WriteFile(path, []byte("not a database at all, just some text that is long enough"), 0o644))
	_, err := OpenReadOnly(context.Background(), path)
	assert.ErrorIs(t, err, ErrNotDatabase)
}

// listing maps each file in dir to its size and modification time.
func listing(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	out := map[string]string{}
	for _, e := range entries {
		fi, err := e.Info()
		require.NoError(t, err)
		out[e.Name()] = fi.ModTime().String() + " " + time.Duration(fi.Size()).String()
	}
	return out
}
