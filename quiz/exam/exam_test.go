package exam

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dockdrill/dockdrill/deck"
)

// blueprint returns the built-in blueprint of exam 701-100.
func blueprint(t testing.TB) *deck.Blueprint {
	t.Helper()
	set, err := deck.Load(deck.LoadOptions{})
	require.NoError(t, err)
	return set.Blueprint
}

func TestScaleOf701PutsThePassMarkAtTheBlueprintsRatio(t *testing.T) {
	s := NewScale(blueprint(t).Exam)
	assert.Equal(t, Scale{Min: 200, Max: 800, Pass: 500, PassRatio: 0.625}, s)
	assert.Equal(t, 200.0, s.Score(0, 60))
	assert.Equal(t, 800.0, s.Score(60, 60))
	assert.InDelta(t, 500.0, s.Score(25, 40), 1e-9, "25/40 is exactly 62.5 %")
	assert.Equal(t, 38, s.PassRaw(60))
	assert.Equal(t, 13, s.PassRaw(20))
	assert.Equal(t, 25, s.PassRaw(40))
	assert.Equal(t, 496, s.Rounded(37, 60))
	assert.Equal(t, 507, s.Rounded(38, 60))
}

func TestScaleWithoutARatioIsOneStraightLine(t *testing.T) {
	s := NewScale(deck.Exam{ScoreMin: 200, ScoreMax: 800, ScorePass: 500})
	assert.Equal(t, 0.5, s.PassRatio)
	assert.Equal(t, 30, s.PassRaw(60))
	for raw := 0; raw <= 60; raw++ {
		assert.InDelta(t, 200+10*float64(raw), s.Score(raw, 60), 1e-9)
	}
}

// Passed agrees with the scaled score reaching the pass mark, for every raw
// score of every form length: the pass mark is never lost to rounding.
func TestPassedAgreesWithTheScaledScore(t *testing.T) {
	for _, s := range []Scale{NewScale(blueprint(t).Exam), {Min: 200, Max: 800, Pass: 500, PassRatio: 0.5}, {Min: 0, Max: 100, Pass: 70, PassRatio: 0.7}} {
		for q := 1; q <= 120; q++ {
			for raw := 0; raw <= q; raw++ {
				want := s.Score(raw, q) >= float64(s.Pass)-1e-9
				require.Equal(t, want, s.Passed(raw, q), "scale %+v, %d of %d", s, raw, q)
			}
		}
	}
}

func TestParseMix(t *testing.T) {
	bp := blueprint(t)
	tests := []struct {
		in     string
		shares []float64
		err    string
	}{
		{"", []float64{1.0 / 3, 1.0 / 3, 1.0 / 3}, ""},
		{"single=0.5,multiple=0.25,fill=0.25", []float64{0.5, 0.25, 0.25}, ""},
		{"single=0.5, fill=0.25", []float64{0.5, 0.25, 0.25}, ""},
		{"single=1", []float64{1, 0, 0}, ""},
		{"fill=0.5", []float64{0.25, 0.25, 0.5}, ""},
		{"single=0", []float64{0, 0.5, 0.5}, ""},
		{"single=2, fill=1", nil, "the shares add up to 3, more than 1"},
		{"single=0.5,multiple=0.25,fill=0.2", nil, "the shares add up to 0.95, not 1"},
		{"essay=1", nil, `"essay" is not a question kind of exam 701-100 (single, multiple, fill)`},
		{"single=1,single=2", nil, `"single" is given twice`},
		{"single=-1", nil, `single: "-1" is not a share of 0 or more`},
		{"single", nil, `"single" is not KIND=SHARE`},
		{"single=0,multiple=0,fill=0", nil, "the shares add up to 0, not 1"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			m, err := ParseMix(bp, tt.in)
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			require.Len(t, m.Shares, 3)
			for i := range tt.shares {
				assert.InDelta(t, tt.shares[i], m.Shares[i], 1e-12)
			}
		})
	}
}

