package store

import (
	"context"
	"fmt"
)

// migration takes the schema from one version to the next. Migration i (from
// 0) takes version i to version i+1; PRAGMA user_version holds the version.
type migration struct {
	// objects names the tables and indexes the migration creates, so Open
	// can tell a damaged schema from a complete one.
	objects []string
	stmts   []string
}

// migrations is the history of the schema. Append; never edit a migration
// that has shipped.
var migrations = []migration{
	{ // 1: card state, review log, settings.
		objects: []string{"card_state", "card_state_due", "review_log", "review_log_time",
			"review_log_card", "review_log_session", "config"},
		stmts: []string{
			// The scheduling state of each card that has been reviewed,
			// keyed by the deck's stable card id. No foreign key to the
			// decks: a card that leaves the decks keeps its state.
			`CREATE TABLE card_state (
				card_id        TEXT PRIMARY KEY NOT NULL,
				stability      REAL NOT NULL,
				difficulty     REAL NOT NULL,
				state          INTEGER NOT NULL CHECK (state BETWEEN 0 AND 3),
				step           INTEGER NOT NULL,
				due_ms         INTEGER,
				last_review_ms INTEGER,
				reps           INTEGER NOT NULL,
				lapses         INTEGER NOT NULL
			) STRICT, WITHOUT ROWID`,
			`CREATE INDEX card_state_due ON card_state (due_ms)`,
			// One row per answer, with the card's state before and after
			// it so that undo restores it exactly and the history can be
			// replayed or exported. AUTOINCREMENT: an undone review's id
			// is never given to another.
			`CREATE TABLE review_log (
				id                    INTEGER PRIMARY KEY AUTOINCREMENT,
				session_id            TEXT NOT NULL,
				card_id               TEXT NOT NULL,
				time_ms               INTEGER NOT NULL,
				rating                INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
				typed                 TEXT NOT NULL,
				verdict               TEXT NOT NULL CHECK (verdict IN ('right', 'wrong', 'self')),
				took_ms               INTEGER NOT NULL CHECK (took_ms >= 0),
				card_hash             TEXT NOT NULL,
				before_stability      REAL NOT NULL,
				before_difficulty     REAL NOT NULL,
				before_state          INTEGER NOT NULL CHECK (before_state BETWEEN 0 AND 3),
				before_step           INTEGER NOT NULL,
				before_due_ms         INTEGER,
				before_last_review_ms INTEGER,
				before_reps           INTEGER NOT NULL,
				before_lapses         INTEGER NOT NULL,
				after_stability       REAL NOT NULL,
				after_difficulty      REAL NOT NULL,
				after_state           INTEGER NOT NULL CHECK (after_state BETWEEN 0 AND 3),
				after_step            INTEGER NOT NULL,
				after_due_ms          INTEGER,
				after_last_review_ms  INTEGER,
				after_reps            INTEGER NOT NULL,
				after_lapses          INTEGER NOT NULL
			) STRICT`,
			`CREATE INDEX review_log_time ON review_log (time_ms)`,
			`CREATE INDEX review_log_card ON review_log (card_id, time_ms)`,
			`CREATE INDEX review_log_session ON review_log (session_id, id)`,
			`CREATE TABLE config (
				name  TEXT PRIMARY KEY NOT NULL,
				value TEXT NOT NULL
			) STRICT, WITHOUT ROWID`,
		},
	},
	{ // 2: proof and mock exam results.
		objects: []string{"proof_result", "proof_result_time", "proof_result_proof",
			"exam_result", "exam_result_started", "exam_answer"},
		stmts: []string{
			`CREATE TABLE proof_result (
				id             INTEGER PRIMARY KEY AUTOINCREMENT,
				run_id         TEXT NOT NULL,
				time_ms        INTEGER NOT NULL,
				proof          TEXT NOT NULL,
				card_ids       TEXT NOT NULL CHECK (json_valid(card_ids)),
				passed         INTEGER NOT NULL CHECK (passed IN (0, 1)),
				duration_ms    INTEGER NOT NULL,
				docker_version TEXT NOT NULL,
				message        TEXT NOT NULL
			) STRICT`,
			`CREATE INDEX proof_result_time ON proof_result (time_ms)`,
			`CREATE INDEX proof_result_proof ON proof_result (proof, time_ms)`,
			`CREATE TABLE exam_result (
				id           INTEGER PRIMARY KEY AUTOINCREMENT,
				started_ms   INTEGER NOT NULL,
				finished_ms  INTEGER,
				questions    INTEGER NOT NULL,
				raw_score    INTEGER NOT NULL,
				scaled_score INTEGER NOT NULL,
				passed       INTEGER NOT NULL CHECK (passed IN (0, 1))
			) STRICT`,
			`CREATE INDEX exam_result_started ON exam_result (started_ms)`,
			`CREATE TABLE exam_answer (
				exam_id INTEGER NOT NULL REFERENCES exam_result (id) ON DELETE CASCADE,
				seq     INTEGER NOT NULL,
				card_id TEXT NOT NULL,
				area    TEXT NOT NULL,
				kind    TEXT NOT NULL,
				given   TEXT NOT NULL,
				correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
				PRIMARY KEY (exam_id, seq)
			) STRICT, WITHOUT ROWID`,
		},
	},
	{ // 3: the score readiness predicted for each mock exam's form.
		stmts: []string{
			// Expected right answers when the exam began; NULL for
			// exams taken before predictions were kept.
			`ALTER TABLE exam_result ADD COLUMN predicted_raw REAL`,
		},
	},
}

// SchemaVersion is the schema version this binary writes.
func SchemaVersion() int { return len(migrations) }

// schemaObjects lists the tables and indexes a database of version v has.
func schemaObjects(v int) []string {
	var names []string
	for _, m := range migrations[:min(v, len(migrations))] {
		names = append(names, m.objects...)
	}
	return names
}

// migrate brings the schema to the newest version, one migration per
// transaction. Each transaction re-reads the version under the write lock,
// so two processes opening a new database at once apply each migration once.
func (s *Store) migrate(ctx context.Context) error {
	return migrateTo(ctx, s, len(migrations))
}

// migrateTo applies the migrations up to version target.
func migrateTo(ctx context.Context, s *Store, target int) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	// Fast path without the write lock: an up-to-date database.
	h, err := readHeader(ctx, conn)
	if err != nil {
		return err
	}
	if h.version >= int64(target) {
		return nil
	}
	for {
		tx, err := conn.BeginTx(ctx, nil) // BEGIN IMMEDIATE
		if err != nil {
			return err
		}
		h, err := readHeader(ctx, tx)
		if err != nil {
			tx.Rollback()
			return err
		}
		v := int(h.version)
		if v >= target {
			return tx.Rollback()
		}
		for _, stmt := range migrations[v].stmts {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				tx.Rollback()
				return fmt.Errorf("migrate to schema version %d: %w", v+1, err)
			}
		}
		if v == 0 {
			if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
				tx.Rollback()
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migrate to schema version %d: %w", v+1, err)
		}
	}
}
