package fsrs

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// Scheduler computes what each answer does to a card. It is immutable and
// safe for concurrent use.
type Scheduler struct {
	p     Params
	m     model
	loc   *time.Location
	retMu float64 // r^(1/DECAY) - 1, the interval multiplier's numerator
}

// NewScheduler returns a Scheduler for p, or the errors of p.Validate.
func NewScheduler(p Params) (*Scheduler, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	p.LearningSteps = slices.Clone(p.LearningSteps)
	p.RelearningSteps = slices.Clone(p.RelearningSteps)
	loc := p.Location
	if loc == nil {
		loc = time.UTC
	}
	m := newModel(p.Weights)
	return &Scheduler{p: p, m: m, loc: loc, retMu: pow(p.DesiredRetention, 1/m.decay) - 1}, nil
}

// Params returns a copy of the settings the Scheduler was built with.
func (s *Scheduler) Params() Params {
	p := s.p
	p.LearningSteps = slices.Clone(p.LearningSteps)
	p.RelearningSteps = slices.Clone(p.RelearningSteps)
	return p
}

// Review returns the card after answering r at now: its new memory state,
// state, step and counts, LastReview set to now, and Due set to now plus the
// step while in (re)learning steps, else to the start of the learner's day
// on which the interval ends (so a card is due all that day). fuzzSeed,
// normally FuzzSeed(id, c.Reps), picks the fuzz of a review interval; it is
// ignored when fuzz is off. Review(c, r, now, seed) equals
// Preview(c, now, seed)[r-1]. It panics if r is not a valid Rating.
//
// A card whose memory state is unusable (no last review, or a stability or
// difficulty that is not a positive finite number) is treated as new; a
// stability or difficulty out of range is clamped first.
func (s *Scheduler) Review(c Card, r Rating, now time.Time, fuzzSeed uint64) Card {
	if !r.Valid() {
		panic(fmt.Sprintf("fsrs: invalid rating %d", r))
	}
	var outs [4]outcome
	today := s.dayNumber(now)
	lo := min(r, Hard) // a Good or Easy interval is bounded by the ones below
	s.outcomes(&outs, c, today, fuzzSeed, lo, r)
	return s.finish(&outs[r-1], now, today)
}

// Preview returns the card after each of the four ratings at now, indexed
// by rating-1, with the Hard < Good < Easy ordering applied.
func (s *Scheduler) Preview(c Card, now time.Time, fuzzSeed uint64) [4]Card {
	var outs [4]outcome
	today := s.dayNumber(now)
	s.outcomes(&outs, c, today, fuzzSeed, Again, Easy)
	var cards [4]Card
	for i := range outs {
		cards[i] = s.finish(&outs[i], now, today)
	}
	return cards
}

// Retrievability returns the probability that the card is recalled at at,
// counting whole learner's days since the last review; 0 for a card never
// reviewed.
func (s *Scheduler) Retrievability(c Card, at time.Time) float64 {
	if c.State == New || c.LastReview.IsZero() || !validMemory(c) {
		return 0
	}
	return s.m.retrievability(s.ElapsedDays(c.LastReview, at), clampStability(c.Stability))
}

// ElapsedDays returns how many of the learner's day boundaries (DayStart in
// Location) lie between last and now; 0 if now is not after last or last
// is zero.
func (s *Scheduler) ElapsedDays(last, now time.Time) int {
	if last.IsZero() {
		return 0
	}
	return int(max(0, s.dayNumber(now)-s.dayNumber(last)))
}

// IntervalDays returns the number of days from the card's last review to
// its due day when it is in Review, else 0.
func (s *Scheduler) IntervalDays(c Card) int {
	if c.State != Review {
		return 0
	}
	return s.ElapsedDays(c.LastReview, c.Due)
}

// FuzzSeed returns the fuzz seed of a card: it depends on the card's ID and
// its number of answers, so it stays fixed until the card is next answered
// and every preview of that answer agrees with the answer itself.
func FuzzSeed(cardID string, reps int) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211 // FNV-1a
	h := uint64(offset)
	for i := 0; i < len(cardID); i++ {
		h ^= uint64(cardID[i])
		h *= prime
	}
	return splitmix64(h + uint64(reps)*0x9e3779b97f4a7c15)
}

