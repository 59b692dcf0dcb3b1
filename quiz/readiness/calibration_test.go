package readiness

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dockdrill/dockdrill/quiz/store"
)

func TestCalibrateAveragesTheLastFivePredictedExams(t *testing.T) {
	at := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	exam := func(day int, questions, right int, predicted float64, has, finished bool) store.ExamResult {
		e := store.ExamResult{Started: at.AddDate(0, 0, day), Questions: questions, RawScore: right, Predicted: predicted, HasPredicted: has}
		if finished {
			e.Finished = e.Started.Add(30 * time.Minute)
		}
		return e
	}
	assert.Nil(t, Calibrate(nil))
	assert.Nil(t, Calibrate([]store.ExamResult{exam(0, 20, 10, 0, false, true)}), "no prediction kept")

	exams := []store.ExamResult{
		exam(0, 20, 0, 20, true, true),   // the sixth from the end: left out
		exam(1, 20, 10, 14, true, true),  // +0.2
		exam(2, 10, 5, 6, true, true),    // +0.1
		exam(3, 20, 20, 19, true, false), // abandoned: left out
		exam(4, 20, 12, 13, true, true),  // +0.05
		exam(5, 20, 12, 0, false, true),  // no prediction: left out
		exam(6, 20, 15, 16, true, true),  // +0.05
		exam(7, 20, 16, 16, true, true),  // 0
	}
	c := Calibrate(exams)
	require.NotNil(t, c)
	assert.Equal(t, 5, c.Exams)
	assert.InDelta(t, 0.08, c.Gap, 1e-12)
	assert.InDelta(t, (0.7+0.6+0.65+0.8+0.8)/5, c.Predicted, 1e-12)
	assert.InDelta(t, (0.5+0.5+0.6+0.75+0.8)/5, c.Obtained, 1e-12)
	assert.True(t, c.RunsHigh)

	c = Calibrate(exams[6:])
	assert.InDelta(t, 0.025, c.Gap, 1e-12)
	assert.False(t, c.RunsHigh)
}
