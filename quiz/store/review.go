package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// The scheduling states of a card, as FSRS numbers them.
const (
	StateNew        = 0
	StateLearning   = 1
	StateReview     = 2
	StateRelearning = 3
)

// The ratings of a review, as FSRS numbers them.
const (
	Again = 1
	Hard  = 2
	Good  = 3
	Easy  = 4
)

// The verdicts of a review: graded right or wrong by dockdrill, or rated by
// the learner themself (flash cards).
const (
	VerdictRight = "right"
	VerdictWrong = "wrong"
	VerdictSelf  = "self"
)

// ErrNothingToUndo is returned by UndoLast when the session has no review
// left to undo.
var ErrNothingToUndo = errors.New("nothing to undo")

// ErrUndoConflict is returned by UndoLast when the card has been reviewed
// again since, by another session, so its state before can no longer be
// restored without losing that review.
var ErrUndoConflict = errors.New("card was reviewed again since")

// CardState is the scheduling state of one card. The zero value, apart from
// CardID, is a new card that has never been reviewed. The store keeps its
// times to the millisecond.
type CardState struct {
	CardID     string
	Stability  float64 // days
	Difficulty float64 // 1 to 10
	State      int     // StateNew, StateLearning, StateReview or StateRelearning
	Step       int     // the learning or relearning step the card is at
	Due        time.Time
	LastReview time.Time
	Reps       int
	Lapses     int
}

// Review is one answer to one card, as logged.
type Review struct {
	ID        int64 // set by the store
	SessionID string
	CardID    string
	Time      time.Time // when the answer was rated
	Rating    int       // Again, Hard, Good or Easy
	Typed     string    // what the learner typed or picked
	Verdict   string    // VerdictRight, VerdictWrong or VerdictSelf
	Took      time.Duration
	// Before and After are the card's state before and after the review;
	// their CardID is the review's.
	Before, After CardState
	// CardHash is a hash of the card's content when it was answered, so
	// a review of a since-edited card can be told apart.
	CardHash string
}

// Passed reports whether the review counts as remembered: any rating but
// Again, as Anki counts true retention.
func (r Review) Passed() bool { return r.Rating > Again }

// Interval returns the interval the card was scheduled for at its last
// review, from LastReview to Due, or 0 when it has none. Anki calls a card
// mature when this is 21 days or more, young below.
func (c CardState) Interval() time.Duration {
	if c.Due.IsZero() || c.LastReview.IsZero() {
		return 0
	}
	return c.Due.Sub(c.LastReview)
}

// isZero reports whether c, apart from its CardID, is the state of a card
// never reviewed.
func (c CardState) isZero() bool {
	return c.Stability == 0 && c.Difficulty == 0 && c.State == StateNew && c.Step == 0 &&
		c.Due.IsZero() && c.LastReview.IsZero() && c.Reps == 0 && c.Lapses == 0
}

func (c CardState) validate(what string) error {
	if c.State < StateNew || c.State > StateRelearning {
		return fmt.Errorf("%s state %d is not 0 to 3", what, c.State)
	}
	if c.Step < 0 || c.Reps < 0 || c.Lapses < 0 {
		return fmt.Errorf("%s step, reps and lapses must not be negative", what)
	}
	return nil
}

func (r Review) validate() error {
	switch {
	case r.CardID == "":
		return errors.New("review has no card id")
	case r.SessionID == "":
		return errors.New("review has no session id")
	case r.Time.IsZero():
		return errors.New("review has no time")
	case r.Rating < Again || r.Rating > Easy:
		return fmt.Errorf("rating %d is not 1 to 4", r.Rating)
	case r.Verdict != VerdictRight && r.Verdict != VerdictWrong && r.Verdict != VerdictSelf:
		return fmt.Errorf("verdict %q is not right, wrong or self", r.Verdict)
	case r.Took < 0:
		return fmt.Errorf("negative time taken %v", r.Took)
	}
	if err := r.Before.validate("before"); err != nil {
		return err
	}
	return r.After.validate("after")
}

// RecordReview logs r and sets the card's state to r.After, in one
// transaction, and returns the review's id once the transaction is
// committed to disk. After it returns, the answer survives the process being
// killed. While another connection writes, it waits up to WriteWait. r.ID and the CardID of r.Before and r.After are ignored.
func (s *Store) RecordReview(ctx context.Context, r Review) (int64, error) {
	if err := r.validate(); err != nil {
		return 0, fmt.Errorf("record review of %q: %w", r.CardID, err)
	}
	var id int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if id, err = insertReview(ctx, tx, r); err != nil {
			return err
		}
		return putState(ctx, tx, r.CardID, r.After)
	})
	if err != nil {
		return 0, s.wrap("record review of "+r.CardID, err)
	}
	return id, nil
}

