package store

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProofResultsRoundTripAndFilterByTime(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	old := ProofResult{RunID: "run-1", Time: t0.Add(-40 * 24 * time.Hour), Proof: "volumes/TestOld", Passed: true}
	recent := ProofResult{RunID: "run-2", Time: t0, Proof: "volumes/TestNamedVolumeSurvivesRedisRestart",
		CardIDs: []string{"volumes-01", "volumes-02"}, Passed: false, Duration: 3250 * time.Millisecond,
		DockerVersion: "20.10.24", Message: "redis lost its data"}
	for _, p := range []ProofResult{old, recent} {
		_, err := s.RecordProof(ctx, p)
		require.NoError(t, err)
	}
	got, err := s.ProofResults(ctx, t0.Add(-30*24*time.Hour))
	require.NoError(t, err)
	require.Len(t, got, 1)
	recent.ID = got[0].ID
	assert.Equal(t, recent, got[0])

	all, err := s.ProofResults(ctx, time.Time{})
	require.NoError(t, err)
	require.Len(t, all, 2)
	assert.Equal(t, []string{}, all[0].CardIDs, "no cards is an empty list")

	_, err = s.RecordProof(ctx, ProofResult{Time: t0})
	assert.Error(t, err, "a proof needs a name")
}

func TestExamResultsRoundTripWithTheirAnswers(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	e1 := ExamResult{Started: t0, Finished: t0.Add(25 * time.Minute), Questions: 3, RawScore: 2,
		ScaledScore: 600, Passed: true, Answers: []ExamAnswer{
			{CardID: "images-01", Area: "images", Kind: "choice", Given: "docker image ls", Right: true},
			{CardID: "volumes-04", Area: "volumes", Kind: "command", Given: "docker volume rm -f x", Right: false},
			{CardID: "arch-02", Area: "arch", Kind: "multi", Given: "a|c", Right: true},
		}}
	e2 := ExamResult{Started: t0.Add(time.Hour), Questions: 20} // abandoned, no answers
	for _, e := range []ExamResult{e1, e2} {
		_, err := s.RecordExam(ctx, e)
		require.NoError(t, err)
	}
	got, err := s.ExamResults(ctx, time.Time{})
	require.NoError(t, err)
	require.Len(t, got, 2)
	e1.ID, e2.ID = got[0].ID, got[1].ID
	assert.Equal(t, []ExamResult{e1, e2}, got)

	later, err := s.ExamResults(ctx, t0.Add(time.Minute))
	require.NoError(t, err)
	assert.Len(t, later, 1)
}

func TestConfig(t *testing.T) {
	ctx := context.Background()
	s, _ := openTemp(t)
	_, ok, err := s.Config(ctx, "exam-date")
	require.NoError(t, err)
	assert.False(t, ok)

	require.NoError(t, s.SetConfig(ctx, "exam-date", "2026-04-14"))
	require.NoError(t, s.SetConfig(ctx, "exam-date", "2026-04-21"))
	require.NoError(t, s.SetConfig(ctx, "new-per-day", "15"))
	v, ok, err := s.Config(ctx, "exam-date")
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, "2026-04-21", v)

	all, err := s.Configs(ctx)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"exam-date": "2026-04-21", "new-per-day": "15"}, all)

	require.NoError(t, s.DeleteConfig(ctx, "exam-date"))
	require.NoError(t, s.DeleteConfig(ctx, "exam-date"))
	_, ok, err = s.Config(ctx, "exam-date")
	require.NoError(t, err)
	assert.False(t, ok)
	assert.Error(t, s.SetConfig(ctx, "", "x"))
}
