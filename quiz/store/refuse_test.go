package store

import (
	"context"
	"database/sql"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// makeSQLite writes a SQLite database at path with a plain rollback
// journal, set up by the statements.
func makeSQLite(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	require.NoError(t, err)
	defer db.Close()
	for _, s := range stmts {
		_, err := db.Exec(s)
		require.NoError(t, err, s)
	}
}

// makeOurs writes a real dockdrill database with a few reviews, closed
// cleanly.
func makeOurs(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	s, err := Open(ctx, path)
	require.NoError(t, err)
	for i := range 300 {
		_, err := s.RecordReview(ctx, review("s", "card-"+string(rune('a'+i%26)), t0, CardState{}))
		require.NoError(t, err)
	}
	require.NoError(t, s.Close())
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

func TestOpenRefusesFilesThatAreNotOursAndLeavesThemUntouched(t *testing.T) {
	tests := []struct {
		name string
		make func(t *testing.T, path string)
		want error
	}{
		{name: "text file", want: ErrNotDatabase, make: func(t *testing.T, path string) {
			require.NoError(t, os.WriteFile(path, []byte("exam-date = 2026-04-14\n"), 0o600))
		}},
		{name: "random bytes", want: ErrNotDatabase, make: func(t *testing.T, path string) {
			b := make([]byte, 8192)
			r := rand.New(rand.NewPCG(1, 2))
			for i := range b {
				b[i] = byte(r.Uint32())
			}
			require.NoError(t, os.WriteFile(path, b, 0o600))
		}},
		{name: "SQLite header then garbage", want: ErrNotDatabase, make: func(t *testing.T, path string) {
			b := append([]byte("SQLite format 3\x00"), make([]byte, 4000)...)
			for i := 16; i < len(b); i++ {
				b[i] = byte(i * 7)
			}
			require.NoError(t, os.WriteFile(path, b, 0o600))
		}},
		{name: "another program's application_id", want: ErrForeign, make: func(t *testing.T, path string) {
			makeSQLite(t, path, "PRAGMA application_id = 1196444487", "CREATE TABLE t (x)")
		}},
		{name: "another program's application_id and no tables", want: ErrForeign, make: func(t *testing.T, path string) {
			makeSQLite(t, path, "PRAGMA application_id = 1196444487")
		}},
		{name: "no application_id and tables that are not ours", want: ErrForeign, make: func(t *testing.T, path string) {
			makeSQLite(t, path, "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)", "INSERT INTO users VALUES (1, 'ann')")
		}},
		{name: "no application_id and a table named like ours", want: ErrForeign, make: func(t *testing.T, path string) {
			makeSQLite(t, path, "CREATE TABLE review_log (x)")
		}},
		{name: "no application_id and a user_version", want: ErrForeign, make: func(t *testing.T, path string) {
			makeSQLite(t, path, "PRAGMA user_version = 7")
		}},
		{name: "another program's database in WAL mode", want: ErrForeign, make: func(t *testing.T, path string) {
			makeSQLite(t, path, "PRAGMA journal_mode = WAL", "CREATE TABLE t (x)", "INSERT INTO t VALUES (1)")
		}},
		{name: "newer dockdrill schema", want: ErrTooNew, make: func(t *testing.T, path string) {
			makeOurs(t, path)
			makeSQLite(t, path, "PRAGMA user_version = 999")
		}},
		{name: "ours with a table dropped", want: ErrCorrupt, make: func(t *testing.T, path string) {
			makeOurs(t, path)
			makeSQLite(t, path, "DROP TABLE config")
		}},
		{name: "ours with the schema page overwritten", want: ErrCorrupt, make: func(t *testing.T, path string) {
			makeOurs(t, path)
			overwrite(t, path, 100, 3000) // page 1 after the header: sqlite_schema
		}},
		{name: "ours with the card_state pages overwritten", want: ErrCorrupt, make: func(t *testing.T, path string) {
			makeOurs(t, path)
			b, err := os.ReadFile(path)
			require.NoError(t, err)
			// Keep pages 1 and 2 (the schema), garble the rest.
			overwrite(t, path, 8192, len(b)-8192)
		}},
		{name: "ours truncated", want: ErrCorrupt, make: func(t *testing.T, path string) {
			makeOurs(t, path)
			require.NoError(t, os.Truncate(path, 4096+100))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "dockdrill.db")
			tt.make(t, path)
			before, err := os.ReadFile(path)
			require.NoError(t, err)
			files := listDir(t, dir)

			s, err := Open(context.Background(), path)
			if err == nil {
				s.Close()
			}
			require.Error(t, err)
			assert.True(t, errors.Is(err, tt.want), "want %v, got %v", tt.want, err)
			assert.Contains(t, err.Error(), path, "the error names the file")

			after, err := os.ReadFile(path)
			require.NoError(t, err)
			assert.Equal(t, before, after, "the file's bytes are unchanged")
			assert.Equal(t, files, listDir(t, dir), "no file was added or removed beside it")
		})
	}
}

// overwrite garbles n bytes of the file from off.
func overwrite(t *testing.T, path string, off, n int) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	require.NoError(t, err)
	defer f.Close()
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(0xA5 ^ i)
	}
	_, err = f.WriteAt(b, int64(off))
	require.NoError(t, err)
}

func TestCheckReportsDamageOutsideWhatOpenReads(t *testing.T) {
	// A damaged review_log page that Open does not read is found by
	// Check, the full integrity check.
	dir := t.TempDir()
	path := filepath.Join(dir, "dockdrill.db")
	ctx := context.Background()
	s, err := Open(ctx, path)
	require.NoError(t, err)
	for i := range 2000 {
		_, err := s.RecordReview(ctx, review("s", "c", t0.Add(time.Duration(i)*time.Minute), CardState{}))
		require.NoError(t, err)
	}
	require.NoError(t, s.Close())

	// Garble a page in the middle of the file, which belongs to the log
	// or its indexes: the card_state table holds one row.
	fi, err := os.Stat(path)
	require.NoError(t, err)
	require.Greater(t, fi.Size(), int64(40*4096))
	mid := fi.Size() / 2 / 4096 * 4096
	overwrite(t, path, int(mid)+8, 1000)

	// Open reads the card states and the newest end of the log only, so
	// it does not notice.
	s, err = Open(ctx, path)
	require.NoError(t, err)
	defer s.Close()
	err = s.Check(ctx)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrCorrupt)
	assert.Contains(t, err.Error(), path)
}
