package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// KeepBackups is how many daily backups are kept, as Anki keeps a week's.
const KeepBackups = 7

// backupDay is how a backup's file name carries its day.
const backupDay = "2006-01-02"

// Backup is one backup of a database.
type Backup struct {
	Path string
	Day  time.Time // the day it was taken, in the local zone of that moment
	Size int64
}

// BackupDir returns the directory that holds the backups of the database at
// path: "backups" beside it.
func BackupDir(path string) string { return filepath.Join(filepath.Dir(path), "backups") }

// backupPrefix is how the backups of the database at path start their file
// names: the database's name without its extension, and a dash.
func backupPrefix(path string) string {
	base := filepath.Base(path)
	return strings.TrimSuffix(base, filepath.Ext(base)) + "-"
}

// Backups lists the backups of the database at path, newest first. A
// missing backup directory is no error: there are none yet.
func Backups(path string) ([]Backup, error) {
	dir, prefix := BackupDir(path), backupPrefix(path)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	var out []Backup
	for _, e := range entries {
		name := e.Name()
		day, ok := strings.CutPrefix(name, prefix)
		if !ok || !strings.HasSuffix(day, ".db") || e.IsDir() {
			continue
		}
		t, err := time.ParseInLocation(backupDay, strings.TrimSuffix(day, ".db"), time.Local)
		if err != nil {
			continue
		}
		b := Backup{Path: filepath.Join(dir, name), Day: t}
		if fi, err := e.Info(); err == nil {
			b.Size = fi.Size()
		}
		out = append(out, b)
	}
	slices.SortFunc(out, func(a, b Backup) int { return b.Day.Compare(a.Day) })
	return out, nil
}

// BackupDaily writes today's backup of the database, unless there is one
// already, and removes all but the newest KeepBackups. A database without
// any review is not backed up. It returns the backup written, if any.
//
// The copy is made with VACUUM INTO from one read transaction, so it is a
// consistent, compact database even while another drill writes.
func (s *Store) BackupDaily(ctx context.Context, now time.Time) (string, error) {
	if s.readOnly {
		return "", nil
	}
	var reviews int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM review_log LIMIT 1)`).Scan(&reviews); err != nil {
		return "", s.wrap("backup", err)
	}
	if reviews == 0 {
		return "", nil
	}
	dir := BackupDir(s.path)
	target := filepath.Join(dir, backupPrefix(s.path)+now.Format(backupDay)+".db")
	if _, err := os.Stat(target); err == nil {
		return "", nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("backup: %w", err)
	}
	// Write beside the target and rename, so a cut-off backup never
	// passes for a whole one.
	tmp := target + ".tmp"
	os.Remove(tmp)
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		os.Remove(tmp)
		return "", s.wrap("backup", err)
	}
	if err := os.Rename(tmp, target); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("backup: %w", err)
	}
	all, err := Backups(s.path)
	if err != nil {
		return target, err
	}
	for _, old := range all[min(len(all), KeepBackups):] {
		os.Remove(old.Path)
	}
	return target, nil
}

// Restore replaces the database at path with the backup at from. The
// backup is checked first, as Open checks a database; the file it replaces
// is kept beside it as path + ".replaced-<time>", never deleted, so a
// restore can be undone by hand. No dockdrill may have the database open
// meanwhile. It returns where the replaced file was kept ("" when there was
// none).
func Restore(ctx context.Context, path, from string, now time.Time) (string, error) {
	absFrom, err := filepath.Abs(from)
	if err != nil {
		return "", err
	}
	if err := probe(ctx, absFrom); err != nil {
		return "", fmt.Errorf("restore from %s: %w", from, err)
	}
	kept := ""
	if _, err := os.Stat(path); err == nil {
		kept = path + ".replaced-" + now.Format("20060102-150405")
		if err := os.Rename(path, kept); err != nil {
			return "", fmt.Errorf("restore: %w", err)
		}
		// The old database's WAL belongs to it, not to the backup.
		for _, suffix := range []string{"-wal", "-shm"} {
			if _, err := os.Stat(path + suffix); err == nil {
				if err := os.Rename(path+suffix, kept+suffix); err != nil {
					return kept, fmt.Errorf("restore: %w", err)
				}
			}
		}
	} else if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	if err := copyNewFile(absFrom, path); err != nil {
		return kept, fmt.Errorf("restore: %w", err)
	}
	return kept, nil
}

// copyNewFile copies src to a new file dst (mode 0600) and syncs it.
func copyNewFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
