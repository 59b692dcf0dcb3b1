package store

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBackupDailyWritesOneADayAndKeepsAWeek(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	got, err := s.BackupDaily(ctx, t0)
	require.NoError(t, err)
	assert.Empty(t, got, "a database without reviews is not backed up")

	_, err = s.RecordReview(ctx, review("s", "card", t0, CardState{}))
	require.NoError(t, err)
	for day := range 10 {
		now := t0.AddDate(0, 0, day)
		first, err := s.BackupDaily(ctx, now)
		require.NoError(t, err)
		assert.Equal(t, filepath.Join(filepath.Dir(path), "backups", "dockdrill-"+now.Format("2006-01-02")+".db"), first)
		again, err := s.BackupDaily(ctx, now.Add(time.Hour))
		require.NoError(t, err)
		assert.Empty(t, again, "one backup a day")
	}
	all, err := Backups(path)
	require.NoError(t, err)
	require.Len(t, all, KeepBackups)
	assert.Equal(t, t0.AddDate(0, 0, 9).Format("2006-01-02"), all[0].Day.Format("2006-01-02"), "newest first")
	assert.Equal(t, t0.AddDate(0, 0, 3).Format("2006-01-02"), all[KeepBackups-1].Day.Format("2006-01-02"))

	// A backup is a sound database holding the review.
	b, err := Open(ctx, all[0].Path)
	require.NoError(t, err)
	defer b.Close()
	rs, err := b.ReviewsSince(ctx, time.Time{})
	require.NoError(t, err)
	assert.Len(t, rs, 1)
}

func TestRestoreReplacesACorruptDatabaseAndKeepsIt(t *testing.T) {
	ctx := context.Background()
	s, path := openTemp(t)
	_, err := s.RecordReview(ctx, review("s", "card", t0, CardState{}))
	require.NoError(t, err)
	backup, err := s.BackupDaily(ctx, t0)
	require.NoError(t, err)
	require.NoError(t, s.Close())

	// Damage the database: overwrite its pages after the header.
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	for i := 100; i < len(data); i++ {
		data[i] = 0xA5
	}
	require.NoError(t, os.WriteFile(path, data, 0o600))
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
	_, err = Open(ctx, path)
	require.Error(t, err, "the damaged database is refused")

	kept, err := Restore(ctx, path, backup, t0)
	require.NoError(t, err)
	assert.FileExists(t, kept, "the replaced file is kept")
	restored, err := Open(ctx, path)
	require.NoError(t, err)
	defer restored.Close()
	rs, err := restored.ReviewsSince(ctx, time.Time{})
	require.NoError(t, err)
	assert.Len(t, rs, 1)
}

func TestRestoreRefusesABackupThatIsNotADatabase(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.db")
	require.NoError(t, os.WriteFile(bad, []byte("this is not a SQLite file but a text of some length"), 0o600))
	_, err := Restore(context.Background(), filepath.Join(dir, "dockdrill.db"), bad, t0)
	assert.ErrorIs(t, err, ErrNotDatabase)
	assert.NoFileExists(t, filepath.Join(dir, "dockdrill.db"))
}
