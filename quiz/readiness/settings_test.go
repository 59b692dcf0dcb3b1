package readiness

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dockdrill/dockdrill/deck"
	"github.com/dockdrill/dockdrill/quiz/store"
)

func TestCheckSettingKeepsValidValuesAndNamesTheRule(t *testing.T) {
	set, err := deck.Load(deck.LoadOptions{})
	require.NoError(t, err)
	tests := []struct {
		name, value, want, err string
	}{
		{"exam-date", "2026-12-14", "2026-12-14", ""},
		{"exam-date", "14.12.2026", "", "2026"},
		{"exam-date", "2026-11-30", "", "2026-11-30 is past (today is 2026-12-01)"},
		{"exam-date", "2026-12-01", "2026-12-01", ""},
		{"exam-date", "2026-02-30", "", "2026 has no February 30"},
		{"assume.704.1", "70%", "0.7", ""},
		{"assume.704.1", "0.65", "0.65", ""},
		{"assume.704.1", "1.5", "", `"1.5" is not a share from 0 to 1`},
		{"assume.702.1", "0.5", "", "assume.702.1: the decks cover 702.1, so readiness measures it"},
		{"assume.799.9", "0.5", "", `assume.799.9: exam 701-100 has no objective "799.9"`},
		{"colour", "red", "", `unknown setting "colour"`},
	}
	for _, tt := range tests {
		t.Run(tt.name+"="+tt.value, func(t *testing.T) {
			got, err := CheckSetting(set, tt.name, tt.value, store.Date{Year: 2026, Month: 12, Day: 1})
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				assert.NotContains(t, err.Error(), "--", "a package error names no flag")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestSettingsGiveEstimatesAndTheExamDate(t *testing.T) {
	settings := map[string]string{"assume.704.1": "0.7", "assume.701.4": "65%", "exam-date": "2026-12-14", "other": "x"}
	est, err := Estimates(settings)
	require.NoError(t, err)
	assert.Equal(t, map[string]float64{"704.1": 0.7, "701.4": 0.65}, est)

	d, ok, err := ExamDate(settings)
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, store.Date{Year: 2026, Month: 12, Day: 14}, d)

	_, ok, err = ExamDate(map[string]string{})
	assert.NoError(t, err)
	assert.False(t, ok)

	_, err = Estimates(map[string]string{"assume.704.1": "lots"})
	assert.ErrorContains(t, err, "setting assume.704.1")
	_, _, err = ExamDate(map[string]string{"exam-date": "soon"})
	assert.ErrorContains(t, err, "setting exam-date")
}
