package fsrs

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// DefaultWeights returns the FSRS-6 default parameters w0..w20, the same
// in py-fsrs, fsrs-rs (Anki), go-fsrs and ts-fsrs.
func DefaultWeights() [21]float64 { return defaultWeights }

var defaultWeights = [21]float64{
	0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666,
	0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658,
	0.1542,
}

// Limits of the scheduler's settings.
const (
	MinRetention = 0.70 // lowest desired retention accepted
	MaxRetention = 0.99 // highest desired retention accepted, as Anki allows
	// HeavyRetention is the retention above which the workload grows
	// steeply (each point costs more reviews than the last); commands warn
	// above it.
	HeavyRetention     = 0.97
	MaxIntervalLimit   = 36500 // longest interval, in days, and the stability ceiling
	StabilityMin       = 0.001 // stability floor, in days
	StabilityMax       = 36500 // stability ceiling, in days
	DifficultyMin      = 1.0
	DifficultyMax      = 10.0
	defaultMaxInterval = 36500
)

// weightBounds are the ranges py-fsrs 6.3.1 accepts for each weight, with
// what the weight does; Validate rejects anything outside them.
var weightBounds = [21]struct {
	lo, hi float64
	role   string
}{
	{0.001, 100, "initial stability after Again"},
	{0.001, 100, "initial stability after Hard"},
	{0.001, 100, "initial stability after Good"},
	{0.001, 100, "initial stability after Easy"},
	{1, 10, "initial difficulty base"},
	{0.001, 4, "initial difficulty exponent"},
	{0.001, 4, "difficulty step per grade"},
	{0.001, 0.75, "difficulty mean reversion"},
	{0, 4.5, "recall stability scale"},
	{0, 0.8, "recall stability exponent"},
	{0.001, 3.5, "recall retrievability factor"},
	{0.001, 5, "lapse stability scale"},
	{0.001, 0.25, "lapse difficulty exponent"},
	{0.001, 0.9, "lapse stability exponent"},
	{0, 4, "lapse retrievability factor"},
	{0, 1, "Hard penalty"},
	{1, 6, "Easy bonus"},
	{0, 2, "same-day exponent scale"},
	{0, 2, "same-day grade offset"},
	{0, 0.8, "same-day stability exponent"},
	{0.1, 0.8, "forgetting curve decay"},
}

// Params configures a Scheduler. Start from DefaultParams and change what
// differs; the zero value is not valid.
type Params struct {
	// Weights are the 21 FSRS-6 parameters w0..w20. Use ParseParams or
	// MigrateWeights for the 17-value (FSRS-4.5) and 19-value (FSRS-5)
	// vectors of older optimizers.
	Weights [21]float64
	// DesiredRetention is the probability of recall at which a review card
	// falls due: 0.90 by default, MinRetention to MaxRetention allowed.
	DesiredRetention float64
	// LearningSteps are the delays between the first answers to a new
	// card before it enters Review. Empty means pure FSRS: the first answer
	// schedules the card in days.
	LearningSteps []time.Duration
	// RelearningSteps are the delays after a lapse before the card returns
	// to Review. Empty means a lapse is rescheduled in days at once.
	RelearningSteps []time.Duration
	// MaximumInterval caps review intervals, in days (1 to 36500).
	MaximumInterval int
	// EnableFuzz spreads review intervals a little so that cards learned
	// together do not stay together. On in real use, off in tests.
	EnableFuzz bool
	// DayStart is the time after local midnight at which the learner's day
	// begins (0 to 24h); elapsed days count these boundaries. Default 4h.
	DayStart time.Duration
	// Location is the learner's time zone for day boundaries; nil means
	// UTC. Commands set it from the learner's environment.
	Location *time.Location
}

// DefaultParams returns the settings dockdrill schedules with: FSRS-6
// default weights, retention 0.90, learning steps 1m and 10m, relearning
// step 10m, a 36500-day maximum, fuzz on, days starting at 04:00 UTC.
// Callers set Location to the learner's zone.
func DefaultParams() Params {
	return Params{
		Weights:          defaultWeights,
		DesiredRetention: 0.9,
		LearningSteps:    []time.Duration{time.Minute, 10 * time.Minute},
		RelearningSteps:  []time.Duration{10 * time.Minute},
		MaximumInterval:  defaultMaxInterval,
		EnableFuzz:       true,
		DayStart:         4 * time.Hour,
	}
}

