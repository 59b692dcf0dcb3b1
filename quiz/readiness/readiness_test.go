package readiness

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/schedule"
	"github.com/dockdrill/dockdrill/quiz/store"
)

var (
	now     = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	examDay = store.Date{Year: 2026, Month: time.December, Day: 14}
	cal     = store.Calendar{Rollover: store.DefaultRollover}
)

func blueprint(t testing.TB) *deck.Blueprint {
	t.Helper()
	set, err := deck.Load(deck.LoadOptions{})
	require.NoError(t, err)
	return set.Blueprint
}

func scheduler(t testing.TB) *fsrs.Scheduler {
	t.Helper()
	p := fsrs.DefaultParams()
	p.EnableFuzz = false
	s, err := fsrs.NewScheduler(p)
	require.NoError(t, err)
	return s
}

// makeCards returns n cards of kind in each area of 702.1.
func makeCards(t testing.TB, kind deck.Kind, n int) []*deck.Card {
	var out []*deck.Card
	for _, a := range blueprint(t).AreasOf("702.1") {
		for i := range n {
			c := &deck.Card{ID: fmt.Sprintf("%s-%s-%d", a.ID, kind, i), Area: a.ID, Kind: kind}
			switch kind {
			case deck.KindChoice:
				c.Choices, c.Correct = []string{"a", "b", "c", "d"}, []string{"a"}
			case deck.KindMulti:
				c.Choices, c.Correct = []string{"a", "b", "c", "d", "e"}, []string{"a", "b"}
			}
			out = append(out, c)
		}
	}
	return out
}

func options(t testing.TB, cards []*deck.Card) Options {
	return Options{
		Blueprint: blueprint(t),
		Cards:     cards,
		Scheduler: scheduler(t),
		Calendar:  cal,
		Now:       now,
		ExamDay:   examDay,
		Seed:      1,
	}
}

// state is a card in Review with stability s, last reviewed on day ago days
// before now.
func state(id string, s float64, ago int) store.CardState {
	last := now.AddDate(0, 0, -ago)
	return store.CardState{CardID: id, Stability: s, Difficulty: 5, State: store.StateReview,
		LastReview: last, Due: last.AddDate(0, 0, int(s)+1), Reps: 3}
}

func area(t *testing.T, r *Report, id string) Area {
	t.Helper()
	for _, o := range r.Objectives {
		for _, a := range o.Areas {
			if a.ID == id {
				return a
			}
		}
	}
	t.Fatalf("no area %s", id)
	return Area{}
}

func objective(t *testing.T, r *Report, id string) Objective {
	t.Helper()
	for _, o := range r.Objectives {
		if o.ID == id {
			return o
		}
	}
	t.Fatalf("no objective %s", id)
	return Objective{}
}

func TestAreaScoreFormula(t *testing.T) {
	tests := []struct {
		name             string
		memory, coverage float64
		handsOn          float64
		handsOnOK        bool
		accuracy         float64
		accuracyOK       bool
		want             float64
	}{
		{"all four measured", 0.8, 1, 0.5, true, 0.9, true, 0.4*0.8 + 0.2*1 + 0.2*0.5 + 0.2*0.9},
		{"nothing done", 0, 0, 0, true, 0, true, 0},
		{"everything perfect", 1, 1, 1, true, 1, true, 1},
		{"no proofs: hands-on's weight goes to memory", 0.5, 1, 0, false, 1, true, 0.6*0.5 + 0.2*1 + 0.2*1},
		{"no answers in the window: accuracy's weight goes to memory", 0.5, 1, 1, true, 0, false, 0.6*0.5 + 0.2*1 + 0.2*1},
		{"neither", 0.7, 0.5, 0, false, 0, false, 0.8*0.7 + 0.2*0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.InDelta(t, tt.want, AreaScore(tt.memory, tt.coverage, tt.handsOn, tt.handsOnOK, tt.accuracy, tt.accuracyOK), 1e-12)
		})
	}
}

