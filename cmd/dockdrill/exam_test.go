package main

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dockdrill/dockdrill/quiz/exam"
	"github.com/dockdrill/dockdrill/quiz/store"
)

// examScript answers the form the options draw: right where right(i) says
// so, else a wrong answer of the same kind, one line per question.
func examScript(t *testing.T, opts *examOptions, right func(i int) bool) ([]exam.Question, string) {
	t.Helper()
	set, err := progressDecks()
	require.NoError(t, err)
	form, _, err := examForm(set, opts)
	require.NoError(t, err)
	var lines []string
	for i, q := range form {
		ok := right(i)
		switch {
		case q.Typed() && ok:
			lines = append(lines, q.Card.Answer)
		case q.Typed():
			lines = append(lines, "docker rm -f everything")
		default:
			// Right: the right options. Wrong: one wrong option and
			// the rest right ones, as many as asked.
			var rightPicks, wrongPicks []string
			for j, o := range q.Options {
				if slices.Contains(q.Card.Correct, o) {
					rightPicks = append(rightPicks, fmt.Sprint(j+1))
				} else {
					wrongPicks = append(wrongPicks, fmt.Sprint(j+1))
				}
			}
			picks := rightPicks
			if !ok {
				picks = append(wrongPicks[:1], rightPicks[:q.Pick-1]...)
			}
			lines = append(lines, strings.Join(picks, " "))
		}
	}
	return form, strings.Join(lines, "\n") + "\n"
}

// tickingClock returns a clock that moves step forward each time it is read.
func tickingClock(start time.Time, step time.Duration) func() time.Time {
	var mu sync.Mutex
	now := start
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		t := now
		now = now.Add(step)
		return t
	}
}

func examOpts(t *testing.T, db, stdin string, questions, minutes int) (*examOptions, *progressRun) {
	po, run := progressOpts(t, db, false, nil)
	po.IO.In = strings.NewReader(stdin)
	return &examOptions{Factory: po, Questions: questions, Minutes: minutes, Seed: 11, SeedSet: true}, run
}

