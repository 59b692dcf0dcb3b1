package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ProofResult is the outcome of running one proof, a test that shows on a
// real Docker engine the behaviour some cards describe.
type ProofResult struct {
	ID            int64  // set by the store
	RunID         string // groups the proofs run together
	Time          time.Time
	Proof         string   // package/TestName
	CardIDs       []string // the cards the proof backs
	Passed        bool
	Duration      time.Duration
	DockerVersion string // the engine's version
	Message       string // why it failed, or a note
}

// RecordProof stores a proof result and returns its id.
func (s *Store) RecordProof(ctx context.Context, p ProofResult) (int64, error) {
	switch {
	case p.Proof == "":
		return 0, errors.New("record proof: no proof name")
	case p.Time.IsZero():
		return 0, fmt.Errorf("record proof %s: no time", p.Proof)
	}
	ids := p.CardIDs
	if ids == nil {
		ids = []string{}
	}
	js, err := json.Marshal(ids)
	if err != nil {
		return 0, err
	}
	if err := s.writable("record proof " + p.Proof); err != nil {
		return 0, err
	}
	res, err := s.db.ExecContext(ctx, `INSERT INTO proof_result
		(run_id, time_ms, proof, card_ids, passed, duration_ms, docker_version, message)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		p.RunID, p.Time.UnixMilli(), p.Proof, string(js), p.Passed, p.Duration.Milliseconds(), p.DockerVersion, p.Message)
	if err != nil {
		return 0, s.wrap("record proof "+p.Proof, err)
	}
	return res.LastInsertId()
}

// ProofResults returns the proof results recorded at or after since, oldest
// first.
func (s *Store) ProofResults(ctx context.Context, since time.Time) ([]ProofResult, error) {
	lo, _ := bounds(since, time.Time{})
	rows, err := s.db.QueryContext(ctx, `SELECT id, run_id, time_ms, proof, card_ids, passed,
		duration_ms, docker_version, message FROM proof_result WHERE time_ms >= ? ORDER BY time_ms, id`, lo)
	if err != nil {
		return nil, s.wrap("proof results", err)
	}
	defer rows.Close()
	var out []ProofResult
	for rows.Next() {
		var p ProofResult
		var t, d int64
		var ids string
		if err := rows.Scan(&p.ID, &p.RunID, &t, &p.Proof, &ids, &p.Passed, &d, &p.DockerVersion, &p.Message); err != nil {
			return nil, s.wrap("proof results", err)
		}
		if err := json.Unmarshal([]byte(ids), &p.CardIDs); err != nil {
			return nil, s.wrap("proof results", fmt.Errorf("proof result %d: card ids: %w", p.ID, err))
		}
		p.Time = time.UnixMilli(t).UTC()
		p.Duration = time.Duration(d) * time.Millisecond
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("proof results", err)
	}
	return out, nil
}

// ExamResult is a finished mock exam. Exams do not reschedule cards.
type ExamResult struct {
	ID          int64 // set by the store
	Started     time.Time
	Finished    time.Time // zero when the exam was abandoned
	Questions   int
	RawScore    int // questions answered right
	ScaledScore int // on the exam's 200-800 scale
	Passed      bool
	Answers     []ExamAnswer // in the order asked
	// Predicted is the number of right answers the readiness model
	// expected of the form when the exam began; HasPredicted is false for
	// exams stored without one.
	Predicted    float64
	HasPredicted bool
}

// ExamAnswer is the answer to one question of a mock exam.
type ExamAnswer struct {
	CardID string
	Area   string // the knowledge area of the card
	Kind   string // the kind of card
	Given  string // what the learner answered
	Right  bool
}

// RecordExam stores an exam result with its answers, in one transaction,
// and returns its id.
func (s *Store) RecordExam(ctx context.Context, e ExamResult) (int64, error) {
	if e.Started.IsZero() {
		return 0, errors.New("record exam: no start time")
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		predicted := sql.NullFloat64{Float64: e.Predicted, Valid: e.HasPredicted}
		res, err := tx.ExecContext(ctx, `INSERT INTO exam_result
			(started_ms, finished_ms, questions, raw_score, scaled_score, passed, predicted_raw)
			VALUES (?, ?, ?, ?, ?, ?, ?)`,
			e.Started.UnixMilli(), ms(e.Finished), e.Questions, e.RawScore, e.ScaledScore, e.Passed, predicted)
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO exam_answer
			(exam_id, seq, card_id, area, kind, given, correct) VALUES (?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for i, a := range e.Answers {
			if _, err := stmt.ExecContext(ctx, id, i, a.CardID, a.Area, a.Kind, a.Given, a.Right); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, s.wrap("record exam", err)
	}
	return id, nil
}

// ExamResults returns the exams started at or after since, oldest first,
// with their answers.
func (s *Store) ExamResults(ctx context.Context, since time.Time) ([]ExamResult, error) {
	lo, _ := bounds(since, time.Time{})
	rows, err := s.db.QueryContext(ctx, `SELECT id, started_ms, finished_ms, questions, raw_score,
		scaled_score, passed, predicted_raw FROM exam_result WHERE started_ms >= ? ORDER BY started_ms, id`, lo)
	if err != nil {
		return nil, s.wrap("exam results", err)
	}
	var out []ExamResult
	byID := map[int64]int{}
	for rows.Next() {
		var e ExamResult
		var started int64
		var finished sql.NullInt64
		var predicted sql.NullFloat64
		if err := rows.Scan(&e.ID, &started, &finished, &e.Questions, &e.RawScore, &e.ScaledScore, &e.Passed, &predicted); err != nil {
			rows.Close()
			return nil, s.wrap("exam results", err)
		}
		e.Started, e.Finished = time.UnixMilli(started).UTC(), fromMS(finished)
		e.Predicted, e.HasPredicted = predicted.Float64, predicted.Valid
		byID[e.ID] = len(out)
		out = append(out, e)
	}
	err = rows.Err()
	rows.Close()
	if err != nil {
		return nil, s.wrap("exam results", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	// The answers of those exams, in one query.
	ph := strings.Repeat(", ?", len(out))[2:]
	args := make([]any, len(out))
	for i, e := range out {
		args[i] = e.ID
	}
	arows, err := s.db.QueryContext(ctx, `SELECT exam_id, card_id, area, kind, given, correct
		FROM exam_answer WHERE exam_id IN (`+ph+`) ORDER BY exam_id, seq`, args...)
	if err != nil {
		return nil, s.wrap("exam results", err)
	}
	defer arows.Close()
	for arows.Next() {
		var id int64
		var a ExamAnswer
		if err := arows.Scan(&id, &a.CardID, &a.Area, &a.Kind, &a.Given, &a.Right); err != nil {
			return nil, s.wrap("exam results", err)
		}
		e := &out[byID[id]]
		e.Answers = append(e.Answers, a)
	}
	if err := arows.Err(); err != nil {
		return nil, s.wrap("exam results", err)
	}
	return out, nil
}

// Config returns the value of a setting, and false when it is not set.
func (s *Store) Config(ctx context.Context, name string) (string, bool, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM config WHERE name = ?`, name).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, s.wrap("config "+name, err)
	}
	return v, true, nil
}

// SetConfig sets a setting, replacing its old value.
func (s *Store) SetConfig(ctx context.Context, name, value string) error {
	if name == "" {
		return errors.New("set config: empty name")
	}
	if err := s.writable("set config " + name); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO config (name, value) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET value = excluded.value`, name, value)
	return s.wrap("set config "+name, err)
}

// DeleteConfig removes a setting; removing one that is not set is no error.
func (s *Store) DeleteConfig(ctx context.Context, name string) error {
	if err := s.writable("delete config " + name); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `DELETE FROM config WHERE name = ?`, name)
	return s.wrap("delete config "+name, err)
}

// Configs returns every setting by name.
func (s *Store) Configs(ctx context.Context) (map[string]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name, value FROM config ORDER BY name`)
	if err != nil {
		return nil, s.wrap("configs", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, s.wrap("configs", err)
		}
		out[k] = v
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("configs", err)
	}
	return out, nil
}
