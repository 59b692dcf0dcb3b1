package schedule

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/dockdrill/dockdrill/quiz/fsrs"
	"github.com/dockdrill/dockdrill/quiz/store"
)

func TestReadSettingsFillsDefaultsAndNamesABadSetting(t *testing.T) {
	ss, err := ReadSettings(nil, time.UTC)
	require.NoError(t, err)
	assert.Equal(t, fsrs.DefaultParams().DesiredRetention, ss.Params.DesiredRetention)
	assert.Equal(t, fsrs.DefaultExamRetention, ss.Target)
	assert.Equal(t, DefaultExamBuffer, ss.Buffer)
	assert.Equal(t, store.Date{}, ss.ExamDay)

	ss, err = ReadSettings(map[string]string{
		SettingRetention: "92%", SettingExamRetention: "0.95", SettingExamBuffer: "0", SettingExamDate: "2026-12-14",
	}, time.UTC)
	require.NoError(t, err)
	assert.Equal(t, 0.92, ss.Params.DesiredRetention)
	assert.Equal(t, 0.95, ss.Target)
	assert.Equal(t, 0, ss.Buffer, "0 set on purpose stays 0")
	assert.Equal(t, store.Date{Year: 2026, Month: 12, Day: 14}, ss.ExamDay)

	_, err = ReadSettings(map[string]string{SettingRetention: "0.5"}, time.UTC)
	var bad *SettingError
	require.True(t, errors.As(err, &bad), "%v", err)
	assert.Equal(t, SettingRetention, bad.Name)
	assert.EqualError(t, err, `setting retention: "0.5" is not a retention from 0.70 to 0.99`)
}

func TestCheckSettingHandlesOnlyTheSchedulersSettings(t *testing.T) {
	v, handled, err := CheckSetting(SettingParams, "[0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046, 1.54575, 0.1192, 1.01925, 1.9395, 0.11, 0.29605, 2.2698, 0.2315, 2.9898, 0.51655, 0.6621]")
	require.NoError(t, err)
	assert.True(t, handled)
	assert.Contains(t, v, ",0,0.5", "19 FSRS-5 weights are kept as 21")

	_, handled, err = CheckSetting(SettingExamBuffer, "90")
	assert.True(t, handled)
	assert.ErrorContains(t, err, "from 0 to 60")

	_, handled, _ = CheckSetting("assume.704.1", "0.7")
	assert.False(t, handled)
}