func TestExamInLineModeEndToEnd(t *testing.T) {
	db := progressStore(t)
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	require.NoError(t, err)
	statesBefore, err := st.CardStates(ctx)
	require.NoError(t, err)
	reviewsBefore, err := st.ReviewsSince(ctx, time.Time{})
	require.NoError(t, err)
	st.Close()

	opts, run := examOpts(t, db, "", 8, 30)
	right := func(i int) bool { return i%3 != 1 }
	form, script := examScript(t, opts, right)
	opts.IO.In = strings.NewReader(script)
	opts.Now = tickingClock(fixedNow, 10*time.Second)
	err = runExam(ctx, opts)
	out := run.out.String()
	require.NoError(t, err, "5 of 8 right pass: exactly 62.5 %%\n%s", out)

	// Every question with the time left, and no verdict before the end.
	head, result, found := strings.Cut(out, "── Result ──")
	require.True(t, found, out)
	for i := range form {
		assert.Contains(t, head, fmt.Sprintf("Question %d of 8", i+1))
	}
	// The clock moves 10 s each time it is read: at the start, when a
	// question is shown, and when its answer comes.
	assert.Contains(t, head, "[29:50 left] Question 1 of 8")
	assert.Contains(t, head, "[29:30 left] Question 2 of 8", "the countdown moves with the clock")
	assert.Contains(t, head, "[27:30 left] Question 8 of 8")
	for _, w := range []string{"right", "wrong", "Right", "Wrong", "correct"} {
		assert.NotContains(t, strings.ReplaceAll(head, "right pass", ""), w, "no feedback until the end")
	}
	// pick N states N.
	for _, q := range form {
		if q.Pick > 1 {
			assert.Contains(t, head, fmt.Sprintf("pick %d (%d numbers", q.Pick, q.Pick))
		}
	}

	assert.Contains(t, result, "right    5 of 8 (62.5 %); 8 answered")
	assert.Contains(t, result, "score    500 on 200-800", "exactly the pass ratio scores exactly 500")
	assert.Contains(t, result, "verdict  PASS (500 passes: 5 right of 8)")
	assert.Regexp(t, `predicted \d+\.\d of 8 \(\d+\.\d %\) by readiness's model for this form; you got 5 \(62\.5 %\)`, result)
	assert.Contains(t, result, "AREA      QUESTIONS  RIGHT")
	assert.Contains(t, result, "Wrong or not answered (3)")
	for i, q := range form {
		if right(i) {
			assert.NotContains(t, result, fmt.Sprintf("\n%d. [", i+1))
			continue
		}
		assert.Contains(t, result, fmt.Sprintf("\n%d. [%s, ", i+1, q.Card.Area))
		assert.Contains(t, result, q.Card.Explain)
		if q.Card.Proof != "" {
			assert.Contains(t, result, "proof:  "+q.Card.Proof)
		}
	}

	st, err = store.Open(ctx, db)
	require.NoError(t, err)
	defer st.Close()
	exams, err := st.ExamResults(ctx, fixedNow.Add(-time.Minute))
	require.NoError(t, err)
	require.Len(t, exams, 1)
	e := exams[0]
	assert.Equal(t, 8, e.Questions)
	assert.Equal(t, 5, e.RawScore)
	assert.Equal(t, 500, e.ScaledScore)
	assert.True(t, e.Passed)
	assert.False(t, e.Finished.IsZero())
	require.True(t, e.HasPredicted, "the prediction is stored")
	assert.Greater(t, e.Predicted, 0.0)
	assert.Less(t, e.Predicted, 8.0)
	require.Len(t, e.Answers, 8)
	for i, a := range e.Answers {
		assert.Equal(t, form[i].Card.ID, a.CardID)
		assert.Equal(t, right(i), a.Right)
		assert.NotEmpty(t, a.Given)
	}
	statesAfter, err := st.CardStates(ctx)
	require.NoError(t, err)
	assert.Equal(t, statesBefore, statesAfter, "an exam does not reschedule cards")
	reviewsAfter, err := st.ReviewsSince(ctx, time.Time{})
	require.NoError(t, err)
	assert.Len(t, reviewsAfter, len(reviewsBefore), "nor log reviews")
}

func TestExamFailedExitsNotReady(t *testing.T) {
	db := progressStore(t)
	opts, run := examOpts(t, db, "", 6, 30)
	_, script := examScript(t, opts, func(i int) bool { return i == 0 })
	opts.IO.In = strings.NewReader(script)
	err := runExam(context.Background(), opts)
	var ce *codeError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, ExitFailed, ce.Code)
	assert.Contains(t, run.out.String(), "verdict  FAIL (500 passes: 4 right of 6)")
	assert.Contains(t, run.out.String(), "Wrong or not answered (5)")
}

func TestExamTimeRunsOut(t *testing.T) {
	db := progressStore(t)
	opts, run := examOpts(t, db, "", 8, 2)
	_, script := examScript(t, opts, func(int) bool { return true })
	opts.IO.In = strings.NewReader(script)
	// The clock moves 20 seconds each time it is read: at the start, when
	// a question is shown and when its answer comes. Answers come at 40 s
	// and 80 s; the third comes at 120 s, the end of the 2 minutes, too
	// late to count.
	opts.Now = tickingClock(fixedNow, 20*time.Second)
	err := runExam(context.Background(), opts)
	var ce *codeError
	require.ErrorAs(t, err, &ce, run.out.String())
	out := run.out.String()
	assert.Contains(t, out, "[00:20 left] Question 3 of 8")
	assert.NotContains(t, out, "Question 4 of 8")
	assert.Contains(t, out, "Time is up.")
	assert.Contains(t, out, "right    2 of 8 (25.0 %); 2 answered")
	assert.Equal(t, 6, strings.Count(out, "(not answered: the time ran out)"))
}

