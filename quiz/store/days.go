package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// DefaultRollover is when the learner's day starts by default: 04:00 local
// time, as in Anki, so a late-night session counts for the day before.
const DefaultRollover = 4 * time.Hour

// Calendar places instants on the learner's days. A day starts at Rollover
// past midnight, wall-clock time, in Loc; on days with a daylight saving
// change a day is 23 or 25 hours long. The zero Calendar has days that
// start at midnight UTC.
type Calendar struct {
	Loc      *time.Location // nil means UTC
	Rollover time.Duration  // from 0 up to, not including, 24 hours
}

// Date is a day of the learner's calendar.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses a date written YYYY-MM-DD. A date of that form that
// does not exist is refused with the reason: "2026 has no February 30".
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	t, err := time.Parse(time.DateOnly, s)
	if err == nil {
		return DateOf(t), nil
	}
	var y, m, d int
	if n, _ := fmt.Sscanf(s, "%4d-%2d-%2d", &y, &m, &d); n == 3 && len(s) == len("2006-01-02") {
		switch {
		case m < 1 || m > 12:
			return Date{}, fmt.Errorf("date %q: there is no month %d", s, m)
		case d < 1 || d > daysIn(y, time.Month(m)):
			return Date{}, fmt.Errorf("date %q: %d has no %s %d", s, y, time.Month(m), d)
		}
	}
	return Date{}, fmt.Errorf("date %q is not YYYY-MM-DD", s)
}

// daysIn returns the number of days of month m of year y.
func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 12, 0, 0, 0, time.UTC).Day()
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// String formats d as YYYY-MM-DD.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// AddDays returns the date n days after d (before, for negative n).
func (d Date) AddDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, time.UTC))
}

// Sub returns the number of days from e to d: d.Sub(d.AddDays(-3)) is 3.
func (d Date) Sub(e Date) int {
	a := time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)
	b := time.Date(e.Year, e.Month, e.Day, 12, 0, 0, 0, time.UTC)
	return int(a.Sub(b).Round(time.Hour) / (24 * time.Hour))
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Sub(e) < 0 }

func (c Calendar) loc() *time.Location {
	if c.Loc == nil {
		return time.UTC
	}
	return c.Loc
}

func (c Calendar) check() error {
	if c.Rollover < 0 || c.Rollover >= 24*time.Hour {
		return fmt.Errorf("day rollover %v is not from 0 to 24h", c.Rollover)
	}
	return nil
}

// Day returns the learner's day that t falls on.
func (c Calendar) Day(t time.Time) Date {
	l := t.In(c.loc())
	y, m, d := l.Date()
	midnight := time.Duration(l.Hour())*time.Hour + time.Duration(l.Minute())*time.Minute +
		time.Duration(l.Second())*time.Second + time.Duration(l.Nanosecond())
	if midnight < c.Rollover {
		return Date{y, m, d}.AddDays(-1)
	}
	return Date{y, m, d}
}

// Start returns the instant the learner's day d begins.
func (c Calendar) Start(d Date) time.Time {
	r := c.Rollover
	return time.Date(d.Year, d.Month, d.Day, int(r/time.Hour), int(r%time.Hour/time.Minute),
		int(r%time.Minute/time.Second), int(r%time.Second), c.loc())
}

// DayCount is the number of reviews made on one day.
type DayCount struct {
	Day     Date
	Reviews int
}

// DailyCounts returns the number of reviews on each day from from to to,
// both included, days without reviews included with 0. Day boundaries are
// computed in Go from the Calendar, which handles time zones and daylight
// saving; SQLite counts the reviews between them through the time index.
func (s *Store) DailyCounts(ctx context.Context, cal Calendar, from, to Date) ([]DayCount, error) {
	counts, err := s.perDay(ctx, cal, from, to, countPerDay)
	if err != nil {
		return nil, s.wrap("daily counts", err)
	}
	out := make([]DayCount, len(counts))
	for i, c := range counts {
		out[i] = DayCount{Day: from.AddDays(i), Reviews: c}
	}
	return out, nil
}

// Expressions for perDay, over the bounds lo and hi of one day.
const (
	countPerDay  = `(SELECT count(*) FROM review_log WHERE time_ms >= lo AND time_ms < hi)`
	existsPerDay = `EXISTS (SELECT 1 FROM review_log WHERE time_ms >= lo AND time_ms < hi)`
)