func TestMixMapsCardKindsToQuestionKinds(t *testing.T) {
	m := DefaultMix(blueprint(t))
	assert.Equal(t, 0, m.Index(deck.KindChoice))
	assert.Equal(t, 1, m.Index(deck.KindMulti))
	assert.Equal(t, 2, m.Index(deck.KindCommand))
	assert.Equal(t, 2, m.Index(deck.KindCloze))
	assert.Equal(t, -1, m.Index(deck.KindFlash), "the exam never asks for free recall")
	assert.Equal(t, "single 33%, multiple 33%, fill 33%", m.String())
}

func TestGuessChance(t *testing.T) {
	opts := func(n int) []string {
		var o []string
		for i := range n {
			o = append(o, fmt.Sprint("option ", i))
		}
		return o
	}
	tests := []struct {
		name string
		card deck.Card
		want float64
	}{
		{"single choice of four", deck.Card{Kind: deck.KindChoice, Choices: opts(4), Correct: opts(1)}, 0.25},
		{"single choice of five", deck.Card{Kind: deck.KindChoice, Choices: opts(5), Correct: opts(1)}, 0.2},
		{"two of five", deck.Card{Kind: deck.KindMulti, Choices: opts(5), Correct: opts(2)}, 0.1},
		{"three of six", deck.Card{Kind: deck.KindMulti, Choices: opts(6), Correct: opts(3)}, 0.05},
		{"two of four", deck.Card{Kind: deck.KindMulti, Choices: opts(4), Correct: opts(2)}, 1.0 / 6},
		{"typed command", deck.Card{Kind: deck.KindCommand, Answer: "docker ps"}, 0},
		{"typed blank", deck.Card{Kind: deck.KindCloze, Answer: "EXPOSE"}, 0},
		{"free recall", deck.Card{Kind: deck.KindFlash, Answer: "x"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.InDelta(t, tt.want, GuessChance(&tt.card), 1e-12)
		})
	}
}

func TestApportion(t *testing.T) {
	tests := []struct {
		name    string
		total   int
		weights []float64
		want    []int
	}{
		{"blueprint weights are the questions", 60, []float64{6, 2, 5, 5, 7, 5, 4, 4, 2, 2, 8, 2, 4, 4}, []int{6, 2, 5, 5, 7, 5, 4, 4, 2, 2, 8, 2, 4, 4}},
		{"largest remainders first", 10, []float64{1, 2, 3}, []int{2, 3, 5}},
		{"zero weight gets nothing", 5, []float64{0, 1, 1}, []int{0, 3, 2}},
		{"ties by position without rng", 3, []float64{1, 1, 1, 1}, []int{1, 1, 1, 0}},
		{"nothing to share", 0, []float64{1, 1}, []int{0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, Apportion(tt.total, tt.weights, nil))
		})
	}
	// With rng, ties go to different positions, always summing up.
	rng := rand.New(rand.NewPCG(1, 2))
	seen := map[string]bool{}
	for range 50 {
		got := Apportion(20, []float64{1, 1, 1, 1, 1, 1, 1}, rng)
		sum := 0
		for _, g := range got {
			assert.Contains(t, []int{2, 3}, g)
			sum += g
		}
		assert.Equal(t, 20, sum)
		seen[fmt.Sprint(got)] = true
	}
	assert.Greater(t, len(seen), 1, "the remainder goes to areas drawn at random")
}

