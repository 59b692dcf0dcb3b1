// Package stats sums up the learner's history the way Anki's statistics
// screen does: reviews per day for a heatmap, the streak of days, true
// retention of young and mature cards, the reviews due in the coming days,
// the mean retrievability of each knowledge area, and the estimated total
// knowledge. It computes; the command draws.
package stats

import (
	"context"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/schedule"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// Defaults of Options.
const (
	DefaultWeeks        = 16 // weeks of the heatmap
	DefaultForecastDays = 14 // days of the due forecast
	// MatureDays is Anki's threshold: a card whose interval was 21 days or
	// more when it was reviewed is mature, below it young.
	MatureDays = 21
)

// Source is where Compute reads the history: a *store.Store.
type Source interface {
	CardStates(ctx context.Context) (map[string]store.CardState, error)
	DailyCounts(ctx context.Context, cal store.Calendar, from, to store.Date) ([]store.DayCount, error)
	Streak(ctx context.Context, cal store.Calendar, now time.Time) (int, error)
	FirstReviewsPerDay(ctx context.Context, cal store.Calendar, from, to store.Date) ([]store.FirstReview, error)
}

// Options say what to sum up and when.
type Options struct {
	Cards        []*deck.Card // the cards of the decks; others in the store are left out
	Areas        []deck.Area  // the knowledge areas, in the order shown
	Scheduler    *fsrs.Scheduler
	Calendar     store.Calendar
	Now          time.Time
	Weeks        int // 0 means DefaultWeeks
	ForecastDays int // 0 means DefaultForecastDays
}

// Stats is the learner's history summed up.
type Stats struct {
	Today     string       `json:"today"`
	Heatmap   Heatmap      `json:"heatmap"`
	Streak    int          `json:"streak_days"`
	Retention []Retention  `json:"true_retention"`
	Forecast  Forecast     `json:"forecast"`
	Areas     []AreaMemory `json:"areas"`
	// Knowledge is Anki's estimated total knowledge: the sum of the
	// retrievability of every card now, the number of cards one would
	// expect the learner to recall if asked all of them today.
	Knowledge float64 `json:"estimated_total_knowledge"`
	Cards     int     `json:"cards"`
	Reviewed  int     `json:"reviewed"`
	// Tasks sums up the hands-on tasks; nil when none was ever tried.
	Tasks *Tasks `json:"tasks,omitempty"`
}

// Tasks sums up the learner's hands-on tasks.
type Tasks struct {
	Tasks    int `json:"tasks"`    // task cards in the decks
	Done     int `json:"done"`     // tasks passed at least once
	Attempts int `json:"attempts"` // reviews of tasks
	Passed   int `json:"passed"`   // reviews rated above Again
}

// PassRate is the share of attempts that passed.
func (t Tasks) PassRate() float64 {
	if t.Attempts == 0 {
		return 0
	}
	return float64(t.Passed) / float64(t.Attempts)
}

// TaskSummary sums up the reviews of the task cards; nil when there are
// none.
func TaskSummary(tasks []*deck.Card, reviews []store.Review) *Tasks {
	ids := map[string]bool{}
	for _, c := range tasks {
		ids[c.ID] = true
	}
	t := &Tasks{Tasks: len(tasks)}
	done := map[string]bool{}
	for _, r := range reviews {
		if !ids[r.CardID] {
			continue
		}
		t.Attempts++
		if r.Passed() {
			t.Passed++
			done[r.CardID] = true
		}
	}
	if t.Attempts == 0 {
		return nil
	}
	t.Done = len(done)
	return t
}

// Heatmap is the number of reviews on each day of the last weeks, from the
// Monday Weeks-1 weeks before this week's up to today.
type Heatmap struct {
	Weeks  int              `json:"weeks"`
	Start  string           `json:"start"` // a Monday
	Days   []store.DayCount `json:"-"`
	Counts []int            `json:"counts"` // one per day from Start to today
	Total  int              `json:"total"`
	Active int              `json:"active_days"`
	Max    int              `json:"max"`
}

// Level returns the shade of a day with n reviews, from 0 (none) to 4: the
// quarter of the busiest day's count that n reaches.
func (h Heatmap) Level(n int) int {
	if n <= 0 || h.Max <= 0 {
		return 0
	}
	return min(4, (4*n+h.Max-1)/h.Max)
}

// Retention is true retention over one period: the first review of each
// card on each day, counted only for cards scheduled in days (in Review:
// not a card's first sight, nor its learning or relearning steps), as Anki
// counts it. Again fails; Hard, Good and Easy pass. A card is young when
// the interval it was reviewed at was under MatureDays, else mature.
type Retention struct {
	Period string `json:"period"`
	From   string `json:"from"`
	To     string `json:"to"`
	Young  Tally  `json:"young"`
	Mature Tally  `json:"mature"`
}

// Total is young and mature together.
func (r Retention) Total() Tally {
	return Tally{Passed: r.Young.Passed + r.Mature.Passed, Failed: r.Young.Failed + r.Mature.Failed}
}

// Tally counts passed and failed reviews.
type Tally struct {
	Passed int `json:"passed"`
	Failed int `json:"failed"`
}

// N is the number of reviews.
func (t Tally) N() int { return t.Passed + t.Failed }

// Rate is the share passed; 0 when there is none.
func (t Tally) Rate() float64 {
	if t.N() == 0 {
		return 0
	}
	return float64(t.Passed) / float64(t.N())
}

// Forecast is the number of cards due on each of the coming days.
type Forecast struct {
	Days []DueDay `json:"days"` // from today
	// Overdue are cards due before today; they are counted in today's
	// figure too.
	Overdue int `json:"overdue"`
}

// DueDay is the number of cards due on one day.
type DueDay struct {
	Day string `json:"day"`
	Due int    `json:"due"`
}

// AreaMemory is what the learner remembers of one knowledge area now.
type AreaMemory struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Cards    int    `json:"cards"`
	Reviewed int    `json:"reviewed"`
	// Mean is the mean retrievability now of the area's reviewed cards,
	// as Anki shows it; 0 when none was reviewed.
	Mean float64 `json:"mean_retrievability"`
}

