package fsrs

// model holds the weights and the constants derived from them. Each formula
// is evaluated in the order py-fsrs 6.3.1 evaluates it, with powers rounded
// as its ** rounds them (pow.go), so float64 results agree with py-fsrs to
// the last bit.
type model struct {
	w      [21]float64
	decay  float64 // -w20
	factor float64 // 0.9^(1/decay) - 1, so that R(S, S) = 0.9

	expW8       float64    // e^w8
	d0Easy      float64    // D0(Easy), unclamped: the mean-reversion target
	forgetFloor float64    // e^(w17*w18): a lapse never leaves S above S / this
	sinc        [5]float64 // e^(w17*(G-3+w18)) for G = 1..4
}

func newModel(w [21]float64) model {
	m := model{w: w, decay: -w[20]}
	m.factor = pow(0.9, 1/m.decay) - 1
	m.expW8 = expE(w[8])
	m.d0Easy = m.initDifficultyRaw(Easy)
	m.forgetFloor = expE(w[17] * w[18])
	for g := Again; g <= Easy; g++ {
		m.sinc[g] = expE(w[17] * (float64(g-3) + w[18]))
	}
	return m
}

// retrievability is R(t, S) = (1 + FACTOR*t/S)^DECAY for t whole days.
func (m *model) retrievability(t int, s float64) float64 {
	return pow(1+m.factor*float64(t)/s, m.decay)
}

// intervalRaw is the unrounded number of days after which R falls to r.
func (m *model) intervalRaw(s, r float64) float64 {
	return s / m.factor * (pow(r, 1/m.decay) - 1)
}

// initStability is S0(G) = w[G-1], at least the stability floor.
func (m *model) initStability(g Rating) float64 {
	return clampStability(m.w[g-1])
}

// initDifficultyRaw is D0(G) = w4 - e^(w5*(G-1)) + 1, unclamped.
func (m *model) initDifficultyRaw(g Rating) float64 {
	return m.w[4] - expE(m.w[5]*float64(g-1)) + 1
}

// initDifficulty is D0(G) clamped to [1, 10], the difficulty after a first
// answer.
func (m *model) initDifficulty(g Rating) float64 {
	return clampDifficulty(m.initDifficultyRaw(g))
}

// nextDifficulty moves D by -w6*(G-3), damped linearly as D nears 10, then
// reverts it a little (w7) towards D0(Easy).
func (m *model) nextDifficulty(d float64, g Rating) float64 {
	delta := -(m.w[6] * float64(g-3))
	damped := d + (10-d)*delta/9
	return clampDifficulty(m.w[7]*m.d0Easy + (1-m.w[7])*damped)
}

// recallStability is the stability after a Hard, Good or Easy answer given
// t >= 1 days after the last review, at retrievability r.
func (m *model) recallStability(d, s, r float64, g Rating) float64 {
	hard, easy := 1.0, 1.0
	if g == Hard {
		hard = m.w[15]
	} else if g == Easy {
		easy = m.w[16]
	}
	return s * (1 + m.expW8*(11-d)*pow(s, -m.w[9])*(expE((1-r)*m.w[10])-1)*hard*easy)
}

// forgetStability is the stability after Again given t >= 1 days after the
// last review: the long-term lapse formula, never above S/e^(w17*w18).
func (m *model) forgetStability(d, s, r float64) float64 {
	long := m.w[11] * pow(d, -m.w[12]) * (pow(s+1, m.w[13]) - 1) * expE((1-r)*m.w[14])
	return min(long, s/m.forgetFloor)
}

// shortTermStability is the stability after an answer given on the same
// day as the last review. A passing answer (Hard, Good, Easy) never lowers
// it, as in fsrs-rs >= 6.0 and Anki; Again may.
func (m *model) shortTermStability(s float64, g Rating) float64 {
	inc := m.sinc[g] * pow(s, -m.w[19])
	if g >= Hard {
		inc = max(inc, 1)
	}
	return s * inc
}

// next returns the memory state after answering g. isNew marks a card with
// no memory state yet; elapsed is the count of day boundaries since the last
// review; r is the retrievability at the review (unused when elapsed is 0).
func (m *model) next(s, d float64, isNew bool, elapsed int, r float64, g Rating) (float64, float64) {
	mem := m.nextRange(s, d, isNew, elapsed, r, g, g)
	return mem[g].s, mem[g].d
}

// memory is a stability and difficulty pair.
type memory struct{ s, d float64 }

// nextRange returns the memory state after each rating lo..hi, indexed by
// rating. The powers the ratings share are computed once; each result is
// the same as next's, bit for bit.
func (m *model) nextRange(s, d float64, isNew bool, elapsed int, r float64, lo, hi Rating) (out [5]memory) {
	switch {
	case isNew:
		for g := lo; g <= hi; g++ {
			out[g] = memory{m.initStability(g), m.initDifficulty(g)}
		}
		return out
	case elapsed == 0:
		// shortTermStability, sharing S^-w19.
		sPow := pow(s, -m.w[19])
		for g := lo; g <= hi; g++ {
			inc := m.sinc[g] * sPow
			if g >= Hard {
				inc = max(inc, 1)
			}
			out[g].s = s * inc
		}
	default:
		if lo == Again {
			out[Again].s = m.forgetStability(d, s, r)
		}
		if hi >= Hard {
			// recallStability, sharing everything up to the Hard penalty
			// and Easy bonus, multiplied in the same order.
			base := m.expW8 * (11 - d) * pow(s, -m.w[9]) * (expE((1-r)*m.w[10]) - 1)
			for g := max(lo, Hard); g <= hi; g++ {
				hard, easy := 1.0, 1.0
				if g == Hard {
					hard = m.w[15]
				} else if g == Easy {
					easy = m.w[16]
				}
				out[g].s = s * (1 + base*hard*easy)
			}
		}
	}
	for g := lo; g <= hi; g++ {
		out[g] = memory{clampStability(out[g].s), m.nextDifficulty(d, g)}
	}
	return out
}

func clampStability(s float64) float64 {
	return min(max(s, StabilityMin), StabilityMax)
}

func clampDifficulty(d float64) float64 {
	return min(max(d, DifficultyMin), DifficultyMax)
}
