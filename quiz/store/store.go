// Package store keeps the learner's progress in a SQLite database: the
// scheduling state of every card, a log of every answer, and the results of
// proofs and mock exams, with a small key/value table for settings such as
// the exam date.
//
// The store is built so that no confirmed answer is ever lost: each review is
// committed in its own transaction, with synchronous=FULL in WAL mode, before
// RecordReview returns. Several processes may use one database at once; SQLite's
// locks and a busy timeout serialise their writes.
//
// Open never modifies a file that is not a dockdrill database. It first
// inspects the file through a read-only connection and refuses, with an
// error that names the path, a file that is not SQLite, a corrupt database,
// another program's database and a database written by a newer dockdrill.
//
// Times are stored as integer milliseconds since the Unix epoch, UTC, and
// returned in UTC; a zero time.Time is stored as NULL.
package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ApplicationID is written to the SQLite header of every dockdrill database
// (PRAGMA application_id); it is "DKDR" in ASCII. A database carrying another
// non-zero application id belongs to another program.
const ApplicationID = 0x444b4452

// BusyTimeout is how long a statement waits for another connection's lock
// before it fails with SQLITE_BUSY.
const BusyTimeout = 5 * time.Second

// busyTimeout is BusyTimeout, shortened by tests.
var busyTimeout = BusyTimeout

// EnvDB is the environment variable that names the database when no --db
// flag is given.
const EnvDB = "DOCKDRILL_DB"

// Errors returned by Open, wrapped with the path of the database. Test for
// them with errors.Is.
var (
	// ErrNotDatabase means the file is not a SQLite database at all.
	ErrNotDatabase = errors.New("not a SQLite database")
	// ErrCorrupt means the file is a SQLite database that SQLite cannot read.
	ErrCorrupt = errors.New("database is corrupt")
	// ErrForeign means the file is another program's SQLite database.
	ErrForeign = errors.New("not a dockdrill database")
	// ErrTooNew means the database was written by a newer dockdrill whose
	// schema this binary does not know.
	ErrTooNew = errors.New("database schema is newer than this dockdrill")
)

// Store is an open dockdrill database. Its methods are safe for concurrent
// use by several goroutines, and several Stores, in one process or many, may
// use the same file.
type Store struct {
	db   *sql.DB
	path string
	// readOnly marks a Store opened with OpenReadOnly: every write fails
	// with ErrReadOnly before it reaches SQLite.
	readOnly bool
	// onBusy, when set by a test, runs each time a write is retried
	// after the busy timeout.
	onBusy func()
}

// Path resolves the database file: the --db flag value when given, else the
// DOCKDRILL_DB environment variable, else $XDG_DATA_HOME/dockdrill/dockdrill.db,
// else $HOME/.local/share/dockdrill/dockdrill.db. As the XDG Base Directory
// specification requires, a relative XDG_DATA_HOME is ignored. Path does not
// touch the file system; Open creates the missing directories.
func Path(flag string, getenv func(string) string) (string, error) {
	if flag != "" {
		return flag, nil
	}
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	if p := getenv(EnvDB); p != "" {
		return p, nil
	}
	if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "dockdrill", "dockdrill.db"), nil
	}
	if h := getenv("HOME"); h != "" {
		return filepath.Join(h, ".local", "share", "dockdrill", "dockdrill.db"), nil
	}
	return "", fmt.Errorf("cannot place the database: none of --db, %s, XDG_DATA_HOME or HOME is set", EnvDB)
}

// Open opens the dockdrill database at path, creating it and its missing
// parent directories (mode 0700) when it does not exist, and brings its
// schema up to date. Every connection runs in WAL mode with
// synchronous=FULL, foreign keys on and a busy timeout of BusyTimeout.
//
// A file that is not a dockdrill database is left byte for byte as it was;
// the error names the path and wraps ErrNotDatabase, ErrCorrupt, ErrForeign
// or ErrTooNew. An empty file, or a SQLite database with no schema, no
// application id and no user version, is taken as a new database.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("open store: empty database path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	// While another process creates the database or switches it to WAL
	// mode, SQLite can report it busy without waiting; try again.
	deadline := time.Now().Add(WriteWait)
	for {
		s, err := open(ctx, path, abs)
		if err == nil || !isBusy(err) || time.Now().After(deadline) {
			return s, err
		}
		t := time.NewTimer(20 * time.Millisecond)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("open store %s: %w", path, ctx.Err())
		case <-t.C:
		}
	}
}