// perDay evaluates expr for each day from from to to in one statement per
// few thousand days, so that SQLite, not Go, loops over the days.
func (s *Store) perDay(ctx context.Context, cal Calendar, from, to Date, expr string) ([]int, error) {
	if err := cal.check(); err != nil {
		return nil, err
	}
	n := to.Sub(from) + 1
	if n <= 0 {
		return nil, nil
	}
	out := make([]int, n)
	// SQLite allows 32766 parameters; stay well under it.
	const chunk = 4000
	for start := 0; start < n; start += chunk {
		k := min(chunk, n-start)
		var q strings.Builder
		q.WriteString(`WITH days (i, lo, hi) AS (VALUES `)
		args := make([]any, 0, 3*k)
		lo := cal.Start(from.AddDays(start)).UnixMilli()
		for i := range k {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString("(?, ?, ?)")
			hi := cal.Start(from.AddDays(start + i + 1)).UnixMilli()
			args = append(args, start+i, lo, hi)
			lo = hi
		}
		q.WriteString(`) SELECT i, ` + expr + ` FROM days`)
		rows, err := s.db.QueryContext(ctx, q.String(), args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var i, c int64
			if err := rows.Scan(&i, &c); err != nil {
				rows.Close()
				return nil, err
			}
			out[i] = int(c)
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Streak returns the number of consecutive days with at least one review
// that end today, the day of now. A day without reviews yet does not end
// the streak before it is over: when today has none, the streak ending
// yesterday is returned. Days are looked at in windows, newest first, one
// statement per window.
func (s *Store) Streak(ctx context.Context, cal Calendar, now time.Time) (int, error) {
	today := cal.Day(now)
	streak := 0
	window := 32
	for end := today; ; end = end.AddDays(-window) {
		window = min(window*2, 4000)
		from := end.AddDays(-window + 1)
		reviewed, err := s.perDay(ctx, cal, from, end, existsPerDay)
		if err != nil {
			return 0, s.wrap("streak", err)
		}
		for i := len(reviewed) - 1; i >= 0; i-- {
			switch {
			case reviewed[i] != 0:
				streak++
			case from.AddDays(i) == today:
				// Today is not over.
			default:
				return streak, nil
			}
		}
	}
}

// FirstReview is the first review of a card on one day: what Anki's true
// retention counts. The review passed unless it was rated Again; the card
// was mature when Before.Interval() was 21 days or more, young below.
type FirstReview struct {
	CardID string
	Day    Date
	Time   time.Time
	Rating int
	Before CardState // the card's state before the review
}

// Passed reports whether the review counts as remembered.
func (f FirstReview) Passed() bool { return f.Rating > Again }

// FirstReviewsPerDay returns, for each card and each day from from to to
// (both included), the first review of the card that day, oldest first.
// SQLite picks them, so only those rows and the columns they need reach Go.
func (s *Store) FirstReviewsPerDay(ctx context.Context, cal Calendar, from, to Date) ([]FirstReview, error) {
	if err := cal.check(); err != nil {
		return nil, err
	}
	n := to.Sub(from) + 1
	if n <= 0 {
		return nil, nil
	}
	if n > 4000 {
		// Keep the parameters well under SQLite's limit of 32766.
		head, err := s.FirstReviewsPerDay(ctx, cal, from, from.AddDays(3999))
		if err != nil {
			return nil, err
		}
		tail, err := s.FirstReviewsPerDay(ctx, cal, from.AddDays(4000), to)
		return append(head, tail...), err
	}
	var q strings.Builder
	q.WriteString(`WITH days (i, lo, hi) AS (VALUES `)
	args := make([]any, 0, 3*n)
	lo := cal.Start(from).UnixMilli()
	for i := range n {
		if i > 0 {
			q.WriteString(", ")
		}
		q.WriteString("(?, ?, ?)")
		hi := cal.Start(from.AddDays(i + 1)).UnixMilli()
		args = append(args, i, lo, hi)
		lo = hi
	}
	// With a single min(), SQLite takes the bare columns from the row
	// that has the minimum: the first review of the card that day.
	q.WriteString(`) SELECT d.i, r.card_id, min(r.time_ms), r.rating,
			r.before_stability, r.before_difficulty, r.before_state, r.before_step,
			r.before_due_ms, r.before_last_review_ms, r.before_reps, r.before_lapses
		FROM days AS d JOIN review_log AS r ON r.time_ms >= d.lo AND r.time_ms < d.hi
		GROUP BY d.i, r.card_id
		ORDER BY 3, r.id`)
	rows, err := s.db.QueryContext(ctx, q.String(), args...)
	if err != nil {
		return nil, s.wrap("first reviews per day", err)
	}
	defer rows.Close()
	var out []FirstReview
	for rows.Next() {
		var f FirstReview
		var day, t, rating int64
		var sc stateCols
		if err := rows.Scan(&day, &f.CardID, &t, &rating, &f.Before.Stability, &f.Before.Difficulty,
			&sc.state, &sc.step, &sc.due, &sc.last, &sc.reps, &sc.lapses); err != nil {
			return nil, s.wrap("first reviews per day", err)
		}
		f.Day = from.AddDays(int(day))
		f.Time = time.UnixMilli(t).UTC()
		f.Rating = int(rating)
		sc.into(&f.Before)
		f.Before.CardID = f.CardID
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap("first reviews per day", err)
	}
	return out, nil
}

// CountIntroduced returns how many reviews in [from, to) were of new cards,
// that is, how many new cards were introduced then.
func (s *Store) CountIntroduced(ctx context.Context, from, to time.Time) (int, error) {
	lo, hi := bounds(from, to)
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM review_log
		WHERE time_ms >= ? AND time_ms < ? AND before_state = 0`, lo, hi).Scan(&n)
	if err != nil {
		return 0, s.wrap("count introduced", err)
	}
	return n, nil
}