// outcome is a card after one rating, before its due time is set.
type outcome struct {
	card   Card
	review bool          // scheduled in days
	raw    float64       // unrounded interval in days, when review
	days   int           // interval in days after ordering, cap and fuzz
	delay  time.Duration // the (re)learning step, when not review
}

// outcomes fills outs[lo-1 : hi] with the outcomes of ratings lo to hi.
// Settling a Good or Easy interval needs the passing ratings below it.
func (s *Scheduler) outcomes(outs *[4]outcome, c Card, today int64, seed uint64, lo, hi Rating) {
	c = sanitize(c)
	isNew := c.State == New
	elapsed, r := 0, 0.0
	if !isNew {
		elapsed = int(max(0, today-s.dayNumber(c.LastReview)))
		if elapsed > 0 {
			r = s.m.retrievability(elapsed, c.Stability)
		}
	}
	mem := s.m.nextRange(c.Stability, c.Difficulty, isNew, elapsed, r, lo, hi)
	for g := lo; g <= hi; g++ {
		outs[g-1] = s.transition(c, g, mem[g])
	}

	fuzz := -1.0
	if s.p.EnableFuzz {
		fuzz = unitFloat(seed)
	}
	if o := &outs[0]; lo == Again && o.review {
		o.days = s.constrain(o.raw, 1, fuzz)
	}
	prev := 0 // interval of the rating below, when it is scheduled in days
	for g := max(lo, Hard); g <= hi; g++ {
		o := &outs[g-1]
		if !o.review {
			prev = 0
			continue
		}
		minimum := 1
		if prev > 0 {
			minimum = prev + 1
		}
		o.days = s.constrain(o.raw, minimum, fuzz)
		prev = o.days
	}
}

// transition applies the state machine of py-fsrs (Scheduler.review_card)
// for one rating, whose new memory state is mem.
func (s *Scheduler) transition(c Card, g Rating, mem memory) outcome {
	n := c
	n.Stability, n.Difficulty = mem.s, mem.d
	n.Reps++

	var steps []time.Duration
	switch c.State {
	case Review:
		if g == Again {
			n.Lapses++
			if len(s.p.RelearningSteps) > 0 {
				n.State, n.Step = Relearning, 0
				return outcome{card: n, delay: s.p.RelearningSteps[0]}
			}
		}
		return s.toReview(n)
	case Relearning:
		steps = s.p.RelearningSteps
	default: // New, Learning
		steps = s.p.LearningSteps
		n.State = Learning
	}
	// A step past the end happens when the steps were shortened since the
	// card was last answered: a pass graduates it.
	if len(steps) == 0 || (c.Step >= len(steps) && g != Again) {
		return s.toReview(n)
	}
	switch g {
	case Again:
		n.Step = 0
		return outcome{card: n, delay: steps[0]}
	case Hard:
		d := steps[c.Step]
		if c.Step == 0 && len(steps) == 1 {
			d = steps[0] * 3 / 2
		} else if c.Step == 0 {
			d = (steps[0] + steps[1]) / 2
		}
		return outcome{card: n, delay: d}
	case Good:
		if c.Step+1 == len(steps) {
			return s.toReview(n)
		}
		n.Step = c.Step + 1
		return outcome{card: n, delay: steps[n.Step]}
	default: // Easy
		return s.toReview(n)
	}
}

func (s *Scheduler) toReview(n Card) outcome {
	n.State, n.Step = Review, 0
	return outcome{card: n, review: true, raw: n.Stability / s.m.factor * s.retMu}
}

// constrain turns an unrounded interval into whole days: rounded half to
// even, at least minimum (at least 1), at most the maximum interval, then
// fuzzed within the ranges of py-fsrs and Anki when fuzz is in [0, 1).
func (s *Scheduler) constrain(raw float64, minimum int, fuzz float64) int {
	maxIvl := s.p.MaximumInterval
	minimum = min(max(minimum, 1), maxIvl)
	ivl := min(max(int(math.RoundToEven(raw)), minimum), maxIvl)
	if fuzz < 0 {
		return ivl
	}
	lo, hi := fuzzRange(ivl, maxIvl)
	lo = min(max(lo, minimum), maxIvl)
	hi = min(max(hi, minimum), maxIvl)
	return lo + int(fuzz*float64(hi-lo+1))
}