// Validate reports every setting out of range, one error per line, each
// naming the setting, its value and the range allowed.
func (p Params) Validate() error {
	var errs []error
	for i, w := range p.Weights {
		b := weightBounds[i]
		if !(w >= b.lo && w <= b.hi) { // also rejects NaN
			errs = append(errs, fmt.Errorf("weight w%d = %v is out of range [%v, %v] (%s)", i, w, b.lo, b.hi, b.role))
		}
	}
	if !(p.DesiredRetention >= MinRetention && p.DesiredRetention <= MaxRetention) {
		errs = append(errs, fmt.Errorf("desired retention %v is out of range [%.2f, %.2f]", p.DesiredRetention, MinRetention, MaxRetention))
	}
	for i, d := range p.LearningSteps {
		if d <= 0 {
			errs = append(errs, fmt.Errorf("learning step %d is %v; steps must be positive", i+1, d))
		}
	}
	for i, d := range p.RelearningSteps {
		if d <= 0 {
			errs = append(errs, fmt.Errorf("relearning step %d is %v; steps must be positive", i+1, d))
		}
	}
	if p.MaximumInterval < 1 || p.MaximumInterval > MaxIntervalLimit {
		errs = append(errs, fmt.Errorf("maximum interval %d days is out of range [1, %d]", p.MaximumInterval, MaxIntervalLimit))
	}
	if p.DayStart < 0 || p.DayStart >= 24*time.Hour {
		errs = append(errs, fmt.Errorf("day start %v is out of range [0, 24h)", p.DayStart))
	}
	return errors.Join(errs...)
}

// ParseParams reads a weight vector written as comma-separated numbers, as
// the FSRS optimizers and Anki print it (square brackets and spaces are
// allowed). It accepts 21 values (FSRS-6), and 19 (FSRS-5) or 17
// (FSRS-4.5) values, which it migrates with MigrateWeights. It does not
// check ranges; Params.Validate does.
func ParseParams(csv string) ([21]float64, error) {
	s := strings.TrimSpace(csv)
	s = strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
	if strings.TrimSpace(s) == "" {
		return [21]float64{}, errors.New("no parameters given; want 21 comma-separated numbers (or 19 or 17 to migrate)")
	}
	fields := strings.Split(s, ",")
	w := make([]float64, 0, len(fields))
	for i, f := range fields {
		f = strings.TrimSpace(f)
		v, err := strconv.ParseFloat(f, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return [21]float64{}, fmt.Errorf("parameter %d: %q is not a number", i+1, f)
		}
		w = append(w, v)
	}
	return MigrateWeights(w)
}

// MigrateWeights turns a weight vector of 21, 19 or 17 values into FSRS-6
// weights, the way fsrs-rs (check_and_fill_parameters) and go-fsrs
// (MigrateWeights) do. 21 values are returned as they are. 19 values
// (FSRS-5) gain w19 = 0 and w20 = 0.5, which keeps the FSRS-5 forgetting
// curve. 17 values (FSRS-4.5) have w4, w5 and w6 rewritten to the FSRS-5
// difficulty formula (w4 + 2*w5, ln(3*w5 + 1)/3, w6 + 0.5) and gain
// w17 = w18 = w19 = 0 and w20 = 0.5.
func MigrateWeights(w []float64) ([21]float64, error) {
	var out [21]float64
	switch len(w) {
	case 21:
		copy(out[:], w)
	case 19:
		copy(out[:], w)
		out[19], out[20] = 0, 0.5
	case 17:
		copy(out[:], w)
		out[4] = w[4] + 2*w[5]
		out[5] = math.Log(3*w[5]+1) / 3
		out[6] = w[6] + 0.5
		out[17], out[18], out[19], out[20] = 0, 0, 0, 0.5
	default:
		return out, fmt.Errorf("got %d parameters, want 21 (FSRS-6), 19 (FSRS-5) or 17 (FSRS-4.5)", len(w))
	}
	return out, nil
}

// ParseSteps reads learning or relearning steps written as comma-separated
// durations such as "1m,10m"; "" and "none" mean no steps.
func ParseSteps(s string) ([]time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "none" {
		return nil, nil
	}
	var out []time.Duration
	for i, f := range strings.Split(s, ",") {
		d, err := time.ParseDuration(strings.TrimSpace(f))
		if err != nil {
			return nil, fmt.Errorf("step %d: %q is not a duration such as 10m or 1h30m", i+1, strings.TrimSpace(f))
		}
		out = append(out, d)
	}
	return out, nil
}

// ClampWeights returns w with each weight clamped into the range Validate
// accepts, as fsrs-rs clip_parameters does.
func ClampWeights(w [21]float64) [21]float64 {
	for i, b := range weightBounds {
		w[i] = min(max(w[i], b.lo), b.hi)
	}
	return w
}