func TestExamQuitIsKeptAsAbandoned(t *testing.T) {
	db := progressStore(t)
	// q asks "submit now?" (1 submits); the end of the input submits too.
	// Either way the result of what was answered is shown.
	for _, tt := range []struct{ name, tail string }{{"q", "q\n1\n"}, {"end of input", ""}} {
		t.Run(tt.name, func(t *testing.T) {
			opts, run := examOpts(t, db, "", 5, 30)
			_, script := examScript(t, opts, func(int) bool { return true })
			lines := strings.SplitAfter(script, "\n")
			opts.IO.In = strings.NewReader(lines[0] + lines[1] + tt.tail)
			require.NoError(t, runExam(context.Background(), opts))
			assert.Contains(t, run.out.String(), "Exam ended early with 2 of 5 questions answered; kept as abandoned")
			assert.Contains(t, run.out.String(), "── Result ──\nright    2 of 5 (40.0 %); 2 answered")
		})
	}
	st, err := store.Open(context.Background(), db)
	require.NoError(t, err)
	defer st.Close()
	exams, err := st.ExamResults(context.Background(), fixedNow.Add(-time.Minute))
	require.NoError(t, err)
	require.Len(t, exams, 2)
	for _, e := range exams {
		assert.True(t, e.Finished.IsZero(), "abandoned")
	}
}

func TestExamAnswersCountAsAccuracyInReadiness(t *testing.T) {
	db := progressStore(t)
	opts, _ := examOpts(t, db, "", 8, 30)
	form, script := examScript(t, opts, func(i int) bool { return i%2 == 0 })
	opts.IO.In = strings.NewReader(script)
	_ = runExam(context.Background(), opts)
	perArea := map[string][2]int{}
	for i, q := range form {
		c := perArea[q.Card.Area]
		c[1]++
		if i%2 == 0 {
			c[0]++
		}
		perArea[q.Card.Area] = c
	}

	po, run := progressOpts(t, db, false, nil)
	ro := &readinessOptions{Factory: po, Seed: 1, Sims: 100, ReadyAt: 0, JSON: true}
	require.NoError(t, runReadiness(context.Background(), ro))
	var rep struct {
		Objectives []struct {
			Areas []struct {
				ID       string `json:"id"`
				Accuracy struct {
					ExamRight   int `json:"exam_right"`
					ExamAnswers int `json:"exam_answers"`
				} `json:"accuracy"`
			} `json:"areas"`
		} `json:"objectives"`
	}
	require.NoError(t, json.Unmarshal(run.out.Bytes(), &rep))
	// The fixture's own exam: volumes 1 of 2, arch 1 of 1; its unanswered
	// question and the abandoned exam count for nothing.
	fixture := map[string][2]int{"volumes": {1, 2}, "arch": {1, 1}}
	for _, a := range rep.Objectives[4].Areas {
		c, f := perArea[a.ID], fixture[a.ID]
		assert.Equal(t, c[0]+f[0], a.Accuracy.ExamRight, a.ID)
		assert.Equal(t, c[1]+f[1], a.Accuracy.ExamAnswers, a.ID)
	}
}

func TestExamRefusesBadFlags(t *testing.T) {
	for _, tt := range []struct {
		args []string
		err  string
	}{
		{[]string{"--questions", "0"}, "--questions: 0 is not a number of questions"},
		{[]string{"--minutes", "-1"}, "--minutes: -1 is not a number of minutes"},
		{[]string{"--area", "swarm"}, `--area: no knowledge area "swarm"`},
		{[]string{"--questions", "5000"}, "only"},
		{[]string{"--mix", "fill"}, "--mix:"},
	} {
		app, _, errOut := testApp(t, "")
		code := Run(context.Background(), append([]string{"exam", "--db", t.TempDir() + "/db"}, tt.args...), app)
		assert.Equal(t, ExitUsage, code, "%v: %s", tt.args, errOut)
		assert.Contains(t, errOut.String(), tt.err)
	}
}
