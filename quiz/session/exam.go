package session

import (
	"cmp"
	"slices"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/schedule"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// Exam mode's defaults and limits.
const (
	// DefaultExamBuffer is how many days before the exam every card has
	// been introduced.
	DefaultExamBuffer = schedule.DefaultExamBuffer
	// MaxNewPerDay is the most new cards a day a person can learn well;
	// a pace above it names areas to leave out.
	MaxNewPerDay = 60
)

// BeforeExamNote is what a rating that the exam cap shortened says.
const BeforeExamNote = "due before your exam"

// ExamOptions turn on exam mode: with an exam day set and not yet reached,
//
//   - new cards are paced so that every card is introduced at least Buffer
//     days before the exam (Pace), unless KeepNewPerDay;
//   - an interval that would carry a card to the exam day with a
//     retrievability below Target is shortened (fsrs.Scheduler.CapForExam);
//   - inside the buffer, due cards come lowest retrievability on the exam
//     day first.
//
// On the exam day and after it the session is plain FSRS.
type ExamOptions struct {
	Day    store.Date // the exam day; the zero Date means no exam
	Target float64    // retrievability to keep on the exam day; 0 means fsrs.DefaultExamRetention
	Buffer int        // days; 0 means DefaultExamBuffer, negative none
	// KeepNewPerDay keeps Options.NewPerDay (an explicit --new) instead
	// of the exam pace.
	KeepNewPerDay bool
	// AreaWeights are the exam weights of the knowledge areas, to name
	// the lightest areas to leave out when the pace is too fast; missing
	// areas weigh 0.
	AreaWeights map[string]float64
}

// Set reports whether an exam day is given.
func (e ExamOptions) Set() bool { return e.Day != (store.Date{}) }

func (e ExamOptions) target() float64 {
	if e.Target == 0 {
		return fsrs.DefaultExamRetention
	}
	return e.Target
}

func (e ExamOptions) buffer() int {
	switch {
	case e.Buffer == 0:
		return DefaultExamBuffer
	case e.Buffer < 0:
		return 0
	}
	return e.Buffer
}

// FSRS returns the exam as the scheduler takes it, on calendar cal.
func (e ExamOptions) FSRS(cal store.Calendar) fsrs.Exam {
	if !e.Set() {
		return fsrs.Exam{}
	}
	// Noon is inside the learner's day whatever its rollover and DST.
	return fsrs.Exam{Day: cal.Start(e.Day).Add(12 * time.Hour), Target: e.target()}
}

// Pace is the new-card pace of exam mode on one day.
type Pace struct {
	// Active is true before the exam day; on it and after, plain FSRS.
	Active bool `json:"active"`
	// Remaining is the number of new cards to introduce, counted at the
	// start of the day (the ones introduced today included).
	Remaining int `json:"remaining"`
	// Days is the number of days left to introduce them, today included
	// (at least 1 while Active).
	Days int `json:"days"`
	// By is the last day on which new cards are introduced: Buffer days
	// before the exam, or today when that is past.
	By store.Date `json:"-"`
	// PerDay is ceil(Remaining / Days).
	PerDay int `json:"per_day"`
	// TooMany reports PerDay > MaxNewPerDay.
	TooMany bool `json:"too_many"`
	// LeaveOut names the areas to leave out, lightest exam weight first,
	// to bring PerDay to MaxNewPerDay or below, when TooMany.
	LeaveOut []string `json:"leave_out,omitempty"`
}

// NewPace returns the pace that introduces remaining new cards by buffer
// days before the exam: ceil(remaining / days left before the buffer),
// everything today when the buffer has begun, and not active on the exam
// day or after it.
func NewPace(remaining int, today, exam store.Date, buffer int) Pace {
	if !today.Before(exam) {
		return Pace{Remaining: remaining}
	}
	by := exam.AddDays(-max(buffer, 0))
	days := by.Sub(today) + 1
	if days < 1 {
		days, by = 1, today
	}
	p := Pace{Active: true, Remaining: remaining, Days: days, By: by}
	p.PerDay = (remaining + days - 1) / days
	p.TooMany = p.PerDay > MaxNewPerDay
	return p
}

// AreaLoad is one area's remaining new cards and its exam weight.
type AreaLoad struct {
	Area   string
	New    int
	Weight float64
}

// LeaveOut returns the areas to leave out, lightest weight first (among
// equal weights the one with more new cards first), until the new cards
// left (fixed ones that no area can drop, plus the areas') over days come
// to at most limit a day; nil when they already do.
func LeaveOut(areas []AreaLoad, fixed, days, limit int) []string {
	days = max(days, 1)
	total := fixed
	for _, a := range areas {
		total += a.New
	}
	order := slices.Clone(areas)
	slices.SortStableFunc(order, func(a, b AreaLoad) int {
		return cmp.Or(cmp.Compare(a.Weight, b.Weight), cmp.Compare(b.New, a.New))
	})
	var out []string
	for _, a := range order {
		if (total+days-1)/days <= limit {
			break
		}
		if a.New == 0 {
			continue
		}
		out = append(out, a.Area)
		total -= a.New
	}
	return out
}

// AreaWeights gives each knowledge area of bp its share of its objective's
// weight: the areas of an objective share its questions equally.
func AreaWeights(bp *deck.Blueprint) map[string]float64 {
	w := map[string]float64{}
	for _, o := range bp.Objectives {
		areas := bp.AreasOf(o.ID)
		for _, a := range areas {
			w[a.ID] = float64(o.Weight) / float64(len(areas))
		}
	}
	return w
}

// examPace computes the session's pace over every card of the decks (the
// filters do not change it).
func (cfg *Config) examPace(now time.Time) Pace {
	if !cfg.Exam.Set() {
		return Pace{}
	}
	today := cfg.Calendar.Day(now)
	byArea := map[string]int{}
	remaining := cfg.IntroducedToday
	for _, c := range cfg.Cards {
		if st, seen := cfg.States[c.ID]; !seen || st.State == store.StateNew {
			remaining++
			byArea[c.Area]++
		}
	}
	p := NewPace(remaining, today, cfg.Exam.Day, cfg.Exam.buffer())
	if p.TooMany {
		var loads []AreaLoad
		for _, a := range cfg.areaOrder() {
			loads = append(loads, AreaLoad{Area: a, New: byArea[a], Weight: cfg.Exam.AreaWeights[a]})
		}
		// The new cards introduced today cannot be left out any more.
		p.LeaveOut = LeaveOut(loads, cfg.IntroducedToday, p.Days, MaxNewPerDay)
	}
	return p
}

// inBuffer reports whether now is inside the exam buffer: the days after
// the last one that introduces new cards and before the exam, on which due
// cards come lowest R(exam day) first.
func (cfg *Config) inBuffer(now time.Time) bool {
	if !cfg.Exam.Set() {
		return false
	}
	today := cfg.Calendar.Day(now)
	return today.Before(cfg.Exam.Day) && cfg.Exam.Day.Sub(today) < cfg.Exam.buffer()
}

// Pace returns the session's new-card pace, computed at its start; Active
// is false without an exam day or from the exam day on.
func (s *Session) Pace() Pace { return s.planned.pace }

// Outcome is what one rating would do to a card.
type Outcome struct {
	Due time.Time
	// BeforeExam reports that the exam cap moved the due day before the
	// exam (BeforeExamNote).
	BeforeExam bool
}

// Preview returns what each rating, Again to Easy, would do to the card
// now, the exam cap applied.
func (s *Session) Preview(c *deck.Card) [4]Outcome {
	now := time.UnixMilli(s.cfg.Now().UnixMilli()).UTC()
	st := s.State(c.ID)
	cards, capped := s.cfg.Scheduler.PreviewForExam(schedule.Card(st), now, fsrs.FuzzSeed(c.ID, st.Reps), s.cfg.Exam.FSRS(s.cfg.Calendar))
	var out [4]Outcome
	for i, fc := range cards {
		out[i] = Outcome{Due: fc.Due, BeforeExam: capped[i]}
	}
	return out
}

// BeforeExam reports whether the card's last rating in this session was
// moved before the exam by the exam cap.
func (s *Session) BeforeExam(cardID string) bool { return s.capped[cardID] }

// RoundRobin takes up to n of cards, one from each area in turn, in the
// order of areas and, within an area, in the order of cards: the order in
// which a session introduces new cards.
func RoundRobin(cards []*deck.Card, areas []string, n int) []*deck.Card {
	return roundRobin(cards, areas, n)
}
