package fsrs

import (
	"testing"
	"time"
)

// FuzzReview answers arbitrary cards at arbitrary times under varied
// settings and checks the invariants: no panic, D in [1, 10], S in
// [0.001, 36500], due after the answer, whole-day intervals within the
// maximum in Review, and Review equal to its Preview.
func FuzzReview(f *testing.F) {
	f.Add(2.3065, 2.1, int8(2), 0, int64(3*24*60), int64(5*24*60), uint8(2), uint64(1), true, uint16(240), uint8(0), uint16(36500))
	f.Add(0.0, 0.0, int8(0), 0, int64(0), int64(0), uint8(0), uint64(0), false, uint16(0), uint8(1), uint16(1))
	f.Add(1e300, -5.0, int8(3), 7, int64(-60), int64(1), uint8(3), uint64(99), true, uint16(1439), uint8(2), uint16(30))
	f.Add(0.001, 10.0, int8(1), -1, int64(1<<40), int64(1<<41), uint8(1), uint64(7), true, uint16(150), uint8(3), uint16(100))
	zones := []string{"UTC", "Europe/Berlin", "America/New_York", "Asia/Kathmandu", "Pacific/Chatham"}
	locs := make([]*time.Location, len(zones))
	for i, z := range zones {
		loc, err := time.LoadLocation(z)
		if err != nil {
			f.Fatal(err)
		}
		locs[i] = loc
	}
	base := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	const century = 100 * 366 * 24 * 60 // minutes
	f.Fuzz(func(t *testing.T, stability, difficulty float64, state int8, step int, lastMin, nowMin int64,
		rating uint8, seed uint64, fuzz bool, dayStartMin uint16, zone uint8, maxIvl uint16) {
		p := DefaultParams()
		p.EnableFuzz = fuzz
		p.DayStart = time.Duration(dayStartMin%1440) * time.Minute
		p.Location = locs[int(zone)%len(locs)]
		p.MaximumInterval = 1 + int(maxIvl)%MaxIntervalLimit
		p.DesiredRetention = MinRetention + float64(seed%28)/100
		if seed%5 == 0 {
			p.LearningSteps, p.RelearningSteps = nil, nil
		}
		s, err := NewScheduler(p)
		if err != nil {
			t.Fatal(err)
		}
		c := Card{
			Stability:  stability,
			Difficulty: difficulty,
			State:      State(state),
			Step:       step,
			Reps:       3,
		}
		if lastMin%7 != 0 {
			c.LastReview = base.Add(time.Duration(lastMin%century) * time.Minute)
		}
		now := base.Add(time.Duration(nowMin%century) * time.Minute)
		r := Rating(rating%4 + 1)

		got := s.Review(c, r, now, seed)
		if !(got.Difficulty >= DifficultyMin && got.Difficulty <= DifficultyMax) {
			t.Fatalf("D = %v", got.Difficulty)
		}
		if !(got.Stability >= StabilityMin && got.Stability <= StabilityMax) {
			t.Fatalf("S = %v", got.Stability)
		}
		if !got.Due.After(now) {
			t.Fatalf("due %v not after now %v", got.Due, now)
		}
		if !got.LastReview.Equal(now) || got.Reps != c.Reps+1 || got.Step < 0 {
			t.Fatalf("bookkeeping: %+v", got)
		}
		switch got.State {
		case Review:
			if ivl := s.IntervalDays(got); ivl < 1 || ivl > p.MaximumInterval {
				t.Fatalf("interval %d outside [1, %d]", ivl, p.MaximumInterval)
			}
		case Learning, Relearning:
		default:
			t.Fatalf("state %v after an answer", got.State)
		}
		if pv := s.Preview(c, now, seed); pv[r-1] != got {
			t.Fatalf("Preview %+v != Review %+v", pv[r-1], got)
		}
	})
}
