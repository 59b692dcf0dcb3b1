package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// openAt creates a database at path with the schema of version v, as an
// older dockdrill would have left it.
func openAt(t *testing.T, path string, v int) *Store {
	t.Helper()
	db, err := sql.Open("sqlite", dsn(path, "rw"))
	require.NoError(t, err)
	s := &Store{db: db, path: path}
	require.NoError(t, migrateTo(context.Background(), s, v))
	return s
}

func userVersion(t *testing.T, s *Store) int {
	t.Helper()
	var v int
	require.NoError(t, s.db.QueryRow("PRAGMA user_version").Scan(&v))
	return v
}

func schemaNames(t *testing.T, s *Store) []string {
	t.Helper()
	h, err := readHeader(context.Background(), s.db)
	require.NoError(t, err)
	return h.tables
}

func TestMigrationFromEveryOlderVersionKeepsTheData(t *testing.T) {
	ctx := context.Background()
	for v := 0; v < SchemaVersion(); v++ {
		t.Run(string(rune('0'+v)), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "dockdrill.db")
			old := openAt(t, path, v)
			require.Equal(t, v, userVersion(t, old))
			// The data each version can hold.
			if v >= 1 {
				_, err := old.RecordReview(ctx, review("s", "volumes-01", t0, CardState{}))
				require.NoError(t, err)
				require.NoError(t, old.SetConfig(ctx, "exam-date", "2026-04-14"))
			}
			if v >= 2 {
				_, err := old.RecordProof(ctx, ProofResult{Time: t0, Proof: "volumes/TestX", Passed: true})
				require.NoError(t, err)
			}
			require.NoError(t, old.Close())

			s, err := Open(ctx, path)
			require.NoError(t, err)
			defer s.Close()
			assert.Equal(t, SchemaVersion(), userVersion(t, s))
			want := schemaObjects(SchemaVersion())
			slices.Sort(want)
			assert.Equal(t, want, schemaNames(t, s))
			require.NoError(t, s.Check(ctx))

			if v >= 1 {
				states, err := s.CardStates(ctx)
				require.NoError(t, err)
				assert.Contains(t, states, "volumes-01")
				date, _, err := s.Config(ctx, "exam-date")
				require.NoError(t, err)
				assert.Equal(t, "2026-04-14", date)
			}
			if v >= 2 {
				proofs, err := s.ProofResults(ctx, time.Time{})
				require.NoError(t, err)
				assert.Len(t, proofs, 1)
			}
			// Everything of the newest version works.
			_, err = s.RecordExam(ctx, ExamResult{Started: t0, Questions: 1})
			require.NoError(t, err)
		})
	}
}

func TestSchemaObjectsListEveryTableAndIndex(t *testing.T) {
	for v := 0; v <= SchemaVersion(); v++ {
		path := filepath.Join(t.TempDir(), "dockdrill.db")
		s := openAt(t, path, v)
		want := schemaObjects(v)
		slices.Sort(want)
		got := schemaNames(t, s)
		if v == 0 {
			assert.Empty(t, got)
		} else {
			assert.Equal(t, want, got, "version %d", v)
		}
		s.Close()
	}
}

func TestFailedMigrationLeavesTheDatabaseAtTheOlderVersion(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dockdrill.db")
	s, err := Open(ctx, path)
	require.NoError(t, err)
	_, err = s.RecordReview(ctx, review("s", "c", t0, CardState{}))
	require.NoError(t, err)
	require.NoError(t, s.Close())

	saved := migrations
	t.Cleanup(func() { migrations = saved })
	migrations = append(slices.Clone(saved), migration{
		objects: []string{"half_done"},
		stmts:   []string{`CREATE TABLE half_done (x INTEGER) STRICT`, `CREATE TABLE oops (`},
	})
	_, err = Open(ctx, path)
	require.Error(t, err)
	assert.Contains(t, err.Error(), path)

	migrations = saved
	s, err = Open(ctx, path)
	require.NoError(t, err)
	defer s.Close()
	assert.Equal(t, len(saved), userVersion(t, s))
	assert.NotContains(t, schemaNames(t, s), "half_done", "the migration's first statement was rolled back")
	states, err := s.CardStates(ctx)
	require.NoError(t, err)
	assert.Contains(t, states, "c")
}

func TestConcurrentOpensOfANewDatabaseMigrateOnce(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dockdrill.db")
	const n = 6
	var wg sync.WaitGroup
	errs := make([]error, n)
	stores := make([]*Store, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stores[i], errs[i] = Open(ctx, path)
		}()
	}
	wg.Wait()
	for i := range n {
		require.NoError(t, errs[i])
		defer stores[i].Close()
	}
	assert.Equal(t, SchemaVersion(), userVersion(t, stores[0]))
	require.NoError(t, stores[0].Check(ctx))
}