// ReviewFrom logs a review computed from the card's state as stored, not as
// the caller last read it. Inside the write transaction, which holds the
// database's write lock from its start, it reads the card's state, passes
// it to compute and writes the review compute returns, with that state as
// its Before and the card's state set to its After. Two sessions rating
// the same card one after the other thus each start from the other's
// result, and no review is lost to a stale read. The returned review has
// its ID, CardID and Before set.
func (s *Store) ReviewFrom(ctx context.Context, cardID string, compute func(before CardState) Review) (Review, error) {
	var r Review
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		before, err := getState(ctx, tx, cardID)
		if err != nil {
			return err
		}
		r = compute(before)
		r.CardID, r.Before = cardID, before
		if err := r.validate(); err != nil {
			return err
		}
		if r.ID, err = insertReview(ctx, tx, r); err != nil {
			return err
		}
		return putState(ctx, tx, cardID, r.After)
	})
	if err != nil {
		return Review{}, s.wrap("record review of "+cardID, err)
	}
	return r, nil
}

// getState reads the state of card id inside tx; a card without a row is
// new, its state the zero one.
func getState(ctx context.Context, tx *sql.Tx, id string) (CardState, error) {
	c := CardState{CardID: id}
	var sc stateCols
	err := tx.QueryRowContext(ctx, `SELECT stability, difficulty, state, step, due_ms, last_review_ms, reps, lapses
		FROM card_state WHERE card_id = ?`, id).Scan(&c.Stability, &c.Difficulty, &sc.state, &sc.step,
		&sc.due, &sc.last, &sc.reps, &sc.lapses)
	if errors.Is(err, sql.ErrNoRows) {
		return c, nil
	}
	if err != nil {
		return c, err
	}
	sc.into(&c)
	return c, nil
}

// ImportReviews logs many reviews at once, in the order given, and sets
// each card's state to the After of its last review in the list, all in
// one transaction: a history of thousands of reviews (an import, a test
// fixture) is written in one commit rather than one per answer.
func (s *Store) ImportReviews(ctx context.Context, reviews []Review) error {
	for _, r := range reviews {
		if err := r.validate(); err != nil {
			return fmt.Errorf("import review of %q at %s: %w", r.CardID, r.Time.Format(time.RFC3339), err)
		}
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		last := map[string]CardState{}
		var cards []string
		for _, r := range reviews {
			if _, err := insertReview(ctx, tx, r); err != nil {
				return err
			}
			if _, seen := last[r.CardID]; !seen {
				cards = append(cards, r.CardID)
			}
			last[r.CardID] = r.After
		}
		for _, id := range cards {
			if err := putState(ctx, tx, id, last[id]); err != nil {
				return err
			}
		}
		return nil
	})
	return s.wrap(fmt.Sprintf("import %d reviews", len(reviews)), err)
}

// insertReview adds r to the log and returns its id.
func insertReview(ctx context.Context, tx *sql.Tx, r Review) (int64, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO review_log (`+reviewInsertCols+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?,  ?, ?, ?, ?, ?, ?, ?, ?,  ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.SessionID, r.CardID, r.Time.UnixMilli(), r.Rating, r.Typed, r.Verdict, r.Took.Milliseconds(), r.CardHash,
		r.Before.Stability, r.Before.Difficulty, r.Before.State, r.Before.Step,
		ms(r.Before.Due), ms(r.Before.LastReview), r.Before.Reps, r.Before.Lapses,
		r.After.Stability, r.After.Difficulty, r.After.State, r.After.Step,
		ms(r.After.Due), ms(r.After.LastReview), r.After.Reps, r.After.Lapses)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

const reviewInsertCols = `session_id, card_id, time_ms, rating, typed, verdict, took_ms, card_hash,
	before_stability, before_difficulty, before_state, before_step,
	before_due_ms, before_last_review_ms, before_reps, before_lapses,
	after_stability, after_difficulty, after_state, after_step,
	after_due_ms, after_last_review_ms, after_reps, after_lapses`

const reviewCols = `id, ` + reviewInsertCols

// putState writes the state of card id; the state of a card that was never
// reviewed (the zero state) is the absence of a row.
func putState(ctx context.Context, tx *sql.Tx, id string, c CardState) error {
	if c.isZero() {
		_, err := tx.ExecContext(ctx, `DELETE FROM card_state WHERE card_id = ?`, id)
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO card_state
		(card_id, stability, difficulty, state, step, due_ms, last_review_ms, reps, lapses)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (card_id) DO UPDATE SET
			stability = excluded.stability, difficulty = excluded.difficulty,
			state = excluded.state, step = excluded.step, due_ms = excluded.due_ms,
			last_review_ms = excluded.last_review_ms, reps = excluded.reps, lapses = excluded.lapses`,
		id, c.Stability, c.Difficulty, c.State, c.Step, ms(c.Due), ms(c.LastReview), c.Reps, c.Lapses)
	return err
}

