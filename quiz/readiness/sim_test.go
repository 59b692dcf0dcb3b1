package readiness

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/exam"
	"github.com/dockdrill/dockdrill/quiz/schedule"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// binomialTail returns P(X >= k) for X ~ Binomial(n, p), summing the
// probability mass exactly in log space.
func binomialTail(n, k int, p float64) float64 {
	sum := 0.0
	for i := k; i <= n; i++ {
		lg := func(x int) float64 { v, _ := math.Lgamma(float64(x + 1)); return v }
		sum += math.Exp(lg(n) - lg(i) - lg(n-i) + float64(i)*math.Log(p) + float64(n-i)*math.Log1p(-p))
	}
	return sum
}

func TestBinomialTailItself(t *testing.T) {
	assert.InDelta(t, 0.5, binomialTail(2, 1, 0.2929), 1e-4) // 1 - 0.7071² = 0.5
	assert.InDelta(t, 1.0/1024, binomialTail(10, 10, 0.5), 1e-15)
	assert.InDelta(t, 1, binomialTail(60, 0, 0.3), 1e-12)
}

// When every question is answered right with the same probability p, the
// raw score is Binomial(60, p): its mean is 60p, and the share of passing
// exams is the binomial tail from the pass mark, both within the
// simulation's error (four standard errors).
func TestSimulationMatchesTheBinomialWhenEveryChanceIsEqual(t *testing.T) {
	bp := blueprint(t)
	scale := exam.NewScale(bp.Exam)
	mix := exam.DefaultMix(bp)
	for _, p := range []float64{0.3, 0.55, 0.625, 0.7, 0.9} {
		for _, seed := range []uint64{1, 2, 3} {
			// 702.1's seven areas with cards of every kind at chance p,
			// and every other question at p.
			so := simObjective{questions: 7}
			for range 7 {
				so.areas = append(so.areas, newSimArea([][]float64{{p, p}, {p}, {p, p, p}}, mix))
			}
			// Once with the other 53 questions drawn from their exact
			// distribution, once with all 60 simulated question by
			// question as 702.1's are.
			for _, sim := range []simulation{
				{mix: mix, measured: []simObjective{so}, fixed: []simFixed{{questions: 45, p: p}, {questions: 8, p: p}}},
				{mix: mix, measured: []simObjective{so, so, so, so, so, so, {questions: 18, areas: so.areas}}},
			} {
				const n = 10_000
				got := sim.run(scale, 60, n, seed)

				require.Equal(t, 60, got.Questions)
				require.Equal(t, 38, got.PassRaw)
				mean, sdMean := 60*p, math.Sqrt(60*p*(1-p)/n)
				assert.InDelta(t, mean, got.MeanRaw, 4*sdMean, "p=%v seed=%d: mean", p, seed)
				m := float64(got.Measured)
				assert.InDelta(t, m*p, got.MeasuredRight, 4*math.Sqrt(m*p*(1-p)/n), "p=%v seed=%d: measured", p, seed)
				tail := binomialTail(60, 38, p)
				sdTail := math.Sqrt(tail*(1-tail)/n) + 1e-12
				assert.InDelta(t, tail, got.Probability, 4*sdTail, "p=%v seed=%d: P(pass) against the exact tail %.5f", p, seed, tail)
				assert.LessOrEqual(t, got.Low, got.Probability)
				assert.GreaterOrEqual(t, got.High, got.Probability)
			}
		}
	}
}

// The distribution of the questions answered right on objectives of fixed
// probability is the convolution of their binomials.
func TestFixedCDF(t *testing.T) {
	cdf := fixedCDF([]simFixed{{questions: 45, p: 0.6}, {questions: 8, p: 0.6}, {questions: 3, p: 0}})
	require.Len(t, cdf, 57)
	for k := range 57 {
		want := 1 - binomialTail(53, k+1, 0.6)
		if k >= 53 {
			want = 1
		}
		assert.InDelta(t, want, cdf[k], 1e-12, "P(right <= %d)", k)
	}
	cdf = fixedCDF([]simFixed{{questions: 2, p: 0.5}, {questions: 1, p: 1}})
	assert.InDelta(t, 0, cdf[0], 1e-15, "the sure question is always right")
	assert.InDelta(t, 0.25, cdf[1], 1e-15)
	assert.InDelta(t, 0.75, cdf[2], 1e-15)
	assert.Equal(t, 1.0, cdf[3])
	assert.Equal(t, []float64{1}, fixedCDF(nil))
}

// The same through Compute: typed cards all with the same memory state, so
// each is answered right with the same retrievability R, and every other
// objective assumed at R.
func TestPassProbabilityMatchesTheBinomialThroughCompute(t *testing.T) {
	cards := makeCards(t, deck.KindCommand, 5)
	states := map[string]store.CardState{}
	for _, c := range cards {
		states[c.ID] = state(c.ID, 1.5, 1)
	}
	o := options(t, cards)
	at := cal.Start(examDay).Add(12 * time.Hour)
	r := o.Scheduler.Retrievability(schedule.Card(states[cards[0].ID]), at)
	require.InDelta(t, 0.66, r, 0.05, "a chance that makes the tail interesting")
	o.Assume = map[string]float64{}
	for _, ob := range o.Blueprint.Objectives {
		if ob.ID != "702.1" {
			o.Assume[ob.ID] = r
		}
	}
	for _, seed := range []uint64{1, 42, 7777} {
		o.Seed = seed
		rep, err := Compute(o, Data{States: states})
		require.NoError(t, err)
		assert.Equal(t, DefaultSims, rep.Pass.Sims)
		n := float64(rep.Pass.Sims)
		assert.InDelta(t, 60*r, rep.Pass.MeanRaw, 4*math.Sqrt(60*r*(1-r)/n))
		tail := binomialTail(60, 38, r)
		assert.InDelta(t, tail, rep.Pass.Probability, 4*math.Sqrt(tail*(1-tail)/n), "seed %d: exact tail %.5f", seed, tail)
		assert.InDelta(t, 7*r, rep.Pass.MeasuredRight, 4*math.Sqrt(7*r*(1-r)/n))
	}
}

// With no estimate for the other objectives, 702.1's seven questions cannot
// reach the 38 needed: the probability is 0, and says so.
func TestPassIsImpossibleOnSevenQuestionsAlone(t *testing.T) {
	cards := makeCards(t, deck.KindCommand, 2)
	states := map[string]store.CardState{}
	for _, c := range cards {
		states[c.ID] = state(c.ID, 1000, 1)
	}
	rep, err := Compute(options(t, cards), Data{States: states})
	require.NoError(t, err)
	assert.Zero(t, rep.Pass.Probability)
	assert.Zero(t, rep.Pass.Low)
	assert.Less(t, rep.Pass.High, 0.001)
	assert.InDelta(t, 7, rep.Pass.MeasuredRight, 0.1)
}
