package images_test

import (
	"testing"

	"github.com/dockdrill/dockdrill/exercises/lab"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestImagePruneRemovesDanglingImagesAndWithAllEveryUnusedOne prunes only
// the images this test labelled: without -a the dangling one goes, with -a
// every image no container uses, but not one a stopped container uses.
func TestImagePruneRemovesDanglingImagesAndWithAllEveryUnusedOne(t *testing.T) {
	t.Parallel()
	l := lab.Begin(t)
	mine := "label=" + lab.LabelRun + "=" + l.RunID() // never anybody else's images
	labelled := func(ref, stamp string) string {
		t.Helper()
		return l.Build(ref, map[string]string{
			"Dockerfile": "FROM " + l.Image(lab.Shell) + "\nCOPY stamp /stamp\n",
			"stamp":      l.Name(stamp) + "\n",
		}, l.BuildLabelArgs()...)
	}
	app := l.ImageRef("app")
	old := labelled(app, "old")
	rebuilt := labelled(app, "new") // the tag moves on: old is dangling
	unused := labelled(l.ImageRef("unused"), "unused")
	used := labelled(l.ImageRef("used"), "used")
	l.MustDocker(append(append([]string{"create"}, l.LabelArgs()...), used, "true")...) // a stopped container uses it

	require.NotEqual(t, old, rebuilt)
	assert.Equal(t, old, l.MustDocker("images", "--no-trunc", "--quiet", "--filter", "dangling=true", "--filter", mine),
		"the old build lost its tag: <none>:<none>, dangling")

	present := func() map[string]bool {
		p := map[string]bool{}
		for _, id := range []string{old, rebuilt, unused, used} {
			p[id] = !absent(l, id)
		}
		return p
	}

	// Without -a: only the dangling image.
	l.MustDocker("image", "prune", "--force", "--filter", mine)
	assert.Equal(t, map[string]bool{old: false, rebuilt: true, unused: true, used: true}, present())

	// With -a: every image no container uses, tagged or not.
	l.MustDocker("image", "prune", "--all", "--force", "--filter", mine)
	assert.Equal(t, map[string]bool{old: false, rebuilt: false, unused: false, used: true}, present(),
		"an image a stopped container uses stays")
}