// UndoLast undoes the last review of the session: it restores the card's
// state from before that review and deletes the review from the log, in one
// transaction, and returns the review undone. It returns ErrNothingToUndo
// when the session has no review left, and ErrUndoConflict when another
// session has reviewed the same card since.
func (s *Store) UndoLast(ctx context.Context, sessionID string) (Review, error) {
	var r Review
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		r, err = scanReview(tx.QueryRowContext(ctx, `SELECT `+reviewCols+`
			FROM review_log WHERE session_id = ? ORDER BY id DESC LIMIT 1`, sessionID))
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNothingToUndo
		}
		if err != nil {
			return err
		}
		var later int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM review_log WHERE card_id = ? AND id > ?`,
			r.CardID, r.ID).Scan(&later); err != nil {
			return err
		}
		if later > 0 {
			return fmt.Errorf("%w: %d later review(s) of %s", ErrUndoConflict, later, r.CardID)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM review_log WHERE id = ?`, r.ID); err != nil {
			return err
		}
		return putState(ctx, tx, r.CardID, r.Before)
	})
	if err != nil {
		return Review{}, s.wrap("undo", err)
	}
	return r, nil
}

// LastReview returns the last review of the session, and false when the
// session has none.
func (s *Store) LastReview(ctx context.Context, sessionID string) (Review, bool, error) {
	r, err := scanReview(s.db.QueryRowContext(ctx, `SELECT `+reviewCols+`
		FROM review_log WHERE session_id = ? ORDER BY id DESC LIMIT 1`, sessionID))
	if errors.Is(err, sql.ErrNoRows) {
		return Review{}, false, nil
	}
	if err != nil {
		return Review{}, false, s.wrap("last review", err)
	}
	return r, true, nil
}

// CardStates returns the state of every card that has been reviewed, by card
// id, including cards no longer in any deck. A card absent from the map is
// new.
func (s *Store) CardStates(ctx context.Context) (map[string]CardState, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT
		card_id, stability, difficulty, state, step, due_ms, last_review_ms, reps, lapses
		FROM card_state`)
	if err != nil {
		return nil, s.wrap("card states", err)
	}
	defer rows.Close()
	states := make(map[string]CardState, 256)
	for rows.Next() {
		var c CardState
		var sc stateCols
		if err := rows.Scan(&c.CardID, &c.Stability, &c.Difficulty, &sc.state, &sc.step,
			&sc.due, &sc.last, &sc.reps, &sc.lapses); err != nil {
			return nil, s.wrap("card states", err)
		}
		sc.into(&c)
		states[c.CardID] = c
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("card states", err)
	}
	return states, nil
}

// CountDue returns how many cards that are not new are due at or before by.
func (s *Store) CountDue(ctx context.Context, by time.Time) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM card_state
		WHERE state <> 0 AND due_ms <= ?`, by.UnixMilli()).Scan(&n)
	if err != nil {
		return 0, s.wrap("count due", err)
	}
	return n, nil
}

