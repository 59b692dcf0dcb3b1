package tasktest_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/dockdrill/dockdrill/exercises/lab/provision"
	"github.com/dockdrill/dockdrill/exercises/tasks/tasktest"
	"github.com/moby/moby/client"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTaskProofImagesAreFoundByLabClean performs the solutions of tasks
// that make images (a build, a tag of a lab image, a pull by digest) and
// sees that what lab clean would remove after an interrupted run takes
// every name of this run, and the lab's shell image only loses the names
// the proofs gave it.
func TestTaskProofImagesAreFoundByLabClean(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	for _, name := range []string{"df-cmd", "tag-image", "pull-by-digest"} {
		tasktest.Setup(t, l, name)
	}
	shell := l.Image(lab.Shell)
	imgs, err := l.Client.ImageList(l.Ctx, client.ImageListOptions{})
	require.NoError(t, err)

	doomed, untag := provision.ImagesToClean(imgs.Items, false)
	removed := map[string]bool{}
	for _, img := range doomed {
		assert.NotContains(t, img.RepoTags, shell, "lab clean without --images keeps the lab's shell image")
		for _, ref := range slices.Concat(img.RepoTags, img.RepoDigests) {
			removed[ref] = true
		}
	}
	for _, ref := range untag {
		removed[ref] = true
	}
	run := "dd-" + l.RunID() + "-"
	var ours []string
	for _, img := range imgs.Items {
		for _, ref := range slices.Concat(img.RepoTags, img.RepoDigests) {
			if strings.Contains(ref, run) {
				ours = append(ours, ref)
				assert.True(t, removed[ref], "lab clean removes %s", ref)
			}
		}
	}
	assert.GreaterOrEqual(t, len(ours), 3, "the solutions named a built image, a tag and a pulled digest: %v", ours)
}