func open(ctx context.Context, path, abs string) (*Store, error) {
	fi, err := os.Stat(abs)
	switch {
	case err == nil && fi.IsDir():
		return nil, fmt.Errorf("open store %s: is a directory", path)
	case err == nil && !fi.Mode().IsRegular():
		return nil, fmt.Errorf("open store %s: not a regular file", path)
	case err == nil:
		// The file exists: look before touching it.
		if err := probe(ctx, abs); err != nil {
			return nil, fmt.Errorf("open store %s: %w", path, err)
		}
	case errors.Is(err, os.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
			return nil, fmt.Errorf("open store %s: %w", path, err)
		}
	default:
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}

	db, err := sql.Open("sqlite", dsn(abs, "rw"))
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	// A few connections let readers run beside a writer; SQLite itself
	// serialises the writers.
	db.SetMaxOpenConns(4)
	db.SetMaxIdleConns(4)
	db.SetConnMaxIdleTime(0)
	s := &Store{db: db, path: path}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %s: %w", path, classify(err))
	}
	return s, nil
}

// Close closes the database. Every recorded review was committed already.
func (s *Store) Close() error { return s.db.Close() }

// Path returns the path the Store was opened with.
func (s *Store) Path() string { return s.path }

// Check runs SQLite's full integrity check and returns an error wrapping
// ErrCorrupt, with SQLite's findings, when the database is damaged.
func (s *Store) Check(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return s.wrap("check", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return s.wrap("check", err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return s.wrap("check", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("check store %s: %w: %s", s.path, ErrCorrupt, strings.Join(problems, "; "))
	}
	return nil
}

// wrap names the operation and the database path in err, and marks the
// errors that mean corruption with ErrCorrupt.
func (s *Store) wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: store %s: %w", op, s.path, classify(err))
}

// dsn returns the driver's data source name for the database at the
// absolute path abs. Mode "rw" is the Store's own; "ro" and "immutable"
// open read-only and set no pragma that writes the file.
func dsn(abs, mode string) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	switch mode {
	case "ro":
		q.Set("mode", "ro")
	case "immutable":
		q.Set("mode", "ro")
		q.Set("immutable", "1")
	default:
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(FULL)")
		q.Add("_pragma", "foreign_keys(1)")
		// Every transaction takes the write lock when it begins, so a
		// writer never fails midway on another writer's lock.
		q.Set("_txlock", "immediate")
	}
	u := url.URL{Scheme: "file", Path: abs, RawQuery: q.Encode()}
	return u.String()
}

// probe inspects an existing file through a read-only connection, which
// cannot change it, and reports why it must not be opened for writing.
//
// Without a -wal file beside it, the main file holds the whole database and
// no process has it open in WAL mode, so it is read with immutable=1: no lock,
// no -wal or -shm file is created beside another program's database. With a
// -wal file, a plain read-only connection reads through it. Should another
// dockdrill open the database and write it while an immutable read runs, the
// read may see a torn page; the probe then retries through the WAL.
func probe(ctx context.Context, abs string) error {
	if _, err := os.Stat(abs + "-wal"); err == nil {
		return probeWith(ctx, abs, "ro")
	}
	err := probeWith(ctx, abs, "immutable")
	if err != nil && (errors.Is(err, ErrCorrupt) || errors.Is(err, ErrNotDatabase)) {
		if _, serr := os.Stat(abs + "-wal"); serr == nil {
			return probeWith(ctx, abs, "ro")
		}
	}
	return err
}

func probeWith(ctx context.Context, abs, mode string) error {
	db, err := sql.Open("sqlite", dsn(abs, mode))
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	h, err := readHeader(ctx, db)
	if err != nil || h.version == 0 {
		return err
	}
	return probeData(ctx, db)
}

