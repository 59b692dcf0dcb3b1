package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrReadOnly is returned by the writing methods of a Store opened with
// OpenReadOnly.
var ErrReadOnly = errors.New("store is open read-only")

// OpenReadOnly opens the dockdrill database at path for reading only, for
// the commands that only read the learner's progress (stats, readiness,
// export, config get and list). It never writes the file, its directory or
// a -wal or -shm file beside a database no process has open, so it works on
// a read-only file in a read-only directory.
//
// A database that does not exist yet reads as an empty one, held in memory:
// reading creates nothing. A database of an older schema is brought up to
// date by opening it for writing once, as Open would; where that is not
// possible the error says so. The same checks as Open's refuse a file that
// is not a sound dockdrill database.
func OpenReadOnly(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("open store: empty database path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	fi, err := os.Stat(abs)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return openEmpty(ctx, path)
	case err != nil:
		return nil, fmt.Errorf("open store %s: %w", path, err)
	case fi.IsDir():
		return nil, fmt.Errorf("open store %s: is a directory", path)
	case !fi.Mode().IsRegular():
		return nil, fmt.Errorf("open store %s: not a regular file", path)
	}
	if err := probe(ctx, abs); err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	// Without a -wal file no process has the database open in WAL mode and
	// the main file is the whole database: read it as immutable, which
	// needs no lock and creates no -shm file.
	mode := "immutable"
	if _, err := os.Stat(abs + "-wal"); err == nil {
		mode = "ro"
	}
	db, err := sql.Open("sqlite", dsn(abs, mode))
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	s := &Store{db: db, path: path, readOnly: true}
	h, err := readHeader(ctx, db)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	if h.version < int64(len(migrations)) {
		// An older schema (or an empty file): upgrade it once, then read.
		db.Close()
		w, err := Open(ctx, path)
		if err != nil {
			return nil, fmt.Errorf("%w (the database has an older schema, and upgrading it needs write access)", err)
		}
		w.Close()
		return OpenReadOnly(ctx, path)
	}
	return s, nil
}

// openEmpty returns a read-only view of a database that does not exist: an
// empty one of the current schema, in memory.
func openEmpty(ctx context.Context, path string) (*Store, error) {
	db, err := sql.Open("sqlite", "file::memory:")
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	// One connection: every query must see the same in-memory database.
	db.SetMaxOpenConns(1)
	db.SetConnMaxIdleTime(0)
	db.SetConnMaxLifetime(0)
	s := &Store{db: db, path: path}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	s.readOnly = true
	return s, nil
}

// ReadOnly reports whether the Store was opened with OpenReadOnly.
func (s *Store) ReadOnly() bool { return s.readOnly }

// writable returns ErrReadOnly, naming the operation and the path, when the
// Store is read-only.
func (s *Store) writable(op string) error {
	if s.readOnly {
		return fmt.Errorf("%s: store %s: %w", op, s.path, ErrReadOnly)
	}
	return nil
}