func TestBandOf(t *testing.T) {
	tests := []struct {
		score    float64
		reviewed int
		want     Band
	}{
		{0, 0, NotStarted},
		{0.9, 0, NotStarted},
		{0, 1, Weak},
		{0.5999, 10, Weak},
		{0.60, 10, OnTrack},
		{0.8499, 10, OnTrack},
		{0.85, 10, Ready},
		{1, 10, Ready},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, BandOf(tt.score, tt.reviewed), "score %v, %d reviewed", tt.score, tt.reviewed)
	}
}

func TestMemoryIsRetrievabilityAtTheExamWithNeverReviewedCardsAtZero(t *testing.T) {
	cards := makeCards(t, deck.KindCommand, 4)
	o := options(t, cards)
	states := map[string]store.CardState{
		"volumes-command-0": state("volumes-command-0", 30, 2),
		"volumes-command-1": state("volumes-command-1", 5, 2),
	}
	r, err := Compute(o, Data{States: states})
	require.NoError(t, err)

	at := cal.Start(examDay).Add(12 * time.Hour)
	r0 := o.Scheduler.Retrievability(schedule.Card(states["volumes-command-0"]), at)
	r1 := o.Scheduler.Retrievability(schedule.Card(states["volumes-command-1"]), at)
	assert.Greater(t, r0, r1, "the stabler card is remembered better 17 days on")
	v := area(t, r, "volumes")
	assert.Equal(t, 4, v.Cards)
	assert.Equal(t, 2, v.Reviewed)
	assert.InDelta(t, (r0+r1)/4, v.Memory, 1e-12)
	assert.InDelta(t, 0.5, v.Coverage, 1e-12)
	assert.InDelta(t, (r0+r1)/4, v.Expected, 1e-12, "typed cards: the chance is the retrievability")
	assert.Equal(t, BandOf(v.Score, 2), v.Band)

	a := area(t, r, "arch")
	assert.Zero(t, a.Memory)
	assert.Zero(t, a.Coverage)
	assert.Zero(t, a.Score)
	assert.Equal(t, NotStarted, a.Band)
	assert.Equal(t, 17, r.DaysLeft)
}

func TestNeverReviewedCardsAreAnsweredByGuessing(t *testing.T) {
	tests := []struct {
		kind deck.Kind
		want float64
	}{
		{deck.KindChoice, 0.25},
		{deck.KindMulti, 0.1},
		{deck.KindCommand, 0},
		{deck.KindCloze, 0},
	}
	for _, tt := range tests {
		t.Run(string(tt.kind), func(t *testing.T) {
			r, err := Compute(options(t, makeCards(t, tt.kind, 3)), Data{})
			require.NoError(t, err)
			o := objective(t, r, "702.1")
			assert.InDelta(t, tt.want, o.Expected, 1e-12)
			assert.InDelta(t, 7*tt.want, r.Pass.MeasuredRight, 4*math.Sqrt(7*tt.want*(1-tt.want)/DefaultSims)+1e-12)
		})
	}
}

func TestFlashCardsCountForMemoryButAreNeverAsked(t *testing.T) {
	cards := append(makeCards(t, deck.KindFlash, 1), makeCards(t, deck.KindChoice, 1)...)
	states := map[string]store.CardState{"arch-flash-0": state("arch-flash-0", 100, 1)}
	r, err := Compute(options(t, cards), Data{States: states})
	require.NoError(t, err)
	a := area(t, r, "arch")
	assert.Equal(t, 2, a.Cards)
	assert.Equal(t, 1, a.Asked)
	assert.Greater(t, a.Memory, 0.45)
	assert.InDelta(t, 0.25, a.Expected, 1e-12, "only the unreviewed choice card is asked")
}

func TestHandsOnCountsTheLatestResultOfEachProofInTheWindow(t *testing.T) {
	cards := makeCards(t, deck.KindCommand, 3)
	for _, c := range cards {
		if c.Area == "networks" {
			c.Proof = "networks/Test" + c.ID[len(c.ID)-1:]
		}
	}
	cards[0].Proof = "arch/TestA" // arch: one proof shared by two cards
	cards[1].Proof = "arch/TestA"
	at := func(d int) time.Time { return now.AddDate(0, 0, -d) }
	proofs := []store.ProofResult{
		{Proof: "networks/Test0", Time: at(5), Passed: true},
		{Proof: "networks/Test0", Time: at(2), Passed: false}, // latest fails
		{Proof: "networks/Test1", Time: at(3), Passed: false},
		{Proof: "networks/Test1", Time: at(1), Passed: true}, // latest passes
		{Proof: "arch/TestA", Time: at(1), Passed: true},
	}
	r, err := Compute(options(t, cards), Data{Proofs: proofs})
	require.NoError(t, err)
	assert.Equal(t, Ratio{N: 1, Of: 3}, area(t, r, "networks").HandsOn)
	assert.Equal(t, Ratio{N: 1, Of: 1}, area(t, r, "arch").HandsOn)
	v := area(t, r, "volumes")
	assert.False(t, v.HandsOn.Known(), "no card of volumes names a proof")
}