// testAreas returns the seven areas of 702.1 and cards for each: n cards of
// every kind per area, except in the areas of short.
func testAreas(t testing.TB, n int, short map[string]int) ([]deck.Area, func(string) []*deck.Card) {
	bp := blueprint(t)
	areas := bp.AreasOf("702.1")
	cards := map[string][]*deck.Card{}
	for _, a := range areas {
		per := n
		if s, ok := short[a.ID]; ok {
			per = s
		}
		for i := range per {
			for _, k := range deck.Kinds {
				c := &deck.Card{ID: fmt.Sprintf("%s-%s-%d", a.ID, k, i), Area: a.ID, Kind: k, Prompt: "?", Explain: "because"}
				switch k {
				case deck.KindChoice:
					c.Choices, c.Correct = []string{"a", "b", "c", "d"}, []string{"b"}
				case deck.KindMulti:
					c.Choices, c.Correct = []string{"a", "b", "c", "d", "e"}, []string{"a", "e"}
				default:
					c.Answer = "docker ps"
				}
				cards[a.ID] = append(cards[a.ID], c)
			}
		}
	}
	return areas, func(id string) []*deck.Card { return cards[id] }
}

func TestAssembleSharesQuestionsAmongAreasAndKinds(t *testing.T) {
	bp := blueprint(t)
	areas, cardsOf := testAreas(t, 5, nil)
	mix := DefaultMix(bp)
	form, err := Assemble(areas, cardsOf, 20, mix, rand.New(rand.NewPCG(7, 7)))
	require.NoError(t, err)
	require.Len(t, form, 20)

	perArea := map[string]int{}
	perKind := map[string]int{}
	ids := map[string]bool{}
	for _, q := range form {
		perArea[q.Card.Area]++
		perKind[q.Kind]++
		assert.False(t, ids[q.Card.ID], "card %s asked twice", q.Card.ID)
		ids[q.Card.ID] = true
		assert.NotEqual(t, deck.KindFlash, q.Card.Kind)
		assert.Equal(t, mix.Kinds[mix.Index(q.Card.Kind)].ID, q.Kind)
		switch q.Card.Kind {
		case deck.KindChoice:
			assert.Equal(t, 1, q.Pick)
			assert.ElementsMatch(t, q.Card.Choices, q.Options)
		case deck.KindMulti:
			assert.Equal(t, 2, q.Pick, "pick N states N")
			assert.ElementsMatch(t, q.Card.Choices, q.Options)
		default:
			assert.True(t, q.Typed())
			assert.Zero(t, q.Pick)
		}
	}
	require.Len(t, perArea, 7)
	for a, n := range perArea {
		assert.Contains(t, []int{2, 3}, n, "area %s: 20 questions over 7 areas", a)
	}
	assert.Len(t, perKind, 3, "every kind is asked")
}

func TestAssembleIsDeterministicForASeed(t *testing.T) {
	bp := blueprint(t)
	areas, cardsOf := testAreas(t, 5, nil)
	ids := func(seed uint64) []string {
		form, err := Assemble(areas, cardsOf, 20, DefaultMix(bp), rand.New(rand.NewPCG(seed, seed)))
		require.NoError(t, err)
		var out []string
		for _, q := range form {
			out = append(out, q.Card.ID+fmt.Sprint(q.Options))
		}
		return out
	}
	assert.Equal(t, ids(3), ids(3))
	assert.NotEqual(t, ids(3), ids(4))
}

func TestAssemblePassesAShortAreasSurplusToTheOthers(t *testing.T) {
	bp := blueprint(t)
	// containers has one card of each kind, one of which (flash) cannot be asked.
	areas, cardsOf := testAreas(t, 5, map[string]int{"containers": 1, "upload": 0})
	for seed := range uint64(20) {
		form, err := Assemble(areas, cardsOf, 28, DefaultMix(bp), rand.New(rand.NewPCG(seed, 1)))
		require.NoError(t, err)
		perArea := map[string]int{}
		for _, q := range form {
			perArea[q.Card.Area]++
		}
		assert.Equal(t, 4, perArea["containers"], "all it has")
		assert.Zero(t, perArea["upload"])
		for _, a := range []string{"arch", "images", "dockerfile", "networks", "volumes"} {
			assert.Contains(t, []int{4, 5}, perArea[a], "the other 24 go to the 5 areas with cards left")
		}
	}
}

