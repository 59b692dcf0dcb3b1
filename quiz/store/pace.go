package store

import (
	"context"
	"slices"
	"time"
)

// AnswerStats sums up the learner's latest answers.
type AnswerStats struct {
	Answers    int           // answers looked at
	MedianTook time.Duration // median time per answer; 0 without answers
	// FirstSeen is the number of first answers to a new card among them,
	// FirstRight how many of those passed (Hard, Good or Easy).
	FirstSeen  int
	FirstRight int
}

// RecentAnswers sums up the last n answers (all of them when n <= 0).
func (s *Store) RecentAnswers(ctx context.Context, n int) (AnswerStats, error) {
	q := `SELECT took_ms, rating, before_state FROM review_log ORDER BY id DESC`
	args := []any{}
	if n > 0 {
		q += ` LIMIT ?`
		args = append(args, n)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return AnswerStats{}, s.wrap("recent answers", err)
	}
	defer rows.Close()
	var a AnswerStats
	var took []int64
	for rows.Next() {
		var ms int64
		var rating, before int
		if err := rows.Scan(&ms, &rating, &before); err != nil {
			return AnswerStats{}, s.wrap("recent answers", err)
		}
		took = append(took, ms)
		if before == StateNew {
			a.FirstSeen++
			if rating > Again {
				a.FirstRight++
			}
		}
	}
	if err := rows.Err(); err != nil {
		return AnswerStats{}, s.wrap("recent answers", err)
	}
	a.Answers = len(took)
	if len(took) == 0 {
		return a, nil
	}
	slices.Sort(took)
	m := len(took) / 2
	med := took[m]
	if len(took)%2 == 0 {
		med = (took[m-1] + took[m]) / 2
	}
	a.MedianTook = time.Duration(med) * time.Millisecond
	return a, nil
}
