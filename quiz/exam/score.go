package exam

import (
	"slices"
	"strings"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// Response is the learner's answer to one question.
type Response struct {
	Text   string   // the typed answer
	Picked []string // the options picked, as written on the card
	// Answered is false for a question the time ran out on, or that was
	// never reached.
	Answered bool
	// Move is where the learner goes from the question (Run): Answer, the
	// zero Move, for an answer.
	Move Move
}

// Given writes the response as it is stored: the typed text, or the options
// picked joined by " | ".
func (r Response) Given() string {
	if len(r.Picked) > 0 {
		return strings.Join(r.Picked, " | ")
	}
	return r.Text
}

// Grader grades a typed answer to a card: whether it is right and, when it
// is not, why. The mock exam uses the drill's grader, so a typed answer is
// right on the exam exactly when it is right in the drill.
type Grader func(c *deck.Card, given string) (right bool, reasons []string)

// Item is one question of a finished form with its answer and verdict.
type Item struct {
	Question
	Response
	Right   bool
	Reasons []string // why a typed answer is wrong, from the grader
}

// AreaResult is the score of one knowledge area.
type AreaResult struct {
	ID, Title string
	Questions int
	Right     int
}

// Result is a scored mock exam.
type Result struct {
	Started, Finished time.Time
	Seed              uint64 // the seed the form was drawn with
	Questions         int
	Right             int
	Answered          int
	Scaled            int  // on the exam's scale, rounded
	PassRaw           int  // right answers needed to pass
	Passed            bool // Right >= PassRaw, that is, Scaled reaches the pass mark
	Areas             []AreaResult
	Items             []Item // in the order asked
	Abandoned         bool   // ended before the last question, not by the clock
	// Predicted is the number of right answers the readiness model
	// expected of this form when it began (Predict); HasPredicted says
	// whether it was computed.
	Predicted    float64
	HasPredicted bool
}

// Percent is the raw score as a percentage.
func (r Result) Percent() float64 {
	if r.Questions == 0 {
		return 0
	}
	return 100 * float64(r.Right) / float64(r.Questions)
}

// Wrong returns the items answered wrong or not answered, in the order asked.
func (r Result) Wrong() []Item {
	var out []Item
	for _, it := range r.Items {
		if !it.Right {
			out = append(out, it)
		}
	}
	return out
}

// Check grades a response to q with no partial credit: a single choice is
// right when exactly the right option is picked, pick N when exactly the N
// right options are picked, a typed answer when grade says so. A question
// not answered is wrong.
func Check(q Question, r Response, grade Grader) (bool, []string) {
	if !r.Answered {
		return false, nil
	}
	c := q.Card
	switch c.Kind {
	case deck.KindChoice, deck.KindMulti:
		if len(r.Picked) != len(c.Correct) {
			return false, nil
		}
		for _, p := range r.Picked {
			if !slices.Contains(c.Correct, p) {
				return false, nil
			}
		}
		// No option twice: as many distinct picks as right options.
		seen := map[string]bool{}
		for _, p := range r.Picked {
			seen[p] = true
		}
		return len(seen) == len(c.Correct), nil
	default:
		if grade == nil {
			return false, []string{"no grader for typed answers"}
		}
		return grade(c, r.Text)
	}
}

// Score grades every response (responses[i] answers form[i]; missing ones
// are unanswered) and sums the result by area, in the order of areas.
func Score(form []Question, responses []Response, grade Grader, scale Scale, areas []deck.Area) Result {
	res := Result{Questions: len(form), PassRaw: scale.PassRaw(len(form))}
	byArea := map[string]*AreaResult{}
	for _, a := range areas {
		res.Areas = append(res.Areas, AreaResult{ID: a.ID, Title: a.Title})
	}
	for i := range res.Areas {
		byArea[res.Areas[i].ID] = &res.Areas[i]
	}
	for i, q := range form {
		var r Response
		if i < len(responses) {
			r = responses[i]
		}
		right, reasons := Check(q, r, grade)
		res.Items = append(res.Items, Item{Question: q, Response: r, Right: right, Reasons: reasons})
		if r.Answered {
			res.Answered++
		}
		a := byArea[q.Card.Area]
		if a == nil {
			res.Areas = append(res.Areas, AreaResult{ID: q.Card.Area, Title: q.Card.Area})
			a = &res.Areas[len(res.Areas)-1]
			// Appending may move the slice: rebuild the index.
			for j := range res.Areas {
				byArea[res.Areas[j].ID] = &res.Areas[j]
			}
		}
		a.Questions++
		if right {
			res.Right++
			a.Right++
		}
	}
	res.Scaled = scale.Rounded(res.Right, res.Questions)
	res.Passed = scale.Passed(res.Right, res.Questions)
	return res
}

// Record returns the result as the store keeps it. An abandoned exam is
// stored without a finish time.
func (r Result) Record() store.ExamResult {
	e := store.ExamResult{
		Started:      r.Started,
		Finished:     r.Finished,
		Questions:    r.Questions,
		RawScore:     r.Right,
		ScaledScore:  r.Scaled,
		Passed:       r.Passed,
		Predicted:    r.Predicted,
		HasPredicted: r.HasPredicted,
	}
	if r.Abandoned {
		e.Finished = time.Time{}
	}
	for _, it := range r.Items {
		e.Answers = append(e.Answers, store.ExamAnswer{
			CardID: it.Card.ID,
			Area:   it.Card.Area,
			Kind:   string(it.Card.Kind),
			Given:  it.Given(),
			Right:  it.Right,
		})
	}
	return e
}