func TestAccuracyPoolsTrueRetentionAndMockExamAnswers(t *testing.T) {
	cards := makeCards(t, deck.KindChoice, 3)
	review := func(id string, rating int, before int) store.FirstReview {
		return store.FirstReview{CardID: id, Rating: rating, Time: now, Day: cal.Day(now), Before: store.CardState{State: before}}
	}
	first := []store.FirstReview{
		review("images-choice-0", store.Again, store.StateNew),       // first sight: not counted
		review("images-choice-0", store.Good, store.StateLearning),   // learning step: not counted
		review("images-choice-1", store.Again, store.StateReview),    // fails
		review("images-choice-2", store.Hard, store.StateReview),     // Hard passes
		review("images-choice-1", store.Good, store.StateReview),     // passes
		review("images-choice-2", store.Easy, store.StateRelearning), // relearning step: not counted
		review("images-choice-0", store.Easy, store.StateReview),     // passes
	}
	exams := []store.ExamResult{
		{Started: now, Finished: now.Add(time.Hour), Answers: []store.ExamAnswer{
			{CardID: "images-choice-0", Area: "images", Given: "a", Right: true},
			{CardID: "images-choice-1", Area: "images", Given: "b", Right: false},
			{CardID: "images-choice-2", Area: "images", Given: "", Right: false}, // time ran out
			{CardID: "arch-choice-2", Area: "arch", Given: "a", Right: true},
		}},
		{Started: now, Answers: []store.ExamAnswer{ // abandoned
			{CardID: "images-choice-0", Area: "images", Given: "a", Right: true},
		}},
	}
	r, err := Compute(options(t, cards), Data{FirstReviews: first, Exams: exams})
	require.NoError(t, err)
	img := area(t, r, "images").Accuracy
	assert.Equal(t, Accuracy{DrillPassed: 3, DrillReviews: 4, ExamRight: 1, ExamAnswers: 2}, img)
	assert.InDelta(t, 4.0/6, img.Value(), 1e-12)
	assert.Equal(t, Accuracy{ExamRight: 1, ExamAnswers: 1}, area(t, r, "arch").Accuracy)
	assert.False(t, area(t, r, "volumes").Accuracy.Known())
}

func TestEveryObjectiveIsListedAndUncoveredOnesCountZeroUnlessAssumed(t *testing.T) {
	o := options(t, makeCards(t, deck.KindChoice, 2))
	o.Assume = map[string]float64{"704.1": 0.7, "701.1": 0.5}
	r, err := Compute(o, Data{})
	require.NoError(t, err)
	bp := o.Blueprint
	require.Len(t, r.Objectives, len(bp.Objectives))
	sum := 0
	for i, ob := range r.Objectives {
		assert.Equal(t, bp.Objectives[i].ID, ob.ID, "blueprint order")
		assert.Equal(t, bp.Objectives[i].Weight, ob.Questions, "a weight is the number of questions")
		sum += ob.Questions
		switch ob.ID {
		case "702.1":
			assert.Equal(t, Measured, ob.Source)
			assert.Len(t, ob.Areas, 7)
		case "704.1":
			assert.Equal(t, Assumed, ob.Source)
			assert.Equal(t, 0.7, ob.Expected)
		case "701.1":
			assert.Equal(t, Assumed, ob.Source)
			assert.Equal(t, 0.5, ob.Expected)
		default:
			assert.Equal(t, NotCovered, ob.Source, ob.ID)
			assert.Zero(t, ob.Expected)
		}
	}
	assert.Equal(t, 60, sum)
	assert.Equal(t, 60, r.Pass.Questions)
	assert.Equal(t, 7, r.Pass.Measured)
	want := 7*0.25 + 8*0.7 + 6*0.5
	assert.InDelta(t, want, r.Pass.MeanRaw, 0.05)
}

