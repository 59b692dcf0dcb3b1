package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMain(m *testing.M) {
	// The test binary doubles as the writer process of the SIGKILL
	// tests; see kill_test.go.
	if path := os.Getenv(writerEnv); path != "" {
		os.Exit(runWriter(path, os.Getenv(writerSessionEnv)))
	}
	os.Exit(m.Run())
}

// t0 is the start of the tests' simulated time.
var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func openTemp(t testing.TB) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "dockdrill.db")
	s, err := Open(context.Background(), path)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s, path
}

// review returns a valid review of card at time at whose after state is a
// review-state card due a day later.
func review(session, card string, at time.Time, before CardState) Review {
	after := CardState{
		Stability: before.Stability + 2.5, Difficulty: 5.25, State: StateReview,
		Due: at.Add(24 * time.Hour).Truncate(time.Millisecond), LastReview: at.Truncate(time.Millisecond),
		Reps: before.Reps + 1, Lapses: before.Lapses,
	}
	return Review{
		SessionID: session, CardID: card, Time: at, Rating: Good, Typed: "docker ps -a",
		Verdict: VerdictRight, Took: 4200 * time.Millisecond, Before: before, After: after,
		CardHash: "sha256:" + card,
	}
}

func TestPathResolution(t *testing.T) {
	tests := []struct {
		name string
		flag string
		env  map[string]string
		want string
		err  bool
	}{
		{name: "flag wins over everything", flag: "/x/flag.db",
			env: map[string]string{"DOCKDRILL_DB": "/x/env.db", "XDG_DATA_HOME": "/xdg", "HOME": "/home/u"}, want: "/x/flag.db"},
		{name: "DOCKDRILL_DB wins over XDG", env: map[string]string{"DOCKDRILL_DB": "/x/env.db", "XDG_DATA_HOME": "/xdg", "HOME": "/home/u"},
			want: "/x/env.db"},
		{name: "XDG_DATA_HOME", env: map[string]string{"XDG_DATA_HOME": "/xdg", "HOME": "/home/u"},
			want: "/xdg/dockdrill/dockdrill.db"},
		{name: "relative XDG_DATA_HOME is ignored", env: map[string]string{"XDG_DATA_HOME": "rel", "HOME": "/home/u"},
			want: "/home/u/.local/share/dockdrill/dockdrill.db"},
		{name: "HOME", env: map[string]string{"HOME": "/home/u"}, want: "/home/u/.local/share/dockdrill/dockdrill.db"},
		{name: "nothing set is an error", env: map[string]string{}, err: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Path(tt.flag, func(k string) string { return tt.env[k] })
			if tt.err {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestOpenCreatesPrivateParentDirectories(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a", "b", "dockdrill.db")
	s, err := Open(context.Background(), path)
	require.NoError(t, err)
	defer s.Close()
	for _, d := range []string{filepath.Join(dir, "a"), filepath.Join(dir, "a", "b")} {
		fi, err := os.Stat(d)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o700), fi.Mode().Perm(), d)
	}
	assert.Equal(t, path, s.Path())
}

func TestEveryConnectionHasThePragmas(t *testing.T) {
	s, _ := openTemp(t)
	ctx := context.Background()
	// Hold several connections at once so the pool opens new ones.
	for i := range 4 {
		conn, err := s.db.Conn(ctx)
		require.NoError(t, err)
		defer conn.Close()
		get := func(p string) string {
			var v string
			require.NoError(t, conn.QueryRowContext(ctx, "PRAGMA "+p).Scan(&v))
			return v
		}
		assert.Equal(t, "wal", get("journal_mode"), "conn %d", i)
		assert.Equal(t, "1", get("foreign_keys"), "conn %d", i)
		assert.Equal(t, "5000", get("busy_timeout"), "conn %d", i)
		assert.Equal(t, "2", get("synchronous"), "conn %d (FULL)", i)
		assert.Equal(t, fmt.Sprint(ApplicationID), get("application_id"), "conn %d", i)
		assert.Equal(t, fmt.Sprint(SchemaVersion()), get("user_version"), "conn %d", i)
	}
}

func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	_, err := s.RecordReview(ctx, review("s1", "volumes-01", t0, CardState{}))
	require.NoError(t, err)
	require.NoError(t, s.Close())

	s2, err := Open(ctx, path)
	require.NoError(t, err)
	defer s2.Close()
	states, err := s2.CardStates(ctx)
	require.NoError(t, err)
	assert.Contains(t, states, "volumes-01")
	require.NoError(t, s2.Check(ctx))
}

func TestEmptyFileBecomesANewDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	require.NoError(t, os.WriteFile(path, nil, 0o600))
	s, err := Open(context.Background(), path)
	require.NoError(t, err)
	defer s.Close()
	_, err = s.RecordReview(context.Background(), review("s", "c", t0, CardState{}))
	require.NoError(t, err)
}

func TestOpenRefusesADirectory(t *testing.T) {
	dir := t.TempDir()
	_, err := Open(context.Background(), dir)
	require.Error(t, err)
	assert.Contains(t, err.Error(), dir)
}