func TestAssembleFollowsTheMix(t *testing.T) {
	bp := blueprint(t)
	areas, cardsOf := testAreas(t, 5, nil)
	mix, err := ParseMix(bp, "single=1")
	require.NoError(t, err)
	form, err := Assemble(areas, cardsOf, 30, mix, rand.New(rand.NewPCG(1, 1)))
	require.NoError(t, err)
	for _, q := range form {
		assert.Equal(t, "single", q.Kind)
	}
	// An area without single-choice cards is asked in its other kinds.
	areas, cardsOf = testAreas(t, 1, nil)
	form, err = Assemble(areas, cardsOf, 14, mix, rand.New(rand.NewPCG(1, 1)))
	require.NoError(t, err)
	kinds := map[string]int{}
	for _, q := range form {
		kinds[q.Kind]++
	}
	assert.Equal(t, 7, kinds["single"], "one single choice per area, all there are")
	assert.Equal(t, 7, kinds["multiple"]+kinds["fill"])
}

func TestAssembleRefusesMoreQuestionsThanCards(t *testing.T) {
	bp := blueprint(t)
	areas, cardsOf := testAreas(t, 1, nil)
	_, err := Assemble(areas, cardsOf, 29, DefaultMix(bp), rand.New(rand.NewPCG(1, 1)))
	require.Error(t, err)
	assert.Equal(t, "29 questions asked for, but only 28 cards can be asked as exam questions", err.Error())
	_, err = Assemble(areas, cardsOf, 0, DefaultMix(bp), rand.New(rand.NewPCG(1, 1)))
	require.Error(t, err)
}

func TestCheckGivesNoPartialCredit(t *testing.T) {
	single := Question{Card: &deck.Card{Kind: deck.KindChoice, Choices: []string{"a", "b", "c", "d"}, Correct: []string{"b"}}, Pick: 1}
	multi := Question{Card: &deck.Card{Kind: deck.KindMulti, Choices: []string{"a", "b", "c", "d", "e"}, Correct: []string{"a", "e"}}, Pick: 2}
	typed := Question{Card: &deck.Card{Kind: deck.KindCommand, Answer: "docker ps -a"}}
	grader := func(c *deck.Card, given string) (bool, []string) {
		if given == c.Answer {
			return true, nil
		}
		return false, []string{"missing -a"}
	}
	tests := []struct {
		name    string
		q       Question
		r       Response
		right   bool
		reasons []string
	}{
		{"the right option", single, Response{Picked: []string{"b"}, Answered: true}, true, nil},
		{"a wrong option", single, Response{Picked: []string{"a"}, Answered: true}, false, nil},
		{"two options for one", single, Response{Picked: []string{"b", "a"}, Answered: true}, false, nil},
		{"both right options in any order", multi, Response{Picked: []string{"e", "a"}, Answered: true}, true, nil},
		{"one of two right", multi, Response{Picked: []string{"a"}, Answered: true}, false, nil},
		{"two right and one wrong", multi, Response{Picked: []string{"a", "e", "b"}, Answered: true}, false, nil},
		{"one right and one wrong", multi, Response{Picked: []string{"a", "b"}, Answered: true}, false, nil},
		{"the same option twice", multi, Response{Picked: []string{"a", "a"}, Answered: true}, false, nil},
		{"typed right", typed, Response{Text: "docker ps -a", Answered: true}, true, nil},
		{"typed wrong with the grader's reason", typed, Response{Text: "docker ps", Answered: true}, false, []string{"missing -a"}},
		{"not answered", single, Response{Picked: []string{"b"}}, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			right, reasons := Check(tt.q, tt.r, grader)
			assert.Equal(t, tt.right, right)
			assert.Equal(t, tt.reasons, reasons)
		})
	}
}

// fakeClock is a clock tests move by hand.
type fakeClock struct{ t time.Time }

func (c *fakeClock) Now() time.Time { return c.t }

// scriptedAsker answers from a script, taking a given time per answer, and
// records what it was shown.
type scriptedAsker struct {
	clock   *fakeClock
	answers []Response
	took    []time.Duration
	err     map[int]error // error to return at question i (from 1)
	prompts []Prompt
	graded  *int // grader calls so far, checked at each question
	seenAt  []int
}