func TestComputeRefusesBadEstimatesAndPastExams(t *testing.T) {
	tests := []struct {
		name   string
		assume map[string]float64
		day    store.Date
		err    string
	}{
		{"unknown objective", map[string]float64{"709.9": 0.5}, examDay, `estimate for 709.9: exam 701-100 has no objective "709.9"`},
		{"covered objective", map[string]float64{"702.1": 0.5}, examDay, "estimate for 702.1: the decks cover 702.1"},
		{"above 1", map[string]float64{"704.1": 1.5}, examDay, "from 0 to 1"},
		{"below 0", map[string]float64{"704.1": -0.1}, examDay, "from 0 to 1"},
		{"exam in the past", nil, store.Date{Year: 2026, Month: 11, Day: 26}, "the exam date 2026-11-26 is before today, 2026-11-27"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := options(t, makeCards(t, deck.KindChoice, 1))
			o.Assume, o.ExamDay = tt.assume, tt.day
			_, err := Compute(o, Data{})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.err)
		})
	}
	o := options(t, makeCards(t, deck.KindChoice, 1))
	o.ExamDay = cal.Day(now)
	r, err := Compute(o, Data{})
	require.NoError(t, err, "the exam may be today")
	assert.Zero(t, r.DaysLeft)
}

func TestComputeIsDeterministicForASeed(t *testing.T) {
	cards := makeCards(t, deck.KindMulti, 3)
	states := map[string]store.CardState{}
	for i, c := range cards {
		states[c.ID] = state(c.ID, float64(1+i), i%5)
	}
	o := options(t, cards)
	o.Assume = map[string]float64{"704.1": 0.7, "701.1": 0.8, "701.3": 0.9, "701.4": 0.9, "702.2": 0.8, "702.3": 0.8}
	a, err := Compute(o, Data{States: states})
	require.NoError(t, err)
	b, err := Compute(o, Data{States: states})
	require.NoError(t, err)
	assert.Equal(t, a, b)
	o.Seed = 2
	c, err := Compute(o, Data{States: states})
	require.NoError(t, err)
	assert.NotEqual(t, a.Pass.Probability, c.Pass.Probability, "another seed, other draws")
	assert.InDelta(t, a.Pass.Probability, c.Pass.Probability, 0.03)
}

// The simulated number of 702.1 questions right has the mean the areas'
// expected chances give.
func TestMeasuredRightMatchesTheExpectedChances(t *testing.T) {
	cards := append(makeCards(t, deck.KindChoice, 4), makeCards(t, deck.KindCommand, 3)...)
	cards = append(cards, makeCards(t, deck.KindMulti, 2)...)
	states := map[string]store.CardState{}
	for i, c := range cards {
		if i%3 != 0 {
			states[c.ID] = state(c.ID, float64(1+i%17), i%9)
		}
	}
	r, err := Compute(options(t, cards), Data{States: states})
	require.NoError(t, err)
	o := objective(t, r, "702.1")
	want := float64(o.Questions) * o.Expected
	// The variance of a sum of Bernoulli draws is at most n/4.
	sd := math.Sqrt(float64(o.Questions)/4) / math.Sqrt(DefaultSims)
	assert.InDelta(t, want, r.Pass.MeasuredRight, 4*sd)
	assert.Greater(t, want, 2.0)
}

func TestWilsonInterval(t *testing.T) {
	tests := []struct {
		k, n      int
		low, high float64
	}{
		{50, 100, 0.4038, 0.5962},
		{0, 10, 0, 0.2775},
		{10, 10, 0.7225, 1},
		{9500, 10000, 0.9456, 0.9541},
	}
	for _, tt := range tests {
		lo, hi := Wilson(tt.k, tt.n)
		assert.InDelta(t, tt.low, lo, 1e-4, "%d/%d", tt.k, tt.n)
		assert.InDelta(t, tt.high, hi, 1e-4, "%d/%d", tt.k, tt.n)
	}
}
