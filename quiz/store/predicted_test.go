package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExamPredictionIsKeptAndOldExamsHaveNone(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dockdrill.db")
	old := openAt(t, path, 2) // before predictions were kept
	_, err := old.db.ExecContext(ctx, `INSERT INTO exam_result
		(started_ms, finished_ms, questions, raw_score, scaled_score, passed) VALUES (?, ?, 20, 12, 480, 0)`,
		t0.UnixMilli(), t0.Add(time.Hour).UnixMilli())
	require.NoError(t, err)
	require.NoError(t, old.Close())

	s, err := Open(ctx, path) // migrates to the newest version
	require.NoError(t, err)
	defer s.Close()
	_, err = s.RecordExam(ctx, ExamResult{Started: t0.Add(2 * time.Hour), Finished: t0.Add(3 * time.Hour),
		Questions: 20, RawScore: 14, Predicted: 15.25, HasPredicted: true})
	require.NoError(t, err)
	got, err := s.ExamResults(ctx, time.Time{})
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.False(t, got[0].HasPredicted, "an exam stored before version 3")
	assert.Zero(t, got[0].Predicted)
	assert.True(t, got[1].HasPredicted)
	assert.Equal(t, 15.25, got[1].Predicted)
}
