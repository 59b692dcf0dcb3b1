package readiness

import (
	"testing"
	"time"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/store"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A retired card's history stays in the store, but the card is counted
// nowhere: not in memory, coverage or accuracy.
func TestARetiredCardsHistoryCountsNowhere(t *testing.T) {
	cards := makeCards(t, deck.KindChoice, 2)
	o := options(t, cards)
	live := Data{
		States: map[string]store.CardState{"images-choice-0": state("images-choice-0", 20, 2)},
		FirstReviews: []store.FirstReview{
			{CardID: "images-choice-0", Rating: store.Good, Time: now, Day: cal.Day(now), Before: store.CardState{State: store.StateReview}},
		},
		Exams: []store.ExamResult{{Started: now, Finished: now.Add(time.Hour), Answers: []store.ExamAnswer{
			{CardID: "images-choice-1", Area: "images", Given: "a", Right: true},
		}}},
	}
	want, err := Compute(o, live)
	require.NoError(t, err)

	withRetired := live
	withRetired.States = map[string]store.CardState{
		"images-choice-0":  live.States["images-choice-0"],
		"img-retired-card": state("img-retired-card", 50, 1),
	}
	withRetired.FirstReviews = append(append([]store.FirstReview(nil), live.FirstReviews...),
		store.FirstReview{CardID: "img-retired-card", Rating: store.Again, Time: now, Day: cal.Day(now), Before: store.CardState{State: store.StateReview}})
	withRetired.Exams = []store.ExamResult{{Started: now, Finished: now.Add(time.Hour), Answers: append(append([]store.ExamAnswer(nil), live.Exams[0].Answers...),
		store.ExamAnswer{CardID: "img-retired-card", Area: "images", Given: "b", Right: false})}}
	got, err := Compute(o, withRetired)
	require.NoError(t, err)

	img := area(t, got, "images")
	assert.Equal(t, area(t, want, "images"), img)
	assert.Equal(t, 1, img.Reviewed)
	assert.Equal(t, Accuracy{DrillPassed: 1, DrillReviews: 1, ExamRight: 1, ExamAnswers: 1}, img.Accuracy)
	assert.Equal(t, want.Pass, got.Pass)
}
