package provision

import (
	"testing"

	"github.com/moby/moby/api/types/image"
	"github.com/stretchr/testify/assert"
)

func TestProofImageKnowsWhatProofsMade(t *testing.T) {
	tests := []struct {
		name string
		img  image.Summary
		want bool
	}{
		{"built with ImageRef", image.Summary{RepoTags: []string{"dockdrill-proof/cache-v1:0123456789ab"}}, true},
		{"untagged, labelled with its run", image.Summary{Labels: map[string]string{LabelRun: "0123456789ab"}}, true},
		{"pulled back from a proof's registry", image.Summary{RepoDigests: []string{"127.0.0.1:35123/lab/dd-0123456789ab-app@sha256:" + sixtyFour}}, true},
		{"tagged for a proof's registry", image.Summary{RepoTags: []string{"127.0.0.1:35123/dockdrill/dd-0123456789ab-app:v1"}}, true},
		{"left by an interrupted build on a lab image", image.Summary{Labels: map[string]string{LabelRole: "shell", LabelRecipe: "0123"}}, true},
		{"the same, listed by an older engine", image.Summary{RepoTags: []string{"<none>:<none>"}, Labels: map[string]string{LabelRole: "shell"}}, true},
		{"a lab role", image.Summary{RepoTags: []string{"dockdrill-lab/redis:latest"}, Labels: map[string]string{LabelRole: "redis"}}, false},
		{"the learner's own image", image.Summary{RepoTags: []string{"myapp:dd-1"}}, false},
		{"an upstream image", image.Summary{RepoTags: []string{"redis:7-alpine"}, RepoDigests: []string{"redis@sha256:" + sixtyFour}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, proofImage(tt.img))
		})
	}
}

const sixtyFour = "0000000000000000000000000000000000000000000000000000000000000000"

func TestImagesToCleanUntagsAProofsNameOnAnImageThatStays(t *testing.T) {
	built := image.Summary{ID: "sha256:built", Created: 2, RepoTags: []string{"dd-0123456789ab-s-hello:1"}, Labels: map[string]string{LabelRole: "shell"}}
	shell := image.Summary{ID: "sha256:shell", Created: 1, RepoTags: []string{"dockdrill-lab/shell:latest", "dd-0123456789ab-s-tools:1.0"},
		RepoDigests: []string{"127.0.0.1:35123/dd-0123456789ab-s-box@sha256:" + sixtyFour}, Labels: map[string]string{LabelRole: "shell"}}
	mine := image.Summary{ID: "sha256:mine", Created: 3, RepoTags: []string{"myapp:1", "dockdrill-proof/app:0123456789ab"}}
	learner := image.Summary{ID: "sha256:learner", RepoTags: []string{"myapp:dd-1"}}

	doomed, untag := ImagesToClean([]image.Summary{built, shell, mine, learner}, false)
	assert.Equal(t, []image.Summary{built}, doomed, "only the image a proof built goes whole")
	assert.Equal(t, []string{"127.0.0.1:35123/dd-0123456789ab-s-box@sha256:" + sixtyFour, "dd-0123456789ab-s-tools:1.0", "dockdrill-proof/app:0123456789ab"}, untag,
		"the lab's shell image and the learner's image lose only the proofs' names")

	doomed, untag = ImagesToClean([]image.Summary{built, shell, learner}, true)
	assert.Equal(t, []image.Summary{built, shell}, doomed, "with --images the lab's image goes whole, proof names and all")
	assert.Empty(t, untag)
}
