package export

import (
	"cmp"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dockdrill/dockdrill/quiz/fsrs"
)

// LogReview is one review of a review log in the FSRS optimizer's columns.
type LogReview struct {
	CardID string
	Time   int64 // milliseconds since 1970-01-01 UTC
	Rating fsrs.Rating
}

// Revlog is a review log as ReadRevlog reads it: the reviews grouped by
// card.
type Revlog struct {
	Cards   map[string][]LogReview
	Order   []string // the cards in the order they first appear
	Skipped int      // manual entries (rating 0), left out
}

// ReadRevlog parses a review log in the FSRS optimizer's CSV format, the
// one WriteRevlog writes, and groups its reviews by card. The log needs a
// header line; columns are found by name, in any order, unknown ones
// ignored: card_id, review_time (ms since the epoch) and review_rating
// (1-4; 0, a manual entry, is skipped as the optimizer skips it) are
// required; review_state (0-3) and review_duration (ms) are checked when
// present. Errors name the file (name), the line and the column.
func ReadRevlog(ctx context.Context, name string, in io.Reader) (*Revlog, error) {
	r := csv.NewReader(in)
	r.ReuseRecord = true
	header, err := r.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: empty file; want a header line naming card_id, review_time and review_rating", name)
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	header = slices.Clone(header) // the reader reuses its record
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := col[h]; dup && h != "" {
			return nil, fmt.Errorf("%s:1: column %s appears twice", name, h)
		}
		col[h] = i
	}
	for _, need := range []string{"card_id", "review_time", "review_rating"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("%s:1: missing column %s; the header needs card_id, review_time and review_rating", name, need)
		}
	}
	stateCol, hasState := col["review_state"]
	durCol, hasDur := col["review_duration"]

	log := &Revlog{Cards: map[string][]LogReview{}}
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		bad := func(field int, format string, args ...any) error {
			line, _ := r.FieldPos(field)
			return fmt.Errorf("%s:%d: %s: %s", name, line, header[field], fmt.Sprintf(format, args...))
		}
		i := col["card_id"]
		id := strings.TrimSpace(rec[i])
		if id == "" {
			return nil, bad(i, "empty")
		}
		i = col["review_time"]
		ms, err := strconv.ParseInt(strings.TrimSpace(rec[i]), 10, 64)
		if err != nil {
			return nil, bad(i, "%q is not a whole number of milliseconds since the epoch", rec[i])
		}
		i = col["review_rating"]
		rating, err := strconv.Atoi(strings.TrimSpace(rec[i]))
		if err != nil || rating < 0 || rating > 4 {
			return nil, bad(i, "%q is not 1-4", rec[i])
		}
		if hasState {
			if v := strings.TrimSpace(rec[stateCol]); v != "" {
				if st, err := strconv.Atoi(v); err != nil || st < 0 || st > 3 {
					return nil, bad(stateCol, "%q is not 0-3", rec[stateCol])
				}
			}
		}
		if hasDur {
			if v := strings.TrimSpace(rec[durCol]); v != "" {
				if d, err := strconv.ParseInt(v, 10, 64); err != nil || d < 0 {
					return nil, bad(durCol, "%q is not a whole, non-negative number of milliseconds", rec[durCol])
				}
			}
		}
		if rating == 0 {
			log.Skipped++
			continue
		}
		if _, seen := log.Cards[id]; !seen {
			log.Order = append(log.Order, id)
		}
		log.Cards[id] = append(log.Cards[id], LogReview{CardID: id, Time: ms, Rating: fsrs.Rating(rating)})
	}
	return log, nil
}

// csvError names the file and line of a CSV syntax error.
func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d: %v", name, pe.Line, pe.Err)
	}
	return fmt.Errorf("%s: %v", name, err)
}

// ReplayStep is what the scheduler made of one review of a replayed log.
type ReplayStep struct {
	CardID         string  `json:"card_id"`
	ReviewTime     int64   `json:"review_time"`
	Rating         int     `json:"rating"`
	ElapsedDays    int     `json:"elapsed_days"`   // learner's days since the card's previous review; 0 for its first
	Retrievability float64 `json:"retrievability"` // before the review; 0 for a new card
	Stability      float64 `json:"stability"`      // after the review
	Difficulty     float64 `json:"difficulty"`     // after the review
	State          string  `json:"state"`
	IntervalDays   int     `json:"interval_days"` // 0 while in learning steps
	Due            string  `json:"due"`           // RFC 3339, in loc
}

// Replay schedules every card of log through s as if it had been learned
// with it: card by card in log.Order, each card's reviews by time (stable),
// passing each step to emit. It returns the number of reviews replayed.
func Replay(ctx context.Context, s *fsrs.Scheduler, log *Revlog, loc *time.Location, emit func(ReplayStep) error) (int, error) {
	reviews := 0
	for _, id := range log.Order {
		if err := ctx.Err(); err != nil {
			return reviews, err
		}
		revs := log.Cards[id]
		slices.SortStableFunc(revs, func(a, b LogReview) int { return cmp.Compare(a.Time, b.Time) })
		var c fsrs.Card
		for _, r := range revs {
			now := time.UnixMilli(r.Time).In(loc)
			step := ReplayStep{
				CardID:         id,
				ReviewTime:     r.Time,
				Rating:         int(r.Rating),
				ElapsedDays:    s.ElapsedDays(c.LastReview, now),
				Retrievability: s.Retrievability(c, now),
			}
			c = s.Review(c, r.Rating, now, 0)
			step.Stability, step.Difficulty = c.Stability, c.Difficulty
			step.State = c.State.String()
			step.IntervalDays = s.IntervalDays(c)
			step.Due = c.Due.In(loc).Format(time.RFC3339)
			if err := emit(step); err != nil {
				return reviews, err
			}
			reviews++
		}
	}
	return reviews, nil
}