// probeData reads the pages the drill reads and writes first: all of the
// card states, and the newest entries of the review log, where the next
// review goes. The full integrity check (Check) reads every page and takes
// too long for every start; damage elsewhere is found by the query that
// reaches it, or by Check.
func probeData(ctx context.Context, db *sql.DB) error {
	var res string
	if err := db.QueryRowContext(ctx, "PRAGMA quick_check(card_state)").Scan(&res); err != nil {
		return classify(err)
	}
	if res != "ok" {
		return fmt.Errorf("%w: %s", ErrCorrupt, res)
	}
	// One aggregate per statement, so each is answered from the right
	// edge of its b-tree instead of a scan.
	for _, q := range []string{"SELECT max(id) FROM review_log", "SELECT max(time_ms) FROM review_log"} {
		var v sql.NullInt64
		if err := db.QueryRowContext(ctx, q).Scan(&v); err != nil {
			return classify(err)
		}
	}
	return nil
}

// header is what Open learns about a database before it changes it.
type header struct {
	appID, version int64
	// tables holds the names of the schema's tables, indexes, views and
	// triggers, without SQLite's own.
	tables []string
}

// querier is what readHeader needs of a *sql.Conn or a *sql.Tx.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// headerQuery reads the application id, the schema version and the names in
// the schema in one statement, so from one snapshot of the database even
// while another process migrates it.
const headerQuery = `SELECT a.application_id, v.user_version,
	(SELECT json_group_array(name) FROM (SELECT name FROM sqlite_schema
		WHERE name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name))
	FROM pragma_application_id AS a, pragma_user_version AS v`

// readHeader reads the application id, the schema version and the schema,
// and checks that they describe a dockdrill database this binary can use.
func readHeader(ctx context.Context, q querier) (header, error) {
	var h header
	var names string
	if err := q.QueryRowContext(ctx, headerQuery).Scan(&h.appID, &h.version, &names); err != nil {
		return h, classify(err)
	}
	if err := json.Unmarshal([]byte(names), &h.tables); err != nil {
		return h, fmt.Errorf("%w: reading the schema: %v", ErrCorrupt, err)
	}
	switch {
	case h.appID != 0 && h.appID != ApplicationID:
		return h, fmt.Errorf("%w: its application_id is %#08x, dockdrill's is %#08x; leaving it untouched",
			ErrForeign, uint32(h.appID), ApplicationID)
	case h.appID == 0 && (h.version != 0 || len(h.tables) > 0):
		desc := fmt.Sprintf("user_version %d", h.version)
		if len(h.tables) > 0 {
			desc = "tables " + strings.Join(h.tables, ", ")
		}
		return h, fmt.Errorf("%w: it has no dockdrill application_id but has %s; leaving it untouched", ErrForeign, desc)
	case h.version > int64(len(migrations)):
		return h, fmt.Errorf("%w: schema version %d, this binary knows up to %d; upgrade dockdrill", ErrTooNew, h.version, len(migrations))
	case h.version < 0:
		return h, fmt.Errorf("%w: schema version %d", ErrCorrupt, h.version)
	}
	if h.appID == ApplicationID {
		// Quick sanity check that the schema is the one the version
		// promises: a table missing means damage, not a new database.
		want := schemaObjects(int(h.version))
		have := make(map[string]bool, len(h.tables))
		for _, t := range h.tables {
			have[t] = true
		}
		for _, name := range want {
			if !have[name] {
				return h, fmt.Errorf("%w: schema version %d lacks %s", ErrCorrupt, h.version, name)
			}
		}
	}
	return h, nil
}

// classify marks SQLite's "not a database" and "corrupt" results with
// ErrNotDatabase and ErrCorrupt, keeping SQLite's message.
func classify(err error) error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code() & 0xff {
	case sqlite3.SQLITE_NOTADB:
		return fmt.Errorf("%w (%v)", ErrNotDatabase, err)
	case sqlite3.SQLITE_CORRUPT:
		return fmt.Errorf("%w (%v)", ErrCorrupt, err)
	}
	return err
}

// ms converts t to milliseconds since the epoch; the zero time is NULL.
func ms(t time.Time) sql.NullInt64 {
	if t.IsZero() {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMilli(), Valid: true}
}

// fromMS converts milliseconds since the epoch to a UTC time; NULL is the
// zero time.
func fromMS(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.UnixMilli(v.Int64).UTC()
}
