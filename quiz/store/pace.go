package store

import (
	"context"
	"slices"
	"time"
)

// MedianTook returns the median time the learner took per answer over the
// last n answers (all of them when n <= 0), and how many answers it is
// taken from; 0 and 0 without any.
func (s *Store) MedianTook(ctx context.Context, n int) (time.Duration, int, error) {
	q := `SELECT took_ms FROM review_log ORDER BY id DESC`
	args := []any{}
	if n > 0 {
		q += ` LIMIT ?`
		args = append(args, n)
	}
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return 0, 0, s.wrap("median answer time", err)
	}
	defer rows.Close()
	var took []int64
	for rows.Next() {
		var ms int64
		if err := rows.Scan(&ms); err != nil {
			return 0, 0, s.wrap("median answer time", err)
		}
		took = append(took, ms)
	}
	if err := rows.Err(); err != nil {
		return 0, 0, s.wrap("median answer time", err)
	}
	if len(took) == 0 {
		return 0, 0, nil
	}
	slices.Sort(took)
	m := len(took) / 2
	med := took[m]
	if len(took)%2 == 0 {
		med = (took[m-1] + took[m]) / 2
	}
	return time.Duration(med) * time.Millisecond, len(took), nil
}
