package exam

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// navigator plays a script of moves: each step is the response to the
// question shown, or, at the review, the question to go to (-1 submits).
type navigator struct {
	clock   *fakeClock
	steps   []func(p Prompt) Response
	reviews []int
	shown   []int  // question numbers shown, 0 for the review
	marks   []bool // Prompt.Marked as shown
	sheets  []Sheet
	given   []Response
}

func (n *navigator) Ask(_ context.Context, p Prompt) (Response, error) {
	n.clock.t = n.clock.t.Add(time.Second)
	n.shown = append(n.shown, p.Number)
	n.marks = append(n.marks, p.Marked)
	n.given = append(n.given, p.Given)
	step := n.steps[0]
	n.steps = n.steps[1:]
	return step(p), nil
}

func (n *navigator) Review(_ context.Context, s Sheet) (int, error) {
	n.shown = append(n.shown, 0)
	n.sheets = append(n.sheets, s)
	to := n.reviews[0]
	n.reviews = n.reviews[1:]
	return to, nil
}

func TestNavigatorSkipsMarksGoesBackAndReviewsBeforeSubmitting(t *testing.T) {
	s, clock, _ := testSession(t, 3, 30*time.Minute)
	move := func(m Move) func(Prompt) Response { return func(Prompt) Response { return Response{Move: m} } }
	right := func(p Prompt) Response { return rightAnswer(p.Question) }
	nav := &navigator{clock: clock, steps: []func(Prompt) Response{
		move(Mark),   // 1: marked, asked again
		move(Next),   // 1: skipped
		right,        // 2: answered
		move(Prev),   // 3: back to 2
		move(Next),   // 2: kept, on to 3
		move(Next),   // 3: skipped: the review
		right,        // 1, from the review: answered; on to 2
		move(Review), // 2: to the review
	}, reviews: []int{0, -1}}
	res, err := s.Run(context.Background(), nav)
	require.NoError(t, err)
	assert.Equal(t, []int{1, 1, 2, 3, 2, 3, 0, 1, 2, 0}, nav.shown)
	assert.Equal(t, []bool{false, true, false, false, false, false, true, false}, nav.marks, "the mark is shown until taken away")
	require.Len(t, nav.sheets, 2)
	assert.Equal(t, []bool{false, true, false}, nav.sheets[0].Answered)
	assert.Equal(t, []bool{true, false, false}, nav.sheets[0].Marked)
	assert.Equal(t, []bool{true, true, false}, nav.sheets[1].Answered)
	assert.True(t, nav.given[4].Answered, "question 2 shown again with its answer")
	assert.Equal(t, 2, res.Answered)
	assert.Equal(t, 2, res.Right)
	assert.False(t, res.Abandoned)
}
