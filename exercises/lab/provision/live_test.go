//go:build unix

package provision

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/moby/moby/api/types/image"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// liveEnv names the token TestHelperProcessMarksLive marks live, in a
// child process of TestLiveEndsWithTheMarkingProcess.
const liveEnv = "DOCKDRILL_TEST_MARK_LIVE"

// TestHelperProcessMarksLive is not a test: run as a child process with
// liveEnv set, it marks the token live, says so, and waits until it is
// killed or its stdin closes.
func TestHelperProcessMarksLive(t *testing.T) {
	token := os.Getenv(liveEnv)
	if token == "" {
		return
	}
	if err := MarkLive(token); err != nil {
		os.Exit(2)
	}
	os.Stdout.WriteString("marked\n")
	os.Stdin.Read(make([]byte, 1))
	os.Exit(0)
}

// isolateLocks points the lock files at the test's own directory.
func isolateLocks(t *testing.T) { t.Setenv("TMPDIR", t.TempDir()) }

func TestLiveEndsWithTheMarkingProcess(t *testing.T) {
	isolateLocks(t)
	token := "a1b2c3"
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcessMarksLive$")
	cmd.Env = append(os.Environ(), liveEnv+"="+token)
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { stdin.Close(); cmd.Process.Kill(); cmd.Wait() })
	buf := make([]byte, 7)
	_, err = out.Read(buf)
	require.NoError(t, err)
	require.Equal(t, "marked\n", string(buf))

	run := token + "d4e5f6"
	assert.True(t, Live(run), "the process that marked %s runs", token)
	assert.True(t, Live(run), "asking does not end it")

	// Killed, not ended politely: the kernel lets go of its lock.
	require.NoError(t, cmd.Process.Kill())
	cmd.Wait()
	assert.False(t, Live(run), "the process was killed")
	assert.NoFileExists(t, liveLockPath(token), "the ended process's lock file is removed")
}

func TestLiveIsFalseForRunsNoProcessMarked(t *testing.T) {
	isolateLocks(t)
	for _, run := range []string{"", "abc", "0123456789ab"} {
		assert.False(t, Live(run), "run %q", run)
	}
	// A lock file nobody holds is what an ended process leaves.
	path := liveLockPath("fedcba")
	require.NoError(t, os.WriteFile(path, nil, 0o644))
	assert.False(t, Live("fedcba000000"))
	assert.NoFileExists(t, path)
}

func TestImageRunsFindsTheRunInLabelsAndNames(t *testing.T) {
	tests := []struct {
		name string
		img  image.Summary
		want []string
	}{
		{"labelled", image.Summary{Labels: map[string]string{LabelRun: "0123456789ab"}}, []string{"0123456789ab"}},
		{"ImageRef's tag", image.Summary{RepoTags: []string{"dockdrill-proof/cache-v1:0123456789ab"}}, []string{"0123456789ab"}},
		{"Lab.Name on a registry", image.Summary{RepoTags: []string{"127.0.0.1:35123/lab/dd-0123456789ab-app:v1"}}, []string{"0123456789ab"}},
		{"Lab.Name as a digest", image.Summary{RepoDigests: []string{"dd-0123456789ab-app@sha256:" + sixtyFour}}, []string{"0123456789ab"}},
		{"a proof repository's other tag", image.Summary{RepoTags: []string{"dockdrill-proof/cache-v1:latest"}}, nil},
		{"the learner's", image.Summary{RepoTags: []string{"myapp:dd-1", "dd-cache:1"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, imageRuns(tt.img))
		})
	}
}

func TestSplitLiveKeepsALiveRunsImagesAndWhatTheyAreBuiltOn(t *testing.T) {
	isolateLocks(t)
	token := "5a5a5a"
	require.NoError(t, MarkLive(token))
	live, dead := token+"000001", "deadbe000001"
	shell := image.Summary{ID: "sha256:shell", RepoTags: []string{"dockdrill-lab/shell:latest"}, Labels: map[string]string{LabelRole: "shell"}}
	step := image.Summary{ID: "sha256:step", ParentID: "sha256:shell", RepoTags: []string{"<none>:<none>"}, Labels: map[string]string{LabelRole: "shell"}}
	running := image.Summary{ID: "sha256:running", ParentID: "sha256:step", RepoTags: []string{"dockdrill-proof/app:" + live}}
	ended := image.Summary{ID: "sha256:ended", ParentID: "sha256:shell", RepoTags: []string{"dockdrill-proof/app:" + dead}}
	stray := image.Summary{ID: "sha256:stray", ParentID: "sha256:shell", Labels: map[string]string{LabelRole: "shell"}}

	kept, idle := SplitLive([]image.Summary{shell, step, running, ended, stray})
	assert.Equal(t, []string{"image dockdrill-proof/app:" + live}, kept)
	var ids []string
	for _, img := range idle {
		ids = append(ids, img.ID)
	}
	assert.Equal(t, []string{"sha256:ended", "sha256:stray"}, ids,
		"the live image, its build step and the lab image under them stay")
}

func TestEndLiveRemovesTheMarks(t *testing.T) {
	isolateLocks(t)
	token := "e1e1e1"
	require.NoError(t, MarkLive(token))
	require.True(t, Live(token+"000000"))
	EndLive()
	assert.NoFileExists(t, liveLockPath(token))
	assert.False(t, Live(token+"000000"))
}

func TestMarkLiveSweepsTheMarksOfEndedProcesses(t *testing.T) {
	isolateLocks(t)
	token := "b0b0b0"
	ended := liveLockPath("0e0e0e")
	require.NoError(t, os.WriteFile(ended, nil, 0o644))
	require.NoError(t, MarkLive(token))
	t.Cleanup(EndLive)
	assert.NoFileExists(t, ended, "nobody held it: its process had ended")
	assert.FileExists(t, liveLockPath(token))
}

func TestLockFilesLiveInTheTempDir(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	assert.Equal(t, filepath.Join(dir, "dockdrill-live-abcdef.lock"), liveLockPath("abcdef"))
}