func (a *scriptedAsker) Ask(ctx context.Context, p Prompt) (Response, error) {
	a.prompts = append(a.prompts, p)
	a.seenAt = append(a.seenAt, *a.graded)
	if err := a.err[p.Number]; err != nil {
		return Response{}, err
	}
	i := p.Number - 1
	a.clock.t = a.clock.t.Add(a.took[i])
	return a.answers[i], nil
}

func testSession(t *testing.T, n int, limit time.Duration) (Session, *fakeClock, *int) {
	bp := blueprint(t)
	areas, cardsOf := testAreas(t, 3, nil)
	form, err := Assemble(areas, cardsOf, n, DefaultMix(bp), rand.New(rand.NewPCG(5, 5)))
	require.NoError(t, err)
	clock := &fakeClock{t: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)}
	calls := 0
	return Session{
		Form:  form,
		Limit: limit,
		Now:   clock.Now,
		Grade: func(c *deck.Card, given string) (bool, []string) {
			calls++
			return given == c.Answer, nil
		},
		Scale: NewScale(bp.Exam),
		Areas: areas,
		Seed:  5,
	}, clock, &calls
}

// rightAnswer is the right response to q.
func rightAnswer(q Question) Response {
	if q.Typed() {
		return Response{Text: q.Card.Answer}
	}
	return Response{Picked: slices.Clone(q.Card.Correct)}
}

func TestSessionScoresOnlyAtTheEnd(t *testing.T) {
	s, clock, calls := testSession(t, 10, 30*time.Minute)
	ask := &scriptedAsker{clock: clock, graded: calls}
	for i, q := range s.Form {
		r := rightAnswer(q)
		if i%3 == 0 {
			r = Response{Text: "wrong", Picked: []string{"c"}}
		}
		ask.answers = append(ask.answers, r)
		ask.took = append(ask.took, time.Minute)
	}
	res, err := s.Run(context.Background(), ask)
	require.NoError(t, err)
	for i, n := range ask.seenAt {
		assert.Zero(t, n, "question %d: nothing is graded while the exam runs", i+1)
	}
	require.Len(t, ask.prompts, 10)
	for i, p := range ask.prompts {
		assert.Equal(t, i+1, p.Number)
		assert.Equal(t, 10, p.Of)
		assert.Equal(t, 30*time.Minute-time.Duration(i)*time.Minute, p.Left, "the countdown is shown with each question")
	}
	assert.Equal(t, 10, res.Questions)
	assert.Equal(t, 10, res.Answered)
	assert.Equal(t, 6, res.Right, "questions 1, 4, 7 and 10 were answered wrong")
	assert.Equal(t, 7, res.PassRaw)
	assert.False(t, res.Passed)
	assert.Equal(t, 488, res.Scaled, "6/10 = 60 % is 200 + 300·0.6/0.625 = 488")
	assert.Len(t, res.Wrong(), 4)
	assert.Equal(t, clock.t.Add(-10*time.Minute), res.Started)
	assert.Equal(t, clock.t, res.Finished)
	assert.False(t, res.Abandoned)
	sum := 0
	for _, a := range res.Areas {
		sum += a.Questions
	}
	assert.Equal(t, 10, sum)
	assert.Len(t, res.Areas, 7, "every area of the objective, in blueprint order")
	assert.Equal(t, "arch", res.Areas[0].ID)
}

func TestSessionCountsQuestionsAfterTheTimeRunsOutWrong(t *testing.T) {
	s, clock, calls := testSession(t, 6, 10*time.Minute)
	ask := &scriptedAsker{clock: clock, graded: calls}
	for _, q := range s.Form {
		ask.answers = append(ask.answers, rightAnswer(q))
		ask.took = append(ask.took, 3*time.Minute)
	}
	res, err := s.Run(context.Background(), ask)
	require.NoError(t, err)
	// Answers at 3, 6 and 9 minutes count; the fourth comes at 12, too late.
	assert.Len(t, ask.prompts, 4)
	assert.Equal(t, 3, res.Right)
	assert.Equal(t, 3, res.Answered)
	assert.Len(t, res.Wrong(), 3)
	for _, it := range res.Wrong() {
		assert.False(t, it.Answered)
	}
}