// periods are the rows of the true retention table, as in Anki: today,
// yesterday, and the last 7, 30 and 365 days, each ending today.
var periods = []struct {
	name     string
	from, to int // days before today
}{
	{"Today", 0, 0},
	{"Yesterday", 1, 1},
	{"Last week", 6, 0},
	{"Last month", 29, 0},
	{"Last year", 364, 0},
}

// Compute reads the history from src and sums it up as of o.Now.
func Compute(ctx context.Context, src Source, o Options) (*Stats, error) {
	if o.Weeks <= 0 {
		o.Weeks = DefaultWeeks
	}
	if o.ForecastDays <= 0 {
		o.ForecastDays = DefaultForecastDays
	}
	cal := o.Calendar
	today := cal.Day(o.Now)
	st := &Stats{Today: today.String(), Cards: len(o.Cards)}

	// The heatmap: weeks start on Monday.
	weekday := (int(time.Date(today.Year, today.Month, today.Day, 12, 0, 0, 0, time.UTC).Weekday()) + 6) % 7
	start := today.AddDays(-weekday - 7*(o.Weeks-1))
	days, err := src.DailyCounts(ctx, cal, start, today)
	if err != nil {
		return nil, err
	}
	h := Heatmap{Weeks: o.Weeks, Start: start.String(), Days: days}
	for _, d := range days {
		h.Counts = append(h.Counts, d.Reviews)
		h.Total += d.Reviews
		if d.Reviews > 0 {
			h.Active++
		}
		h.Max = max(h.Max, d.Reviews)
	}
	st.Heatmap = h

	if st.Streak, err = src.Streak(ctx, cal, o.Now); err != nil {
		return nil, err
	}

	oldest := periods[len(periods)-1].from
	first, err := src.FirstReviewsPerDay(ctx, cal, today.AddDays(-oldest), today)
	if err != nil {
		return nil, err
	}
	st.Retention = make([]Retention, len(periods))
	for i, p := range periods {
		st.Retention[i] = Retention{Period: p.name, From: today.AddDays(-p.from).String(), To: today.AddDays(-p.to).String()}
	}
	for _, r := range first {
		if r.Before.State != store.StateReview {
			continue
		}
		ago := today.Sub(r.Day)
		interval := cal.Day(r.Before.Due).Sub(cal.Day(r.Before.LastReview))
		for i, p := range periods {
			if ago > p.from || ago < p.to {
				continue
			}
			t := &st.Retention[i].Young
			if interval >= MatureDays {
				t = &st.Retention[i].Mature
			}
			if r.Passed() {
				t.Passed++
			} else {
				t.Failed++
			}
		}
	}

	states, err := src.CardStates(ctx)
	if err != nil {
		return nil, err
	}
	st.Forecast.Days = make([]DueDay, o.ForecastDays)
	for i := range st.Forecast.Days {
		st.Forecast.Days[i].Day = today.AddDays(i).String()
	}
	byArea := map[string]*AreaMemory{}
	for _, a := range o.Areas {
		st.Areas = append(st.Areas, AreaMemory{ID: a.ID, Title: a.Title})
	}
	for i := range st.Areas {
		byArea[st.Areas[i].ID] = &st.Areas[i]
	}
	for _, c := range o.Cards {
		am := byArea[c.Area]
		if am != nil {
			am.Cards++
		}
		s, ok := states[c.ID]
		if !ok || s.LastReview.IsZero() {
			continue
		}
		st.Reviewed++
		r := o.Scheduler.Retrievability(schedule.Card(s), o.Now)
		st.Knowledge += r
		if am != nil {
			am.Reviewed++
			am.Mean += r
		}
		if s.State != store.StateNew && !s.Due.IsZero() {
			d := cal.Day(s.Due).Sub(today)
			if d < 0 {
				st.Forecast.Overdue++
				d = 0
			}
			if d < o.ForecastDays {
				st.Forecast.Days[d].Due++
			}
		}
	}
	for i := range st.Areas {
		if n := st.Areas[i].Reviewed; n > 0 {
			st.Areas[i].Mean /= float64(n)
		}
	}
	return st, nil
}
