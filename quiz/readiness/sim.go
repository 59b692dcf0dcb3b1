package readiness

import (
	"math"
	"math/rand/v2"
	"sort"

	"github.com/dockdrill/dockdrill/quiz/exam"
)

// simulation is the exam form on the exam day, as the simulation draws it.
type simulation struct {
	mix      exam.Mix
	measured []simObjective
	fixed    []simFixed
}

// simObjective is an objective the decks cover: its questions are shared
// equally among its areas, the remainder going to areas drawn at random.
type simObjective struct {
	questions int
	areas     []simArea
}

// simFixed is an objective answered right with one probability per
// question: the learner's estimate, or 0.
type simFixed struct {
	questions int
	p         float64
}

// simArea holds an area's chances of answering each of its cards right, by
// question kind, and the mix restricted to the kinds it has cards of.
type simArea struct {
	cum   []float64   // cumulative shares of the kinds below, ending at 1
	pools [][]float64 // the chances of the cards of each kind with cards
}

// newSimArea prepares an area for drawing. Kinds without cards are left
// out and the shares of the others scaled up; when those all have share 0,
// they are drawn alike.
func newSimArea(pools [][]float64, mix exam.Mix) simArea {
	var a simArea
	var shares []float64
	sum := 0.0
	for k, p := range pools {
		if len(p) == 0 {
			continue
		}
		a.pools = append(a.pools, p)
		shares = append(shares, mix.Shares[k])
		sum += mix.Shares[k]
	}
	if sum == 0 {
		for i := range shares {
			shares[i] = 1
		}
		sum = float64(len(shares))
	}
	acc := 0.0
	for _, s := range shares {
		acc += s / sum
		a.cum = append(a.cum, acc)
	}
	if n := len(a.cum); n > 0 {
		a.cum[n-1] = 1
	}
	return a
}

// mean is the chance of answering a question of the area right: the mix's
// average of each kind's mean chance. An area without cards that can be
// asked counts 0: dockdrill has nothing to measure it by.
func (a simArea) mean() float64 {
	m, prev := 0.0, 0.0
	for i, p := range a.pools {
		s := 0.0
		for _, x := range p {
			s += x
		}
		m += (a.cum[i] - prev) * s / float64(len(p))
		prev = a.cum[i]
	}
	return m
}

// draw answers one question of the area: a kind by the mix, a card of that
// kind at random, right with the card's chance.
func (a simArea) draw(rng *rand.Rand) bool {
	if len(a.pools) == 0 {
		return false
	}
	x := rng.Float64()
	k := 0
	for k < len(a.cum)-1 && x >= a.cum[k] {
		k++
	}
	p := a.pools[k]
	return rng.Float64() < p[rng.IntN(len(p))]
}

// run simulates n exams and sums them up. Each exam draws every measured
// objective's questions area by area, and the number of the other questions
// answered right from its exact distribution (each answered right with its
// objective's probability); the raw score passes when it reaches the
// scale's pass mark for the form's length.
func (s simulation) run(scale exam.Scale, questions, n int, seed uint64) Pass {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	total := 0
	for _, o := range s.measured {
		total += o.questions
	}
	measuredQuestions := total
	for _, f := range s.fixed {
		total += f.questions
	}
	if total == 0 {
		total = questions
	}
	passRaw := scale.PassRaw(total)
	cdf := fixedCDF(s.fixed)

	passed := 0
	sumRaw, sumMeasured, sumScaled := 0, 0, 0.0
	var perm []int
	var extra []bool
	for range n {
		raw := 0
		for _, o := range s.measured {
			na := len(o.areas)
			if na == 0 {
				continue
			}
			base, rem := o.questions/na, o.questions%na
			// rem distinct areas, drawn at random, get one more.
			perm, extra = perm[:0], extra[:0]
			for i := range na {
				perm = append(perm, i)
				extra = append(extra, false)
			}
			for i := range rem {
				j := i + rng.IntN(na-i)
				perm[i], perm[j] = perm[j], perm[i]
				extra[perm[i]] = true
			}
			for ai, a := range o.areas {
				k := base
				if extra[ai] {
					k++
				}
				for range k {
					if a.draw(rng) {
						raw++
					}
				}
			}
		}
		sumMeasured += raw
		if len(cdf) > 1 {
			raw += sort.SearchFloat64s(cdf, rng.Float64())
		}
		sumRaw += raw
		sumScaled += scale.Score(raw, total)
		if raw >= passRaw {
			passed++
		}
	}
	p := Pass{Sims: n, Seed: seed, Questions: total, PassRaw: passRaw, Measured: measuredQuestions}
	if n > 0 {
		p.Probability = float64(passed) / float64(n)
		p.Low, p.High = Wilson(passed, n)
		p.MeanRaw = float64(sumRaw) / float64(n)
		p.MeanScaled = sumScaled / float64(n)
		p.MeasuredRight = float64(sumMeasured) / float64(n)
	}
	return p
}

// Wilson returns the 95 % Wilson score interval of k successes in n trials.
func Wilson(k, n int) (low, high float64) {
	if n == 0 {
		return 0, 1
	}
	const z = 1.959963984540054
	p := float64(k) / float64(n)
	nn := float64(n)
	d := 1 + z*z/nn
	c := (p + z*z/(2*nn)) / d
	h := z * math.Sqrt(p*(1-p)/nn+z*z/(4*nn*nn)) / d
	return math.Max(0, c-h), math.Min(1, c+h)
}

// fixedCDF returns the cumulative distribution of the number of questions
// answered right on the objectives of fixed probability: the convolution of
// their binomial distributions, cdf[k] = P(right <= k). Drawing from it
// takes one random number per exam instead of one per question.
func fixedCDF(fixed []simFixed) []float64 {
	pmf := []float64{1}
	for _, f := range fixed {
		if f.questions <= 0 {
			continue
		}
		b := make([]float64, f.questions+1)
		for k := range b {
			b[k] = binomialPMF(f.questions, k, f.p)
		}
		next := make([]float64, len(pmf)+f.questions)
		for i, x := range pmf {
			if x == 0 {
				continue
			}
			for k, y := range b {
				next[i+k] += x * y
			}
		}
		pmf = next
	}
	cdf := make([]float64, len(pmf))
	acc := 0.0
	for k, x := range pmf {
		acc += x
		cdf[k] = acc
	}
	// Rounding must not leave a draw of nearly 1 past the end.
	cdf[len(cdf)-1] = 1
	return cdf
}

// binomialPMF returns P(X = k) for X ~ Binomial(n, p).
func binomialPMF(n, k int, p float64) float64 {
	switch {
	case p <= 0:
		if k == 0 {
			return 1
		}
		return 0
	case p >= 1:
		if k == n {
			return 1
		}
		return 0
	}
	lg := func(x int) float64 { v, _ := math.Lgamma(float64(x + 1)); return v }
	return math.Exp(lg(n) - lg(k) - lg(n-k) + float64(k)*math.Log(p) + float64(n-k)*math.Log1p(-p))
}