// fuzzRanges are the fuzz factors of py-fsrs FUZZ_RANGES and Anki fuzz.rs.
var fuzzRanges = [3]struct{ start, end, factor float64 }{
	{2.5, 7, 0.15},
	{7, 20, 0.10},
	{20, math.Inf(1), 0.05},
}

// fuzzRange returns the days a fuzzed interval of ivl days may take, as
// py-fsrs _get_fuzz_range computes them: no fuzz below 2.5 days, then
// ivl ± (1 + 15% of the part in [2.5, 7) + 10% of [7, 20) + 5% beyond),
// at least 2 days and at most the maximum.
func fuzzRange(ivl, maxIvl int) (lo, hi int) {
	if float64(ivl) < 2.5 {
		return ivl, ivl
	}
	delta := 1.0
	for _, r := range fuzzRanges {
		delta += r.factor * max(min(float64(ivl), r.end)-r.start, 0)
	}
	lo = max(2, int(math.RoundToEven(float64(ivl)-delta)))
	hi = min(int(math.RoundToEven(float64(ivl)+delta)), maxIvl)
	return min(lo, hi), hi
}

// finish sets the card's last review and due time.
func (s *Scheduler) finish(o *outcome, now time.Time, today int64) Card {
	c := o.card
	c.LastReview = now
	if o.review {
		c.Due = s.dayStart(today + int64(o.days))
	} else {
		c.Due = now.Add(o.delay)
	}
	return c
}

// sanitize makes a card's fields usable: a card without a usable memory
// state becomes new, an out-of-range memory state is clamped.
func sanitize(c Card) Card {
	c.Step = max(c.Step, 0)
	if c.State < New || c.State > Relearning {
		c.State = New
	}
	if c.State != New && (c.LastReview.IsZero() || !validMemory(c)) {
		c.State = New
	}
	if c.State == New {
		c.Step = 0
		return c
	}
	c.Stability = clampStability(c.Stability)
	c.Difficulty = clampDifficulty(c.Difficulty)
	return c
}

func validMemory(c Card) bool {
	return c.Stability > 0 && !math.IsInf(c.Stability, 0) &&
		c.Difficulty > 0 && !math.IsInf(c.Difficulty, 0)
}

// dayNumber numbers the learner's days: the day that begins at DayStart on
// a date in Location has that date's number of days since 1970-01-01.
func (s *Scheduler) dayNumber(t time.Time) int64 {
	_, offset := t.In(s.loc).Zone()
	local := t.Unix() + int64(offset) // seconds since 1970-01-01 00:00, local wall clock
	ds := s.p.DayStart
	local -= int64(ds / time.Second)
	if time.Duration(t.Nanosecond()) < ds%time.Second {
		local--
	}
	day := local / 86400
	if local%86400 < 0 {
		day--
	}
	return day
}

// dayStart returns the moment the learner's day number n begins: DayStart
// on that date, or the end of a daylight-saving gap that swallows it.
func (s *Scheduler) dayStart(n int64) time.Time {
	y, m, d := civilFromDays(n)
	ds := s.p.DayStart
	t := time.Date(y, time.Month(m), d, int(ds/time.Hour), int(ds%time.Hour/time.Minute),
		int(ds%time.Minute/time.Second), int(ds%time.Second), s.loc)
	if s.loc != time.UTC && s.dayNumber(t) < n { // time.Date put a wall time in a gap before it
		if _, end := t.ZoneBounds(); end.After(t) {
			t = end
		}
	}
	return t
}

// civilFromDays returns the proleptic Gregorian date that is z days after
// 1970-01-01 (H. Hinnant's algorithm).
func civilFromDays(z int64) (y, m, d int) {
	z += 719468
	era := z
	if era < 0 {
		era -= 146096
	}
	era /= 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	m = int(mp + 3)
	if mp >= 10 {
		m = int(mp - 9)
	}
	y = int(yoe + era*400)
	if m <= 2 {
		y++
	}
	return y, m, d
}

func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// unitFloat maps a seed to a float64 in [0, 1).
func unitFloat(seed uint64) float64 {
	return float64(splitmix64(seed)>>11) / (1 << 53)
}