func TestSessionCutsOffAQuestionWhenTheTimerFires(t *testing.T) {
	s, _, _ := testSession(t, 4, 50*time.Millisecond)
	ask := &blockingAsker{}
	res, err := s.Run(context.Background(), ask)
	require.NoError(t, err, "running out of time ends the exam normally")
	assert.Equal(t, 1, ask.asked)
	assert.Zero(t, res.Right)
	assert.False(t, res.Abandoned)
}

// blockingAsker never answers; it returns when its context is done.
type blockingAsker struct{ asked int }

func (a *blockingAsker) Ask(ctx context.Context, _ Prompt) (Response, error) {
	a.asked++
	<-ctx.Done()
	return Response{}, ctx.Err()
}

func TestSessionQuitEndsTheExamAbandoned(t *testing.T) {
	s, clock, calls := testSession(t, 5, 30*time.Minute)
	ask := &scriptedAsker{clock: clock, graded: calls, err: map[int]error{3: ErrQuit}}
	for _, q := range s.Form {
		ask.answers = append(ask.answers, rightAnswer(q))
		ask.took = append(ask.took, time.Minute)
	}
	res, err := s.Run(context.Background(), ask)
	require.ErrorIs(t, err, ErrQuit)
	assert.True(t, res.Abandoned)
	assert.Equal(t, 2, res.Right)
	rec := res.Record()
	assert.True(t, rec.Finished.IsZero(), "an abandoned exam is stored without a finish time")
	assert.Len(t, rec.Answers, 5)
}

func TestSessionInterruptedReturnsTheContextsError(t *testing.T) {
	s, clock, calls := testSession(t, 3, 30*time.Minute)
	ctx, cancel := context.WithCancel(context.Background())
	ask := &scriptedAsker{clock: clock, graded: calls, err: map[int]error{2: context.Canceled}}
	for _, q := range s.Form {
		ask.answers = append(ask.answers, rightAnswer(q))
		ask.took = append(ask.took, time.Minute)
	}
	cancel()
	_, err := s.Run(ctx, ask)
	assert.True(t, errors.Is(err, context.Canceled))
}

func TestRecordKeepsEveryAnswer(t *testing.T) {
	s, clock, calls := testSession(t, 4, 30*time.Minute)
	ask := &scriptedAsker{clock: clock, graded: calls}
	for i, q := range s.Form {
		r := rightAnswer(q)
		if i == 1 {
			r = Response{Text: "docker rm", Picked: nil}
			if !q.Typed() {
				r = Response{Picked: q.Options[:q.Pick]}
			}
		}
		ask.answers = append(ask.answers, r)
		ask.took = append(ask.took, time.Minute)
	}
	res, err := s.Run(context.Background(), ask)
	require.NoError(t, err)
	rec := res.Record()
	assert.Equal(t, res.Started, rec.Started)
	assert.Equal(t, res.Finished, rec.Finished)
	assert.Equal(t, 4, rec.Questions)
	assert.Equal(t, res.Right, rec.RawScore)
	assert.Equal(t, res.Scaled, rec.ScaledScore)
	assert.Equal(t, res.Passed, rec.Passed)
	require.Len(t, rec.Answers, 4)
	for i, a := range rec.Answers {
		it := res.Items[i]
		assert.Equal(t, it.Card.ID, a.CardID)
		assert.Equal(t, it.Card.Area, a.Area)
		assert.Equal(t, string(it.Card.Kind), a.Kind)
		assert.Equal(t, it.Given(), a.Given)
		assert.Equal(t, it.Right, a.Right)
	}
}