// Reviews yields the reviews made in [from, to), oldest first; a zero to
// means no upper bound, a zero from no lower bound. Iteration stops at the
// first error, which is yielded. The iterator holds one database connection
// while it runs.
func (s *Store) Reviews(ctx context.Context, from, to time.Time) iter.Seq2[Review, error] {
	return func(yield func(Review, error) bool) {
		lo, hi := bounds(from, to)
		rows, err := s.db.QueryContext(ctx, `SELECT `+reviewCols+` FROM review_log
			WHERE time_ms >= ? AND time_ms < ? ORDER BY time_ms, id`, lo, hi)
		if err != nil {
			yield(Review{}, s.wrap("reviews", err))
			return
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanReview(rows)
			if err != nil {
				yield(Review{}, s.wrap("reviews", err))
				return
			}
			if !yield(r, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(Review{}, s.wrap("reviews", err))
		}
	}
}

// ReviewsSince returns the reviews made at or after since, oldest first.
func (s *Store) ReviewsSince(ctx context.Context, since time.Time) ([]Review, error) {
	var out []Review
	for r, err := range s.Reviews(ctx, since, time.Time{}) {
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// CardReviews returns the reviews of one card, oldest first.
func (s *Store) CardReviews(ctx context.Context, cardID string) ([]Review, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+reviewCols+` FROM review_log
		WHERE card_id = ? ORDER BY time_ms, id`, cardID)
	if err != nil {
		return nil, s.wrap("card reviews", err)
	}
	defer rows.Close()
	var out []Review
	for rows.Next() {
		r, err := scanReview(rows)
		if err != nil {
			return nil, s.wrap("card reviews", err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("card reviews", err)
	}
	return out, nil
}

// Summary sums up a set of reviews.
type Summary struct {
	Reviews     int
	Passed      int    // reviews rated Hard, Good or Easy
	Ratings     [5]int // reviews by rating; index 0 is unused
	Took        time.Duration
	First, Last time.Time // the times of the first and last review
}

// SessionSummary sums up the reviews of one session.
func (s *Store) SessionSummary(ctx context.Context, sessionID string) (Summary, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT rating, count(*), sum(took_ms), min(time_ms), max(time_ms)
		FROM review_log WHERE session_id = ? GROUP BY rating`, sessionID)
	if err != nil {
		return Summary{}, s.wrap("session summary", err)
	}
	defer rows.Close()
	var sum Summary
	for rows.Next() {
		var rating, n int
		var took, first, last int64
		if err := rows.Scan(&rating, &n, &took, &first, &last); err != nil {
			return Summary{}, s.wrap("session summary", err)
		}
		sum.Reviews += n
		sum.Ratings[rating] = n
		if rating > Again {
			sum.Passed += n
		}
		sum.Took += time.Duration(took) * time.Millisecond
		if f := time.UnixMilli(first).UTC(); sum.First.IsZero() || f.Before(sum.First) {
			sum.First = f
		}
		if l := time.UnixMilli(last).UTC(); l.After(sum.Last) {
			sum.Last = l
		}
	}
	if err := rows.Err(); err != nil {
		return Summary{}, s.wrap("session summary", err)
	}
	return sum, nil
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// scanReview reads a row of reviewCols. It scans integers into int64:
// database/sql converts to int through strings, which costs several times
// more on a long log.
func scanReview(sc scanner) (Review, error) {
	var r Review
	var t, rating, took int64
	var b, a stateCols
	err := sc.Scan(&r.ID, &r.SessionID, &r.CardID, &t, &rating, &r.Typed, &r.Verdict, &took, &r.CardHash,
		&r.Before.Stability, &r.Before.Difficulty, &b.state, &b.step, &b.due, &b.last, &b.reps, &b.lapses,
		&r.After.Stability, &r.After.Difficulty, &a.state, &a.step, &a.due, &a.last, &a.reps, &a.lapses)
	if err != nil {
		return Review{}, err
	}
	r.Time = time.UnixMilli(t).UTC()
	r.Rating = int(rating)
	r.Took = time.Duration(took) * time.Millisecond
	b.into(&r.Before)
	a.into(&r.After)
	r.Before.CardID, r.After.CardID = r.CardID, r.CardID
	return r, nil
}

// stateCols holds the integer columns of a card state as scanned.
type stateCols struct {
	state, step, reps, lapses int64
	due, last                 sql.NullInt64
}

func (sc stateCols) into(c *CardState) {
	c.State, c.Step, c.Reps, c.Lapses = int(sc.state), int(sc.step), int(sc.reps), int(sc.lapses)
	c.Due, c.LastReview = fromMS(sc.due), fromMS(sc.last)
}

// bounds turns [from, to) into millisecond bounds; zero times are open.
func bounds(from, to time.Time) (lo, hi int64) {
	lo, hi = -1<<63, 1<<63-1
	if !from.IsZero() {
		lo = from.UnixMilli()
	}
	if !to.IsZero() {
		hi = to.UnixMilli()
	}
	return lo, hi
}

// WriteWait is how long a write waits in all for other connections to
// release the write lock before it fails. SQLite's busy timeout (BusyTimeout)
// bounds one attempt; a write retries, as long as its context allows, until
// WriteWait has passed, so a review is not lost to a long checkpoint or to
// writers that keep taking the lock first.
const WriteWait = 30 * time.Second

// inTx runs fn in a transaction that holds the write lock from its start
// (BEGIN IMMEDIATE) and commits it, or rolls it back when fn fails. When the
// lock stays busy, the whole transaction is tried again; it had not written
// anything.
func (s *Store) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	if s.readOnly {
		return ErrReadOnly
	}
	deadline := time.Now().Add(WriteWait)
	for {
		err := s.tryTx(ctx, fn)
		if !isBusy(err) || ctx.Err() != nil || time.Now().After(deadline) {
			return err
		}
		if s.onBusy != nil {
			s.onBusy()
		}
	}
}

func (s *Store) tryTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// isBusy reports whether err is SQLite's "database is locked".
func isBusy(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_BUSY
}
